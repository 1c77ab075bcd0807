import { describe, expect, it } from "vitest";

import { AREA_LOWER, AREA_UPPER } from "../../../app/domain/matching/area-window";
import { describeFailures, hardCheck, type HardFailure, type HardResult } from "../../../app/domain/matching/hard";
import type { Reason, SpaceCandidate } from "../../../app/domain/matching/types";
import { lead, space } from "../../fixtures/match-eval";

type LeadInput = Parameters<typeof lead>[0];
const factoryLead = (over: Partial<LeadInput> = {}) =>
  lead({ kind: "factory", deal: "lease", industry: "C35", min: 4000, max: 6000, ...over });

function failures(r: HardResult): HardFailure[] {
  return r.pass ? [] : r.failures;
}
function notes(r: HardResult): Reason[] {
  return r.pass ? r.notes : [];
}

describe("constants", () => {
  it("area window is [0.8 × min, 1.25 × max]", () => {
    expect(AREA_LOWER).toBe(0.8);
    expect(AREA_UPPER).toBe(1.25);
  });
});

describe("status, kind, deal", () => {
  it.each<[SpaceCandidate["status"], boolean]>([
    ["available", true],
    ["reserved", false],
    ["let", false],
  ])("status %s → pass %s", (status, pass) => {
    const r = hardCheck(factoryLead(), space({ status }));
    expect(r.pass).toBe(pass);
    if (!pass) expect(failures(r)).toEqual(["status"]);
  });

  it.each<[SpaceCandidate["kind"], boolean]>([
    ["factory", true],
    ["warehouse", false],
    ["office", false],
    ["land", false],
  ])("lead factory × space %s → pass %s", (kind, pass) => {
    expect(hardCheck(factoryLead(), space({ kind })).pass).toBe(pass);
  });

  it.each<[LeadInput["deal"], SpaceCandidate["deals"], boolean]>([
    ["lease", ["lease"], true],
    ["lease", ["buy"], false],
    ["lease", ["lease", "buy"], true],
    ["buy", ["buy"], true],
    ["buy", ["lease"], false],
    ["buy", ["buy", "lease"], true],
    ["either", ["lease"], true],
    ["either", ["buy"], true],
    ["either", ["lease", "buy"], true],
    ["either", [], false],
  ])("deal %s × offered %j → pass %s", (deal, deals, pass) => {
    const r = hardCheck(factoryLead({ deal }), space({ deals }));
    expect(r.pass).toBe(pass);
    if (!pass) expect(failures(r)).toEqual(["deal"]);
  });
});

describe("area window", () => {
  it.each<[string, Partial<LeadInput>, number, boolean]>([
    ["inside", {}, 5000, true],
    ["exactly 0.8 × min", {}, 3200, true],
    ["just under 0.8 × min", {}, 3199.99, false],
    ["exactly 1.25 × max", {}, 7500, true],
    ["just over 1.25 × max", {}, 7500.01, false],
    ["0.8 × an awkward min (4500 → 3600)", { min: 4500 }, 3600, true],
    ["1.25 × an awkward max (3333 → 4166.25)", { min: 3000, max: 3333 }, 4166.25, true],
    ["no max = open above", { max: undefined }, 1_000_000, true],
    ["no max, still 0.8 × min below", { max: undefined }, 3100, false],
    ["no min = open below", { min: undefined }, 1, true],
    ["no min, still 1.25 × max above", { min: undefined }, 7600, false],
  ])("%s", (_name, over, areaSqm, pass) => {
    const r = hardCheck(factoryLead(over), space({ areaSqm }));
    expect(r.pass).toBe(pass);
    if (!pass) expect(failures(r)).toEqual(["area"]);
  });

  it("works in 亩 for land (45–55亩 → 36–68.75亩)", () => {
    const n = lead({ kind: "land", deal: "buy", industry: "C35", min: 45, max: 55, unit: "mu" });
    expect(hardCheck(n, space({ kind: "land", deals: ["buy"], areaSqm: 24000 })).pass).toBe(true); // 36亩
    expect(hardCheck(n, space({ kind: "land", deals: ["buy"], areaSqm: 23990 })).pass).toBe(false);
    expect(hardCheck(n, space({ kind: "land", deals: ["buy"], areaSqm: 45833.33 })).pass).toBe(true); // 68.75亩
    expect(hardCheck(n, space({ kind: "land", deals: ["buy"], areaSqm: 45900 })).pass).toBe(false);
  });

  it.each<[string, Partial<LeadInput>, number, number | null, boolean]>([
    ["too big whole, divisible down to ≤ max", {}, 20000, 5000, true],
    ["divisible minimum exactly = max", {}, 20000, 6000, true],
    ["divisible minimum just over max", {}, 20000, 6000.01, false],
    ["not divisible, too big", {}, 20000, null, false],
    ["divisible but the whole is under 0.8 × min", {}, 3000, 1000, false],
    ["divisible, no max: the whole decides", { max: undefined }, 20000, 100, true],
    ["divisible minimum not below the whole = no split", {}, 20000, 20000, false],
  ])("divisible: %s", (_name, over, areaSqm, divisibleMinSqm, pass) => {
    expect(hardCheck(factoryLead(over), space({ areaSqm, divisibleMinSqm })).pass).toBe(pass);
  });
});

