import { describe, expect, it } from "vitest";

import { createLeadSchema, issuesToFieldErrors } from "../../app/domain/lead-schema";
import { validLeadJson } from "../support/leads";

// A lead's 承重 box with a bare figure under 100 ("3") was stored as 3 kg/㎡ — a minimum every space meets, so the lead
// matched spaces that cannot carry it (people say 承重3吨). The inventory asks for the unit of such a figure since
// import40; the lead's box now asks too, on every channel, with the same rule (figure-refusal.ts bareFloorLoad).
const NOW = new Date("2026-12-01T02:00:00Z");

function parse(floorLoadMinKg: unknown, lng: "zh" | "en" = "zh", channel: "api" | "web" | "hotline" = "web") {
  const base = validLeadJson();
  return createLeadSchema(lng, channel, { now: () => NOW }).safeParse({ ...base, need: { ...base.need, floorLoadMinKg } });
}

describe("承重 typed as a bare figure under 100 is asked for its unit", () => {
  it.each(["3", "2.5", "五", "承重3", "３", " 8 ", "99", "至少3"])("“%s” → refused at the box, saying both readings", (typed) => {
    for (const channel of ["web", "hotline", "api"] as const) {
      const r = parse(typed, "zh", channel);
      expect(r.success, `${channel} ${typed}`).toBe(false);
      if (r.success) continue;
      const [message] = issuesToFieldErrors(r.error)["need.floorLoadMinKg"] ?? [];
      expect(message).toContain(`承重“${typed.trim()}”没有单位`);
      expect(message).toContain("吨");
    }
    const en = parse(typed, "en");
    expect(!en.success && issuesToFieldErrors(en.error)["need.floorLoadMinKg"]?.[0]).toContain("has no unit");
  });

  it.each<[string, number]>([
    ["3吨", 3000],
    ["3吨/平方米", 3000],
    ["3公斤", 3],
    ["3kg/㎡", 3],
    ["0.5t", 500],
    ["100", 100],
    ["500", 500],
    ["3000", 3000],
    ["承重3000公斤", 3000],
  ])("“%s” is read as before: %s kg/㎡", (typed, kg) => {
    const r = parse(typed);
    expect(r.success).toBe(true);
    if (r.success) expect(r.data.lead.need.floorLoadMinKg).toBe(kg);
  });

  it("an API number stays kilograms (the JSON contract: floorLoadMinKg is kg/㎡)", () => {
    const r = parse(3, "zh", "api");
    expect(r.success && r.data.lead.need.floorLoadMinKg).toBe(3);
  });

  it("blank and 'no requirement' stay blank", () => {
    for (const typed of ["", "不需要", "无"]) {
      const r = parse(typed);
      expect(r.success && r.data.lead.need.floorLoadMinKg).toBeUndefined();
    }
  });
});
