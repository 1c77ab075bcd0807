import { describe, expect, it } from "vitest";

import { splitQualifier } from "~/domain/comparison";
import { parseNeedText } from "~/domain/need-text";

import { about, MU, notesReading, r2 } from "../support/notes-reading";

// Attack of 2026-12-05 on the readers after ADR 146/147 (report attack34b; docs/decisions/146 and 147, "Amended (attack
// 12-05g)"): two stated limits stored reversed when a blank or a line break separates them (H4), comparison signs read as
// "about" (H5), the premises' figure stored as the need when the premises are named in a clause of their own or a line
// break / semicolon stands before the wanted figure (H6), units written as products and sums or labelled read as one area
// (H11, M6), corrections in other words (M1), and the area boxes refusing what the notes read (LOW).

const DEC5 = new Date("2026-12-05T02:00:00Z");
const { lead, need, units } = notesReading(() => DEC5);

describe("two stated limits are one range, whatever separates them (H4)", () => {
  it.each([
    ["下限5000平 上限8000平", 5000, 8000],
    ["下限5000平\n上限8000平", 5000, 8000],
    ["下限5000平\n\n上限8000平", 5000, 8000],
    ["面积下限5000平 上限8000平", 5000, 8000],
    ["下限：5000平\u3000上限：8000平", 5000, 8000],
    ["下限５０００平\u3000上限８０００平", 5000, 8000],
    ["上限8000平 下限5000平", 5000, 8000],
    ["上限8000平\n下限5000平", 5000, 8000],
    ["5000平为下限 8000平为上限", 5000, 8000],
    ["minimum 5000 sqm\nmaximum 8000 sqm", 5000, 8000],
    ["min 5000 sqm max 8000 sqm", 5000, 8000],
    ["min. 5000 sqm max. 8000 sqm", 5000, 8000],
    ["Minimum: 5000 sqm\nMaximum: 8000 sqm", 5000, 8000],
    ["最少5000平\n最多8000平", 5000, 8000],
    ["✅ 下限5000平\n✅ 上限8000平", 5000, 8000],
    ["• minimum 5000 sqm\n• maximum 8000 sqm", 5000, 8000],
    ["下限5000平 👉 上限8000平", 5000, 8000],
    // never the lower bound as the upper: "5000 sqm, upper limit 8000" keeps 5000 about on its own side
    ["5000平 上限 8000平", 4500, 8000],
    ["5000平 不能超过8000平", 4500, 8000],
    // guards: a limit said after its figure still reads (ADR 146)
    ["8000平为上限", null, 8000],
    ["5000 sqm minimum, 8000 sqm maximum", 5000, 8000],
    ["8000 sqm max", null, 8000],
  ] as const)("%j → [%s, %s]", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max });
  });

  it("a ceiling's limits: the lower is the need, never the upper", () => {
    expect(need("层高下限8米 上限12米")).toMatchObject({ ceiling: 8 });
  });
});

describe("comparison signs before (and after) a figure are bounds (H5)", () => {
  it.each([
    ["面积>5000平", 5000, null],
    ["面积 > 5000平", 5000, null],
    ["＞5000平", 5000, null],
    ["area > 5000 sqm", 5000, null],
    ["面积≧5000平", 5000, null],
    ["面积›5000平", 5000, null],
    ["面积：>5000平方米", 5000, null],
    ["需要>5000平的厂房", 5000, null],
    ["面积 >\uFE0F 5000平", 5000, null],
    ["面积<8000平", null, 8000],
    ["面积＜8000平", null, 8000],
    ["面积‹8000平", null, 8000],
    ["面积≦8000平", null, 8000],
    ["area < 8000 sqm", null, 8000],
    [">5000平 <8000平", 5000, 8000],
    ["5000平<面积<8000平", 5000, 8000],
    ["5000 sqm < area < 8000 sqm", 5000, 8000],
    ["8000平>面积>5000平", 5000, 8000],
    // guards: an arrow is a change (ADR 109), a sign right after a figure is no bound of the next
    ["5000平->8000平", ...about(8000)],
    ["5000平>3000平", ...about(3000)],
    ["面积≥5000平", 5000, null],
  ] as const)("%j → [%s, %s]", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max });
  });

  it("the boxes read the signs the same (comparison.ts)", () => {
    expect(splitQualifier(">5000")).toEqual({ body: "5000", cmp: "min" });
    expect(splitQualifier("‹8000平")).toEqual({ body: "8000平", cmp: "max" });
  });
});

