import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors } from "~/domain/lead-schema";
import { planAssist } from "~/domain/need-assist";
import { describeFlag } from "~/i18n/flag-messages";
import { assistPreview } from "~/leads/assist-preview";

import { validLeadJson } from "../support/leads";
import { about, MU, notesReading, r2 } from "../support/notes-reading";

// The figures a lead types (notes, area boxes), session 35 (docs/decisions/153): signs of two directions or written "=<"/"=>"
// around the area word, units named by labels with 各/each, digits that say no one number ("1.5000平", "5.000平", "3,0000平"), a
// limit said in the clause after its figure, wishes said as wishes (the preview, the flags) — and the boundaries of ADR 146/147's
// 12-05h amendments: the premises called small in other words, items numbered in Chinese numerals, corrections in other words,
// a bound word past a blank line.

const DEC5 = new Date("2026-12-05T02:00:00Z");
const { need, units, lead } = notesReading(() => DEC5);

function box(fields: Record<string, unknown>, lng: "zh" | "en" = "zh") {
  const base = validLeadJson() as { need: Record<string, unknown> };
  const r = createLeadSchema(lng, "api", { now: () => DEC5 }).safeParse({
    ...base,
    need: { ...base.need, kind: "factory", areaUnit: "sqm", areaMin: "", areaMax: "", notes: "", ...fields },
  });
  return r.success ? { lead: r.data.lead } : { errors: issuesToFieldErrors(r.error) };
}

describe("two figures around the area word: both read, whatever the signs (K1)", () => {
  it.each([
    ["5000‹面积>8000", 5000, 8000],
    ["5000<面积>8000平", 5000, 8000],
    ["5000＜面积＞8000平米", 5000, 8000],
    ["8000>面积<5000", 5000, 8000],
    ["5000=<面积=<8000平", 5000, 8000],
    ["8000=>面积=>5000平", 5000, 8000],
    ["5000≤面积≥8000", 5000, 8000],
    ["5000⩽面积⩾8000平", 5000, 8000],
    ["5000平‹面积>8000平", 5000, 8000],
    ["三千>面积<五千平", 3000, 5000],
    ["30‹面积›50亩", r2(30 * MU), r2(50 * MU)],
    ["5000 < area > 8000 sqm", 5000, 8000],
    ["5000 sqm < area > 8000 sqm", 5000, 8000],
  ] as const)("%j → [%s, %s]", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max, told: [] });
  });

  it.each([
    ["面积=>5000平", 5000, null],
    ["area => 5000 sqm", 5000, null],
  ] as const)("%j: the sign is a bound → [%s, %s]", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max });
  });

  // The brief's other samples, read right on the base already (c2d990df): kept as guards.
  it.each([
    ["8000<面积<5000平", 5000, 8000],
    ["面积=<8000平", null, 8000],
    ["面积>=5000", 5000, null],
    ["≥5000平", 5000, null],
    ["area =< 8000 sqm", null, 8000],
  ] as const)("guard: %j → [%s, %s]", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max });
  });

  it("guards: an arrow after a figure stays a change (ADR 109); another unit is no range of one", () => {
    expect(need("5000平 => 8000平")).toMatchObject({ min: about(5000)[0], max: about(5000)[1], told: ["8000平"] });
    expect(need("5000平<面积>8亩")).toMatchObject({ min: 5000, told: ["面积>8亩"] });
  });

  it.each([
    ["=>5000平", { areaMin: "=>5000平" }, [5000, undefined]],
    ["=<8000平", { areaMax: "=<8000平" }, [undefined, 8000]],
  ] as const)("the area box %j is the bound", (_t, fields, [min, max]) => {
    const r = box(fields);
    expect(r.lead?.need).toMatchObject({ areaMinSqm: min, areaMaxSqm: max });
  });
});

