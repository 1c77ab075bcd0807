import { describe, expect, it } from "vitest";

import {
  availabilityFactor,
  CONDITIONAL_PENALTY,
  DEFAULT_WEIGHTS,
  industryFactor,
  priceFactor,
  scoreSpace,
  sizeFactor,
  specsFactor,
  thresholdFactor,
} from "../../../app/domain/matching/score";
import type { Reason } from "../../../app/domain/matching/types";
import { lead, space } from "../../fixtures/match-eval";

type LeadInput = Parameters<typeof lead>[0];
const TODAY = "2026-06-01";
const factoryLead = (over: Partial<LeadInput> = {}) =>
  lead({ kind: "factory", deal: "lease", industry: "C35", min: 4000, max: 6000, ...over });
const zh = (rs: Reason[]) => rs.map((r) => r.zh);

/** Every reason speaks both languages. */
function bilingual(rs: Reason[]) {
  for (const r of rs) {
    expect(r.zh, JSON.stringify(r)).toMatch(/[\u4e00-\u9fff]/);
    expect(r.en, JSON.stringify(r)).toMatch(/^[A-Z]/);
    expect(r.en).not.toMatch(/[\u4e00-\u9fff]/);
  }
}

describe("weights", () => {
  it("default weights add up to 100", () => {
    expect(Object.values(DEFAULT_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
    expect(DEFAULT_WEIGHTS).toEqual({ industry: 30, size: 25, specs: 15, threshold: 15, price: 5, availability: 10 });
  });
});

describe("industry fit", () => {
  it.each<[string, string[], number, Reason["kind"], string]>([
    ["C35", ["C35", "C36"], 1, "fit", "行业 C35 专用设备制造业 属园区主导产业"],
    ["C35", ["C"], 0.9, "fit", "行业 C35 专用设备制造业 属园区主导门类 C 制造业"],
    ["C35", ["C33", "C34"], 0.6, "fit", "行业 C35 专用设备制造业 与园区主导产业（C33、C34）同属 C 制造业"],
    ["I65", ["C35", "C36"], 0.2, "warn", "行业 I65 软件和信息技术服务业 不在园区主导产业（C35、C36）内"],
  ])("%s × focus %j → %s", (industry, industries, value, kind, text) => {
    const f = industryFactor(factoryLead({ industry }), space({ park: { industries } }));
    expect(f.value).toBe(value);
    expect(f.reasons).toHaveLength(1);
    expect(f.reasons[0].kind).toBe(kind);
    expect(f.reasons[0].zh).toBe(text);
    bilingual(f.reasons);
  });

  it("division > section focus > same section > none in the final score", () => {
    const scores = [["C35"], ["C"], ["C33"], ["I65"]].map(
      (industries) => scoreSpace(factoryLead(), space({ park: { industries } }), DEFAULT_WEIGHTS, TODAY).score,
    );
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(new Set(scores).size).toBe(4);
  });

  it("a park with no focus list is neither rewarded nor punished, and says so", () => {
    const f = industryFactor(factoryLead(), space({ park: { industries: [] } }));
    expect(f.value).toBe(0.6);
    expect(f.reasons[0].kind).toBe("check");
  });
});

describe("size fit", () => {
  it.each<[string, Partial<LeadInput>, number, number | null, number, string]>([
    ["inside", {}, 4800, null, 1, "面积 4800㎡ 在需求 4000–6000㎡ 内"],
    ["on the lower bound", {}, 4000, null, 1, "面积 4000㎡ 在需求 4000–6000㎡ 内"],
    ["at 0.8 × min", {}, 3200, null, 0.3, "面积 3200㎡ 小于需求 4000–6000㎡（小 20%，在容差内）"],
    ["halfway to 0.8 × min", {}, 3600, null, 0.65, "面积 3600㎡ 小于需求 4000–6000㎡（小 10%，在容差内）"],
    ["at 1.25 × max", {}, 7500, null, 0.3, "面积 7500㎡ 大于需求 4000–6000㎡（大 25%，在容差内）"],
    ["only a minimum", { max: undefined }, 9000, null, 1, "面积 9000㎡ ≥ 需求 4000㎡"],
    ["only a maximum", { min: undefined }, 500, null, 1, "面积 500㎡ ≤ 需求上限 6000㎡"],
    ["only a maximum, over it", { min: undefined }, 7500, null, 0.3, "面积 7500㎡ 大于需求 6000㎡（大 25%，在容差内）"],
    ["divisible: judged by the part", {}, 20000, 3000, 1, "可分割面积 6000㎡（整体 20000㎡，最小可分 3000㎡） 在需求 4000–6000㎡ 内"],
  ])("%s", (_name, over, areaSqm, divisibleMinSqm, value, text) => {
    const f = sizeFactor(factoryLead(over), space({ areaSqm, divisibleMinSqm }));
    expect(f.value).toBeCloseTo(value, 10);
    expect(zh(f.reasons)).toEqual([text]);
    expect(f.reasons[0].kind).toBe(value === 1 ? "fit" : "warn");
    bilingual(f.reasons);
  });

  it("land is spoken of in 亩 with ㎡ alongside", () => {
    const f = sizeFactor(
      lead({ kind: "land", deal: "buy", industry: "C35", min: 45, max: 60, unit: "mu" }),
      space({ kind: "land", deals: ["buy"], areaSqm: 34667 }),
    );
    expect(f.reasons[0]).toEqual({
      kind: "fit",
      zh: "面积 52亩（34667㎡） 在需求 45–60亩 内",
      en: "Area 52 mu (34667㎡) within the wanted 45–60 mu",
    });
  });
});

describe("spec headroom", () => {
  it("met specs: full credit, figures on both sides", () => {
    const f = specsFactor(
      factoryLead({ ceiling: 8, load: 2000, power: 630, crane: 5 }),
      space({ ceilingM: 9, floorLoadKg: 3000, powerKva: 800, craneT: 10 }),
    );
    expect(f.value).toBe(1);
    expect(zh(f.reasons)).toEqual([
      "层高 9m ≥ 需求 8m",
      "承重 3000kg/㎡ ≥ 需求 2000kg/㎡",
      "配电 800kVA ≥ 需求 630kVA",
      "行车 10t ≥ 需求 5t",
    ]);
    expect(f.reasons[0].en).toBe("Ceiling height 9m ≥ required 8m");
    bilingual(f.reasons);
  });

  it("unknown specs earn half and ask for a check", () => {
    const f = specsFactor(factoryLead({ ceiling: 8, power: 630 }), space({ ceilingM: 9 }));
    expect(f.value).toBe(0.75);
    expect(f.reasons).toContainEqual({ kind: "check", zh: "配电未知，需核实", en: "Power unknown — to be checked" });
  });

  it("single storey asked: met, unknown", () => {
    expect(specsFactor(factoryLead({ single: true }), space({ singleStorey: true })).value).toBe(1);
    expect(zh(specsFactor(factoryLead({ single: true }), space({ floors: 1 })).reasons)).toEqual(["单层厂房，符合需求"]);
    const unknown = specsFactor(factoryLead({ single: true }), space({}));
    expect(unknown.value).toBe(0.5);
    expect(zh(unknown.reasons)).toEqual(["是否单层未知，需核实"]);
  });

  it("nothing asked: full credit, nothing said", () => {
    expect(specsFactor(factoryLead(), space({}))).toEqual({ value: 1, reasons: [] });
  });
});

describe("threshold fit", () => {
  const park = { minTaxPerMuWan: 25, minInvestmentPerMuWan: 300, minTaxPer1000SqmWan: 20 };
  const landLead = (over: Partial<LeadInput> = {}) =>
    lead({ kind: "land", deal: "buy", industry: "C35", min: 15, max: 20, unit: "mu", ...over });
  const plot = space({ kind: "land", deals: ["buy"], areaSqm: 12000, park }); // 18亩

  it("land ≥ 100%: full credit, figures on both sides", () => {
    const f = thresholdFactor(landLead({ tax: 594, invest: 5400 }), plot);
    expect(f.value).toBe(1);
    expect(f.reasons).toEqual([
      {
        kind: "fit",
        zh: "亩均税收 33万元/亩 ≥ 园区门槛 25万元/亩",
        en: "Tax per mu CNY\u00a0330,000/mu ≥ park minimum CNY\u00a0250,000/mu",
      },
      {
        kind: "fit",
        zh: "投资强度 300万元/亩 ≥ 园区门槛 300万元/亩",
        en: "Investment per mu CNY\u00a03\u00a0million/mu ≥ park minimum CNY\u00a03\u00a0million/mu",
      },
    ]);
  });

  it("land 50–100%: proportional credit, flagged", () => {
    const f = thresholdFactor(landLead({ tax: 360, invest: 5400 }), plot); // 20/25 = 80%
    expect(f.value).toBeCloseTo((0.8 + 1) / 2, 10);
    expect(f.reasons[0]).toEqual({
      kind: "warn",
      zh: "亩均税收 20万元/亩 低于园区门槛 25万元/亩（达 80%），有条件匹配，需园区研究",
      en: "Tax per mu CNY\u00a0200,000/mu below park minimum CNY\u00a0250,000/mu (80%) — conditional, the park must agree",
    });
  });

  it("no figure: half credit and a check", () => {
    const f = thresholdFactor(landLead(), plot);
    expect(f.value).toBe(0.5);
    expect(f.reasons.map((r) => r.kind)).toEqual(["check", "check"]);
  });

  it("park without minimums: full credit, nothing said", () => {
    expect(thresholdFactor(landLead({ tax: 1 }), space({ kind: "land", deals: ["buy"], areaSqm: 12000 }))).toEqual({
      value: 1,
      reasons: [],
    });
  });

  it("buildings: tax per 1000㎡ against the park's minimum", () => {
    const ok = thresholdFactor(factoryLead({ tax: 150 }), space({ areaSqm: 5000, park }));
    expect(ok).toEqual({
      value: 1,
      reasons: [
        { kind: "fit", zh: "每千㎡税收 30万元 ≥ 园区门槛 20万元", en: "Tax per 1000㎡ CNY\u00a0300,000 ≥ park minimum CNY\u00a0200,000" },
      ],
    });
    const low = thresholdFactor(factoryLead({ tax: 50 }), space({ areaSqm: 5000, park }));
    expect(low.value).toBeCloseTo(0.5, 10);
    // Not a land purchase: short of the minimum is penalised but not called "conditional".
    expect(low.reasons).toEqual([
      {
        kind: "warn",
        zh: "每千㎡税收 10万元 低于园区门槛 20万元（达 50%）",
        en: "Tax per 1000㎡ CNY\u00a0100,000 below park minimum CNY\u00a0200,000 (50%)",
      },
    ]);
    const none = thresholdFactor(factoryLead(), space({ areaSqm: 5000, park }));
    expect(none.value).toBe(0.5);
    expect(none.reasons[0]).toEqual({
      kind: "check",
      zh: "企业未提供年纳税额，每千㎡税收需核实（园区门槛 20万元）",
      en: "Annual tax not given — tax per 1000㎡ to be checked (park minimum CNY\u00a0200,000)",
    });
  });
});

describe("price", () => {
  it.each<[number | null, number, Reason["kind"] | "check"]>([
    [11, 1, "fit"],
    [20, 1, "fit"],
    [30, 0.5, "warn"],
    [40, 0, "warn"],
    [55, 0, "warn"],
    [null, 0.5, "check"],
  ])("rent %s → %s", (rent, value, kind) => {
    const f = priceFactor(factoryLead(), space({ rentYuanPerSqmMonth: rent }));
    expect(f.value).toBeCloseTo(value, 10);
    expect(f.reasons[0].kind).toBe(kind);
    bilingual(f.reasons);
  });

  it("says the figure and the reference", () => {
    expect(priceFactor(factoryLead(), space({ rentYuanPerSqmMonth: 18 })).reasons[0].zh).toBe("租金 18元/㎡/月 ≤ 参考价 20元/㎡/月");
    expect(priceFactor(factoryLead(), space({})).reasons[0]).toEqual({
      kind: "check",
      zh: "租金未知，需核实",
      en: "Rent unknown — to be checked",
    });
  });

  it("reads the price of the deal the lead would make", () => {
    const both = space({ deals: ["lease", "buy"], rentYuanPerSqmMonth: 18, priceYuanPerSqm: 4500 });
    expect(priceFactor(factoryLead({ deal: "buy" }), both).reasons[0].zh).toBe("售价 4500元/㎡ 高于参考价 3000元/㎡");
    expect(priceFactor(factoryLead({ deal: "either" }), both).reasons[0].zh).toBe("租金 18元/㎡/月 ≤ 参考价 20元/㎡/月");
    const land = space({ kind: "land", deals: ["buy"], landPriceWanPerMu: 24 });
    expect(priceFactor(lead({ kind: "land", deal: "buy", industry: "C35", min: 10 }), land).reasons[0]).toEqual({
      kind: "fit",
      zh: "地价 24万元/亩 ≤ 参考价 25万元/亩",
      en: "Land price CNY\u00a0240,000/mu ≤ reference CNY\u00a0250,000/mu",
    });
  });
});

describe("availability", () => {
  it.each<[string, string | undefined, string | null, number, Reason | null]>([
    ["no date wanted, available now", undefined, null, 1, null],
    ["available now", "2027-03", null, 1, { kind: "fit", zh: "现可入驻，满足 2027-03 前入驻", en: "Available now — in time for 2027-03" }],
    [
      "available date already past",
      "2027-03",
      "2025-01-01",
      1,
      { kind: "fit", zh: "现可入驻，满足 2027-03 前入驻", en: "Available now — in time for 2027-03" },
    ],
    [
      "from within the wanted month",
      "2027-03",
      "2027-03-31",
      1,
      { kind: "fit", zh: "2027-03 起可用，可于 2027-03 前入驻", en: "Available from 2027-03 — in time for 2027-03" },
    ],
    [
      "3 months late",
      "2027-03",
      "2027-06-01",
      0.5,
      { kind: "warn", zh: "2027-06 起可用，晚于需求 2027-03", en: "Available from 2027-06, later than the wanted 2027-03" },
    ],
    [
      "a year late",
      "2027-03",
      "2028-03-01",
      0,
      { kind: "warn", zh: "2028-03 起可用，晚于需求 2027-03", en: "Available from 2028-03, later than the wanted 2027-03" },
    ],
    [
      "no date wanted, available later",
      undefined,
      "2027-06-01",
      1,
      { kind: "check", zh: "2027-06 起可用，入驻时间需与企业确认", en: "Available from 2027-06 — confirm timing with the enterprise" },
    ],
  ])("%s", (_name, moveInBy, availableFrom, value, reason) => {
    const f = availabilityFactor(factoryLead({ moveInBy }), space({ availableFrom }), TODAY);
    expect(f.value).toBeCloseTo(value, 10);
    expect(f.reasons).toEqual(reason ? [reason] : []);
  });
});

describe("scoreSpace", () => {
  const full = () => space({ areaSqm: 4800, ceilingM: 9, rentYuanPerSqmMonth: 18, park: { industries: ["C35"], minTaxPer1000SqmWan: 20 } });

  it("a space that fits everything scores 100, every factor explained in both languages", () => {
    const { score, reasons } = scoreSpace(factoryLead({ ceiling: 8, tax: 150, moveInBy: "2026-12" }), full(), DEFAULT_WEIGHTS, TODAY);
    expect(score).toBe(100);
    expect(zh(reasons)).toEqual([
      "行业 C35 专用设备制造业 属园区主导产业",
      "面积 4800㎡ 在需求 4000–6000㎡ 内",
      "层高 9m ≥ 需求 8m",
      "每千㎡税收 31.25万元 ≥ 园区门槛 20万元",
      "租金 18元/㎡/月 ≤ 参考价 20元/㎡/月",
      "现可入驻，满足 2026-12 前入驻",
    ]);
    bilingual(reasons);
  });

  it("factors combine by weight: the size edge costs 0.7 × 25", () => {
    const { score } = scoreSpace(factoryLead({ tax: 150 }), space({ ...full(), areaSqm: 3200 }), DEFAULT_WEIGHTS, TODAY);
    expect(score).toBe(Math.round(100 - 0.7 * 25));
  });

  it("unknowns cost half their weight: rent and ceiling unknown", () => {
    const s = space({ areaSqm: 4800, park: { industries: ["C35"] } });
    const { score, reasons } = scoreSpace(factoryLead({ ceiling: 8 }), s, DEFAULT_WEIGHTS, TODAY);
    expect(score).toBe(Math.round(100 - 0.5 * 15 - 0.5 * 5));
    expect(reasons.filter((r) => r.kind === "check").map((r) => r.zh)).toEqual(["层高未知，需核实", "租金未知，需核实"]);
  });

  it("the same note from the hard check and a factor is said once", () => {
    const { reasons } = scoreSpace(factoryLead({ power: 500 }), full(), DEFAULT_WEIGHTS, TODAY);
    expect(zh(reasons).filter((t) => t === "配电未知，需核实")).toHaveLength(1);
  });

  it(`a conditional match loses ${CONDITIONAL_PENALTY} points and shows why`, () => {
    const park = { industries: ["C35"], minTaxPerMuWan: 25, minInvestmentPerMuWan: 300 };
    const plot = space({ kind: "land", deals: ["buy"], areaSqm: 12000, landPriceWanPerMu: 20, park });
    const n = (tax: number, invest: number) =>
      lead({ kind: "land", deal: "buy", industry: "C35", min: 15, max: 20, unit: "mu", tax, invest });
    expect(scoreSpace(n(450, 5400), plot, DEFAULT_WEIGHTS, TODAY).score).toBe(100);
    const half = scoreSpace(n(225, 2700), plot, DEFAULT_WEIGHTS, TODAY); // both exactly 50%: threshold factor 0.5
    expect(half.score).toBe(Math.round(100 - 0.5 * 15 - CONDITIONAL_PENALTY));
    expect(half.reasons.filter((r) => r.kind === "warn").map((r) => r.zh)).toEqual([
      "亩均税收 12.5万元/亩 低于园区门槛 25万元/亩（达 50%），有条件匹配，需园区研究",
      "投资强度 150万元/亩 低于园区门槛 300万元/亩（达 50%），有条件匹配，需园区研究",
    ]);
  });

  it("weights are tunable and the score stays an integer in 0..100", () => {
    const n = factoryLead({ industry: "I65", tax: 10 });
    const s = space({ areaSqm: 3300, rentYuanPerSqmMonth: 45, park: { industries: ["C35"], minTaxPer1000SqmWan: 100 } });
    for (const weights of [
      DEFAULT_WEIGHTS,
      { industry: 100 },
      { industry: 0, size: 0, specs: 0, threshold: 0, price: 0, availability: 0 },
      { size: 1000, price: -5 },
    ]) {
      const { score } = scoreSpace(n, s, weights, TODAY);
      expect(Number.isInteger(score)).toBe(true);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(100);
    }
    // Only industry counts: C35 park, I65 lead → 0.2.
    expect(scoreSpace(n, s, { industry: 1, size: 0, specs: 0, threshold: 0, price: 0, availability: 0 }, TODAY).score).toBe(20);
  });
});
