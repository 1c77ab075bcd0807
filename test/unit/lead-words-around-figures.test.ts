import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors, type LeadChannel } from "../../app/domain/lead-schema";
import { parseNeedText } from "../../app/domain/need-text";
import { validLeadJson } from "../support/leads";

// The words people type around a figure of the lead (docs/decisions/097): the field's own name before it,
// "a year" or the thing measured after it, "no requirement" in a spec box, and the single-storey box's words.

const NOW = () => new Date("2026-12-04T06:00:00Z");
type Body = { need: Record<string, unknown>; tax: Record<string, unknown> };

function parse(edit: (b: Body) => void, lng: "zh" | "en" = "zh", channel: LeadChannel = "api") {
  const body = structuredClone(validLeadJson()) as unknown as Body;
  edit(body);
  return createLeadSchema(lng, channel, { now: NOW }).safeParse(body);
}
function read(edit: (b: Body) => void, channel: LeadChannel = "api") {
  const r = parse(edit, "zh", channel);
  if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
  return r.data.lead;
}
function refusal(edit: (b: Body) => void, field: string, lng: "zh" | "en" = "zh") {
  const r = parse(edit, lng);
  if (r.success) throw new Error(`expected ${field} refused`);
  return issuesToFieldErrors(r.error)[field]?.[0];
}

describe("an amount in 万元 with the field's name before it and 'a year' after it", () => {
  it.each([
    ["年纳税500万", 500],
    ["年纳税：500万元", 500],
    ["年纳税约500万", 500],
    ["每年500万", 500],
    ["一年500万左右", 500],
    ["全年税收1.2亿", 12000],
    ["预计年纳税800万以上", 800],
    ["500万元/年", 500],
    ["500万/年", 500],
    ["300万每年", 300],
    ["500（万元）", 500],
    ["500(万)", 500],
    ["纳税额 2000000元", 200],
    ["tax 500", 500],
    ["500 per year", 500],
  ])("annual tax %s → %d 万元, on every channel", (typed, wan) => {
    for (const channel of ["api", "web", "hotline"] as const)
      expect(read((b) => (b.tax.annualTaxWan = typed), channel).tax.annualTaxWan).toBe(wan);
  });

  it.each([
    ["总投资1亿", 10000],
    ["投资5000万", 5000],
    ["项目总投资：2.5亿元", 25000],
    ["固定资产投资8000万", 8000],
  ])("investment %s → %d 万元", (typed, wan) => {
    expect(read((b) => (b.tax.investmentWan = typed)).tax.investmentWan).toBe(wan);
  });

  it.each([
    ["年产值2亿", 20000],
    ["产值：1.5亿元/年", 15000],
    ["每年产值一个亿", 10000],
    ["年销售额3000万", 3000],
  ])("annual output %s → %d 万元", (typed, wan) => {
    expect(read((b) => Object.assign(b.tax, { annualOutputWan: typed })).tax.annualOutputWan).toBe(wan);
  });

  it("a range after the name is still a range: its lower figure, in the tax box (ADR 168) and the other money boxes (ADR 189)", () => {
    expect(read((b) => (b.tax.annualTaxWan = "年纳税300-500万")).tax.annualTaxWan).toBe(300);
    expect(read((b) => (b.tax.investmentWan = "总投资3000-5000万")).tax.investmentWan).toBe(3000);
  });
});

describe("an amount per mu or per month is another figure: refused as such, never stored as the total", () => {
  it.each(["亩均税收50万", "50万/亩", "每亩50万", "亩均50万元", "50万元/亩/年"])("annual tax %s → per mu", (typed) => {
    expect(refusal((b) => (b.tax.annualTaxWan = typed), "tax.annualTaxWan")).toMatch(/每亩/);
  });
  it.each(["投资强度300万/亩", "300万/亩", "每亩投资300万"])("investment %s → per mu", (typed) => {
    expect(refusal((b) => (b.tax.investmentWan = typed), "tax.investmentWan")).toMatch(/每亩/);
  });
  it.each([
    ["月纳税50万", "600"],
    ["每月50万", "600"],
    ["50万/月", "600"],
    ["每个月30万元", "360"],
  ])("annual tax %s → per month, with the year's amount", (typed, yearly) => {
    expect(refusal((b) => (b.tax.annualTaxWan = typed), "tax.annualTaxWan")).toContain(`请填 ${yearly}`);
  });
  it("per month with no figure it can read says so without a sum", () => {
    expect(refusal((b) => (b.tax.annualTaxWan = "每月若干"), "tax.annualTaxWan")).toBe("此项填一年的金额（万元），不是每月的，例如 500");
  });
  it("answers in English too", () => {
    expect(refusal((b) => (b.tax.annualTaxWan = "50万/月"), "tax.annualTaxWan", "en")).toMatch(/50 a month is 600 a year/);
    expect(refusal((b) => (b.tax.annualTaxWan = "亩均税收50万"), "tax.annualTaxWan", "en")).toMatch(/per mu/);
  });
  it("what it always refused stays refused with the plain message", () => {
    expect(refusal((b) => (b.tax.annualTaxWan = "年底"), "tax.annualTaxWan")).toBe("请输入金额（万元），例如 500 或 500万");
  });
});

