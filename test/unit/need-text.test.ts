import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { type NeedHints, parseNeedText } from "../../app/domain/need-text";

// 1 亩 = 2000/3 ㎡; hint areas are rounded to 0.01 ㎡.
const MU20 = 13333.33;
const MU = 2000 / 3;
const round2 = (n: number) => Math.round(n * 100) / 100;
/** A lone figure is "about" it, ±10 % (need-text.ts aboutRange); hint areas are rounded to 0.01 ㎡. */
const about = (sqm: number): NeedHints => ({ areaMinSqm: round2(sqm * 0.9), areaMaxSqm: round2(sqm * 1.1) });

describe("parseNeedText: hints", () => {
  it.each<[string, NeedHints]>([
    // the reference example
    [
      "需要单层厂房五千平左右，层高9米以上，配电1000千伏安，要有10吨行车",
      { kind: "factory", singleStorey: true, areaMinSqm: 4500, areaMaxSqm: 5500, ceilingMinM: 9, powerMinKva: 1000, craneMinT: 10 },
    ],
    [
      "求租标准厂房8000平左右，层高8米，承重3吨，配电800kva",
      { kind: "factory", deal: "lease", areaMinSqm: 7200, areaMaxSqm: 8800, ceilingMinM: 8, floorLoadMinKg: 3000, powerMinKva: 800 },
    ],

    // area: ranges
    ["3000-5000平", { areaMinSqm: 3000, areaMaxSqm: 5000 }],
    ["3000~5000平米", { areaMinSqm: 3000, areaMaxSqm: 5000 }],
    ["3000～5000平米", { areaMinSqm: 3000, areaMaxSqm: 5000 }],
    ["3000到5000平", { areaMinSqm: 3000, areaMaxSqm: 5000 }],
    ["3000至5000平方米", { areaMinSqm: 3000, areaMaxSqm: 5000 }],
    ["三到五千平米", { areaMinSqm: 3000, areaMaxSqm: 5000 }],
    ["3-5万方", { areaMinSqm: 30000, areaMaxSqm: 50000 }],
    ["3000平-5000平的车间", { kind: "factory", areaMinSqm: 3000, areaMaxSqm: 5000 }],
    ["两三千平的车间", { kind: "factory", areaMinSqm: 2000, areaMaxSqm: 3000 }],
    ["5000-1万平米", { areaMinSqm: 5000, areaMaxSqm: 10000 }],
    ["5000-3000平", { areaMinSqm: 3000, areaMaxSqm: 5000 }], // written backwards
    ["20亩-2万平", { areaMinSqm: MU20, areaMaxSqm: 20000 }], // each end in its own unit
    ["三千平到五千平", { areaMinSqm: 3000, areaMaxSqm: 5000 }],
    // area: one-sided
    ["5000平以上", { areaMinSqm: 5000 }],
    ["不少于5000平", { areaMinSqm: 5000 }],
    ["至少5000平", { areaMinSqm: 5000 }],
    ["5000平起", { areaMinSqm: 5000 }],
    ["五千多平", { areaMinSqm: 5000 }],
    ["5000平以内", { areaMaxSqm: 5000 }],
    ["5000平以下", { areaMaxSqm: 5000 }],
    ["不超过5000平", { areaMaxSqm: 5000 }],
    // area: about (±10%)
    ["五千平左右", { areaMinSqm: 4500, areaMaxSqm: 5500 }],
    ["约3000平方米", { areaMinSqm: 2700, areaMaxSqm: 3300 }],
    ["800平米左右的办公室", { kind: "office", areaMinSqm: 720, areaMaxSqm: 880 }],
    ["面积3000左右", { areaMinSqm: 2700, areaMaxSqm: 3300 }],
    // area: plain values, numerals and units
    ["需要5000平米", { ...about(5000) }],
    ["１２０００平方米的厂房", { kind: "factory", ...about(12000) }],
    ["一万二千平方米", { ...about(12000) }],
    ["两千五平米", { ...about(2500) }],
    ["1.5万平米仓库", { kind: "warehouse", ...about(15000) }],
    ["2万平方米标准厂房", { kind: "factory", ...about(20000) }],
    ["三万方仓储", { kind: "warehouse", ...about(30000) }],
    ["6000㎡", { ...about(6000) }],
    ["3000平方米的厂房，2000平的办公", { kind: "factory", ...about(3000) }],
    ["需要一万平方米以上的仓库", { kind: "warehouse", areaMinSqm: 10000 }],

    // land in 亩
    ["50亩工业用地", { kind: "land", ...about(50 * MU) }],
    ["三十亩左右的土地，想拿地", { kind: "land", deal: "buy", areaMinSqm: 18000, areaMaxSqm: 22000 }],
    ["求购20-30亩地块", { kind: "land", deal: "buy", areaMinSqm: MU20, areaMaxSqm: 20000 }],

    // deal
    ["想租一个厂房", { kind: "factory", deal: "lease" }],
    ["购买写字楼", { kind: "office", deal: "buy" }],
    ["租售均可，仓库", { kind: "warehouse", deal: "either" }],
    ["租或买都可以，办公室", { kind: "office", deal: "either" }],
    ["摘牌", { kind: "land", deal: "buy" }],

    // storeys
    ["单层厂房", { kind: "factory", singleStorey: true }],
    ["厂房要一层的", { kind: "factory", singleStorey: true }],
    ["多层厂房也可以", { kind: "factory", singleStorey: false }],
    ["单层或多层都行", { singleStorey: false }],

    // ceiling
    ["层高9米以上", { ceilingMinM: 9 }],
    ["净高不低于8.5米", { ceilingMinM: 8.5 }],
    ["檐高十二米", { ceilingMinM: 12 }],
    ["9米层高", { ceilingMinM: 9 }],
    ["层高8-10米", { ceilingMinM: 8 }],
    ["层高10-8米", { ceilingMinM: 8 }],
    ["层高9000mm", { ceilingMinM: 9 }],
    ["层高不超过6米", {}], // a maximum, not a minimum

    // floor load
    ["承重2吨", { floorLoadMinKg: 2000 }],
    ["承重800公斤", { floorLoadMinKg: 800 }],
    ["荷载1.5t/㎡", { floorLoadMinKg: 1500 }],
    ["楼面荷载每平米3吨", { floorLoadMinKg: 3000 }],
    ["地面3吨/㎡", { floorLoadMinKg: 3000 }],
    ["承重２吨／㎡", { floorLoadMinKg: 2000 }],

    // power
    ["配电1000千伏安", { powerMinKva: 1000 }],
    ["用电500KVA", { powerMinKva: 500 }],
    ["变压器容量1250kva", { powerMinKva: 1250 }],
    ["需要630kva", { powerMinKva: 630 }],
    ["用电负荷800千瓦", { powerMinKva: 800 }],
    ["电力要求两千千伏安", { powerMinKva: 2000 }],
    ["10kv双回路供电", {}], // a voltage, not a capacity
    ["电机功率75kw", {}], // kW without a supply keyword is a machine rating

    // crane, never confused with floor load
    ["要有10吨行车", { craneMinT: 10 }],
    ["行车16t", { craneMinT: 16 }],
    ["两台5吨吊车", { craneMinT: 5 }],
    ["行车2台10吨", { craneMinT: 10 }],
    ["承重3吨，10吨行车", { floorLoadMinKg: 3000, craneMinT: 10 }],
    ["10吨行车，承重3吨", { floorLoadMinKg: 3000, craneMinT: 10 }],
    ["承重10吨行车", { craneMinT: 10 }],
    ["天车二十吨", { craneMinT: 20 }],

    // full-width digits everywhere
    ["５０００平米，层高９米，１０吨行车", { ...about(5000), ceilingMinM: 9, craneMinT: 10 }],

    // English
    ["Looking for a 5000 sqm factory to rent", { kind: "factory", deal: "lease", ...about(5000) }],
    ["5,000 m2 warehouse, ceiling 8m", { kind: "warehouse", ...about(5000), ceilingMinM: 8 }],
    ["Buy 20 mu of industrial land", { kind: "land", deal: "buy", ...about(20 * MU) }],
    ["1000 kVA power, 10t crane, single-storey", { powerMinKva: 1000, craneMinT: 10, singleStorey: true }],
    ["Office between 300 and 500 sqm for lease", { kind: "office", deal: "lease", areaMinSqm: 300, areaMaxSqm: 500 }],
    ["At least 3000 sqm, floor load 2 t/m2", { areaMinSqm: 3000, floorLoadMinKg: 2000 }],
    ["about 8000 sqm plant", { kind: "factory", areaMinSqm: 7200, areaMaxSqm: 8800 }],

    // nothing to extract
    ["", {}],
    ["我们是做汽车零部件的，请尽快联系", {}],
    ["第三方检测机构", {}],
    ["年产值5000万元，员工200人", {}],
    ["一方面考虑交通", {}],
    ["Please call me back", {}],
  ])("%j", (text, expected) => {
    expect(parseNeedText(text).hints).toEqual(expected);
  });
});

