import { describe, expect, it } from "vitest";

import { about, MU, notesReading, r2 } from "../support/notes-reading";

// Attack of 2026-12-05 on the figure readers after ADR 146/147's "Amended (attack 12-05g)" (report attack34c; docs/decisions/146
// and 147, "Amended (attack 12-05h)"): premises said too small followed by the wish (H4), numbered items read as sizes (H5), a
// bound word on the next line (M1), two figures with the area named between signs (H3), letter+digit building labels read as
// counts (H6), the premises' figures after the first (H7), limit words before the field word or in brackets (H10), a maximum
// ceiling (M2), corrections in other words (M4), labelled units of one size (M5), a Chinese comma before a 0-group (M6).

const DEC5 = new Date("2026-12-05T02:00:00Z");
const { lead, need, units } = notesReading(() => DEC5);

describe("the premises said too small or too low: the figure after is the wish (H4)", () => {
  it.each([
    ["现有厂房太小，5000平以上", { min: 5000, max: null }],
    ["现有厂房面积太小，5000平以上", { min: 5000, max: null }],
    ["现有厂房不够大，5000平", { min: 4500, max: 5500 }],
    ["现有厂房太小\n5000平以上", { min: 5000, max: null }],
    ["现有的厂房偏小，８０００平以上", { min: 8000, max: null }],
    ["current factory too small, 5000 sqm+", { min: 5000, max: null }],
    ["Our existing plant is not big enough, at least 5000 sqm", { min: 5000, max: null }],
    ["现有厂房不够用，5000平，层高8米", { min: 4500, max: 5500, ceiling: 8 }],
    ["现有厂房，太小，层高8米以上，5000平", { min: 4500, max: 5500, ceiling: 8 }],
  ] as const)("%j", (notes, read) => {
    expect(need(notes)).toMatchObject({ ...read, own: [] });
  });

  it.each([
    ["现在的厂房太矮，层高8米以上", 8],
    ["现有仓库太低，层高 9 米以上", 9],
    ["current warehouse too low, ceiling at least 10 m", 10],
  ] as const)("%j → ceiling %s", (notes, ceiling) => {
    expect(need(notes)).toMatchObject({ ceiling, own: [] });
  });

  it("what the schema stores: the wish, and no premises' flag", () => {
    const l = lead("现有厂房太小，5000平以上") as { need: { areaMinSqm?: number; areaMaxSqm?: number }; flags?: unknown };
    expect(l.need).toMatchObject({ areaMinSqm: 5000 });
    expect(l.need.areaMaxSqm ?? null).toBeNull();
    expect(JSON.stringify(l.flags ?? [])).not.toContain("ownPremises");
  });

  it("guards: the premises with no complaint keep their figure aside; with a want word the wish is read", () => {
    expect(need("现有厂房，层高6米，需要层高8米")).toMatchObject({ ceiling: 8, own: ["层高6米"] });
    expect(need("现有厂房太小了，需要5000平以上")).toMatchObject({ min: 5000, own: [] });
  });
});

describe("every premises' figure before the wish is set aside, not only the first (H7)", () => {
  it.each([
    ["现有厂房，面积3000平，层高6米，需要5000平，层高8米", { min: 4500, max: 5500, ceiling: 8 }, ["面积3000平", "层高6米"]],
    ["现有厂房，层高6米，行车5吨，想要层高8米，行车10吨", { ceiling: 8, crane: 10 }, ["层高6米", "行车5吨"]],
    ["现有厂房\n层高6米\n行车5吨\n需要层高8米，行车10吨", { ceiling: 8, crane: 10 }, ["层高6米", "行车5吨"]],
  ] as const)("%j", (notes, read, own) => {
    const r = need(notes);
    expect(r).toMatchObject(read);
    for (const o of own) expect(r.own.join("|")).toContain(o);
  });
});

describe("numbered items are no sizes (H5)", () => {
  it.each([
    "1、3000平2栋；2、5000平1栋",
    "1、3000平2栋，2、5000平1栋",
    "1、3000平2栋\n2、5000平1栋",
    "1、3000平2栋；2、5000平1栋，江宁",
    "1. 3000平2栋；2. 5000平1栋",
    "①3000平2栋；②5000平1栋",
  ])("%j → 3 units, 2 × 3000 and 1 × 5000", (notes) => {
    expect(units(notes)).toEqual({ min: 9000, max: 15000, count: 3, told: true });
  });

  it("a numbered need with no units: the number is no area", () => {
    expect(need("1、5000平以上\n2、层高8米")).toMatchObject({ min: 5000, max: null, ceiling: 8 });
  });
});

