import type { Sql, TransactionSql } from "~/db/db.server";
import { enqueue } from "~/db/outbox.server";

export type NotificationKind = "assignment" | "reroute-notice" | "escalation" | "wecom";
export type NotificationRow = { id: number; assignment_id: string | null; lead_id: string; kind: NotificationKind; recipient: string; status: string; attempts: number };

export type NewNotification = {
  assignmentId: string | null; leadId: string; kind: NotificationKind; channel: "email" | "hotline" | "wecom"; recipient: string; dedupeKey: string;
};

/** A notice the worker delivers right after the routing transaction commits. */
export type Notice = { topic: "notify.email" | "notify.hotline"; outboxId: number; notificationId: string };

/**
 * Records a notice to send, in the routing transaction. Email and hotline notices are delivered
 * inline by the worker that routed (deliverNotices); their outbox row is the fallback that hands the
 * notice to a notify.* job if the inline attempt failed or never happened (the worker died), after
 * `fallbackMs`. WeCom posts go through the queue at once: the robot's rate limit sets their pace.
 */
export async function queueNotice(tx: TransactionSql, n: NewNotification, fallbackMs: number): Promise<Notice[]> {
  const ids = await addNotification(tx, n);
  if (n.channel === "wecom") {
    await enqueue(tx, "notify.wecom", ids);
    return [];
  }
  const topic = n.channel === "email" ? "notify.email" : "notify.hotline";
  const outboxIds = await enqueue(tx, topic, ids, { afterMs: fallbackMs });
  return ids.map((notificationId, i) => ({ topic, outboxId: outboxIds[i], notificationId }));
}

/** One row per logical message; a second call with the same key adds nothing (returns no id). */
export async function addNotification(tx: TransactionSql, n: NewNotification): Promise<string[]> {
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
