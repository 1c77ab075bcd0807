import type { Sql } from "~/db/db.server";
import { errorMessage, log } from "~/utils/log.server";
import type { Topic } from "~/db/outbox.server";
import { jobIdFor, jobOptions, laneOf, LANES, type Queues } from "./queue";

/**
 * Moves unrelayed outbox rows into BullMQ. Rows are marked relayed only after Redis took the job,
 * so a Redis outage just leaves them for the next pass.
 */
export async function relayOnce(sql: Sql, queues: Queues, batch = 200): Promise<number> {
  return sql.begin(async (tx) => {
    const rows = await tx<{ id: number; job_key: string; topic: Topic; aggregate_id: string; delay_ms: number }[]>`
      select id, job_key, topic, aggregate_id,
             greatest(0, coalesce(extract(epoch from (not_before - now())) * 1000, 0))::int as delay_ms
      from outbox
      where relayed_at is null
      order by id
      limit ${batch}
      for update skip locked`;
    if (rows.length === 0) return 0;
    for (const lane of LANES) {
      const jobs = rows.filter((r) => laneOf(r.topic) === lane);
      if (jobs.length === 0) continue;
      await queues[lane].addBulk(
        jobs.map((r) => ({
          name: r.topic,
          data: { outboxId: Number(r.id), id: r.aggregate_id },
          opts: { ...jobOptions(r.topic), jobId: jobIdFor(r.job_key), ...(r.delay_ms > 0 ? { delay: r.delay_ms } : {}) },
        })),
      );
    }
    await tx`update outbox set relayed_at = now() where id in ${tx(rows.map((r) => r.id))}`;
    return rows.length;
  });
}

/** Relays on every NOTIFY from an intake transaction, and polls as a fallback. */
export async function startRelay(sql: Sql, queues: Queues, pollMs: number): Promise<{ stop: () => Promise<void> }> {
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
        while ((await relayOnce(sql, queues)) > 0 && !stopped) {
          // keep draining
        }
      } while (again && !stopped);
    } catch (error) {
      log.warn("relay pass failed; rows stay in the outbox", { error: errorMessage(error) });
    } finally {
      running = false;
    }
  };
  const listener = await sql.listen("outbox", () => void pass()).catch((error) => {
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
