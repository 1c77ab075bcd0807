import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors, type LeadChannel } from "../../app/domain/lead-schema";
import { taxBoxReading } from "../../app/leads/tax-reading";
import { validLeadJson } from "../support/leads";

// docs/decisions/162. Trial L5: the tax box typed in words ("年纳税三百万") was read, but nothing said back what it was
// read as. And "不确定" / "not sure yet" in the required box got "请填写…" (or "请输入金额"): no word of why a figure is
// asked, nor that a rough one will do.

const NOW = new Date("2026-12-05T03:00:00Z");

function parse(annualTaxWan: string, lng: "zh" | "en" = "zh", channel: LeadChannel = "web") {
  const base = validLeadJson();
  return createLeadSchema(lng, channel, { now: () => NOW }).safeParse({ ...base, tax: { ...base.tax, annualTaxWan } });
}

// [typed, 万元 read, zh amount, en amount]
const WORDS: [string, number, string, string][] = [
  ["年纳税三百万", 300, "300 万元/年", "CNY 3 million/year"],
  ["每年税收大概两千万左右", 2000, "2000 万元/年", "CNY 20 million/year"],
  ["tax about 3 million yuan", 300, "300 万元/年", "CNY 3 million/year"],
  ["约五百万", 500, "500 万元/年", "CNY 5 million/year"],
  ["一年纳税1200万元", 1200, "1200 万元/年", "CNY 12 million/year"],
  ["about 8 million yuan a year", 800, "800 万元/年", "CNY 8 million/year"],
  ["3 million yuan", 300, "300 万元/年", "CNY 3 million/year"],
  ["年纳税八十万", 80, "80 万元/年", "CNY 800,000/year"],
];

describe("the tax box typed in words is said back as read (zh, en)", () => {
  it.each(WORDS)("%j → %d 万元, said beside the box", (typed, wan, zh, en) => {
    const r = parse(typed);
    expect(r.success && r.data.lead.tax.annualTaxWan).toBe(wan);
    expect(taxBoxReading(typed, "zh")).toBe(`年纳税“${typed}”读作：${zh}`);
    // The English amount is held on one line by no-break spaces (money-format.ts).
    expect(taxBoxReading(typed, "en").replace(/\u00a0/g, " ")).toBe(`Annual tax “${typed}” is read as ${en}`);
  });
  it.each(["300", "1200.5", "", "  "])("%j: a bare figure or a blank says nothing back", (typed) => {
    expect(taxBoxReading(typed, "zh")).toBe("");
    expect(taxBoxReading(typed, "en")).toBe("");
  });
  // "200-300" is a range since docs/decisions/168: its lower figure, said so (test/unit/readers-37.test.ts).
  it.each(["50万/亩", "300-200", "很多", "lots"])("%j: not read as an amount, said so", (typed) => {
    expect(taxBoxReading(typed, "zh")).toBe(`年纳税“${typed}”未能读出金额，请填一个数（单位万元），例如 300`);
    expect(taxBoxReading(typed, "en")).toContain("could not be read as an amount");
  });
});

// DECISION (docs/decisions/162): the web form's tax box stays required (DESIGN.md); "don't know" is refused with why and what will do.
const UNKNOWN = [
  "不确定",
  "还不清楚",
  "暂时还不清楚",
  "还不确定呢",
  "不太清楚",
  "说不清",
  "not sure yet",
  "Not sure yet.",
  "we're not sure yet",
  "I don't know yet",
  "no idea",
  "still unknown",
];

describe('"not sure" in the required tax box: why a figure is asked, and what will do, in the person\'s language', () => {
  it.each(UNKNOWN)("%j (web, zh and en)", (typed) => {
    for (const lng of ["zh", "en"] as const) {
      const r = parse(typed, lng);
      expect(r.success).toBe(false);
      const errors = r.success ? {} : issuesToFieldErrors(r.error);
      expect(Object.keys(errors)).toEqual(["tax.annualTaxWan"]);
      const [message] = errors["tax.annualTaxWan"];
      if (lng === "zh") {
        expect(message).toContain("此项必填：园区按年纳税（亩均税收）的门槛招商");
        expect(message).toContain("请估一个大概的数（单位万元），例如 300 或“300万左右”");
      } else {
        expect(message).toContain("parks admit enterprises by annual tax");
        expect(message).toContain("give a rough figure in 10,000 yuan, e.g. 300");
      }
    }
    expect(taxBoxReading(typed, "zh")).toBe(""); // the field's message says it; no second line
  });
  it.each(UNKNOWN)("%j on the API (the box is optional there): stored as not given, never a 400", (typed) => {
    const r = parse(typed, "zh", "api");
    expect(r.success && r.data.lead.tax.annualTaxWan).toBeUndefined();
  });
  it("a rough figure as the message says is taken", () => {
    for (const typed of ["300", "300万左右", "about 300"]) expect(parse(typed).success).toBe(true);
  });
});
