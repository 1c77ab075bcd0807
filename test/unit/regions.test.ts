import { describe, expect, it } from "vitest";

import { divisionCodesOf, regionCovers } from "../../app/domain/division-codes";
import {
  childDivisions,
  divisionByCode,
  resolveParkDistrict,
  resolveRegion,
  resolveRegions,
  withRegionCodes,
} from "../../app/domain/regions";
import { everyPickerList, sameDivision } from "../support/division-lists";

// Expected codes are GB/T 2260 codes as published (checked by hand, not taken from the resolver):
// 320118 南京市高淳区, 320117 溧水区, 320115 江宁区, 320106 南京市鼓楼区, 110105 北京市朝阳区, 220104 长春市朝阳区 …

function code(input: string): string | string[] {
  const r = resolveRegion(input);
  if (!r.ok) throw new Error(`${input}: ${r.kind} ${r.suggestions.join("|")}`);
  return r.divisions.length === 1 ? r.divisions[0].code : r.divisions.map((d) => d.code);
}

describe("resolveRegion: a district however it is written", () => {
  it.each<[string, string]>([
    // the spellings of 高淳区
    ["高淳区", "320118"],
    ["江苏省南京市高淳区", "320118"],
    ["南京市高淳区", "320118"],
    ["南京高淳", "320118"],
    ["高淳", "320118"],
    ["高淳區", "320118"],
    ["Gaochun", "320118"],
    ["Gaochun District", "320118"],
    ["gaochunqu", "320118"],
    ["GAOCHUN", "320118"],
    ["Gāochún Qū", "320118"],
    // other districts, with and without prefixes and suffixes
    ["溧水区", "320117"],
    ["溧水", "320117"],
    ["南京溧水", "320117"],
    ["江苏南京江宁", "320115"],
    ["江宁", "320115"],
    ["江苏省江宁区", "320115"],
    ["南京市 高淳区", "320118"],
    ["　高淳区　", "320118"],
    ["高淳\u200b区", "320118"],
    ["浦东新区", "310115"],
    ["浦东", "310115"],
    ["上海浦东", "310115"],
    ["神农架林区", "429021"],
    ["神农架", "429021"],
    ["苏州工业园区", "320576"],
    // counties 县 (a one-character name keeps its suffix)
    ["沛县", "320322"],
    ["丰县", "320321"],
    ["赵县", "130133"],
    ["桐庐县", "330122"],
    ["桐庐", "330122"],
    ["长兴县", "330522"],
    ["长兴", "330522"],
    // county-level cities 县级市
    ["江阴市", "320281"],
    ["江阴", "320281"],
    ["张家港市", "320582"],
    ["慈溪", "330282"],
    ["晋江市", "350582"],
    ["昆山", "320583"],
    ["苏州昆山", "320583"],
    ["仙桃", "429004"],
    ["湖北仙桃", "429004"],
    // 自治县: with or without the nationality and 自治县
    ["长阳土家族自治县", "420528"],
    ["长阳", "420528"],
    ["孟村回族自治县", "130930"],
    ["孟村", "130930"],
    ["石柱土家族自治县", "500240"],
    ["石柱", "500240"],
    // an outdated suffix (高淳县 became 高淳区 in 2013)
    ["高淳县", "320118"],
    ["溧水县", "320117"],
    // Traditional characters
    ["溧水區", "320117"],
    ["南京鼓樓", "320106"],
    ["張家港市", "320582"],
    ["義烏市", "330782"],
    ["長興縣", "330522"],
    ["廣州市天河區", "440106"],
    ["蘇州市崑山市", "320583"],
    ["江蘇省南京市高淳區", "320118"],
    // pinyin / English
    ["Lishui District", "320117"],
    ["lishuiqu", "320117"],
    ["Jiangning", "320115"],
    ["Jiangning District", "320115"],
    ["Nanjing Jiangning", "320115"],
    ["Kunshan", "320583"],
    ["Kunshan City", "320583"],
    ["Zhangjiagang", "320582"],
    ["Jiangyin City", "320281"],
    ["Yiwu City", "330782"],
    ["Changxing County", "330522"],
    ["Tianhe District", "440106"],
    ["Guangzhou Tianhe", "440106"],
    ["Pudong New Area", "310115"],
    ["Shizhu", "500240"],
    ["Lvliang", "141100"],
  ])("%s → %s", (input, expected) => {
    expect(code(input)).toBe(expected);
  });
});