describe("parseNeedText: found snippets", () => {
  it("quotes where every hint came from", () => {
    const { found } = parseNeedText("需要单层厂房五千平左右，层高9米以上，配电1000千伏安，要有10吨行车");
    expect(found).toEqual(
      expect.arrayContaining([
        { field: "kind", value: "factory", text: "厂房" },
        { field: "singleStorey", value: true, text: "单层" },
        { field: "areaMinSqm", value: 4500, text: "五千平左右" },
        { field: "areaMaxSqm", value: 5500, text: "五千平左右" },
        { field: "ceilingMinM", value: 9, text: "层高9米以上" },
        { field: "powerMinKva", value: 1000, text: "配电1000千伏安" },
        { field: "craneMinT", value: 10, text: "10吨行车" },
      ]),
    );
    expect(found).toHaveLength(7);
  });

  it.each([
    ["承重２吨／㎡，ＬＯＯＫ", "floorLoadMinKg", "承重２吨／㎡"],
    ["不少于5000平的厂房", "areaMinSqm", "不少于5000平"],
    ["求购20-30亩地块", "areaMaxSqm", "20-30亩"],
    ["Ceiling 8M", "ceilingMinM", "Ceiling 8M"],
  ])("%j → %s from %j", (text, field, snippet) => {
    expect(parseNeedText(text).found.find((f) => f.field === field)?.text).toBe(snippet);
  });

  it("has one found entry per hint and the same values", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("厂房", "仓库", "5000平", "三到五千平米", "层高9米", "承重2吨", "配电1000千伏安", "10吨行车", "出租", "，", "随便"),
        fc.array(fc.constantFrom("，", "需要", "、", " "), { maxLength: 3 }),
        fc.constantFrom("50亩", "用电500KVA", "单层", "想买", "多层", "行车16t"),
        (a, glue, b) => {
          const { hints, found } = parseNeedText(a + glue.join("") + b);
          expect(Object.fromEntries(found.map((f) => [f.field, f.value]))).toEqual(hints);
        },
      ),
    );
  });

  it("never throws and only returns finite positive numbers", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."0123456789一二两三五千万平米方亩吨层高承重行车配电kva-~到左右以上 ，".split("")) }),
        (s) => {
          const { hints } = parseNeedText(s);
          for (const v of Object.values(hints)) {
            if (typeof v === "number") expect(Number.isFinite(v) && v > 0).toBe(true);
          }
        },
      ),
    );
  });
});

