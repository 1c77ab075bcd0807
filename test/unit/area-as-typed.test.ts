import { describe, expect, it } from "vitest";

import { parseArea } from "../../app/domain/area";
import { readFieldNumber } from "../../app/domain/field-value";
import { createLeadSchema, issuesToFieldErrors, type Lead } from "../../app/domain/lead-schema";
import { parseCount } from "../../app/domain/money";
import { parseNeedText } from "../../app/domain/need-text";
import { spokenRangeEnds } from "../../app/domain/numbers";
import { parseCeilingM } from "../../app/domain/units";
import { validLeadJson } from "../support/leads";

// How people really type an area: a half (半亩, 亩半), "about" words between the figure and its unit
// (十来亩, 千把平), and spoken ranges (两三千平) typed into one bound field. The field and the notes read
// the same words the same way.
const NOW = new Date("2026-12-01T02:00:00Z");
const MU = 2000 / 3;
const round2 = (n: number) => Math.round(n * 100) / 100;

function parse(need: Record<string, unknown>, lng: "zh" | "en" = "zh") {
  const base = validLeadJson();
  return createLeadSchema(lng, "api", { now: () => NOW }).safeParse({ ...base, need: { ...base.need, ...need } });
}
function lead(need: Record<string, unknown>): Lead["need"] {
  const r = parse(need);
  if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
  return r.data.lead.need;
}
function errors(need: Record<string, unknown>, lng: "zh" | "en" = "zh") {
  const r = parse(need, lng);
  return r.success ? {} : issuesToFieldErrors(r.error);
}

describe("parseArea: 半 as people say it", () => {
  it.each<[string, number]>([
    ["半亩", 0.5 * MU],
    ["亩半", 1.5 * MU], // spoken for 一亩半
    ["一亩半", 1.5 * MU],
    ["两亩半", 2.5 * MU],
    ["半公顷", 5000],
    ["半 亩", 0.5 * MU],
  ])("%j → %d ㎡", (input, sqm) => {
    expect(parseArea(input, "sqm")).toBeCloseTo(sqm, 6);
  });

  it.each(["半", "半半亩", "半亩半", "亩", "半5亩", "一半亩"])("%j → null", (input) => {
    expect(parseArea(input, "sqm")).toBeNull();
  });
});

describe("area fields: a half, and 来/把 (about) read like 约", () => {
  it.each<[string, number]>([
    ["半亩", 333.33],
    ["半亩地", 333.33],
    ["亩半", 1000],
    ["亩半地", 1000],
  ])("areaMin %j → %d ㎡ (and the same in areaMax)", (typed, sqm) => {
    expect(lead({ areaMin: typed, areaMax: undefined }).areaMinSqm).toBe(sqm);
    expect(lead({ areaMin: undefined, areaMax: typed }).areaMaxSqm).toBe(sqm);
  });

  // ADR 101: a figure with a word of "about" alone in either box is about it, ±10 %, as the notes read it
  // (need-text.ts aboutRange) — one reading of "about", wherever it is typed.
  it.each<[string, number]>([
    ["十来亩", 10 * MU],
    ["二十来亩", 20 * MU],
    ["二十来亩地", 20 * MU],
    ["20来亩", 20 * MU],
    ["百来亩", 100 * MU],
    ["一百来亩", 100 * MU],
    ["五千来平", 5000],
    ["5000来平米", 5000],
    ["千把平", 1000],
    ["千把平米", 1000],
    ["万把平", 10000],
    ["百把亩", 100 * MU],
    ["5000平左右", 5000],
    ["约5000平", 5000],
    ["5000㎡左右", 5000],
    ["三十亩左右", 20000],
    ["两千平上下", 2000],
    ["大概2000平", 2000],
    ["about 2000 sqm", 2000],
    ["2000 sqm approx.", 2000],
  ])("%j alone in areaMin or areaMax → about %d ㎡ (±10 %%, as the notes read it)", (typed, sqm) => {
    const about = [round2(sqm * 0.9), round2(sqm * 1.1)];
    const min = lead({ areaMin: typed, areaMax: undefined });
    expect([min.areaMinSqm, min.areaMaxSqm]).toEqual(about);
    const max = lead({ areaMin: undefined, areaMax: typed });
    expect([max.areaMinSqm, max.areaMaxSqm]).toEqual(about);
    const notes = parseNeedText(typed).hints;
    expect([notes.areaMinSqm, notes.areaMaxSqm]).toEqual(about);
  });

  it("beside a typed other bound, about a figure is that bound's end (as 约2000到3000平 in the notes)", () => {
    const need = lead({ areaMin: "约2000平", areaMax: "3000平" });
    expect([need.areaMinSqm, need.areaMaxSqm]).toEqual([2000, 3000]);
  });

  it("a bare figure alone is still the bound typed (ADR 070: only a word of about makes it a range)", () => {
    const need = lead({ areaMin: "2000", areaMax: undefined });
    expect([need.areaMinSqm, need.areaMaxSqm]).toEqual([2000, undefined]);
  });

  it("十来亩 with the unit 亩 chosen: about 10 亩 (9–11 亩)", () => {
    const need = lead({ areaUnit: "mu", areaMin: "十来", areaMax: undefined });
    expect([need.areaMin, need.areaMax]).toEqual([9, 11]);
  });

  // Session 41: the message names what was typed (figure-refusal.ts areaRefusal; an area unit in it is none we do not know).
  it.each(["5来亩", "三来亩", "十五来亩", "5把平", "十把亩"])("%j: 来/把 after a figure that is not round → not a number", (typed) => {
    expect(errors({ areaMin: typed, areaMax: undefined })["need.areaMin"]).toEqual([
      `没能从“${typed}”读出面积：请写平方米或亩，例如 5000、5千平 或 50亩；范围可写成 3000-5000`,
    ]);
  });

  it("a qualifier still wins over 来: 十来亩以上 in areaMax is refused as a minimum", () => {
    expect(errors({ areaMin: "1", areaMax: "十来亩以上" })["need.areaMax"]).toEqual(["此项填上限；“以上”“至少”这样的下限请填在最小面积里"]);
  });
});

