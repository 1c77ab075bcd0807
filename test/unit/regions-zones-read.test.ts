import { describe, expect, it } from "vitest";

import { regionProblemMessage } from "../../app/domain/lead-schema";
import { describeNoteRegions, planNoteRegions } from "../../app/domain/note-regions";
import { resolveParkDistrict, resolveRegion, resolveRegions, searchDivisions, searchZones } from "../../app/domain/regions";
import { describeFlag } from "../../app/i18n/flag-messages";
import { foundText } from "../../app/leads/region-picker";

// ADR 118: zones and regions read without misleading messages (attack and trial, session 29). Each
// kind with inputs of our own beyond the reported ones; expected codes by hand from zones.ts's sources.

const JIANGBEI_NEW_AREA = ["320111", "320113", "320116"]; // 浦口、栖霞、六合
const LIANGJIANG = ["500105", "500109", "500112"]; // 重庆 江北、北碚、渝北
const XIONGAN = ["130629", "130632", "130638"];
const TIANFU = ["510112", "510116", "510118", "510185", "511403", "511421"];
const GANGBEI = "450802"; // 广西贵港市港北区: 港 has a rare reading jiǎng
const PUKOU = "320111";

const codes = (input: string) => {
  const r = resolveRegions([input], []);
  expect(r.problems, input).toEqual([]);
  return r.codes;
};
const problem = (input: string) => {
  const r = resolveRegion(input, []);
  expect(r.ok, input).toBe(false);
  if (r.ok) throw new Error(input);
  return r;
};
/** Every code a problem's suggestions name, zones' names resolved too. */
const suggestedCodes = (suggestions: string[]) => suggestions.flatMap((s) => resolveRegions([s], []).codes);

