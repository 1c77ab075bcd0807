import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { parseChineseNumber, parseQuantity, toHalfWidth } from "../../app/domain/numbers";

describe("toHalfWidth", () => {
  it.each([
    ["５０００", "5000"],
    ["ｍ２", "m2"],
    ["－３", "-3"],
    ["！～", "!~"],
    ["ＡＢＣ　ｘｙｚ", "ABC xyz"], // U+3000 ideographic space → space
    ["１，２３４．５", "1,234.5"],
    ["五千平米", "五千平米"], // CJK untouched
    ["㎡", "㎡"], // U+33A1 is outside the full-width ASCII block
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(toHalfWidth(input)).toBe(expected);
  });

  it("keeps the length (callers map positions back to the original)", () => {
    const unit = fc.oneof(
      fc.integer({ min: 0xff00, max: 0xff60 }).map((c) => String.fromCharCode(c)),
      fc.constantFrom("a", "5", "五", "㎡", "\u3000", "😀"),
    );
    fc.assert(fc.property(fc.string({ unit }), (s) => toHalfWidth(s).length === s.length));
  });
});

describe("parseChineseNumber", () => {
  it.each<[string, number]>([
    // Arabic
    ["5000", 5000],
    ["5,000", 5000],
    ["1,234,567.5", 1234567.5],
    ["0.5", 0.5],
    ["  42  ", 42],
    ["５０００", 5000],
    ["１．５", 1.5],
    ["-3", -3],
    ["+7", 7],
    // Chinese numerals
    ["五千", 5000],
    ["三万", 30000],
    ["一百二十", 120],
    ["十五", 15],
    ["十", 10],
    ["二十", 20],
    ["一百零五", 105],
    ["一千零五十", 1050],
    ["一万零五百", 10500],
    ["三千二百", 3200],
    ["三千二百五十", 3250],
    ["两千", 2000],
    ["俩", 2],
    ["零", 0],
    ["〇", 0],
    ["五十万", 500000],
    ["三千五百万", 35000000],
    ["一亿两千万", 120000000],
    ["负五", -5],
    ["贰仟伍佰", 2500],
    // colloquial: a trailing digit means the next lower unit
    ["两千五", 2500],
    ["一万二", 12000],
    ["三千二", 3200],
    ["一百二", 120],
    ["三万五", 35000],
    // decimals with 点
    ["零点五", 0.5],
    ["三点一四", 3.14],
    ["一点五万", 15000],
    ["二点五千", 2500],
    // mixed
    ["5千", 5000],
    ["1.5万", 15000],
    ["3万", 30000],
    ["2.5千", 2500],
    ["2.3万", 23000],
    ["1万2千", 12000],
    ["1万2", 12000],
    ["1万200", 10200],
    ["１．５万", 15000],
    ["1.5亿", 150000000],
  ])("%j → %d", (input, expected) => {
    expect(parseChineseNumber(input)).toBe(expected);
  });

  it.each([
    "",
    "   ",
    "abc",
    "5000平",
    "五千平米",
    "万",
    "百",
    "千",
    "一九九八", // digits side by side: a year, not a quantity
    "二百三千", // units must descend
    "万万",
    "一万两千万",
    "5,00",
    "1.2.3",
    "点五",
    "三点",
    "5 000",
    "1e3",
    "--5",
  ])("%j → null", (input) => {
    expect(parseChineseNumber(input)).toBeNull();
  });

  it("round-trips every non-negative integer written in Arabic", () => {
    fc.assert(fc.property(fc.nat(), (n) => parseChineseNumber(String(n)) === n));
  });
});

describe("parseQuantity", () => {
  const units = [
    ["kg", 1],
    ["t", 1000],
  ] as const;
  it.each<[string, number, number | null]>([
    ["2t", 1, 2000],
    ["2 T", 1, 2000],
    ["800kg", 1, 800],
    ["800", 1, 800],
    ["800", 1000, 800000],
    ["２．５ｔ", 1, 2500],
    ["-2t", 1, null],
    ["t", 1, null],
    ["2 pounds", 1, null],
  ])("%j (bare ×%d) → %j", (input, bare, expected) => {
    expect(parseQuantity(input, units, bare)).toBe(expected);
  });
});