describe("the premises' figure is set aside, the wanted one read (H6)", () => {
  it.each([
    ["现有厂房，层高6米，需要层高8米", "ceiling", 8],
    ["现有厂房\n层高6米\n需要层高8米", "ceiling", 8],
    ["我们现在的厂房在浦口，层高6米，需要8米以上", "ceiling", 8],
    ["现有厂房在江宁，层高6米，新厂房要8米，不要江宁", "ceiling", 8],
    ["现有厂房在江宁，层高6米，要8米", "ceiling", 8],
    ["现有厂房：层高6米；需要：层高8米", "ceiling", 8],
    ["our existing plant, ceiling 6m, need 8m", "ceiling", 8],
    ["Existing plant: ceiling 6m\nRequired: ceiling 8m", "ceiling", 8],
    ["now 6m ceiling\nneed at least 8m", "ceiling", 8],
    ["now 6m ceiling; need at least 8m", "ceiling", 8],
    ["Now 6 m ceiling.\nWe need at least 8 m.", "ceiling", 8],
    ["right now 800 kva\nneed 1250 kva", "power", 1250],
    ["at the moment 5 t crane\nwe need a 10 t crane", "crane", 10],
    ["at the moment 5 t crane; we need a 10 t crane", "crane", 10],
    ["现有层高6米\n配电要1000kva\n需要8米", "ceiling", 8],
    // M5: an English full stop, blanks instead of commas, a 。 typed after the full stop
    ["now 6m ceiling. need at least 8m", "ceiling", 8],
    ["Existing ceiling height: 6 m. Required: 8 m.", "ceiling", 8],
    ["现有层高6米 配电要1000kva 需要8米", "ceiling", 8],
    ["现有行车5吨 层高要9米 需要10吨的", "crane", 10],
    ["Now 6 m ceiling, we need at least 8 m.。", "ceiling", 8],
  ] as const)("%j → %s %s", (notes, field, value) => {
    const r = need(notes);
    expect(r[field]).toBe(value);
    expect(r.own.length).toBeGreaterThan(0);
  });

  it("the premises' words set aside end where the wanted figure's begin (blanks for commas)", () => {
    expect(need("现有厂房 层高6米 需要层高8米")).toMatchObject({ ceiling: 8, own: ["现有厂房 层高6米"] });
    expect(need("现有层高6米 配电要1000kva 需要8米")).toMatchObject({ ceiling: 8, power: 1000, own: ["现有层高6米 配电要1000kva"] });
  });

  it.each([
    ["目前的仓库，面积5000平，太小了，需要8000平", about(8000)],
    ["our current factory, 5000 sqm, too small, need 8000 sqm", about(8000)],
  ] as const)("the area: %j → %j", (notes, [min, max]) => {
    expect(need(notes)).toMatchObject({ min, max });
  });

  it.each([
    // guards: no premises named (a search, a need), or a word of wanting between
    ["目前在看厂房，层高8米", { ceiling: 8, own: [] }],
    ["现在找厂房，层高8米", { ceiling: 8, own: [] }],
    ["现有厂房，想换，层高8米", { ceiling: 8, own: [] }],
    ["now 5000 sqm\nneed 8m ceiling", { min: 4500, max: 5500, ceiling: 8 }],
    ["now about 6000 sqm", { min: 5400, max: 6600 }],
  ] as const)("guard: %j", (notes, want) => {
    expect(need(notes)).toMatchObject(want);
  });
});

