import { Queue, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import type { Topic } from "~/db/outbox.server";

// Two lanes, each a queue with one worker dispatching on job.name (the outbox topic): search-index
// writes wait on Meilisearch tasks for hundreds of ms, so they get their own lane and never hold the
// slots that carry a lead to its recruiter (match → route → notify).
export const LANES = ["pipeline", "index"] as const;
export type Lane = (typeof LANES)[number];

export function laneOf(topic: Topic): Lane {
  return topic === "lead.index" || topic === "space.index" || topic === "park.index" ? "index" : "pipeline";
}

export type Queues = Record<Lane, Queue<OutboxJobData>>;


/** Job payloads carry ids only: Redis keeps them in clear text. */
export type OutboxJobData = { outboxId: number; id: string };

/**
 * Derived from the outbox row's random key, so relaying the same row twice is harmless and rows of
 * another database on the same Redis never collide. No ':' and not all digits.
 */
export function jobIdFor(jobKey: string): string {
  return `outbox-${jobKey}`;
}

/** Emails dead-letter after their last attempt; everything else keeps trying (idempotent jobs). */
export function jobOptions(topic: Topic): JobsOptions {
  return {
    attempts: topic === "notify.email" ? 8 : 30,
    backoff: { type: "capped" },
    removeOnComplete: { age: 3600, count: 5000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

export function createQueues(connection: Redis, prefix: string): Queues {
  const queues = {
    pipeline: new Queue<OutboxJobData>("pipeline", { connection, prefix }),
    index: new Queue<OutboxJobData>("index", { connection, prefix }),
  };
  for (const q of Object.values(queues)) q.on("error", () => {});
  return queues;
}

/** Exponential backoff with jitter, capped so a long outage is retried at a steady pace. */
export function cappedBackoff(baseMs: number, capMs: number) {
  return (attemptsMade: number): number => {
    const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attemptsMade - 1));
    return Math.round(exp / 2 + Math.random() * (exp / 2));
  };
}
