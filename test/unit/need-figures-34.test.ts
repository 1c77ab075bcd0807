import { describe, expect, it } from "vitest";

import { splitQualifier } from "~/domain/comparison";
import { parseNeedText } from "~/domain/need-text";

import { about, MU, notesReading, r2 } from "../support/notes-reading";

// Attack of 2026-12-05 on the merged readers (docs/decisions/146): a figure wanted after the premises' lost or the premises'
// taken for it; a figure corrected as typed read as first said; stated limits (上限, minimum) widened as if "about"; 8k not
// read nor told; a slash between two figures dropping the first; a preferred figure beside a bound made the cap.

const DEC5 = new Date("2026-12-05T02:00:00Z");
const { lead, need } = notesReading(() => DEC5);

describe("a building figure wanted after the premises' (HIGH 6, 7)", () => {
  it.each([
    // English: "now" before the premises' figure, a figure of the same unit wanted later in the sentence
    ["now 6m ceiling, need at least 8m", "ceiling", 8],
    ["Now 6 m ceiling, we need at least 8 m.", "ceiling", 8],
    ["our ceiling is now 6m, we need 8m", "ceiling", 8],
    ["current ceiling 6m too low need 8m", "ceiling", 8],
    ["at the moment 5 t crane, we need a 10 t crane", "crane", 10],
    ["right now 800 kva, need 1250 kva", "power", 1250],
    // zh: in the premises' own clause, whatever stands instead of the comma
    ["现有厂房层高6米太矮了需要8米以上", "ceiling", 8],
    ["现有厂房层高6米太矮了 需要8米以上", "ceiling", 8],
    ["现有厂房层高6米太矮了~需要8米以上", "ceiling", 8],
    ["现有厂房层高6米太矮了 - 需要8米以上", "ceiling", 8],
    ["现有厂房层高６米太矮了——需要８米以上", "ceiling", 8],
    ["现在6米层高太矮了…需要8米", "ceiling", 8],
    ["现有行车5吨不够用需要10吨以上", "crane", 10],
    // the next clause says the new premises' need
    ["原厂房层高6米，新厂房需8米以上", "ceiling", 8],
    ["原厂房层高6米，新厂房需要8米", "ceiling", 8],
    // past a clause of another item or unit
    ["现有层高6米，配电要1000kva，需要8米", "ceiling", 8],
    ["现有层高6米，需要5000平，需要8米以上", "ceiling", 8],
    ["现有行车5吨，层高要9米，需要10吨的", "crane", 10],
  ] as const)("%s → %s %s", (notes, field, value) => {
    const r = need(notes);
    expect(r[field]).toBe(value);
    // the premises' figure is set aside, never the wish, and the wanted words are not in the premises'
    expect(r.own.join("|")).not.toMatch(/需要?8|需要10|need (?:at least )?8|need (?:a )?(?:10|1250)/);
  });

  it("the other figures of the notes are read beside it", () => {
    expect(need("现有层高6米，配电要1000kva，需要8米")).toMatchObject({ ceiling: 8, power: 1000 });
    expect(need("现有层高6米，需要5000平，需要8米以上")).toMatchObject({ ceiling: 8, min: 4500, max: 5500 });
    expect(need("现有行车5吨，层高要9米，需要10吨的")).toMatchObject({ crane: 10, ceiling: 9 });
  });

  it.each([
    // guards: no word of wanting, or another thing measured, stays unread as before (ADR 139)
    ["现有层高6米，门宽4米", { ceiling: null }],
    ["现有厂房层高6米，最多要10米", { ceiling: null }],
    // English "now" alone is a newer figure (ADR 109), and a later figure of another unit leaves it the need
    ["now about 6000 sqm", { min: 5400, max: 6600 }],
    ["now 5000 sqm, need 8m ceiling", { min: 4500, max: 5500, ceiling: 8 }],
    ["现有厂房层高6米太矮了，需要8米以上", { ceiling: 8 }],
  ] as const)("guard: %s", (notes, want) => {
    expect(need(notes)).toMatchObject(want);
  });
});

describe("a figure corrected as typed: the corrected figure wins", () => {
  it.each([
    ["面积5000平?不，3000平", about(3000)],
    ["面积5000平？不，3000平", about(3000)],
    ["面积5000平 不对 3000平", about(3000)],
    ["5000平，说错了，是3000平", about(3000)],
    ["5000平，不是，是3000平", about(3000)],
    ["5000平，不，3000", about(3000)],
    ["5000 sqm, sorry, 3000 sqm", about(3000)],
    ["5000 sqm - I mean 3000", about(3000)],
    ["5000 sqm, no, 3000 sqm", about(3000)],
    ["30亩?不，50亩", about(50 * MU).map(r2)],
    // a bound or an about figure corrected: past the comparison said after the figure
    ["5000平以上?不，3000平以上", [3000, null]],
    ["5000平左右，不对，3000平左右", about(3000)],
    ["at least 5000 sqm, sorry, 3000 sqm", about(3000)],
    // guards: not a correction
    ["5000平，不是3000平", about(5000)],
    ["5000平，不要行车", about(5000)],
    ["5000 sqm, no crane", about(5000)],
  ] as const)("%s → %j", (notes, [min, max]) => {
    expect(need(notes)).toMatchObject({ min, max });
  });

  it.each([
    ["层高8米，不，10米", "ceiling", 10],
    ["配电500kva，不对，800kva", "power", 800],
    ["ceiling 8 m, sorry, 10 m", "ceiling", 10],
    ["层高8米以上，不，10米以上", "ceiling", 10],
    ["层高6米? 不，是8米", "ceiling", 8],
  ] as const)("%s → %s %s", (notes, field, value) => {
    expect(need(notes)[field]).toBe(value);
  });
});