describe("spec minimums: met / short / unknown", () => {
  const cases = [
    {
      name: "ceiling",
      ask: { ceiling: 8 },
      field: "ceilingM",
      ok: 8,
      short: 7.9,
      failure: "ceiling",
      zh: "层高未知，需核实",
      en: "Ceiling height unknown — to be checked",
    },
    {
      name: "floor load",
      ask: { load: 2000 },
      field: "floorLoadKg",
      ok: 2000,
      short: 1999,
      failure: "floorLoad",
      zh: "承重未知，需核实",
      en: "Floor load unknown — to be checked",
    },
    {
      name: "power",
      ask: { power: 1000 },
      field: "powerKva",
      ok: 1000,
      short: 999,
      failure: "power",
      zh: "配电未知，需核实",
      en: "Power unknown — to be checked",
    },
    {
      name: "crane",
      ask: { crane: 10 },
      field: "craneT",
      ok: 10,
      short: 5,
      failure: "crane",
      zh: "行车未知，需核实",
      en: "Crane unknown — to be checked",
    },
  ] as const;

  for (const c of cases) {
    it(`${c.name}: equal to the minimum passes without notes`, () => {
      const r = hardCheck(factoryLead(c.ask), space({ [c.field]: c.ok }));
      expect(r).toEqual({ pass: true, conditional: false, notes: [] });
    });
    it(`${c.name}: below the minimum fails`, () => {
      expect(failures(hardCheck(factoryLead(c.ask), space({ [c.field]: c.short })))).toEqual([c.failure]);
    });
    it(`${c.name}: not stated = unknown → passes with a check note`, () => {
      for (const unknown of [null, undefined]) {
        const r = hardCheck(factoryLead(c.ask), space({ [c.field]: unknown }));
        expect(r.pass).toBe(true);
        expect(notes(r)).toEqual([{ kind: "check", zh: c.zh, en: c.en }]);
      }
    });
    it(`${c.name}: not asked → the space's figure does not matter`, () => {
      expect(hardCheck(factoryLead(), space({ [c.field]: 0 }))).toEqual({ pass: true, conditional: false, notes: [] });
    });
  }

  it("a minimum of 0 asks nothing", () => {
    expect(hardCheck(factoryLead({ crane: 0 }), space({ craneT: null }))).toEqual({ pass: true, conditional: false, notes: [] });
  });

  it("land: building specs unknown are not questions, power still is", () => {
    const n = lead({ kind: "land", deal: "buy", industry: "C35", min: 10000, ceiling: 8, load: 2000, crane: 5, power: 500, single: true });
    const r = hardCheck(n, space({ kind: "land", deals: ["buy"], areaSqm: 12000 }));
    expect(r.pass).toBe(true);
    expect(notes(r).map((x) => x.zh)).toEqual(["配电未知，需核实"]);
  });

  it("collects every failure, not just the first", () => {
    const r = hardCheck(factoryLead({ ceiling: 10, power: 2000 }), space({ status: "let", ceilingM: 6, powerKva: 500, areaSqm: 100 }));
    expect(failures(r)).toEqual(["status", "area", "ceiling", "power"]);
  });
});

