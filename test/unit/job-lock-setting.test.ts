import { describe, expect, it } from "vitest";

import { parseEnv, workerEnvSchema } from "~/utils/env.server";

// JOB_LOCK_MS (docs/decisions/144): BullMQ's job lock and stalled check. Its default is BullMQ's own;
// a lock shorter than 5 s would be renewed every 2.5 s, and a busy event loop could lose it mid-job.
const MEILI = { MEILI_URL: "http://127.0.0.1:7700", MEILI_MASTER_KEY: "0123456789abcdef" };
const worker = (env: Record<string, string>) => parseEnv(workerEnvSchema, { ...MEILI, ...env });

describe("JOB_LOCK_MS", () => {
  it("defaults to BullMQ's 30 s and takes a value in milliseconds", () => {
    expect(worker({}).JOB_LOCK_MS).toBe(30_000);
    expect(worker({ JOB_LOCK_MS: "10000" }).JOB_LOCK_MS).toBe(10_000);
  });

  it("refuses a lock under 5 s, over 10 minutes, or not a whole number, naming the setting", () => {
    for (const bad of ["1000", "4999", "600001", "1.5e4x", "ten"]) expect(() => worker({ JOB_LOCK_MS: bad })).toThrow(/JOB_LOCK_MS/);
  });
});

// JOB_STALLED_CHECK_MS (docs/decisions/181): how often BullMQ looks for a lapsed lock. Unset, the check runs every
// JOB_LOCK_MS as before; the test suite's killed workers are found a second after their lock lapses.
describe("JOB_STALLED_CHECK_MS", () => {
  it("is unset by default (the check runs every JOB_LOCK_MS) and takes a value in milliseconds", () => {
    expect(worker({}).JOB_STALLED_CHECK_MS).toBeUndefined();
    expect(worker({ JOB_STALLED_CHECK_MS: "1000" }).JOB_STALLED_CHECK_MS).toBe(1_000);
    expect(worker({ JOB_LOCK_MS: "10000", JOB_STALLED_CHECK_MS: "500" })).toMatchObject({ JOB_LOCK_MS: 10_000, JOB_STALLED_CHECK_MS: 500 });
  });

  it("refuses a check under half a second, over 10 minutes, or not a whole number, naming the setting", () => {
    for (const bad of ["0", "499", "600001", "1.5e3x", "often"])
      expect(() => worker({ JOB_STALLED_CHECK_MS: bad })).toThrow(/JOB_STALLED_CHECK_MS/);
  });
});
