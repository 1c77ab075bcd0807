import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors, regionProblemMessage, splitRegions } from "../../app/domain/lead-schema";
import { planNoteRegions } from "../../app/domain/note-regions";
import { resolveRegion, resolveRegions } from "../../app/domain/regions";
import { needPlaceNames, needRegionsText } from "../../app/domain/regions.server";
import { englishDivisionName, englishPathLabel, englishZoneLabel } from "../../app/domain/regions-en";
import { validLeadJson } from "../support/leads";

// ADR 123: zones and their districts read alike whatever separates them, English and pinyin zone names
// read as their Chinese ones, a place's own reading (六合 lù hé) usual, and the notes' zones telling a
// shared name apart. Expected codes by hand from zones.ts's sources and GB/T 2260.

const JIANGBEI_NEW_AREA = ["320111", "320113", "320116"]; // 浦口、栖霞、六合
const LIANGJIANG = ["500105", "500109", "500112"]; // 重庆 江北、北碚、渝北
const XIONGAN = ["130629", "130632", "130638"];
const CQ_JIANGBEI = "500105";
const CQ_YUBEI = "500112";
const PUKOU = "320111";
const LUHE = "320116"; // 南京市六合区
const LUHE_COUNTY = "441523"; // 汕尾市陆河县
const JIANGNING = "320115";
const GAOCHUN = "320118";

const codes = (input: string) => {
  const r = resolveRegions([input], []);
  expect(r.problems, input).toEqual([]);
  return r.codes;
};
const sorted = (list: readonly string[]) => [...list].sort();

describe("kind 1: a zone and its districts — a space is a chain, a list separator a list (ADR 118, 123)", () => {
  it.each<[string, string[]]>([
    // The district(s) within the zone, whatever number of them, each once.
    ["两江新区 江北区", [CQ_JIANGBEI]],
    ["两江新区 江北区 渝北区", [CQ_JIANGBEI, CQ_YUBEI]],
    ["两江新区  渝北区 江北区", [CQ_JIANGBEI, CQ_YUBEI]],
    ["江北新区 浦口区 六合区", [PUKOU, LUHE]],
    ["浦口区 江北新区", [PUKOU]],
    // A place not in the zone after a space: a list, as "江宁 浦口" and "江北新区、江宁区" are.
    ["江北新区 江宁区", [...JIANGBEI_NEW_AREA, JIANGNING]],
    ["江宁区 江北新区", [...JIANGBEI_NEW_AREA, JIANGNING]],
    ["江北新区 浦口区 江宁区", [PUKOU, JIANGNING]],
    ["江北新区 两江新区", [...JIANGBEI_NEW_AREA, ...LIANGJIANG]],
    ["江宁 江宁区", [JIANGNING]],
  ])("%s → %j", (typed, expected) => {
    expect(sorted(codes(typed))).toEqual(sorted(expected));
    const r = resolveRegion(typed, []);
    // Each division once (a list once named 浦口区 twice).
    if (r.ok) expect(new Set(r.divisions.map((d) => d.code)).size).toBe(r.divisions.length);
  });

  it("written together, a place not in the zone stays a question offering both (nothing guessed)", () => {
    const r = resolveRegion("江北新区江宁区", []);
    expect(r).toMatchObject({ ok: false, suggestions: ["南京江北新区", "江苏省南京市江宁区"] });
  });

  it.each<[string, string[]]>([
    ["两江新区、江北区", LIANGJIANG],
    ["两江新区，江北区，渝北区", LIANGJIANG],
    ["两江新区或者江北区", LIANGJIANG],
    ["两江新区/江北区", LIANGJIANG],
    ["两江新区渝北区、江北区", [CQ_JIANGBEI, CQ_YUBEI]],
    ["江北新区、江宁区", [...JIANGBEI_NEW_AREA, JIANGNING]],
  ])("a list in the box, %s → the union %j (each entry on its own)", (typed, expected) => {
    const split = splitRegions(typed) as string[];
    expect(sorted(resolveRegions(split, []).codes)).toEqual(sorted(expected));
  });

  it.each<[string, string[]]>([
    ["江宁和浦口", [JIANGNING, PUKOU]],
    ["江宁 及 浦口", [JIANGNING, PUKOU]],
    ["江宁与浦口以及高淳", [JIANGNING, PUKOU, GAOCHUN]],
    ["江宁+浦口", [JIANGNING, PUKOU]],
    ["两江新区和江北区", LIANGJIANG],
    ["Jiangning and Pukou", [JIANGNING, PUKOU]],
    ["Jiangning or Gaochun", [JIANGNING, GAOCHUN]],
    ["Jiangning & Pukou", [JIANGNING, PUKOU]],
    ["Jiangbei New Area and Jiangning", [...JIANGBEI_NEW_AREA, JIANGNING]],
  ])("joined by a word of a list, %s → %j (the notes' joiners)", (typed, expected) => {
    expect(sorted(codes(typed))).toEqual(sorted(expected));
  });

  it("a joiner inside a name stays the name's; a part that names nothing leaves the whole a question", () => {
    expect(codes("沈阳和平")).toEqual(["210102"]);
    expect(codes("沈阳和平 江宁")).toEqual(["210102", JIANGNING]);
    expect(resolveRegion("和平区", [])).toMatchObject({ ok: false, kind: "ambiguous" });
    expect(resolveRegion("江宁和火星", [])).toMatchObject({ ok: false, kind: "unknown" });
    expect(codes("Nanjing Economic and Technological Development Zone")).toEqual(["320113"]);
  });

  it("an API array's element is split as the form's box is", () => {
    expect(splitRegions(["江宁、浦口"])).toEqual(["江宁", "浦口"]);
    expect(splitRegions(["两江新区，江北区", "高淳"])).toEqual(["两江新区", "江北区", "高淳"]);
    expect(splitRegions(["江宁优先", " ", "溧水或者高淳"])).toEqual(["江宁", "溧水", "高淳"]);
    expect(splitRegions([3, "江宁"])).toEqual([3, "江宁"]); // left for the schema to refuse
  });
});

