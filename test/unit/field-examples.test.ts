import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors } from "../../app/domain/lead-schema";
import { validLeadJson } from "../support/leads";

// Fix 3, defect 3: 层高9米 was refused with "例如 5000、5千 或 ５０００" — a 5000-style example for a height
// in metres, and the field's own name before the figure made it unreadable. Each figure's example is in
// its own unit, and its name typed before the figure is read past.
function parse(lng: "zh" | "en", group: "need" | "tax", field: string, value: unknown) {
  const body = { ...validLeadJson(), consent: true } as unknown as Record<string, Record<string, unknown>>;
  body[group] = { ...body[group], [field]: value };
  const r = createLeadSchema(lng, "api").safeParse(body);
  return r.success
    ? { value: (r.data as unknown as { lead: Record<string, Record<string, unknown>> }).lead[group][field] }
    : { errors: issuesToFieldErrors(r.error) };
}

describe("a figure's example fits its unit", () => {
  it.each([
    ["need", "ceilingMinM", "高高", /例如 9 或 9米/, /e\.g\. 9 or 9 m/],
    ["need", "ceilingMinM", "层高很高", /例如 9 或 9米/, /e\.g\. 9 or 9 m/],
    ["tax", "investmentWan", "1e9", /500万/, /500万/],
    ["tax", "annualOutputWan", "很多", /500万/, /500万/],
    ["need", "powerMinKva", "大", /千伏安/, /kVA/],
    ["need", "craneMinT", "大", /10吨/, /10 t/],
    ["need", "floorLoadMinKg", "重", /承重/, /floor load/],
  ] as const)("%s.%s = %s", (group, field, value, zh, en) => {
    const zhErr = parse("zh", group, field, value).errors?.[`${group}.${field}`]?.[0];
    const enErr = parse("en", group, field, value).errors?.[`${group}.${field}`]?.[0];
    expect(zhErr).toMatch(zh);
    expect(zhErr).not.toMatch(/5000/);
    expect(enErr).toMatch(en);
  });

  it.each([
    ["need", "ceilingMinM", "层高9米", 9],
    ["need", "ceilingMinM", "层高九米", 9],
    ["need", "ceilingMinM", "层高：12m", 12],
    ["need", "ceilingMinM", "净高 8.5 米", 8.5],
    ["need", "powerMinKva", "配电1000千伏安", 1000],
    ["need", "craneMinT", "行车10吨", 10],
  ] as const)("the field's own name before the figure: %s.%s = %s", (group, field, value, expected) => {
    expect(parse("zh", group, field, value)).toEqual({ value: expected });
  });
});
