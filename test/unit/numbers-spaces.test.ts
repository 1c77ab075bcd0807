import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors } from "../../app/domain/lead-schema";
import { parseCount, parseWan } from "../../app/domain/money";
import { withoutSpaces } from "../../app/domain/numbers";
import { parseRentPerMonth } from "../../app/inventory/inventory-columns";
import { validLeadJson } from "../support/leads";

// A space between two digits is two numbers — "50 80" is a range said aloud, "20 30" a guess of heads —
// never one: money, head counts and the import's rents once dropped every space and stored 5080, 2030 and
// 2530 without a word, while the area, power and height fields refused the same typing.

describe("a figure typed with spaces", () => {
  it.each<[string, string | null]>([
    ["300 万", "300万"],
    [" 1.5 亿 ", "1.5亿"],
    ["¥ 5,000,000", "¥5,000,000"],
    ["50 80", null],
    ["50\u300080", null], // an ideographic space
    ["五 八", null],
    ["3000\t5000", null],
  ])("%j → %j", (typed, compact) => expect(withoutSpaces(typed)).toBe(compact));

  it("money and counts read one number, and refuse two", () => {
    expect(parseWan("300 万元")).toBe(300);
    expect(parseWan("¥ 5,000,000")).toBe(500);
    expect(parseWan("50 80")).toBeNull();
    expect(parseWan("500 800")).toBeNull();
    expect(parseCount("20 人")).toBe(20);
    expect(parseCount("20 30")).toBeNull();
    expect(parseRentPerMonth("25 元/㎡/月")).toBe(25);
    expect(parseRentPerMonth("25 30")).toBeNull();
  });

  it("the lead's tax and head count give the field's own message instead of a joined number", () => {
    const base = validLeadJson();
    for (const [field, typed] of [
      ["annualTaxWan", "50 80"],
      ["investmentWan", "3000 5000"],
      ["employees", "20 30"],
    ] as const) {
      const r = createLeadSchema("zh", "api").safeParse({ ...base, tax: { ...base.tax, [field]: typed } });
      expect(r.success, `${field}: ${typed}`).toBe(false);
      expect(Object.keys(issuesToFieldErrors(r.error!))).toEqual([`tax.${field}`]);
    }
  });
});
