import { describe, expect, it } from "vitest";

import { leadFlags } from "../../app/domain/lead-flags";
import { createLeadSchema, issuesToFieldErrors } from "../../app/domain/lead-schema";
import { parseNeedText } from "../../app/domain/need-text";
import { clausesNotRead } from "../../app/domain/notes-clauses-not-read";
import { validLeadJson } from "../support/leads";

// readers42 (HIGH): "10亩地，3000平厂房" on a factory lead stored the area as the land's 10 亩 (6000–7333 ㎡) and left the
// factory's own "3000平" unread. A plot said with 地 beside a figure of the lead's own kind is the land the building stands on
// (docs/decisions/218, amending 112).

const NOW = () => new Date("2026-12-06T06:00:00Z");
const MU = 2000 / 3;
const r2 = (n: number) => Math.round(n * 100) / 100;

function read(notes: string, kind: string) {
  const r = parseNeedText(notes, undefined, [], kind);
  return { bounds: [r.hints.areaMinSqm ?? null, r.hints.areaMaxSqm ?? null], aside: r.setAside, unread: r.unread };
}

describe("a plot (亩 + 地) beside the building's own figure is set aside, the building's figure is the lead's", () => {
  it.each([
    ["10亩地，3000平厂房", "factory", [2700, 3300], "10亩地"],
    ["需要10亩地建3000平厂房", "factory", [2700, 3300], "10亩地"],
    ["厂房3000平，需要10亩地", "factory", [2700, 3300], "10亩地"],
    ["最好有15亩的地，仓库5000平左右", "warehouse", [4500, 5500], "15亩的地"],
    ["办公1000平，另外要5亩地", "office", [900, 1100], "5亩地"],
    ["想找2公顷地，车间8000平", "factory", [7200, 8800], "2公顷地"],
  ] as const)("%s (%s) → %j, set aside %s", (notes, kind, bounds, aside) => {
    const r = read(notes, kind);
    expect(r.bounds).toEqual(bounds);
    expect(r.aside).toEqual([{ text: aside, why: "otherUse" }]);
    expect(r.unread).toEqual([]);
  });

  it.each([
    // Nothing else says the building's size: the plot stays the lead's (ADR 112's "要30亩地" on a factory lead).
    ["要30亩地", "factory", [r2(30 * MU * 0.9), r2(30 * MU * 1.1)]],
    ["需要10亩地，建厂房", "factory", [r2(10 * MU * 0.9), r2(10 * MU * 1.1)]],
    // A land lead: the plot is its own need; the factory's figure is another use.
    ["需要10亩地，建3000平厂房", "land", [r2(10 * MU * 0.9), r2(10 * MU * 1.1)]],
  ] as const)("%s (%s) → %j: the plot is the lead's", (notes, kind, bounds) => {
    const r = read(notes, kind);
    expect(r.bounds.map((v) => (v === null ? v : r2(v)))).toEqual(bounds);
    expect(r.aside.filter((a) => a.text.includes("亩"))).toEqual([]);
  });

  it("the lead stores the factory's figure and tells the recruiter what was set aside", () => {
    const body = structuredClone(validLeadJson()) as unknown as { need: Record<string, unknown> };
    body.need = { kind: "factory", deal: "lease", areaUnit: "sqm", notes: "需要10亩地建3000平厂房" };
    const r = createLeadSchema("zh", "api", { now: NOW }).safeParse(body);
    if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
    expect([r.data.lead.need.areaMinSqm, r.data.lead.need.areaMaxSqm]).toEqual([2700, 3300]);
    expect(leadFlags(r.data.lead).find((f) => f.code === "otherUse")).toEqual({ field: "need.notes", code: "otherUse", text: "10亩地" });
  });
});

describe("the clauses of a plot beside the building's figure are read, not listed for the recruiter", () => {
  it.each([
    "10亩地，3000平厂房",
    "需要10亩地建3000平厂房",
    "需要1000平办公楼+5000平厂房",
    "we need a 3000 sqm factory built on 10 mu of land",
  ])("%s (factory)", (notes) => {
    expect(clausesNotRead(notes, { kind: "factory", at: NOW(), extras: [] })).toEqual([]);
  });

  it("a clause with a condition no reader takes is still listed", () => {
    expect(clausesNotRead("需要10亩地建3000平厂房，厂房要好看", { kind: "factory", at: NOW(), extras: [] })).toEqual(["厂房要好看"]);
  });
});