describe("resolveRegion: a city means all of its districts, a province all of its cities", () => {
  it.each<[string, string]>([
    ["南京", "320100"],
    ["南京市", "320100"],
    ["江苏南京", "320100"],
    ["Nanjing City", "320100"],
    ["苏州市", "320500"],
    ["吉林市", "220200"],
    ["延边朝鲜族自治州", "222400"],
    ["延边", "222400"],
    ["大兴安岭地区", "232700"],
    ["阿拉善盟", "152900"],
    ["东莞", "441900"],
    ["厦门", "350200"],
    ["Xiamen", "350200"],
    ["江苏", "320000"],
    ["江苏省", "320000"],
    ["浙江省", "330000"],
    ["北京", "110000"],
    ["上海市", "310000"],
    ["重庆", "500000"],
    ["Chongqing", "500000"],
    ["广西", "450000"],
    ["内蒙古", "150000"],
    ["新疆", "650000"],
    ["宁夏", "640000"],
  ])("%s → %s", (input, expected) => {
    expect(code(input)).toBe(expected);
  });

  it.each<[string, string, boolean]>([
    ["320100", "320118", true], // 南京 covers 高淳
    ["320100", "320583", false], // … not 昆山
    ["320000", "320583", true], // 江苏 covers 昆山
    ["320000", "330782", false], // … not 义乌
    ["320118", "320118", true],
    ["320117", "320118", false],
    ["110000", "110105", true], // 北京 covers 朝阳区
    ["441900", "441900", true], // 东莞 (a city without districts)
  ])("region %s covers park district %s → %s", (region, district, covered) => {
    expect(regionCovers([region], district)).toBe(covered);
  });

  it("a park without a code is in no region; the codes a district lies in", () => {
    expect(regionCovers(["320100"], null)).toBe(false);
    expect(divisionCodesOf("320118")).toEqual(["320000", "320100", "320118"]);
    expect(divisionCodesOf("441900")).toEqual(["440000", "441900"]);
    expect(divisionCodesOf("高淳区")).toEqual([]);
  });
});

describe("resolveRegion: names shared by several divisions", () => {
  it.each<[string, string[]]>([
    ["朝阳区", ["北京市朝阳区", "吉林省长春市朝阳区"]],
    ["鼓楼区", ["江苏省南京市鼓楼区", "江苏省徐州市鼓楼区", "福建省福州市鼓楼区", "河南省开封市鼓楼区"]],
    ["通州区", ["北京市通州区", "江苏省南通市通州区"]],
    ["吉林", ["吉林省", "吉林省吉林市"]],
    ["Nanjing", ["江苏省南京市", "福建省漳州市南靖县"]],
  ])("%s is ambiguous: the candidates are the suggestions", (input, candidates) => {
    const r = resolveRegion(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.kind).toBe("ambiguous");
    expect(r.suggestions).toEqual(expect.arrayContaining(candidates));
    // Each suggestion, typed as it is, resolves to exactly one division.
    for (const s of r.suggestions) expect(resolveRegion(s).ok).toBe(true);
  });

  it.each<[string, string]>([
    ["北京朝阳区", "110105"],
    ["北京市朝阳区", "110105"],
    ["长春市朝阳区", "220104"],
    ["吉林长春朝阳", "220104"],
    ["南京鼓楼区", "320106"],
    ["福州鼓楼", "350102"],
    ["开封市鼓楼区", "410204"],
    ["北京市通州区", "110112"],
    ["南通通州", "320612"],
    ["Beijing Chaoyang District", "110105"],
  ])("the prefix tells them apart: %s → %s", (input, expected) => {
    expect(code(input)).toBe(expected);
  });
});

