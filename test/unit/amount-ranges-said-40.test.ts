import { describe, expect, it } from "vitest";

import { createLeadSchema } from "~/domain/lead-schema";
import { amountRangeRows, amountRangesOf } from "~/leads/amount-ranges-said";

import { validLeadJson } from "../support/leads";

// readers40 item 6: the investment and output boxes typed as a range ("5000-8000万") were stored as their lower figure with an
// `amountRange` flag (ADR 189) — told to the staff, never said back to the person. The confirmation page now says them as the tax
// box's range is (ADR 168): the figure stored, and the range it came from.

function saved(tax: Record<string, unknown>) {
  const r = createLeadSchema("zh", "api").safeParse({ ...(validLeadJson() as object), tax: { annualTaxWan: 300, ...tax } });
  if (!r.success) throw new Error("refused");
  return r.data.lead;
}
const rows = (tax: Record<string, unknown>, lng: "zh" | "en") => {
  const lead = saved(tax);
  return amountRangeRows(lng, amountRangesOf(lead.tax as Record<string, unknown>, lead.flags));
};

describe("the investment and output ranges are said back on the confirmation page", () => {
  it.each<[Record<string, unknown>, [string, string][]]>([
    [{ investmentWan: "5000-8000万" }, [["计划总投资", "5000 万元（您给的是范围“5000-8000万”，按较低的数）"]]],
    [{ investmentWan: "5000到8000" }, [["计划总投资", "5000 万元（您给的是范围“5000到8000”，按较低的数）"]]],
    [{ annualOutputWan: "1-2亿" }, [["预计年产值", "10000 万元/年（您给的是范围“1-2亿”，按较低的数）"]]],
    [
      { investmentWan: "3000~5000", annualOutputWan: "8000-10000万" },
      [
        ["计划总投资", "3000 万元（您给的是范围“3000~5000”，按较低的数）"],
        ["预计年产值", "8000 万元/年（您给的是范围“8000-10000万”，按较低的数）"],
      ],
    ],
  ])("%j → %j", (tax, want) => {
    const got = rows(tax, "zh").map(([l, t]) => [l, t.replace(/\u00a0/gu, " ")]);
    expect(got).toEqual(want.map(([l, t]) => [l, t.replace(/(\d) 万/gu, "$1 万")]));
  });

  it("in English too", () => {
    const got = rows({ investmentWan: "5000-8000万" }, "en");
    expect(got[0][0]).toBe("Planned investment");
    expect(got[0][1].replace(/\u00a0/gu, " ")).toBe("CNY 50 million (you gave the range “5000-8000万”; its lower figure is taken)");
  });

  it.each([{ investmentWan: 5000 }, { annualOutputWan: "8000万" }, {}])("%j: a single figure is no range, no row", (tax) =>
    expect(rows(tax, "zh")).toEqual([]),
  );
});
