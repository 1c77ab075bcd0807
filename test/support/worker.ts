import { inject } from "vitest";

import { type RunningWorker, startWorker, type WorkerConfig } from "../../worker/runtime";

/** The real worker runtime (relay, reconciler, BullMQ worker) with a queue prefix of its own. */
export function startTestWorker(overrides: Partial<WorkerConfig> & { databaseUrl: string }): Promise<RunningWorker> {
  return startWorker({
    redisUrl: "redis://127.0.0.1:6379",
    meiliUrl: inject("meiliUrl"),
    meiliKey: inject("meiliKey"),
    queuePrefix: `pmtest-${Math.random().toString(36).slice(2, 10)}`,
    concurrency: 4,
    relayPollMs: 200,
    reconcileEveryMs: 500,
    backoffBaseMs: 100,
    backoffCapMs: 1_000,
    noticeRetryBaseMs: 100,
    noticeRetryCapMs: 1_000,
    ...overrides,
  });
}