describe("a spec figure with what it measures after it, or 'no requirement'", () => {
  const spec = (l: ReturnType<typeof read>) => {
    const n = l.need as Record<string, unknown>;
    return { c: n.ceilingMinM, f: n.floorLoadMinKg, p: n.powerMinKva, cr: n.craneMinT };
  };
  it.each([
    ["craneMinT", "10吨行车", { cr: 10 }],
    ["craneMinT", "10吨的双梁行车", { cr: 10 }],
    ["craneMinT", "16吨吊车", { cr: 16 }],
    ["ceilingMinM", "9米高", { c: 9 }],
    ["ceilingMinM", "9米的净高", { c: 9 }],
    ["powerMinKva", "1000千伏安的变压器", { p: 1000 }],
    ["floorLoadMinKg", "3吨承重", { f: 3000 }],
  ])("%s %s is read", (field, typed, want) => {
    const l = read((b) => {
      delete b.need.ceilingMinM;
      b.need[field] = typed;
    });
    expect(spec(l)).toEqual({ c: undefined, f: undefined, p: undefined, cr: undefined, ...want });
  });

  it.each([
    ["craneMinT", "不需要"],
    ["craneMinT", "无"],
    ["craneMinT", "不需要行车"],
    ["craneMinT", "行车：无"],
    ["craneMinT", "无行车"],
    ["ceilingMinM", "不要求"],
    ["ceilingMinM", "层高不限"],
    ["powerMinKva", "不用"],
    ["floorLoadMinKg", "无所谓"],
    ["powerMinKva", "not needed"],
  ])("%s %s is no requirement: as if left blank", (field, typed) => {
    const l = read((b) => {
      delete b.need.ceilingMinM;
      b.need[field] = typed;
    });
    expect(spec(l)).toEqual({ c: undefined, f: undefined, p: undefined, cr: undefined });
  });

  it("a figure with a negation is not 'no requirement'", () => {
    expect(refusal((b) => (b.need.craneMinT = "不要10吨"), "need.craneMinT")).toMatch(/行车吨位/);
  });
});

describe("the single-storey box's words", () => {
  it.each([
    ["单层", true],
    ["要单层", true],
    ["必须单层", true],
    ["单层厂房", true],
    ["是", true],
    ["不限", false],
    ["都可以", false],
    ["多层也行", false],
    ["单层多层都可以", false],
    ["否", false],
  ])("%s → %s", (typed, want) => {
    expect(read((b) => (b.need.singleStorey = typed)).need.singleStorey).toBe(want);
  });

  it.each(["不要单层", "要多层", "多层", "二层以上"])("%s asks for what the box cannot hold: refused with where it goes", (typed) => {
    expect(refusal((b) => (b.need.singleStorey = typed), "need.singleStorey")).toBe(
      "此项只表示是否必须单层：必须单层填“是”，不要求填“否”；想要多层等其他要求请写在补充说明里",
    );
    expect(refusal((b) => (b.need.singleStorey = typed), "need.singleStorey", "en")).toMatch(/single-storey/);
  });
});

