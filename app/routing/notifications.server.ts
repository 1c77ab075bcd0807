import type { Sql, TransactionSql } from "~/db/db.server";

export type NotificationKind = "assignment" | "reroute-notice" | "escalation" | "wecom";
export type NotificationRow = { id: number; assignment_id: string | null; lead_id: string; kind: NotificationKind; recipient: string; status: string; attempts: number };

/** One row per logical message; a second call with the same key adds nothing (returns no id). */
export async function addNotification(
  tx: TransactionSql,
  n: { assignmentId: string | null; leadId: string; kind: NotificationKind; channel: "email" | "hotline" | "wecom"; recipient: string; dedupeKey: string },
): Promise<string[]> {
  const rows = await tx<{ id: number }[]>`
    insert into notifications (assignment_id, lead_id, kind, channel, recipient, dedupe_key)
    values (${n.assignmentId}, ${n.leadId}, ${n.kind}, ${n.channel}, ${n.recipient}, ${n.dedupeKey})
    on conflict (dedupe_key) do nothing
    returning id`;
  return rows.map((r) => String(r.id));
}

/** The notification a notify.* job is about, or null when it is already finished (sent or dead). */
export async function openNotification(sql: Sql, id: string): Promise<NotificationRow | null> {
  const [n] = await sql<NotificationRow[]>`
    select id, assignment_id, lead_id, kind, recipient, status, attempts from notifications where id = ${id}`;
  return n && n.status !== "sent" && n.status !== "dead" ? n : null;
}
