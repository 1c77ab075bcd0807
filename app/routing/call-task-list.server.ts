import type { Sql } from "~/db/db.server";
import { formatPhoneForDisplay } from "~/domain/phone";

// The hotline's work list: calls that are due first (oldest first), then the ones coming back later.

export type CallTaskRow = {
  id: string; kind: "handover" | "callback" | "escalation"; reference: string; company: string; phone: string; phoneDial: string;
  script: string; status: string; dueAt: string; due: boolean; attempts: number;
};

export async function loadOpenCallTasks(sql: Sql, limit = 100): Promise<{ total: number; rows: CallTaskRow[] }> {
  const [[{ total }], rows] = await Promise.all([
    sql<{ total: number }[]>`select count(*)::int as total from call_tasks where status in ('open', 'no-answer')`,
    sql<{ id: string; kind: CallTaskRow["kind"]; reference: string; company_name: string; phone: string; script: string; status: string; due_at: Date; due: boolean; attempts: number }[]>`
      select c.id, c.kind, l.reference, l.company_name, c.phone, c.script, c.status, c.due_at, c.due_at <= now() as due, c.attempts
      from call_tasks c join leads l on l.id = c.lead_id
      where c.status in ('open', 'no-answer')
      order by c.due_at, c.created_at
      limit ${limit}`,
  ]);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id, kind: r.kind, reference: r.reference, company: r.company_name, phone: formatPhoneForDisplay(r.phone), phoneDial: r.phone.replace(/[^\d+]/g, ""),
      script: r.script, status: r.status, dueAt: r.due_at.toISOString(), due: r.due, attempts: r.attempts,
    })),
  };
}
