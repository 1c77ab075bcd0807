import { describe, expect, it } from "vitest";

import { createLeadSchema } from "~/domain/lead-schema";

import { validLeadJson } from "../support/leads";

// Trial 39 L11: "5000-8000万" in the investment or output box was refused while the tax box took the lower figure of a range
// (ADR 168). One rule for every money box (docs/decisions/189): the lower figure stored, the range kept as an `amountRange` flag.
const parse = (tax: Record<string, unknown>, lng: "zh" | "en" = "zh", channel: "web" | "api" = "web") => {
  const body = validLeadJson() as { tax: Record<string, unknown> };
  return createLeadSchema(lng, channel).safeParse({ ...body, tax: { ...body.tax, ...tax } });
};

describe("a range in the investment and output boxes is its lower figure, as in the tax box", () => {
  it.each([
    ["investmentWan", "5000-8000万", 5000],
    ["investmentWan", "5000到8000万", 5000],
    ["investmentWan", "5000～8000", 5000],
    ["investmentWan", "1~2亿", 10000],
    ["annualOutputWan", "3000-5000万", 3000],
    ["annualOutputWan", "三到五千万", 3000],
    ["annualOutputWan", "2亿到3亿", 20000],
  ])("%s %s → %d, the range kept", (key, typed, wan) => {
    const r = parse({ [key]: typed });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.lead.tax).toMatchObject({ [key]: wan });
    expect(r.data.lead.flags).toContainEqual({ field: `tax.${key}`, code: "amountRange", text: typed });
  });

  it("both boxes and the tax box at once: each its own", () => {
    const r = parse({ annualTaxWan: "800-1000", investmentWan: "5000-8000万", annualOutputWan: "1-2亿" }, "en", "api");
    expect(r.success && r.data.lead.tax).toMatchObject({ annualTaxWan: 800, investmentWan: 5000, annualOutputWan: 10000 });
    expect(r.success && r.data.lead.flags.filter((f) => f.code === "amountRange" || f.code === "taxRange").length).toBe(3);
  });

  it.each([
    ["investmentWan", "8000-5000万"],
    ["annualOutputWan", "每亩300-500万"],
  ])("still refused: %s %s (a reversed range, a range per mu)", (key, typed) => expect(parse({ [key]: typed }).success).toBe(false));

  it("a single figure keeps no flag", () => {
    const r = parse({ investmentWan: "5000万" });
    expect(r.success && r.data.lead.flags.some((f) => f.code === "amountRange")).toBe(false);
  });
});
