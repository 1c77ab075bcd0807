import { describe, expect, it } from "vitest";

import { MU, notesReading, r2 } from "../support/notes-reading";

// Attack 33 (L0, L5, L6) and bounds32's leftovers (docs/decisions/139): two bounds said kindly ("…也行", "… is fine")
// read as a fallback and both told away; a comparison's own "not" and a joiner taken for a refusal; 不需要大于 read as a
// wish; a building figure wanted in the clause after the premises' figure lost; 一 as a dash between Chinese numerals; a
// count with another use's figure; 和/及 not ending what a refusal governs.

const DEC5 = new Date("2026-12-05T02:00:00Z");
const { read, area, lead, figures: need } = notesReading(() => DEC5);

describe("L0: two bounds said apart, the second kindly (也行, 也可以, 都行, is fine), are one range", () => {
  it.each([
    // the attack's words
    ["we need at least 5000 sqm, not more than 8000 sqm is fine", 5000, 8000],
    ["至少5000平，不超过8000平也行", 5000, 8000],
    ["5000平以上，8000平以内", 5000, 8000],
    ["最少5000最多8000平", 5000, 8000],
    ["not less than 3 mu and no more than 5 mu", r2(3 * MU), r2(5 * MU)],
    // our own: the other order, other accepting words, units, full-width digits, spaces
    ["最多8000平，5000平以上也行", 5000, 8000],
    ["不少于5000平，最多8000平也可以", 5000, 8000],
    ["5000平以上，不超过8000平都行", 5000, 8000],
    ["至少5000平，8000平以下也行", 5000, 8000],
    ["至少５０００平，不超过８０００平也行", 5000, 8000],
    ["至少 5000 平 ， 不超过 8000 平 也行", 5000, 8000],
    ["至少0.5万平，不超过0.8万平也行", 5000, 8000],
    ["至少3亩，不超过5亩也可以", r2(3 * MU), r2(5 * MU)],
    ["起码五千平，一万平以内也能接受", 5000, 10000],
    ["at least 5000 sqm, at most 8000 sqm is also fine", 5000, 8000],
    ["at most 8000 sqm, over 5000 sqm would also do", 5000, 8000],
    ["at least 5000 sqm and not more than 8000 sqm", 5000, 8000],
    ["no less than 5000 sqm and no more than 8000 sqm", 5000, 8000],
    // an about figure and a bound beyond it, said kindly: each side from what was said of it (ADR 112, amended)
    ["5000平左右，不超过8000平也行", 4500, 8000],
    // a second bound joined by 和/及
    ["面积至少5000和最多8000平", 5000, 8000],
    ["至少5000及最多8000平", 5000, 8000],
  ] as const)("%s → [%s, %s]", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max, told: [], ceilingOnly: [] });
  });

  it.each([
    // guards — a fallback is still a fallback (docs/decisions/112, amended): it lies below or above what was asked
    ["要5000平，4000平以下也行", null, 5000],
    ["5000平左右，4000平以下也行", null, 5000],
    ["5000平，6000平以上也行", 5000, null],
    ["5000平，3000平也行", 3000, 5000],
    ["至少5000平，最多一万平", 5000, 10000],
  ] as const)("guard: %s → [%s, %s]", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max });
  });

  it("the lead the schema stores from the attack's notes, area boxes blank", () => {
    expect(lead("we need at least 5000 sqm, not more than 8000 sqm is fine").need).toMatchObject({ areaMinSqm: 5000, areaMaxSqm: 8000 });
    expect(lead("至少5000平，不超过8000平也行").need).toMatchObject({ areaMinSqm: 5000, areaMaxSqm: 8000 });
  });
});

