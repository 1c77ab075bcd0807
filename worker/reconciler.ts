import type { Sql } from "~/db/db.server";
import { errorMessage, log } from "~/utils/log.server";

import { jobIdFor, type PipelineQueue } from "./queue";

/**
 * Failed rounds (a job that used up its BullMQ attempts: 30, ~20 minutes of backoff) that count against
 * a row before it ends as a dead letter (docs/decisions/077). A round counts only while the pipeline
 * works (see `reconcileOnce`), so five of them are ~150 attempts over 1½ hours or more in which the row's
 * job failed and others of its kind did not.
 */
export const DEAD_AFTER_STRIKES = 5;

/**
 * How far back (outbox rows, newest first) the reconciler looks for a row of a topic done since a
 * failing row's last strike: a bound on the cost of that look-up (it runs once a topic a pass, and only
 * when a job failed). A topic with no row done among the newest this many counts no strike.
 */
export const PROGRESS_WINDOW_ROWS = 10_000;

export type ReconcileOptions = {
  /**
   * Whether the services the jobs need, beyond Postgres and Redis (which this pass just used), answer:
   * Meilisearch. Asked once a pass, only when a job failed; no strike counts when it says no. Default: yes.
   */
  healthy?: () => Promise<boolean>;
  deadAfterStrikes?: number;
};

export type ReconcileResult = { redriven: number; retried: number; struck: number; dead: number };

/**
 * Postgres is the truth. An outbox row that was relayed but is not done, and whose job Redis no longer
 * knows (Redis here forgets everything on a restart), is handed back to the relay. A job that used up
 * its attempts is retried with all of them again: these jobs are idempotent.
 *
 * Not for ever (docs/decisions/077): each time a row's job has failed for good is a round, and a round
 * is a strike against the row only when the pipeline demonstrably works — Meilisearch answers
 * (`options.healthy`), Postgres and Redis answered this pass, and a row of the same topic was done since
 * the row's last strike (or since it was created). An outage stops every job of its kind, so it counts
 * no strike however long it lasts; a row whose job fails while others like it succeed does. After
 * DEAD_AFTER_STRIKES strikes the row is dead: kept, shown to the admin, and not retried any more.
 */
export async function reconcileOnce(
  sql: Sql,
  queue: PipelineQueue,
  graceMs = 5_000,
  options: ReconcileOptions = {},
): Promise<ReconcileResult> {
  const deadAfter = options.deadAfterStrikes ?? DEAD_AFTER_STRIKES;
  // A row relayed in a group is in its group's job (relay_job_key, docs/decisions/073). Fewest attempts
  // first: rows whose jobs fail again and again sink below the rest, so 1,000 of them cannot keep a row
  // Redis forgot out of every pass. Dead rows are ended: nothing relays or retries them.
  const rows = await sql<{ id: number; jobKey: string }[]>`
    select id, coalesce(relay_job_key, job_key) as job_key from outbox
    where done_at is null and relayed_at is not null and dead_at is null
      and relayed_at < now() - make_interval(secs => ${graceMs / 1000})
    order by attempts, id
    limit 1000`;
  const byJob = new Map<string, number[]>();
  for (const row of rows) byJob.set(row.jobKey, [...(byJob.get(row.jobKey) ?? []), Number(row.id)]);
  let redriven = 0;
  let retried = 0;
  let struck = 0;
  let dead = 0;
  // Asked at most once a pass, and only when a job failed.
  let healthy: Promise<boolean> | undefined;
  const isHealthy = () => (healthy ??= (options.healthy ?? (() => Promise.resolve(true)))().catch(() => false));
  const lastDone = new Map<string, Promise<Date | null>>();
  const lastDoneOf = (topic: string) => {
    let at = lastDone.get(topic);
    if (!at) lastDone.set(topic, (at = lastDoneAt(sql, topic)));
    return at;
  };
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
        update outbox set relayed_at = null, relay_job_key = null where id = any(${back}::bigint[]) and done_at is null and dead_at is null`;
      redriven += redrove.count;
    }
    if (lost) continue;
    if (await job.isFailed()) {
      const kept = ids.filter((id) => carried.has(id));
      // A strike when the pipeline works: Meilisearch answers and a row of this topic was done since the row's last strike.
      const progressSince = (await isHealthy()) ? await lastDoneOf(job.name) : null;
      const after = await sql<{ id: string; dead: boolean; struck: boolean }[]>`
        with counted as (
          select id, ${progressSince}::timestamptz is not null and ${progressSince}::timestamptz > coalesce(struck_at, created_at) as strike
          from outbox where id = any(${kept}::bigint[]) and done_at is null and dead_at is null
          for update
        )
        update outbox o set attempts = attempts + ${job.attemptsMade}, last_error = ${job.failedReason ?? null},
          strikes = strikes + case when c.strike then 1 else 0 end,
          struck_at = case when c.strike then now() else struck_at end,
          dead_at = case when c.strike and strikes + 1 >= ${deadAfter} then now() end,
          dead_reason = case when c.strike and strikes + 1 >= ${deadAfter} then 'strikes' end
        from counted c where o.id = c.id
        returning o.id::text, o.dead_at is not null as dead, c.strike as struck`;
      struck += after.filter((r) => r.struck).length;
      const ended = after.filter((r) => r.dead);
      dead += ended.length;
      if (ended.length > 0)
        log.warn("outbox rows dead: their job failed for good too often while the pipeline worked", {
          topic: job.name,
          rows: ended.map((r) => r.id),
          error: job.failedReason,
        });
      // Retried while a row of it lives (a group's dead rows are skipped by its job: leadsToMatch), with
      // all its attempts again, so each round is a full backoff, not one attempt a reconciler pass.
      if (after.length > ended.length) {
        await job.retry("failed", { resetAttemptsMade: true });
        retried += after.length - ended.length;
      }
    }
  }
  if (redriven + retried + dead > 0) log.info("reconciler re-drove outbox rows", { redriven, retried, struck, dead });
  return { redriven, retried, struck, dead };
}

/**
 * When the newest row of `topic` done among the newest PROGRESS_WINDOW_ROWS rows was done by its job's
 * work; null when none of them was. A row its job ended without the work (`skipped`: a closed lead's
 * lead.match, a notice sent already) is no sign that the work succeeds (docs/decisions/080). A backward scan of the primary key, bounded by the window.
 */
async function lastDoneAt(sql: Sql, topic: string): Promise<Date | null> {
  const [row] = await sql<{ at: Date | null }[]>`
    select max(done_at) as at from outbox
    where id > (select coalesce(max(id), 0) from outbox) - ${PROGRESS_WINDOW_ROWS} and topic = ${topic} and done_at is not null
      and not skipped`;
  return row?.at ?? null;
}

export function startReconciler(
  sql: Sql,
  queue: PipelineQueue,
  everyMs: number,
  options: ReconcileOptions = {},
): { stop: () => Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = reconcileOnce(sql, queue, 5_000, options)
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
