import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

import { databaseName, getWebEnv } from "./env.server";
import { singleton } from "./singleton.server";

// Rate limits and guessing limits, shared by every web process of one deployment through Redis
// (rate-limiter-flexible: one atomic INCR per point), with an in-memory limiter per process that
// still limits while Redis is away, so intake and sign-in never depend on Redis (docs/decisions/020).

/** A budget: `points` per `durationSec` for each key. */
export type Limit = { name: string; points: number; durationSec: number };
export type LimitResult = { ok: true } | { ok: false; retryAfterSec: number };

/**
 * The web's fail-fast Redis client for limits: no offline queue, so a Redis outage costs no wait.
 * The web server calls this at start, so the first requests find it connected (until then, and
 * whenever Redis is away, each process counts in its own memory).
 */
export function limitsRedis(): Redis {
  return singleton("limits-redis", () => {
    const client = new Redis(getWebEnv().REDIS_URL, {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      connectTimeout: 1_000,
      commandTimeout: 1_000,
      retryStrategy: (n) => Math.min(n * 200, 2_000),
    });
    client.on("error", () => {}); // the insurance limiter answers meanwhile
    return client;
  });
}

/**
 * Redis keys are `<QUEUE_PREFIX>:rl:<database>:<limit>:<key>`: processes of one deployment (one
 * database) share them, another deployment on the same Redis does not — not even one given the same
 * QUEUE_PREFIX by hand. Like every key of the installation, they start with its prefix (docs/decisions/082).
 */
export function limitsNamespace(env: { QUEUE_PREFIX: string; DATABASE_URL: string } = getWebEnv()): string {
  return `${env.QUEUE_PREFIX}:rl:${databaseName(env.DATABASE_URL)}`;
}

type Limiters = { shared: RateLimiterRedis; local: RateLimiterMemory };

/**
 * Each budget is kept twice: in Redis, shared by the processes, and in this process's memory. Both
 * are consulted on every request. The library's usual arrangement (memory only as the
 * `insuranceLimiter` when a Redis call fails) let 15 of 60 parallel guesses through on a loaded
 * machine: calls that timed out were counted in memory, the others in Redis, each against its own 10.
 */
function limiters(limit: Limit): Limiters {
  return singleton(`limiter:${limit.name}:${limit.points}:${limit.durationSec}`, () => {
    const keyPrefix = `${limitsNamespace()}:${limit.name}`;
    return {
      shared: new RateLimiterRedis({
        storeClient: limitsRedis(),
        keyPrefix,
        points: limit.points,
        duration: limit.durationSec,
        rejectIfRedisNotReady: true, // not connected → no verdict at once, no timeout to wait out
      }),
      local: new RateLimiterMemory({ keyPrefix, points: limit.points, duration: limit.durationSec }),
    };
  });
}

