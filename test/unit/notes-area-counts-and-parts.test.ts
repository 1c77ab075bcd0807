import { describe, expect, it } from "vitest";

import { maskContactNumbers } from "../../app/domain/contact-numbers";
import { planAssist } from "../../app/domain/need-assist";
import { about, MU, notesReading, r2 } from "../support/notes-reading";

// An attack on the notes' area readers (2026-12-04, after ADR 117; docs/decisions/122). Each block is a kind of
// fault, tested beyond the attack's own example:
// H4 a figure for each of several units was read as the whole ("3栋厂房，每栋5000平" ~5000);
// 2  a refusal with use words between it and the bound gave the side refused ("6000平以上的车间太大了不用" ≥ 6000);
// M2 only two parts of the lead's kind were added; 6 parts given as bounds were not added at all;
// M1 a size again in brackets ("30亩（约2万平方米）") was told as unread;
// M3 with the area typed, every unread area word of the notes was dropped, another use's and another size's too;
// 7  a phone number in Chinese numerals was read as a figure ("面积问手机一三九…" stored 7–8 ㎡);
// 8  a part in the whole (其中) was told as unread; "2万平以上，30亩也行" told 30亩, "30亩以上，2万平也行" did not.

const NOW = () => new Date("2026-12-04T06:00:00Z");
const { read, area, lead } = notesReading(NOW);
const areaText = (notes: string, kind = "factory") => read(notes, kind).found.find((f) => f.field === "areaMinSqm")?.text;

describe("H4: a figure for each unit is multiplied by the count; the words say both", () => {
  it.each([
    ["3栋厂房，每栋5000平", "factory", about(15000)],
    ["需要三栋厂房，每栋约5000平", "factory", about(15000)],
    ["两栋厂房每栋5000平以上", "factory", [10000, null]],
    ["两个冷库各1000平", "warehouse", about(2000)],
    ["3个冷库，每个冷库2000平方米", "warehouse", about(6000)],
    ["要5间办公室，每间200平", "office", about(1000)],
    ["十二间仓库各500平", "warehouse", about(6000)],
    ["每栋5000平，共3栋", "factory", about(15000)],
    ["5000平/栋，要4栋", "factory", about(20000)],
    ["三层楼，每层1000平", "factory", about(3000)],
    ["2 buildings, 5000 sqm each", "factory", about(10000)],
    ["two warehouses of 3000 sqm each", "warehouse", about(6000)],
    ["需要2栋，每栋10亩", "land", about(20 * MU)],
    // Mixed: Chinese count, English figure; English count, Chinese figure.
    ["2栋厂房, 5000 sqm each", "factory", about(10000)],
    ["3 buildings，每栋5000平", "factory", about(15000)],
    ["need 2 warehouses, 1000 sqm each", "warehouse", about(2000)],
  ] as const)("%s (%s) → %j", (notes, kind, want) => {
    expect(area(notes, kind)).toEqual(want);
  });

  it.each([
    // A total is the total: never multiplied again; with a total said apart, the total is the lead's.
    ["3栋共15000平", about(15000)],
    ["3栋厂房，共15000平", about(15000)],
    ["3栋厂房，每栋5000平，共16000平", about(16000)],
    // No count, or no word of "each": the figure as said.
    ["每栋5000平", about(5000)],
    ["3栋厂房5000平", about(5000)],
    ["需要5000平一层厂房", about(5000)],
    ["3个月内搬，每栋5000平", about(5000)],
  ] as const)("%s → %j (not multiplied)", (notes, want) => {
    expect(area(notes)).toEqual(want);
  });

  it("the recruiter sees the count and each unit's figure in the words the area came from", () => {
    expect(areaText("3栋厂房，每栋5000平")).toBe("3栋厂房，每栋5000平");
    expect(areaText("两个冷库各1000平", "warehouse")).toBe("两个冷库各1000平");
    expect(areaText("每栋5000平，共3栋")).toBe("每栋5000平，共3栋");
    expect(areaText("2 buildings, 5000 sqm each")).toBe("2 buildings, 5000 sqm each");
  });

  it("a total over the area's limit is told, not stored", () => {
    const r = read("50栋厂房，每栋300万平");
    expect([r.hints.areaMinSqm, r.hints.areaMaxSqm]).toEqual([undefined, undefined]);
    expect(r.unread.length).toBe(1);
  });
});