describe("resolveRegion: unknown names get the nearest names as suggestions", () => {
  it.each<[string, string]>([
    ["高纯区", "江苏省南京市高淳区"],
    ["南京市高纯区", "江苏省南京市高淳区"],
    ["江凝区", "江苏省南京市江宁区"],
    ["北京市朝杨区", "北京市朝阳区"],
    ["北京朝杨", "北京市朝阳区"],
    ["朝杨区", "北京市朝阳区"],
    ["苏洲", "江苏省苏州市"],
    ["高纯", "江苏省南京市高淳区"],
    ["乌鲁木其", "新疆维吾尔自治区乌鲁木齐市"],
    ["上海市浦东新", "上海市浦东新区"],
    ["黄浦江", "上海市黄浦区"],
    ["Gaochen", "江苏省南京市高淳区"],
    ["hangzou", "浙江省杭州市"],
    ["Jiangnin", "江苏省南京市江宁区"],
    ["Kunshen", "江苏省苏州市昆山市"],
  ])("%s → unknown, suggests %s", (input, suggestion) => {
    const r = resolveRegion(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.kind).toBe("unknown");
    expect(r.suggestions).toContain(suggestion);
    expect(r.suggestions.length).toBeLessThanOrEqual(3);
  });

  it("nothing near: no suggestions", () => {
    const r = resolveRegion("xyzzy");
    expect(r).toMatchObject({ ok: false, kind: "unknown", suggestions: [] });
  });

  // ADR 093: 火星 (Mars) drew 娄星区 for sharing one character of two, abc drew 阿坝. A suggestion is a
  // likeness that means something: the same sound, at most one character in three off, a whole name held.
  it.each(["火星", "火星区", "月球", "纽约", "天堂", "花果山", "abc", "mars", "niuyue", "xyz"])(
    "%s → unknown, nothing suggested",
    (input) => {
      expect(resolveRegion(input)).toMatchObject({ ok: false, kind: "unknown", suggestions: [] });
    },
  );

  it("only the nearest are offered, no filler from further away", () => {
    expect(resolveRegion("北京市朝杨区")).toMatchObject({ suggestions: ["北京市朝阳区"] });
    expect(resolveRegion("南京市高纯区")).toMatchObject({ suggestions: ["江苏省南京市高淳区"] });
    expect(resolveRegion("hangzou")).toMatchObject({ suggestions: ["浙江省杭州市"] });
  });
});

describe("resolveRegions", () => {
  it("several regions → sorted, de-duplicated codes; whitespace-separated names are several", () => {
    expect(resolveRegions(["高淳区", "高淳區", "南京市高淳区", "溧水"])).toEqual({ codes: ["320117", "320118"], problems: [] });
    expect(resolveRegions(["高淳区 溧水区"]).codes).toEqual(["320117", "320118"]);
  });

  it("every name that does not resolve is a problem, named as typed", () => {
    const r = resolveRegions(["高淳", "高纯区", "朝阳区"]);
    expect(r.codes).toEqual(["320118"]);
    expect(r.problems.map((p) => [p.input, p.kind])).toEqual([
      ["高纯区", "unknown"],
      ["朝阳区", "ambiguous"],
    ]);
  });

  // resolveRegions remembers each name's answer: asked again (and after a caller changed what it got),
  // it answers what resolveRegion answers now, name by name.
  it("answers a name asked again as resolveRegion does, whatever the caller did with the first answer", () => {
    const names = [
      "高淳区",
      "高淳區",
      "南京市高淳区",
      "溧水",
      "高淳区 溧水区",
      "Gaochun District",
      "gaochunqu",
      "高纯区",
      "朝阳区",
      "北京朝阳区",
      "Chaoyang",
      "xyzzy",
      "南京",
    ];
    const direct = (name: string) => {
      const r = resolveRegion(name);
      return r.ok
        ? { codes: [...new Set(r.divisions.map((d) => d.code))].sort(), problems: [] }
        : { codes: [], problems: [{ input: r.input, kind: r.kind, suggestions: r.suggestions }] };
    };
    for (const name of names) {
      const first = resolveRegions([name]);
      expect(first).toEqual(direct(name));
      first.codes.push("999999");
      for (const p of first.problems) p.suggestions.push("changed by a caller");
      expect(resolveRegions([name])).toEqual(direct(name));
    }
    const each = names.map(direct);
    // Together, each problem's suggestions are the same ones, those near the other names first (ADR 113:
    // "Chaoyang" beside 北京朝阳区 offers 北京市朝阳区 first).
    const sorted = (r: { problems: { suggestions: string[] }[] }) =>
      r.problems.map((p) => ({ ...p, suggestions: [...p.suggestions].sort() }));
    const together = resolveRegions(names);
    expect(together.codes).toEqual([...new Set(each.flatMap((r) => r.codes))].sort());
    expect(sorted(together)).toEqual(sorted({ problems: each.flatMap((r) => r.problems) }));
    expect(together.problems.find((p) => p.input === "Chaoyang")?.suggestions[0]).toBe("北京市朝阳区");
  });

  it("a lead stored before codes gets them from its names", () => {
    const stored: { need: { regions: string[]; regionCodes?: string[] } } = { need: { regions: ["高淳", "南京市溧水区"] } };
    expect(withRegionCodes(stored).need.regionCodes).toEqual(["320117", "320118"]);
    const fresh = { need: { regions: ["高淳"], regionCodes: ["320118"] } };
    expect(withRegionCodes(fresh)).toBe(fresh);
  });
});