function retryAfter(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/**
 * Takes one point from `key`'s budget before the caller does the thing it limits, so concurrent
 * requests cannot all pass a check made before any of them is counted: from this process's memory
 * first, then from the budget in Redis that every process shares (skipped while Redis is away or
 * slow: the memory still limits). `{ok: false, retryAfterSec}` when a budget is spent (the point is
 * counted anyway; it expires with the window).
 */
export async function consume(limit: Limit, key: string): Promise<LimitResult> {
  const { shared, local } = limiters(limit);
  try {
    await local.consume(key, 1);
  } catch (res) {
    if (res instanceof RateLimiterRes) return { ok: false, retryAfterSec: retryAfter(res) };
    throw res;
  }
  return consumeShared(limit, shared, key);
}

type SharedCall = { waiting: ((result: LimitResult) => void)[] };
const sharedCalls = new Map<string, SharedCall>();

/**
 * One point from the shared budget in Redis. While a call for this budget and key is in flight, the
 * requests that arrive wait and are counted together by the next call (`consume(key, n)`, one round
 * trip for n points), then decided in arrival order exactly as n calls one after another would be:
 * the i-th of n passes when the count before the call plus i stays within the budget. A client that
 * sends many requests at once (a partner's integration, the intake bench) costs one Redis call per
 * round trip instead of one per request (docs/decisions/039); the counts in Redis are the same.
 *
 * The first call is sent from `setImmediate`, after the event loop has read every request that was
 * ready in this turn, not at once: the requests of one turn then share a call too. Sent at once,
 * Redis answered before the next turn and each request paid a socket write of its own, the largest
 * single cost of the web process under `POST /api/leads` (docs/benchmarks.md, Intake, 2026-12-01
 * evening). The wait is the rest of the current turn, well under a millisecond.
 */
function consumeShared(limit: Limit, shared: RateLimiterRedis, key: string): Promise<LimitResult> {
  const id = `${limit.name}:${limit.points}:${limit.durationSec}\u0000${key}`;
  return new Promise<LimitResult>((resolve) => {
    const call = sharedCalls.get(id);
    if (call) return void call.waiting.push(resolve);
    const started: SharedCall = { waiting: [resolve] };
    sharedCalls.set(id, started);
    setImmediate(() => void drainShared(id, started, shared, key, limit.points));
  });
}

async function drainShared(id: string, call: SharedCall, shared: RateLimiterRedis, key: string, points: number) {
  try {
    while (call.waiting.length > 0) {
      const batch = call.waiting.splice(0);
      let total: number | null = null; // the budget's count after this call; null: Redis away
      let res: RateLimiterRes | null = null;
      try {
        res = await shared.consume(key, batch.length);
        total = res.consumedPoints;
      } catch (error) {
        if (error instanceof RateLimiterRes) [res, total] = [error, error.consumedPoints];
      }
      for (const [i, resolve] of batch.entries()) {
        // Redis away: this process's own count has decided.
        if (total === null || res === null || total - batch.length + i + 1 <= points) resolve({ ok: true });
        else resolve({ ok: false, retryAfterSec: retryAfter(res) });
      }
    }
  } finally {
    sharedCalls.delete(id);
  }
}

/** Consumes from every budget (all of them, even after one refused) and refuses if any is spent, with the longest wait. */
export async function consumeAll(budgets: [Limit, string][]): Promise<LimitResult> {
  const results = await Promise.all(budgets.map(([limit, key]) => consume(limit, key)));
  const refused = results.filter((r): r is { ok: false; retryAfterSec: number } => !r.ok);
  return refused.length === 0 ? { ok: true } : { ok: false, retryAfterSec: Math.max(...refused.map((r) => r.retryAfterSec)) };
}

/** Gives a consumed point back (a guess that turned out right is not a failure). */
export async function giveBack(limit: Limit, key: string): Promise<void> {
  const { shared, local } = limiters(limit);
  await Promise.all([local.reward(key, 1).catch(() => {}), shared.reward(key, 1).catch(() => {})]);
}

/**
 * A minute's leads sent per client address (`API_RATE_LIMIT_PER_MINUTE`, default 60): one budget for the
 * JSON intake (`POST /api/leads`) and the form (`POST /`) together, so an address never gets the sum of two
 * (ADR 020; ADR 156 DECISION: two budgets of 30 let one address send 60 by using both, while the people of
 * one office or venue behind one address, all on the form, had 30).
 */
export function intakeLimit(): Limit {
  return { name: "intake", points: getWebEnv().API_RATE_LIMIT_PER_MINUTE, durationSec: 60 };
}

/**
 * Guessing budgets (ADR 020). A failure window of `AUTH_LIMIT_WINDOW_SECONDS` (default 15 min):
 * - the admin token (machines only, ADR 025) is one secret, so its wrong guesses share one budget
 *   whatever the path (/api/*, /metrics, the request gate) or address: 20 per window, then every use
 *   of the token, right or wrong, waits for the window to pass;
 * - staff sign-in: 10 failures per account per window from all addresses together, 300 failures a
 *   window over all accounts (spraying one password at many accounts), 60 tries a minute per address;
 *   a browser that signed in as the account before (app/auth/known-device.server.ts, ADR 182) counts its
 *   failures for it apart, 10 per window for that browser and account, so strangers spending the first two
 *   budgets do not lock the person out of their own browser.
 */
export function authLimits() {
  const window = getWebEnv().AUTH_LIMIT_WINDOW_SECONDS;
  return {
    adminTokenFailures: { name: "admin-token-failures", points: 20, durationSec: window },
    staffAccountFailures: { name: "staff-login-account", points: 10, durationSec: window },
    staffAllFailures: { name: "staff-login-all", points: 300, durationSec: window },
    staffDeviceFailures: { name: "staff-login-device", points: 10, durationSec: window },
    staffAddress: { name: "staff-login-address", points: 60, durationSec: 60 },
  } satisfies Record<string, Limit>;
}

/**
 * Public lookups by something that can be guessed (ADR 102): a confirmation page `/inquiry/<reference>`
 * (references are counted) and a shortlist `/s/<token>`. 20 per address per `AUTH_LIMIT_WINDOW_SECONDS`,
 * taken before the lookup; a lookup that brought the right key or token gives its point back, so the
 * person who holds the link is never limited, while walking the references is.
 */
export function lookupLimit(): Limit {
  return { name: "public-lookup", points: 20, durationSec: getWebEnv().AUTH_LIMIT_WINDOW_SECONDS };
}

/**
 * The hotline desk's live lookups (`POST /hotline/callers`, `/hotline/matches`; ADR 088, 163): each signed-in
 * account has `DESK_LOOKUP_RATE_PER_MINUTE` (default 240) a minute of each, counted per account, not per address
 * (a call centre's agents share one), shared by the web processes like every budget here. A person typing sends
 * one lookup per pause of 150 ms (300 ms for the dry run): a busy agent stays far below; a script walking the
 * callers through a session does not (docs/decisions/167).
 */
export function deskLookupLimit(lookup: "callers" | "matches"): Limit {
  return { name: `desk-lookup-${lookup}`, points: getWebEnv().DESK_LOOKUP_RATE_PER_MINUTE, durationSec: 60 };
}

export type WebContext = { clientIp?: string };

export function clientKey(context: unknown): string {
  return (context as WebContext | undefined)?.clientIp ?? "unknown";
}
