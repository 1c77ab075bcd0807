import { describe, expect, it } from "vitest";

import { areaFitOf, hardCheck, reverseLeadBounds, thresholdMetrics } from "~/domain/matching/hard";
import { rankMatches, unitParks } from "~/domain/matching/rank";
import type { MatchNeed, SpaceCandidate } from "~/domain/matching/types";
import { explainExclusions } from "~/domain/matching/why-not";
import { whyNotWindow } from "~/domain/matching/why-not-window";

import { candidateQueries } from "../../../search/spaces.query";
import { lead, space } from "../../fixtures/match-eval";

// A lead of several units (need.unitCount, docs/decisions/130): "需要3栋厂房，每栋5000平" is stored as about
// 15,000 ㎡ in all (13500–16500) with unitCount 3. A park with three available 5,000 ㎡ buildings is its best
// match, each building fitting as one unit, the reason saying so and how many the park has; a park with two is
// a conditional match; one building of 15,000 ㎡ still fits the total; a lead without a count is as before.

const TODAY = "2026-06-01";
const three = lead({ kind: "factory", deal: "lease", industry: "C35", min: 13500, max: 16500, units: 3 });
const noCount = lead({ kind: "factory", deal: "lease", industry: "C35", min: 13500, max: 16500 });
const focus = { industries: ["C35"] };
const at = (id: string, parkId: string, areaSqm: number, more: Partial<SpaceCandidate> = {}) =>
  space({ id, areaSqm, ...more, park: { ...focus, id: parkId, name: `园区${parkId}` } });

const PARK_THREE = [at("A1", "PA", 5000), at("A2", "PA", 5000), at("A3", "PA", 5000)];
const PARK_TWO = [at("B1", "PB", 5000), at("B2", "PB", 5000)];
const ONE_BIG = at("C1", "PC", 15000);
const zh = (r: { reasons: { zh: string }[] }) => r.reasons.map((x) => x.zh).join(" / ");
const en = (r: { reasons: { en: string }[] }) => r.reasons.map((x) => x.en).join(" / ");

describe("the area rule of a lead of several units", () => {
  it("lets a space in that fits one unit (the total over the count, the same tolerances), or the total", () => {
    expect(areaFitOf(three, at("x", "P", 5000))).toBe("unit");
    expect(areaFitOf(three, at("x", "P", 3600))).toBe("unit"); // 4500 × 0.8
    expect(areaFitOf(three, at("x", "P", 6875))).toBe("unit"); // 5500 × 1.25
    expect(areaFitOf(three, at("x", "P", 15000))).toBe("whole");
    expect(areaFitOf(three, at("x", "P", 3500))).toBeNull();
    expect(areaFitOf(three, at("x", "P", 9000))).toBeNull(); // too big for a unit, too small for the total
    expect(hardCheck(three, at("x", "P", 5000)).pass).toBe(true);
  });

  it("leaves a lead without a count as it was: a 5,000 ㎡ building is too small for 15,000 ㎡", () => {
    expect(areaFitOf(noCount, at("x", "P", 5000))).toBeNull();
    expect(hardCheck(noCount, at("x", "P", 5000))).toEqual({ pass: false, failures: ["area"] });
    expect(rankMatches(noCount, [...PARK_THREE, ...PARK_TWO, ONE_BIG], { today: TODAY }).map((r) => r.spaceId)).toEqual(["C1"]);
  });

  it("reads a count that is no integer of 2–99 as none", () => {
    for (const unitCount of [1, 0, 1.5, 100, "3" as never, null as never]) {
      const n: MatchNeed = { ...three, need: { ...three.need, unitCount } };
      expect(areaFitOf(n, at("x", "P", 5000))).toBeNull();
    }
  });
});