describe("parseNeedText: what it reports instead of guessing (未能识别)", () => {
  it.each<[string, string[]]>([
    ["面积大概几千平", ["面积大概几千平"]],
    ["要好几千平方米的厂房", ["几千平方米"]],
    ["层高不能超过6米", ["层高不能超过6米"]],
    ["层高不要超过7米，承重2吨", ["层高不要超过7米"]],
    ["配电最多500kva", ["配电最多500kva"]],
    ["层高200米", ["层高200米"]],
    ["500万平方公里的地", ["500万平方公里"]],
    ["行车5000吨", ["行车5000吨"]],
    ["3000平方米的厂房，2000平的办公", ["2000平"]],
    ["日用水量200方", []], // m³, known and not ours
    ["年产值5000万元，员工200人", []],
    ["需要单层厂房五千平左右，层高9米以上，配电1000千伏安，要有10吨行车", []],
  ])("%j → unread %j", (text, unread) => {
    expect(parseNeedText(text).unread).toEqual(unread);
  });

  it("quotes snippets as the person typed them (Traditional, full-width, long dashes)", () => {
    const { found } = parseNeedText("廠房１５００――２０００平，樓高９米");
    expect(found.find((f) => f.field === "areaMinSqm")?.text).toBe("１５００――２０００平");
    expect(found.find((f) => f.field === "ceilingMinM")?.text).toBe("樓高９米");
  });
});
