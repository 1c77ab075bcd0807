import { describe, expect, it } from "vitest";

import { needAreaText } from "~/assignments/assignment-details.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { rankMatches } from "~/domain/matching/rank";
import { sizeFactor } from "~/domain/matching/score";
import type { SpaceCandidate } from "~/domain/matching/types";
import { explainExclusions } from "~/domain/matching/why-not";
import { describeNeedHints } from "~/domain/need-hints-text";
import { readUnitCount } from "~/domain/unit-count-read";
import { describeFlag } from "~/i18n/flag-messages";
import { assistPreview, typedAreaOf } from "~/leads/assist-preview";

import { lead, space } from "../fixtures/match-eval";
import { validLeadJson } from "../support/leads";

// Trial 32's findings on needs of several units (docs/decisions/135): a typed count the notes contradict (H2),
// the count box's Chinese numerals (M5), the words of the reasons (M1, L4, L7), the preview's measure word (L2),
// one formatter of a need's area (M2) and the match limit a park's units took whole (M4).

const schema = (lng: "zh" | "en", channel: "api" | "web" | "hotline" = "api") => createLeadSchema(lng, channel);
const withNeed = (need: Record<string, unknown>) => {
  const l = validLeadJson();
  return { ...l, need: { ...l.need, ...need } };
};

describe("a typed count the notes contradict (H2)", () => {
  it.each([
    // notes, kind, typed count, stored bounds (each unit's size as the notes said it, times the box's count), flag
    ["要3栋厂房，每栋5000平", "factory", "2", [9000, 11000], "3栋 ≠ 2栋"],
    ["要3栋厂房，每栋5000平", "factory", "两栋", [9000, 11000], "3栋 ≠ 2栋"],
    ["需要2栋厂房，每栋3000平", "factory", 4, [10800, 13200], "2栋 ≠ 4栋"],
    ["两栋仓库各2000平以上", "warehouse", "三", [6000, undefined], "2栋 ≠ 3栋"],
    ["要两块地，每块30亩", "land", 3, [54000, 66000], "2块 ≠ 3块"],
  ] as const)("%s (%s) with the box %j", (notes, kind, unitCount, [min, max], text) => {
    for (const channel of ["api", "web", "hotline"] as const) {
      const r = schema("zh", channel).parse(withNeed({ kind, areaMin: "", areaMax: "", unitCount, notes }));
      const typed = readUnitCount(String(unitCount));
      expect(r.lead.need.unitCount).toBe(typed);
      expect(r.lead.need.areaMinSqm).toBeCloseTo(min, 0);
      if (max === undefined) expect(r.lead.need.areaMaxSqm).toBeUndefined();
      else expect(r.lead.need.areaMaxSqm).toBeCloseTo(max, 0);
      const flag = r.lead.flags.find((f) => f.field === "need.unitCount");
      expect(flag).toEqual({ field: "need.unitCount", code: "notesDiffer", text });
      // Never an area flag for a count: nothing was typed in the area boxes.
      expect(r.lead.flags.filter((f) => f.code === "notesDiffer" && f.field !== "need.unitCount")).toEqual([]);
    }
  });

  it("says the count in both languages, not the area", () => {
    const r = schema("zh").parse(withNeed({ areaMin: "", areaMax: "", unitCount: 2, notes: "要3栋厂房，每栋5000平" }));
    const flag = r.lead.flags.find((f) => f.field === "need.unitCount")!;
    expect(describeFlag("zh", flag)).toBe("备注说3栋，所填为2栋（已按所填），请与企业核实");
    expect(describeFlag("en", flag)).toBe(
      "The notes say 3 buildings, the box says 2 buildings (the box is kept), please check with the enterprise",
    );
    const land = { field: "need.unitCount", code: "notesDiffer" as const, text: "2块 ≠ 3块" };
    expect(describeFlag("en", land)).toBe(
      "The notes say 2 plots, the box says 3 plots (the box is kept), please check with the enterprise",
    );
  });

  it("keeps typed area boxes and the typed count, and flags the notes' other count", () => {
    const r = schema("zh").parse(withNeed({ areaMin: 10000, areaMax: "", unitCount: 2, notes: "要3栋厂房，每栋5000平" }));
    expect(r.lead.need).toMatchObject({ areaMinSqm: 10000, unitCount: 2 });
    expect(r.lead.flags).toContainEqual({ field: "need.unitCount", code: "notesDiffer", text: "3栋 ≠ 2栋" });
  });

  it("says nothing when the box and the notes give the same count, and keeps the notes' total then", () => {
    const r = schema("zh").parse(withNeed({ areaMin: "", areaMax: "", unitCount: "３栋", notes: "要3栋厂房，每栋5000平" }));
    expect(r.lead.need).toMatchObject({ areaMinSqm: 13500, areaMaxSqm: 16500, unitCount: 3 });
    expect(r.lead.flags.filter((f) => f.code === "notesDiffer")).toEqual([]);
  });

  it("shows the same area in the form's preview before sending", () => {
    const filled = new Set(["unitCount"]);
    const p = assistPreview("要3栋厂房，每栋5000平", filled, "zh", "factory", undefined, typedAreaOf("", "", "sqm", "2"));
    expect(p.understood).toContain("面积 9,000㎡–11,000㎡".replace(/,/g, ""));
  });
});