describe("single storey", () => {
  it.each<[string, boolean | undefined, boolean | null | undefined, number | null | undefined, "pass" | "fail" | "check"]>([
    ["asked, space single", true, true, 1, "pass"],
    ["asked, space multi-storey", true, false, 4, "fail"],
    ["asked, flag unknown, 1 floor", true, null, 1, "pass"],
    ["asked, flag unknown, 3 floors", true, null, 3, "fail"],
    ["asked, nothing known", true, null, null, "check"],
    ["asked, nothing known (undefined)", true, undefined, undefined, "check"],
    ["asked, explicit flag beats floors", true, true, 3, "pass"],
    ["not asked, multi-storey", undefined, false, 4, "pass"],
    ["asked false = no wish", false, false, 4, "pass"],
  ])("%s", (_name, single, singleStorey, floors, outcome) => {
    const r = hardCheck(factoryLead({ single }), space({ singleStorey, floors }));
    if (outcome === "fail") expect(failures(r)).toEqual(["singleStorey"]);
    else {
      expect(r.pass).toBe(true);
      expect(notes(r)).toEqual(
        outcome === "check" ? [{ kind: "check", zh: "是否单层未知，需核实", en: "Single storey unknown — to be checked" }] : [],
      );
    }
  });
});

describe("industry exclusion and regions", () => {
  it.each<[string, string[], boolean]>([
    ["C26", ["C26"], false],
    ["C26", ["C25"], true],
    ["C39", ["C"], false],
    ["C39", ["B"], true],
    ["C39", [], true],
  ])("lead %s × park excludes %j → pass %s", (industry, excludedIndustries, pass) => {
    const r = hardCheck(factoryLead({ industry }), space({ park: { excludedIndustries } }));
    expect(r.pass).toBe(pass);
    if (!pass) expect(failures(r)).toEqual(["industry"]);
  });

  // Park district codes (GB/T 2260): 320118 南京市高淳区, 320117 溧水区, 320583 苏州市昆山市, 110105 北京市朝阳区.
  it.each<[string[], string | null, boolean]>([
    [[], "320118", true],
    [[], null, true],
    [["高淳区"], "320118", true],
    [["溧水区"], "320118", false],
    [["溧水区", "高淳区"], "320118", true],
    [["高淳"], "320118", true],
    [["高淳區"], "320118", true],
    [["南京市高淳区"], "320118", true],
    [["Gaochun District"], "320118", true],
    [["江宁区"], "320118", false],
    [["南京"], "320118", true],
    [["南京"], "320583", false],
    [["江苏"], "320583", true],
    [["苏州"], "320118", false],
    [["北京朝阳区"], "110105", true],
    [["长春朝阳区"], "110105", false],
    [["高淳区"], null, false],
  ])("regions %j × park district code %s → pass %s", (regions, districtCode, pass) => {
    const r = hardCheck(factoryLead({ regions }), space({ park: { districtCode } }));
    expect(r.pass).toBe(pass);
    if (!pass) expect(failures(r)).toEqual(["region"]);
  });

  it("a stored lead with region names but no codes (names that no longer resolve) matches no district", () => {
    const n = factoryLead({ regions: ["高淳区"] });
    expect(hardCheck({ ...n, need: { ...n.need, regionCodes: [] } }, space()).pass).toBe(false);
  });
});