describe("resolveParkDistrict: a park's province/city/district → its county-level code", () => {
  it.each<[string, string, string, string]>([
    ["江苏省", "南京市", "高淳区", "320118"],
    ["江苏省", "南京市", "高淳", "320118"],
    ["江蘇省", "南京市", "高淳區", "320118"],
    ["江苏省", "南京市", "鼓楼区", "320106"],
    ["福建省", "福州市", "鼓楼区", "350102"],
    ["北京市", "北京市", "朝阳区", "110105"],
    ["吉林省", "长春市", "朝阳区", "220104"],
    ["江苏省", "苏州市", "昆山市", "320583"],
    ["湖北省", "仙桃市", "仙桃市", "429004"],
    ["广东省", "东莞市", "东莞市", "441900"],
  ])("%s/%s/%s → %s", (province, city, district, expected) => {
    const r = resolveParkDistrict({ province, city, district });
    expect(r.ok && r.division.code).toBe(expected);
  });

  it.each<[string, string, string, string | null]>([
    ["江苏省", "南京市", "高纯区", "江苏省南京市高淳区"],
    ["江苏省", "苏州市", "高淳区", null], // 高淳 is not in 苏州
    ["江苏省", "南京市", "南京市", null], // a city is not a district
    ["江苏省", "南京市", "江北新区", null], // a state-level new area, not an administrative division
  ])("%s/%s/%s does not resolve", (province, city, district, suggestion) => {
    const r = resolveParkDistrict({ province, city, district });
    expect(r.ok).toBe(false);
    if (!r.ok && suggestion) expect(r.suggestions).toContain(suggestion);
  });
});

describe("the picker's lists", () => {
  it("provinces, a province's cities, a city's districts, a municipality's districts", () => {
    expect(childDivisions()).toHaveLength(31);
    expect(childDivisions("320000").map((d) => d.name)).toContain("南京市");
    expect(childDivisions("320100").map((d) => d.name)).toEqual(expect.arrayContaining(["高淳区", "溧水区", "江宁区"]));
    expect(childDivisions("320100")).toHaveLength(11);
    expect(childDivisions("110000").map((d) => d.code)).toContain("110105");
    expect(childDivisions("999999")).toEqual([]);
    expect(divisionByCode("320118")).toEqual({ code: "320118", level: "district", name: "高淳区", path: "江苏省南京市高淳区" });
  });
});

describe("every division reads back", () => {
  // The kind behind 乾县 → "unknown": typed text is folded Traditional → Simplified (乾 → 干), the names it
  // is compared with must be too. Every name and path of the picker's lists, typed as shown, resolves to it.
  it("its own name (or it is among the same-named) and its full path, as the picker adds it", () => {
    const misread: string[] = [];
    for (const d of everyPickerList().flat()) {
      const byName = resolveRegion(d.name);
      const byPath = resolveRegion(d.path);
      const named = byName.ok
        ? byName.divisions.some((x) => sameDivision(x, d))
        : byName.kind === "ambiguous" && byName.suggestions.includes(d.path);
      if (!named) misread.push(`${d.name} → ${byName.ok ? byName.divisions.map((x) => x.path) : byName.kind}`);
      if (!(byPath.ok && byPath.divisions.some((x) => sameDivision(x, d))))
        misread.push(`${d.path} → ${byPath.ok ? "another" : byPath.kind}`);
    }
    expect(misread).toEqual([]);
    expect(code("乾县")).toBe("610424");
    expect(code("甘肃省嘉峪关市")).toBe("620201");
  });
});
