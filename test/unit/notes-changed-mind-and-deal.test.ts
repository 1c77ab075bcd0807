import { describe, expect, it } from "vitest";

import { leadFlags } from "../../app/domain/lead-flags";
import { createLeadSchema, issuesToFieldErrors, type LeadChannel } from "../../app/domain/lead-schema";
import { extractMoney } from "../../app/domain/need-money";
import { parseNeedText } from "../../app/domain/need-text";
import { describeFlag } from "../../app/i18n/flag-messages";
import { ASSIST_FORM_FIELDS, assistPreview } from "../../app/leads/assist-preview";
import { validLeadJson } from "../support/leads";

// docs/decisions/109: a mind changed in the notes — the newer figure is the need, the older neither a
// bound, nor "not understood", nor a disagreement — for every figure the notes give (area, ceiling, floor
// load, power, crane, tax, move-in); and the deal (lease/buy) read from the notes, negations included.

const NOW = new Date("2026-12-04T03:00:00Z"); // 11:00 on 4 December 2026 in China
const read = (notes: string) => parseNeedText(notes, NOW, [extractMoney]);

type Json = Record<string, unknown>;
function parse(need: Json, channel: LeadChannel = "hotline", tax: Json = {}) {
  const base = validLeadJson();
  const r = createLeadSchema("zh", channel, { now: () => NOW }).safeParse({
    ...base,
    need: { ...base.need, ...need },
    tax: { ...base.tax, ...tax },
  });
  if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
  return r.data.lead;
}
/** A need with nothing typed in the figure boxes: the notes alone say it. */
const BLANK = { areaMin: "", areaMax: "", ceilingMinM: "", floorLoadMinKg: "", powerMinKva: "", craneMinT: "", moveInBy: "" };

describe("a mind changed: the newer area is the need, the older no bound and no doubt", () => {
  it.each<[string, number]>([
    ["原来要5000平，现在要3000平", 3000],
    ["想换厂房，从8000平到3000平", 3000],
    ["想换个小点的厂房，面积从8000平到3000平", 3000],
    ["之前说5000平，改成3000平", 3000],
    ["5000平不要了，3000平就够", 3000],
    ["5000平的不用了，3000平就行", 3000],
    ["由5000平调整为3000平", 3000],
    ["面积由8000平降到3000平", 3000],
    ["面积改为3000平（原5000平）", 3000],
    ["面积3000平（原为5000平）", 3000],
    ["5000平改成3000平", 3000],
    ["5000平→3000平", 3000],
    ["原来要5000平，现在3000平左右", 3000],
    ["本来想要一万平，后来改成六千平", 6000],
    ["一开始说要5000平，其实3000平就够了", 3000],
    ["现在要3000平，原来要5000平", 3000],
    ["原计划5000平，现需3000平", 3000],
    ["原來要5000平，現在要3000平", 3000],
    ["was 5000 sqm, now 3000", 3000],
    ["was 5000 sqm, now 3000 sqm", 3000],
    ["originally 3000 sqm, now 5000 sqm", 5000],
    ["previously 8000 sqm, changed to 3000 sqm", 3000],
    ["原来要20亩，现在要30亩", 20000],
  ])("%j → about %d ㎡, nothing unread", (notes, sqm) => {
    const { hints, unread } = read(notes);
    expect([hints.areaMinSqm, hints.areaMaxSqm]).toEqual([Math.round(sqm * 0.9), Math.round(sqm * 1.1)]);
    expect(unread).toEqual([]);
  });

  it.each<[string, [number, number]]>([
    ["面积从3000到5000平都可以", [3000, 5000]],
    ["想换厂房，面积从3000到5000平都可以", [3000, 5000]],
    ["想换厂房，3000到5000平之间", [3000, 5000]],
    ["搬迁，要3000-5000平", [3000, 5000]],
  ])("%j: a range stays a range", (notes, range) => {
    const { hints } = read(notes);
    expect([hints.areaMinSqm, hints.areaMaxSqm]).toEqual(range);
  });

  it.each<[string, number]>([
    ["原来要5000平", 5000], // no newer figure: still the need
    ["年底之前要5000平，现在的厂房太小", 5000], // 之前 of a deadline is no "before"
    ["以后要扩到5000平", 5000],
  ])("%j: no change of mind → about %d ㎡", (notes, sqm) => {
    const { hints } = read(notes);
    expect([hints.areaMinSqm, hints.areaMaxSqm]).toEqual([Math.round(sqm * 0.9), Math.round(sqm * 1.1)]);
  });
});

describe("a mind changed, the other figures the notes give", () => {
  it.each<[string, string, number]>([
    ["层高原来要8米，现在要10米", "ceilingMinM", 10],
    ["层高原为8米，现需10米", "ceilingMinM", 10],
    ["层高8米改成10米", "ceilingMinM", 10],
    ["ceiling was 8 m, now 10", "ceilingMinM", 10],
    ["配电原来要500kva，现在要1000kva", "powerMinKva", 1000],
    ["配电原来说500千伏安，现在要1000", "powerMinKva", 1000],
    ["配电500kva提高到1000kva", "powerMinKva", 1000],
    ["power was 500 kVA, now 1250 kVA", "powerMinKva", 1250],
    ["承重原来3吨，改成5吨", "floorLoadMinKg", 5000],
    ["原来要10吨行车，现在要20吨行车", "craneMinT", 20],
    ["原来要10吨行车，现在5吨就够", "craneMinT", 5],
    ["10吨行车不要了，5吨行车就够", "craneMinT", 5],
    ["原来说年纳税500万，现在300万", "annualTaxWan", 300],
    ["年纳税原来500万，现在要300万", "annualTaxWan", 300],
    ["原来年纳税500万，现在年纳税300万", "annualTaxWan", 300],
  ])("%j → %s %d, nothing unread", (notes, field, value) => {
    const { hints, unread } = read(notes);
    expect(hints[field as keyof typeof hints]).toBe(value);
    expect(unread).toEqual([]);
  });

  it.each<[string, string]>([
    ["原来说3月入驻，现在改成6月", "2027-06"],
    ["原来3月入驻，现在6月入驻", "2027-06"],
    ["之前说明年3月入驻，改成明年6月", "2027-06"],
    ["明年3月入驻改成明年6月", "2027-06"],
    ["入驻时间推迟到明年8月", "2027-08"],
  ])("move-in %j → %s", (notes, month) => {
    expect(read(notes).hints.moveInBy).toBe(month);
  });

  it("the figures read before are read as before", () => {
    expect(read("层高8米，配电500kva").hints).toMatchObject({ ceilingMinM: 8, powerMinKva: 500 });
    expect(read("现在年纳税300万").hints.annualTaxWan).toBeUndefined(); // the tax paid now (ADR 101)
    expect(read("现有厂房8000平太大，想换3000平").hints.areaMinSqm).toBe(2700);
  });
});

