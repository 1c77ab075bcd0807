import { describe, expect, it } from "vitest";

import { childDivisions, type Division } from "~/domain/regions";
import { englishDivisionLabel, englishDivisionName } from "~/domain/regions-en";

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
    const lists: Division[][] = [childDivisions()];
    for (const p of childDivisions()) {
      const cities = childDivisions(p.code);
      lists.push(cities);
      for (const c of cities) if (c.level === "city") lists.push(childDivisions(c.code));
    }
    let named = 0;
    for (const list of lists) {
      const names = list.map((d) => englishDivisionName(d.code)!);
      for (const n of names) expect(n).toMatch(/^[A-Z][A-Za-zü' -]*$/);
      named += names.length;
      // Two divisions of one list may share a reading (two 朝阳); the label keeps the Chinese name beside it.
      expect(new Set(list.map((d) => englishDivisionLabel(d))).size).toBe(list.length);
    }
    expect(named).toBeGreaterThan(3000);
  });

  it("labels a division with its Chinese name beside the English one", () => {
    expect(englishDivisionLabel({ code: "320118", name: "高淳区" })).toBe("Gaochun District (高淳区)");
  });
});