describe("land purchase thresholds (18亩 plot; park minimums 25万元/亩 tax, 300万元/亩 investment)", () => {
  const park = { minTaxPerMuWan: 25, minInvestmentPerMuWan: 300 };
  const plot = (over: Parameters<typeof space>[0] = {}) =>
    space({ kind: "land", deals: ["buy"], areaSqm: 12000, ...over, park: { ...park, ...over.park } });
  const landLead = (over: Partial<LeadInput> = {}) =>
    lead({ kind: "land", deal: "buy", industry: "C35", min: 15, max: 20, unit: "mu", tax: 450, invest: 5400, ...over });

  it.each<[string, number | undefined, number | undefined, "pass" | "conditional" | HardFailure]>([
    ["both at 100%", 450, 5400, "pass"],
    ["both above", 900, 9000, "pass"],
    ["tax at 99.8%", 449, 5400, "conditional"],
    ["tax exactly 50%", 225, 5400, "conditional"],
    ["tax just under 50%", 224, 5400, "taxPerMu"],
    ["investment exactly 50%", 450, 2700, "conditional"],
    ["investment just under 50%", 450, 2699, "investmentPerMu"],
    ["both under 50%", 100, 1000, "taxPerMu"],
    ["tax 0 given", 0, 5400, "taxPerMu"],
  ])("%s", (_name, tax, invest, outcome) => {
    const r = hardCheck(landLead({ tax, invest }), plot());
    if (outcome === "pass") expect(r).toEqual({ pass: true, conditional: false, notes: [] });
    else if (outcome === "conditional") {
      expect(r.pass && r.conditional).toBe(true);
      expect(notes(r).every((x) => x.kind === "warn")).toBe(true);
    } else expect(failures(r)).toContain(outcome);
  });

  it("the conditional note gives both figures and the share, in both languages", () => {
    const r = hardCheck(landLead({ tax: 225 }), plot());
    expect(notes(r)).toEqual([
      {
        kind: "warn",
        zh: "亩均税收 12.5万元/亩 低于园区门槛 25万元/亩（达 50%），有条件匹配，需园区研究",
        en: "Tax per mu CNY\u00a0125,000/mu below park minimum CNY\u00a0250,000/mu (50%) — conditional, the park must agree",
      },
    ]);
  });

  it("no figure given = unknown: passes, not conditional, a check note per threshold", () => {
    const r = hardCheck(landLead({ tax: undefined, invest: undefined }), plot());
    expect(r.pass && !r.conditional).toBe(true);
    expect(notes(r)).toEqual([
      {
        kind: "check",
        zh: "企业未提供年纳税额，亩均税收需核实（园区门槛 25万元/亩）",
        en: "Annual tax not given — tax per mu to be checked (park minimum CNY\u00a0250,000/mu)",
      },
      {
        kind: "check",
        zh: "企业未提供投资额，投资强度需核实（园区门槛 300万元/亩）",
        en: "Investment not given — investment per mu to be checked (park minimum CNY\u00a03\u00a0million/mu)",
      },
    ]);
  });

  it("a park without minimums sets no constraint", () => {
    const r = hardCheck(landLead({ tax: 1, invest: 1 }), plot({ park: { minTaxPerMuWan: null, minInvestmentPerMuWan: null } }));
    expect(r).toEqual({ pass: true, conditional: false, notes: [] });
  });

  it("only the minimum the park has applies", () => {
    const r = hardCheck(landLead({ tax: 1, invest: 5400 }), plot({ park: { minTaxPerMuWan: null, minInvestmentPerMuWan: 300 } }));
    expect(r).toEqual({ pass: true, conditional: false, notes: [] });
  });

  it.each<[string, LeadInput["deal"], SpaceCandidate["deals"], boolean]>([
    ["buy × sale-only plot", "buy", ["buy"], true],
    ["either × sale-only plot (buying is the only way)", "either", ["buy"], true],
    ["either × plot for lease or sale (lease route open)", "either", ["buy", "lease"], false],
    ["lease × plot for lease", "lease", ["lease"], false],
    ["lease × plot for lease or sale", "lease", ["lease", "buy"], false],
  ])("gated? %s → %s", (_name, deal, deals, gated) => {
    const r = hardCheck(landLead({ deal, tax: 100, invest: 1000 }), plot({ deals }));
    expect(r.pass).toBe(!gated);
  });

  it("buildings are never gated by the land thresholds", () => {
    const n = lead({ kind: "factory", deal: "buy", industry: "C35", min: 10000, tax: 1, invest: 1 });
    expect(hardCheck(n, space({ kind: "factory", deals: ["buy"], areaSqm: 12000, park: { ...park, minTaxPer1000SqmWan: 100 } })).pass).toBe(
      true,
    );
  });

  it("a divisible plot is judged on the part taken, not the whole", () => {
    // 90亩 plot divisible from 9亩; the lead wants ≤ 18亩: 450万 over 18亩 = 25/亩 (over 90亩 it would be 5).
    const r = hardCheck(landLead({ max: 18 }), plot({ areaSqm: 60000, divisibleMinSqm: 6000 }));
    expect(r).toEqual({ pass: true, conditional: false, notes: [] });
  });
});

describe("describeFailures", () => {
  it("names every failure in both languages", () => {
    const all: HardFailure[] = [
      "status",
      "kind",
      "deal",
      "area",
      "ceiling",
      "floorLoad",
      "power",
      "crane",
      "singleStorey",
      "industry",
      "region",
      "taxPerMu",
      "investmentPerMu",
    ];
    const reasons = describeFailures(all);
    expect(reasons).toHaveLength(all.length);
    for (const r of reasons) {
      expect(r.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.en).toMatch(/^[A-Z]/);
    }
    expect(new Set(reasons.map((r) => r.zh)).size).toBe(all.length);
  });
});
