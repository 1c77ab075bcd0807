import { describe, expect, it } from "vitest";

import { resolveRegion } from "~/domain/regions";
import { englishDivisionLabel, englishDivisionName } from "~/domain/regions-en";

import { everyPickerList, sameDivision } from "../support/division-lists";

// English names of the GB/T 2260 divisions (app/domain/regions-en.ts): provinces by their English names,
// the rest in Hanyu Pinyin with their kind in English.
describe("englishDivisionName", () => {
  it.each([
    ["320000", "Jiangsu"],
    ["140000", "Shanxi"],
    ["610000", "Shaanxi"],
    ["150000", "Inner Mongolia"],
    ["540000", "Xizang"],
    ["320100", "Nanjing"],
    ["610100", "Xi'an"],
    ["320118", "Gaochun District"],
    ["320583", "Kunshan"],
    ["130133", "Zhao County"],
    ["533103", "Mangshi"],
    ["220623", "Changbai Korean Autonomous County"],
    ["450225", "Rongshui Miao Autonomous County"],
    ["152921", "Alashan Left Banner"],
    ["152221", "Ke'erqin Right Wing Front Banner"],
    ["150724", "Evenki Autonomous Banner"],
    ["150722", "Molidawa Daur Autonomous Banner"],
    ["130172", "Shijiazhuang Xunhuanhuagong Park"],
    ["500240", "Shizhu Tujia Autonomous County"],
    ["533400", "Diqing Tibetan Autonomous Prefecture"],
    ["222400", "Yanbian Korean Autonomous Prefecture"],
    ["130271", "Hebei Tangshan Lutai Economic Development Zone"],
    ["130171", "Shijiazhuang High-tech Industrial Development Zone"],
    // A parent's name that ends like a nationality (衡水: 水族, 内蒙古: 蒙古族, 西藏: 藏族) keeps it when said.
    ["131172", "Hengshui Binhu New Area"],
    ["152971", "Neimenggu Alashan High-tech Industrial Development Zone"],
    ["540173", "Xizang Wenhualüyouchuangyi Park"],
    ["120116", "Binhai New Area"],
    ["429021", "Shennongjia Forestry District"],
    ["460321", "Xisha Islands"],
  ])("%s → %s", (code, en) => {
    expect(englishDivisionName(code)).toBe(en);
  });

  it("is undefined for a code that is no division", () => {
    expect(englishDivisionName("999999")).toBeUndefined();
  });

  it("names every division of the dataset in Latin letters, starting with a capital, none twice within one list", () => {
    let named = 0;
    for (const list of everyPickerList()) {
      const names = list.map((d) => englishDivisionName(d.code)!);
      for (const n of names) expect(n).toMatch(/^[A-Z][A-Za-zü' -]*$/);
      named += names.length;
      // Two divisions of one list may share a reading (two 朝阳); the label keeps the Chinese name beside it.
      expect(new Set(list.map((d) => englishDivisionLabel(d))).size).toBe(list.length);
    }
    expect(named).toBeGreaterThan(3000);
  });

  it("reads back: every division's English name, typed or pasted as a label, resolves to it (or lists it among the same-named)", () => {
    const misread: string[] = [];
    for (const list of everyPickerList())
      for (const d of list) {
        for (const typed of [englishDivisionName(d.code)!, englishDivisionLabel(d)]) {
          const r = resolveRegion(typed);
          const found = r.ok ? r.divisions.some((x) => sameDivision(x, d)) : r.kind === "ambiguous" && r.suggestions.includes(d.path);
          if (!found)
            misread.push(`${typed} → ${r.ok ? r.divisions.map((x) => x.path).join("|") : `${r.kind} ${r.suggestions.join("|")}`}`);
        }
      }
    expect(misread).toEqual([]);
  });

  it.each([
    ["Inner Mongolia", "内蒙古自治区"],
    ["Shaanxi", "陕西省"],
    ["Tibet", "西藏自治区"],
    ["Xi'an Shaanxi", "陕西省西安市"],
    ["Diqing Tibetan Autonomous Prefecture", "云南省迪庆藏族自治州"],
    ["Oroqen Autonomous Banner", "内蒙古自治区呼伦贝尔市鄂伦春自治旗"],
    ["Alashan Left Banner", "内蒙古自治区阿拉善盟阿拉善左旗"],
    ["Tangshan Hangu Administrative Zone", "河北省唐山市唐山市汉沽管理区"],
    ["汉沽管理区", "河北省唐山市唐山市汉沽管理区"],
  ])("understands %s as %s", (typed, path) => {
    const r = resolveRegion(typed);
    expect(r.ok && r.divisions.map((d) => d.path)).toEqual([path]);
  });

  it("reads Hui as a nationality only before Autonomous (辉县 is Hui County)", () => {
    const r = resolveRegion("Hui County");
    expect(r.ok ? [] : r.suggestions).toContain("河南省新乡市辉县市");
  });

  it("labels a division with its Chinese name beside the English one", () => {
    expect(englishDivisionLabel({ code: "320118", name: "高淳区" })).toBe("Gaochun District (高淳区)");
  });
});
