import { describe, expect, it } from "vitest";

import { leftByEndedRuns, testDatabasePrefix } from "../support/database";

// Two `vitest run`s in one checkout (a full run beside a single file's) dropped each other's test databases:
// the name's tag said the checkout and the project, not the run (session 39's run that ran nothing).
describe("test databases carry their run", () => {
  it("two runs of one checkout and project have different prefixes; one run's projects too", () => {
    const a = testDatabasePrefix("integration", 4242);
    const b = testDatabasePrefix("integration", 4243);
    expect(a).not.toBe(b);
    expect(b.startsWith(a)).toBe(false); // a prefix match drops by prefix: neither may contain the other
    expect(a.startsWith(b)).toBe(false);
    expect(testDatabasePrefix("e2e", 4242)).not.toBe(a);
    expect(testDatabasePrefix("integration", 4_194_304).length).toBeLessThanOrEqual(22);
  });

  it("a run's start picks what ended runs of this checkout left, never a live run's or another checkout's", () => {
    const live = new Set([4242, process.pid]);
    const isAlive = (pid: number) => live.has(pid);
    const mine = testDatabasePrefix("integration", 4242);
    const ended = testDatabasePrefix("integration", 999_001);
    const endedE2e = testDatabasePrefix("e2e", 999_002);
    const checkout = mine.slice(0, "pmt_".length + 7); // pmt_<6 hex>_
    const untagged = `parkmatch_t_${checkout.slice(4)}int_template`;
    const otherCheckout = `pmt_${checkout.slice(4, 10) === "000000" ? "111111" : "000000"}_${(999_001).toString(36)}_int_x`;
    const names = [
      `${mine}template`,
      `${mine}api_leads`,
      `${ended}template`,
      `${ended}routing`,
      `${endedE2e}inquiry_form`,
      untagged,
      otherCheckout,
      "parkmatch",
      "pm_bench40",
      "postgres",
    ];
    expect(leftByEndedRuns(names, isAlive).sort()).toEqual(
      [`${ended}template`, `${ended}routing`, `${endedE2e}inquiry_form`, untagged].sort(),
    );
  });

  it("this process counts as alive: its own databases are never picked", () => {
    const own = `${testDatabasePrefix("unit")}x`;
    expect(leftByEndedRuns([own])).toEqual([]);
  });
});