describe("a bare figure wished beside a bound, blanks for commas (M8, LOW)", () => {
  it.each([
    ["面积5000平以上 最好6000 不超过8000", "最好6000"],
    ["5000平以上，最好6000，最多8000平", "最好6000"],
    ["5000平以上 最好6000平 不超过8000平", "最好6000平"],
  ] as const)("%j → [5000, 8000], wished %s", (notes, wish) => {
    expect(need(notes)).toMatchObject({ min: 5000, max: 8000, told: [], wished: [wish] });
  });
});

describe("units written as products, sums, labels or a count with its sizes: each size with its count (H11, M6)", () => {
  const SIZES_3_5 = { min: 6000, max: 10000, count: 2, told: true };
  const TWO_AND_ONE = { min: 9000, max: 15000, count: 3, told: true };
  it.each([
    ["3000平×2栋+5000平×1栋", TWO_AND_ONE],
    ["2×3000平+1×5000平", TWO_AND_ONE],
    ["２×３０００平＋１×５０００平", TWO_AND_ONE],
    ["2 x 3000 sqm + 1 x 5000 sqm", TWO_AND_ONE],
    ["3000 sqm x 2 + 5000 sqm x 1", TWO_AND_ONE],
    ["3000平*2栋，5000平*1栋", TWO_AND_ONE],
    ["3000平x2，5000平x1", TWO_AND_ONE],
    ["3000㎡×2、5000㎡×1", TWO_AND_ONE],
    ["3000 sqm x2, 5000 sqm x1", TWO_AND_ONE],
    ["3000平×2栋\n5000平×1栋", TWO_AND_ONE],
    ["100亩×2块+200亩×1块", { min: r2(100 * MU * 3), max: r2(200 * MU * 3), count: 3, told: true }],
    ["3000平+5000平两栋", SIZES_3_5],
    ["3000平和5000平，共两栋", SIZES_3_5],
    ["two buildings: 3000 sqm and 5000 sqm", SIZES_3_5],
    ["2 buildings (3000 sqm and 5000 sqm)", SIZES_3_5],
    ["two units, 3000 and 5000 sqm", SIZES_3_5],
    ["两栋：3000平和5000平", SIZES_3_5],
    ["两栋厂房（3000平、5000平）", SIZES_3_5],
    ["A栋3000平，B栋5000平", SIZES_3_5],
    ["A栋3000平 B栋5000平", SIZES_3_5],
    ["1号楼3000平，2号楼5000平", SIZES_3_5],
    ["一号厂房3000平，二号厂房5000平", SIZES_3_5],
    ["Building A: 3000 sqm; Building B: 5000 sqm", SIZES_3_5],
    ["Building A 3000 sqm\nBuilding B 5000 sqm", SIZES_3_5],
  ] as const)("%j → %j", (notes, want) => {
    expect(units(notes)).toEqual(want);
  });

  it.each([
    // guards: ADR 130's count before one size (a blank changes nothing), ADR 112's sum, ADR 136's count after
    ["两栋8000平", { min: 14400, max: 17600, count: 2, told: false }],
    ["两栋 8000平", { min: 14400, max: 17600, count: 2, told: false }],
    ["3000平+5000平", { min: 7200, max: 8800, count: null, told: false }],
    ["5000平×2", { min: 9000, max: 11000, count: 2, told: false }],
    // a count of months is no count of units
    ["5000平x3个月", { min: 4500, max: 5500, count: null, told: false }],
    // as many sizes as units, or nothing read as units
    ["3000平、5000平三栋", { min: 2700, max: 3300, count: null, told: false }],
  ] as const)("guard: %j → %j", (notes, want) => {
    expect(units(notes)).toEqual(want);
  });
});