describe("units named by labels, then 各 / each: as many units as labels (K2)", () => {
  const TWO = { min: 5400, max: 6600, count: 2, told: false };
  it.each([
    ["A2栋和A3栋，各3000平", TWO],
    ["A栋和B栋，各3000平", TWO],
    ["A、B栋各3000平", TWO],
    ["A、B两栋，各3000平", TWO],
    ["1号楼和2号楼各3000平", TWO],
    ["A2栋、A3栋、A5栋，每栋3000平", { min: 8100, max: 9900, count: 3, told: false }],
    ["Building A and Building B, 3000 sqm each", TWO],
    ["each of the two buildings 3000 sqm", TWO],
    ["each of the 2 buildings is about 3000 sqm", TWO],
    ["each of the three units 2000 sqm", { min: 5400, max: 6600, count: 3, told: false }],
  ] as const)("%j → %j", (notes, read) => {
    expect(units(notes)).toEqual(read);
  });

  it("nothing is left unread", () => {
    expect(need("each of the 2 buildings is about 3000 sqm").told).toEqual([]);
  });

  it("guards: one label said twice is one unit; counts said in words are read as before", () => {
    expect(units("A2栋和A2栋，各3000平")).toMatchObject({ count: null, min: 2700, max: 3300 });
    expect(units("两栋，各3000平")).toEqual(TWO);
    expect(units("3栋各2000平米")).toEqual({ min: 5400, max: 6600, count: 3, told: false });
    expect(units("D5栋3000平")).toMatchObject({ count: null });
  });
});

describe("digits that say no one number are told, never read (K3)", () => {
  it.each([
    "1.5000平",
    "5.000平",
    "3,0000平",
    "12.500亩",
    "30,00平",
    "面积1.5000平米左右",
    "5.000 sqm",
    "2,5000平以上",
    "1.5000平 2.层高8米",
  ])("%j: no area, told", (notes) => {
    const r = need(notes);
    expect([r.min, r.max]).toEqual([null, null]);
    expect(r.told.join("|")).toMatch(/[0-9][.,][0-9]/);
  });

  it("the schema stores no area from them and tells them (beside a typed box, the figure of another size is still told)", () => {
    const l = lead("1.5000平，层高8米", "factory", { areaMax: "20000" }) as {
      need: Record<string, unknown>;
      flags: { code: string; text: string }[];
    };
    expect(l.need).toMatchObject({ areaMaxSqm: 20000, ceilingMinM: 8 });
    expect(l.need.areaMinSqm ?? null).toBeNull();
    expect(l.flags).toContainEqual(expect.objectContaining({ code: "unread", text: "1.5000平" }));
    expect(box({ notes: "1.5000平" }).errors?.["need.areaMin"]?.[0]).toBeTruthy(); // no area at all: the boxes are asked for
  });

  it.each(["1.5000平", "5.000", "3,0000平", "1,50"])("the area box %j is refused with its words, zh and en", (typed) => {
    const zh = box({ areaMin: typed }, "zh").errors?.["need.areaMin"]?.[0] ?? "";
    const en = box({ areaMin: typed }, "en").errors?.["need.areaMin"]?.[0] ?? "";
    expect(zh).toContain(`“${typed}”看不出是多少`);
    expect(en).toContain(`“${typed}” is unclear`);
  });

  it("a range with an unclear end is refused on that box", () => {
    expect(box({ areaMin: "1.5000-3000平" }).errors?.["need.areaMin"]?.[0]).toContain("看不出是多少");
  });

  it.each([
    ["1,500平", 1350, 1650],
    ["3,000平", 2700, 3300],
    ["1.5亩", r2(1.5 * MU * 0.9), r2(1.5 * MU * 1.1)],
    ["0.125亩", r2(0.125 * MU * 0.9), r2(0.125 * MU * 1.1)],
    ["2.75万平", 24750, 30250],
  ] as const)("guard: %j is read as before", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max, told: [] });
  });

  it.each([
    ["1,500平", 1500],
    ["0.5亩", r2(0.5 * MU)],
    ["1.5万", 15000],
  ] as const)("guard: the box %j is read as before", (typed, sqm) => {
    expect(box({ areaMin: typed }).lead?.need.areaMinSqm).toBe(sqm);
  });
});

