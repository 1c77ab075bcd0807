import { describe, expect, it } from "vitest";

import { FIGURE_BOX_MAX } from "~/domain/field-limits";
import { createLeadSchema, issuesToFieldErrors, type LeadChannel } from "~/domain/lead-schema";

import { validLeadJson } from "../support/leads";

// Attack 12-05 (M1): a figure box of 20,000–60,000 characters ("1"×60000, "亩"×20000, "到"×20000) was read whole
// by every reader before its refusal, holding the web process 2–5 s a request. Every figure box of the need and
// the tax is now refused as too long before any reader sees it (docs/decisions/166), on its own field, on every
// channel, in the person's language.

const BOXES = [
  ["need", "areaMin"],
  ["need", "areaMax"],
  ["need", "unitCount"],
  ["need", "moveInBy"],
  ["need", "ceilingMinM"],
  ["need", "floorLoadMinKg"],
  ["need", "powerMinKva"],
  ["need", "craneMinT"],
  ["need", "singleStorey"],
  ["tax", "annualTaxWan"],
  ["tax", "investmentWan"],
  ["tax", "annualOutputWan"],
  ["tax", "employees"],
] as const;

const CHANNELS: LeadChannel[] = ["web", "api", "hotline"];

function errorsWith(group: "need" | "tax", field: string, value: string, lng: "zh" | "en", channel: LeadChannel) {
  const body = validLeadJson() as Record<string, Record<string, unknown>>;
  body[group] = { ...body[group], [field]: value };
  const r = createLeadSchema(lng, channel).safeParse(body);
  return r.success ? {} : issuesToFieldErrors(r.error);
}

describe("a figure box longer than any figure is refused as too long, unread", () => {
  it.each(BOXES)("%s.%s: 60,000 digits, 20,000 亩 or 到 — 最多 200 个字 on the field, every channel", (group, field) => {
    for (const channel of CHANNELS)
      for (const value of ["1".repeat(60_000), "亩".repeat(20_000), "到".repeat(20_000), `3000${"平".repeat(FIGURE_BOX_MAX)}`]) {
        expect(errorsWith(group, field, value, "zh", channel)[`${group}.${field}`], `${channel} ${value.slice(0, 6)}…`).toEqual([
          `最多 ${FIGURE_BOX_MAX} 个字`,
        ]);
        expect(errorsWith(group, field, value, "en", channel)[`${group}.${field}`]).toEqual([`At most ${FIGURE_BOX_MAX} characters`]);
      }
  });

  it("a figure padded to the limit is still read; one character more is refused", () => {
    const at = `5000${" ".repeat(FIGURE_BOX_MAX - 4)}`;
    const r = createLeadSchema("zh", "api").safeParse({ ...validLeadJson(), need: { ...validLeadJson().need, areaMin: at, areaMax: "" } });
    expect(r.success && r.data.lead.need.areaMinSqm).toBe(5000);
    expect(errorsWith("need", "areaMin", `${at} `, "zh", "api")["need.areaMin"]).toEqual([`最多 ${FIGURE_BOX_MAX} 个字`]);
  });

  it("the other fields keep their own limits and messages (notes 2,000; a company name 100)", () => {
    expect(errorsWith("need", "notes", "要".repeat(1_000), "zh", "web")["need.notes"]).toBeUndefined();
    const body = validLeadJson() as Record<string, Record<string, unknown>>;
    const r = createLeadSchema("zh", "web").safeParse({ ...body, company: { name: "公".repeat(101) } });
    expect(r.success ? {} : issuesToFieldErrors(r.error)).toMatchObject({ "company.name": ["最多 100 个字"] });
  });
});
