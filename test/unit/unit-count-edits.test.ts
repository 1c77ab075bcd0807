import { describe, expect, it } from "vitest";

import { type Lead } from "../../app/domain/lead-schema";
import { parseNeedText } from "../../app/domain/need-text";
import { notesNotRead } from "../../app/domain/notes-not-read";
import { needAsTyped, needOnlySchema, newerNotes, newerRead } from "../../app/hotline/need-edit";
import { NEED_FORM } from "../../app/hotline/need-edit.server";
import { validLeadJson } from "../support/leads";

// docs/decisions/133: what ADR 130 left of the unit count in a need edit, and the confirmation page's words
// of the notes (every figure read, every part not read), with the English minimum words of ceiling and crane.

/** A stored lead of 3 × 5000 ㎡ (15,000 ㎡ in all) with its notes; saved through the edit's schema with `change` typed. */
function edit(change: Record<string, string>, stored: Record<string, unknown> = {}) {
  const base = validLeadJson();
  const lead = {
    ...base,
    need: {
      ...base.need,
      kind: "factory",
      deal: "lease",
      areaMin: 13500,
      areaMax: 16500,
      areaUnit: "sqm",
      unitCount: 3,
      notes: "要3栋厂房",
      ...stored,
    },
  } as unknown as Lead;
  const typed = needAsTyped(lead);
  const loaded = Object.fromEntries(Object.entries(typed.need).map(([k, v]) => [`need.${k}`, v]));
  const sent = { ...loaded, ...change };
  const newer = newerNotes(loaded, sent);
  const keepBlank = Object.keys(typed.need).filter((k) => typed.need[k] !== "");
  const form = Object.fromEntries(Object.entries(sent).map(([k, v]) => [k.slice(5), v]));
  const r = needOnlySchema("zh", lead, keepBlank, newer).safeParse({ need: form, use: {}, tax: {} });
  if (!r.success) throw new Error(JSON.stringify(r.error.issues));
  return { need: r.data.lead.need as Record<string, unknown>, newer, loaded };
}

describe("a need edit's count: what is posted is what is stored", () => {
  it("the form is filled with the stored count", () => {
    expect(edit({}).loaded["need.unitCount"]).toBe("3");
  });

  it.each<[string, Record<string, string>, Record<string, unknown>]>([
    ["new area boxes, the count box as loaded", { "need.areaMin": "6000", "need.areaMax": "" }, { areaMinSqm: 6000, unitCount: 3 }],
    ["new area boxes, the count box emptied", { "need.areaMin": "6000", "need.areaMax": "", "need.unitCount": "" }, { areaMinSqm: 6000 }],
    ["the count box changed", { "need.unitCount": "2" }, { areaMinSqm: 13500, unitCount: 2 }],
    ["nothing changed", {}, { areaMinSqm: 13500, unitCount: 3 }],
  ])("%s", (_, change, want) => {
    const { need } = edit(change);
    expect(need).toMatchObject(want);
    if (!("unitCount" in want)) expect(need.unitCount).toBeUndefined();
  });
});

describe("a need edit's added notes that give a new area", () => {
  it.each<[string, Record<string, unknown>]>([
    ["客户来电：改成6000平", { areaMinSqm: 5400, areaMaxSqm: 6600 }],
    ["现在只要一栋8000平左右的", { areaMinSqm: 7200, areaMaxSqm: 8800 }],
    ["now about 6000 sqm", { areaMinSqm: 5400, areaMaxSqm: 6600 }],
  ])("%j without a count: the old count goes with the old area, and the staff are told", (added, want) => {
    const { need, newer } = edit({ "need.notes": `要3栋厂房。${added}` });
    expect(need).toMatchObject(want);
    expect(need.unitCount).toBeUndefined();
    expect(newerRead("zh", newer!).text).toContain("几栋/几处 清空（新说的面积没有说几栋，按一处的合计面积）");
    expect(newerRead("en", newer!).text).toContain(
      "how many buildings (units) cleared (the new area names no count: one place of that total)",
    );
  });

  it("with a count: the new count", () => {
    const { need, newer } = edit({ "need.notes": "要3栋厂房。改成两栋，每栋4000平" });
    expect(need).toMatchObject({ areaMinSqm: 7200, areaMaxSqm: 8800, unitCount: 2 });
    expect(newerRead("zh", newer!).text).not.toContain("清空");
  });

  it("a count typed in this edit is the person's, beside the notes' new area", () => {
    const { need } = edit({ "need.notes": "要3栋厂房。改成6000平", "need.unitCount": "2" });
    expect(need).toMatchObject({ areaMinSqm: 5400, areaMaxSqm: 6600, unitCount: 2 });
  });

  it("added text that names no area leaves the count", () => {
    const { need, newer } = edit({ "need.notes": "要3栋厂房。层高要10米" });
    expect(need).toMatchObject({ areaMinSqm: 13500, unitCount: 3, ceilingMinM: 10 });
    expect(newerRead("zh", newer!).text).not.toContain("清空");
  });

  it("no count loaded: nothing said of one", () => {
    const { need, newer } = edit({ "need.notes": "要厂房。改成6000平" }, { unitCount: undefined, notes: "要厂房" });
    expect(need.unitCount).toBeUndefined();
    expect(newerRead("zh", newer!).text).toBe("面积 5400㎡–6600㎡");
  });
});

