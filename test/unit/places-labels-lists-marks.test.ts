import { describe, expect, it } from "vitest";

import { foldText } from "~/domain/fold-text";
import { createLeadSchema, issuesToFieldErrors } from "~/domain/lead-schema";
import { planNoteRegions, readPlaceList } from "~/domain/note-regions";
import { latinNearlyNamed } from "~/domain/regions";
import { placeNamesText } from "~/domain/regions.server";
import { regionFixes } from "~/leads/region-picker.server";

import { validLeadJson } from "../support/leads";

// ADR 140 (places33): places as people type them, in the notes and in the 意向区域 box — a label then a place ("地点：高淳",
// trial H1), ONE list reader for the box and the notes ("江宁浦口都行", trial M1), a second choice said after the place
// ("江宁优先，浦口其次"), refusals written as a list ("江宁（不要）", "❌江宁 ✅浦口", "江宁：不要；浦口：可以"), a typo said with a
// stance ("Jiangnign is not ok"), and the English page's place names (attack L4).

/** Nanjing's districts these notes name, by their GB/T 2260 codes. */
const [JIANGNING, PUKOU, LIUHE, GAOCHUN, LISHUI] = ["320115", "320111", "320116", "320118", "320117"];
const sorted = (codes: string[]) => [...codes].sort();
const NOW = new Date("2026-12-05T04:00:00Z");

function places(notes: string) {
  const p = planNoteRegions(notes, [])!;
  return {
    codes: p.fill?.codes ?? [],
    excluded: p.excluded.map((x) => x.text),
    wished: p.wished.map((x) => x.text),
    unread: p.unread.map((u) => u.text),
    ruled: p.ruled.map((r) => `${r.code}:${r.text}`),
  };
}

/** The regions box through the lead schema: the codes stored, or the field's messages. */
function box(regions: string, lng: "zh" | "en" = "zh"): { codes: string[]; typed: string[] } | { errors: string[] } {
  const base = validLeadJson();
  const r = createLeadSchema(lng, "web", { now: () => NOW }).safeParse({ ...base, need: { ...base.need, regions } });
  if (!r.success) return { errors: issuesToFieldErrors(r.error)["need.regions"] ?? [JSON.stringify(issuesToFieldErrors(r.error))] };
  return { codes: r.data.lead.need.regionCodes ?? [], typed: r.data.lead.need.regions ?? [] };
}

describe("a label, then the place (trial H1): 位置/区域/意向区域/选址/地址在/Location:/Area:, full- and half-width colons", () => {
  it.each([
    ["地点：高淳", [GAOCHUN]],
    ["地点:高淳", [GAOCHUN]],
    ["要5000平厂房。地点：高淳。", [GAOCHUN]],
    ["位置：江宁", [JIANGNING]],
    ["区域: 浦口，明年3月前入驻", [PUKOU]],
    ["意向区域：江宁、浦口", [JIANGNING, PUKOU]],
    ["意向区域：江宁浦口都行", [JIANGNING, PUKOU]],
    ["选址：溧水", [LISHUI]],
    ["选址要求：高淳或溧水", [GAOCHUN, LISHUI]],
    ["目标区域： 六合", [LIUHE]],
    ["地址在高淳", [GAOCHUN]],
    ["厂房5000平左右\n位置：江宁\n交期：明年", [JIANGNING]],
    ["Location: Jiangning", [JIANGNING]],
    ["Location：Pukou", [PUKOU]],
    ["Area: Pukou", [PUKOU]],
    ["Preferred location: Jiangning or Pukou", [JIANGNING, PUKOU]],
    ["5000 sqm factory. District: Pukou. Move in by March.", [PUKOU]],
  ])("%s → %j", (notes, codes) => {
    const p = places(notes);
    expect(p.codes).toEqual(sorted(codes));
    expect(p.unread).toEqual([]);
  });

  it.each([
    // the company's own address is where it is, not where it wants to be
    "公司地址：江宁",
    "注册地址：南京市江宁区",
    "Company location: Wuxi",
    // a label with no place after it
    "区域：不限",
    "位置要求：靠近高速口",
    "Area: 5000 sqm",
    "Area: Flexible",
  ])("%s → nothing filled, nothing told", (notes) => {
    const p = places(notes);
    expect(p.codes).toEqual([]);
    expect(p.unread).toEqual([]);
    expect(p.excluded).toEqual([]);
  });
});

