import type { Sql } from "~/db/db.server";
import { indexTopicsSql, OUTBOX_CHANNEL, type Topic } from "~/db/outbox.server";
import { errorMessage, log } from "~/utils/log.server";

import { jobIdFor, jobOptions, type PipelineQueue } from "./queue";

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
    // transaction: if Redis does not take the jobs below, the rollback leaves them unrelayed.
    const rows = await tx<{ id: number; jobKey: string; topic: Topic; aggregateId: string; delayMs: number }[]>`
      with due as (
        select id, job_key, topic, aggregate_id, coalesce(not_before, created_at) as due_at,
               greatest(0, coalesce(extract(epoch from (not_before - now())) * 1000, 0))::int as delay_ms
        from outbox
        where relayed_at is null and done_at is null
          and coalesce(not_before, created_at) <= now() + ${RELAY_HORIZON_MS}::float8 * interval '1 millisecond'
          and topic not in ${indexTopicsSql(tx)}
        order by coalesce(not_before, created_at), id -- the order of outbox_relay_due: earliest due first
        limit ${batch}
        for update skip locked
      ), relayed as (
        update outbox o set relayed_at = now() from due where o.id = due.id returning o.id
      )
      select id, job_key, topic, aggregate_id, delay_ms from due order by due_at, id`;
    if (rows.length === 0) return 0;
    await queue.addBulk(
      rows.map((r) => ({
        name: r.topic,
        data: { outboxId: Number(r.id), id: r.aggregateId },
        opts: { ...jobOptions(), jobId: jobIdFor(r.jobKey), ...(r.delayMs > 0 ? { delay: r.delayMs } : {}) },
      })),
    );
    return rows.length;
  });
}

/** Relays on every NOTIFY from an intake transaction, and polls as a fallback. */
export async function startRelay(sql: Sql, queue: PipelineQueue, pollMs: number): Promise<{ stop: () => Promise<void> }> {
  let running = false;
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
  const listener = await sql
    .listen(OUTBOX_CHANNEL, () => void pass())
    .catch((error) => {
      log.warn("outbox LISTEN unavailable; polling only", { error: errorMessage(error) });
      return null;
    });
  const timer = setInterval(() => void pass(), pollMs);
  void pass();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await listener?.unlisten().catch(() => {});
      while (running) await new Promise((r) => setTimeout(r, 10));
    },
  };
}
