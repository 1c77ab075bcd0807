import { type JobsOptions, Queue } from "bullmq";
import type { Redis } from "ioredis";

import { isBulkTopic } from "~/db/outbox.server";

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
 * BullMQ priority of bulk inventory work (outbox BULK_TOPICS: space.match; and rows bulk work made, the
 * match.route and lead.match rows of reverse matching: docs/decisions/155). BullMQ takes every job
 * without a priority (its wait list, "priority 0") before any prioritized one, and prioritized ones by
 * number, FIFO within a number (bullmq 6.7 moveToActive: wait list first, then the prioritized set), so a
 * new lead's lead.match, its notices and routing go ahead of an import's 20,000 space.match jobs
 * already waiting (docs/decisions/103). Retries and delayed jobs keep their priority.
 */
export const BULK_PRIORITY = 10;

/**
 * Jobs are idempotent and keep trying; an email counts its own attempts in Postgres and dead-letters
 * after the last one (notify-email.job.ts). Bulk inventory work runs below everything else (BULK_PRIORITY):
 * a BULK_TOPICS job, or one whose outbox row is `bulk` (made by bulk work; docs/decisions/155).
 * The job that removes an erased lead's job records leaves
 * none of its own once done (docs/decisions/096).
 */
export function jobOptions(topic?: string, bulk = false): JobsOptions {
  return {
    attempts: 30,
    backoff: { type: "capped" },
    removeOnComplete: topic === "lead.forget" ? true : { age: 3600, count: 5000 },
    removeOnFail: { age: 7 * 24 * 3600 },
    ...(bulk || (topic !== undefined && isBulkTopic(topic)) ? { priority: BULK_PRIORITY } : {}),
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