describe("kind 1: Latin names of zones resolve to the zone, never to a district that merely sounds alike", () => {
  it.each<[string, string[]]>([
    ["Jiangbei New Area", JIANGBEI_NEW_AREA],
    ["jiangbei new area", JIANGBEI_NEW_AREA],
    ["JIANGBEI NEW AREA", JIANGBEI_NEW_AREA],
    ["Jiangbei New District", JIANGBEI_NEW_AREA],
    ["jiangbeixinqu", JIANGBEI_NEW_AREA],
    ["Nanjing Jiangbei New Area", JIANGBEI_NEW_AREA],
    ["Jiangsu Nanjing Jiangbei New Area", JIANGBEI_NEW_AREA],
    ["Xiong'an New Area", XIONGAN],
    ["Xiongan", XIONGAN],
    ["Hebei Xiongan New Area", XIONGAN],
    ["Liangjiang New Area", LIANGJIANG],
    ["Chongqing Liangjiang New Area", LIANGJIANG],
    ["Liangjiang", LIANGJIANG],
    ["Tianfu New Area", TIANFU],
    ["Sichuan Tianfu New Area", TIANFU],
    ["Gui'an New Area", ["520111", "520181", "520402", "520403"]],
    ["Dalian Jinpu New Area", ["210213", "210214"]],
    ["Xixian New Area", ["610112", "610116", "610118", "610402", "610404", "610423", "610481"]],
    ["Suzhou High-tech Zone", ["320505"]],
    ["Suzhou Hi-Tech Zone", ["320505"]],
    ["Wuxi High-tech Zone", ["320214"]],
    ["Nanjing Economic and Technological Development Zone", ["320113"]],
  ])("%s → the zone's districts", (input, expected) => {
    expect(codes(input)).toEqual([...expected].sort());
  });

  it.each<[string, string[]]>([
    ["Lingang New Area", []],
    ["Shanghai Lingang New Area", ["上海市"]],
    ["Jiangbei Development Zone", []], // 江北区 of 宁波 and 重庆 say nothing of which zone
    ["Zhongguancun Science Park", []],
    ["Huoxing New Area", []],
    ["Beijing Yizhuang Development Zone", ["北京市"]],
    // "Gaochun Development Zone" is now 高淳区, as 高淳开发区 is (ADR 123: test/unit/regions-zones-latin-lists.test.ts).
  ])("%s → told clearly it is a zone we do not know, offering only what its first words name: %j", (input, offered) => {
    const r = problem(input);
    expect(r.kind).toBe("zone");
    expect(r.suggestions).toEqual(offered);
    expect(regionProblemMessage("en", r)).toContain("looks like a development zone or new area we do not know yet");
  });

  it.each(["Jiangbei", "jiangbei", "Jiangbei District", "Jiangbei New Area", "jiangbeiqu"])(
    "%s: 港北区 is never read nor offered",
    (input) => {
      const r = resolveRegion(input, []);
      const found = r.ok ? r.divisions.map((d) => d.code) : suggestedCodes(r.suggestions);
      expect(found).not.toContain(GANGBEI);
    },
  );

  it("Jiangbei alone: the two 江北区 and the zone are asked about; Nanjing is still the city or 南靖县 (one pinyin), no zone beside", () => {
    const r = problem("Jiangbei");
    expect(r.kind).toBe("ambiguous");
    expect(r.suggestions).toEqual(["浙江省宁波市江北区", "重庆市江北区", "南京江北新区"]);
    // The brief's "Nanjing ok?": yes — asked, the city first where the parks are.
    expect(resolveRegion("Nanjing", ["320115"])).toMatchObject({
      ok: false,
      kind: "ambiguous",
      suggestions: ["江苏省南京市", "福建省漳州市南靖县"],
    });
  });

  it("a division is still named by its own usual reading (港北区 by gangbei, 陆河县 by luhe county) — only not by a rare one", () => {
    expect(problem("Jiangbei District").suggestions).not.toContain("广西壮族自治区贵港市港北区");
    for (const [input, code] of [
      ["Gangbei", GANGBEI],
      ["Gangbei District", GANGBEI],
      // "Luhe" alone is 六合区 (its own reading, ADR 123) or 陆河县: asked; "Luhe County" is 陆河县.
      ["Luhe County", "441523"],
      ["Gaochun", "320118"],
      ["Pudong New Area", "310115"],
      ["Binhai New Area", "120116"],
    ])
      expect(codes(input), input).toEqual([code]);
  });

  it.each<[string, string, string]>([
    ["Zhongguancun", "Gaochen", "江苏省南京市高淳区"],
    ["Lingang", "hangzou", "浙江省杭州市"],
    ["Huoxing", "Jiangnin", "江苏省南京市江宁区"],
    ["Zhongguancun", "Kunshen", "江苏省苏州市昆山市"],
    ["Lingang", "gaocun", "江苏省南京市高淳区"],
  ])("%s → no loose look-alike (its consonants differ); a vowel slipped still suggests: %s → %s", (loose, slipped, path) => {
    expect(problem(loose).suggestions).toEqual([]);
    expect(problem(slipped).suggestions).toContain(path);
  });

  it("the picker's Latin search lists by the usual reading, and zones by their pinyin", () => {
    expect(searchDivisions("jiangbei").map((d) => d.code)).not.toContain(GANGBEI);
    expect(searchDivisions("gangbei").map((d) => d.code)).toContain(GANGBEI);
    expect(searchZones("jiangbei").map((z) => z.name)).toEqual(["南京江北新区"]);
    expect(searchZones("Jiangbei New Area").map((z) => z.name)).toEqual(["南京江北新区"]);
    expect(searchZones("xiongan").map((z) => z.name)).toEqual(["河北雄安新区"]);
    expect(searchZones("liangjiang").map((z) => z.name)).toEqual(["两江新区"]);
    expect(searchZones("ji")).toEqual([]);
  });
});