describe("the count box reads Chinese numerals (M5)", () => {
  it.each([
    ["两栋", 2],
    ["两", 2],
    ["二", 2],
    ["三", 3],
    ["三栋", 3],
    ["十", 10],
    ["十二处", 12],
    ["二十", 20],
    ["九十九", 99],
    ["兩棟", 2],
    [" 五 块 ", 5],
  ])("%j is %d", (typed, n) => {
    const r = schema("zh").safeParse(withNeed({ unitCount: typed }));
    expect(r.success).toBe(true);
    expect(r.data?.lead.need.unitCount).toBe(n);
  });
  // Refused as before (1, 一, 一百, 几栋, 三四栋 …): test/unit/unit-count-lead.test.ts.
});

const TODAY = "2026-06-01";
const focus = { industries: ["C35"] };
const at = (id: string, parkId: string, areaSqm: number, more: Partial<SpaceCandidate> = {}) =>
  space({ id, areaSqm, ...more, park: { ...focus, id: parkId, name: `园区${parkId}` } });

describe("the reasons' words (M1, L4, L7)", () => {
  const three = lead({ kind: "factory", deal: "lease", industry: "C35", min: 13500, max: 16500, units: 3 });

  it("says a space compared with the total as such, never that it meets the total, the same in both languages", () => {
    for (const area of [12000, 15000, 18000]) {
      const [r] = sizeFactor(three, at("W", "P", area)).reasons;
      expect(r.zh).toContain("（按合计面积比较：一处代替3栋）");
      expect(r.zh).not.toContain("满足");
      expect(r.en).toContain("(compared with the total: one space in place of 3 buildings)");
    }
  });

  it("says a space that misses the range within the window is within tolerance", () => {
    const two = lead({ kind: "factory", deal: "lease", industry: "C35", min: 12000, units: 2 });
    const [r] = sizeFactor(two, at("S", "P", 5200), { wanted: 2, fitting: 3 }).reasons;
    expect(r.zh).toBe("单栋面积 5200㎡ 小于需求 6000㎡（小 13%，在容差内）（需2栋，本园区符合的有 3 栋）");
    expect(r.en).toContain("(13% short, within tolerance)");
    const [one] = sizeFactor(lead({ kind: "factory", deal: "lease", industry: "C35", min: 4000, max: 6000 }), at("S", "P", 7000)).reasons;
    expect(one.zh).toBe("面积 7000㎡ 大于需求 4000–6000㎡（大 17%，在容差内）");
  });

  it("nests no parenthesis in another in a land why-not", () => {
    const land = lead({ kind: "land", deal: "buy", industry: "C35", min: 54, max: 66, unit: "mu", units: 2 });
    const small = { ...at("L1", "P", 12000, { kind: "land", deals: ["buy"] }) };
    const big = { ...at("L2", "P", 60000, { kind: "land", deals: ["buy"] }) };
    const text = explainExclusions(land, [small, big], new Set())
      .flatMap((e) => e.reasons)
      .flatMap((r) => [r.zh, r.en]);
    expect(text.length).toBeGreaterThan(0);
    for (const t of text) {
      expect(t).not.toMatch(/（[^（）]*（/);
      expect(t).not.toMatch(/\([^()]*\(/);
    }
    expect(text.join("\n")).toContain("亩，合");
  });
});

describe("the preview counts the kind's units (L2)", () => {
  it.each([
    ["factory", "共3栋", "3 buildings"],
    ["warehouse", "共3栋", "3 buildings"],
    ["land", "共3块", "3 plots"],
    ["office", "共3处", "3 units"],
  ] as const)("%s", (kind, zh, en) => {
    expect(describeNeedHints({ unitCount: 3 }, "zh", kind)).toEqual([zh]);
    expect(describeNeedHints({ unitCount: 3 }, "en", kind)).toEqual([en]);
    const p = assistPreview(
      "要3栋厂房，每栋5000平",
      new Set(),
      "zh",
      kind === "land" ? "land" : kind,
      undefined,
      typedAreaOf("", "", "sqm"),
    );
    if (kind !== "land") expect(p.understood).toContain(zh);
  });
});

describe("one formatter of a need's area (M2)", () => {
  it("says a need of several units once, on every staff page", () => {
    const need = { kind: "factory", areaMinSqm: 13500, areaMaxSqm: 16500, unitCount: 3 };
    expect(needAreaText({ need }, "zh")).not.toMatch(/–\s*5,?000㎡（/);
    expect(needAreaText({ need }, "zh")).toMatch(/^3栋 × 约5,?000㎡（共约15,?000㎡）$/);
    expect(needAreaText({ need: { ...need, areaMinSqm: null, unitCount: null } }, "en")).toMatch(/^≤ 16,?500㎡$/);
  });
});

describe("the match limit counts parks for a need of several units (M4)", () => {
  const three = lead({ kind: "factory", deal: "lease", industry: "C35", min: 13500, max: 16500, units: 3 });
  const five = lead({ kind: "factory", deal: "lease", industry: "C35", min: 25000, max: 25000, units: 5 });

  it("offers a park with fewer units beside a park whose units would fill the list, in any inventory order", () => {
    const big = ["A1", "A2", "A3", "A4", "A5", "A6"].map((id) => at(id, "PA", 5000));
    const other = [at("B1", "PB", 4800), at("C1", "PC", 5000), at("C2", "PC", 5000)];
    for (const order of [
      [...big, ...other],
      [...other, ...big],
    ]) {
      const r = rankMatches(three, order, { today: TODAY, limit: 5 });
      expect(new Set(r.map((m) => m.parkId))).toEqual(new Set(["PA", "PB", "PC"]));
      expect(r.filter((m) => m.parkId === "PA")).toHaveLength(3); // the need's count, not every unit
      expect(r.find((m) => m.spaceId === "B1")?.conditional).toBe(true);
    }
    // "要5栋": one park of 5 no longer takes every place.
    const r5 = rankMatches(five, [...big, ...other], { today: TODAY, limit: 5 });
    expect(new Set(r5.map((m) => m.parkId))).toEqual(new Set(["PA", "PB", "PC"]));
    expect(r5.filter((m) => m.parkId === "PA")).toHaveLength(5);
  });

  it("keeps the limit on parks and on each park's units", () => {
    const parks = ["P1", "P2", "P3", "P4", "P5", "P6", "P7"].flatMap((p) => [at(`${p}a`, p, 5000), at(`${p}b`, p, 5000)]);
    const r = rankMatches(three, parks, { today: TODAY, limit: 5 });
    expect(new Set(r.map((m) => m.parkId)).size).toBe(5);
    expect(r).toHaveLength(10);
    expect(rankMatches(three, parks, { today: TODAY, limit: 1 })).toHaveLength(1);
  });

  it("leaves a lead without a count as it was: the best 5 spaces", () => {
    const one = lead({ kind: "factory", deal: "lease", industry: "C35", min: 4500, max: 5500 });
    const big = ["A1", "A2", "A3", "A4", "A5", "A6"].map((id) => at(id, "PA", 5000));
    expect(rankMatches(one, [...big, at("B1", "PB", 4800)], { today: TODAY, limit: 5 }).map((m) => m.parkId)).toEqual(Array(5).fill("PA"));
  });
});