describe("a bound word alone on the next line is still the figure's (M1)", () => {
  it.each([
    ["5000平\n以上", 5000, null],
    ["5000平米\n以上的", 5000, null],
    ["5000平\r\n以上", 5000, null],
    ["8000平\n以内", null, 8000],
    ["8000平\n上限", null, 8000],
    ["5000 sqm\nminimum", 5000, null],
    ["5000 sqm\nor more", 5000, null],
    ["5000 sqm\n+", 5000, null],
    ["5000平\n为下限", 5000, null],
    // guards: a line with a figure after the word keeps it for that figure
    ["下限5000平\n上限8000平", 5000, 8000],
    ["5000平\n层高8米以上", 4500, 5500],
  ] as const)("%j → [%s, %s]", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max });
  });

  it("a limit word at the end of a line before the figure on the next is never the first figure's upper bound", () => {
    expect(need("5000平 上限\n8000平").max).not.toBe(5000);
  });
});

describe("the area named between two signs: both bounds, whatever unit the first has (H3)", () => {
  it.each([
    ["5000<面积<8000", 5000, 8000],
    ["5000<面积<8000平", 5000, 8000],
    ["5000 < 面积 < 8000", 5000, 8000],
    ["5000＜面积＜8000㎡", 5000, 8000],
    ["５０００＜面积＜８０００平", 5000, 8000],
    ["5000<面积≤8000平", 5000, 8000],
    ["5000<=面积<=8000平", 5000, 8000],
    ["5000≤面积≤8000平", 5000, 8000],
    ["5000‹面积‹8000平", 5000, 8000],
    ["5000<area<8000 sqm", 5000, 8000],
    ["5000 < area < 8000", 5000, 8000],
    ["5k<面积<8k", 5000, 8000],
    ["30<面积<50亩", r2(30 * MU), r2(50 * MU)],
    ["30‹面积‹50亩", r2(30 * MU), r2(50 * MU)],
    ["5000<面积<8000平，江宁", 5000, 8000],
    ["5000 <\uFE0F 面积 <\uFE0F 8000平", 5000, 8000],
    ["8000>面积>5000", 5000, 8000],
    ["8000>面积>5000平", 5000, 8000],
    ["8000 > area > 5000", 5000, 8000],
    ["8000≥建筑面积≥5000平", 5000, 8000],
    // guards: a unit on the first figure read so already
    ["5000平<面积<8000平", 5000, 8000],
    ["8000平>面积>5000平", 5000, 8000],
  ] as const)("%j → [%s, %s]", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max });
  });
});

describe("a letter+digit building label is a name, not a count (H6)", () => {
  it.each(["D5栋3000平", "M3栋3000平", "G2栋3000平", "A-2栋3000平", "ｄ５栋３０００平", "D5号楼3000平", "需要D5栋，3000平"])(
    "%j → one building of about 3000",
    (notes) => {
      expect(units(notes)).toEqual({ min: 2700, max: 3300, count: null, told: false });
    },
  );

  it("two labelled units of two sizes: one each", () => {
    expect(units("B2栋3000平，C3栋5000平")).toMatchObject({ min: 6000, max: 10000, count: 2 });
  });

  it("guards: a count is still a count", () => {
    expect(units("2栋3000平")).toMatchObject({ min: 5400, max: 6600, count: 2 });
    expect(units("第2栋3000平")).toMatchObject({ min: 2700, max: 3300, count: null });
  });
});