describe("kind 2: a zone word alone names no place; a zone a character off is suggested; punctuation inside is no part", () => {
  it.each([
    "园区",
    "开发区",
    "高新区",
    "工业园",
    "新区",
    "工业园区",
    "经济技术开发区",
    "国家级开发区",
    "国家级经济技术开发区",
    "高新技术产业开发区",
    "产业园",
    "科技园",
    "化工园区",
    "物流园",
    "保税区",
    "综合保税区",
    "自贸区",
    "园 区",
    "开发区。",
    "園區",
  ])("%s → generic: no suggestion, its own words", (input) => {
    const r = problem(input);
    expect(r.kind).toBe("generic");
    expect(r.suggestions).toEqual([]);
    expect(regionProblemMessage("zh", r)).toBe(`“${input}”没有说是哪里：请填写它所在的区县或园区的全名，如 南京市高淳区、南京江北新区`);
    expect(regionProblemMessage("en", r)).toContain("does not say where");
  });

  it.each([
    "Park",
    "Industrial Park",
    "industrial-park",
    "Development Zone",
    "Economic and Technological Development Zone",
    "High-tech Zone",
    "New Area",
    "gongye yuanqu",
    "kaifaqu",
    "gaoxinqu",
    "jingkaiqu",
  ])("%s (a zone kind alone, in Latin letters) → generic, as 园区 is (attack 12-04 late: Industrial Park stored 苏州工业园区)", (input) => {
    const r = problem(input);
    expect(r.kind).toBe("generic");
    expect(r.suggestions).toEqual([]);
  });

  it("a Latin name with a place before its zone words still names it; a division's own reading stays a name", () => {
    expect(resolveRegion("Suzhou Industrial Park")).toMatchObject({ ok: true, divisions: [{ code: "320576" }] });
    const yuanqu = resolveRegion("yuanqu"); // 垣曲县's reading too: asked, not refused as a zone word
    expect(yuanqu.ok).toBe(false);
    expect(!yuanqu.ok && yuanqu.kind).toBe("ambiguous");
  });

  it("园区 no longer draws 垣曲县 (the same sound); in the notes a zone word is no place", () => {
    expect(suggestedCodes(problem("园区").suggestions)).toEqual([]);
    for (const notes of ["希望在园区内有食堂", "在开发区里最好", "在高新区"]) {
      const plan = planNoteRegions(notes, [])!;
      expect(plan.fill, notes).toBeNull();
      expect(plan.unread, notes).toEqual([]);
    }
  });

  it.each<[string, string]>([
    ["江北心区", "南京江北新区"],
    ["江北新去", "南京江北新区"],
    ["江北薪区", "南京江北新区"],
    ["江北新曲", "南京江北新区"],
    ["南京江北心区", "南京江北新区"],
    ["江北新城", "南京江北新区"],
    ["两江新去", "两江新区"],
    ["两江心区", "两江新区"],
    ["雄安新去", "河北雄安新区"],
    ["天府心区", "四川天府新区"],
    ["西咸心区", "西咸新区"],
  ])("%s → suggests the zone %s, and no district that merely shares a part", (input, zone) => {
    const r = problem(input);
    expect(r.suggestions).toEqual([zone]);
    expect(regionProblemMessage("zh", r)).toContain(zone);
  });

  it.each<[string, string[]]>([
    ["江北-新区", JIANGBEI_NEW_AREA],
    ["江北·新区", JIANGBEI_NEW_AREA],
    ["江北—新区", JIANGBEI_NEW_AREA],
    ["江北．新区", JIANGBEI_NEW_AREA],
    ["南京-江北新区", JIANGBEI_NEW_AREA],
    ["南京·江北·新区", JIANGBEI_NEW_AREA],
    ["两江_新区", LIANGJIANG],
    ["雄安/新区", XIONGAN],
    ["江苏省-南京市-高淳区", ["320118"]],
  ])("%s → %j", (input, expected) => {
    expect(codes(input)).toEqual([...expected].sort());
  });
});