describe("the need form's shape: a page loaded before the 几栋 box", () => {
  it("does not need the count box sent (absent is blank as loaded), and still needs every other box", () => {
    expect(NEED_FORM.fields).not.toContain("need.unitCount");
    for (const k of ["need.areaMin", "need.areaMax", "need.regions", "need.notes", "need.ceilingMinM", "base", "intent"])
      expect(NEED_FORM.fields).toContain(k);
  });
});

describe("English minimum words between a ceiling or a crane and its figure", () => {
  it.each<[string, Record<string, number>]>([
    ["Ceiling at least 8 m, a 10-ton crane, dual power supply and a loading dock", { ceilingMinM: 8, craneMinT: 10 }],
    ["ceiling of at least 8.5 m", { ceilingMinM: 8.5 }],
    ["ceiling height no less than 9 m", { ceilingMinM: 9 }],
    ["clear height a minimum of 10 m", { ceilingMinM: 10 }],
    ["crane at least 10 t", { craneMinT: 10 }],
    ["a crane with a capacity of at least 16 tons", { craneMinT: 16 }],
    ["overhead crane of at least 5 t, ceiling over 7 m", { craneMinT: 5, ceilingMinM: 7 }],
  ])("%j → %j", (notes, want) => {
    expect(parseNeedText(notes, new Date("2026-12-05T00:00:00Z"), [], "factory").hints).toMatchObject(want);
  });

  it.each(["crane not needed, ceiling at least 9 m", "we have our own crane of at least 10 t"])("%j: no crane wanted", (notes) => {
    expect(parseNeedText(notes, new Date("2026-12-05T00:00:00Z"), [], "factory").hints.craneMinT).toBeUndefined();
  });
});

describe("a unit's size said with 单栋面积 / 每栋面积, or n栋 × size: the count kept (the trial's form end to end)", () => {
  it.each<[string, Record<string, number>]>([
    ["两栋厂房，单栋面积3000平方米", { areaMinSqm: 5400, areaMaxSqm: 6600, unitCount: 2 }],
    ["两栋厂房，每栋面积3000平", { areaMinSqm: 5400, areaMaxSqm: 6600, unitCount: 2 }],
    ["单栋面积5000平，要3栋", { areaMinSqm: 13500, areaMaxSqm: 16500, unitCount: 3 }],
    ["3栋厂房，单栋约5000平", { areaMinSqm: 13500, areaMaxSqm: 16500, unitCount: 3 }],
    ["2栋×3000平", { areaMinSqm: 5400, areaMaxSqm: 6600, unitCount: 2 }],
    ["2栋*3000平", { areaMinSqm: 5400, areaMaxSqm: 6600, unitCount: 2 }],
  ])("%j → %j", (notes, want) => {
    expect(parseNeedText(notes, new Date("2026-12-05T00:00:00Z"), [], "factory").hints).toMatchObject(want);
  });

  it.each<[string, Record<string, number>]>([
    ["三层楼，每层面积1000平", { areaMinSqm: 2700, areaMaxSqm: 3300 }], // one building's floors (ADR 122)
    ["单层面积3000平", { areaMinSqm: 2700, areaMaxSqm: 3300 }],
    ["共3栋5000平", { areaMinSqm: 4500, areaMaxSqm: 5500 }],
  ])("%j → %j, no count", (notes, want) => {
    const hints = parseNeedText(notes, new Date("2026-12-05T00:00:00Z"), [], "factory").hints;
    expect(hints).toMatchObject(want);
    expect(hints.unitCount).toBeUndefined();
  });
});

describe("notesNotRead: the clauses no reader used", () => {
  const read = (notes: string) => parseNeedText(notes, new Date("2026-12-05T00:00:00Z"), [], "factory").found.map((f) => f.text);
  it.each<[string, string[]]>([
    ["层高8米以上，需要10吨行车，双回路供电，要有月台", ["双回路供电", "要有月台"]],
    ["Ceiling at least 8 m, a 10-ton crane, dual power supply and a loading dock", ["dual power supply", "a loading dock"]],
    ["两栋厂房，每栋3000平", []],
    ["5000平厂房、环评能过、靠近高速\n谢谢", ["环评能过", "靠近高速"]],
    ["要5000平厂房，另外需要食堂", ["需要食堂"]],
  ])("%j → %j", (notes, parts) => {
    expect(notesNotRead(notes, read(notes))).toEqual(parts);
  });

  it("never repeats contact details, and says at most 8 clauses", () => {
    expect(notesNotRead("要月台，联系我13800138000，或 a@b.cn，微信同号", [])).toEqual(["要月台"]);
    const many = Array.from({ length: 12 }, (_, i) => `要求${i}`).join("，");
    expect(notesNotRead(many, [])).toEqual([...Array.from({ length: 8 }, (_, i) => `要求${i}`), "…"]);
    expect(notesNotRead("", [])).toEqual([]);
  });
});
