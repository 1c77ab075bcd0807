import { describe, expect, it, vi } from "vitest";

import { validLeadJson } from "../support/leads";

// The web process warms the readers once it listens (ADR 148, attack 12-05e: the first reading of a fresh process
// cost 340–420 ms of CPU, then 1–6 ms). Counted by the tables built on first use, never timed (reading-work.ts).

/** A fresh copy of the readers' modules: nothing built yet, as in a process just started. */
async function freshModules() {
  vi.resetModules();
  const { readingWork } = await import("../../app/domain/reading-work");
  const { leadSchema } = await import("../../app/domain/lead-schema");
  const { warmReaders } = await import("../../app/leads/warm-readers.server");
  return { readingWork, leadSchema, warmReaders };
}

const LEADS: [lng: "zh" | "en", notes: string, regions: string[]][] = [
  ["zh", "需要8000平仓库，高淳或者溧水都行，层高10米", ["高淳区"]],
  ["zh", "在苏州工业园区附近找2000平米办公楼", ["苏州"]],
  ["en", "Looking for 20 mu of land near Suzhou Industrial Park or Kunshan", ["Kunshan"]],
  ["en", "warehouse 5000 sqm, Lishui or Gaochun, not Jiangning", ["Lishui District", "nanjing gaochun"]],
  ["zh", "要一栋3000平一栋5000平的厂房，浦口区江北新区都可以", ["江北新区"]],
  ["en", "office 800 sqm in Xiongan New Area", ["xiongan"]],
];

describe("the readers are warm after warmReaders()", () => {
  it("builds no table for later leads, zh and en, notes and regions box", async () => {
    const { readingWork, leadSchema, warmReaders } = await freshModules();
    expect(readingWork.tablesBuilt).toBe(0);
    warmReaders();
    const afterWarm = readingWork.tablesBuilt;
    expect(afterWarm).toBeGreaterThan(0);
    for (const [lng, notes, regions] of LEADS) {
      const base = validLeadJson();
      const parsed = leadSchema(lng, "api").safeParse({ ...base, need: { ...base.need, regions, notes } });
      expect(parsed.success, `${notes}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
    expect(readingWork.tablesBuilt).toBe(afterWarm);
  });

  it("without it the first leads build them (what the warm-up spares the first enterprise)", async () => {
    const { readingWork, leadSchema } = await freshModules();
    for (const [lng, notes, regions] of LEADS) {
      const base = validLeadJson();
      leadSchema(lng, "api").safeParse({ ...base, need: { ...base.need, regions, notes } });
    }
    expect(readingWork.tablesBuilt).toBeGreaterThan(0);
  });

  it("reports the CPU it took and never throws", async () => {
    const { warmReaders } = await freshModules();
    expect(Number.isInteger(warmReaders())).toBe(true);
  });
});
