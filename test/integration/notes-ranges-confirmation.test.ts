import { describe, expect, it } from "vitest";

import { inquiryConfirmationSuite } from "../support/inquiry-confirmation";
import { validLeadForm } from "../support/leads";
import { withoutFigureSpans } from "../support/page-text";

// ADR 139 (range33; attack 33 L0 L5 L6, bounds32's leftovers), through the real web process and the public form without
// JavaScript, the area boxes blank: two bounds said kindly are one range; 不需要大于 is a ceiling alone, told; a ceiling
// wanted after the premises' is stored; 三千一五千 is 3000–5000 — the stored need and what the confirmation page says.
const suite = inquiryConfirmationSuite("range33", 13900339300);

const send = suite.sendStored;

/** The confirmation's summary rows, label → value. */
const rows = (html: string) =>
  Object.fromEntries(
    [...withoutFigureSpans(html).matchAll(/<div(?: data-testid="summary-places")?><dt>([^<]+)<\/dt><dd>([^<]*)<\/dd><\/div>/g)].map((m) => [
      m[1],
      m[2],
    ]),
  );

describe("areas and ceilings said as people say them, stored and confirmed (ADR 139)", () => {
  it("L0: 'at least 5000 sqm, not more than 8000 sqm is fine' — a range 5000–8000, not a 400 (en, zh)", async () => {
    const en = await send(
      { "company.name": "Range Three Ltd", "need.areaMin": "", "need.notes": "we need at least 5000 sqm, not more than 8000 sqm is fine" },
      "en",
    );
    expect(en.lead.need).toMatchObject({ areaMinSqm: 5000, areaMaxSqm: 8000 });
    expect(en.lead.flags.filter((f) => f.code === "unread")).toEqual([]);
    expect(rows(en.page)).toMatchObject({ Area: "5000–8000㎡" });
    const zh = await send({
      "company.name": "范围三三甲有限公司",
      "need.areaMin": "",
      "need.notes": "至少５０００平，不超过８０００平也行",
    });
    expect(zh.lead.need).toMatchObject({ areaMinSqm: 5000, areaMaxSqm: 8000 });
    expect(rows(zh.page)).toMatchObject({ 面积: "5000–8000㎡" });
    const mu = await send({
      "company.name": "范围三三乙有限公司",
      "need.areaMin": "",
      "need.notes": "not less than 3 mu and no more than 5 mu",
    });
    expect(mu.lead.need).toMatchObject({ areaMinSqm: 2000, areaMaxSqm: 3333.33 });
    // Said back in the unit typed, with its ㎡ (trial 37 M2, ADR 180).
    expect(rows(mu.page)).toMatchObject({ 面积: "3–5亩（2000–3333㎡）" });
  });

  it("L5: '不需要大于5000平' — at most 5000 with areaCeilingOnly; the page asks for the size needed", async () => {
    const { page, lead } = await send({ "company.name": "范围三三丙有限公司", "need.areaMin": "", "need.notes": "不需要大于5000平" });
    expect(lead.need).toMatchObject({ areaMaxSqm: 5000 });
    expect(lead.need.areaMinSqm ?? null).toBeNull();
    expect(lead.flags).toContainEqual({ field: "need.notes", code: "areaCeilingOnly", text: "不需要大于5000平" });
    expect(page).toContain("您在补充说明里写的“不需要大于5000平”只说了多大的场地嫌大，没有说需要多大");
    expect(rows(page)).toMatchObject({ 面积: "≤ 5000㎡" });
  });

  it("L6: '现有厂房层高6米太矮了，需要8米以上' — ceiling at least 8 m stored and shown, the 6 m the premises'", async () => {
    const { page, lead } = await send({ "company.name": "范围三三丁有限公司", "need.notes": "现有厂房层高6米太矮了，需要8米以上" });
    expect(lead.need).toMatchObject({ ceilingMinM: 8 });
    expect(lead.flags).toContainEqual({ field: "need.notes", code: "ownPremises", text: "现有厂房层高6米太矮了" });
    expect(rows(page)).toMatchObject({ 其他要求: "层高 ≥ 8m" });
    const en = await send(
      { "company.name": "Range Six Ltd", "need.notes": "our current ceiling is 6 m, too low, we need at least 8 m" },
      "en",
    );
    expect(en.lead.need).toMatchObject({ ceilingMinM: 8 });
    expect(rows(en.page)).toMatchObject({ "Other requirements": "ceiling ≥ 8 m" });
  });

  it("bounds32: '三千一五千平' — 3000–5000, not about 5000", async () => {
    const { page, lead } = await send({ "company.name": "范围三三戊有限公司", "need.areaMin": "", "need.notes": "三千一五千平的厂房" });
    expect(lead.need).toMatchObject({ areaMinSqm: 3000, areaMaxSqm: 5000 });
    expect(rows(page)).toMatchObject({ 面积: "3000–5000㎡" });
  });

  it("bounds32: '需要2个3000平的仓库' on a factory lead — told as another use's area with its count, the box's area kept", async () => {
    const { page, lead } = await send({ "company.name": "范围三三己有限公司", "need.notes": "需要2个3000平的仓库" });
    expect(lead.need).toMatchObject({ areaMinSqm: 3000 });
    expect(lead.need.unitCount ?? null).toBeNull();
    expect(lead.flags).toContainEqual({ field: "need.notes", code: "otherUse", text: "2个3000平的仓库" });
    expect(rows(page)).toMatchObject({ 面积: "≥ 3000㎡" });
    // The box blank: the form comes back (400) asking for the area, and says the notes' figure is another use's, count and all.
    const res = await fetch(`${suite.web.url}/?index`, {
      method: "POST",
      body: new URLSearchParams(
        validLeadForm({ "contact.phone": suite.nextPhone(), "need.areaMin": "", "need.notes": "需要2个3000平的仓库" }),
      ),
      redirect: "manual",
    });
    expect(res.status).toBe(400);
    expect(withoutFigureSpans(await res.text())).toContain("其他用途的面积（不作为所选类型的面积）：2个3000平的仓库");
  });
});
