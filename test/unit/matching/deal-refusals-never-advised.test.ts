import { describe, expect, it } from "vitest";

import { callbackScript } from "../../../app/assignments/route-lead.server";
import { refusedDeals } from "../../../app/domain/deal-refusal";
import { leadFlags } from "../../../app/domain/lead-flags";
import { createLeadSchema, issuesToFieldErrors, type LeadChannel } from "../../../app/domain/lead-schema";
import { rankMatches } from "../../../app/domain/matching/rank";
import type { MatchNeed } from "../../../app/domain/matching/types";
import { explainExclusions, nearestMisses } from "../../../app/domain/matching/why-not";
import { describeFlag } from "../../../app/i18n/flag-messages";
import { leadRefusals } from "../../../app/leads/lead-refusals";
import { lead, space } from "../../fixtures/match-eval";
import { validLeadJson } from "../../support/leads";

// docs/decisions/162: a deal the enterprise refuses ("只租不买", "no purchase") had no flag: the why-not advised
// "若租买均可，可匹配 …" and a space for sale only was a near miss on the call-back task. The refusal is read as a flag
// (dealRefused), shown beside the need, and no advice or near miss widens the need toward the refused deal.

const NOW = new Date("2026-12-05T03:00:00Z");

// [notes, the deal refused]: the trial's words and variants of our own, zh and en.
const REFUSALS: [string, "lease" | "buy"][] = [
  ["只租不买", "buy"],
  ["不考虑购买", "buy"],
  ["只买不租", "lease"],
  ["不要租的", "lease"],
  ["厂房5000平左右，只要租的，买的不考虑", "buy"],
  ["我们只考虑租赁，购买不考虑", "buy"],
  ["仅限租赁", "buy"],
  ["5000平厂房，租的话不考虑，想买下来", "lease"],
  ["现在的厂房是租的，不想再租了，想买地", "lease"],
  ["不考虑租，只买", "lease"],
  ["lease only, not buying", "buy"],
  ["no purchase", "buy"],
  ["Rent only please", "buy"],
  ["We don't want to buy, leasing is fine", "buy"],
  ["Buying is not an option for us", "buy"],
  ["buy only, no leasing", "lease"],
];

// Words that refuse no deal: a deal not needed, both ways, rent and term words, the premises had.
const NOT_REFUSALS = [
  "不买也行",
  "买不买都行",
  "租售均可",
  "租金不要太贵",
  "不要租期太短的",
  "目前租的厂房太小，想买",
  "先租后买",
  "不租不买", // both refused: none left to honour
  "lease or buy, either is fine",
  "not buying is fine too",
];

describe("the notes' refused deal is read (deal-refusal.ts)", () => {
  it.each(REFUSALS)("%j refuses %s", (notes, deal) => {
    const read = refusedDeals(notes);
    expect(read.map((r) => r.deal)).toEqual([deal]);
    // The flag's words, read again, say the same deal (the matcher reads the flag's text).
    expect(refusedDeals(read[0].text).map((r) => r.deal)).toEqual([deal]);
  });
  it.each(NOT_REFUSALS)("%j refuses nothing", (notes) => {
    expect(refusedDeals(notes)).toEqual([]);
  });
});

function parse(notes: string, channel: LeadChannel, deal: string) {
  const base = validLeadJson();
  const r = createLeadSchema("zh", channel, { now: () => NOW }).safeParse({ ...base, need: { ...base.need, deal, notes } });
  if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
  return r.data.lead;
}

describe("every channel stores the refusal as a dealRefused flag", () => {
  it.each(REFUSALS.slice(0, 12))("%j: api and hotline", (notes) => {
    for (const [channel, deal] of [
      ["api", "either"],
      ["hotline", ""],
    ] as const) {
      const stored = parse(notes, channel, deal);
      const flags = leadFlags(stored).filter((f) => f.code === "dealRefused");
      expect(flags).toHaveLength(1);
      expect(flags[0].field).toBe("need.deal");
      expect(notes).toContain(flags[0].text);
    }
  });
  it("says the flag to staff in zh and en", () => {
    const flag = { field: "need.deal", code: "dealRefused" as const, text: "只租不买" };
    expect(describeFlag("zh", flag)).toBe("企业明确不要的租售方式（不会推荐）：只租不买");
    expect(describeFlag("en", flag)).toBe("A deal the enterprise rules out (never suggested): 只租不买");
  });
});

