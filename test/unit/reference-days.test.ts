import { describe, expect, it } from "vitest";

import { referenceDay, withinOneChinaDay } from "../support/reference-days";

// The test helper that keeps reference tests to one China day (test/support/reference-days.ts): a clock
// that reads the given days in turn stands in for the database's.

function clock(...days: string[]) {
  const left = [...days];
  return {
    today: async () => {
      const day = left.shift();
      if (!day) throw new Error("the clock was read more often than the test planned");
      return day;
    },
    left,
  };
}

function recorder() {
  const log: string[] = [];
  return { log, reset: async () => void log.push("reset") };
}

describe("withinOneChinaDay", () => {
  it("runs once on one day: the attempt's value, with that day, nothing reset", async () => {
    const c = clock("2026-12-02", "2026-12-02");
    const r = recorder();
    const value = await withinOneChinaDay(c.today, r.reset, async (day) => {
      r.log.push(`run ${day}`);
      return 42;
    });
    expect(value).toBe(42);
    expect(r.log).toEqual(["run 2026-12-02"]);
    expect(c.left).toEqual([]);
  });

  it("lets a failure on one day stand: no second run hides a wrong reference", async () => {
    const c = clock("2026-12-02", "2026-12-02");
    const r = recorder();
    const wrong = new Error("expected -0042, got -0043");
    await expect(
      withinOneChinaDay(c.today, r.reset, async (day) => {
        r.log.push(`run ${day}`);
        throw wrong;
      }),
    ).rejects.toBe(wrong);
    expect(r.log).toEqual(["run 2026-12-02"]);
  });

  it.each([
    ["failed", true],
    ["passed", false],
  ])("runs again, reset first, on the new day when midnight fell during the first run (which %s)", async (_, firstFails) => {
    const c = clock("2026-12-02", "2026-12-03", "2026-12-03", "2026-12-03");
    const r = recorder();
    const value = await withinOneChinaDay(c.today, r.reset, async (day) => {
      r.log.push(`run ${day}`);
      if (firstFails && r.log.length === 1) throw new Error("the counter read on the next day");
      return day;
    });
    expect(value).toBe("2026-12-03");
    expect(r.log).toEqual(["run 2026-12-02", "reset", "run 2026-12-03"]);
    expect(c.left).toEqual([]);
  });

  it("lets the second run's failure stand", async () => {
    const c = clock("2026-12-02", "2026-12-03", "2026-12-03", "2026-12-03");
    const r = recorder();
    let runs = 0;
    await expect(
      withinOneChinaDay(c.today, r.reset, async () => {
        runs++;
        throw new Error(`wrong in run ${runs}`);
      }),
    ).rejects.toThrow("wrong in run 2");
    expect(runs).toBe(2);
  });

  it("runs no third time: midnight during both runs is an error", async () => {
    const c = clock("2026-12-02", "2026-12-03", "2026-12-03", "2026-12-04");
    const r = recorder();
    await expect(withinOneChinaDay(c.today, r.reset, async () => 1)).rejects.toThrow("the China day changed during both runs");
    expect(r.log).toEqual(["reset"]);
  });
});

describe("referenceDay", () => {
  it("reads the day of a reference, however long its number", () => {
    expect(referenceDay("PM-20261202-0001")).toBe("2026-12-02");
    expect(referenceDay("PM-20261231-1000000")).toBe("2026-12-31");
  });

  it("refuses what is not a reference", () => {
    for (const bad of ["PM-2026122-0001", "PM-20261202-", "XX-20261202-0001", "PM-20261202-0001 "])
      expect(() => referenceDay(bad)).toThrow("not a lead reference");
  });
});
