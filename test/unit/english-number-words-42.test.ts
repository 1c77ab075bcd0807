import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors } from "~/domain/lead-schema";
import { planAssist } from "~/domain/need-assist";
import { extractMoney } from "~/domain/need-money";
import { parseChineseNumber } from "~/domain/numbers";

import { validLeadJson } from "../support/leads";

// readers42: a number said in English words ("two thousand square meters", "five mu") was refused in the area box and passed over
// unsaid in the notes, where "两千平" and "五亩" were read. One reader of numbers for both (numbers.ts parseChineseNumber), and the
// notes and the box find the words as they find numerals (english-figures.ts).
const NOW = new Date("2026-12-06T05:00:00Z");
const MU = 2000 / 3;

function box(areaMin: string, lng: "zh" | "en" = "en") {
  const base = validLeadJson();
  const r = createLeadSchema(lng, "web", { now: () => NOW }).safeParse({
    ...base,
    need: { ...base.need, areaMin, areaMax: undefined },
  });
  return r.success ? [r.data.lead.need.areaMinSqm, r.data.lead.need.areaMaxSqm ?? null] : issuesToFieldErrors(r.error);
}
const notes = (text: string, kind = "factory") =>
  planAssist(text, new Set(), NOW, [extractMoney], kind).fills.filter((f) => f.field === "areaMinSqm" || f.field === "areaMaxSqm");

describe("English number words are numbers, as the Chinese numerals are", () => {
  it.each([
    ["two thousand", 2000],
    ["Two Thousand", 2000],
    ["fifteen hundred", 1500],
    ["two thousand five hundred", 2500],
    ["twenty-five hundred", 2500],
    ["a thousand", 1000],
    ["one hundred and fifty", 150],
    ["twenty five", 25],
    ["ten thousand", 10000],
    ["two hundred thousand", 200000],
    ["2 thousand", 2000],
    ["1.5 thousand", 1500],
    ["three million", 3e6],
  ])("%s → %d", (typed, n) => expect(parseChineseNumber(typed)).toBe(n));
  it.each(["two three", "five twenty", "thousand", "a", "twenty twenty", "thousand two million", "hundred", "two and", "many"])(
    "%s is no number",
    (typed) => expect(parseChineseNumber(typed)).toBeNull(),
  );
});

describe("in the area box", () => {
  it.each([
    ["two thousand square meters", [2000, null]],
    ["two thousand", [2000, null]],
    ["fifteen hundred sqm", [1500, null]],
    ["one thousand five hundred m2", [1500, null]],
    ["2 thousand sqm", [2000, null]],
    ["five mu", [5 * MU, null]],
    ["Five Mu", [5 * MU, null]],
    ["about two thousand sqm", [1800, 2200]],
    ["around three thousand", [2700, 3300]],
    ["two or three thousand sqm", [2000, 3000]],
    ["five to ten mu", [5 * MU, 10 * MU]],
  ])("%s", (typed, [lo, hi]) => {
    const r = box(typed) as [number, number | null];
    expect(r[0]).toBeCloseTo(lo as number, 1);
    if (hi === null) expect(r[1]).toBeNull();
    else expect(r[1]).toBeCloseTo(hi, 1);
  });
  it.each(["many square meters", "two three thousand sqm", "a few thousand sqm"])("%s is still refused, naming what was typed", (typed) => {
    const r = box(typed) as Record<string, string[]>;
    expect(r["need.areaMin"]?.[0]).toContain(typed);
  });
});

describe("in the notes", () => {
  it.each([
    ["We need two thousand square meters factory", 1800, 2200, "two thousand square meters"],
    ["looking for about three thousand sqm, one building", 2700, 3300, "about three thousand sqm"],
    ["one building of two thousand sqm", 1800, 2200, "two thousand sqm"],
    ["two or three thousand sqm", 2000, 3000, "two or three thousand sqm"],
    ["we need ten mu", 10 * MU * 0.9, 10 * MU * 1.1, "ten mu"],
    ["需要 two thousand 平 厂房", 1800, 2200, "two thousand 平"],
    ["fifteen hundred square metres please", 1350, 1650, "fifteen hundred square metres"],
  ])("%s", (text, lo, hi, quoted) => {
    const f = notes(text);
    expect(f.map((x) => x.field)).toEqual(["areaMinSqm", "areaMaxSqm"]);
    expect(f[0].value as number).toBeCloseTo(lo, 1);
    expect(f[1].value as number).toBeCloseTo(hi, 1);
    expect(f[0].text).toContain(quoted);
  });
  it("a count in words is still a count, not an area: two buildings, five thousand sqm each", () => {
    const p = planAssist("We need two buildings, five thousand sqm each", new Set(), NOW, [extractMoney], "factory");
    expect(p.fills.find((f) => f.field === "unitCount")?.value).toBe(2);
    expect(p.fills.find((f) => f.field === "areaMinSqm")?.value).toBe(9000);
  });
});