function parse(need: Record<string, unknown>, lng: "zh" | "en" = "zh") {
  const base = validLeadJson();
  return createLeadSchema(lng, "api").safeParse({ ...base, need: { ...base.need, ...need } });
}

describe("kind 1 and 2 through the schema (the API's and the form's)", () => {
  it('regions ["江宁、浦口"] is two places, not refused', () => {
    const r = parse({ regions: ["江宁、浦口"] });
    expect(r.success && r.data.lead.need.regionCodes).toEqual(["320111", JIANGNING]);
  });

  it("a long English zone name is read, not refused by the cap of a Chinese one", () => {
    const r = parse({ regions: ["Nanjing Jiangbei New Area Industrial Park"] });
    expect(r.success && r.data.lead.need.regionCodes).toEqual(JIANGBEI_NEW_AREA);
  });

  it.each<["zh" | "en", string, number]>([
    ["zh", "江".repeat(41), 40],
    ["en", `${"Jiangbei ".repeat(10)}x`, 80],
  ])("the cap still holds (%s): %s → at most %i", (lng, typed, max) => {
    const r = parse({ regions: [typed] }, lng);
    expect(r.success).toBe(false);
    if (!r.success) expect(issuesToFieldErrors(r.error)["need.regions[0]"]?.join()).toContain(String(max));
  });
});

describe("kind 2: English and pinyin zone names read as their Chinese ones", () => {
  it.each<[string, string, string[]]>([
    ["Nanjing Jiangbei New Area Industrial Park", "南京江北新区产业园", JIANGBEI_NEW_AREA],
    ["Jiangbei New Area Science Park", "江北新区科技园", JIANGBEI_NEW_AREA],
    ["Xiong'an New Area Science Park", "雄安新区科技园", XIONGAN],
    ["Gaochun Development Zone", "高淳开发区", [GAOCHUN]],
    ["Gaochun Economic Development Zone", "高淳经济开发区", [GAOCHUN]],
    ["Jiangning Economic and Technological Development Zone", "江宁经济技术开发区", [JIANGNING]],
    ["Pukou Industrial Park", "浦口工业园", [PUKOU]],
    ["Nanjing Jiangbei New Area Intelligent Manufacturing Industrial Park", "南京江北新区智能制造产业园", JIANGBEI_NEW_AREA],
    ["Gaochun Dongba Industrial Park", "高淳东坝工业园", [GAOCHUN]],
    ["Liangjiang New Area Jinyu Avenue", "两江新区金渝大道", LIANGJIANG],
    ["Jiangbei New Area Pukou District", "江北新区浦口区", [PUKOU]],
    ["Liangjiang New Area Jiangbei District", "两江新区江北区", [CQ_JIANGBEI]],
  ])("%s ≡ %s", (latin, chinese, expected) => {
    expect(sorted(codes(latin))).toEqual(sorted(expected));
    expect(sorted(codes(chinese))).toEqual(sorted(expected));
  });

  it.each<[string, string]>([
    ["Nanjing High-tech Zone", "南京高新区"],
    ["Nanjing Hi-tech Zone", "南京高新区"],
    ["Nanjing High-tech Industrial Development Zone", "南京高新技术产业开发区"],
    ["Zhangjiang High-tech Zone", "张江高新区"],
    ["Shanghai Zhangjiang High-tech Zone", "上海张江高新区"],
  ])("%s asks which district, as %s does (spans)", (latin, chinese) => {
    const l = resolveRegion(latin, []);
    const c = resolveRegion(chinese, []);
    expect(l).toMatchObject({ ok: false, kind: "spans" });
    expect(l.ok ? [] : l.suggestions).toEqual(c.ok ? [] : c.suggestions);
  });

  it("a zone inside a zone's own words stays the zone, never the whole city (南京江北新区产业园 was 南京市)", () => {
    expect(sorted(codes("南京江北新区产业园"))).toEqual(JIANGBEI_NEW_AREA);
    expect(sorted(codes("两江新区金渝大道"))).toEqual(LIANGJIANG);
  });

  it("a name several districts share says nothing of its zone, in Latin as in Chinese", () => {
    expect(resolveRegion("Jiangbei Development Zone", [])).toMatchObject({ ok: false, kind: "zone", suggestions: [] });
    expect(resolveRegion("Industrial Park", [])).toMatchObject({ ok: false, kind: "generic" });
    expect(codes("Suzhou Industrial Park")).toEqual(["320576"]);
  });
});

