import { describe, expect, it } from "vitest";

import { leadFlags } from "~/domain/lead-flags";
import { createLeadSchema } from "~/domain/lead-schema";
import { parseNeedText } from "~/domain/need-text";
import { notesNotRead } from "~/domain/notes-not-read";
import { needForPreview } from "~/hotline/desk.server";
import { assistPreview } from "~/leads/assist-preview";

import { validLeadJson } from "../support/leads";

// docs/decisions/147 (units34): units of different sizes as an attack (2026-12-05) and units33's leftovers found them read
// wrong — a size before its count ("3000平2栋，5000平1栋"), English counts and nouns ("one 3000 sqm building and one 5000 sqm
// building"), sizes said about or with a bound ("一栋3000平以上，一栋5000平左右"), sizes in two sentences — and a total said in
// another clause than its count; the preview and the hotline's match preview say each unit's size and why.

/** The notes' area as read: [areaMin, areaMax, unitCount, each unit's min, each unit's max] (㎡), what is told, the flag. */
const read = (notes: string, kind = "factory") => {
  const r = parseNeedText(notes, undefined, [], kind);
  const { areaMinSqm, areaMaxSqm, unitCount, unitAreaMinSqm, unitAreaMaxSqm } = r.hints;
  const texts = [...r.found.map((f) => f.text), ...r.unread, ...r.setAside.map((s) => s.text), ...r.unitSizes];
  return {
    area: [areaMinSqm, areaMaxSqm, unitCount, unitAreaMinSqm, unitAreaMaxSqm],
    unread: r.unread,
    sizes: r.unitSizes,
    aside: r.setAside.map((s) => [s.why, s.text]),
    notRead: notesNotRead(notes, texts),
  };
};

const _ = undefined;

describe("units of different sizes, each its own count: count × [smallest, largest], flagged", () => {
  it.each([
    // The attack's: the size before its count.
    ["3000平2栋，5000平1栋", [9000, 15000, 3, 3000, 5000]],
    ["3000平米的2栋，5000平米的1栋", [9000, 15000, 3, 3000, 5000]],
    ["3000平方米2幢，5000平方米1幢", [9000, 15000, 3, 3000, 5000]],
    ["3000㎡的厂房2座，5000㎡的1座", [9000, 15000, 3, 3000, 5000]],
    ["三千平两栋，五千平一栋", [9000, 15000, 3, 3000, 5000]],
    ["3,000平米2间、5,000平米1间", [9000, 15000, 3, 3000, 5000]],
    ["３０００平２栋，５０００平１栋", [9000, 15000, 3, 3000, 5000]],
    ["3000平2栋5000平1栋", [9000, 15000, 3, 3000, 5000]],
    ["3000平的厂房要2栋，5000平的要1栋", [9000, 15000, 3, 3000, 5000]],
    ["3000平1栋、5000平1栋、8000平1栋", [9000, 24000, 3, 3000, 8000]],
    // The count before the size, more than one of a size.
    ["2栋3000平，1栋5000平", [9000, 15000, 3, 3000, 5000]],
    ["两栋3000平米的，一栋5000平米的", [9000, 15000, 3, 3000, 5000]],
    ["3000平和5000平各两栋", [12000, 20000, 4, 3000, 5000]],
    // The attack's English.
    ["one 3000 sqm building and one 5000 sqm building", [6000, 10000, 2, 3000, 5000]],
    ["two buildings of 3000 sqm and one of 5000 sqm", [9000, 15000, 3, 3000, 5000]],
    ["2 buildings of 3,000 m2 and 1 of 5,000 m2", [9000, 15000, 3, 3000, 5000]],
    ["two 3000 sqm buildings and one 5000 sqm building", [9000, 15000, 3, 3000, 5000]],
    ["a 3000 sqm warehouse and a 5000 sqm warehouse", [6000, 10000, 2, 3000, 5000]],
    ["One 3000 m² building, one 5000 m² building", [6000, 10000, 2, 3000, 5000]],
    // About each size: the size as said (ADR 141), as a lone figure is.
    ["一栋3000平米左右一栋5000平米左右", [6000, 10000, 2, 3000, 5000]],
    ["一栋约3000平，另一栋大约5000平", [6000, 10000, 2, 3000, 5000]],
    ["一个冷库2000平左右，一个仓库4000平左右", [4000, 8000, 2, 2000, 4000]],
    ["3000平左右的一栋，5000平左右的一栋", [6000, 10000, 2, 3000, 5000]],
    ["3000平左右和5000平左右各一栋", [6000, 10000, 2, 3000, 5000]],
    ["one building of about 3000 sqm and one of around 5000 sqm", [6000, 10000, 2, 3000, 5000]],
    // A range for one of them: its bounds.
    ["一栋3000-4000平，一栋5000平", [6000, 10000, 2, 3000, 5000]],
    ["一栋两千到三千平，一栋五千平", [4000, 10000, 2, 2000, 5000]],
  ])("%s → %j", (notes, area) => {
    const r = read(notes, notes.includes("冷库") || notes.includes("warehouse") ? "warehouse" : "factory");
    expect(r.area).toEqual(area);
    expect(r.unread).toEqual([]);
    expect(r.sizes).toHaveLength(1);
    expect(r.notRead).toEqual([]);
  });
});

