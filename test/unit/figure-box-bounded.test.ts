import { describe, expect, it } from "vitest";

import { FIGURE_BOX_MAX } from "~/domain/field-limits";
import { createLeadSchema, issuesToFieldErrors, type LeadChannel } from "~/domain/lead-schema";

import { FIGURE_BOXES } from "../support/figure-boxes";
import { validLeadJson } from "../support/leads";

// Attack 12-05 (M1): a figure box of 20,000–60,000 characters ("1"×60000, "亩"×20000, "到"×20000) was read whole
// by every reader before its refusal, holding the web process 2–5 s a request. Every figure box of the need and
// the tax is now refused as too long before any reader sees it (docs/decisions/166), on its own field, on every
// channel, in the person's language.

const CHANNELS: LeadChannel[] = ["web", "api", "hotline"];

function errorsWith(group: "need" | "tax", field: string, value: string, lng: "zh" | "en", channel: LeadChannel) {
  const body: Record<string, unknown> = { ...validLeadJson() };
  body[group] = { ...(body[group] as object), [field]: value };
  const r = createLeadSchema(lng, channel).safeParse(body);
  return r.success ? {} : issuesToFieldErrors(r.error);
}

describe("a figure box longer than any figure is refused as too long, unread", () => {
  it.each(FIGURE_BOXES)("%s.%s: 60,000 digits, 20,000 亩 or 到 — 最多 200 个字 on the field, every channel", (group, field) => {
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
    const r = createLeadSchema("zh", "web").safeParse({ ...validLeadJson(), company: { name: "公".repeat(101) } });
    expect(r.success ? {} : issuesToFieldErrors(r.error)).toMatchObject({ "company.name": ["最多 100 个字"] });
  });
});

// Readers36 (docs/decisions/161) made digits that say no one number unread in every unit of the notes; the
// building-figure boxes still read "8.000米" as 8 m. They refuse such digits with the typed words, as the area
// boxes do (ADR 153), on every channel.
describe("a building figure box whose digits say no one number", () => {
  it.each([
    ["ceilingMinM", "8.000米"],
    ["ceilingMinM", "层高8.500"],
    ["powerMinKva", "1.000kva"],
    ["powerMinKva", "1,0000千伏安"],
    ["craneMinT", "5.000吨"],
    ["floorLoadMinKg", "1.500吨/平"],
  ])("%s %j: refused with its words, zh and en, never read", (field, typed) => {
    for (const channel of CHANNELS) {
      expect(errorsWith("need", field, typed, "zh", channel)[`need.${field}`]?.[0]).toMatch(new RegExp(`^“${typed}”看不出是多少`));
      expect(errorsWith("need", field, typed, "en", channel)[`need.${field}`]?.[0]).toMatch(new RegExp(`^“${typed}” is unclear`));
    }
  });

  it.each([
    ["ceilingMinM", "8.5米", 8.5],
    ["ceilingMinM", "0.125", 0.125],
    ["powerMinKva", "1,000kva", 1000],
    ["craneMinT", "10吨", 10],
  ])("%s %j is still read as %d", (field, typed, value) => {
    const r = createLeadSchema("zh", "api").safeParse({ ...validLeadJson(), need: { ...validLeadJson().need, [field]: typed } });
    expect(r.success && (r.data.lead.need as Record<string, unknown>)[field]).toBe(value);
  });
});
