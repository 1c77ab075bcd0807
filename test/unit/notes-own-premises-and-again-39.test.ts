import { describe, expect, it } from "vitest";

import { createLeadSchema, type Lead } from "~/domain/lead-schema";

// Session 39 (trialfix39's leftovers): "我们有自己的厂房，层高6米，需要层高8米的" stored the premises' 6 m as the need
// (≥ 6 m) and told the wanted 8 m unread — the premises named as "有自己的厂房" were no premises topic; "想在浦口再租"
// read the place "浦口再" (told unread, regions left blank) — 再 did not end a place.

const leadOf = (notes: string): Lead => {
  const r = createLeadSchema("zh", "api").safeParse({
    need: { kind: "factory", deal: "lease", areaUnit: "sqm", areaMin: "3000", areaMax: "5000", notes },
    use: { industry: "C35", product: "机床" },
    tax: { annualTaxWan: "100" },
    company: { name: "南京测试机械有限公司" },
    contact: { name: "王经理", phone: "13901507001" },
    consent: true,
  });
  if (!r.success) throw new Error(JSON.stringify(r.error.issues));
  return r.data.lead;
};

describe("the premises the enterprise has, named as its own, keep their figures out of the need", () => {
  it.each<[string, { ceilingMinM?: number; floorLoadMinKg?: number }, string]>([
    ["我们有自己的厂房，层高6米，需要层高8米的", { ceilingMinM: 8 }, "层高6米"],
    ["我们自己有厂房，层高6米，要层高8米", { ceilingMinM: 8 }, "层高6米"],
    ["自有厂房层高6米，新厂房要求层高9米", { ceilingMinM: 9 }, "自有厂房层高6米"],
    ["有自己的仓库，承重3吨，现在需要承重5吨的", { floorLoadMinKg: 5000 }, "承重3吨"],
    ["我们自己已经有厂房，层高6米不够", {}, "层高6米不够"],
  ])("%s", (notes, need, own) => {
    const lead = leadOf(notes);
    expect(lead.need.ceilingMinM).toBe(need.ceilingMinM);
    expect(lead.need.floorLoadMinKg).toBe(need.floorLoadMinKg);
    expect(lead.flags.filter((f) => f.code === "ownPremises").map((f) => f.text)).toEqual([own]);
    expect(lead.flags.filter((f) => f.code === "unread")).toEqual([]);
  });

  it.each([
    ["想有自己的厂房，层高8米", 8],
    ["希望有自己的厂房，层高8米以上", 8],
    ["打算有自己的厂房，层高10米", 10],
  ])("a wish to have premises of its own is the need: %s", (notes, metres) => {
    const lead = leadOf(notes);
    expect(lead.need.ceilingMinM).toBe(metres);
    expect(lead.flags.some((f) => f.code === "ownPremises")).toBe(false);
  });
});

describe("再, 还, 先, 就, 能 after a place end it", () => {
  it.each([
    ["想在浦口再租5000平", "320111"],
    ["准备在江宁再找一块地", "320115"],
    ["想去浦口再看看", "320111"],
    ["在溧水先租一个厂房过渡", "320117"],
    ["在高淳就行", "320118"],
    ["在江宁能找到就好", "320115"],
  ])("%s → the place, nothing unread", (notes, code) => {
    const lead = leadOf(notes);
    expect(lead.need.regionCodes).toEqual([code]);
    expect(lead.flags.filter((f) => f.code === "unread")).toEqual([]);
  });
});