describe("a stated limit is a bound, never widened as an about figure", () => {
  it.each([
    ["上限8000平", null, 8000],
    ["面积上限：8000平", null, 8000],
    ["上限是8000平", null, 8000],
    ["8000平为上限", null, 8000],
    ["下限5000平", 5000, null],
    ["5000平是底线", 5000, null],
    ["5000 sqm minimum", 5000, null],
    ["5000 sqm at least", 5000, null],
    ["8000 sqm maximum", null, 8000],
    ["8000 sqm at most", null, 8000],
    ["8000 sqm tops", null, 8000],
    ["5000 sqm minimum, 8000 sqm maximum", 5000, 8000],
    ["下限5000平，上限8000平", 5000, 8000],
    // guards: what was already read, and an about figure widened (ADR 070)
    ["minimum 5000 sqm", 5000, null],
    ["最多8000平", null, 8000],
    ["8000平左右", 7200, 8800],
    ["约8000平", 7200, 8800],
  ] as const)("%s → [%s, %s]", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max });
  });

  it("a box reads the limit words the same (comparison.ts)", () => {
    expect(splitQualifier("上限8000")).toEqual({ body: "8000", cmp: "max" });
    expect(splitQualifier("5000 minimum")).toEqual({ body: "5000", cmp: "min" });
  });

  it("the stored lead: a limit as said", () => {
    expect(lead("上限8000平").need).toMatchObject({ areaMaxSqm: 8000 });
    expect(lead("we need 5000 sqm minimum").need).toMatchObject({ areaMinSqm: 5000 });
  });
});

describe("k after a figure is a thousand", () => {
  it.each([
    ["8k平", about(8000)],
    ["8K平", about(8000)],
    ["8k sqm", about(8000)],
    ["1.5k平", about(1500)],
    ["8 k平", about(8000)],
    ["８ｋ平", about(8000)],
    ["8k-10k平", [8000, 10000]],
    ["最多8k sqm", [null, 8000]],
    // guards: w is 万 already; units starting with k are not a thousand
    ["1.5w平", about(15000)],
    ["1.5W平", about(15000)],
  ] as const)("%s → %j", (notes, [min, max]) => {
    expect(need(notes)).toMatchObject({ min, max });
  });

  it("guard: kva, kg stay units", () => {
    expect(need("需要800kva")).toMatchObject({ power: 800 });
    expect(parseNeedText("承重8kg/平", DEC5).hints.floorLoadMinKg).toBe(8);
  });
});

describe("a slash between two figures of one unit is either (a range)", () => {
  it.each([
    ["5000/8000平", 5000, 8000],
    ["5000平/8000平", 5000, 8000],
    ["5000 / 8000 sqm", 5000, 8000],
    ["５０００／８０００平", 5000, 8000],
    ["8000/5000平", 5000, 8000],
    ["面积5000/8000", 5000, 8000],
    ["面积5000/8000平", 5000, 8000],
    ["30亩/50亩", r2(30 * MU), r2(50 * MU)],
  ] as const)("%s → [%s, %s]", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max, told: [] });
  });

  it("guard: a slash before a measure word is each unit's", () => {
    expect(need("5000平/栋，共2栋")).toMatchObject({ min: 9000, max: 11000 });
  });
});

describe("a preferred figure beside a bound is a wish: said as one (docs/decisions/153), never the cap", () => {
  it.each([
    ["5000平方米以上，最好是6000平，不超过8000平", 5000, 8000, "最好是6000平"],
    ["5000平以上，最好是6000平", 5000, null, "最好是6000平"],
    ["at least 5000 sqm, ideally 6000 sqm, no more than 8000 sqm", 5000, 8000, "ideally 6000 sqm"],
    ["至少5000平 最好6000平 最多8000平", 5000, 8000, "最好6000平"],
    ["5000平以上，6000平更好，8000平以内", 5000, 8000, "6000平更好"],
    ["3000-5000平，最好4000平", 3000, 5000, "最好4000平"],
  ] as const)("%s → [%s, %s], wished %s", (notes, min, max, wish) => {
    expect(need(notes)).toMatchObject({ min, max, told: [], wished: [wish] });
  });
});

describe("bounded work (ADR 142): long notes of these forms read", () => {
  it.each([
    "现有层高6米太矮了 - ".repeat(100),
    "面积5000平?不，".repeat(150),
    "5000/".repeat(300) + "8000平",
    "8k ".repeat(500),
    "now 6m ceiling, ".repeat(100) + "need 8m",
  ])("%#", (notes) => {
    const t = performance.now();
    parseNeedText(notes.slice(0, 2000), DEC5, [], "factory");
    // Not a timing test: a generous ceiling that only a backtracking blow-up would cross.
    expect(performance.now() - t).toBeLessThan(3000);
  });
});
