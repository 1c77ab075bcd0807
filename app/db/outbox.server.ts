import type { Sql, TransactionSql } from "./db.server";

export const TOPICS = [
  "lead.index", "lead.match", "space.index", "park.index", "space.match",
  "match.route", "notify.email", "notify.hotline", "notify.wecom", "assignment.sla",
] as const;
export type Topic = (typeof TOPICS)[number];

/**
 * Records work to do, inside the caller's transaction: it happens if and only if the caller's change
 * commits. NOTIFY wakes the relay at commit time.
 */
export async function enqueue(tx: TransactionSql | Sql, topic: Topic, aggregateIds: string[], options: { notBefore?: Date } = {}): Promise<void> {
  if (aggregateIds.length === 0) return;
  const notBefore = options.notBefore ?? null;
  await tx`insert into outbox ${tx(aggregateIds.map((id) => ({ topic, aggregate_id: id, not_before: notBefore })))}`;
  await tx`select pg_notify('outbox', '')`;
}

/** Marks a job's outbox row done; called in the same transaction as the job's own effect. */
export async function markDone(tx: TransactionSql | Sql, outboxId: number): Promise<void> {
  await tx`update outbox set done_at = now() where id = ${outboxId} and done_at is null`;
}
