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
    // A job whose lock lapsed is looked for every second, not every lock (30 s): a test that kills a worker, or starts
    // one on a queue another worker used, waits for the lock alone (ADR 181). The stalled-check key a check leaves
    // lives one interval, so a worker with the default kept the next one on its queue from checking for 30 s.
    stalledCheckMs: 1_000,
    relayPollMs: 200,
    reconcileEveryMs: 500,
    backoffBaseMs: 100,
    backoffCapMs: 1_000,
    noticeRetryBaseMs: 100,
    noticeRetryCapMs: 1_000,
    ...overrides,
  });
}