describe("a limit said in the clause after its figure (K4)", () => {
  it.each([
    ["8000平，这是上限", null, 8000],
    ["8000平，最多了", null, 8000],
    ["8000平，最大的了。层高8米", null, 8000],
    ["8000平 - 封顶", null, 8000],
    ["8000平，不能再大了", null, 8000],
    ["8000 sqm, that's the max", null, 8000],
    ["8000 sqm; that is our upper limit", null, 8000],
    ["5000平，这是底线", 5000, null],
    ["5000平，不能再少了", 5000, null],
    ["5000平，最少了", 5000, null],
    ["5000 sqm, that's the minimum", 5000, null],
  ] as const)("%j → [%s, %s]", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max, told: [] });
  });

  it("a ceiling limit said apart is told, never a minimum", () => {
    expect(need("层高12米，这是上限")).toMatchObject({ ceiling: null });
    expect(need("层高12米，这是上限").told.join("|")).toContain("12米");
  });

  it("guards: a limit word before another figure is that figure's; other clauses stay theirs", () => {
    expect(need("8000平，最多10000平")).toMatchObject({ min: 7200, max: 10000 });
    expect(need("5000平，最多了，层高8米以上")).toMatchObject({ min: null, max: 5000, ceiling: 8 });
    expect(need("8000平，这是我们的预算")).toMatchObject({ min: 7200, max: 8800 });
  });
});

describe("wishes are said as wishes, never as not read, never a filter (K5)", () => {
  it.each([
    ["最好带行车（10t）", "行车（10t）"],
    ["ideally a 10t crane", "10t crane"],
    ["crane 10t (optional)", "crane 10t"],
    ["层高9米以上更好", "层高9米以上"],
  ])("%j → wished %j", (notes, wish) => {
    const r = need(notes);
    expect(r).toMatchObject({ crane: null, ceiling: null, told: [] });
    expect(r.wished.join("|")).toContain(wish);
  });

  // Found on the way (a wish stored as a hard minimum): wish words in brackets, 可选, a clause of its own, English "if available".
  it.each([
    ["有行车更好（10吨）", "行车更好（10吨）"],
    ["行车10吨（非必须）", "行车10吨"],
    ["10吨行车可选", "10吨行车"],
    ["行车10吨，有的话更好", "行车10吨"],
    ["行车10吨，如果有就更好了", "行车10吨"],
    ["crane 10t if available", "crane 10t"],
    ["a 10t crane is a bonus", "10t crane"],
  ])("%j: a wish, not a minimum → wished %j", (notes, wish) => {
    const r = need(notes);
    expect(r).toMatchObject({ crane: null, told: [] });
    expect(r.wished).toEqual([wish]);
  });

  it("guards: the wish of one clause leaves the next clause's figure a requirement; a plain figure stays one", () => {
    expect(need("行车10吨，有的话更好，层高8米")).toMatchObject({ crane: null, ceiling: 8 });
    expect(need("10吨行车，层高8米")).toMatchObject({ crane: 10, ceiling: 8, wished: [] });
    expect(need("要10吨行车")).toMatchObject({ crane: 10, wished: [] });
  });

  it("the plan: a `wished` flag, no unread one, nothing filled", () => {
    const p = planAssist("要5000平，最好带行车（10t）", new Set(), DEC5, undefined, "factory");
    expect(p.wished).toEqual([{ field: "need.notes", code: "wished", text: "行车（10t）" }]);
    expect(p.unread).toEqual([]);
    expect(p.fills.map((f) => f.field)).not.toContain("craneMinT");
  });

  it("the live preview says it on a line of its own, in the person's language", () => {
    const zh = assistPreview("要5000平，最好带行车（10t）", new Set(), "zh", "factory");
    expect(zh.wished).toBe("希望有（非必须）：行车（10t）");
    expect(zh.unread).toBe("");
    expect(zh.understood).not.toContain("行车");
    const en = assistPreview("5000 sqm, ideally a 10t crane", new Set(), "en", "factory");
    expect(en.wished).toBe("Would like (not required): 10t crane");
    expect(en.unread).toBe("");
  });

  it("the schema stores the wish as a reading flag, said in zh and en", () => {
    const l = lead("要5000平，最好带行车（10t）") as { need: Record<string, unknown>; flags: Parameters<typeof describeFlag>[1][] };
    expect(l.need.craneMinT ?? null).toBeNull();
    const flag = l.flags.find((f) => f.code === "wished")!;
    expect(describeFlag("zh", flag)).toBe("希望有（非必须，未作为筛选条件）：行车（10t）");
    expect(describeFlag("en", flag)).toBe("Would like (not required, not used as a filter): 行车（10t）");
    expect(l.flags.some((f) => f.code === "unread")).toBe(false);
  });
});

