import { describe, expect, it } from "vitest";

import { callbackScript } from "~/assignments/route-lead.server";
import { createLeadSchema, type Lead } from "~/domain/lead-schema";
import { rankMatches } from "~/domain/matching/rank";
import type { MatchNeed } from "~/domain/matching/types";
import type { Lng } from "~/i18n/lng";

import { space } from "../fixtures/match-eval";

// trial38 H2 (docs/decisions/185): "我们要买地不租" in the notes, the deal radio left on 租赁 (the form's default): stored and
// matched as lease only, the two plots for sale excluded — while the live hint said lease would not be recommended. A deal
// box the notes clearly refuse is asked about at the box on the web form; from the API or a desk it is never matched on.

const body = (deal: string, notes: string, kind = "land") => ({
  need: { kind, deal, areaUnit: "mu", areaMin: "30", areaMax: "50", notes },
  use: { industry: "C35", product: "机床" },
  tax: { annualTaxWan: "100" },
  company: { name: "南京测试机械有限公司" },
  contact: { name: "王经理", phone: "13901507001" },
  consent: true,
});

const REFUSING: [deal: "lease" | "buy", notes: string, lng: Lng][] = [
  ["lease", "我们要买地不租，拿地后自建，最好三十到五十亩", "zh"],
  ["lease", "不考虑租赁，要买", "zh"],
  ["lease", "租的不要，自己盖", "zh"],
  ["buy", "只租不买，资金要留着上设备", "zh"],
  ["buy", "不买，先租三年", "zh"],
  ["buy", "lease only, we keep cash for machines", "en"],
  ["lease", "We don't want to rent; buying the land to build", "en"],
];

describe("the web form asks at the deal box when the notes refuse the deal ticked", () => {
  it.each(REFUSING)("%s + %s (%s) → refused at need.deal, nothing stored", (deal, notes, lng) => {
    const r = createLeadSchema(lng, "web").safeParse(body(deal, notes));
    expect(r.success).toBe(false);
    const issue = r.error!.issues.find((i) => i.path.join(".") === "need.deal");
    expect(issue?.message).toMatch(lng === "zh" ? /补充说明说不(租|买).*请确认/ : /Your notes rule out (leasing|buying).*Please confirm/);
  });

  it.each<[string, string]>([
    ["either", "我们要买地不租"],
    ["buy", "我们要买地不租"],
    ["lease", "买不买都行"],
    ["lease", "现在的厂房是租的，太小"],
    ["lease", "租金不要太贵"],
    ["lease", ""],
  ])("%s + %j → no question", (deal, notes) => {
    const r = createLeadSchema("zh", "web").safeParse(body(deal, notes));
    expect(r.error?.issues.filter((i) => i.path.join(".") === "need.deal") ?? []).toEqual([]);
  });
});

describe("from the API or a desk no one can be asked: never matched on the deal refused", () => {
  for (const channel of ["api", "hotline"] as const)
    it.each(REFUSING)(`${channel}: %s + %s → the other deal stored, dealBoxRefused told`, (deal, notes, lng) => {
      const lead = (createLeadSchema(lng, channel).parse(body(deal, notes)) as unknown as { lead: Lead }).lead;
      expect(lead.need.deal).toBe(deal === "lease" ? "buy" : "lease");
      expect(lead.flags.filter((f) => f.field === "need.deal").map((f) => f.code)).toEqual(
        expect.arrayContaining(["dealBoxRefused", "dealRefused"]),
      );
      expect(lead.flags.some((f) => f.field === "need.deal" && f.code === "notesDiffer")).toBe(false);
    });

  it("a deal staff changed in this edit to the one refused is their answer: kept, the notes' doubt told", () => {
    const lead = (
      createLeadSchema("zh", "hotline", { loadedDeal: "buy" }).parse(body("lease", "我们要买地不租")) as unknown as { lead: Lead }
    ).lead;
    expect(lead.need.deal).toBe("lease");
    expect(lead.flags.some((f) => f.code === "dealBoxRefused")).toBe(false);
  });

  it("a deal left as loaded on an edit is still never matched on the refusal", () => {
    const lead = (
      createLeadSchema("zh", "hotline", { loadedDeal: "lease" }).parse(body("lease", "我们要买地不租")) as unknown as { lead: Lead }
    ).lead;
    expect(lead.need.deal).toBe("buy");
  });
});

describe("matched on what the enterprise said, the call-back card says the disagreement", () => {
  const forSale = space({ id: "SALE-1", title: "出售厂房", areaSqm: 4000, deals: ["buy"] });
  const toLet = space({ id: "LET-1", title: "出租厂房", areaSqm: 4000, deals: ["lease"] });
  const stored = (deal: string, notes: string) =>
    (
      createLeadSchema("zh", "api").parse({
        ...body(deal, notes, "factory"),
        need: { kind: "factory", deal, areaUnit: "sqm", areaMin: "3000", areaMax: "5000", notes },
      }) as unknown as { lead: Lead }
    ).lead;

  it.each<[string, string, string]>([
    ["lease", "我们要买厂房不租", "SALE-1"],
    ["lease", "租的不要", "SALE-1"],
    ["buy", "只租不买", "LET-1"],
    ["buy", "lease only", "LET-1"],
  ])("%s + %s → matched %s only", (deal, notes, id) => {
    expect(rankMatches(stored(deal, notes) as unknown as MatchNeed, [forSale, toLet]).map((m) => m.spaceId)).toEqual([id]);
  });

  it("the call-back script names the box the notes refuse (zh, en)", () => {
    const flags = stored("lease", "我们要买厂房不租").flags;
    expect(callbackScript("PM-20261206-0002", [], "zh", flags)).toContain(
      "企业的补充说明与所填不一致，回访时请确认：\n- 所选租售方式是备注明确不要的",
    );
    expect(callbackScript("PM-20261206-0002", [], "en", flags)).toContain(
      "confirm on the call:\n- The deal ticked is one the notes rule out",
    );
    expect(callbackScript("PM-20261206-0002", [], "zh", [])).not.toContain("不一致");
  });
});
