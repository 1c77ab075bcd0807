import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";

import { createTestDatabase } from "../support/database";
import { startPrivateRedis, startWebServer } from "../support/services";

// Attack 38 (ADR 182): the sign-in guessing budgets (ADR 020) refused the right password too once spent,
// and anyone can spend them — 10 wrong passwords lock an account for the window, 300 over any accounts
// lock every staff member out, with no password known. A browser that signed in as the account before
// now has a budget of its own for it: strangers' guesses do not keep the person out of their own browser,
// while a new browser and the guesser stay locked.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let probe: Redis;
const prefix = `pmlockout-${Math.random().toString(36).slice(2, 8)}`;
const PASSWORD = "correct-horse-battery-staple";

beforeAll(async () => {
  db = await createTestDatabase("sign_in_lockout");
  const hash = await hashPassword(PASSWORD);
  await db.sql`insert into users (email, name, role, password_hash)
               select 'desk' || i || '@example.test', '坐席' || i, 'hotline', ${hash} from generate_series(1, 6) i`;
  redis = await startPrivateRedis();
  web = await startWebServer({ DATABASE_URL: db.url, REDIS_URL: redis.url, LOG_LEVEL: "error", QUEUE_PREFIX: prefix });
  probe = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on("error", () => {});
}, 120_000);
afterAll(async () => {
  probe?.disconnect();
  await web?.stop();
  await redis?.stop();
  await db?.drop();
});

/** A sign-in from `address` (X-Forwarded-For, trusted from loopback) with the browser's cookies. */
function signIn(email: string, password: string, opts: { cookie?: string; address?: string } = {}) {
  return fetch(`${web.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-forwarded-for": opts.address ?? "203.0.113.10",
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
    },
    body: new URLSearchParams({ email, password }),
  });
}

/**
 * The device cookie a sign-in left in the browser, as the browser sends it to /login once the session
 * has ended (signed out, or its 12 hours are over: a signed-in browser posting the form is sent to its desk).
 */
const deviceCookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => c.startsWith("pm_device="))
    .join("; ");

/** Wrong passwords from stranger addresses (a few each, under the 60 a minute per address). */
async function strangersGuess(emails: string[], total: number) {
  const statuses: number[] = [];
  for (let i = 0; i < total; i += 10) {
    const batch = Array.from({ length: Math.min(10, total - i) }, (_, j) =>
      signIn(emails[(i + j) % emails.length], `wrong-${i + j}`, { address: `198.51.100.${1 + ((i + j) % 200)}` }),
    );
    statuses.push(...(await Promise.all(batch)).map((r) => r.status));
  }
  return statuses;
}

describe("a staff member's own browser during a guessing attack", () => {
  it("a device cookie of another account, or a forged one, counts as a new browser", async () => {
    // Accounts of this case alone (desk5, desk6), before the cases below spend everyone's budget: desk6 locked by
    // strangers' guesses at it, desk5's browser is no known browser of desk6's.
    const first = await signIn("desk5@example.test", PASSWORD, { address: "203.0.113.50" });
    const browser = deviceCookieOf(first);
    expect(browser).toContain("pm_device=");
    expect(await strangersGuess(["desk6@example.test"], 10)).not.toContain(429);
    expect((await signIn("desk6@example.test", PASSWORD, { address: "203.0.113.51" })).status).toBe(429);
    expect((await signIn("desk6@example.test", PASSWORD, { cookie: browser, address: "203.0.113.50" })).status).toBe(429);
    const forged = browser.replace(
      /pm_device=[^;]*/,
      `pm_device=${Buffer.from(JSON.stringify({ n: "A".repeat(22), a: [] })).toString("base64")}`,
    );
    expect((await signIn("desk6@example.test", PASSWORD, { cookie: forged, address: "203.0.113.50" })).status).toBe(429);
  });

  it("signs in with the right password after strangers spent the account's budget; a new browser does not", async () => {
    const first = await signIn("desk1@example.test", PASSWORD);
    expect(first.status).toBe(303);
    const browser = deviceCookieOf(first);
    expect(browser).toContain("pm_device=");

    const guesses = await strangersGuess(["desk1@example.test"], 15);
    expect(guesses.filter((s) => s === 429).length).toBeGreaterThan(0);

    expect((await signIn("desk1@example.test", PASSWORD, { address: "203.0.113.99" })).status).toBe(429); // a new browser
    const own = await signIn("desk1@example.test", PASSWORD, { cookie: browser });
    expect(own.status).toBe(303);
    expect(own.headers.get("location")).toMatch(/\/hotline/);
  });

  it("still limits guessing from a remembered browser: 10 wrong passwords, then even the right one waits", async () => {
    const first = await signIn("desk4@example.test", PASSWORD, { address: "203.0.113.40" });
    expect(first.status).toBe(303);
    const browser = deviceCookieOf(first);
    expect(browser).toContain("pm_device=");
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await signIn("desk4@example.test", `wrong-${i}`, { cookie: browser, address: "203.0.113.40" })).status);
    expect(statuses).toEqual([...Array(10).fill(400), 429, 429]);
    expect((await signIn("desk4@example.test", PASSWORD, { cookie: browser, address: "203.0.113.40" })).status).toBe(429);
  });

  it("signs in after strangers spent the budget over all accounts (300 wrong passwords at any accounts)", async () => {
    const first = await signIn("desk2@example.test", PASSWORD, { address: "203.0.113.20" });
    expect(first.status).toBe(303);
    const browser = deviceCookieOf(first);

    // One wrong password counts in everyone's budget; then the budget as 300 failures from every web
    // process leave it (what 300 requests cost the machine 90 s of scrypt to show).
    expect((await signIn("nobody@example.test", "wrong", { address: "198.51.100.250" })).status).toBe(400);
    if (probe.status !== "ready") await probe.connect();
    const [key] = await probe.keys(`${prefix}*staff-login-all*`);
    expect(key).toBeDefined();
    await probe.set(key, "300", "KEEPTTL");
    expect((await signIn("desk3@example.test", PASSWORD, { address: "203.0.113.30" })).status).toBe(429); // never signed in here

    expect((await signIn("desk2@example.test", PASSWORD, { cookie: browser, address: "203.0.113.20" })).status).toBe(303);
  });
});