describe("ONE list reader for the box and the notes (trial M1)", () => {
  it.each([
    ["江宁浦口都行", [JIANGNING, PUKOU]],
    ["江宁浦口六合均可", [JIANGNING, PUKOU, LIUHE]],
    ["高淳溧水", [GAOCHUN, LISHUI]],
    ["江宁区浦口区都可以", [JIANGNING, PUKOU]],
    ["江宁或浦口都行", [JIANGNING, PUKOU]],
    ["江宁、浦口", [JIANGNING, PUKOU]],
    ["江宁和浦口都可以", [JIANGNING, PUKOU]],
  ])("box %s → %j, as the notes read it", (typed, codes) => {
    const b = box(typed);
    expect(b).toMatchObject({ codes: sorted(codes) });
    expect(places(typed).codes).toEqual(sorted(codes));
  });

  it("names run together are stored as names (江宁浦口都行 → 江宁, 浦口), as the notes store them", () => {
    expect(box("江宁浦口都行")).toMatchObject({ typed: ["江宁", "浦口"] });
    expect(planNoteRegions("江宁浦口都行", [])!.fill?.typed).toEqual(["江宁", "浦口"]);
  });

  it.each([
    ["南京江宁", [JIANGNING]],
    ["两江新区 江北区", ["500105"]],
    ["和县", ["340523"]],
  ])("guard: a name that resolves stays one name: %s", (typed, codes) => {
    expect(box(typed)).toMatchObject({ codes, typed: [typed] });
  });

  it("readPlaceList: the whole text, or nothing", () => {
    expect(readPlaceList("江宁浦口")?.map((p) => p.text)).toEqual(["江宁", "浦口"]);
    expect(readPlaceList("江宁 和 浦口")?.map((p) => p.text)).toEqual(["江宁", "浦口"]);
    expect(readPlaceList("江宁")).toBeNull(); // one name is no list
    expect(readPlaceList("江宁工厂")).toBeNull(); // a word that names no division
    expect(readPlaceList("江宁浦口都行")).toBeNull(); // the box and the notes cut the trailer first
  });

  it("a name the box refuses comes with its suggestions as the box's text with that name replaced", () => {
    const zh = regionFixes("江宁、浦扣", "zh");
    expect(zh.length).toBeGreaterThan(0);
    expect(zh.map((f) => f.value)).toContain("江宁、江苏省南京市浦口区");
    expect(zh.find((f) => f.value === "江宁、江苏省南京市浦口区")?.label).toBe("用“江苏省南京市浦口区”替换“浦扣”");
    const en = regionFixes("Jiangning, gaochen", "en");
    expect(en.map((f) => f.value)).toContain("Jiangning, 江苏省南京市高淳区");
    expect(en[0].label).toMatch(/^Use “Gaochun District/);
    expect(regionFixes("江宁浦口都行", "zh")).toEqual([]); // nothing refused, nothing to offer
  });
});

describe("a second choice said after the place (refuse32's leftover)", () => {
  it.each([
    ["江宁优先，浦口其次", [JIANGNING, PUKOU], "江宁"],
    ["江宁优先，浦口其次，六合再次", [JIANGNING, PUKOU, LIUHE], "江宁"],
    ["高淳首选，溧水第二", [GAOCHUN, LISHUI], "高淳"],
    ["浦口最好。江宁其次。", [PUKOU, JIANGNING], "浦口"],
  ])("%s → %j, %s preferred", (notes, codes, first) => {
    const p = places(notes);
    expect(p.codes).toEqual(sorted(codes));
    expect(p.ruled).toContain(`placePreferred:${first}`);
    expect(p.excluded).toEqual([]);
  });

  it("guard: 浦口其次江宁 (ADR 138) still has 浦口 first", () => {
    expect(places("浦口其次江宁")).toMatchObject({ codes: sorted([PUKOU, JIANGNING]), ruled: ["placePreferred:浦口"] });
  });
});

