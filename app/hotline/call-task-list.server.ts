import { cappedList } from "~/db/capped-list.server";
import type { Sql } from "~/db/db.server";
import { formatPhoneForDisplay } from "~/domain/phone";
import type { CallTaskKind, CallTaskStatus } from "~/domain/statuses";
import type { Lng } from "~/i18n/lng";

// The hotline's work list: calls that are due first (oldest first), then the ones coming back later.

export type CallTaskRow = {
  id: string;
  kind: CallTaskKind;
  leadId: string;
  reference: string;
  company: string;
  phone: string;
  phoneDial: string;
  script: string;
  status: CallTaskStatus;
  dueAt: string;
  due: boolean;
  attempts: number;
};

/** The open call tasks, each script in `lng` (a task opened before migration 058 has only the Chinese one). */
export async function loadOpenCallTasks(sql: Sql, lng: Lng, limit = 100): Promise<{ total: number; rows: CallTaskRow[] }> {
  // A hand-over counts only while its recruiter still holds the offer (a re-route or a decline moved it on);
  // a call-back ("no match yet: clarify the need") only while the lead has no live match (an import or
  // an edited need matched it since; a match withdrawn later brings the call back).
  const current = sql`
    c.status in ('open', 'no-answer')
    and (c.kind <> 'handover' or exists (select 1 from assignments a where a.id = c.assignment_id and a.recruiter_id = c.recruiter_id and a.status = 'offered'))
    and (c.kind <> 'callback' or not exists (select 1 from matches m where m.lead_id = c.lead_id and m.withdrawn_at is null))`;
  return cappedList(
    sql<{ total: number }[]>`select count(*)::int as total from call_tasks c where ${current}`,
    sql<
      {
        id: string;
        kind: CallTaskRow["kind"];
        leadId: string;
        reference: string;
        companyName: string;
        phone: string;
        script: string;
        scriptEn: string | null;
        status: CallTaskStatus;
        dueAt: Date;
        due: boolean;
        attempts: number;
      }[]
    >`
      select c.id, c.kind, c.lead_id, l.reference, l.company_name, c.phone, c.script, c.script_en, c.status, c.due_at, c.due_at <= now() as due, c.attempts
      from call_tasks c join leads l on l.id = c.lead_id
      where ${current}
      order by c.due_at, c.created_at
      limit ${limit}`,
    (r) => ({
      id: r.id,
      kind: r.kind,
      leadId: r.leadId,
      reference: r.reference,
      company: r.companyName,
      phone: formatPhoneForDisplay(r.phone),
      phoneDial: r.phone.replace(/[^\d+]/g, ""),
      script: lng === "en" ? (r.scriptEn ?? r.script) : r.script,
      status: r.status,
      dueAt: r.dueAt.toISOString(),
      due: r.due,
      attempts: r.attempts,
    }),
  );
}