describe("2: a refusal reaches over use words to the bound, never over a clause into another figure", () => {
  it.each([
    ["6000平以上的车间太大了不用", "factory", [null, 6000]],
    ["6000平以上的车间太大了", "factory", [null, 6000]],
    ["超过6000平的仓库不考虑", "warehouse", [null, 6000]],
    ["6000平以上这种厂房用不了", "factory", [null, 6000]],
    ["5000平以下的厂房不够用", "factory", [5000, null]],
    ["4000平以下的场地太小了", "factory", [4000, null]],
    ["6000平以上的车间太大了不用，5000平左右", "factory", [4500, 6000]],
    ["over 6000 sqm of factory space is too big", "factory", [null, 6000]],
  ] as const)("%s → %j", (notes, kind, want) => {
    expect(area(notes, kind)).toEqual(want);
  });

  it.each([
    // Another field's word between, or a clause boundary: the bound stays as said.
    ["5000平以上层高不够", [5000, null]],
    ["5000平以上，层高不够", [5000, null]],
    // ADR 128: a refusal of the side said reaches over a comma ("5000平以上的车间，太大了不用" is at most 5000: notes-
    // refusals-counts-heads.test.ts); one of the other side over a comma is no refusal of the bound.
    ["5000平以上，太小了不行", [5000, null]],
  ] as const)("%s → %j (no refusal of the area)", (notes, want) => {
    expect(area(notes)).toEqual(want);
  });

  it("a figure refused whole with a use word between is ruled out and told", () => {
    const r = read("5000平的厂房不行，要3000平");
    expect([r.hints.areaMinSqm, r.hints.areaMaxSqm]).toEqual(about(3000));
    expect(r.setAside).toEqual([{ text: "5000平的厂房不行", why: "ruledOut" }]);
  });
});

describe("M2 and 6: every part of the lead's kind is added, as bounds too", () => {
  it.each([
    ["冷库2000平+常温库3000平+恒温库1000平", "warehouse", about(6000)],
    ["冷库2000平，常温库3000平，恒温库1000平", "warehouse", about(6000)],
    ["冷库1000平，常温库2000平，恒温库1000平，立体库1000平", "warehouse", about(5000)],
    ["cold store 2000 sqm, warehouse 3000 sqm, cold store 1000 sqm", "warehouse", about(6000)],
    ["冷库2000 sqm + 常温库3000 sqm + cold store 1000 sqm", "warehouse", about(6000)],
    ["冷库2000平，常温库3000平，恒温库1000平，共7000平", "warehouse", about(7000)],
    ["两个冷库各1000平，常温库3000平", "warehouse", about(5000)],
    // Parts as bounds: each side both give, added.
    ["生产车间至少3000平，洁净车间至少2000平", "factory", [5000, null]],
    ["冷库最多1000平，常温库最多5000平", "warehouse", [null, 6000]],
    ["冷库1000平以上，常温库5000平", "warehouse", [5500, null]],
    ["冷库1000-2000平，常温库3000平", "warehouse", [3700, 5300]],
  ] as const)("%s (%s) → %j", (notes, kind, want) => {
    expect(area(notes, kind)).toEqual(want);
    expect(read(notes, kind).unread).toEqual([]);
  });

  it("another kind's bound is set aside (ADR 112), not added", () => {
    const r = read("厂房至少3000平，仓库至少2000平");
    expect([r.hints.areaMinSqm, r.hints.areaMaxSqm]).toEqual([3000, undefined]);
    expect(r.setAside).toEqual([{ text: "仓库至少2000平", why: "otherUse" }]);
  });
});

describe("M1: one size again in brackets is read with the first, not told", () => {
  it.each([
    ["30亩（约2万平方米）", "land", [18000, 22000]],
    ["30亩(2万平)", "land", [18000, 22000]],
    ["约2万平方米（30亩）", "land", [18000, 22000]],
    ["20000 sqm (about 30 mu)", "land", [18000, 22000]],
    ["30 mu (约2万平方米)", "land", [18000, 22000]],
    ["5000平（约7.5亩），层高8米", "factory", about(5000)],
    ["30亩以上（约2万平）", "land", [20000, null]],
  ] as const)("%s → %j", (notes, kind, want) => {
    expect(area(notes, kind)).toEqual(want);
    expect(read(notes, kind).unread).toEqual([]);
  });

  it("a bracket of another size is no equivalent: told as before", () => {
    expect(read("30亩（1000平）", "land").unread).toEqual(["1000平"]);
  });
});

