import { describe, expect, it } from "vitest";

import { callbackScript } from "../../../app/assignments/route-lead.server";
import { explainExclusions, isNearMiss, nearestMisses } from "../../../app/domain/matching/why-not";
import { lead, space } from "../../fixtures/match-eval";

// Trial 12-05, finding 2: the hotline's 只差一点 list (and the call-back script's nearest spaces) showed
// spaces that missed on two or three rules, the city among them. A near miss misses on exactly one rule,
// and a region miss is near only inside a city the lead names.

const need = lead({ kind: "factory", deal: "lease", industry: "C35", min: 4500, max: 6000, ceiling: 8.5, regions: ["高淳区"], tax: 300 });
const gaochun = { id: "GC", district: "高淳区", districtCode: "320118" };
const jiangning = { id: "JN", district: "江宁区", districtCode: "320115" };
const suzhou = { id: "SZ", name: "苏州园区", district: "虎丘区", districtCode: "320505" };

const spaces = [
  space({ id: "ONE-CEILING", title: "一号车间", ceilingM: 8, park: gaochun }), // in 高淳, 8 m: one rule
  space({ id: "ONE-DISTRICT", title: "二号车间", ceilingM: 9, park: jiangning }), // fits, in 江宁: same city, one rule
  space({ id: "OTHER-CITY", title: "三号车间", ceilingM: 9, park: suzhou }), // fits, but in 苏州: the region alone, another city
  space({ id: "TWO-RULES", title: "四号车间", ceilingM: 8.4, areaSqm: 3500, park: gaochun }), // area and ceiling
  space({ id: "THREE-RULES", title: "五号车间", ceilingM: 8.4, areaSqm: 3500, park: suzhou }), // area, ceiling and the city
];

describe("near misses", () => {
  const excluded = explainExclusions(need, spaces, new Set(), { perPark: 5 });

  it("are the spaces that fail exactly one rule, a region only within a city the lead names", () => {
    // Every space is left out, and listed by the why-not (the lead page's full answer).
    expect(excluded.map((e) => e.spaceId).sort()).toEqual(["ONE-CEILING", "ONE-DISTRICT", "OTHER-CITY", "THREE-RULES", "TWO-RULES"]);
    expect(nearestMisses(excluded, 10).map((e) => e.spaceId)).toEqual(["ONE-CEILING", "ONE-DISTRICT"]);
    expect(excluded.filter(isNearMiss).every((e) => e.reasons.length === 1)).toBe(true);
  });

  it("the call-back script names only those (zh and en)", () => {
    for (const lng of ["zh", "en"] as const) {
      const script = callbackScript("PM-20261205-0001", excluded, lng);
      expect(script).toContain("一号车间");
      expect(script).toContain("二号车间");
      for (const far of ["三号车间", "四号车间", "五号车间"]) expect(script).not.toContain(far);
    }
    // The district to add, in English by its English label.
    expect(callbackScript("PM-20261205-0001", excluded, "en")).toContain("Add Jiangning District (江宁区) to the wanted districts");
  });

  it("an exclusion stored before `near` was kept counts by its one reason", () => {
    const stored = excluded.map(({ near: _near, ...e }) => e);
    expect(
      nearestMisses(stored, 10)
        .map((e) => e.spaceId)
        .sort(),
    ).toEqual(["ONE-CEILING", "ONE-DISTRICT", "OTHER-CITY"]);
  });
});
