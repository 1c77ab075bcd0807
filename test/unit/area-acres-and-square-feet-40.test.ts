import { describe, expect, it } from "vitest";

import { parseArea } from "~/domain/area";
import { createLeadSchema, issuesToFieldErrors } from "~/domain/lead-schema";

import { validLeadJson } from "../support/leads";

// New-user trial 40: an investor writing English gave land in acres — "10 acres" in the area box was refused
// ("Enter an area, e.g. 5000, 5000 sqm or 50 mu"), "We need 10 acres of industrial land" in the notes was not
// read (and the form then asked for an area "or write it in the notes"); "2000 ft2" likewise, while "2000 sq ft"
// was read. One table of area units (area.ts AREA_UNITS) and the notes' unit pattern take them now:
// 1 acre = 4046.8564224 ㎡, 1 ft² = 0.09290304 ㎡ (exact).
const NOW = new Date("2026-12-01T02:00:00Z");
const ACRE = 4046.8564224;

function need(fields: Record<string, unknown>, lng: "zh" | "en" = "en") {
  const base = validLeadJson();
  const r = createLeadSchema(lng, "api", { now: () => NOW }).safeParse({
    ...base,
    need: { kind: "land", deal: "buy", ...fields },
  });
  if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
  return r.data.lead.need;
}

describe("acres and square feet in the area box", () => {
  it.each([
    ["10 acres", 10 * ACRE],
    ["1 acre", ACRE],
    ["2.5 Acres", 2.5 * ACRE],
    ["10英亩", 10 * ACRE],
    ["2000 ft2", 2000 * 0.09290304],
    ["2000 ft²", 2000 * 0.09290304],
    ["2000 sq feet", 2000 * 0.09290304],
    ["1 square foot", 0.09290304],
  ])("parseArea(%j) = %f ㎡", (typed, sqm) => {
    expect(parseArea(typed, "sqm")).toBeCloseTo(sqm, 2);
  });

  it("a lead's box: 10 acres is about 40469 ㎡, not refused", () => {
    expect(need({ areaMin: "10 acres" }).areaMinSqm).toBeCloseTo(10 * ACRE, 0);
    expect(need({ areaMin: "5 acres", areaMax: "8 acres" }).areaMaxSqm).toBeCloseTo(8 * ACRE, 0);
  });

  it("亩 still reads as 亩 (英亩 is not 亩)", () => {
    expect(need({ areaMin: "10亩" }, "zh").areaMinSqm).toBeCloseTo(6666.67, 1);
    expect(need({ areaMin: "10英亩" }, "zh").areaMinSqm).toBeCloseTo(10 * ACRE, 0);
  });
});

describe("acres and ft² in the notes fill a blank area", () => {
  it.each([
    ["We need 10 acres of industrial land.", 10 * ACRE],
    ["Looking for about 20 acres near Gaochun.", 20 * ACRE],
    ["需要50英亩工业用地", 50 * ACRE],
  ])("%j", (notes, sqm) => {
    const n = need({ notes });
    const lo = n.areaMinSqm ?? 0;
    const hi = n.areaMaxSqm ?? lo;
    expect(lo).toBeGreaterThan(0);
    expect(lo).toBeLessThanOrEqual(sqm + 1);
    expect(hi).toBeGreaterThanOrEqual(sqm - 1);
  });

  it("an office's ft2 in the notes", () => {
    const n = need({ kind: "office", deal: "lease", notes: "An office of 5000 ft2, single floor." });
    expect(n.areaMinSqm! <= 5000 * 0.09290304 + 1 && (n.areaMaxSqm ?? n.areaMinSqm)! >= 5000 * 0.09290304 - 1).toBe(true);
  });
});
