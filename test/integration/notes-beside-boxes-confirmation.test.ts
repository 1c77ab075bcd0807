import { createHash } from "node:crypto";

import { describe, expect, it } from "vitest";

import { inquiryConfirmationSuite } from "../support/inquiry-confirmation";

// ADR 159 (trial35 M3, L1, L2), through the real web process and the public form without JavaScript: the trial's own
// form (PM-20261205-0002, 0019, 0026) — a refusal beside a filled regions box is confirmed, every clause not read is
// listed in English as in Chinese, the contact clause is not, and 微信同号 in the WeChat box is stored as its meaning.
const suite = inquiryConfirmationSuite("notesbox35", 13900359100);

/** The confirmation's summary rows, label → value. */
const rows = (html: string) =>
  Object.fromEntries(
    [...html.matchAll(/<div(?: data-testid="summary-places")?><dt>([^<]+)<\/dt><dd>([^<]*)<\/dd><\/div>/g)].map((m) => [m[1], m[2]]),
  );

describe("the notes beside filled boxes, confirmed (ADR 159)", () => {
  it("M3/L1/L2 (zh): 不考虑高淳 beside 意向区域 is shown ruled out; 带月台 listed; the contact clause is not", async () => {
    const { page, lead } = await suite.sendStored({
      "company.name": "笔记框三五甲有限公司",
      "need.regions": "江宁或者浦口都行",
      "need.notes": "❌不考虑高淳\n需要带月台的厂房\n联系：李总 13811111111 微信同号",
      "contact.wechat": "微信同号",
    });
    expect(lead.flags).toContainEqual({ field: "need.notes", code: "placeExcluded", text: "高淳" });
    expect(rows(page)).toMatchObject({ 不考虑的区域: "高淳" });
    expect(page).toContain("需要带月台的厂房");
    expect(page).not.toContain("李总");
    const [row] = await suite.db.sql<{ contact: Record<string, unknown> }[]>`select lead -> 'contact' as contact from leads
      where lead -> 'company' ->> 'name' = '笔记框三五甲有限公司'`;
    expect(row.contact).toMatchObject({ wechatSameAsPhone: true });
    expect(row.contact.wechat).toBeUndefined();
  });

  it("L2 (en): 'no chemical parks' before a budget sentence is listed as not read", async () => {
    const { page } = await suite.sendStored(
      {
        "company.name": "Notesbox Three Five Ltd",
        "need.notes": "Single storey preferred, no chemical parks. Budget under 25 RMB/sqm/month 🙂",
      },
      "en",
    );
    expect(page).toMatch(/not read as conditions[^<]*no chemical parks/);
  });

  it("a reading kept under the rules before ADR 159 is read again on the next view, not shown for ever", async () => {
    const { reference, location } = await suite.sendForm(
      { "company.name": "笔记框三五乙有限公司", "need.notes": "需要带月台的厂房" },
      "zh",
    );
    const [row] = await suite.db.sql<{ need: unknown; flags: unknown; at: Date }[]>`select lead -> 'need' as need,
      lead -> 'flags' as flags, created_at as at from leads where reference = ${reference}`;
    // The fingerprint as ADR 142 made it (no rules in it), with what the older rules read: nothing listed.
    const before = createHash("sha256")
      .update(JSON.stringify([row.need, row.flags, row.at.toISOString()]))
      .digest("base64url");
    await suite.db.sql`update leads set notes_reading = ${suite.db.sql.json({ of: before, notRead: [] })} where reference = ${reference}`;
    const page = (await (await fetch(`${suite.web.url}${location}`)).text()).replace(/&#x27;/g, "'");
    expect(page).toContain("需要带月台的厂房");
  });
});
