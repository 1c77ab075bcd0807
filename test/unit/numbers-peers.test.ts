import { describe, expect, it } from "vitest";

import { parseWan } from "../../app/domain/money";
import { parseChineseNumber, parseNumberRange } from "../../app/domain/numbers";

// Cases from the public test suites and documentation of other Chinese-numeral libraries (issue 9,
// item 17), rewritten as our own tables. Each table names its source. Cases outside what parkmatch
// claims are listed apart at the end, with the reason.

describe("cn2an (Ailln/cn2an, cn2an/cn2an_test.py: strict and smart data)", () => {
  it.each<[string, number]>([
    ["零", 0],
    ["一", 1],
    ["十", 10],
    ["十一", 11],
    ["一十一", 11],
    ["二十", 20],
    ["二十一", 21],
    ["一百", 100],
    ["一百零一", 101],
    ["一百一十", 110],
    ["一百一十一", 111],
    ["一千", 1000],
    ["一千一百", 1100],
    ["一千零一十", 1010],
    ["一千零十", 1010],
    ["一千零一", 1001],
    ["一千一百零一", 1101],
    ["一万一千一百一十一", 11111],
    ["一百万零五十四", 1000054],
    ["一千五百万零三百零一", 15000301],
    ["一亿零一万零一", 100010001],
    ["两千", 2000],
    ["壹佰贰拾叁", 123],
    ["负一百", -100],
    ["零点五", 0.5],
    ["一点二三", 1.23],
    // smart mode: Arabic mixed with Chinese units
    ["1.5万", 15000],
    ["2.5亿", 250000000],
    ["6500万", 65000000],
    ["1百", 100],
    ["3千", 3000],
  ])("%j → %d", (cn, n) => {
    expect(parseChineseNumber(cn)).toBe(n);
  });
});

describe("nzh (cnwhy/nzh, README and test/: decodeS / decodeB)", () => {
  it.each<[string, number]>([
    ["十万零一百一十一", 100111],
    ["壹拾万零壹佰壹拾壹", 100111],
    ["十三点五", 13.5],
    ["壹拾叁点伍", 13.5],
    ["一万零一", 10001],
    ["一亿零一", 100000001],
    ["一千零一十万", 10100000],
    ["九千九百九十九万九千九百九十九", 99999999],
    ["一亿", 100000000],
    ["十亿", 1000000000],
    ["一百亿零一", 10000000001],
    ["叁仟零肆拾伍", 3045],
  ])("%j → %d", (cn, n) => {
    expect(parseChineseNumber(cn)).toBe(n);
  });
});

describe("hutool (dromara/hutool, NumberChineseFormatterTest: chineseToNumber and the formatter's outputs read back)", () => {
  it.each<[string, number]>([
    ["一万零八百八十九", 10889],
    ["一万二千六百五十三", 12653],
    ["二百一十五", 215],
    ["一千零二十四", 1024],
    ["一亿三十五万零八十九", 100350089],
    ["一千二百", 1200],
    ["十万零三", 100003],
    ["一千零一十二", 1012],
    ["壹仟贰佰叁拾肆", 1234],
    ["二十万零三百", 200300],
    ["一百一十二", 112],
    ["十九", 19],
  ])("%j → %d", (cn, n) => {
    expect(parseChineseNumber(cn)).toBe(n);
  });
});

describe("issue 9 item 17: the peers' kinds that parkmatch got wrong", () => {
  it.each<[string, number]>([
    ["一亿一千万", 11000],
    ["五萬", 5],
    ["1000萬", 1000],
    ["8千3万", 8300],
    ["345 萬", 345],
    ["一亿二千万", 12000],
    ["3千5万", 3500],
    ["两千六百萬", 2600],
  ])("万元 field: %j → %d 万元", (typed, wan) => {
    expect(parseWan(typed)).toBe(wan);
  });

  it.each<[string, number]>([
    ["壹点贰", 1.2],
    ["叁点壹肆", 3.14],
    ["兩千六", 2600],
    ["兩萬", 20000],
    ["百二", 120],
    ["千三", 1300],
    ["345 萬", 3450000],
    ["8千3万", 83000000],
    ["一亿一千万", 110000000],
  ])("%j → %d", (cn, n) => {
    expect(parseChineseNumber(cn)).toBe(n);
  });

  it.each<[string, [number, number]]>([
    ["十二三", [12, 13]],
    ["三四十", [30, 40]],
    ["五六百", [500, 600]],
    ["一千二三", [1200, 1300]],
  ])("spoken range %j → %j (zh2digit-style inputs read as ranges, not as one end)", (cn, r) => {
    expect(parseNumberRange(cn)).toEqual(r);
  });
});

/**
 * Outside what parkmatch claims (a requirement form, not a general numeral converter):
 * - "一兆" / "一京" (nzh custom units, numcn): 兆 is ambiguous (10^6 in science, 10^12 in Taiwan) and no
 *   area or budget reaches it; refused rather than guessed.
 * - "一亿亿" / "一万万" (nzh's 万万亿 for 10^16): beyond every field's limit; refused.
 * - "廿二" / "卅" (cn2an smart data): calendar numerals, not quantities people type for space.
 * - "百分之八" / "二分之一" (cn2an transform): percentages and fractions are not field values.
 * - cn2an transform of a whole sentence ("小王捡了100块钱"): the notes parser reads sentences itself.
 */
describe("peer cases parkmatch does not claim (refused, never a wrong number)", () => {
  it.each(["一兆", "一京", "一亿亿", "一万万", "廿二", "卅", "百分之八", "二分之一", "小王捡了100块钱"])("%j → null", (cn) => {
    expect(parseChineseNumber(cn)).toBeNull();
  });
});
