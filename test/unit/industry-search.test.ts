import { describe, expect, it } from "vitest";

import { INDUSTRY_DIVISIONS } from "~/domain/industries";
import { searchIndustries } from "~/domain/industry-search";

describe("searchIndustries: a product or keyword as people say it → GB/T 4754 divisions", () => {
  it.each([
    ["锂电池", "C38"],
    ["做锂电池的", "C38"],
    ["储能", "C38"],
    ["芯片", "C39"],
    ["集成电路封装测试", "C39"],
    ["數控機床", "C34"], // Traditional
    ["新能源汽车零部件", "C36"],
    ["医疗器械", "C35"],
    ["生物医药", "C27"],
    ["注塑", "C29"],
    ["冲压", "C33"], // the metalworking trades: GB/T 4754 3360, 3391–3393, 3399
    ["衝壓件", "C33"], // Traditional
    ["汽车冲压件", "C36"],
    ["压铸", "C33"],
    ["锻造", "C33"],
    ["电镀", "C33"],
    ["热处理", "C33"],
    ["机加工", "C34"], // 3484 机械零部件加工
    ["stamping", "C33"],
    ["冷链物流", "G59"],
    ["软件开发", "I65"],
    ["Lithium BATTERY", "C38"],
    ["semiconductor", "C39"],
    ["warehous", "G59"],
    ["电气机械", "C38"], // a part of the division's own name
    ["通用设备", "C34"],
    ["C38", "C38"],
    ["c38", "C38"],
    ["38", "C38"],
  ])("%s → includes %s", (query, code) => {
    expect(searchIndustries(query)).toContain(code);
  });

  it("keeps the list short for a specific word, and in the standard's order", () => {
    expect(searchIndustries("锂电池")).toEqual(["C38"]);
    expect(searchIndustries("冷链")).toEqual(["G59"]); // cold-chain storage, not the post
    expect(searchIndustries("快递")).toEqual(["G60"]);
    expect(searchIndustries("C39")).toEqual(["C39"]);
    const machines = searchIndustries("机械");
    expect(machines).toEqual(expect.arrayContaining(["C34", "C35", "C38"]));
    expect(machines).toEqual(INDUSTRY_DIVISIONS.map((d) => d.code).filter((c) => machines.includes(c)));
  });

  it("a section's letter or name lists its divisions; a blank query lists all 97", () => {
    expect(searchIndustries("G")).toEqual(["G53", "G54", "G55", "G56", "G57", "G58", "G59", "G60"]);
    expect(searchIndustries("交通运输")).toContain("G54");
    expect(searchIndustries("  ")).toHaveLength(97);
  });

  it("finds nothing for what names no industry, and a short Latin word is not found inside a longer one", () => {
    expect(searchIndustries("啊啊啊")).toEqual([]);
    expect(searchIndustries("zzzz")).toEqual([]);
    expect(searchIndustries("chain")).not.toContain("I65"); // "ai" is a word of I65, not a part of "chain"
  });
});

describe("searchIndustries: pinyin, as typed without a Chinese input method (docs/decisions/096)", () => {
  it.each([
    ["qiche", "C36"],
    ["qc", "C36"],
    ["QiChe", "C36"],
    ["qi che", "C36"],
    ["qich", "C36"], // still typing
    ["qiche zhizao", "C36"],
    ["yiyao", "C27"],
    ["yy", "C27"],
    ["yyzz", "C27"],
    ["xinpian", "C39"], // 芯片, a product word
    ["dianchi", "C38"],
    ["lv", "C32"], // 铝, ü typed as v
    ["fangzhi", "C17"],
    ["cangchu", "G59"],
    ["ruanjian", "I65"],
    ["xny", "C36"], // 新能源汽车
    ["xnyqc", "C36"],
    ["zhizao", "C36"], // every 制造业, as 制造 does
  ])("%s → includes %s", (query, code) => {
    expect(searchIndustries(query)).toContain(code);
  });

  it("keeps a pinyin query's list short and a short one strict", () => {
    expect(searchIndustries("qiche")).toEqual(["C36"]);
    expect(searchIndustries("qc")).toEqual(["C36"]);
    expect(searchIndustries("yiyao")).toEqual(["C27"]);
    // Initials are ambiguous: 渔业, 医药, 液压 (a word of C34 and C35) — within the eight shown.
    expect(searchIndustries("yy")).toEqual(["A04", "C27", "C34", "C35"]);
    expect(searchIndustries("zhizao").length).toBe(searchIndustries("制造").length);
    expect(searchIndustries("q")).toEqual(["Q84", "Q85"]); // one letter is a section's letter only, not 汽车's q
    expect(searchIndustries("zzzz")).toEqual([]); // initials from a name's start only (自治组织 is inside one)
    expect(searchIndustries("xqzz")).toEqual([]);
  });
});