describe("12-05h boundaries: the premises called small in other words — the figure after is the wish (K6)", () => {
  it.each([
    ["现有厂房面积小了，5000平以上", { min: 5000 }],
    ["现有厂房有点小，5000平以上", { min: 5000 }],
    ["现有厂房已经满了，5000平以上", { min: 5000 }],
    ["现在的厂房挤不下了，5000平", { min: 4500, max: 5500 }],
    ["现有厂房不太够用，5000平以上", { min: 5000 }],
    ["现有厂房太窄，5000平以上", { min: 5000 }],
    ["current factory is too tight, 5000 sqm+", { min: 5000 }],
    ["our current plant is no longer big enough, 5000 sqm+", { min: 5000 }],
  ] as const)("%j → %j", (notes, read) => {
    expect(need(notes)).toMatchObject({ ...read, own: [] });
  });

  it("guards: too big keeps the figure the premises'; a premises' clause of its own still sets its figures aside", () => {
    expect(need("现有厂房太大，8000平")).toMatchObject({ min: null, own: ["8000平"] });
    expect(need("现有厂房，层高6米，需要层高8米")).toMatchObject({ ceiling: 8, own: ["层高6米"] });
  });
});

describe("12-05h boundaries: items numbered in Chinese numerals are no sizes (K7)", () => {
  const TWO_AND_ONE = { min: 9000, max: 15000, count: 3, told: true };
  it.each([
    "一、3000平2栋；二、5000平1栋",
    "一、3000平2栋\n二、5000平1栋",
    "（一）3000平2栋；（二）5000平1栋",
    "(一)3000平2栋\n(二)5000平1栋",
  ])("%j → 2 × 3000 and 1 × 5000", (notes) => {
    expect(units(notes)).toEqual(TWO_AND_ONE);
  });

  it("guard: Chinese numerals as sizes are still sizes", () => {
    expect(units("3000平、五千平两栋")).toEqual({ min: 6000, max: 10000, count: 2, told: true });
  });
});

describe("12-05h boundaries: units labelled with # as 号 (K10)", () => {
  it.each([
    ["1#厂房3000平，2#厂房5000平", { min: 6000, max: 10000, count: 2, told: true }],
    ["1#厂房3000平，2#厂房3000平", { min: 5400, max: 6600, count: 2, told: false }],
    ["1#楼和2#楼，各3000平", { min: 5400, max: 6600, count: 2, told: false }],
  ] as const)("%j → %j", (notes, read) => {
    expect(units(notes)).toEqual(read);
  });

  it("guard: a # after a figure's unit is no label", () => {
    expect(units("需要3000平#")).toEqual({ min: 2700, max: 3300, count: null, told: false });
  });
});

describe("12-05h boundaries: corrections in other words (K8)", () => {
  it.each([
    ["5000 sqm, sorry, I meant 3000 sqm", 2700, 3300],
    ["5000 sqm, scratch that, 3000 sqm", 2700, 3300],
    ["5000 sqm, actually 3000 sqm", 2700, 3300],
    ["5000平（笔误，应为3000平）", 2700, 3300],
    ["5000平，应该是3000平", 2700, 3300],
    ["面积5000平，口误，3000平", 2700, 3300],
  ] as const)("%j → [%s, %s]", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max, told: [] });
  });

  it("a ceiling corrected by 口误", () => {
    expect(need("层高8米，口误，10米")).toMatchObject({ ceiling: 10 });
  });

  it("guards: no figure after the word is no correction", () => {
    expect(need("5000平，应该是够了")).toMatchObject({ min: 4500, max: 5500 });
    expect(need("5000 sqm, sorry for the trouble")).toMatchObject({ min: 4500, max: 5500 });
  });
});

describe("12-05h boundaries: a bound word alone past a blank line (K9)", () => {
  it.each([
    ["5000平\n\n以上", 5000, null],
    ["8000平\n\n以内", null, 8000],
    ["5000平\r\n\r\n以上", 5000, null],
  ] as const)("%j → [%s, %s]", (notes, min, max) => {
    expect(need(notes)).toMatchObject({ min, max });
  });

  it("guard: a line with more than the word is not read past", () => {
    expect(need("下限5000平\n\n上限8000平")).toMatchObject({ min: 5000, max: 8000 });
  });
});
