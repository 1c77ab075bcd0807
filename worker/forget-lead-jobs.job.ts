import type { Sql } from "~/db/db.server";
import { jobKeysAboutLead, markDone } from "~/db/outbox.server";

import { jobIdFor, type OutboxJobData, type PipelineQueue } from "./queue";

/** The BullMQ ids of a lead's jobs (jobKeysAboutLead). */
export async function leadJobIds(sql: Sql, leadId: string): Promise<string[]> {
  return (await jobKeysAboutLead(sql, leadId)).map(jobIdFor);
}

/**
 * `lead.forget`, enqueued by the erasure (anonymise.server.ts; docs/decisions/096): removes the lead's
 * jobs' records from Redis — data, reason, stack, logs — whatever their state. A job running right now
 * cannot be removed: this job fails and is tried again. A waiting job that is removed with rows of
 * other leads in it is not lost: the reconciler relays rows whose job Redis no longer knows.
 */
export async function forgetLeadJobsJob(sql: Sql, queue: PipelineQueue, data: OutboxJobData): Promise<void> {
  let running = 0;
  for (const jobId of await leadJobIds(sql, data.id)) if ((await queue.remove(jobId)) !== 1) running++;
  if (running > 0) throw new Error(`${running} job(s) of the erased lead are running; their records are removed on the next try`);
  await markDone(sql, data.outboxId);
}
