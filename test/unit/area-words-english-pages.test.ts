import { describe, expect, it } from "vitest";

import { needAreaText } from "~/assignments/assignment-details.server";
import { formatMu, muToSqm, muWithSqm, needAreaShort, SQM_PER_MU } from "~/domain/area";
import { needAreaLine } from "~/domain/unit-count-text";
import type { InventoryValue } from "~/inventory/inventory-rows.server";
import { rowSummary } from "~/inventory/row-summary";
import { assistPreview } from "~/leads/assist-preview";
import { shortlistFit } from "~/recruiter-desk/shortlist-fit";

// ADR 149 (trial of 12-05): the English queue said "Land · buy · 30–50亩（20000–33333㎡）" and the hotline's
// lookup "Land 30–50亩": 亩 and full-width brackets on English pages. Every formatter of an area in 亩 now
// takes the page's language: "30–50 mu (20000–33333㎡)". The Chinese pages say what they said.
const CJK_OR_FULL_WIDTH = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

describe("an area in 亩 in the page's language", () => {
  it.each<[number | null, number | null, string, string]>([
    [muToSqm(30), muToSqm(50), "30–50亩", "30–50 mu"],
    [muToSqm(20), null, "≥ 20亩", "≥ 20 mu"],
    [null, muToSqm(18.5), "≤ 18.5亩", "≤ 18.5 mu"],
    [muToSqm(52), muToSqm(52), "52亩", "52 mu"],
  ])("needAreaShort %s–%s: %j / %j", (min, max, zh, en) => {
    expect(needAreaShort(min, max, true, "zh")).toBe(zh);
    expect(needAreaShort(min, max, true, "en")).toBe(en);
  });

  it("buildings stay in ㎡ in both languages", () => {
    expect(needAreaShort(4000, 6000, false, "en")).toBe("4000–6000㎡");
    expect(needAreaShort(4000, 6000, false, "zh")).toBe("4000–6000㎡");
  });

  it("formatMu and muWithSqm", () => {
    expect(formatMu(12.5, "zh")).toBe("12.5亩"); // the language is always said (trial38 L13: no default)
    expect(formatMu(12.5, "en")).toBe("12.5 mu");
    expect(muWithSqm("30亩", "20000㎡", "zh")).toBe("30亩（20000㎡）");
    expect(muWithSqm("30 mu", "20000㎡", "en")).toBe("30 mu (20000㎡)");
  });

  it("the staff's area line (queue, lead page, emails): the trial's land need", () => {
    const need = { kind: "land", areaMinSqm: muToSqm(30), areaMaxSqm: muToSqm(50) };
    expect(needAreaText({ need }, "zh")).toBe("30–50亩（20000–33333㎡）");
    const en = needAreaText({ need }, "en");
    expect(en).toBe("30–50 mu (20000–33333㎡)");
    expect(en.replace(/㎡/g, "")).not.toMatch(CJK_OR_FULL_WIDTH);
    expect(needAreaText({ need: { kind: "land", areaMinSqm: muToSqm(20), areaMaxSqm: null } }, "en")).toBe("≥ 20 mu (≥ 13333㎡)");
    // Several plots: each one's and the total, in English words only.
    const several = needAreaText({ need: { ...need, unitCount: 2 } }, "en");
    expect(several).toMatch(/ mu /);
    expect(several.replace(/㎡/g, "")).not.toMatch(CJK_OR_FULL_WIDTH);
  });

  it("the hotline's and the confirmation's area line", () => {
    const need = { kind: "land", areaMinSqm: muToSqm(30), areaMaxSqm: muToSqm(50) };
    // In 亩 with its ㎡ after it since ADR 180 (the person's own figure, and what it is in ㎡).
    expect(needAreaLine(need, "en")).toBe("30–50 mu (20000–33333㎡)");
    expect(needAreaLine(need, "zh")).toBe("30–50亩（20000–33333㎡）");
    expect(needAreaLine({ ...need, unitCount: 2 }, "en")).not.toMatch(/亩|（/);
  });

  it("the public shortlist's fit line, each language its own unit", () => {
    const land = { kind: "land", areaSqm: 25 * SQM_PER_MU, status: "available" };
    const [line] = shortlistFit({ areaMinSqm: 20 * SQM_PER_MU, areaMaxSqm: 30 * SQM_PER_MU }, land, "2026-12-05");
    expect(line.zh).toBe("面积 25亩，在您要的 20–30亩 之内");
    expect(line.en).toMatch(/25 mu/);
    expect(line.en).toMatch(/20–30 mu/);
    expect(line.en).not.toMatch(CJK_OR_FULL_WIDTH);
  });

  it("the import preview's land area", () => {
    const plot = { id: "S-L", parkId: "P-X", kind: "land", deals: ["buy"], title: "地块", areaSqm: muToSqm(30), status: "available" };
    const s = rowSummary("spaces", plot as unknown as InventoryValue["spaces"]);
    expect(s.area?.zh).toBe("30亩（20000㎡）");
    expect(s.area?.en).toBe("30 mu (20000㎡)");
  });
});

describe("the English notes preview's places line starts a sentence", () => {
  it("Places …, with the box blank and beside a typed box (Chinese notes on the English page, as in the trial)", () => {
    const notes = "要3000平单层厂房，江宁或浦口都行";
    // The names the server's resolver answered for (as the page's script asks it; ADR 131).
    const preview = (filled: Set<string>, lng: "zh" | "en") =>
      assistPreview(notes, filled as never, lng, "factory", undefined, undefined, () => true);
    expect(preview(new Set(), "en").places).toMatch(/^Places 江宁, 浦口 \(checked on sending/);
    expect(preview(new Set(["regions"]), "en").places).toMatch(/^Places 江宁, 浦口 in the notes/);
    expect(preview(new Set(), "zh").places).toMatch(/^地点 江宁、浦口（/);
  });
});
