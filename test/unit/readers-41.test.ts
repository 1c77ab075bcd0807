import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors } from "~/domain/lead-schema";
import { readMoveIn } from "~/domain/move-in";
import { extractMoney } from "~/domain/need-money";
import { parseNeedText } from "~/domain/need-text";
import { notesNotRead } from "~/domain/notes-not-read";
import { amountRangeRows, amountsFromNotesOf } from "~/leads/amount-ranges-said";
import { notRead } from "~/leads/lead-view.server";

import { validLeadJson } from "../support/leads";

// Session 41 (readers41): how the lead form's boxes and its notes are read — docs/decisions/203.

const AT = new Date("2026-12-05T04:00:00Z");

type Body = { need: Record<string, unknown>; tax: Record<string, unknown> };
function parse(need: Record<string, unknown>, tax: Record<string, unknown> = {}, lng: "zh" | "en" = "zh") {
  const body = structuredClone(validLeadJson()) as unknown as Body;
  body.need = { kind: "factory", deal: "lease", areaMin: "3000", ...need };
  body.tax = { annualTaxWan: 300, ...tax };
  return createLeadSchema(lng, "api", { now: () => AT }).safeParse(body);
}
function lead(need: Record<string, unknown>, tax: Record<string, unknown> = {}, lng: "zh" | "en" = "zh") {
  const r = parse(need, tax, lng);
  if (!r.success) throw new Error(JSON.stringify(issuesToFieldErrors(r.error)));
  return r.data;
}
function areaError(typed: string, lng: "zh" | "en") {
  const r = parse({ areaMin: typed }, {}, lng);
  if (r.success) return null;
  return issuesToFieldErrors(r.error)["need.areaMin"]?.[0] ?? null;
}
const notReadOf = (notes: string, need: Record<string, unknown> = {}, tax: Record<string, unknown> = {}) => {
  const l = lead({ notes, ...need }, tax, /[a-z]/i.test(notes) && !/\p{Script=Han}/u.test(notes) ? "en" : "zh").lead;
  return notRead(l.need as never, l.flags, AT);
};

describe("item 1: an area box that reads as no area says what was typed and what to write, in the person's language", () => {
  it.each<[string, string[], string[]]>([
    // 坪: Taiwan's and Japan's ping (400/121 ㎡), or 平 mistyped by pinyin: both said, with the ㎡ it comes to.
    ["500坪", ["“500坪”", "1653", "“500平”"], ["“500坪”", "1653", "“500 sqm”"]],
    ["五百坪", ["“五百坪”", "1653"], ["“五百坪”", "1653"]],
    // A count of buildings or rooms: the count's own box named.
    ["3栋", ["“3栋”", "几栋/几处"], ["“3栋”", "How many buildings/units"]],
    ["20间", ["“20间”", "数量"], ["“20间”", "count"]],
    ["2层", ["“2层”", "楼层"], ["“2层”", "storeys"]],
    // A length: the square metres it may have meant.
    ["5000米", ["“5000米”", "长度", "“5000平”"], ["“5000米”", "length", "“5000 sqm”"]],
    // A word we do not know after the figure.
    ["500方块", ["“500方块”", "“方块”"], ["“500方块”", "“方块”"]],
    // No figure at all: what was typed, and how to write an area.
    ["大一点的", ["“大一点的”", "5000"], ["“大一点的”", "5000"]],
  ])("%j", (typed, zh, en) => {
    const z = areaError(typed, "zh");
    const e = areaError(typed, "en");
    for (const w of zh) expect(z).toContain(w);
    for (const w of en) expect(e).toContain(w);
    // No Chinese sentence on an English page: only the words typed, quoted, and a unit's own name in brackets ("ping (坪)").
    expect(e!.replace(/“[^”]*”|\(坪\)/gu, "")).not.toMatch(/\p{Script=Han}/u);
  });

  it("an area read stays read: 5000平米, 1.5万平, 50亩, 两千平左右, 5000 m2", () => {
    for (const typed of ["5000平米", "1.5万平", "50亩", "两千平左右", "5000 m2", "一千五百平"]) expect(areaError(typed, "zh")).toBeNull();
  });
});

