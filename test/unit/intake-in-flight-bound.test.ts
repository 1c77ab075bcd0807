import { describe, expect, it } from "vitest";

import { intakeBatchLimit } from "~/leads/intake.server";
import { parseEnv, webEnvSchema } from "~/utils/env.server";

// The intake's in-flight bound (ADR 035, amended 2026-12-02) against its group commit (ADR 039): one
// statement stores up to intakeBatchLimit() leads while the next batch gathers, so a bound under two
// batches refuses leads the pipeline could take. At 48, twice the knee (256 connections) took 16 % of
// the saturation rate and refused the rest; at 256, 167 % and no refusal (docs/benchmarks.md, "The
// in-flight bound").
describe("the intake's in-flight bound by default", () => {
  it("leaves room for a batch in Postgres and a full one gathering", () => {
    const env = parseEnv(webEnvSchema, {
      DATABASE_URL: "postgres://x@127.0.0.1/x",
      MEILI_URL: "http://127.0.0.1:7700",
      MEILI_MASTER_KEY: "unit-test-meili-key-0123456789",
      ADMIN_API_TOKEN: "unit-test-admin-token-0123456789",
    });
    expect(env.INTAKE_MAX_IN_FLIGHT).toBeGreaterThanOrEqual(2 * intakeBatchLimit());
  });
});