describe("M3: with the area typed, only the notes' unread area words that say the same are dropped", () => {
  const unread = (notes: string, minSqm?: number, maxSqm?: number, kind = "factory") =>
    planAssist(
      notes,
      new Set([...(minSqm !== undefined ? ["areaMin"] : []), ...(maxSqm !== undefined ? ["areaMax"] : [])]),
      undefined,
      [],
      kind,
      { minSqm, maxSqm },
    ).unread.map((f) => f.text);

  it.each([
    // [notes, typed min, typed max, still told]
    ["要几千平的厂房", 3000, undefined, []],
    ["面积大概几千平", 3000, 5000, []],
    ["宿舍要几百平", 1000, undefined, ["几百平"]],
    ["厂房几千平，宿舍要几百平", 3000, undefined, ["几百平"]],
    // ADR 128 reads 上万平 (at least 10000); 几万平 is still an order of size only.
    ["要几万平", 1000, undefined, ["几万平"]],
    ["要几万平", 20000, undefined, []],
    ["要几千平的厂房", undefined, 800, ["几千平"]],
    ["要几百平", 5000, 6000, ["几百平"]],
  ] as const)("%s beside %s–%s: %j", (notes, min, max, want) => {
    expect(unread(notes, min, max)).toEqual(want);
  });

  it("the stored lead keeps the flag of another use's area and of another order of size", () => {
    const flags = (l: ReturnType<typeof lead>) => (l.flags ?? []).filter((f) => f.code === "unread").map((f) => f.text);
    expect(flags(lead("宿舍要几百平", "factory", { areaMin: "1000" }))).toEqual(["几百平"]);
    expect(flags(lead("要几万平", "factory", { areaMin: "1000" }))).toEqual(["几万平"]);
    expect(flags(lead("要几千平的厂房", "factory", { areaMin: "3000" }))).toEqual([]);
    expect(flags(lead("要几千平的厂房", "factory", { areaMin: "5", areaUnit: "mu" }))).toEqual([]); // 5 亩 ≈ 3333 ㎡: some thousands
    expect(flags(lead("要几千平的厂房", "factory", { areaMin: "1", areaUnit: "mu" }))).toEqual(["几千平"]); // 667 ㎡
  });
});

describe("7: a phone number in Chinese numerals is masked as digit numbers are", () => {
  it.each([
    ["面积问手机一三九一二三四五六七八", [null, null]],
    ["面积请问 幺三九 一二三四 五六七八", [null, null]],
    ["5000平，手机一三八一二三四五六七八", about(5000)],
    ["电话：八八八八六六六六，三千平", about(3000)],
    ["三千平", about(3000)],
    ["一万三千五百平", about(13500)],
  ] as const)("%s → %j", (notes, want) => {
    expect(area(notes)).toEqual(want);
  });

  it.each([
    ["配电问手机一三九一二三四五六七八", "配电问手机###########"],
    ["幺三八一二三四五六七八，三千平", "###########，三千平"],
    ["联系电话 幺三九 一二三四 五六七八", "联系电话 ### #### ####"],
    ["电话：八八八八六六六六", "电话：########"],
    ["三千平，一万三千五百平", "三千平，一万三千五百平"],
    ["一三五七九平", "一三五七九平"],
  ])("%s masks as %s", (notes, masked) => {
    expect(maskContactNumbers(notes)).toBe(masked);
  });

  it("nothing of the number is told as unread", () => {
    expect(read("配电问手机一三九一二三四五六七八").unread).toEqual([]);
  });
});

describe("8: a part in the whole, one size said again after a bound", () => {
  it.each([
    ["仓库5000平，其中冷库1000平", "warehouse"],
    ["厂房5000平其中车间3000平", "factory"],
    ["厂房5000平，包括车间3000平", "factory"],
    ["5000 sqm warehouse, including 1000 sqm cold store", "warehouse"],
  ] as const)("%s: the whole, the part neither added nor told", (notes, kind) => {
    expect(area(notes, kind)).toEqual(about(5000));
    expect(read(notes, kind).unread).toEqual([]);
  });

  it("a part larger than the whole is still told", () => {
    expect(read("仓库5000平，其中冷库8000平", "warehouse").unread).toEqual(["8000平"]);
  });

  it.each([
    ["2万平以上，30亩也行", [20000, null]],
    ["30亩以上，2万平也行", [20000, null]],
    ["最多2万平，30亩也行", [null, r2(30 * MU)]],
  ] as const)("%s → %j, nothing told", (notes, want) => {
    expect(area(notes, "land")).toEqual(want);
    expect(read(notes, "land").unread).toEqual([]);
  });
});

describe("the stored lead (the schema) reads as the reader does", () => {
  it.each([
    ["3栋厂房，每栋5000平", "factory", about(15000)],
    ["两个冷库各1000平", "warehouse", about(2000)],
    ["6000平以上的车间太大了不用", "factory", [undefined, 6000]],
    ["冷库2000平+常温库3000平+恒温库1000平", "warehouse", about(6000)],
    ["30亩（约2万平方米）", "land", [18000, 22000]],
  ] as const)("%s (%s) → %j", (notes, kind, want) => {
    const l = lead(notes, kind);
    expect([l.need.areaMinSqm, l.need.areaMaxSqm]).toEqual(want);
    expect((l.flags ?? []).filter((f) => f.code === "unread")).toEqual([]);
  });
});