describe("kind 3: a place's own reading is a usual one, ranked by the lead's context (ADR 123)", () => {
  it("luhe: 六合区 beside 陆河县, the one near the lead first", () => {
    expect(resolveRegion("luhe", ["320115"])).toMatchObject({
      ok: false,
      kind: "ambiguous",
      suggestions: ["江苏省南京市六合区", "广东省汕尾市陆河县"],
    });
    expect(resolveRegion("Luhe", ["441502"])).toMatchObject({ suggestions: ["广东省汕尾市陆河县", "江苏省南京市六合区"] });
    expect(resolveRegions(["luhe", "南京江宁"], []).problems[0].suggestions[0]).toBe("江苏省南京市六合区");
    expect(resolveRegions(["luhe", "汕尾"], []).problems[0].suggestions[0]).toBe("广东省汕尾市陆河县");
  });

  it.each<[string, string]>([
    ["Luhe District", LUHE],
    ["Nanjing Luhe", LUHE],
    ["Luhe County", LUHE_COUNTY],
    ["Laoting", "130225"], // 乐亭县 lào tíng
    ["Hongtong", "141024"], // 洪洞县 hóng tóng
    ["Huangpi District", "420116"], // 黄陂区 huáng pí
  ])("%s → %s", (typed, code) => {
    expect(codes(typed)).toEqual([code]);
  });

  it("the pinyin-pro reading still names it (liuhe), and a rare reading still does not (jiangbei is no 港北区)", () => {
    expect(resolveRegion("liuhe", [])).toMatchObject({ ok: false, suggestions: expect.arrayContaining(["江苏省南京市六合区"]) });
    expect(sorted(codes("Jiangbei New Area"))).toEqual(JIANGBEI_NEW_AREA);
  });

  it("the English label says the place's own reading", () => {
    expect(englishDivisionName(LUHE)).toBe("Luhe District");
    expect(englishDivisionName("130225")).toBe("Laoting County");
  });
});

describe("kind 4: a zone and its district in the notes — the district read, not told as unread", () => {
  const plan = (notes: string) => planNoteRegions(notes, [])!;
  it.each<[string, string[]]>([
    ["两江新区，江北区也行", LIANGJIANG],
    ["两江新区或者江北区", LIANGJIANG],
    ["江北区或者两江新区都行", LIANGJIANG],
    ["两江新区渝北区、江北区", [CQ_JIANGBEI, CQ_YUBEI]],
    ["想在两江新区江北区找厂房", [CQ_JIANGBEI]],
  ])("%s → fills %j, nothing unread", (notes, expected) => {
    const p = plan(notes);
    expect(p.unread).toEqual([]);
    expect(sorted(p.fill?.codes ?? [])).toEqual(sorted(expected));
  });

  it.each<[string, string[]]>([
    ["在两江新区 江北区", [CQ_JIANGBEI]],
    ["两江新区 江北区 渝北区都行", [CQ_JIANGBEI, CQ_YUBEI]],
    ["江北新区 浦口区的厂房", [PUKOU]],
    ["江北新区 江宁区", [...JIANGBEI_NEW_AREA, JIANGNING]],
  ])("with a space, as the box reads it: %s → %j", (notes, expected) => {
    const p = plan(notes);
    expect(p.unread).toEqual([]);
    expect(sorted(p.fill?.codes ?? [])).toEqual(sorted(expected));
    expect(sorted(resolveRegions([notes.replace(/^在|都行$|的厂房$/g, "")], []).codes)).toEqual(sorted(expected));
  });

  it("a zone ruled out says nothing of which 江北区; a district not in the zone stays a question", () => {
    expect(plan("不要两江新区，江北区也行").unread.map((f) => f.text)).toEqual(["江北区"]);
    expect(plan("江北新区或者鼓楼区").fill).toBeNull();
  });
});

