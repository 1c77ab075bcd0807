import type { Sql, TransactionSql } from "./db.server";

export const TOPICS = [
  "lead.index",
  "lead.match",
  "space.index",
  "park.index",
  "space.match",
  "match.route",
  "notify.email",
  "notify.hotline",
  "notify.wecom",
  "assignment.sla",
  "lead.forget",
] as const;
export type Topic = (typeof TOPICS)[number];

/**
 * Search-index writes are not relayed to BullMQ: the index writer takes them from the outbox in
 * batches, because Meilisearch pays a fixed cost per task, not per document (docs/decisions/013).
 */
export const INDEX_TOPICS = ["lead.index", "space.index", "park.index"] as const satisfies readonly Topic[];
export type IndexTopic = (typeof INDEX_TOPICS)[number];

/**
 * `('lead.index', 'space.index', 'park.index')` as literal SQL: the partial indexes on the outbox
 * (migration 005) name these topics, and only a literal list lets the planner match them.
 */
export function indexTopicsSql(sql: Sql | TransactionSql) {
  return sql.unsafe(`(${INDEX_TOPICS.map((t) => `'${t}'`).join(", ")})`);
}

/**
 * Bulk inventory work: reverse matching after a space (or its park) changed. One import of 20,000 spaces
 * writes 20,000 such rows; nobody is waiting on any one of them. The relay takes them only after the rest
 * of a pass's due rows, and they run in BullMQ below every other job (a job priority), so a new lead's
 * lead.match never waits behind an import (docs/decisions/103). Rows of other topics are bulk when bulk
 * work made them (`EnqueueOptions.bulk`, the outbox's `bulk` column: docs/decisions/155).
 */
export const BULK_TOPICS = ["space.match"] as const satisfies readonly Topic[];

/**
 * The relay's bulk rows as literal SQL, `(bulk or topic in ('space.match'))`: the predicate of the
 * partial index outbox_relay_due_bulk (migration 107), which only a literal list lets the planner match.
 */
export function bulkRowsSql(sql: Sql | TransactionSql) {
  return sql.unsafe(`(bulk or topic in ${topicList(BULK_TOPICS)})`);
}

/**
 * The relay's other rows, the work people wait for, as literal SQL: not bulk and of no index or bulk
 * topic — the predicate of outbox_relay_due (migration 107).
 */
export function urgentRowsSql(sql: Sql | TransactionSql) {
  return sql.unsafe(`(not bulk and topic not in ${topicList([...INDEX_TOPICS, ...BULK_TOPICS])})`);
}

/**
 * Seconds since the earliest row people wait for (urgentRowsSql) came due without the relay taking it; 0 when
 * none. The relay takes such rows within its poll, so one left for minutes means no worker process runs, or none
 * reaches Postgres or Redis (/healthz's `worker`, ADR 214). One probe of outbox_relay_due (migration 107).
 */
export async function dueUntakenSeconds(sql: Sql): Promise<number> {
  const [row] = await sql<{ seconds: number }[]>`
    select extract(epoch from now() - coalesce(not_before, created_at))::float8 as seconds from outbox
    where relayed_at is null and done_at is null and ${urgentRowsSql(sql)}
    order by coalesce(not_before, created_at), id limit 1`;
  return Math.max(0, Math.floor(row?.seconds ?? 0));
}

function topicList(topics: readonly Topic[]) {
  return `(${topics.map((t) => `'${t}'`).join(", ")})`;
}

export function isBulkTopic(topic: string): boolean {
  return (BULK_TOPICS as readonly string[]).includes(topic);
}

export function isIndexTopic(topic: Topic): topic is IndexTopic {
  return (INDEX_TOPICS as readonly Topic[]).includes(topic);
}

/** NOTIFY channels: the relay listens to one, the index writer to the other; neither wakes for the other's work. */
export const OUTBOX_CHANNEL = "outbox";
export const INDEX_CHANNEL = "outbox_index";

/** The NOTIFY channel that wakes whoever takes `topic`'s work: the index writer or the relay. */
export function outboxChannel(topic: Topic): string {
  return isIndexTopic(topic) ? INDEX_CHANNEL : OUTBOX_CHANNEL;
}

export type EnqueueOptions = {
  /** Not before this moment (an SLA deadline). */
  notBefore?: Date;
  /** Not before this many ms from now, on the database's clock (a fallback for work done inline). */
  afterMs?: number;
  /**
   * Made by bulk work (reverse matching of an import: docs/decisions/155): relayed after the work people
   * wait for and run at BULK_PRIORITY, like a BULK_TOPICS row. Ignored for search-index topics (never relayed).
   */
  bulk?: boolean;
};

/**
 * Records work to do, inside the caller's transaction: it happens if and only if the caller's change
 * commits. Work due now wakes the relay or the index writer (NOTIFY at commit); later work is found
 * by their polls once due. Returns the outbox row ids, in the order of `aggregateIds`.
 */
