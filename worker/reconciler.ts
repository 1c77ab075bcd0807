import type { Sql } from "~/db/db.server";
import { errorMessage, log } from "~/utils/log.server";

import { jobIdFor, type PipelineQueue } from "./queue";

/**
 * Postgres is the truth. An outbox row that was relayed but is not done, and whose job Redis no longer
 * knows (Redis here forgets everything on a restart), is handed back to the relay. A job that used up
 * its attempts is retried: these jobs are idempotent, and nothing may stay unfinished.
 */
export async function reconcileOnce(sql: Sql, queue: PipelineQueue, graceMs = 5_000): Promise<{ redriven: number; retried: number }> {
  // A row relayed in a group is in its group's job (relay_job_key, docs/decisions/073). Fewest attempts
  // first: rows whose jobs fail again and again (a lead that does not exist) sink below the rest, so
  // 1,000 of them cannot keep a row Redis forgot out of every pass.
  const rows = await sql<{ id: number; jobKey: string }[]>`
    select id, coalesce(relay_job_key, job_key) as job_key from outbox
    where done_at is null and relayed_at is not null
      and relayed_at < now() - make_interval(secs => ${graceMs / 1000})
    order by attempts, id
    limit 1000`;
  const byJob = new Map<string, number[]>();
  for (const row of rows) byJob.set(row.jobKey, [...(byJob.get(row.jobKey) ?? []), Number(row.id)]);
  let redriven = 0;
  let retried = 0;
  for (const [jobKey, ids] of byJob) {
    const job = await queue.getJob(jobIdFor(jobKey));
    // A completed job whose row is still not done did not do the work (our jobs mark the row in the
    // transaction of their effect; the update below is a no-op if it just did): drop it, re-drive.
    const lost = !job || (await job.isCompleted());
    if (job && lost) await job.remove();
    // Rows relayed under this id that the job does not carry: a relay pass whose commit failed after
    // Redis took the job, then a pass that took them with rows due since and the same first row (the
    // same id: Redis kept its job). That job never does them (docs/decisions/074).
    const carried = new Set((job?.data.items ?? (job ? [job.data] : [])).map((item) => Number(item.outboxId)));
    const back = lost ? ids : ids.filter((id) => !carried.has(id));
    if (back.length > 0) {
      const redrove = await sql`
        update outbox set relayed_at = null, relay_job_key = null where id = any(${back}::bigint[]) and done_at is null`;
      redriven += redrove.count;
    }
    if (lost) continue;
    if (await job.isFailed()) {
      const kept = ids.filter((id) => carried.has(id));
      await sql`update outbox set attempts = attempts + ${job.attemptsMade}, last_error = ${job.failedReason ?? null} where id = any(${kept}::bigint[])`;
      await job.retry("failed");
      retried += kept.length;
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
