import { describe, expect, it } from "vitest";

import { needAreaShort } from "~/domain/area";
import { needAreaLine, unitsAreaText } from "~/domain/unit-count-text";
import { shortlistFit } from "~/recruiter-desk/shortlist-fit";

// A need of several units as the pages, the emails and the recruiter's lead page say it (docs/decisions/130):
// each unit's size, then the total the need stores.

describe("a need of several units in words", () => {
  it("says each unit's size and the total: 3栋 × 约5000㎡（共约15000㎡）", () => {
    const words = (lo?: number, hi?: number) => needAreaShort(lo, hi, false, "zh");
    expect(unitsAreaText(13500, 16500, 3, "factory", "zh", words)).toBe("3栋 × 约5000㎡（共约15000㎡）");
    expect(unitsAreaText(13500, 16500, 3, "factory", "en", words)).toBe("3 buildings × about 5000㎡ (about 15000㎡ in all)");
    expect(unitsAreaText(12000, 18000, 3, "warehouse", "zh", words)).toBe("3栋 × 4000–6000㎡（共12000–18000㎡）");
    expect(unitsAreaText(10000, undefined, 2, "office", "en", words)).toBe("2 units × ≥ 5000㎡ (≥ 10000㎡ in all)");
    expect(needAreaLine({ kind: "land", areaMinSqm: 18000, areaMaxSqm: 22000, unitCount: 2 }, "zh")).toBe("2块 × 约15亩（共约30亩）");
    expect(needAreaLine({ kind: "factory", areaMinSqm: 13500, areaMaxSqm: 16500 }, "zh")).toBe("13500–16500㎡");
  });
});

describe("the enterprise's shortlist", () => {
  it("says a 5,000 ㎡ building is within each unit's size it asked for", () => {
    const need = { areaMinSqm: 13500, areaMaxSqm: 16500, unitCount: 3 };
    const lines = shortlistFit(need, { kind: "factory", areaSqm: 5000, status: "available" }, "2026-12-04");
    expect(lines).toEqual([
      {
        zh: "面积 5000㎡，在您要的单栋 4500–5500㎡ 之内（共需3栋）",
        en: "5000㎡, within the 4500–5500㎡ you asked for per building (3 buildings in all)",
      },
    ]);
    // Without a count, nothing is said of a building that is not the size asked for.
    expect(
      shortlistFit({ areaMinSqm: 13500, areaMaxSqm: 16500 }, { kind: "factory", areaSqm: 5000, status: "available" }, "2026-12-04"),
    ).toEqual([]);
  });
});