export async function enqueue(
  tx: TransactionSql | Sql,
  topic: Topic,
  aggregateIds: string[],
  options: EnqueueOptions = {},
): Promise<number[]> {
  if (aggregateIds.length === 0) return [];
  const notBefore =
    options.afterMs !== undefined ? tx`now() + ${options.afterMs}::float8 * interval '1 millisecond'` : (options.notBefore ?? null);
  // `bulk` is named only when set (the column's default is false): the statement people's work sends is as before.
  const bulk = options.bulk === true && !isIndexTopic(topic);
  const insert = tx`
    insert into outbox (topic, aggregate_id, not_before${bulk ? tx`, bulk` : tx``})
    select ${topic}::text, aggregate_id, (${notBefore})::timestamptz${bulk ? tx`, true` : tx``}
    from unnest(${aggregateIds}::text[]) with ordinality as a (aggregate_id, n)
    order by n
    returning id`;
  // Work due now: the NOTIFY goes in the same statement (one statement per enqueue, not two; the
  // one-row subquery runs once, and NOTIFY is delivered at commit either way).
  const rows =
    notBefore === null
      ? await tx<{ id: string }[]>`with added as (${insert}) select added.id from added, (${outboxWakeSql(tx, topic)}) wake`
      : await tx<{ id: string }[]>`${insert}`;
  // Ids come from the sequence in the select's order.
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/**
 * markDone as a statement a caller folds into its own (lead.match's last write, after its data-modifying
 * CTE: docs/benchmarks.md, End to end, "Postgres work per lead").
 */
export function outboxDoneCte(tx: TransactionSql | Sql, outboxId: number) {
  return tx`update outbox set done_at = now() where id = ${outboxId} and done_at is null`;
}
/** The NOTIFY that wakes the consumer of `topic` (enqueue sends it in the insert's statement). */
export function outboxWakeSql(tx: TransactionSql | Sql, topic: Topic) {
  return tx`select pg_notify(${outboxChannel(topic)}, '')`;
}

/** Marks a job's outbox row done; called in the same transaction as the job's own effect. */
export async function markDone(tx: TransactionSql | Sql, outboxId: number): Promise<void> {
  await outboxDoneCte(tx, outboxId);
}

/**
 * Marks rows done that their job ended without doing its work: nothing is left to do (a lead closed or
 * erased meanwhile, a notice sent already, an offer answered). `skipped`: such a row is no sign that the
 * job's work succeeds, so the reconciler's progress rule does not count it (docs/decisions/080).
 */
export async function markSkipped(sql: TransactionSql | Sql, outboxIds: number | readonly number[]): Promise<void> {
  const ids = typeof outboxIds === "number" ? [outboxIds] : (outboxIds as number[]);
  if (ids.length === 0) return;
  await sql`update outbox set done_at = now(), skipped = true where id = any(${ids}::bigint[]) and done_at is null`;
}

/** Brings a waiting row forward (inline work failed: let the relay hand it to BullMQ's retries now). */
export async function dueNow(sql: Sql, outboxId: number, afterMs = 0): Promise<void> {
  await sql`update outbox set not_before = now() + ${afterMs}::float8 * interval '1 millisecond' where id = ${outboxId} and done_at is null`;
}

/**
 * Why an outbox row ended as a dead letter (docs/decisions/077): its lead.match row's lead does not exist
 * (no point retrying), or its job failed for good DEAD_AFTER_STRIKES times while the rest of the pipeline worked.
 */
export type OutboxDeadReason = "lead-missing" | "strikes";

/**
 * Ends rows as dead letters: kept (never deleted) and shown on /admin/dead-letters, where an admin can
 * retry them; nothing relays or reconciles them any more. A row done or dead already is left as it is.
 */
export async function markDead(
  sql: TransactionSql | Sql,
  outboxIds: readonly number[],
  reason: OutboxDeadReason,
  error: string,
): Promise<number> {
  if (outboxIds.length === 0) return 0;
  const dead = await sql`
    update outbox set dead_at = now(), dead_reason = ${reason}, last_error = ${error}, relayed_at = coalesce(relayed_at, now())
    where id = any(${outboxIds as number[]}::bigint[]) and done_at is null and dead_at is null`;
  return dead.count;
}

/**
 * A dead row back to work (the admin's retry): a fresh job key (the failed job Redis may still hold
 * keeps its id), a fresh strike count, relayed again now (NOTIFY at commit). Returns the row's topic,
 * or null when it is not dead (done meanwhile, retried already, no such row).
 */
export async function reviveDead(
  tx: TransactionSql,
  outboxId: string,
): Promise<{ topic: Topic; aggregateId: string; deadReason: string | null; lastError: string | null } | null> {
  const [row] = await tx<{ topic: Topic; aggregateId: string; deadReason: string | null; lastError: string | null }[]>`
    with old as (select id, dead_reason from outbox where id = ${outboxId} and dead_at is not null and done_at is null for update)
    update outbox o set dead_at = null, dead_reason = null, strikes = 0, struck_at = null,
                        relayed_at = null, relay_job_key = null, job_key = gen_random_uuid(), not_before = null
    from old where o.id = old.id
    returning o.topic, o.aggregate_id, old.dead_reason, o.last_error`;
  if (!row) return null;
  await tx`${outboxWakeSql(tx, row.topic)}`;
  return row;
}

/**
 * The job keys of a lead's work in BullMQ: of every outbox row about the lead, its notices and its
 * assignments (the search-index rows excepted: they never go through BullMQ; and `lead.forget`, the
 * work of forgetting them), the row's own key and its group's (`relay_job_key`: a grouped lead.match
 * job, whose `items` hold the lead, is named after another lead's row; docs/decisions/073, 096).
 */
export async function jobKeysAboutLead(sql: Sql | TransactionSql, leadId: string): Promise<string[]> {
  const rows = await sql<{ key: string }[]>`
    with about as (
      select ${leadId}::text as id
      union all select id::text from notifications where lead_id = ${leadId}::uuid
      union all select id::text from assignments where lead_id = ${leadId}::uuid)
    select distinct k.key
    from outbox o cross join lateral (values (o.job_key::text), (o.relay_job_key::text)) as k (key)
    where o.aggregate_id in (select id from about) and k.key is not null
      and o.topic not in ${sql([...INDEX_TOPICS, "lead.forget"])}`;
  return rows.map((r) => r.key);
}