describe("a range typed in one area box while the other is blank: each end to its box", () => {
  const area = (edit: (b: Body) => void, channel: LeadChannel = "api") => {
    const l = read((b) => {
      delete b.need.areaMin;
      delete b.need.areaMax;
      edit(b);
    }, channel);
    return [l.need.areaMinSqm, l.need.areaMaxSqm];
  };
  it.each([
    ["areaMin", "3000-5000平", [3000, 5000]],
    ["areaMin", "3000到5000", [3000, 5000]],
    ["areaMin", "2000~3000平方", [2000, 3000]],
    ["areaMin", "两三千平", [2000, 3000]],
    ["areaMax", "3-5千平米", [3000, 5000]],
    ["areaMin", "1-2万平方米", [10000, 20000]],
  ])("%s %s → %j ㎡, on every channel", (box, typed, want) => {
    for (const channel of ["api", "web", "hotline"] as const) expect(area((b) => (b.need[box] = typed), channel)).toEqual(want);
  });
  it("in 亩, typed or chosen", () => {
    const [min, max] = area((b) => (b.need.areaMin = "50到80亩"));
    expect([Math.round(min!), Math.round(max!)]).toEqual([33333, 53333]);
    const [cmin, cmax] = area((b) => Object.assign(b.need, { areaMin: "五十到八十", areaUnit: "mu" }));
    expect([Math.round(cmin!), Math.round(cmax!)]).toEqual([33333, 53333]);
  });
  it("with both boxes filled the range stays where it was typed and is refused there", () => {
    expect(refusal((b) => Object.assign(b.need, { areaMin: "3000-5000平", areaMax: "6000" }), "need.areaMin")).toBe(
      "这是一个范围：请在最小面积填“3000平”，最大面积填“5000平”",
    );
  });
  it("a range the other way round is not taken as two bounds", () => {
    expect(() => area((b) => (b.need.areaMin = "5000-3000平"))).toThrow();
  });
});

describe("the notes: a requirement said to be none is told to the recruiter, never filled", () => {
  // Told as what it is (docs/decisions/110): read, and said not to be needed — not "could not read".
  it.each(["不要10吨行车", "承重不用3吨", "不要求配电1000千伏安"])("%s → no figure, told as not needed", (notes) => {
    const r = parseNeedText(notes);
    expect(r.hints).toEqual({});
    expect(r.setAside).toEqual([{ text: notes, why: "notNeeded" }]);
  });
  it("the lead's own notes through the schema: 不要求单层 is no single-storey requirement", () => {
    const l = read((b) => {
      delete b.need.ceilingMinM;
      b.need.notes = "不需要行车，層高8米以上，不要求單層，配电不低于500千伏安";
    });
    expect(l.need.singleStorey).not.toBe(true);
    expect(l.need.craneMinT).toBeUndefined();
  });
});

// A trial (2026-12-04): "最好有10吨行车" filtered out every space without a 10 t crane — a wish, like 最好单层 (ADR 097).
describe("the notes: a figure wished for is said as a wish, never a filter", () => {
  it.each([
    ["最好有10吨行车", "10吨行车"],
    ["层高9米以上更好", "层高9米以上"],
    ["尽量能有1000千伏安的配电", "1000千伏安"],
    ["承重最好3吨", "承重最好3吨"],
    ["尽可能层高10米", "层高10米"],
  ])("%s → no figure, %s said as a wish (docs/decisions/153: not among the words not read)", (notes, wish) => {
    const r = parseNeedText(notes);
    expect(r.hints).toEqual({});
    expect(r.wished.join("|")).toContain(wish.replace("最好", "").slice(0, 2));
    expect(r.unread).toEqual([]);
  });
  // Trial 12-05f: "最好带行车（10t）" was a hard 行车 ≥ 10 t — the wish's verb (带, 配, 配有 …) was not among the words
  // joining 最好 to the figure; and English had no wish words at all.
  it.each([
    ["最好带行车（10t）", "行车"],
    ["最好带10吨行车", "10吨行车"],
    ["最好配10吨行车", "10吨行车"],
    ["最好配有1000千伏安配电", "1000千伏安"],
    ["最好能带行车10吨", "行车10吨"],
    ["如果能有10吨行车", "10吨行车"],
    ["行车10吨最好", "行车10吨"],
    ["ideally a 10t crane", "10t crane"],
    ["preferably with a 10 t crane", "10 t crane"],
    ["10t crane would be nice", "10t crane"],
    ["crane 10t nice to have", "crane 10t"],
    ["crane 10t (optional)", "crane 10t"],
    ["power 1000 kVA is a plus", "1000 kVA"],
  ])("%s → no figure, said as a wish (%s)", (notes, wish) => {
    const r = parseNeedText(notes);
    expect(r.hints).toEqual({});
    expect(r.wished.join("|")).toContain(wish);
    expect(r.unread).toEqual([]);
  });
  it("a wish among requirements leaves them requirements", () => {
    const zh = parseNeedText("要5000平，最好带行车（10t），层高8米").hints;
    expect([zh.ceilingMinM, zh.craneMinT]).toEqual([8, undefined]);
    const en = parseNeedText("need a 10t crane, ideally 8m ceiling").hints;
    expect([en.craneMinT, en.ceilingMinM]).toEqual([10, undefined]);
  });
  it.each([
    ["要10吨行车", { craneMinT: 10 }],
    ["希望层高9米", { ceilingMinM: 9 }],
    ["最好是单层，层高8米", { ceilingMinM: 8 }],
    ["配电1000千伏安，最好单层", { powerMinKva: 1000 }],
    ["层高8米，配10吨行车", { ceilingMinM: 8, craneMinT: 10 }],
    ["带10吨行车的厂房", { craneMinT: 10 }],
    ["10t crane required", { craneMinT: 10 }],
    ["最好单层，10吨行车", { craneMinT: 10 }],
  ])("%s → a requirement still: %j", (notes, hints) => {
    expect(parseNeedText(notes).hints).toMatchObject(hints);
  });
});

