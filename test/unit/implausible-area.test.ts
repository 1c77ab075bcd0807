import { describe, expect, it } from "vitest";

import { leadFlags } from "~/domain/lead-flags";
import { createLeadSchema } from "~/domain/lead-schema";
import { describeFlag } from "~/i18n/flag-messages";

import { validLeadJson } from "../support/leads";

// An area that passes the field's limits but no sanity check — "3" (3 ㎡; "3.000", a European thousands point, is refused
// as unclear since docs/decisions/153), "10万亩" (66.7 km² for one enterprise), 0 — was stored and matched without a word to the
// recruiter, as tax figures like it already are flagged (field-limits.ts PLAUSIBLE_MAX).
const parse = (need: Record<string, unknown>) => {
  const lead = validLeadJson();
  const r = createLeadSchema("zh", "api").safeParse({ ...lead, need: { kind: "factory", deal: "lease", areaUnit: "sqm", ...need } });
  if (!r.success) throw new Error(JSON.stringify(r.error.issues));
  return leadFlags(r.data.lead).filter((f) => f.code === "implausible");
};

describe("an implausible area is kept as typed and flagged to the recruiter", () => {
  it.each([
    [{ areaMin: "3" }, "need.areaMin"],
    [{ areaMin: 0, areaMax: 5 }, "need.areaMax"],
    [{ areaMin: "10万亩" }, "need.areaMin"],
    [{ areaMax: "2万亩" }, "need.areaMax"],
    [{ notes: "要10万亩地" }, "need.areaMin"],
  ])("%j", (need, field) => {
    const flags = parse(need);
    expect(flags.map((f) => f.field)).toContain(field);
    const flag = flags.find((f) => f.field === field)!;
    expect(describeFlag("zh", flag)).toMatch(/^面积异常，需核实：/);
    expect(describeFlag("en", flag)).toMatch(/^The area looks implausible, please check: /);
  });

  it.each([{ areaMin: 5000 }, { areaMin: "50亩" }, { areaMin: 20, areaMax: 200 }, { areaMin: "1000亩" }])("%j: no flag", (need) => {
    expect(parse(need)).toEqual([]);
  });
});
