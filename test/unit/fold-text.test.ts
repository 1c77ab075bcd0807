import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { parseArea } from "../../app/domain/area";
import { fold, foldText } from "../../app/domain/fold-text";
import { parseChineseNumber } from "../../app/domain/numbers";
import { parseCeilingM, parseCraneT } from "../../app/domain/units";

describe("fold: one normalisation before any number is read", () => {
  it.each<[string, string]>([
    // Traditional → Simplified (OpenCC), item 10
    ["30畝廠房", "30亩厂房"],
    ["約3000平方米", "约3000平方米"],
    ["樓高9米，單層", "楼高9米，单层"],
    ["10噸行車", "10吨行车"],
    ["購買", "购买"],
    ["高淳區", "高淳区"],
    ["五萬", "五万"],
    ["三億", "三亿"],
    ["兩千", "两千"],
    // the Chinese comma stays a clause mark, item 5
    ["层高9，800KVA", "层高9，800kva"],
    ["１，０００", "1，000"],
    // every range mark, item 6
    ["1500―2000", "1500-2000"],
    ["1500——2000", "1500-2000"],
    ["1500――2000", "1500-2000"],
    ["1500‐2000", "1500-2000"],
    ["1500‑2000", "1500-2000"],
    ["1500﹣2000", "1500-2000"],
    ["1500－2000", "1500-2000"],
    ["1500−2000", "1500-2000"],
    ["1500∼2000", "1500~2000"],
    ["1500～2000", "1500~2000"],
    ["1500〜2000", "1500~2000"],
    ["--5", "--5"], // two ASCII hyphens are not a range mark
    // format characters (Unicode Cf) removed
    ["\u202d5000\u202c平", "5000平"],
    ["50\u200b00", "5000"],
    ["\u200e5000\u2060", "5000"],
    ["\ufeff5000", "5000"],
    // 个亿, w, units in brackets, a space before a magnitude
    ["一个亿", "一亿"],
    ["1.5个亿", "1.5亿"],
    ["1w平", "1万平"],
    ["2W", "2万"],
    ["9000（毫米）", "9000毫米"],
    ["9000(mm)", "9000mm"],
    ["345 萬", "345万"],
  ])("%j → %j", (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it("maps every folded character back to where the person typed it", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."樓高9米，單層——１２\u200b亩半个亿wW（毫米）".split("")) }), (text) => {
        const { s, at } = foldText(text);
        expect(at).toHaveLength(s.length + 1);
        for (let i = 1; i < at.length; i++) expect(at[i]).toBeGreaterThan(at[i - 1]);
        expect(at[at.length - 1]).toBe(text.length);
      }),
    );
  });
});

describe("fields read the same folded text", () => {
  it.each<[string, number | null]>([
    ["30畝", 20000],
    ["一亩半", 1000],
    ["十八亩半", 12333.333333333],
    ["半", null],
    ["5，000平", null], // never a thousands separator across the Chinese comma
    ["5,000平", 5000],
    ["1W平", 10000],
    ["10,000 sq ft", 929.0304],
  ])("parseArea(%j) → %j", (typed, sqm) => {
    const v = parseArea(typed, "sqm");
    if (sqm === null) expect(v).toBeNull();
    else expect(v).toBeCloseTo(sqm, 6);
  });

  it.each<[string, number | null]>([
    ["32 ft", 9.7536],
    ["30英尺", 9.144],
    ["9000", 9],
    ["12000", 12],
    ["9000（毫米）", 9],
    ["9", 9],
    ["99", 99],
  ])("parseCeilingM(%j) → %j", (typed, m) => {
    expect(parseCeilingM(typed)).toBeCloseTo(m!, 6);
  });

  it.each<[string, number | null]>([
    ["16/3.2t", 16],
    ["16/3.2", 16],
    ["20/5吨", 20],
    ["32 / 5 t", 32],
    ["5噸", 5],
    ["a/5t", null],
  ])("parseCraneT(%j) → %j", (typed, t) => {
    expect(parseCraneT(typed)).toBe(t);
  });

  it.each<[string, number]>([
    ["一千零三万", 10030000],
    ["3亿2万", 300020000],
    ["二十三万", 230000],
    ["一百二万", 1200000],
  ])("colloquial section tails stay inside their section: %j → %d", (cn, n) => {
    expect(parseChineseNumber(cn)).toBe(n);
  });
});
