import { type JobsOptions, Queue } from "bullmq";
import type { Redis } from "ioredis";

// One BullMQ queue, "pipeline", whose worker dispatches on job.name (the outbox topic). Search-index
// writes do not go through it: the index writer batches them straight from the outbox.
export const QUEUE_NAME = "pipeline";
export type PipelineQueue = Queue<OutboxJobData>;

/** One outbox row's work: the row and the id of what it is about. */
export type OutboxItem = { outboxId: number; id: string };

/**
 * Job payloads carry ids only: Redis keeps them in clear text. A lead.match job may carry the rows of
 * one relay pass in `items` (the first is the job's own `outboxId` and `id`; docs/decisions/073).
 */
export type OutboxJobData = OutboxItem & { items?: OutboxItem[] };

/**
 * Derived from the outbox row's random key, so relaying the same row twice is harmless and rows of
 * another database on the same Redis never collide. No ':' and not all digits.
 */
export function jobIdFor(jobKey: string): string {
  return `outbox-${jobKey}`;
}

/**
 * Jobs are idempotent and keep trying; an email counts its own attempts in Postgres and dead-letters
 * after the last one (notify-email.job.ts). The job that removes an erased lead's job records leaves
 * none of its own once done (docs/decisions/096).
 */
export function jobOptions(topic?: string): JobsOptions {
  return {
    attempts: 30,
    backoff: { type: "capped" },
    removeOnComplete: topic === "lead.forget" ? true : { age: 3600, count: 5000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

export function createQueue(connection: Redis, prefix: string): PipelineQueue {
  const queue = new Queue<OutboxJobData>(QUEUE_NAME, { connection, prefix });
  queue.on("error", () => {}); // connection trouble surfaces where the queue is used
  return queue;
}

/** Exponential backoff with jitter, capped so a long outage is retried at a steady pace. */
export function cappedBackoff(baseMs: number, capMs: number) {
  return (attemptsMade: number): number => {
    const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attemptsMade - 1));
    return Math.round(exp / 2 + Math.random() * (exp / 2));
  };
}
