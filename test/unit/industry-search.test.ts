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