describe("area fields: a spoken range in one bound goes to both boxes when the other is blank, else is refused saying where each end goes", () => {
  it.each<[string, string, string]>([
    ["两三千平", "两千平", "三千平"],
    ["五六千平米", "五千平米", "六千平米"],
    ["三四十亩", "三十亩", "四十亩"],
    ["三四十亩地", "三十亩地", "四十亩地"],
    ["一两千平", "一千平", "两千平"],
    ["三五千平", "三千平", "五千平"],
    ["七八十亩", "七十亩", "八十亩"],
    ["十一二亩", "十一亩", "十二亩"],
    ["一万二三千平", "一万二千平", "一万三千平"],
    ["两千七八百平", "两千七百平", "两千八百平"],
    ["两三千平左右", "两千平左右", "三千平左右"],
    ["两三千", "两千", "三千"],
    ["兩三千平", "两千平", "三千平"], // Traditional 兩
    ["十几亩", "十一亩", "十九亩"], // 十几: the ones after a ten
    ["二十几亩", "二十一亩", "二十九亩"],
    ["三十几亩地", "三十一亩地", "三十九亩地"],
  ])("%j → 最小面积 %j, 最大面积 %j", (typed, low, high) => {
    // The other box blank (docs/decisions/097): each end read in its own box.
    const split = lead({ areaMin: low, areaMax: high });
    for (const need of [
      { areaMin: typed, areaMax: undefined },
      { areaMin: undefined, areaMax: typed },
    ]) {
      const read = lead(need);
      expect([read.areaMinSqm, read.areaMaxSqm]).toEqual([split.areaMinSqm, split.areaMaxSqm]);
    }
    // The other box filled: refused where it was typed, saying where each end goes.
    const zh = `这是一个范围：请在最小面积填“${low}”，最大面积填“${high}”`;
    expect(errors({ areaMin: typed, areaMax: "90000" })["need.areaMin"]).toEqual([zh]);
    expect(errors({ areaMin: "1", areaMax: typed })["need.areaMax"]).toEqual([zh]);
    expect(errors({ areaMin: typed, areaMax: "90000" }, "en")["need.areaMin"]).toEqual([
      `This is a range: put “${low}” in the minimum area and “${high}” in the maximum area`,
    ]);
  });

  it("each end typed where the message says is read as the notes read the range", () => {
    for (const typed of ["两三千平", "五六千平米", "三四十亩", "一两千平", "三五千平", "七八十亩", "一万二三千平", "十几亩", "二十几亩"]) {
      const [low, high] = spokenRangeEnds(typed)!;
      const fields = lead({ areaMin: low, areaMax: high });
      const notes = parseNeedText(typed).hints;
      expect([fields.areaMinSqm, fields.areaMaxSqm]).toEqual([notes.areaMinSqm, notes.areaMaxSqm]);
    }
  });

  it("other single-figure fields refuse a spoken range too (one figure, the range goes into the notes)", () => {
    expect(errors({ ceilingMinM: "七八米" })["need.ceilingMinM"]).toEqual([
      "这是一个范围（“七米”到“八米”），此项只填一个数；范围请写在补充说明里",
    ]);
    expect(readFieldNumber("三四十人", parseCount, "amount")).toEqual({ ok: false, reason: "range", low: "三十人", high: "四十人" });
    expect(readFieldNumber("层高七八米", (s) => parseCeilingM(s.replace(/^层高/, "")), "min")).toEqual({
      ok: false,
      reason: "range",
      low: "层高七米",
      high: "层高八米",
    });
  });

  it.each(["五千平", "5000", "二十五亩", "一千二百平", "十二亩"])("%j is not a range", (typed) => {
    expect(readFieldNumber(typed, (s) => parseArea(s, "sqm"), "min").ok).toBe(true);
  });

  it("digits side by side that are no spoken range stay unread (一九九八 is a year)", () => {
    expect(readFieldNumber("一九九八", (s) => parseArea(s, "sqm"), "min")).toEqual({ ok: false, reason: "number" });
  });
});

