import { Redis } from "ioredis";

/**
 * BullMQ wants ioredis clients it can block on: no per-request retry limit for workers.
 * Producers (relay, web) fail fast instead of queueing commands while Redis is away:
 * the outbox in Postgres keeps the work, the next relay pass tries again.
 */
export function createRedis(url: string, role: "worker" | "producer"): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: role === "worker" ? null : 1,
    enableOfflineQueue: role === "worker",
    connectTimeout: 2_000,
    lazyConnect: false,
    // Reconnect forever with a gentle cap: Redis coming back must be noticed without a restart.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  client.on("error", () => {
    // Connection errors are expected while Redis restarts; callers see failures on their own calls.
  });
  return client;
}
