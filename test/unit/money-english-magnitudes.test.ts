import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors } from "~/domain/lead-schema";
import { parseWan } from "~/domain/money";
import { extractMoney } from "~/domain/need-money";
import { parseNeedText } from "~/domain/need-text";

import { validLeadJson } from "../support/leads";

// ADR 149 (trial of 12-05): "3 million yuan" in the English tax box (its unit 10k CNY) was refused, though
// "3000000元" and "300万" were read. English magnitudes are read as the amount in 元 they say; what is truly
// ambiguous is still refused.
const NOW = () => new Date("2026-12-05T06:00:00Z");
type Body = { need: Record<string, unknown>; tax: Record<string, unknown> };
function taxBox(typed: string, lng: "zh" | "en") {
  const body = structuredClone(validLeadJson()) as unknown as Body;
  body.tax.annualTaxWan = typed;
  const r = createLeadSchema(lng, "web", { now: NOW }).safeParse(body);
  return r.success ? r.data.lead.tax.annualTaxWan : { refused: issuesToFieldErrors(r.error)["tax.annualTaxWan"]?.[0] };
}

const notes = (text: string) => parseNeedText(text, NOW(), [extractMoney]);

describe("English money in 万元", () => {
  it.each<[string, number]>([
    ["3 million yuan", 300],
    ["3 Million Yuan", 300],
    ["3m yuan", 300],
    ["3m", 300],
    ["3M", 300],
    ["3 mn", 300],
    ["3mln RMB", 300],
    ["RMB 3 million", 300],
    ["CNY 3 million", 300],
    ["¥3 million", 300],
    ["3 million RMB", 300],
    ["3 million 元", 300],
    ["2.5 million", 250],
    ["1,500 thousand yuan", 150],
    ["500k", 50],
    ["500K yuan", 50],
    ["500 thousand", 50],
    ["1.2 billion", 120_000],
    ["1bn yuan", 100_000],
    ["３ ｍｉｌｌｉｏｎ ｙｕａｎ", 300], // full-width
    ["3000000 yuan", 300],
    ["3,000,000 yuan", 300],
    // As before
    ["300", 300],
    ["300万", 300],
    ["3000000元", 300],
  ])("%j → %s 万元", (typed, wan) => expect(parseWan(typed)).toBe(wan));

  it.each([
    "3 million万", // two magnitudes
    "300万 million",
    "$3 million", // another currency
    "USD 3m",
    "3 million dollars",
    "three million", // spelt out
    "3 m2", // an area
    "3 mm",
    "3 3 million", // two numbers
    "m",
    "million",
  ])("%j is not read", (typed) => expect(parseWan(typed)).toBeNull());

  it("the English tax box takes them; the Chinese one too (the same rule)", () => {
    expect(taxBox("3 million yuan", "en")).toBe(300);
    expect(taxBox("RMB 3 million", "en")).toBe(300);
    expect(taxBox("3m yuan", "zh")).toBe(300);
    expect(taxBox("3 million dollars", "en")).toEqual({ refused: expect.stringMatching(/10,000 yuan/) });
  });

  it("the notes read an English annual tax with its magnitude", () => {
    expect(notes("factory about 3000 sqm, annual tax 3 million yuan").hints.annualTaxWan).toBe(300);
    expect(notes("annual tax 2.5 million").hints.annualTaxWan).toBe(250);
    expect(notes("annual tax 300万").hints.annualTaxWan).toBe(300);
    expect(notes("年纳税三百万").hints.annualTaxWan).toBe(300);
    // "3m" in free text may be metres: not money there.
    expect(notes("ceiling 3m, annual tax unknown").hints.annualTaxWan).toBeUndefined();
  });
});