describe("kind 3: a zone beside its own districts, a zone's short name, a zone and its part, a zone over many districts", () => {
  it.each<[string[], string[]]>([
    [["两江新区", "江北区"], LIANGJIANG],
    [["江北区", "两江新区"], LIANGJIANG],
    [
      ["长春新区", "朝阳区"],
      ["220103", "220104", "220105", "220113"],
    ],
    [
      ["西咸新区", "长安区"],
      ["610112", "610116", "610118", "610402", "610404", "610423", "610481"],
    ],
    [["重庆两江新区", "江北"], LIANGJIANG],
  ])("%j in one box: no conflict → %j", (inputs, expected) => {
    expect(resolveRegions(inputs, [])).toEqual({ codes: [...expected].sort(), problems: [] });
  });

  it("a district shared by names outside the zone typed beside stays a question", () => {
    expect(resolveRegions(["两江新区", "江北区"], []).problems).toEqual([]);
    const r = resolveRegions(["江北新区", "鼓楼区"], []);
    expect(r.problems.map((p) => p.kind)).toEqual(["ambiguous"]);
    expect(resolveRegions(["江北区"], []).problems.map((p) => p.kind)).toEqual(["ambiguous"]);
  });

  it.each<[string, string[]]>([
    ["两江", LIANGJIANG],
    ["重庆两江", LIANGJIANG],
    ["兩江", LIANGJIANG],
  ])("%s → the zone", (input, expected) => {
    expect(codes(input)).toEqual([...expected].sort());
  });

  it.each<[string, string[]]>([
    ["江北新区浦口区", [PUKOU]],
    ["江北新区六合区", ["320116"]],
    ["江北新区栖霞区", ["320113"]],
    ["南京江北新区浦口区", [PUKOU]],
    ["江苏省南京市江北新区浦口区", [PUKOU]],
    ["江北新区浦口", [PUKOU]],
    ["江北新区 浦口区", [PUKOU]],
    ["江北新区浦口区江浦街道", [PUKOU]],
    ["浦口区江北新区", [PUKOU]],
    ["两江新区江北区", ["500105"]],
    ["两江新区 江北区", ["500105"]],
    ["江北区两江新区", ["500105"]],
    ["长春新区朝阳区", ["220104"]],
    ["西咸新区长安区", ["610116"]],
  ])("%s → the district within the zone: %j", (input, expected) => {
    expect(codes(input)).toEqual(expected);
  });

  it("a district after a zone it is not in: both offered, nothing guessed", () => {
    const r = problem("江北新区江宁区");
    expect(r.suggestions).toEqual(["南京江北新区", "江苏省南京市江宁区"]);
  });

  it.each<[string, string[]]>([
    ["南京高新区", ["江苏省南京市浦口区", "江苏省南京市"]],
    ["南京市高新区", ["江苏省南京市浦口区", "江苏省南京市"]],
    ["江苏省南京市高新区", ["江苏省南京市浦口区", "江苏省南京市"]],
    ["南京高新技术产业开发区", ["江苏省南京市浦口区", "江苏省南京市"]],
    ["江苏南京高新区", ["江苏省南京市浦口区", "江苏省南京市"]],
    ["张江高新区", ["上海市浦东新区", "上海市"]],
    ["上海张江高新区", ["上海市浦东新区", "上海市"]],
  ])("%s spans several districts: asked which, its core district and its city offered", (input, offered) => {
    const r = problem(input);
    expect(r.kind).toBe("spans");
    expect(r.suggestions).toEqual(offered);
    expect(regionProblemMessage("zh", r)).toBe(
      `“${input}”的园区分布在多个区（一区多园），不知道要哪个区：请填写要的区县（可以填几个），或填写：${offered.join("、")}`,
    );
    expect(regionProblemMessage("en", r)).toContain("has parks in several districts");
  });

  it("the notes' zone readers take 两江 as a place too", () => {
    expect(planNoteRegions("在两江", [])!.fill?.codes).toEqual(LIANGJIANG);
    expect(planNoteRegions("两江或者江北新区都行", [])!.fill?.codes).toEqual([...JIANGBEI_NEW_AREA, ...LIANGJIANG].sort());
  });
});

describe("the park import reads a park's district with the same resolver: nothing guessed for these either", () => {
  it.each<[string, string[]]>([
    ["园区", []],
    ["开发区", []],
    ["高新区", []],
    ["南京高新区", []],
    ["南京市高新区", []],
    ["江北心区", ["南京江北新区"]],
    ["江北新去", ["南京江北新区"]],
  ])("江苏省/南京市/%s → not taken, offered %j", (district, offered) => {
    const r = resolveParkDistrict({ province: "江苏省", city: "南京市", district });
    expect(r).toEqual({ ok: false, reason: "unknown", suggestions: offered });
  });

  it("a zone and its district is the district: 江北新区浦口区 → 浦口区", () => {
    expect(resolveParkDistrict({ province: "江苏省", city: "南京市", district: "江北新区浦口区" })).toMatchObject({
      ok: true,
      division: { code: PUKOU },
    });
  });
});