describe("limit words before the field word or in brackets after the figure are exact bounds (H10)", () => {
  it.each([
    ["min area 5000 sqm", 5000, null],
    ["minimum area 5000 sqm", 5000, null],
    ["min. area: 5000 sqm", 5000, null],
    ["minimum floor area 5000 sqm", 5000, null],
    ["最小面积5000平", 5000, null],
    ["最低面积5000平", 5000, null],
    ["5000平（下限）", 5000, null],
    ["5000平（最少）", 5000, null],
    ["5000 sqm (min)", 5000, null],
    ["max area 8000 sqm", null, 8000],
    ["maximum area 8000 sqm", null, 8000],
    ["最大面积8000平", null, 8000],
    ["8000平（上限）", null, 8000],
    ["8000平(上限)", null, 8000],
    ["8000平【上限】", null, 8000],
    ["8000平（最多）", null, 8000],
    ["8000平（封顶）", null, 8000],
    ["8000 sqm (max)", null, 8000],
    ["min area 5000 sqm, max area 8000 sqm", 5000, 8000],
    ["最小面积5000平，最大面积8000平", 5000, 8000],
    // guards
    ["面积最小5000平", 5000, null],
    ["area min 5000 sqm", 5000, null],
    ["8000 sqm max", null, 8000],
  ] as const)("%j → [%s, %s]", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max });
  });

  it("a limit word before another field's word is that field's: never the area's upper bound", () => {
    const r = need("area min 5000 sqm max ceiling 12 m");
    expect(r).toMatchObject({ min: 5000, max: null, ceiling: null });
    expect(r.told.join("|")).toContain("12 m");
    expect(need("area max 8000 sqm min ceiling 8 m")).toMatchObject({ min: null, max: 8000, ceiling: 8 });
    expect(need("面积最少5000平 上限层高12米")).toMatchObject({ min: 5000, max: null, ceiling: null });
  });

  it("guard: with nothing said before the figure a limit word after it stays its own", () => {
    expect(need("5000 sqm minimum ceiling 8m")).toMatchObject({ min: 5000, max: null, ceiling: 8 });
  });
});

describe("a maximum ceiling is no requirement: told, never stored as a minimum (M2)", () => {
  it.each(["max ceiling 12m", "maximum ceiling height 12 m", "最大层高12米", "最高层高12米", "层高最多12米"])("%j", (notes) => {
    const r = need(notes);
    expect(r.ceiling).toBeNull();
    expect(r.told.join("|")).toContain("12");
  });

  it("guards: a minimum ceiling is read; a peak load is the power needed", () => {
    expect(need("最小层高8米").ceiling).toBe(8);
    expect(need("min ceiling 8m").ceiling).toBe(8);
    expect(need("最大负荷500kva").power).toBe(500);
  });
});

describe("corrections in other words: the newer figure (M4)", () => {
  it.each([
    ["5000平，不不不，3000平", about(3000)],
    ["5000平，不不，是3000平", about(3000)],
    ["5000平？不对吧，3000平", about(3000)],
    ["5000平，不好意思，3000平", about(3000)],
    ["5000平，抱歉，3000平", about(3000)],
    ["面积5000平左右，不，大概3000", about(3000)],
    ["5000 sqm, no wait, 3000 sqm", about(3000)],
    ["5000 sqm, wait, 3000 sqm", about(3000)],
    ["5000平【更正：3000平】", about(3000)],
    ["不好意思，是3000平", about(3000)],
  ] as const)("%j", (notes, [min, max]) => {
    expect(need(notes)).toMatchObject({ min, max, told: [] });
  });

  it("a ceiling corrected so", () => {
    expect(need("层高8米，抱歉，10米").ceiling).toBe(10);
  });

  it.each(["5000平，不是3000平", "5000平，不要行车", "5000 sqm, no crane", "5000平，不好意思，打扰了"])(
    "guard %j keeps about 5000",
    (notes) => {
      expect(need(notes)).toMatchObject({ min: 4500, max: 5500 });
    },
  );
});

describe("labelled units of one size are as many units (M5)", () => {
  it.each([
    ["A栋3000平，B栋3000平", 2],
    ["1号楼3000平，2号楼3000平", 2],
    ["A栋3000平，B栋3000平，C栋3000平", 3],
    ["Building A: 3000 sqm; Building B: 3000 sqm", 2],
  ] as const)("%j → %s × about 3000", (notes, count) => {
    expect(units(notes)).toEqual({ min: r2(2700 * count), max: r2(3300 * count), count, told: false });
  });

  it("the same label twice is one unit said again", () => {
    expect(units("A栋3000平，A栋3000平").count).toBeNull();
  });
});

describe("a Chinese comma before a group starting with 0 is a thousands separator (M6)", () => {
  it.each([
    ["面积>5，000平", 5000, null],
    ["area > 5，000平", 5000, null],
    ["5，000平", 4500, 5500],
    ["1，050平", 945, 1155],
  ] as const)("%j → [%s, %s]", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max });
  });

  it("guard: 630，800kva stays two figures", () => {
    expect(need("630，800kva").power).not.toBe(630800);
  });
});
