import { describe, expect, it } from "vitest";

import { inquiryConfirmationSuite } from "../support/inquiry-confirmation";
import { validLeadForm } from "../support/leads";

// ADR 154 (places35), through the real web process without JavaScript: a place of the notes that several places share
// ("Lishui": 溧水区 or 丽水市; 鼓楼 of four cities), the regions box blank, is asked before the lead is stored — the form comes back
// as typed with a button per place, each putting the places in the regions box; sending again as it is stores the lead as
// written (asked once). A place taken back ("Jiangning, sorry, Pukou") is told unread, never filled; "江宁，不是浦口" rules 浦口 out.
const suite = inquiryConfirmationSuite("places35_asked", 13900353500);

const [JIANGNING, PUKOU, GULOU_NJ] = ["320115", "320111", "320106"];

const post = (fields: Record<string, string>, lng: "zh" | "en" = "zh") =>
  fetch(`${suite.web.url}/?index${lng === "en" ? "&lng=en" : ""}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    redirect: "manual",
  });

const unescape = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");
/** The choice buttons of an answer: [value, label]. */
const buttons = (html: string) =>
  [...html.matchAll(/<button[^>]*name="regionFix"[^>]*value="([^"]+)"[^>]*>([^<]+)<\/button>/g)].map((m) => [m[1], m[2]]);

async function storedCount(company: string): Promise<number> {
  const [{ n }] = await suite.db.sql<{ n: number }[]>`select count(*)::int as n from leads where lead -> 'company' ->> 'name' = ${company}`;
  return n;
}

describe("a place several places share is asked, not guessed (no JavaScript)", () => {
  it("zh: 在鼓楼 — the form comes back with a button per 鼓楼区, nothing stored; the choice fills the box and is stored", async () => {
    const company = "地点三五甲有限公司";
    const fields = validLeadForm({ "contact.phone": suite.nextPhone(), "company.name": company, "need.notes": "需要5000平厂房，在鼓楼" });
    const asked = await post(fields);
    expect(asked.status).toBe(200);
    const html = unescape(await asked.text());
    expect(html).toContain("还没有提交");
    expect(html).toContain("“鼓楼”有不止一处同名的地方");
    const choices = buttons(html);
    expect(choices.map(([, label]) => label)).toEqual([
      "江苏省南京市鼓楼区",
      "江苏省徐州市鼓楼区",
      "福建省福州市鼓楼区",
      "河南省开封市鼓楼区",
    ]);
    expect(html).toMatch(/name="placesAsked"[^>]*value="鼓楼"/);
    expect(html).toMatch(new RegExp(`name="company\\.name"[^>]*value="${company}"`));
    expect(await storedCount(company)).toBe(0);
    // The press: the form again with the box so, nothing stored; sent so, the lead has Nanjing's 鼓楼区.
    const taken = await post({ ...fields, regionFix: choices[0][0] });
    expect(taken.status).toBe(200);
    expect(await taken.text()).toMatch(/name="need\.regions"[^>]*value="江苏省南京市鼓楼区"/);
    expect(await storedCount(company)).toBe(0);
    const { lead } = await suite.sendStored({
      "company.name": `${company}二`,
      "need.notes": "需要5000平厂房，在鼓楼",
      "need.regions": choices[0][0],
    });
    expect(lead.need.regionCodes).toEqual([GULOU_NJ]);
  });

  it("en: “Need 5000 sqm, Lishui” — asked in English; sent again as it is, stored with Lishui told, no district guessed", async () => {
    const company = "Places Thirty-Five B Ltd";
    const fields = validLeadForm({ "contact.phone": suite.nextPhone(), "company.name": company, "need.notes": "Need 5000 sqm, Lishui" });
    const asked = await post(fields, "en");
    expect(asked.status).toBe(200);
    const html = unescape(await asked.text());
    expect(html).toContain("Not sent yet");
    expect(html).toContain("“Lishui” names more than one place");
    // Ranked by the inventory's places (Nanjing's first), each its English label.
    expect(buttons(html)).toEqual([
      ["江苏省南京市溧水区", "Lishui District, Nanjing, Jiangsu (江苏省南京市溧水区)"],
      ["浙江省丽水市", "Lishui, Zhejiang (浙江省丽水市)"],
    ]);
    expect(await storedCount(company)).toBe(0);
    // Sent again with the names asked (the hidden field the answer carried): stored as written.
    const sent = await post({ ...fields, placesAsked: "Lishui" }, "en");
    expect(sent.status).toBe(303);
    const [{ lead }] = await suite.db.sql<
      { lead: { need: { regionCodes?: string[] }; flags?: { code: string; text: string }[] } }[]
    >`select lead from leads where lead -> 'company' ->> 'name' = ${company}`;
    expect(lead.need.regionCodes ?? []).toEqual([]);
    expect(lead.flags).toContainEqual(expect.objectContaining({ code: "unread", text: "Lishui" }));
  });

  it("a place that resolves, or a box typed, is not asked: stored at once", async () => {
    const a = await suite.sendStored({ "company.name": "地点三五丙有限公司", "need.notes": "Need 5000 sqm in Jiangning or Lishui" }, "en");
    expect(a.lead.need.regionCodes).toEqual(["320115", "320117"].sort());
    const b = await suite.sendStored({ "company.name": "地点三五丁有限公司", "need.notes": "在鼓楼", "need.regions": "江宁" });
    expect(b.lead.need.regionCodes).toEqual([JIANGNING]);
  });
});

describe("corrections and contrasts, stored as said", () => {
  it("Jiangning, sorry, Pukou — Pukou stored, Jiangning told unread; 江宁，哦不，浦口 the same", async () => {
    const a = await suite.sendStored({ "company.name": "Places Thirty-Five E Ltd", "need.notes": "Jiangning, sorry, Pukou" }, "en");
    expect(a.lead.need.regionCodes).toEqual([PUKOU]);
    expect(a.lead.flags).toContainEqual(expect.objectContaining({ code: "unread", text: "Jiangning" }));
    const b = await suite.sendStored({ "company.name": "地点三五己有限公司", "need.notes": "江宁，哦不，浦口" });
    expect(b.lead.need.regionCodes).toEqual([PUKOU]);
    expect(b.lead.flags).toContainEqual(expect.objectContaining({ code: "unread", text: "江宁" }));
  });

  it("江宁，不是浦口 — 江宁 stored, 浦口 ruled out", async () => {
    const { lead } = await suite.sendStored({ "company.name": "地点三五庚有限公司", "need.notes": "江宁，不是浦口" });
    expect(lead.need.regionCodes).toEqual([JIANGNING]);
    expect(lead.flags).toContainEqual(expect.objectContaining({ code: "placeExcluded", text: "浦口" }));
  });
});
