import type { Sql } from "~/db/db.server";
import { errorMessage, log } from "~/utils/log.server";

import { jobIdFor, type PipelineQueue } from "./queue";

/**
 * Postgres is the truth. An outbox row that was relayed but is not done, and whose job Redis no longer
 * knows (Redis here forgets everything on a restart), is handed back to the relay. A job that used up
 * its attempts is retried: these jobs are idempotent, and nothing may stay unfinished.
 */
export async function reconcileOnce(sql: Sql, queue: PipelineQueue, graceMs = 5_000): Promise<{ redriven: number; retried: number }> {
  const rows = await sql<{ id: number; jobKey: string }[]>`
    select id, job_key from outbox
    where done_at is null and relayed_at is not null
      and relayed_at < now() - make_interval(secs => ${graceMs / 1000})
    order by id
    limit 1000`;
  let redriven = 0;
  let retried = 0;
  for (const row of rows) {
    const id = Number(row.id);
    const job = await queue.getJob(jobIdFor(row.jobKey));
    // A completed job whose row is still not done did not do the work (our jobs mark the row in the
    // transaction of their effect; the update below is a no-op if it just did): drop it, re-drive.
    const lost = !job || (await job.isCompleted());
    if (job && lost) await job.remove();
    if (lost) {
      await sql`update outbox set relayed_at = null where id = ${id} and done_at is null`;
      redriven++;
    } else if (await job.isFailed()) {
      await sql`update outbox set attempts = attempts + ${job.attemptsMade}, last_error = ${job.failedReason ?? null} where id = ${id}`;
      await job.retry("failed");
      retried++;
    }
  }
  if (redriven + retried > 0) log.info("reconciler re-drove outbox rows", { redriven, retried });
  return { redriven, retried };
}

export function startReconciler(sql: Sql, queue: PipelineQueue, everyMs: number): { stop: () => Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = reconcileOnce(sql, queue)
      .catch((error) => log.warn("reconcile pass failed", { error: errorMessage(error) }))
      .finally(() => (running = null));
  }, everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