describe("English: a comparison's own 'not', and a negation before 'and', are no refusal of the bound", () => {
  it.each([
    ["we don't need a crane and at least 5000 sqm", 5000, null],
    ["at least 5000 sqm and we don't need a crane", 5000, null],
    ["we do not need a crane but we need over 5000 sqm", 5000, null],
    ["we don't want anything under 3000 sqm or above 8000 sqm", 3000, 8000],
    ["nothing below 3000 sqm and nothing above 8000 sqm", 3000, 8000],
  ] as const)("%s → [%s, %s]", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max, told: [] });
  });

  it.each([
    // guards: fix31's net still tells a negation it cannot place
    "we never go above 5000 sqm",
    "above 5000 sqm doesn't suit us",
    "we don't want a factory and anything above 5000 sqm",
  ])("guard: %s is told, not stored", (notes) => {
    expect(need(notes)).toMatchObject({ min: null, max: null });
    expect(need(notes).told).not.toEqual([]);
  });

  it("'5000 sqm or above' alone is still at least 5000", () => {
    expect(area("5000 sqm or above")).toEqual([5000, null]);
  });
});

describe("L5: a word of not needing before a comparison (不需要大于) is a ceiling alone, told (ADR 132's areaCeilingOnly)", () => {
  it.each([
    ["不需要大于5000平", "不需要大于5000平"],
    ["我们不需要大于五千平的", "不需要大于五千平"],
    ["不需要超过５０００平", "不需要超过５０００平"],
    ["暂时不需要超过0.5万平", "不需要超过0.5万平"],
    ["不需要大于 8 亩", "不需要大于 8 亩"],
  ] as const)("%s → at most, flagged", (notes, text) => {
    const r = need(notes);
    expect(r.min).toBeNull();
    expect(r.max).not.toBeNull();
    expect(r.ceilingOnly).toEqual([text]);
  });

  it("stored with the flag from the API's body, boxes blank", () => {
    expect(lead("不需要大于5000平")).toMatchObject({
      need: { areaMaxSqm: 5000 },
      flags: [{ field: "need.notes", code: "areaCeilingOnly", text: "不需要大于5000平" }],
    });
  });

  it.each([
    // with a lower bound said, the ceiling is a bound of the range, no flag
    ["至少3000平，不需要大于5000平", 3000, 5000],
    ["不需要超过5000平的厂房，3000平左右就够", 2700, 5000],
    // the wish said as a ceiling is no refusal (ADR 132): no flag
    ["不要超过5000平", null, 5000],
    ["最多5000平", null, 5000],
    // the attack's second case — the wish and a refused side above it — reads both
    ["要5000平厂房，大于8000平米的就不要了哈", 4500, 8000],
    ["要5000平厂房，超过8000平米的就不要了哈", 4500, 8000],
    ["5000平左右的厂房，8000平以上的不考虑哦", 4500, 8000],
  ] as const)("%s → [%s, %s], no ceiling-only flag", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max, ceilingOnly: [] });
  });
});

describe("L6: a building figure wanted in the clause after the premises' figure of the same item", () => {
  it.each([
    ["现有厂房层高6米太矮了，需要8米以上", "ceiling", 8],
    ["现有厂房层高６米太矮了，需要８米以上", "ceiling", 8],
    ["现有厂房层高6米太矮了，需要八米以上", "ceiling", 8],
    ["现有厂房层高6米太矮了。需要8米以上", "ceiling", 8],
    ["现在的层高才6米，要8米以上的", "ceiling", 8],
    ["目前层高6m不够，至少8m", "ceiling", 8],
    ["层高6米不够，需要8米以上", "ceiling", 8],
    ["6米层高太矮了，需要8米以上", "ceiling", 8],
    ["our current ceiling is 6 m, too low, we need at least 8 m", "ceiling", 8],
    ["现有行车5吨不够用，需要10吨以上", "crane", 10],
    ["现在承重2吨不够，需要3吨", "load", 3000],
  ] as const)("%s → %s %s, the premises' figure set aside", (notes, field, value) => {
    const r = need(notes);
    expect(r[field]).toBe(value);
    expect(r.aside.map((a) => a.why)).toEqual(["own"]);
    expect(r.told).toEqual([]);
  });

  it.each([
    // guards: the wanted figure must be of the item's unit, with a want, and end its clause
    ["现有厂房层高6米，需要8米宽的门", null],
    ["现有厂房层高6米太矮了，最多要10米", null],
    ["现有厂房层高6米太矮了，需要8000平", null],
    // a figure refused as too low is not the wish (was stored as the ceiling wanted)
    ["6米层高太矮了", null],
    ["层高6米太低", null],
  ] as const)("guard: %s → ceiling %s", (notes, ceiling) => {
    expect(need(notes).ceiling).toBe(ceiling);
  });

  it("an upper limit after the premises' figure is told, not stored as a minimum", () => {
    expect(need("现有层高6米不够，要8米以上，不超过12米")).toMatchObject({ ceiling: 8 });
  });
});