const refusing = (n: MatchNeed, text: string): MatchNeed => ({ ...n, flags: [{ field: "need.deal", code: "dealRefused", text }] });
const base = { kind: "factory", industry: "C29", min: 3000, max: 5000, tax: 50 } as const;
const forSale = space({ id: "SALE-1", title: "出售厂房", areaSqm: 4000, deals: ["buy"] });
const toLet = space({ id: "LET-1", title: "出租厂房", areaSqm: 4000, deals: ["lease"], ceilingM: 7 });

function advice(n: MatchNeed) {
  const excluded = explainExclusions(n, [forSale, toLet], new Set(), { perPark: 5 });
  const scripts = (["zh", "en"] as const).map((lng) => callbackScript("PM-20261205-0009", excluded, lng)).join("\n");
  return { excluded, scripts, near: nearestMisses(excluded, 10).map((e) => e.spaceId) };
}

describe("no advice toward a refused deal", () => {
  for (const [typed] of REFUSALS.filter(([, d]) => d === "buy").slice(0, 6)) {
    it(`lease, ${JSON.stringify(typed)}: the space for sale is no near miss, no "若租买均可", the refusal said`, () => {
      const n = refusing(lead({ ...base, deal: "lease", ceiling: 8 }), refusedDeals(typed)[0].text);
      const { excluded, scripts, near } = advice(n);
      const sale = excluded.find((e) => e.spaceId === "SALE-1")!;
      expect(sale.suggestion).toBeNull();
      expect(sale.near).toBe(false);
      expect(sale.reasons[0].zh).toBe(`租售方式 仅购买，企业已明确不要购买（“${refusedDeals(typed)[0].text}”）`);
      expect(sale.reasons[0].en).toContain("ruled out");
      expect(near).toEqual(["LET-1"]);
      expect(scripts).not.toMatch(/租买均可|lease or buy|出售厂房/);
      // What is not refused is still advised.
      expect(scripts).toContain("层高要求放宽到 7m 可匹配");
    });
  }

  it("without the refusal the space for sale is advised as before (the guard)", () => {
    const { near, scripts } = advice(lead({ ...base, deal: "lease", ceiling: 8 }));
    expect(near.sort()).toEqual(["LET-1", "SALE-1"]);
    expect(scripts).toContain("若租买均可，可匹配");
  });

  it("buy refused, a lease-only space: the same the other way", () => {
    const n = refusing(lead({ ...base, deal: "buy" }), "只买不租");
    const { excluded, near } = advice(n);
    const let1 = excluded.find((e) => e.spaceId === "LET-1")!;
    expect(let1.suggestion).toBeNull();
    expect(let1.near).toBe(false);
    expect(let1.reasons[0].zh).toBe("租售方式 仅租赁，企业已明确不要租赁（“只买不租”）");
    expect(near).toEqual([]);
  });

  it('box "either", notes refuse buying: a space for sale only is no match, and never advised', () => {
    const n = refusing(lead({ ...base, deal: "either" }), "只租不买");
    const matched = rankMatches(n, [forSale, space({ id: "LET-2", areaSqm: 4000, deals: ["lease"] })]).map((m) => m.spaceId);
    expect(matched).toEqual(["LET-2"]);
    const { excluded, near } = advice(n);
    expect(excluded.find((e) => e.spaceId === "SALE-1")?.near).toBe(false);
    expect(near).not.toContain("SALE-1");
    // Without the refusal "either" takes it.
    expect(rankMatches(lead({ ...base, deal: "either" }), [forSale]).map((m) => m.spaceId)).toEqual(["SALE-1"]);
  });
});

describe("the refused deal is shown beside the need (staff pages)", () => {
  it("zh and en, after the places", () => {
    const stored = {
      flags: [
        { field: "need.notes", code: "placeExcluded", text: "高淳" },
        { field: "need.deal", code: "dealRefused", text: "只租不买" },
      ],
    };
    expect(leadRefusals(stored, "zh")).toEqual({ label: "企业明确不要", text: "区域 高淳；购买（“只租不买”）" });
    expect(leadRefusals(stored, "en")?.text).toBe('places: 高淳; buying ("只租不买")');
    expect(leadRefusals({ flags: [{ field: "need.deal", code: "dealRefused", text: "lease only, not buying" }] }, "en")).toEqual({
      label: "Ruled out by the enterprise",
      text: 'buying ("lease only, not buying")',
    });
  });
});