describe("a figure corrected in other words: the newer one (M1)", () => {
  it.each([
    ["层高8米，不是，10米", "ceiling", 10],
    ["配电500kva；更正：800kva", "power", 800],
  ] as const)("%j → %s %s", (notes, field, value) => {
    expect(need(notes)[field]).toBe(value);
  });

  it.each([
    ["面积5000平，更正：3000平", about(3000)],
    ["面积5000平（打错了，3000平）", about(3000)],
    ["面积5000平(打错了 3000平)", about(3000)],
    ["5000平 不是 是3000平", about(3000)],
    ["5000平\n更正：3000平", about(3000)],
    ["5000 sqm (typo: 3000 sqm)", about(3000)],
    // guards: not a correction (ADR 146)
    ["5000平，不是3000平", about(5000)],
    ["5000平，不要行车", about(5000)],
  ] as const)("%j → %j", (notes, [min, max]) => {
    expect(need(notes)).toMatchObject({ min, max });
  });

  it.each([
    ["明年3月入驻，不，5月", "2027-05"],
    ["明年3月，不对，4月", "2027-04"],
    ["3月份之前，不，6月份之前", "2027-06"],
    ["move in March, no, June 2027", "2027-06"],
    ["明年3月入驻\n更正：5月", "2027-05"],
    // guards
    ["明年3月入驻，不急", "2027-03"],
    ["明年3月，不是4月", "2027-03"],
  ] as const)("the move-in month: %j → %s", (notes, month) => {
    expect(parseNeedText(notes, DEC5, [], "factory").hints.moveInBy).toBe(month);
  });

  it.each([
    ["3000平2栋，不，3栋", 3],
    ["3000平2栋，不对，3栋", 3],
  ] as const)("the count: %j → %s", (notes, count) => {
    expect(units(notes)).toMatchObject({ min: 8100, max: 9900, count });
  });
});

describe("the area boxes read what the notes read (LOW: one reader)", () => {
  it.each([
    [{ areaMin: "8k" }, 8000, undefined],
    [{ areaMin: "8K平" }, 8000, undefined],
    [{ areaMin: "1.5k平" }, 1500, undefined],
    [{ areaMin: "8k-10k" }, 8000, 10000],
    [{ areaMin: "5000/8000平" }, 5000, 8000],
    [{ areaMin: "5000平/8000平" }, 5000, 8000],
    [{ areaMax: "8000/5000平" }, 5000, 8000],
    [{ areaMin: "30亩/50亩" }, r2(30 * MU), r2(50 * MU)],
    [{ areaMin: ">5000" }, 5000, undefined],
    [{ areaMax: "<8000平" }, undefined, 8000],
  ] as const)("%j → [%s, %s]", (boxes, areaMinSqm, areaMaxSqm) => {
    const n = lead("", "factory", boxes).need as { areaMinSqm?: number; areaMaxSqm?: number };
    expect([n.areaMinSqm, n.areaMaxSqm]).toEqual([areaMinSqm, areaMaxSqm]);
  });
});

describe("bounded work (ADR 142): 2,000-character notes of the new forms", () => {
  it.each([
    "下限5000平 上限8000平 ".repeat(100),
    "面积>5000平 <8000平 ".repeat(120),
    "现有厂房，层高6米，".repeat(120),
    "now 6m ceiling\n".repeat(150) + "need 8m",
    "3000平×2栋+".repeat(200),
    "2 x 3000 sqm + ".repeat(150),
    "A栋3000平，".repeat(200),
    "two buildings: 3000 sqm and ".repeat(80),
    "3000平、".repeat(300) + "两栋",
    "明年3月入驻，不，".repeat(150),
    "5000平（打错了，".repeat(150),
    "现有层高6米 配电要1000kva ".repeat(100),
    "now 6m ceiling. ".repeat(130),
    "5000平以上 " + "最好6000 ".repeat(250),
  ])("%#", (notes) => {
    const t = performance.now();
    parseNeedText(notes.slice(0, 2000), DEC5, [], "factory");
    // Not a timing test: a generous ceiling that only a backtracking blow-up would cross.
    expect(performance.now() - t).toBeLessThan(3000);
  });
});