describe("refusals written as a list: brackets, colons, dashes, crosses and ticks", () => {
  it.each([
    ["江宁（不要）", [], ["江宁"]],
    ["江宁(不考虑)，浦口可以", [PUKOU], ["江宁"]],
    ["❌江宁 ✅浦口", [PUKOU], ["江宁"]],
    ["江宁❌ 浦口✅", [PUKOU], ["江宁"]],
    ["🚫高淳，溧水👍", [LISHUI], ["高淳"]],
    ["江宁：不要；浦口：可以", [PUKOU], ["江宁"]],
    ["江宁:不考虑; 浦口:没问题", [PUKOU], ["江宁"]],
    ["高淳 - 不考虑，溧水 - 可以", [LISHUI], ["高淳"]],
    ["高淳→太远了，江宁→可以", [JIANGNING], ["高淳"]],
    ["Jiangning: no; Pukou: ok", [PUKOU], ["Jiangning"]],
  ])("%s → %j, ruled out %j", (notes, codes, out) => {
    const p = places(notes);
    expect(p.codes).toEqual(sorted(codes));
    expect(p.excluded).toEqual(out);
  });

  it("a typo said with a stance is told, never dropped silently: Jiangnign is not ok, Gaochnu doesn't work for us", () => {
    expect(places("Jiangnign is not ok").ruled).toEqual(["placeExcludedOpen:Jiangnign"]);
    expect(places("Gaochnu doesn't work for us").ruled).toEqual(["placeExcludedOpen:Gaochnu"]);
    expect(places("Pukou is fine, Jiangnign is a no-go")).toMatchObject({ codes: [PUKOU], excluded: ["Jiangnign"] });
    expect(latinNearlyNamed("Lishiu")).toBe(true);
    expect(latinNearlyNamed("Pukuo")).toBe(true);
    expect(latinNearlyNamed("Lishui")).toBe(false); // a name itself is the resolver's
  });

  it.each([
    "Price is not ok",
    "Budget is not ok",
    "Timing is not ok",
    "Parking is not ok",
    "Rental is not ok",
    "Shipping doesn't work for us",
  ])("guard: %s names no place", (notes) => {
    const p = places(notes);
    expect(p.excluded).toEqual([]);
    expect(p.ruled).toEqual([]);
    expect(p.unread).toEqual([]);
  });
});

describe("place names on the page in its language (attack L4)", () => {
  it.each([
    [["江宁"], "en", "Jiangning District (江宁区)"],
    [["Jiangning"], "en", "Jiangning District (江宁区)"],
    [["江宁", "浦口"], "en", "Jiangning District (江宁区), Pukou District (浦口区)"],
    [["江北新区"], "en", "Nanjing Jiangbei New Area (南京江北新区)"],
    [["Jiangnign"], "en", "Jiangnign"],
    [["Jiangning"], "zh", "江宁区"],
    [["江宁", "浦口"], "zh", "江宁、浦口"],
  ] as const)("%j (%s) → %s", (names, lng, text) => {
    expect(placeNamesText(names, lng)).toBe(text);
  });
});

describe("an emoji before the words keeps every snippet where it was typed (fold-text.ts: one map entry per UTF-16 unit)", () => {
  it("🚫高淳: the folded text's map counts the emoji as two units", () => {
    const { s, at } = foldText("🚫高淳，👍溧水");
    expect(at.length).toBe(s.length + 1);
    expect(at[s.indexOf("溧")]).toBe("🚫高淳，👍溧水".indexOf("溧"));
  });

  it.each([
    ["🏭要5000平厂房，在高淳", ["高淳"]],
    ["🚫高淳，溧水👍", ["溧水"]],
    ["😀😀 地点：江宁浦口都行", ["江宁", "浦口"]],
  ])("%s → the places as typed: %j", (notes, typed) => {
    expect(planNoteRegions(notes, [])!.fill?.typed).toEqual(typed);
  });
});