describe("each size's bound used as said (units33's leftover): a side one size leaves open stays open", () => {
  it.each([
    ["一栋3000平以上，一栋5000平左右", [6000, _, 2, 3000, _]],
    ["一栋至少3000平，一栋5000平", [6000, _, 2, 3000, _]],
    ["3000多平的一栋，5000平左右的一栋", [6000, _, 2, 3000, _]],
    ["一栋3000平以内，一栋5000平左右", [_, 10000, 2, _, 5000]],
    ["一栋不超过3000平，一栋5000平", [_, 10000, 2, _, 5000]],
    ["约3000平的一栋，至少5000平的一栋", [6000, _, 2, 3000, _]],
    ["one building of at least 3000 sqm and one of about 5000 sqm", [6000, _, 2, 3000, _]],
    ["one of at most 3000 sqm and one of 5000 sqm", [_, 10000, 2, _, 5000]],
  ])("%s → %j", (notes, area) => expect(read(notes)).toMatchObject({ area, unread: [], sizes: [expect.anything()] }));

  it.each(["一栋3000平以下，一栋5000平以上", "一栋至少3000平，一栋最多5000平"])(
    "no bound holds for every unit: told, nothing stored — %s",
    (notes) => {
      const r = read(notes);
      expect(r.area).toEqual([_, _, _, _, _]);
      expect(r.unread).toEqual([notes]);
    },
  );
});

describe("sizes in two sentences, and the count said in the sentence before (units33's leftover)", () => {
  it.each([
    ["一栋3000平。另一栋5000平。", [6000, 10000, 2, 3000, 5000], "一栋3000平。另一栋5000平"],
    ["需要两栋。一栋3000平，一栋5000平。", [6000, 10000, 2, 3000, 5000], "两栋。一栋3000平，一栋5000平"],
    ["需要两栋厂房。一栋3000平，一栋5000平。", [6000, 10000, 2, 3000, 5000], "两栋厂房。一栋3000平，一栋5000平"],
    ["需要2幢；3000平1幢，5000平1幢", [6000, 10000, 2, 3000, 5000], "2幢；3000平1幢，5000平1幢"],
    [
      "We need two buildings. One of 3000 sqm, one of 5000 sqm.",
      [6000, 10000, 2, 3000, 5000],
      "two buildings. One of 3000 sqm, one of 5000 sqm",
    ],
    ["One 3000 sqm building. Another of 5000 sqm.", [6000, 10000, 2, 3000, 5000], "One 3000 sqm building. Another of 5000 sqm"],
  ])("%s → %j, the count read with them", (notes, area, flag) => {
    const r = read(notes);
    expect(r.area).toEqual(area);
    expect(r.unread).toEqual([]);
    expect(r.sizes).toEqual([flag]);
    expect(r.notRead).toEqual([]);
  });

  it("a count in the sentence before that disagrees is told, the sizes read", () => {
    const r = read("需要三栋。一栋3000平，一栋5000平。");
    expect(r.area).toEqual([6000, 10000, 2, 3000, 5000]);
    expect(r.unread).toEqual(["需要三栋"]);
  });

  it("the sizes' total said after them, their sum, is theirs; another total is told", () => {
    expect(read("一栋3000平一栋5000平，共8000平")).toMatchObject({ area: [6000, 10000, 2, 3000, 5000], unread: [], notRead: [] });
    expect(read("一栋3000平一栋5000平，共9000平")).toMatchObject({ area: [6000, 10000, 2, 3000, 5000], unread: ["9000平"] });
  });
});