describe("more ways of saying none, and consent in words", () => {
  it.each(["we do not need a 10t crane", "no need for a 10 t crane", "无需配电，不需要10吨行车", "不需要层高9米", "用电不需要500千伏安"])(
    "%s fills no figure",
    (notes) => {
      const h = parseNeedText(notes).hints;
      expect([h.craneMinT, h.ceilingMinM, h.powerMinKva]).toEqual([undefined, undefined, undefined]);
    },
  );
  it.each(["同意", "是的", "我同意", "I agree"])("consent %s is consent", (consent) => {
    const r = createLeadSchema("zh", "api").safeParse({ ...validLeadJson(), consent });
    expect(r.success && r.data.lead.consent).toBe(true);
  });
});

describe("the notes: a place said not to be wanted fills no regions", () => {
  const regionsFrom = (notes: string) =>
    read((b) => {
      delete b.need.regions;
      b.need.notes = notes;
    }).need.regionCodes;
  it.each(["不要高淳区的", "除了高淳区都行"])("%s → no regions filled", (notes) => {
    expect(regionsFrom(notes) ?? []).toEqual([]);
  });
  // docs/decisions/110: the place ruled in beside it is the wanted one; the one ruled out never is.
  it.each(["最好不要在高淳区，溧水区可以", "高淳区不考虑，溧水区可以"])("%s → 溧水 only", (notes) => {
    expect(regionsFrom(notes)).toEqual(["320117"]);
  });
  it("places not negated still fill (高淳或者溧水)", () => {
    expect(regionsFrom("高淳或者溧水都可以")).toEqual(["320117", "320118"]);
  });
});

describe("a bound typed in the other area box while that one is blank goes to its own box", () => {
  const bounds = (need: Record<string, unknown>) => {
    const l = read((b) => {
      delete b.need.areaMin;
      delete b.need.areaMax;
      Object.assign(b.need, need);
    });
    return [l.need.areaMinSqm, l.need.areaMaxSqm];
  };
  it.each<[Record<string, unknown>, (number | undefined)[]]>([
    [{ areaMin: "不超过5000平" }, [undefined, 5000]],
    [{ areaMin: "5000平以内" }, [undefined, 5000]],
    [{ areaMin: "最多3千平米" }, [undefined, 3000]],
    [{ areaMax: "3000平以上" }, [3000, undefined]],
    [{ areaMax: "至少20亩" }, [13333.33, undefined]],
  ])("%j → %j", (need, want) => {
    const [min, max] = bounds(need);
    expect([min === undefined ? undefined : Math.round(min * 100) / 100, max]).toEqual(want);
  });
  it("with the other box filled it is refused, saying which box it belongs in", () => {
    expect(refusal((b) => Object.assign(b.need, { areaMin: "不超过5000平", areaMax: "6000" }), "need.areaMin")).toBe(
      "此项填最小面积；“以下”“不超过”这样的上限请填在最大面积里",
    );
  });
});

describe("two places joined by 或 in the regions box", () => {
  it("江宁或溧水 is two places", () => {
    const l = read((b) => (b.need.regions = "江宁或溧水"));
    expect([l.need.regions, l.need.regionCodes]).toEqual([
      ["江宁", "溧水"],
      ["320115", "320117"],
    ]);
  });
});