describe("item 2: the investment and output the notes give fill their blank boxes (docs/decisions/203)", () => {
  it.each<[string, Record<string, unknown>]>([
    ["投资5000-8000万", { investmentWan: 5000 }],
    ["预计投资1亿元", { investmentWan: 10000 }],
    ["总投资额2亿，年产值5000万", { investmentWan: 20000, annualOutputWan: 5000 }],
    ["年产值5000万", { annualOutputWan: 5000 }],
    ["预计年产值一亿", { annualOutputWan: 10000 }],
    ["total investment 50 million yuan", { investmentWan: 5000 }],
    ["annual output 100 million RMB", { annualOutputWan: 10000 }],
  ])("%j → %j, not listed as not read", (notes, tax) => {
    const l = lead({ notes }).lead;
    expect(l.tax).toMatchObject(tax);
    expect(notRead(l.need as never, l.flags, AT)).toEqual([]);
  });

  it("a range fills its lower figure and is told (amountRange), said back on the confirmation page", () => {
    const { lead: l, assist } = lead({ notes: "投资5000-8000万" });
    expect(l.flags).toContainEqual({ field: "tax.investmentWan", code: "amountRange", text: "投资5000-8000万" });
    expect(assist).toContainEqual({ field: "tax.investmentWan", value: 5000, text: "投资5000-8000万" });
  });

  it("a single figure is said back with the words it came from", () => {
    const { lead: l, assist } = lead({ notes: "预计投资1亿元" });
    const rows = amountRangeRows("zh", amountsFromNotesOf(l.tax as Record<string, unknown>, assist, l.flags));
    expect(rows).toEqual([["计划总投资", "10000 万元（从补充说明“预计投资1亿元”读出）"]]);
    const en = amountRangeRows("en", amountsFromNotesOf(l.tax as Record<string, unknown>, assist, l.flags));
    expect(en[0][1]).toContain("read from your notes: “预计投资1亿元”");
  });

  it("a typed box is never overridden: the same figure is read, another one told (notesDiffer)", () => {
    const same = lead({ notes: "预计投资1亿元" }, { investmentWan: "10000" }).lead;
    expect(same.tax.investmentWan).toBe(10000);
    expect(same.flags.filter((f) => f.field === "tax.investmentWan")).toEqual([]);
    expect(notRead(same.need as never, same.flags, AT)).toEqual([]);
    const other = lead({ notes: "预计投资1亿元" }, { investmentWan: "5000" }).lead;
    expect(other.tax.investmentWan).toBe(5000);
    expect(other.flags).toContainEqual({ field: "tax.investmentWan", code: "notesDiffer", text: "预计投资1亿元 ≠ 5000万元" });
  });

  it("per mu, registered capital and a tonnage fill nothing; per mu is told", () => {
    const perMu = lead({ notes: "亩均投资300万" }).lead;
    expect(perMu.tax.investmentWan).toBeUndefined();
    expect(perMu.flags.map((f) => f.code)).toContain("unread");
    expect(lead({ notes: "注册资本1000万" }).lead.tax.investmentWan).toBeUndefined();
    expect(lead({ notes: "年产5万吨" }).lead.tax.annualOutputWan).toBeUndefined();
  });

  it("the annual tax said in the notes beside the same figure in the box is read (not listed)", () => {
    expect(notReadOf("年纳税300万", {}, { annualTaxWan: "300" })).toEqual([]);
  });
});

describe("item 4: urgency is read alike in both languages", () => {
  it.each([
    "越快越好",
    "越早越好",
    "尽快",
    "ASAP",
    "We need it ASAP",
    "as soon as possible",
    "urgently",
    "immediately",
    "right away",
    "the sooner the better",
  ])("%j → this month", (words) => {
    expect(readMoveIn(words, AT)).toEqual({ ok: true, month: "2026-12" });
  });
  it.each([
    ["within a month", "2027-01"],
    ["within two months", "2027-02"],
    ["一个月内", "2027-01"],
  ])("%j → %s", (words, month) => {
    expect(readMoveIn(words, AT)).toEqual({ ok: true, month });
  });
  it("the notes: an English urgency clause is read as the Chinese one is", () => {
    expect(lead({ notes: "We need it ASAP" }, {}, "en").lead.need.moveInBy).toBe("2026-12");
    expect(notReadOf("We need it ASAP")).toEqual([]);
    expect(notReadOf("越快越好")).toEqual([]);
  });
});

