import { describe, expect, it } from "vitest";

import { inquiryConfirmationSuite } from "../support/inquiry-confirmation";
import { validLeadForm } from "../support/leads";

// ADR 140 (places33), through the real web process: a label then a place in the notes ("地点：高淳", trial H1) is stored;
// the 意向区域 box reads names run together as the notes do ("江宁浦口都行", trial M1) and offers its suggestions as buttons
// that keep everything typed; a second choice after its place, and refusals written as a list, are stored as said; the
// English confirmation names places by their standard English names, and never says "Any" beside a preferred one.
const suite = inquiryConfirmationSuite("places33_labels", 13900333300);

const [JIANGNING, PUKOU, GAOCHUN] = ["320115", "320111", "320118"];
/** Each row of the confirmation's summary (the need's and the places'): its label → its value. */
function rows(html: string): Record<string, string> {
  const row = /<div(?: data-testid="summary-places")?><dt>([^<]+)<\/dt><dd>([^<]*)<\/dd><\/div>/g;
  return Object.fromEntries([...html.matchAll(row)].map(([, label, value]) => [label, value]));
}

describe("places as people type them, stored and confirmed", () => {
  it("H1: a label then a place (地点：高淳, 位置:江宁, Location: Pukou) is the district stored and shown", async () => {
    const a = await suite.sendStored({ "company.name": "地点三三甲有限公司", "need.notes": "要5000平厂房。地点：高淳。" });
    expect(a.lead.need.regionCodes).toEqual([GAOCHUN]);
    expect(rows(a.page)["意向区域"]).toBe("高淳");
    const b = await suite.sendStored({ "company.name": "地点三三乙有限公司", "need.notes": "面积5000平\n位置:江宁浦口都行" });
    expect(b.lead.need.regionCodes).toEqual([PUKOU, JIANGNING]);
    const c = await suite.sendStored({ "company.name": "Places Thirty-Three C Ltd", "need.notes": "5000 sqm. Location: Pukou." }, "en");
    expect(c.lead.need.regionCodes).toEqual([PUKOU]);
    expect(rows(c.page)["Preferred districts"]).toBe("Pukou District (浦口区)");
  });

  it("M1: the box takes 江宁浦口都行 as the notes do — both districts, stored as two names", async () => {
    const { lead, page } = await suite.sendStored({ "company.name": "地点三三丁有限公司", "need.regions": "江宁浦口都行" });
    expect(lead.need.regions).toEqual(["江宁", "浦口"]);
    expect(lead.need.regionCodes).toEqual([PUKOU, JIANGNING]);
    expect(rows(page)["意向区域"]).toBe("江宁、浦口");
  });

  it("M1: a name the box refuses comes with its suggestion as a button; taking it keeps everything typed and stores nothing", async () => {
    const company = "地点三三戊有限公司";
    const fields = validLeadForm({ "contact.phone": suite.nextPhone(), "company.name": company, "need.regions": "江宁、浦扣" });
    const refused = await fetch(`${suite.web.url}/?index`, { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });
    expect(refused.status).toBe(400);
    const html = (await refused.text()).replace(/&quot;/g, '"');
    const button = /<button[^>]*name="regionFix"[^>]*value="([^"]+)"[^>]*>([^<]+)<\/button>/.exec(html);
    expect(button?.[1]).toBe("江宁、江苏省南京市浦口区");
    expect(button?.[2]).toBe("用“江苏省南京市浦口区”替换“浦扣”");
    // The press, without JavaScript: the form again with the box so, the rest as typed, nothing stored.
    const taken = await fetch(`${suite.web.url}/?index`, {
      method: "POST",
      body: new URLSearchParams({ ...fields, regionFix: button![1] }),
      redirect: "manual",
    });
    expect(taken.status).toBe(200);
    const again = await taken.text();
    expect(again).toMatch(/name="need\.regions"[^>]*value="江宁、江苏省南京市浦口区"/);
    expect(again).toMatch(new RegExp(`name="company\\.name"[^>]*value="${company}"`));
    expect(again).not.toContain('name="regionFix"');
    const [{ n }] = await suite.db.sql<
      { n: number }[]
    >`select count(*)::int as n from leads where lead -> 'company' ->> 'name' = ${company}`;
    expect(n).toBe(0);
    // Sent as it came back: stored with both districts.
    const sent = await fetch(`${suite.web.url}/?index`, {
      method: "POST",
      body: new URLSearchParams({ ...fields, "need.regions": button![1] }),
      redirect: "manual",
    });
    expect(sent.status).toBe(303);
  });

  it("refuse32's leftover: 江宁优先，浦口其次 — both stored, 江宁 said first", async () => {
    const { lead, page } = await suite.sendStored({ "company.name": "地点三三己有限公司", "need.notes": "江宁优先，浦口其次" });
    expect(lead.need.regionCodes).toEqual([PUKOU, JIANGNING]);
    expect(lead.flags).toContainEqual({ field: "need.notes", code: "placePreferred", text: "江宁" });
    expect(rows(page)).toMatchObject({ 意向区域: "江宁、浦口", 优先区域: "江宁" });
  });

  it("refusals written as a list rule out: ❌江宁 ✅浦口, 江宁：不要；浦口：可以, 江宁（不要）", async () => {
    for (const [i, notes] of ["❌江宁 ✅浦口", "江宁：不要；浦口：可以"].entries()) {
      const { lead, page } = await suite.sendStored({ "company.name": `地点三三庚${i}有限公司`, "need.notes": notes });
      expect(lead.need.regionCodes, notes).toEqual([PUKOU]);
      expect(rows(page), notes).toMatchObject({ 意向区域: "浦口", 不考虑的区域: "江宁" });
    }
    const alone = await suite.sendStored({ "company.name": "地点三三辛有限公司", "need.notes": "江宁（不要）" });
    expect(alone.lead.need.regionCodes ?? []).toEqual([]);
    expect(alone.lead.flags).toContainEqual({ field: "need.notes", code: "placeExcludedOpen", text: "江宁" });
    expect(rows(alone.page)).toMatchObject({ 意向区域: "不限", 不考虑的区域: "江宁" });
  });

  it("L4: the English page names places by their English names, and a wish alone is said in the districts line", async () => {
    const a = await suite.sendStored({ "company.name": "Places Thirty-Three J Ltd", "need.notes": "江宁不要，浦口可以" }, "en");
    expect(rows(a.page)).toMatchObject({
      "Preferred districts": "Pukou District (浦口区)",
      "Districts ruled out": "Jiangning District (江宁区)",
    });
    const b = await suite.sendStored({ "company.name": "Places Thirty-Three K Ltd", "need.notes": "Pukou preferred" }, "en");
    expect(b.lead.need.regionCodes ?? []).toEqual([]);
    const en = rows(b.page);
    expect(en["Preferred districts"]).toBe("Any (you prefer Pukou District (浦口区), but not only there)");
    expect(en["First choice"]).toBeUndefined();
    expect(b.page).not.toContain("Districts preferred");
    const c = await suite.sendStored({ "company.name": "地点三三壬有限公司", "need.notes": "最好浦口" });
    expect(rows(c.page)["意向区域"]).toBe("不限（您倾向浦口，但不限于此）");
    expect(rows(c.page)["优先区域"]).toBeUndefined();
  });

  it("a typo said with a stance is told: Jiangnign is not ok", async () => {
    const { lead, page } = await suite.sendStored(
      { "company.name": "Places Thirty-Three M Ltd", "need.notes": "Jiangnign is not ok" },
      "en",
    );
    expect(lead.flags).toContainEqual({ field: "need.notes", code: "placeExcludedOpen", text: "Jiangnign" });
    expect(rows(page)["Districts ruled out"]).toBe("Jiangnign");
  });
});
