import { describe, expect, it } from "vitest";

import { inquiryConfirmationSuite } from "../support/inquiry-confirmation";

// ADR 138 (refuse32, attack 32 H1 H2 H4 H5 M2), through the real web process and the public form without JavaScript: a
// refusal is never stored as the wish — the stored need and the confirmation page say what the person said.
const suite = inquiryConfirmationSuite("refuse32", 13900313880);

const sendForm = suite.sendStored;

/** The confirmation's summary rows, label → value. */
const rows = (html: string) =>
  Object.fromEntries(
    [...html.matchAll(/<div(?: data-testid="summary-places")?><dt>([^<]+)<\/dt><dd>([^<]*)<\/dd><\/div>/g)].map((m) => [m[1], m[2]]),
  );

describe("refusals in the notes, stored and confirmed (ADR 138)", () => {
  it("H1: '6000平以上不要哦' — at most 6000, said as a ceiling only; never at least 6000 (zh, en)", async () => {
    const { page, lead } = await sendForm({ "company.name": "拒绝三二甲有限公司", "need.areaMin": "", "need.notes": "6000平以上不要哦" });
    expect(lead.need).toMatchObject({ areaMaxSqm: 6000 });
    expect(lead.need.areaMinSqm ?? null).toBeNull();
    expect(lead.flags.map((f) => f.code)).toContain("areaCeilingOnly");
    expect(page).toContain("只说了多大的场地嫌大，没有说需要多大");
    expect(page).not.toMatch(/≥\s*6,?000/);
    const en = await sendForm(
      { "company.name": "Refuse Two Ltd", "need.areaMin": "", "need.notes": "anything above 6000 sqm is a no-go for us honestly" },
      "en",
    );
    expect(en.lead.need).toMatchObject({ areaMaxSqm: 6000 });
    expect(en.lead.need.areaMinSqm ?? null).toBeNull();
    expect(en.page).toContain("how large is too large, but not the size you need");
  });

  it("H2: '不需要5000平的，3000平就够' — about 3000 stored, 5000 set aside, 3000 never told unread", async () => {
    const { page, lead } = await sendForm({
      "company.name": "拒绝三二乙有限公司",
      "need.areaMin": "",
      "need.notes": "不需要5000平的，3000平就够",
    });
    expect(lead.need).toMatchObject({ areaMinSqm: 2700, areaMaxSqm: 3300 });
    expect(lead.flags.filter((f) => f.code === "unread")).toEqual([]);
    expect(page).not.toContain("“3000平”未能自动识别");
    const b = await sendForm({ "company.name": "拒绝三二丙有限公司", "need.areaMin": "", "need.notes": "我们不需要5000平以上的厂房" });
    expect(b.lead.need).toMatchObject({ areaMaxSqm: 5000 });
    expect(b.lead.need.areaMinSqm ?? null).toBeNull();
  });

  it("H4: a refused ceiling is no requirement — nothing stored, the page shows no ceiling", async () => {
    const { page, lead } = await sendForm({ "company.name": "拒绝三二丁有限公司", "need.notes": "层高8米以上的不要" });
    expect(lead.need.ceilingMinM ?? null).toBeNull();
    expect(page).not.toMatch(/层高\s*≥\s*8/);
    const en = await sendForm({ "company.name": "Refuse Four Ltd", "need.notes": "a crane of at least 10 t is not needed" }, "en");
    expect(en.lead.need.craneMinT ?? null).toBeNull();
  });

  it("H5/M2: '非江宁不可' is Jiangning only; '浦口其次江宁' keeps both, 浦口 preferred", async () => {
    const a = await sendForm({ "company.name": "拒绝三二戊有限公司", "need.notes": "非江宁不可" });
    expect(a.lead.need.regionCodes).toEqual(["320115"]);
    expect(a.lead.flags.filter((f) => /placeExcluded/.test(f.code))).toEqual([]);
    expect(rows(a.page)).toMatchObject({ 意向区域: "江宁" });
    expect(rows(a.page)["不考虑的区域"]).toBeUndefined();
    const b = await sendForm({ "company.name": "拒绝三二己有限公司", "need.notes": "需要5000平厂房，浦口其次江宁" });
    expect(b.lead.need.regionCodes).toEqual(["320111", "320115"]);
    expect(rows(b.page)).toMatchObject({ 意向区域: "浦口、江宁", 优先区域: "浦口" });
  });
});
