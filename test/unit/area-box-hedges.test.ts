import { describe, expect, it } from "vitest";

import { parseArea } from "~/domain/area";
import { splitQualifier } from "~/domain/comparison";
import { readFieldNumber } from "~/domain/field-value";
import { fold } from "~/domain/fold-text";
import { createLeadSchema, issuesToFieldErrors } from "~/domain/lead-schema";
import { parseCeilingM } from "~/domain/units";
import { areaAboutReading } from "~/leads/area-reading";

import { validLeadJson } from "../support/leads";

// ADR 149 (trial of 12-05): "大概三千平吧" in 最小面积 was refused ("请输入面积，例如 5000、5千平 或 50亩"), though
// the notes read the same words. A hedge at the end of a figure (吧, 的样子, 这样, or so, -ish) is read as the
// notes read it: about the figure, or the bound said before it — in every number box (field-value.ts).
const NOW = new Date("2026-12-05T02:00:00Z");
const area = (typed: string, role: "min" | "max" = "min") => readFieldNumber(typed, (s) => parseArea(s, "sqm"), role);

function need(fields: Record<string, unknown>) {
  const base = validLeadJson();
  const r = createLeadSchema("zh", "web", { now: () => NOW }).safeParse({
    ...base,
    need: { ...base.need, areaMin: undefined, areaMax: undefined, ...fields },
  });
  return r.success ? r.data.lead.need : { refused: issuesToFieldErrors(r.error) };
}

describe("a hedge around a figure in an area box", () => {
  it.each([
    "大概三千平吧",
    "大约3000平米吧",
    "三千平左右吧",
    "3000平上下吧",
    "差不多三千平的样子",
    "三千平这样",
    "3000平吧",
    "3000平吧。",
    "大概3000吧",
    "大概３０００平吧", // full-width digits
    "大概三千平吧 ", // a trailing space
    "approx. 3000 sqm",
    "about 3000 sqm or so",
    "3000 sqm or so",
    "3000ish",
    "3000 sqm-ish",
  ])("%j → about 3000 ㎡", (typed) => expect(area(typed)).toEqual({ ok: true, value: 3000, about: true }));

  it("a bound said before the hedge stays a bound; the opposite bound is still refused", () => {
    expect(area("至少3000平吧")).toEqual({ ok: true, value: 3000 });
    expect(area("3000平以上吧")).toEqual({ ok: true, value: 3000 });
    expect(area("3000平以下吧")).toEqual({ ok: false, reason: "minOnly" });
    expect(area("最多五千平吧", "max")).toEqual({ ok: true, value: 5000 });
  });

  it("a hedge alone, or words with no figure, are still refused", () => {
    for (const typed of ["吧", "大概吧", "差不多的样子", "or so", "很大吧"]) expect(area(typed).ok, typed).toBe(false);
  });

  it("a spoken range with a hedge is still two figures for one box", () => {
    expect(area("两三千平吧")).toMatchObject({ ok: false, reason: "range" });
  });

  it("the form stores it as the notes' about-reading (±10 %), and says so beside the boxes", () => {
    expect(need({ areaMin: "大概三千平吧" })).toMatchObject({ areaMinSqm: 2700, areaMaxSqm: 3300 });
    expect(need({ areaMin: "差不多五十亩的样子", kind: "land" })).toMatchObject({ areaMinSqm: 30000, areaMaxSqm: 36666.67 });
    expect(areaAboutReading("大概三千平吧", "", "sqm", "zh", "factory")).toMatch(/“大概三千平吧”.*2700.*3300/);
    expect(areaAboutReading("3000 sqm or so", "", "sqm", "en", "factory")).toMatch(/2700.*3300/);
  });

  it("other number boxes read a hedge too (their figure)", () => {
    expect(readFieldNumber("大概8米吧", parseCeilingM, "min")).toMatchObject({ ok: true, value: 8 });
  });

  it("a point before a figure's words is no number's start: approx. 3000", () => {
    expect(splitQualifier(fold("approx. 3000 sqm"))).toEqual({ body: "3000 sqm", cmp: "about" });
    expect(splitQualifier(fold("约.5亩"))).toEqual({ body: ".5亩", cmp: "about" });
  });
});
