import { describe, expect, it } from "vitest";

import { needAreaText } from "~/assignments/assignment-details.server";
import { muToSqm } from "~/domain/area";
import { leadSchema } from "~/domain/lead-schema";
import { extractMoney } from "~/domain/need-money";
import { needAreaLine } from "~/domain/unit-count-text";
import { areaAboutReading } from "~/leads/area-reading";
import { assistPreview } from "~/leads/assist-preview";
import { shortlistFit } from "~/recruiter-desk/shortlist-fit";

import { validLeadJson } from "../support/leads";

// Trial M2 (ADR 180): an area asked in 亩 ("要50亩地", "约二十亩") was said back only in ㎡ ("面积 30000㎡–36666.67㎡") unless the
// kind chosen was land: the pages chose the unit by the kind, never by what the person typed. Now the unit the person used
// decides — the notes' words (亩, 畝, mu), the unit box — on every page that says the area back: the live reading, the box's
// reading, the stored need (areaUnit "mu"), the confirmation page, the staff's lines and emails (needAreaText), the shortlist.

/** Notes giving an area in 亩, and the figure the person will look for in what is said back. */
const IN_MU: [notes: string, figure: RegExp][] = [
  ["要50亩地", /约50亩（约33333㎡）/],
  ["约二十亩", /约20亩（约13333㎡）/],
  ["需要二十畝左右的地", /约20亩（约13333㎡）/],
  ["地块30到50亩", /30–50亩（20000–33333㎡）/],
  ["不少于40亩", /≥ 40亩（26667㎡）/],
  ["面积最多60亩", /≤ 60亩（40000㎡）/],
  ["要一百亩左右", /约100亩（约66667㎡）/],
  ["拿地15亩", /15亩/],
];

const preview = (notes: string, kind?: string, lng: "zh" | "en" = "zh") =>
  assistPreview(notes, new Set(), lng, kind, [extractMoney]).understood;

describe("an area typed in 亩 is said back in 亩 (ADR 180)", () => {
  it.each(IN_MU)("the live reading of %j says it in 亩, whatever the kind", (notes, figure) => {
    for (const kind of [undefined, "land", "warehouse"]) {
      const said = preview(notes, kind);
      // Beside a warehouse, land words may be set aside as another use: quoted as typed then (ADR 110), never converted.
      if (kind === "warehouse" && said.includes(notes)) continue;
      expect(said, `${notes} / ${String(kind)}`).toMatch(figure);
    }
  });

  it("in English: about 50 mu (about 33333㎡)", () => {
    expect(preview("要50亩地", undefined, "en")).toMatch(/about 50 mu \(about 33333㎡\)/);
  });

  it("an area typed in ㎡ is still said in ㎡ (平, 平米, 平方米, ㎡ are one unit)", () => {
    for (const notes of ["厂房要5000平", "要5000平米", "5000平方米左右", "需要5000㎡"]) expect(preview(notes, "factory")).not.toMatch(/亩/);
  });

  it("the box's reading says the range in 亩 when the unit is 亩 or the box says 亩", () => {
    expect(areaAboutReading("约50", "", "mu", "zh", "factory")).toMatch(/45–55亩（30000–36667㎡）/);
    expect(areaAboutReading("约50亩", "", "sqm", "zh", undefined)).toMatch(/45–55亩/);
    expect(areaAboutReading("约5000平", "", "sqm", "zh", "factory")).toMatch(/4500㎡–5500㎡/);
  });

  it("the stored need keeps the unit the notes gave (areaUnit mu, areaMin in 亩), the box's unit otherwise", () => {
    const parse = (need: Record<string, unknown>) => {
      const base = validLeadJson();
      const r = leadSchema("zh", "api").safeParse({ ...base, need: { ...base.need, ...need } });
      expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
      return r.data!.lead.need;
    };
    const fromNotes = parse({ kind: "land", areaMin: undefined, areaMax: undefined, ceilingMinM: undefined, notes: "要50亩地" });
    expect([fromNotes.areaUnit, fromNotes.areaMin, fromNotes.areaMax]).toEqual(["mu", 45, 55]);
    const box = parse({ areaMin: 4000, areaMax: 6000, areaUnit: "sqm", notes: "要50亩地" });
    expect(box.areaUnit).toBe("sqm");
  });

  it("every page that says a stored need's area says it in the unit it was given in", () => {
    const need = { kind: "factory", areaUnit: "mu", areaMinSqm: muToSqm(45), areaMaxSqm: muToSqm(55) };
    expect(needAreaLine(need, "zh")).toBe("约50亩（约33333㎡）"); // the confirmation page
    expect(needAreaText({ need }, "zh")).toMatch(/^45–55亩（30000–36667㎡）$/); // the staff's pages and emails
    const [fit] = shortlistFit(need, { kind: "factory", areaSqm: muToSqm(50), status: "available" } as never, "2026-12-05");
    expect(fit.zh).toMatch(/45–55亩/); // the enterprise's shortlist
    // In ㎡ when given in ㎡.
    expect(needAreaLine({ ...need, areaUnit: "sqm" }, "zh")).not.toMatch(/亩/);
  });
});
