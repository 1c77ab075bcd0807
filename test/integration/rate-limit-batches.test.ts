import { randomUUID } from "node:crypto";

import { RateLimiterRedis } from "rate-limiter-flexible";
import { afterAll, describe, expect, it, vi } from "vitest";

import { consume, limitsNamespace, limitsRedis } from "~/utils/rate-limit.server";

import { eventually } from "../support/services";

// The shared budget in Redis counts requests that arrive while a call for the same client is in flight
// together (one call for n points, docs/decisions/039), and decides them as n calls in a row would.
afterAll(() => {
  limitsRedis().disconnect();
  vi.restoreAllMocks();
});

describe("shared rate limit under concurrent requests of one client", () => {
  it("decides each request in arrival order against the shared count, with fewer Redis calls than requests", async () => {
    await eventually(async () => limitsRedis().status === "ready", "the limits' Redis client", 10_000);
    const limit = { name: `batch-${randomUUID()}`, points: 25, durationSec: 60 };
    // Another web process already spent 20 of the 25 points of this client (this process's memory has not).
    await limitsRedis().set(`${limitsNamespace()}:${limit.name}:client-a`, 20, "PX", 60_000);
    const calls = vi.spyOn(RateLimiterRedis.prototype, "consume");

    const results = await Promise.all(Array.from({ length: 12 }, () => consume(limit, "client-a")));

    expect(results.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => ({ ok: true })));
    for (const r of results.slice(5)) expect(r).toMatchObject({ ok: false, retryAfterSec: expect.any(Number) });
    expect(Number(await limitsRedis().get(`${limitsNamespace()}:${limit.name}:client-a`))).toBe(32); // every request counted
    expect(calls.mock.calls.length).toBeLessThan(12);
    expect(calls.mock.calls.reduce((n, [, points]) => n + Number(points ?? 1), 0)).toBe(12);

    // Another client's budget is its own.
    expect(await consume(limit, "client-b")).toEqual({ ok: true });
  });

  it("counts the requests read in one turn of the event loop with one Redis call", async () => {
    await eventually(async () => limitsRedis().status === "ready", "the limits' Redis client", 10_000);
    const limit = { name: `turn-${randomUUID()}`, points: 100, durationSec: 60 };
    const calls = vi.spyOn(RateLimiterRedis.prototype, "consume");
    calls.mockClear();
    // Ten requests, each from a callback of its own in the same turn (as the HTTP server hands them
    // over): sent at once, the first call went alone and the other nine made a second one.
    // setImmediate, not setTimeout(0): immediates queued together run in one check phase on any
    // machine, while 1 ms timers created across a millisecond boundary fire in different turns (a
    // busy CI machine split them 7 + 3).
    const results = await Promise.all(
      Array.from({ length: 10 }, () => new Promise((resolve) => setImmediate(() => void consume(limit, "client-c").then(resolve)))),
    );
    expect(results).toEqual(Array.from({ length: 10 }, () => ({ ok: true })));
    expect(calls.mock.calls.map(([, points]) => points)).toEqual([10]);
    expect(Number(await limitsRedis().get(`${limitsNamespace()}:${limit.name}:client-c`))).toBe(10);
  });
});
