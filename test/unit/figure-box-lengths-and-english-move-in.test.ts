import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { FIGURE_BOX_MAX } from "~/domain/field-limits";
import { createLeadSchema, type Lead } from "~/domain/lead-schema";

import { FIGURE_BOXES } from "../support/figure-boxes";

// trial38 M5: every figure box had maxlength=20 while the server holds 200 (FIGURE_BOX_MAX): "after Chinese New Year" was
// cut to "after Chinese New Ye" by the browser, then refused quoting the cut text. The boxes' bound is the server's one
// constant, and English move-in phrases are read as the Chinese ones.

const FORMS = ["app/routes/_index.tsx", "app/components/phone-lead-form.tsx"];

describe("every figure box's maxlength is the server's bound", () => {
  for (const path of FORMS) {
    const source = readFileSync(path, "utf8");
    const elements = [...source.matchAll(/<(?:TextField|DeskInput)\b[^<>]*?\/>/gs)].map(([e]) => e);
    for (const [group, field] of FIGURE_BOXES.filter(([, f]) => f !== "singleStorey")) {
      const el = elements.find((e) => new RegExp(`\\b${group}\\.${field}\\b`).test(e));
      if (!el) continue; // the desk's form has no tax boxes
      it(`${path}: ${group}.${field}`, () => {
        expect(el).toMatch(/maxLength=\{FIGURE_BOX_MAX\}/);
      });
    }
  }
  it("the bound holds the longest English phrase the move-in box reads", () => {
    expect(FIGURE_BOX_MAX).toBeGreaterThanOrEqual("move in after the Chinese New Year at the latest".length);
  });
});

const NOW = new Date("2026-12-06T02:00:00Z");
const moveIn = (typed: string) => {
  const r = createLeadSchema("en", "api", { now: () => NOW }).safeParse({
    need: { kind: "factory", deal: "lease", areaUnit: "sqm", areaMin: "3000", moveInBy: typed },
    use: { industry: "C35", product: "lathes" },
    tax: {},
    company: { name: "Nanjing Test Machinery Co." },
    contact: { name: "Wang", phone: "13901507001" },
    consent: true,
  });
  return r.success
    ? (r.data as unknown as { lead: Lead }).lead.need.moveInBy
    : `refused: ${r.error.issues.map((i) => i.message).join("; ")}`;
};

describe("English move-in phrases read as the Chinese ones", () => {
  it.each([
    ["after Chinese New Year", "春节后"],
    ["after the Spring Festival", "春节后"],
    ["after the Chinese New Year", "过完年"],
    ["after CNY", "年后"],
    ["next spring", "明年开春"],
    ["spring next year", "明年开春"],
    ["early spring", "开春"],
  ])("%j = %j", (en, zh) => {
    const read = moveIn(en);
    expect(read).toMatch(/^\d{4}-\d{2}$/);
    expect(read).toBe(moveIn(zh));
  });
});