describe("bounds32: 一 as a dash between figures in Chinese numerals or with a unit each", () => {
  it.each([
    ["三千一五千平", 3000, 5000],
    ["两千一三千平米", 2000, 3000],
    ["一万一两万平", 10000, 20000],
    ["五百一八百平", 500, 800],
    ["三千ー五千平", 3000, 5000],
    ["三千一五千平方米的厂房", 3000, 5000],
    ["三亩一五亩", r2(3 * MU), r2(5 * MU)],
    ["30亩一50亩的地", r2(30 * MU), r2(50 * MU)],
    ["3000平一5000平", 3000, 5000],
  ] as const)("%s → [%s, %s]", (notes, min, max) => {
    expect(area(notes)).toEqual([min, max]);
  });

  it.each([
    // guards: 一 as a numeral
    ["一万一千平", 9900, 12100],
    ["三千一百平", 2790, 3410],
    ["三千一平", 2790, 3410],
    ["5000平一层的厂房", 4500, 5500],
  ] as const)("guard: %s → [%s, %s]", (notes, min, max) => {
    expect(area(notes)).toEqual([min, max]);
  });
});

describe("bounds32: a count with another use's figure is told with it (DECISION: told, not read)", () => {
  it.each([
    ["需要2个3000平的仓库", "2个3000平的仓库"],
    ["需要两个3000平仓库", "两个3000平仓库"],
    ["需要5000平厂房，还要2个3000平的仓库", "2个3000平的仓库"],
    ["另外要两栋1000平的宿舍", "两栋1000平的宿舍"],
  ] as const)("%s on a factory lead: set aside as %s", (notes, text) => {
    expect(need(notes).aside).toContainEqual({ text, why: "otherUse" });
    expect(need(notes).told).toEqual([]);
  });

  it("on a warehouse lead the same words are the need: 2 × 3000", () => {
    const r = read("需要2个3000平的仓库", "warehouse");
    expect(r.hints).toMatchObject({ areaMinSqm: 5400, areaMaxSqm: 6600, unitCount: 2 });
  });
});

describe("和/及 end what a refusal or a not-needed word governs", () => {
  it.each([
    ["不需要行车和层高8米以上", 8],
    ["不需要行车及层高8米", 8],
    ["无需行车与层高9米以上", 9],
  ] as const)("%s → ceiling %s (was set aside as not needed)", (notes, ceiling) => {
    expect(need(notes)).toMatchObject({ ceiling, aside: [] });
  });

  it.each([
    ["不需要办公室及5000平以上厂房", 5000, null],
    ["不要3000平以下的和8000平以上的", 3000, 8000],
    ["不考虑3000平以下及8000平以上的厂房", 3000, 8000],
  ] as const)("%s → [%s, %s]", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max, told: [] });
  });

  it.each([
    // guards: a refusal of the item itself stays; uses joined before the figure stay one figure (ADR 112)
    ["不需要行车，层高8米以上", 8],
    ["层高8米不需要", null],
  ] as const)("guard: %s → ceiling %s", (notes, ceiling) => {
    expect(need(notes).ceiling).toBe(ceiling);
  });

  it("guard: 办公楼和厂房一共5000平 stays one figure for both", () => {
    expect(area("办公楼和厂房一共5000平")).toEqual([4500, 5500]);
  });
});
