import { Redis } from "ioredis";

import { getSql } from "~/db/db.server";

import { singleton } from "./singleton.server";

export type HealthReport = { ok: boolean; components: Record<"postgres" | "redis" | "meilisearch", { ok: boolean; error?: string }> };

// A component that refuses answers at once; only a hung one costs the full wait. The wait is long
// enough that a busy machine (a full CPU, a GC pause) is not reported as a component that is down.
const CHECK_TIMEOUT_MS = 5_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref()),
  ]);
}

function healthRedis(url: string): Redis {
  return singleton("health-redis", () => {
    // Fails fast: a health check must answer even while Redis is away.
    const client = new Redis(url, {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      connectTimeout: CHECK_TIMEOUT_MS,
      lazyConnect: true,
      retryStrategy: (n) => Math.min(n * 200, 2_000),
    });
    client.on("error", () => {});
    return client;
  });
}

/** A connection for one question: no retries, no queue, so a Redis that is down is reported at once. */
function probeRedis(url: string): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: CHECK_TIMEOUT_MS,
    lazyConnect: true,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  return client;
}

async function check(fn: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  try {
    await fn();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export async function checkHealth(env: { REDIS_URL: string; MEILI_URL: string }): Promise<HealthReport> {
  const redis = healthRedis(env.REDIS_URL);
  const [postgres, redisResult, meilisearch] = await Promise.all([
    check(async () => {
      // Answering is not enough: a standby or a database switched to read-only answers every read and
      // refuses every lead (an attack of 2026-12-04 saw "ok" while all intake answered 503).
      const [row] = await withTimeout(
        getSql()<
          { recovery: boolean; readOnly: string }[]
        >`select pg_is_in_recovery() as recovery, current_setting('transaction_read_only') as read_only`,
        CHECK_TIMEOUT_MS,
        "postgres",
      );
      if (row.recovery || row.readOnly === "on") throw new Error("read-only: no lead can be stored");
    }),
    check(async () => {
      if (redis.status === "wait" || redis.status === "end") await withTimeout(redis.connect(), CHECK_TIMEOUT_MS, "redis");
      // The kept client may sit in its reconnect backoff (up to 2 s) after Redis came back: it would
      // fail at once without asking Redis. Then a one-off connection asks, so the answer is Redis's own.
      const client = redis.status === "ready" ? redis : probeRedis(env.REDIS_URL);
      try {
        if (client !== redis) await withTimeout(client.connect(), CHECK_TIMEOUT_MS, "redis");
        const pong = await withTimeout(client.ping(), CHECK_TIMEOUT_MS, "redis");
        if (pong !== "PONG") throw new Error(`unexpected reply ${pong}`);
      } finally {
        if (client !== redis) client.disconnect();
      }
    }),
    check(async () => {
      const res = await fetch(`${env.MEILI_URL}/health`, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    }),
  ]);
  const components = { postgres, redis: redisResult, meilisearch };
  return { ok: postgres.ok && redisResult.ok && meilisearch.ok, components };
}