describe("kind 4: a zone's name once in the picker's suggestion", () => {
  it.each<[{ name: string; label?: string; path: string }, string]>([
    [
      { name: "南京江北新区", label: "南京江北新区（在浦口区、栖霞区、六合区）", path: "南京江北新区" },
      "南京江北新区（在浦口区、栖霞区、六合区）",
    ],
    [
      { name: "南京江北新区", label: "南京江北新区 (a zone in Pukou District (浦口区))", path: "南京江北新区" },
      "南京江北新区 (a zone in Pukou District (浦口区))",
    ],
    [{ name: "两江新区", label: "两江新区（在江北区、北碚区、渝北区）", path: "两江新区" }, "两江新区（在江北区、北碚区、渝北区）"],
    [{ name: "高淳区", label: "高淳区", path: "江苏省南京市高淳区" }, "江苏省南京市高淳区"],
    [{ name: "高淳区", path: "江苏省南京市高淳区" }, "江苏省南京市高淳区"],
    [{ name: "高淳区", label: "Gaochun District (高淳区)", path: "江苏省南京市高淳区" }, "Gaochun District (高淳区) · 江苏省南京市高淳区"],
  ])("%j → %s", (d, text) => {
    expect(foundText(d)).toBe(text);
    const name = d.name;
    expect(foundText(d).split(name).length - 1).toBeLessThanOrEqual(d.label?.includes(d.path) ? 1 : 2);
  });
});

describe("kind 5: words about a place that neither want nor rule it out reach the recruiter as unread", () => {
  it.each<[string, string[], string]>([
    ["不在江北新区也行", [], "不在江北新区也行"],
    ["不在江宁也可以", [], "不在江宁也可以"],
    ["江北新区以外也可以", [], "江北新区以外也可以"],
    ["江宁以外的地方也行", [], "江宁以外的地方也行"],
    ["不一定在苏州工业园区都行", [], "不一定在苏州工业园区都行"],
    ["不一定在江北新区", [], "不一定在江北新区"],
    ["不必在高淳，溧水也可以", ["320117"], "不必在高淳"],
    ["不用在江宁", [], "不用在江宁"],
    ["江北新区不一定，江宁也可以", ["320115"], "江北新区不一定"],
    ["江宁无所谓", [], "江宁无所谓"],
    ["在江宁，不在江北新区也行", ["320115"], "不在江北新区也行"],
    ["厂房要3000平。不是非要在两江新区，价格合适就行", [], "不是非要在两江新区"],
  ])("%s → filled %j, unread “%s”", (notes, filled, clause) => {
    const plan = planNoteRegions(notes, [])!;
    expect(plan.fill?.codes ?? []).toEqual(filled);
    expect(plan.excluded).toEqual([]);
    expect(plan.uncertain).toEqual([clause]);
    expect(plan.unread).toContainEqual({ field: "need.notes", code: "unread", text: clause });
    const flag = plan.unread.find((f) => f.text === clause)!;
    expect(describeFlag("zh", flag)).toBe(`未能识别：${clause}`);
    expect(describeFlag("en", flag)).toBe(`Could not read: ${clause}`);
    expect(describeNoteRegions(plan, "zh", () => "").unread).toContain(
      `未能确定是要还是不要的区域说法（未作为筛选条件，招商专员会核实）：${clause}`,
    );
    expect(describeNoteRegions(plan, "en", () => "").unread).toContain(`neither ask for nor rule out one`);
  });

  it("with the regions box typed, the words are still told", () => {
    const plan = planNoteRegions("不在江北新区也行", ["江宁区"])!;
    expect(plan.unread).toEqual([{ field: "need.notes", code: "unread", text: "不在江北新区也行" }]);
  });

  it.each<[string, string]>([
    ["不要江北新区", "placeExcludedOpen"],
    ["江北新区以外的都行", "placeExcludedOpen"],
    ["最好江北新区", "placeWished"],
  ])("%s: a ruling stays a ruling (%s), no unread words", (notes, code) => {
    const plan = planNoteRegions(notes, [])!;
    expect(plan.ruled.map((f) => f.code)).toEqual([code]);
    expect(plan.uncertain).toEqual([]);
  });
});