describe("area fields: a written range in one bound is read the same way (20到30亩, 5000-8000平)", () => {
  it.each<[string, string, string]>([
    ["20到30亩", "20亩", "30亩"],
    ["20-30亩", "20亩", "30亩"],
    ["20～30亩", "20亩", "30亩"], // full-width tilde
    ["20—30亩", "20亩", "30亩"], // em dash
    ["20至30亩", "20亩", "30亩"],
    ["5000到8000平", "5000平", "8000平"],
    ["3-5万平", "3万平", "5万平"], // the low end borrows the magnitude
    ["1.5~2万平米", "1.5万平米", "2万平米"],
    ["三到五千平", "三千平", "五千平"],
    ["二十到三十亩", "二十亩", "三十亩"],
  ])("%j → 最小面积 %j, 最大面积 %j", (typed, low, high) => {
    expect(errors({ areaMin: typed, areaMax: "90000" })["need.areaMin"]).toEqual([
      `这是一个范围：请在最小面积填“${low}”，最大面积填“${high}”`,
    ]);
    expect(errors({ areaMin: "1", areaMax: typed }, "en")["need.areaMax"]).toEqual([
      `This is a range: put “${low}” in the minimum area and “${high}” in the maximum area`,
    ]);
    // Each end typed where the message says, or the range alone in either box, is read as the notes read it.
    const notes = parseNeedText(typed).hints;
    for (const need of [
      { areaMin: low, areaMax: high },
      { areaMin: typed, areaMax: undefined },
      { areaMin: undefined, areaMax: typed },
    ]) {
      const fields = lead(need);
      expect([fields.areaMinSqm, fields.areaMaxSqm]).toEqual([notes.areaMinSqm, notes.areaMaxSqm]);
    }
  });

  it("other single-figure fields say it too; what is no range of one figure stays as it was", () => {
    expect(errors({ ceilingMinM: "8到9米" })["need.ceilingMinM"]).toEqual([
      "这是一个范围（“8米”到“9米”），此项只填一个数；范围请写在补充说明里",
    ]);
    expect(readFieldNumber("50-80人", parseCount, "amount")).toEqual({ ok: false, reason: "range", low: "50人", high: "80人" });
    const area = (s: string) => readFieldNumber(s, (t) => parseArea(t, "sqm"), "min");
    // 5000万 would not stay below 1万: the low end alone.
    expect(area("5000-1万")).toEqual({ ok: false, reason: "range", low: "5000", high: "1万" });
    for (const typed of ["30亩-2万平", "5000-", "-5000", "1-2-3平"]) expect(area(typed)).toEqual({ ok: false, reason: "number" });
  });
});

describe("notes read the same words the same way", () => {
  it.each<[string, number, number]>([
    ["半亩地", 0.5 * MU * 0.9, 0.5 * MU * 1.1],
    ["要个十来亩的地", 10 * MU * 0.9, 10 * MU * 1.1],
    ["二十来亩", 20 * MU * 0.9, 20 * MU * 1.1],
    ["百来亩地", 100 * MU * 0.9, 100 * MU * 1.1],
    ["千把平的仓库", 900, 1100],
    ["五千来平的厂房", 4500, 5500],
    ["两三千平", 2000, 3000],
    ["五六千平米", 5000, 6000],
    ["三四十亩", 30 * MU, 40 * MU],
    ["需要十几亩地", 11 * MU, 19 * MU],
    ["厂房二十几亩", 21 * MU, 29 * MU],
  ])("%j → %d–%d ㎡", (text, lo, hi) => {
    expect(parseNeedText(text).hints).toMatchObject({ areaMinSqm: round2(lo), areaMaxSqm: round2(hi) });
  });

  it.each(["5来亩", "三来亩"])("%j: 来 after a figure that is not round is not read", (text) => {
    expect(parseNeedText(text).hints.areaMinSqm).toBeUndefined();
  });

  it.each(["几十亩", "几千平", "数十亩", "要几十亩地"])("%j says no figure: not read (not as 十亩)", (text) => {
    expect(parseNeedText(text).hints.areaMinSqm).toBeUndefined();
  });
});
