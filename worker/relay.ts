import type { Sql } from "~/db/db.server";
import { bulkRowsSql, OUTBOX_CHANNEL, type Topic, urgentRowsSql } from "~/db/outbox.server";
import { errorMessage, log } from "~/utils/log.server";

import { jobIdFor, jobOptions, type OutboxItem, type OutboxJobData, type PipelineQueue } from "./queue";

const RELAY_BATCH = 200;

/** Rows due within this much are handed to BullMQ as delayed jobs; later ones wait in Postgres. */
export const RELAY_HORIZON_MS = 5_000;

/**
 * Moves due outbox rows into BullMQ (search-index rows excepted: the index writer takes those). Rows
 * are marked relayed in the transaction that commits only after Redis took the jobs, so a Redis outage
 * just leaves them for the next pass.
 */
export async function relayOnce(sql: Sql, queue: PipelineQueue, batch = RELAY_BATCH): Promise<number> {
  return sql.begin(async (tx) => {
    // One statement takes the due rows (locked, earliest due first) and marks them relayed, in this
    // transaction: if Redis does not take the jobs below, the rollback leaves them unrelayed. The
    // lead.match rows due now are cut into groups of LEAD_MATCH_BATCH, each one job whose key is its
    // first row's (`relay_job_key`, what the reconciler looks the job up by: docs/decisions/073).
    // Bulk rows (space.match, and the rows reverse matching made: `bulk`) fill only the room the others
    // leave (docs/decisions/103, 155): with an import's 20,000 due, a lead that arrives is in the next
    // pass, not the hundredth. Each list is read from its own partial index (migration 107). A group of
    // lead.match rows is bulk or not as a whole: its one job has one priority.
    const rows = await tx<
      { id: number; jobKey: string; topic: Topic; aggregateId: string; delayMs: number; relayJobKey: string | null; bulk: boolean }[]
    >`
      with urgent as (
        select id, job_key, topic, aggregate_id, coalesce(not_before, created_at) as due_at, false as bulk,
               greatest(0, coalesce(extract(epoch from (not_before - now())) * 1000, 0))::int as delay_ms
        from outbox
        where relayed_at is null and done_at is null
          and coalesce(not_before, created_at) <= now() + ${RELAY_HORIZON_MS}::float8 * interval '1 millisecond'
          and ${urgentRowsSql(tx)}
        order by coalesce(not_before, created_at), id -- the order of outbox_relay_due: earliest due first
        limit ${batch}
        for update skip locked
      ), bulk as (
        select id, job_key, topic, aggregate_id, coalesce(not_before, created_at) as due_at, true as bulk,
               greatest(0, coalesce(extract(epoch from (not_before - now())) * 1000, 0))::int as delay_ms
        from outbox
        where relayed_at is null and done_at is null
          and coalesce(not_before, created_at) <= now() + ${RELAY_HORIZON_MS}::float8 * interval '1 millisecond'
          and ${bulkRowsSql(tx)}
        order by coalesce(not_before, created_at), id -- the order of outbox_relay_due_bulk
        limit greatest(0, ${batch}::int - (select count(*) from urgent))
        for update skip locked
      ), due as (
        select * from urgent union all select * from bulk
      ), numbered as (
        select due.*, topic = 'lead.match' and delay_ms = 0 as batched,
               (row_number() over (partition by topic = 'lead.match' and delay_ms = 0, bulk order by due_at, id) - 1) / ${LEAD_MATCH_BATCH} as part
        from due
      ), grouped as (
        select numbered.*, case when batched then first_value(job_key) over (partition by batched, bulk, part order by due_at, id) end as relay_job_key
        from numbered
      ), relayed as (
        update outbox o set relayed_at = now(), relay_job_key = g.relay_job_key from grouped g where o.id = g.id returning o.id
      )
      select id, job_key, topic, aggregate_id, delay_ms, relay_job_key, bulk from grouped order by bulk, due_at, id`;
    if (rows.length === 0) return 0;
    await queue.addBulk(jobsOf(rows));
    return rows.length;
  });
}

/** Rows of one lead.match job at most: one Meilisearch call of 3 searches each (two requests at once, ADR 079) and one Postgres statement for their why-not listings (ADR 126). */
export const LEAD_MATCH_BATCH = 20;

/**
 * The BullMQ jobs for relayed rows, in their order: a group of lead.match rows becomes one
 * `lead.match` job with every row in `items` (its id the group's key); a group of one and every other
 * row are a job each, as before.
 */
function jobsOf(
  rows: { id: number; jobKey: string; topic: Topic; aggregateId: string; delayMs: number; relayJobKey: string | null; bulk: boolean }[],
) {
  const groups = new Map<string, OutboxItem[]>();
  for (const r of rows) {
    if (r.relayJobKey === null) continue;
    const group = groups.get(r.relayJobKey) ?? [];
    group.push({ outboxId: Number(r.id), id: r.aggregateId });
    groups.set(r.relayJobKey, group);
  }
  return rows.flatMap((r) => {
    if (r.relayJobKey !== null && r.relayJobKey !== r.jobKey) return []; // in its group's job
    const items = r.relayJobKey === null ? [] : groups.get(r.relayJobKey)!;
    const data: OutboxJobData = { outboxId: Number(r.id), id: r.aggregateId, ...(items.length > 1 ? { items } : {}) };
    return [
      {
        name: r.topic,
        data,
        opts: { ...jobOptions(r.topic, r.bulk), jobId: jobIdFor(r.jobKey), ...(r.delayMs > 0 ? { delay: r.delayMs } : {}) },
      },
    ];
  });
}

/**
 * Relays `lingerMs` after a NOTIFY from an intake transaction (the rows due meanwhile gather into one
 * pass: docs/decisions/073), and polls as a fallback.
 */
export async function startRelay(sql: Sql, queue: PipelineQueue, pollMs: number, lingerMs = 0): Promise<{ stop: () => Promise<void> }> {
  let running = false;
  let lingering: ReturnType<typeof setTimeout> | null = null;
  let again = false;
  let stopped = false;
  const pass = async () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        // A full batch means more may be waiting; otherwise the next NOTIFY (or `again`) brings us back.
        while ((await relayOnce(sql, queue, RELAY_BATCH)) === RELAY_BATCH && !stopped) {
          // keep draining
        }
      } while (again && !stopped);
    } catch (error) {
      log.warn("relay pass failed; rows stay in the outbox", { error: errorMessage(error) });
    } finally {
      running = false;
    }
  };
  const woken = () => {
    if (lingerMs <= 0) return void pass();
    lingering ??= setTimeout(() => {
      lingering = null;
      void pass();
    }, lingerMs);
  };
  const listener = await sql.listen(OUTBOX_CHANNEL, woken).catch((error) => {
    log.warn("outbox LISTEN unavailable; polling only", { error: errorMessage(error) });
    return null;
  });
  const timer = setInterval(() => void pass(), pollMs);
  void pass();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (lingering) clearTimeout(lingering);
      await listener?.unlisten().catch(() => {});
      while (running) await new Promise((r) => setTimeout(r, 10));
    },
  };
}
