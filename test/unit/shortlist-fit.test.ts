import { describe, expect, it } from "vitest";

import { SQM_PER_MU } from "~/domain/area";
import { shortlistFit } from "~/recruiter-desk/shortlist-fit";

// Why a space fits, as the enterprise reads it on its shortlist: its own need against the space's
// figures, in plain words — never a park's threshold, a reference price or an industry code.

const TODAY = "2026-12-04";
const factory = {
  kind: "factory",
  areaSqm: 4800,
  ceilingM: 9,
  floorLoadKg: 3000,
  powerKva: 800,
  craneT: 10,
  singleStorey: true,
  status: "available",
};
const zh = (lines: { zh: string }[]) => lines.map((l) => l.zh);

describe("shortlistFit", () => {
  it("names each figure the need asked for and the space meets, in zh and en", () => {
    const need = {
      areaMinSqm: 4000,
      areaMaxSqm: 6000,
      ceilingMinM: 8,
      floorLoadMinKg: 2000,
      powerMinKva: 630,
      craneMinT: 5,
      singleStorey: true,
      moveInBy: "2027-03",
    };
    const lines = shortlistFit(need, factory, TODAY);
    expect(zh(lines)).toEqual([
      "面积 4800㎡，在您要的 4000–6000㎡ 之内",
      "单层厂房，如您所要",
      "层高 9 m，不低于您要的 8 m",
      "承重 3000 kg/㎡，不低于您要的 2000 kg/㎡",
      "配电 800 kVA，不低于您要的 630 kVA",
      "行车 10 t，不低于您要的 5 t",
      "赶得上您 2027-03 入驻",
    ]);
    expect(lines[0].en).toBe("4800㎡, within the 4000–6000㎡ you asked for");
  });

  it("says nothing of a figure not asked for, not known, or not met", () => {
    expect(shortlistFit({}, factory, TODAY)).toEqual([]);
    expect(shortlistFit(null, factory, TODAY)).toEqual([]);
    const short = { ...factory, areaSqm: 3500, ceilingM: 7, powerKva: null, availableFrom: "2027-06-01" };
    expect(
      shortlistFit({ areaMinSqm: 4000, areaMaxSqm: 6000, ceilingMinM: 8, powerMinKva: 630, moveInBy: "2027-03" }, short, TODAY),
    ).toEqual([]);
    expect(shortlistFit({ moveInBy: "2027-03" }, { ...factory, status: "reserved" }, TODAY)).toEqual([]);
  });

  it("says a one-sided area in words", () => {
    expect(zh(shortlistFit({ areaMaxSqm: 5000 }, factory, TODAY))).toEqual(["面积 4800㎡，不超过您要的 5000㎡"]);
    expect(zh(shortlistFit({ areaMinSqm: 4000 }, factory, TODAY))).toEqual(["面积 4800㎡，不小于您要的 4000㎡"]);
  });

  it("speaks of land in 亩", () => {
    const land = { kind: "land", areaSqm: 25 * SQM_PER_MU, status: "available" };
    expect(zh(shortlistFit({ areaMinSqm: 20 * SQM_PER_MU, areaMaxSqm: 30 * SQM_PER_MU }, land, TODAY))).toEqual([
      "面积 25亩，在您要的 20–30亩 之内",
    ]);
  });

  it("never carries a threshold, a reference, a comparison sign or an industry code, whatever the need", () => {
    const needs = [
      { areaMaxSqm: 5000 },
      { areaMinSqm: 100, ceilingMinM: 6, floorLoadMinKg: 500, powerMinKva: 100, craneMinT: 1, moveInBy: "2026-12" },
    ];
    for (const need of needs)
      for (const l of shortlistFit(need, factory, TODAY)) {
        expect(l.zh).not.toMatch(/门槛|参考价|需求上限|主导产业|[≤≥<>]|\b[A-T]\d{2}\b/);
        expect(l.en).not.toMatch(/minimum|reference|focus|[≤≥<>]|\b[A-T]\d{2}\b/);
      }
  });
});
