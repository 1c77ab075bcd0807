import { describe, expect, it } from "vitest";

import { leadFlags } from "../../app/domain/lead-flags";
import { type Lead } from "../../app/domain/lead-schema";
import { addedNotes, needAsTyped, needOnlySchema, newerNotes, newerRead } from "../../app/hotline/need-edit";
import { validLeadJson } from "../support/leads";

// docs/decisions/109: on a staff edit of the need, the text ADDED to the notes in this edit is newer than
// the boxes: a box left as loaded takes its figure, a box the person changed wins (and a contradiction is
// flagged), the older notes fill only blanks as before.

describe("addedNotes: what this edit added, in whole clauses", () => {
  it.each<[string, string, string]>([
    ["要5000平厂房", "要5000平厂房。客户来电：改成3000平", "客户来电：改成3000平"],
    ["要5000平厂房", "客户来电改成3000平；要5000平厂房", "客户来电改成3000平"],
    ["要5000平厂房，层高8米", "要3000平厂房，层高8米", "要3000平厂房"],
    ["层高8米", "层高10米", "层高10米"],
    ["", "只租不买", "只租不买"],
    ["要5000平", "要5000平", ""],
    ["要5000平，层高8米", "要5000平", ""], // text taken away adds nothing
    ["配电500kva", "配电500kva\n现在要1000kva", "现在要1000kva"],
  ])("%j → %j: %j", (loaded, sent, added) => {
    expect(addedNotes(loaded, sent)).toBe(added);
  });
});

describe("newerNotes: the boxes the added text may set are those left as loaded", () => {
  const loaded = { "need.areaMin": "4000", "need.areaMax": "6000", "need.ceilingMinM": "8", "need.deal": "either", "need.notes": "要厂房" };
  it("boxes changed by the person are not among them; nothing added, nothing newer", () => {
    const sent = { ...loaded, "need.ceilingMinM": "9", "need.notes": "要厂房。改成3000平，层高10米" };
    const newer = newerNotes(loaded, sent)!;
    expect(newer.text).toBe("改成3000平，层高10米");
    expect(newer.over.has("areaMin") && newer.over.has("areaMax")).toBe(true);
    expect(newer.over.has("deal")).toBe(false); // left as loaded, but the added text does not name it (ADR 091's kept blanks stay)
    expect(newer.over.has("ceilingMinM")).toBe(false);
    expect(newerNotes(loaded, loaded)).toBeNull();
    expect(newerNotes(null, sent)).toBeNull(); // a first intake reads its notes as ever
  });

  it("says what it will set, zh and en", () => {
    const newer = newerNotes(loaded, { ...loaded, "need.notes": "要厂房。只租不买，年纳税三百万" })!;
    expect(newerRead("zh", newer)).toEqual({ text: "方式：租赁；年纳税 300万元", tax: true });
    expect(newerRead("en", newer).text).toContain("deal: lease");
  });
});

/** A stored lead of 4000–6000 ㎡, 8 m, either, notes as given; saved through the edit's schema with `change` typed. */
function edit(storedNotes: string, change: Record<string, string>) {
  const base = validLeadJson();
  const stored = {
    ...base,
    need: {
      ...base.need,
      kind: "factory",
      deal: "either",
      areaMin: 4000,
      areaMax: 6000,
      areaUnit: "sqm",
      ceilingMinM: 8,
      notes: storedNotes,
    },
  } as unknown as Lead;
  const typed = needAsTyped(stored);
  const loaded = Object.fromEntries(Object.entries(typed.need).map(([k, v]) => [`need.${k}`, v]));
  const sent = { ...loaded, ...change };
  const newer = newerNotes(loaded, sent);
  const keepBlank = Object.keys(typed.need).filter((k) => typed.need[k] !== "");
  const form = Object.fromEntries(Object.entries(sent).map(([k, v]) => [k.slice(5), v]));
  const r = needOnlySchema("zh", stored, keepBlank, newer).safeParse({ need: form, use: {}, tax: {} });
  if (!r.success) throw new Error(JSON.stringify(r.error.issues));
  return r.data.lead;
}

describe("through the edit's schema", () => {
  it.each<[string, Record<string, unknown>]>([
    ["客户来电：面积改成3000平", { areaMinSqm: 2700, areaMaxSqm: 3300 }],
    ["现在要3000平左右", { areaMinSqm: 2700, areaMaxSqm: 3300 }],
    ["面积至少8000平", { areaMinSqm: 8000, areaMaxSqm: undefined }],
    ["层高要10米", { ceilingMinM: 10 }],
    ["层高不要求了", { ceilingMinM: 8 }], // no figure: the box stays (emptying it is the box's to say)
    ["只租不买", { deal: "lease" }],
    ["不考虑租，想买地", { deal: "buy" }],
    ["配电1000千伏安", { powerMinKva: 1000, ceilingMinM: 8, areaMinSqm: 4000 }],
    ["明年6月前要入驻", { moveInBy: "2027-06" }],
  ])("added %j sets the boxes left as loaded: %j", (added, want) => {
    const lead = edit("要4000到6000平厂房，层高8米", { "need.notes": `要4000到6000平厂房，层高8米。${added}` });
    expect(lead.need).toMatchObject(want);
    expect(leadFlags(lead).filter((f) => f.code === "notesDiffer")).toEqual([]);
  });

  it("a box the person changed wins over the added text, and the two disagreeing are flagged", () => {
    const lead = edit("要厂房", { "need.ceilingMinM": "9", "need.notes": "要厂房。层高要10米" });
    expect(lead.need.ceilingMinM).toBe(9);
    expect(leadFlags(lead)).toEqual([{ field: "need.ceilingMinM", code: "notesDiffer", text: "层高要10米 ≠ 9 m" }]);
  });

  it("the older notes still fill only blanks, and disagree with a box only where the added text says nothing", () => {
    const lead = edit("要1万平", { "need.notes": "要1万平。层高10米" });
    expect(lead.need.ceilingMinM).toBe(10);
    expect([lead.need.areaMinSqm, lead.need.areaMaxSqm]).toEqual([4000, 6000]); // the old notes do not replace the boxes
    expect(leadFlags(lead).map((f) => f.field)).toEqual(["need.notes"]); // 1万平 ≠ 4000–6000 ㎡, as before
  });

  it("the added text's area replaces the older notes' area in the comparison (no flag for the old 1万平)", () => {
    const lead = edit("要1万平", { "need.notes": "要1万平。改成5000平" });
    expect([lead.need.areaMinSqm, lead.need.areaMaxSqm]).toEqual([4500, 5500]);
    expect(leadFlags(lead).map((f) => f.text)).toEqual([]);
  });

  it("nothing added: the boxes are saved as typed, the notes fill only blanks (as before)", () => {
    const lead = edit("层高10米", {});
    expect(lead.need.ceilingMinM).toBe(8);
    expect(leadFlags(lead).map((f) => f.field)).toEqual(["need.ceilingMinM"]);
  });
});