describe("item 5: a word a reader took a part of is weighed whole (no per-character glue)", () => {
  it("租金预算: the deal reader took 租; the word 租金 is glue as a word, no 金 of its own", () => {
    const { found, budget } = parseNeedText("租金预算2万/月", AT, [extractMoney], "factory");
    expect(notesNotRead("租金预算2万/月", [...found.map((f) => f.text), ...budget])).toEqual([]);
  });
  it("金 alone is no glue: a clause of a figure read and 金 left is listed", () => {
    expect(notesNotRead("要5000平 金", ["5000平"])).toEqual(["要5000平 金"]);
  });
});

describe("item 6: a list the notes fill is never half as typed, half standardised (docs/decisions/203)", () => {
  it.each<[string, string[], string[]]>([
    // Latin letters, pinyin, Traditional: every place of the list by its standard name.
    ["Gaochun or Lishui", ["高淳区", "溧水区"], ["320117", "320118"]],
    ["在高淳區或者溧水，5000平", ["高淳区", "溧水区"], ["320117", "320118"]],
    ["in Pukou, Jiangning or Liuhe", ["浦口区", "江宁区", "六合区"], ["320111", "320115", "320116"]],
    // Written in Simplified Chinese: the person's words, as before (ADR 072).
    ["高淳或者溧水都行", ["高淳", "溧水"], ["320117", "320118"]],
  ])("%j → %j", (notes, regions, codes) => {
    const l = lead({ notes, regions: [] }, {}, /[a-z]/i.test(notes) ? "en" : "zh").lead;
    expect(l.need.regions).toEqual(regions);
    expect(l.need.regionCodes).toEqual(codes);
  });
  it("the regions box is kept as typed (ADR 017)", () => {
    expect(lead({ regions: "高淳、溧水" }).lead.need.regions).toEqual(["高淳", "溧水"]);
  });
});

describe("item 3: a place said as nearness is read as the place, and away from it rules it out", () => {
  it.each<[string, string[], string[]]>([
    ["江宁不要太远", ["320115"], []],
    ["离江宁近一点", ["320115"], []],
    ["要5000平，离浦口近些", ["320111"], []],
    // "Not too expensive" in 江宁区 is no refusal of 江宁区 (it stays the place wanted).
    ["江宁区的厂房不要太贵", ["320115"], []],
    // Away from it: ruled out, never read as near (its opposite).
    ["远离江宁，浦口可以", ["320111"], ["江宁"]],
    ["不要靠近江宁，浦口可以", ["320111"], ["江宁"]],
  ])("%j → codes %j, ruled out %j", (notes, codes, out) => {
    const l = lead({ notes, regions: [] }).lead;
    expect(l.need.regionCodes).toEqual(codes);
    expect(l.flags.filter((f) => f.code === "placeExcluded").map((f) => f.text)).toEqual(out);
    expect(notRead(l.need as never, l.flags, AT)).toEqual([]);
  });
});

describe("probes: words around a figure read that say nothing of their own are read whole", () => {
  it.each([
    ["层高6米就够了", { ceilingMinM: 6 }],
    ["呃我们想要那个五千平左右的厂房啊", { areaMinSqm: 4500, areaMaxSqm: 5500 }],
    ["no lower than 8m clear height", { ceilingMinM: 8 }],
    ["We urgently need a 5000 sqm factory", { areaMinSqm: 4500 }],
  ])("%j", (notes, need) => {
    const l = lead({ notes, ...("areaMinSqm" in need ? { areaMin: "" } : {}) }, {}, /[a-z]/i.test(notes) ? "en" : "zh").lead;
    expect(l.need).toMatchObject(need);
    expect(notRead(l.need as never, l.flags, AT)).toEqual([]);
  });
});
