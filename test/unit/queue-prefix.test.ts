import { describe, expect, it } from "vitest";

import { defaultQueuePrefix, parseEnv, webEnvSchema, workerEnvSchema } from "~/utils/env.server";
import { limitsNamespace } from "~/utils/rate-limit.server";

// QUEUE_PREFIX unset: derived from the database, so two installations with their own databases on one
// Redis keep apart (docs/decisions/082; the processes themselves: test/integration/two-installations-one-redis.test.ts).
const MEILI = { MEILI_URL: "http://127.0.0.1:7700", MEILI_MASTER_KEY: "0123456789abcdef" };
const web = (env: Record<string, string>) => parseEnv(webEnvSchema, { ...MEILI, ADMIN_API_TOKEN: "unit-admin-token-0123", ...env });
const worker = (env: Record<string, string>) => parseEnv(workerEnvSchema, { ...MEILI, ...env });
const at = (database: string) => `postgres://postgres@127.0.0.1:5432/${database}`;

describe("the default QUEUE_PREFIX", () => {
  it("is the database's: parkmatch for the default database (its keys as before), parkmatch-<name> for another", () => {
    expect(worker({}).QUEUE_PREFIX).toBe("parkmatch");
    expect(worker({ DATABASE_URL: at("parkmatch") }).QUEUE_PREFIX).toBe("parkmatch");
    expect(worker({ DATABASE_URL: at("parkmatch_demo") }).QUEUE_PREFIX).toBe("parkmatch-parkmatch_demo");
    expect(worker({ DATABASE_URL: "postgres://u:secret@db.example:6543/checkout-2?sslmode=require" }).QUEUE_PREFIX).toBe(
      "parkmatch-checkout-2",
    );
  });

  it("differs between two databases, and web and worker of one installation agree on it", () => {
    const a = at("parkmatch");
    const b = at("parkmatch_demo");
    expect(worker({ DATABASE_URL: a }).QUEUE_PREFIX).not.toBe(worker({ DATABASE_URL: b }).QUEUE_PREFIX);
    for (const url of [a, b]) expect(web({ DATABASE_URL: url }).QUEUE_PREFIX).toBe(worker({ DATABASE_URL: url }).QUEUE_PREFIX);
  });

  it("is a valid prefix for any database name, and two names never give one prefix", () => {
    const names = ["a.b", "a_b", "a b", "招商", "招商2", "a%2Fb", "A.B"];
    const prefixes = names.map((n) => defaultQueuePrefix(at(n)));
    for (const p of prefixes) expect(p).toMatch(/^parkmatch-[a-zA-Z0-9_-]+$/);
    expect(new Set(prefixes).size).toBe(names.length);
    // and it is what QUEUE_PREFIX itself accepts
    for (const p of prefixes) expect(worker({ QUEUE_PREFIX: p }).QUEUE_PREFIX).toBe(p);
  });

  it("an explicit QUEUE_PREFIX is kept as it is (an empty one, as in a .env file, is unset)", () => {
    expect(worker({ DATABASE_URL: at("parkmatch_demo"), QUEUE_PREFIX: "pm-staging" }).QUEUE_PREFIX).toBe("pm-staging");
    expect(web({ QUEUE_PREFIX: "parkmatch" }).QUEUE_PREFIX).toBe("parkmatch");
    expect(worker({ DATABASE_URL: at("parkmatch_demo"), QUEUE_PREFIX: "" }).QUEUE_PREFIX).toBe("parkmatch-parkmatch_demo");
    expect(() => worker({ QUEUE_PREFIX: "a:b" })).toThrow(/QUEUE_PREFIX/);
  });

  it("starts the shared limits' Redis keys too, which also name the database", () => {
    const env = web({ DATABASE_URL: at("parkmatch_demo") });
    expect(limitsNamespace(env)).toBe("parkmatch-parkmatch_demo:rl:parkmatch_demo");
    // One prefix set by hand in two installations: their limits still keep apart.
    const one = web({ DATABASE_URL: at("a"), QUEUE_PREFIX: "shared" });
    const two = web({ DATABASE_URL: at("b"), QUEUE_PREFIX: "shared" });
    expect(limitsNamespace(one)).not.toBe(limitsNamespace(two));
    expect(limitsNamespace(one).startsWith("shared:")).toBe(true);
  });
});
