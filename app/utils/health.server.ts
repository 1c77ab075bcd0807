import { Redis } from "ioredis";

import { getSql } from "~/db/db.server";
import { dueUntakenSeconds } from "~/db/outbox.server";

import { singleton } from "./singleton.server";

type Component = { ok: boolean; error?: string };
/** The app's index uids by kind (search/web-index-names.ts, given by the route: app/utils imports nothing of search/). */
type IndexNames = { leads: string; spaces: string; parks: string };
/**
 * `ok`: every component answers (else 503). `degraded`: each answers, but Meilisearch lacks an index the app
 * needs (`missingIndexes`: leads, spaces, parks — deleted, or Meilisearch started again without its data; the
 * worker fills it again from Postgres, ADR 183): intake still works, matching and search do not until then; or
 * the worker is not taking its work (`worker.behindSeconds`: how long the earliest due row has waited untaken;
 * `worker.ok` false from WORKER_BEHIND_S; ADR 214): leads are kept, nobody is offered them until it runs again. The worker
 * never makes the answer a 503 (this process serves intake without it). Unknown while Postgres is down: no `worker`.
 */
export type HealthReport = {
  ok: boolean;
  degraded: boolean;
  components: {
    postgres: Component;
    redis: Component;
    meilisearch: Component & { missingIndexes?: (keyof IndexNames)[] };
    worker?: Component & { behindSeconds: number };
  };
};

/**
 * A due row left untaken this long (s) says no worker takes work. The relay polls every second or so and takes
 * rows a little before they come due; a worker started again by `npm start` is back within 30 s (ADR 069).
 */
export const WORKER_BEHIND_S = 120;

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

/** The indexes the app needs that Meilisearch says do not exist (404); another answer tells nothing and names none. */
async function missingIndexes(env: HealthEnv): Promise<(keyof IndexNames)[]> {
  const names = env.indexes;
  const kinds = Object.keys(names) as (keyof IndexNames)[];
  const gone = await Promise.all(
    kinds.map(async (kind) => {
      try {
        const res = await fetch(`${env.MEILI_URL}/indexes/${encodeURIComponent(names[kind])}`, {
          headers: env.MEILI_MASTER_KEY ? { Authorization: `Bearer ${env.MEILI_MASTER_KEY}` } : {},
          signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
        });
        await res.body?.cancel();
        return res.status === 404;
      } catch {
        return false;
      }
    }),
  );
  return kinds.filter((_, i) => gone[i]);
}

type HealthEnv = { REDIS_URL: string; MEILI_URL: string; MEILI_MASTER_KEY?: string; indexes: IndexNames };

export async function checkHealth(env: HealthEnv): Promise<HealthReport> {
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
    (async (): Promise<HealthReport["components"]["meilisearch"]> => {
      const answer = await check(async () => {
        const res = await fetch(`${env.MEILI_URL}/health`, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
      });
      return answer.ok ? { ...answer, missingIndexes: await missingIndexes(env) } : answer;
    })(),
  ]);
  const worker = postgres.ok ? await workerTakingWork() : undefined;
  const components = { postgres, redis: redisResult, meilisearch, ...(worker ? { worker } : {}) };
  const ok = postgres.ok && redisResult.ok && meilisearch.ok;
  return { ok, degraded: !ok || (meilisearch.missingIndexes?.length ?? 0) > 0 || worker?.ok === false, components };
}

/** The worker's part (ADR 214); a read that fails or hangs tells nothing and gives none. */
async function workerTakingWork(): Promise<(Component & { behindSeconds: number }) | undefined> {
  try {
    const behindSeconds = await withTimeout(dueUntakenSeconds(getSql()), CHECK_TIMEOUT_MS, "postgres");
    return { ok: behindSeconds < WORKER_BEHIND_S, behindSeconds };
  } catch {
    return undefined;
  }
}