describe("rankMatches with a count (the trial's case)", () => {
  const ranked = rankMatches(three, [...PARK_TWO, ONE_BIG, ...PARK_THREE], { today: TODAY, limit: 10 });
  const of = (id: string) => ranked.find((r) => r.spaceId === id)!;

  it("matches each of the three 5,000 ㎡ buildings of a park that has three, unconditionally, first", () => {
    expect(ranked.slice(0, 3).map((r) => r.spaceId)).toEqual(["A1", "A2", "A3"]);
    for (const id of ["A1", "A2", "A3"]) expect(of(id)).toMatchObject({ parkId: "PA", conditional: false });
    expect(zh(of("A1"))).toContain("单栋面积 5000㎡ 在需求 4500–5500㎡ 内（需3栋，本园区符合的有 3 栋）");
    expect(en(of("A1"))).toContain(
      "Each building: area 5000㎡ within the wanted 4500–5500㎡ (3 buildings wanted; this park has 3 that fit)",
    );
    expect(of("A1").reasons[0].kind).toBe("fit");
  });

  it("makes a park with only two of them conditional and ranks it lower, the reason saying so", () => {
    for (const id of ["B1", "B2"]) expect(of(id)).toMatchObject({ parkId: "PB", conditional: true });
    expect(of("B1").score).toBeLessThan(of("A1").score);
    expect(zh(of("B1"))).toContain("单栋面积 5000㎡ 在需求 4500–5500㎡ 内，但需3栋，本园区符合的只有 2 栋（有条件匹配）");
    expect(en(of("B1"))).toContain("but 3 buildings are wanted and this park has only 2 that fit (conditional)");
    expect(of("B1").reasons.find((r) => r.zh.includes("只有 2 栋"))?.kind).toBe("warn");
  });

  it("still matches one 15,000 ㎡ building for the total, saying so", () => {
    expect(of("C1")).toMatchObject({ parkId: "PC", conditional: false });
    expect(zh(of("C1"))).toContain("面积 15000㎡ 在需求 13500–16500㎡ 内（按合计面积比较：一处代替3栋）");
    expect(en(of("C1"))).toContain("(compared with the total: one space in place of 3 buildings)");
  });

  it("counts a park's units among spaces given beside the one ranked (reverse matching)", () => {
    const [alone] = rankMatches(three, [PARK_THREE[0]], { today: TODAY, limit: 1 });
    expect(alone).toMatchObject({ conditional: true });
    expect(zh(alone)).toContain("本园区符合的只有 1 栋");
    const [beside] = rankMatches(three, [PARK_THREE[0]], { today: TODAY, limit: 1, alsoInParks: PARK_THREE });
    expect(beside).toMatchObject({ spaceId: "A1", conditional: false });
    expect(zh(beside)).toContain("本园区符合的有 3 栋");
  });

  it("does not count a unit-sized space that fails another rule", () => {
    const let_ = at("A4", "PB", 5000, { status: "let" });
    const low = at("A5", "PB", 5000, { ceilingM: 5 });
    const n = { ...three, need: { ...three.need, ceilingMinM: 8 } };
    const [r] = rankMatches(n, [...PARK_TWO, let_, low], { today: TODAY, limit: 1 });
    expect(zh(r)).toContain("只有 2 栋");
  });

  it("names the parks with a unit-sized fit, whose other spaces the job reads", () => {
    const check = (s: SpaceCandidate) => hardCheck(three, s);
    expect(unitParks(three, [ONE_BIG, ...PARK_TWO, ...PARK_THREE], check)).toEqual(["PB", "PA"]);
    expect(unitParks(noCount, [...PARK_TWO], (s) => hardCheck(noCount, s))).toEqual([]);
  });
});

describe("why not, for a lead of several units", () => {
  it("looks around one unit's size", () => {
    expect(whyNotWindow(three)).toMatchObject({ targetSqm: 5000, minAreaSqm: 4500 * 0.8 * 0.8 });
    expect(whyNotWindow(noCount)).toMatchObject({ targetSqm: 15000 });
  });

  it("says a space is too small for one unit, with the count, and suggests the total that lets it in", () => {
    const [e] = explainExclusions(three, [at("D1", "PD", 3000)], new Set());
    expect(e.reasons[0].zh).toBe("面积 3000㎡ < 单栋需求下限 4500㎡ 的 80%（3600㎡，需3栋）");
    expect(e.reasons[0].en).toBe("Area 3000㎡ < 80% of the wanted minimum per building 4500㎡ (3600㎡; 3 buildings wanted)");
    expect(e.suggestion).toMatchObject({ field: "areaMinSqm", value: 11250 });
    expect(e.suggestion?.zh).toBe("单栋面积下限放宽到 3,750㎡（共 11,250㎡） 可匹配 园区PD 测试房源");
  });
});

describe("the land thresholds of a plot taken as one of several", () => {
  it("divide the lead's tax by the area of all the units, not one", () => {
    const land = lead({ kind: "land", deal: "buy", industry: "C35", min: 30, max: 30, unit: "mu", units: 3, tax: 300 });
    const plot = space({ kind: "land", deals: ["buy"], areaSqm: 20000 / 3, park: { minTaxPerMuWan: 5 } });
    expect(areaFitOf(land, plot)).toBe("unit");
    // 300 万元 over 30 亩 (three 10 亩 plots): 10 万元/亩, not 30.
    expect(thresholdMetrics(land, plot)[0].value).toBeCloseTo(10);
  });
});

describe("reverse matching's bounds", () => {
  it("are the same bounds, which the SQL holds against a unit's area too", () => {
    const b = reverseLeadBounds(at("N", "PA", 5000));
    expect(three.need.areaMinSqm! / 3).toBeLessThanOrEqual(b.areaMinAtMost);
    expect(three.need.areaMaxSqm! / 3).toBeGreaterThanOrEqual(b.areaMaxAtLeast);
    expect(three.need.areaMinSqm!).toBeGreaterThan(b.areaMinAtMost); // the total alone would not let the lead in
  });
});

describe("the candidate searches", () => {
  it("add one search, for spaces of a unit's size, to a lead with a count only (issue 14 counts each)", () => {
    expect(candidateQueries(noCount, { indexUid: "spaces" })).toHaveLength(3);
    const queries = candidateQueries(three, { indexUid: "spaces" });
    expect(queries).toHaveLength(4);
    expect(queries[3]).toMatchObject({ sort: ["areaSqm:asc"], limit: 20 });
    expect(queries[3].filter).toContain("areaSqm >= 4500");
    expect(queries[3].filter).toContain("offerMinSqm <= 6875");
  });
});