describe("through the schema: the newer figure is stored, the older never flagged", () => {
  it.each<[string, Json, number]>([
    ["原来要5000平，现在要3000平", {}, 2700],
    ["5000平不要了，3000平就够", {}, 2700],
    ["想换厂房，从8000平到3000平", {}, 2700],
  ])("%j fills blank boxes with the newer figure", (notes, _, min) => {
    const lead = parse({ ...BLANK, notes });
    expect([lead.need.areaMinSqm, lead.need.areaMaxSqm]).toEqual([min, 3300]);
    expect(leadFlags(lead).filter((f) => f.field.startsWith("need."))).toEqual([]);
  });

  it("a box holding the newer figure is no disagreement; the older is one", () => {
    const notes = "层高原来要8米，现在要10米";
    expect(leadFlags(parse({ ...BLANK, ceilingMinM: "10", notes }))).toEqual([]);
    expect(leadFlags(parse({ ...BLANK, ceilingMinM: "8", notes })).map((f) => f.code)).toEqual(["notesDiffer"]);
    const area = "原来要5000平，现在要3000平";
    expect(leadFlags(parse({ ...BLANK, areaMin: "3000", notes: area }))).toEqual([]);
  });
});

describe("the deal in the notes (lease / buy), negations read", () => {
  it.each<[string, "lease" | "buy" | "either"]>([
    ["租的", "lease"],
    ["只租不买", "lease"],
    ["租赁厂房", "lease"],
    ["不考虑购买", "lease"],
    ["不买，只租", "lease"],
    ["不买", "lease"],
    ["rent only", "lease"],
    ["no buying, rent only", "lease"],
    ["想买地", "buy"],
    ["购买", "buy"],
    ["不租", "buy"],
    ["不考虑租", "buy"],
    ["只买不租", "buy"],
    ["want to buy", "buy"],
    ["租或买都行", "either"],
    ["先租后买", "either"],
    ["租售均可", "either"],
    ["可租可售", "either"],
    ["买不买都行", "either"],
    ["租不租都可以", "either"],
    ["lease or buy", "either"],
  ])("%j → %s", (notes, deal) => {
    expect(read(notes).hints.deal).toBe(deal);
  });

  it.each(["不租不买", "目前租的8000平", "现在租的厂房太小", "采购原材料", "不考虑租，也不考虑买"])("%j → no deal", (notes) => {
    expect(read(notes).hints.deal).toBeUndefined();
  });

  it("current premises rented, the wish to buy: buy", () => {
    expect(read("现在租的厂房太小，想买地").hints.deal).toBe("buy");
  });

  it.each<[string, "lease" | "buy" | "either"]>([
    ["只租不买", "lease"],
    ["不考虑购买", "lease"],
    ["想买地", "buy"],
    ["不考虑租", "buy"],
    ["先租后买", "either"],
    ["", "either"],
    ["层高8米", "either"],
  ])("a blank deal box (the hotline) with notes %j → %s stored", (notes, deal) => {
    expect(parse({ ...BLANK, deal: undefined, notes }).need.deal).toBe(deal);
  });

  it("a chosen deal the notes refuse is never matched on (ADR 185): the other deal stored, the box told (zh, en)", () => {
    const lead = parse({ ...BLANK, areaMin: "3000", deal: "buy", notes: "只租不买" }, "api");
    expect(lead.need.deal).toBe("lease");
    // The refusal itself is a flag of its own since docs/decisions/162 (dealRefused), beside the box's.
    const flags = leadFlags(lead).filter((f) => f.code !== "dealRefused");
    expect(flags).toEqual([{ field: "need.deal", code: "dealBoxRefused", text: "只租不买 ≠ 购买（buy）" }]);
    expect(describeFlag("zh", flags[0])).toContain("租售方式");
    expect(describeFlag("en", flags[0])).toContain("deal ticked");
    expect(leadFlags(parse({ ...BLANK, areaMin: "3000", deal: "lease", notes: "只租不买" }, "api"))).toEqual([
      { field: "need.deal", code: "dealRefused", text: "只租不买" },
    ]);
  });

  it("the hotline form's preview says the deal it will store, only while the box is blank; the refusal always (ADR 168)", () => {
    expect(ASSIST_FORM_FIELDS).toContain("deal");
    expect(assistPreview("不考虑购买", new Set(), "zh", "factory").understood).toContain("租");
    expect(assistPreview("不考虑购买", new Set(["deal"]), "zh", "factory").understood).toBe("明确不要：购买（“不考虑购买”），不会推荐");
  });
});
