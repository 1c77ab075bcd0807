import type { Sql, TransactionSql } from "~/db/db.server";
import { enqueue } from "~/db/outbox.server";

export type NotificationKind = "assignment" | "reroute-notice" | "escalation" | "wecom";
export type NotificationRow = {
  id: number;
  assignment_id: string | null;
  lead_id: string;
  kind: NotificationKind;
  recipient: string;
  status: string;
  attempts: number;
  /** The lease this sender holds (from claimNotification): its failure updates apply only while it still holds it. */
  lease_token?: string | null;
};

export type NewNotification = {
  assignmentId: string | null;
  leadId: string;
  kind: NotificationKind;
  channel: "email" | "hotline" | "wecom";
  recipient: string;
  dedupeKey: string;
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
  if (n.channel === "wecom") {
    await enqueue(tx, "notify.wecom", await addNotification(tx, n));
    return [];
  }
  const topic = n.channel === "email" ? "notify.email" : "notify.hotline";
  // One statement: the notification and its fallback row (none when the notice already existed).
  const rows = await tx<{ outbox_id: string; notification_id: string }[]>`
    with added as (
      insert into notifications (assignment_id, lead_id, kind, channel, recipient, dedupe_key)
      values (${n.assignmentId}, ${n.leadId}, ${n.kind}, ${n.channel}, ${n.recipient}, ${n.dedupeKey})
      on conflict (dedupe_key) do nothing
      returning id)
    insert into outbox (topic, aggregate_id, not_before)
    select ${topic}, id::text, clock_timestamp() + ${fallbackMs}::float8 * interval '1 millisecond' from added
    returning id as outbox_id, aggregate_id as notification_id`;
  return rows.map((r) => ({ topic, outboxId: Number(r.outbox_id), notificationId: r.notification_id }));
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

/**
 * Takes a notification for sending, under a lease (and counts the attempt): the row when it is ours,
 * "held" while another sender's lease runs, null when it is finished (sent or dead).
 */
export async function claimNotification(sql: Sql, id: string, leaseMs: number): Promise<NotificationRow | "held" | null> {
  const [row] = await sql<(NotificationRow & { mine: boolean })[]>`
    with mine as (
      update notifications set status = 'sending', attempts = attempts + 1, lease_token = gen_random_uuid(),
                               lease_until = clock_timestamp() + ${leaseMs}::float8 * interval '1 millisecond'
      where id = ${id} and status in ('pending', 'sending') and (lease_until is null or lease_until < clock_timestamp())
      returning id, assignment_id, lead_id, kind, recipient, status, attempts, lease_token)
    select *, true as mine from mine
    union all
    select id, assignment_id, lead_id, kind, recipient, status, attempts, null, false from notifications
    where id = ${id} and not exists (select 1 from mine)`;
  if (!row) return null;
  const { mine, ...n } = row;
  if (mine) return n;
  return n.status === "sent" || n.status === "dead" ? null : "held";
}

/** The notification a notify.* job is about, or null when it is already finished (sent or dead). */
export async function openNotification(sql: Sql, id: string): Promise<NotificationRow | null> {
  const [n] = await sql<NotificationRow[]>`
    select id, assignment_id, lead_id, kind, recipient, status, attempts from notifications where id = ${id}`;
  return n && n.status !== "sent" && n.status !== "dead" ? n : null;
}