describe("kind 5: a zone on an English page says its English name (ADR 123)", () => {
  it.each<[string, string]>([
    ["江北新区", "Nanjing Jiangbei New Area (南京江北新区)"],
    ["江苏省南京市江北新区", "Nanjing Jiangbei New Area (南京江北新区)"],
    ["两江", "Liangjiang New Area (两江新区)"],
    ["雄安新区", "Hebei Xiong'an New Area (河北雄安新区)"],
    ["苏州高新区", "Suzhou High-tech Zone (苏州高新区)"],
    ["南京经开区", "Nanjing Economic and Technological Development Zone (南京经济技术开发区)"],
    ["青岛西海岸新区", "Qingdao West Coast New Area (青岛西海岸新区)"],
    ["陕西西咸新区", "Xixian New Area (西咸新区)"],
    ["东坝工业集中区", "Dongba Industrial Zone (东坝工业集中区)"],
  ])("%s → %s", (typed, label) => {
    expect(englishZoneLabel(typed)).toBe(label);
    // No Chinese outside the brackets.
    expect(label.replace(/\(.*\)$/, "")).not.toMatch(/\p{Script=Han}/u);
  });

  it("a division is no zone; a suggested zone's path is labelled as the zone", () => {
    expect(englishZoneLabel("浦口区")).toBeUndefined();
    expect(englishPathLabel("南京江北新区")).toBe("Nanjing Jiangbei New Area (南京江北新区)");
    expect(englishPathLabel("江苏省南京市高淳区")).toBe("Gaochun District, Nanjing, Jiangsu (江苏省南京市高淳区)");
  });

  it("a refusal in English offers the zone by its English name", () => {
    const r = resolveRegion("江北心区", []);
    if (r.ok) throw new Error("resolved");
    expect(regionProblemMessage("en", r)).toContain("Nanjing Jiangbei New Area (南京江北新区)");
    expect(regionProblemMessage("zh", r)).toContain("南京江北新区");
  });

  it("the lead page's places in English: the zone typed by its label, other divisions by theirs", () => {
    const need = { regions: ["江北新区", "高淳"], regionCodes: [...JIANGBEI_NEW_AREA, GAOCHUN] };
    expect(needRegionsText(need, "en")).toBe("Nanjing Jiangbei New Area (南京江北新区), Gaochun District (高淳区)");
    expect(needRegionsText(need, "zh")).toBe("江北新区、高淳");
    // A zone and its own district (the district within): the district, no zone label.
    expect(needRegionsText({ regions: ["江北新区浦口区"], regionCodes: [PUKOU] }, "en")).toBe("Pukou District (浦口区)");
  });
});

// Trial 12-05f: "高淳或者溧水" was listed "Lishui District (溧水区), Gaochun District (高淳区)" on English pages and
// 溧水区、高淳区 in the export — the need's codes are stored sorted (for matching), and the labels followed them.
describe("a need's places are said in the order they were typed", () => {
  const stored = (regions: string[], notes = "") => {
    const body = validLeadJson() as { need: Record<string, unknown> };
    const r = createLeadSchema("zh", "api").safeParse({ ...body, need: { ...body.need, regions, notes } });
    if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
    return r.data.lead.need as { regions: string[]; regionCodes: string[] };
  };
  it.each([
    [["高淳", "溧水"], "", "Gaochun District (高淳区), Lishui District (溧水区)", "南京市高淳区、南京市溧水区"],
    [[], "高淳或者溧水", "Gaochun District (高淳区), Lishui District (溧水区)", "南京市高淳区、南京市溧水区"],
    [
      ["江宁", "浦口", "六合"],
      "",
      "Jiangning District (江宁区), Pukou District (浦口区), Luhe District (六合区)",
      "南京市江宁区、南京市浦口区、南京市六合区",
    ],
    [["Lishui District", "gaochun"], "", "Lishui District (溧水区), Gaochun District (高淳区)", "南京市溧水区、南京市高淳区"],
  ])("%j %s → %s", (regions, notes, en, zh) => {
    const need = stored(regions, notes);
    expect(needRegionsText(need, "en")).toBe(en);
    expect(needPlaceNames(need, "zh").join("、")).toBe(zh);
  });
  it("a code no typed name gives (a hand edit) comes after the typed ones", () => {
    expect(needRegionsText({ regions: ["高淳"], regionCodes: ["320111", "320118"] }, "en")).toBe(
      "Gaochun District (高淳区), Pukou District (浦口区)",
    );
  });
});