describe("not units of different sizes: as before, or told", () => {
  it.each([
    // Either size (accepted beside it): bounds of one area (ADR 112).
    ["一栋3000平，一栋5000平也行", [3000, 5000, _, _, _]],
    ["一栋3000平或者一栋5000平", [3000, 5000, _, _, _]],
    // One size: ADR 130's count, not sizes.
    ["3000平2栋", [5400, 6600, 2, 2700, 3300]],
    ["两栋3000平的厂房", [5400, 6600, 2, 2700, 3300]],
  ])("%s → %j", (notes, area) => {
    const r = read(notes);
    expect(r.area).toEqual(area);
    expect(r.sizes).toEqual([]);
  });

  it("floors (层) are one building's, never units", () => {
    const r = read("一层3000平，一层2000平");
    expect(r.sizes).toEqual([]);
    expect(r.area[2]).toBeUndefined();
  });

  it("a second phase is told (ADR 136), not joined", () => {
    const r = read("一期一栋3000平，二期一栋5000平");
    expect(r.sizes).toEqual([]);
    expect(r.unread).toEqual(["5000平"]);
  });

  it.each([
    ["现有一栋3000平和一栋5000平", [_, _, _, _, _]],
    ["去年租了一栋3000平一栋5000平", [_, _, _, _, _]],
    ["我们现在有一栋3000平，一栋5000平，想再找一栋8000平", [7200, 8800, _, _, _]],
    ["现有一栋3000平一栋5000平，想再找一栋8000平一栋10000平", [16000, 20000, 2, 8000, 10000]],
  ])("units the enterprise has are its premises, set aside: %s → %j", (notes, area) => {
    const r = read(notes);
    expect(r.area).toEqual(area);
    expect(r.aside[0][0]).toBe("own");
    expect(r.unread).toEqual([]);
  });
});

describe("a count said with a total, in any clause of its sentence: ADR 130's total, no count, not flagged", () => {
  it.each([
    "两栋共8000平",
    "共8000平，分两栋",
    "一共8000平，分2栋",
    "需要2栋，合计8000平方米",
    "two buildings, 8000 sqm in total",
    "8000 sqm in total, two buildings",
    "two buildings with a total of 8000 sqm",
  ])("%s → about 8000 ㎡", (notes) => {
    const r = read(notes);
    expect(r.area).toEqual([7200, 8800, _, _, _]);
    expect(r.unread).toEqual([]);
  });

  it.each([
    ["5000平，共3栋", "共3栋"],
    ["两栋，8000平", "两栋"],
  ])("no total said (ADR 136): %s — the count told", (notes, told) => {
    expect(read(notes).unread).toEqual([told]);
  });
});

describe("the preview and the hotline's match preview say each unit's size and why", () => {
  const none = new Set<string>();
  it.each([
    ["zh", "3000平2栋，5000平1栋", ["面积 9000㎡–15000㎡", "共3栋", "单栋 3000㎡–5000㎡", "各栋面积不同：3000平2栋，5000平1栋"]],
    [
      "en",
      "3000平2栋，5000平1栋",
      ["area 9000㎡–15000㎡", "3 buildings", "per building 3000㎡–5000㎡", "units of different sizes: 3000平2栋，5000平1栋"],
    ],
    ["zh", "一栋3000平以上，一栋5000平左右", ["面积 ≥ 6000㎡", "共2栋", "单栋 ≥ 3000㎡"]],
    ["en", "one of at most 3000 sqm and one of 5000 sqm", ["area ≤ 10000㎡", "2 buildings", "per building ≤ 5000㎡"]],
  ] as const)("%s: %s", (lng, notes, parts) => {
    const p = assistPreview(notes, none, lng, "factory");
    for (const part of parts) expect(p.understood).toContain(part);
    expect(p.unread).toBe("");
  });

  it("units of one size are said as before (no unit line)", () => {
    const p = assistPreview("3栋厂房，每栋5000平", none, "zh", "factory");
    expect(p.understood).not.toContain("单栋");
  });

  const payload = (notes: string) => {
    const l = validLeadJson();
    return { ...l, need: { ...l.need, areaMin: "", areaMax: "", notes } } as Record<string, unknown>;
  };
  it.each([
    ["zh", "各栋（各处）面积不同：一栋3000平一栋5000平"],
    ["en", "The units differ in size: 一栋3000平一栋5000平"],
  ] as const)("the hotline's match preview says the flag beside the window (%s)", (lng, said) => {
    const r = needForPreview(payload("一栋3000平一栋5000平"), lng);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.areaChecks.some((c) => c.startsWith(said))).toBe(true);
  });

  it("the schema stores the count and each unit's window, flagged, on every channel", () => {
    const parsed = createLeadSchema("zh", "api").safeParse(payload("3000平2栋，5000平1栋"));
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    const { need } = parsed.data.lead;
    expect([need.areaMinSqm, need.areaMaxSqm, need.unitCount]).toEqual([9000, 15000, 3]);
    expect(leadFlags(parsed.data.lead).find((f) => f.code === "unitSizesDiffer")?.text).toBe("3000平2栋，5000平1栋");
  });
});
