import { cappedList } from "~/db/capped-list.server";
import { inOneSnapshot, type Sql, type TransactionSql } from "~/db/db.server";
import { formatPhoneForDisplay, telHref } from "~/domain/phone";
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
  /** The number's tel: link (telHref), null when it is no number we dial. */
  phoneDial: string | null;
  script: string;
  status: CallTaskStatus;
  dueAt: string;
  due: boolean;
  attempts: number;
};

/** The open call tasks, each script in `lng` (a task opened before migration 058 has only the Chinese one). */
export async function loadOpenCallTasks(sql: Sql, lng: Lng, limit = 100): Promise<{ total: number; rows: CallTaskRow[] }> {
  // One definition of an open call task for every count (this list, /admin, the dashboard, /metrics):
  // status open or no-answer. A task the lead or its assignment no longer needs is closed by a trigger in
  // that change's transaction — a hand-over when its offer moved on (migration 090, docs/decisions/114), a
  // call-back when the lead got a live match (migration 092, docs/decisions/116; reopened by routeLead
  // when the lead is left with none) — so no filter here hides what another count shows.
  // The count and the rows in one snapshot (docs/decisions/170): a task closed between them showed "3 in all" over two.
  return inOneSnapshot(sql, (tx) => openCallTasks(tx, lng, limit));
}

async function openCallTasks(sql: TransactionSql, lng: Lng, limit: number): Promise<{ total: number; rows: CallTaskRow[] }> {
  const current = sql`c.status in ('open', 'no-answer')`;
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
      phone: formatPhoneForDisplay(r.phone, lng),
      phoneDial: telHref(r.phone),
      script: lng === "en" ? (r.scriptEn ?? r.script) : r.script,
      status: r.status,
      dueAt: r.dueAt.toISOString(),
      due: r.due,
      attempts: r.attempts,
    }),
  );
}
