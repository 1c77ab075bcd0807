import { describe, expect, it } from "vitest";

import { inquiryConfirmationSuite } from "../support/inquiry-confirmation";
import { validLeadForm } from "../support/leads";

// ADR 132 through the real web process: what the notes' area and month readers store, and what the confirmation says —
// a refusal further from its bound than the fillers the reader knows is told, never stored reversed; a ceiling alone read
// from a refusal is stored and told ("only how large is too large"); a past month and a month typed wrong are told, not
// dropped; "15000一18000平" is 15000–18000.
const suite = inquiryConfirmationSuite("bounds32", 13900313200);

const sendForm = suite.sendStored;

describe("the notes' area as stored and confirmed (ADR 132)", () => {
  it("a ceiling read only from a refusal: stored as at most 6000, the page and the recruiter told the size needed was not said", async () => {
    const notes = "6000平以上的车间，太大了，不用";
    const { page, lead } = await sendForm({ "company.name": "上限测试一有限公司", "need.areaMin": "", "need.notes": notes });
    expect(lead.need).toMatchObject({ areaMaxSqm: 6000 });
    expect(lead.need.areaMinSqm ?? null).toBeNull();
    expect(lead.flags).toContainEqual({ field: "need.notes", code: "areaCeilingOnly", text: notes });
    expect(page).toContain(
      `您在补充说明里写的“${notes}”只说了多大的场地嫌大，没有说需要多大：暂按面积上限匹配，招商专员会与您电话确认所需面积。`,
    );
    const en = await sendForm(
      { "company.name": "Ceiling Two Ltd", "need.areaMin": "", "need.notes": "we don't want anything above 6000 sqm" },
      "en",
    );
    expect(en.lead.need).toMatchObject({ areaMaxSqm: 6000 });
    expect(en.page).toContain("Your notes say “don't want anything above 6000 sqm”: how large is too large, but not the size you need.");
  });

  it("a refusal past many words is told, the typed box stays the area; never the bound reversed", async () => {
    const notes = "5000平以上的厂房我们这边老板觉得其实真的太大了不要";
    const { page, lead } = await sendForm({ "company.name": "远处拒绝测试有限公司", "need.areaMin": "3000", "need.notes": notes });
    expect(lead.need).toMatchObject({ areaMinSqm: 3000 });
    expect(lead.flags.filter((f) => f.code === "notesDiffer")).toEqual([]); // the notes' reversed 5000 was a "differ" before
    expect(lead.flags).toContainEqual({ field: "need.notes", code: "unread", text: "5000平以上的厂房我们这边老板觉得其实真的太大了不要" });
    expect(page).toContain("您在补充说明里写的“5000平以上的厂房我们这边老板觉得其实真的太大了不要”未能自动识别");
  });

  it("a refusal past many words with no area box: the form asks for the area, nothing is stored", async () => {
    const res = await fetch(`${suite.web.url}/?index`, {
      method: "POST",
      body: new URLSearchParams(
        validLeadForm({ "contact.phone": suite.nextPhone(), "need.areaMin": "", "need.notes": "需要5000平以上，太大了不行" }),
      ),
      redirect: "manual",
    });
    expect(res.status).toBe(400);
    expect(await suite.db.sql`select 1 from leads where lead -> 'need' ->> 'notes' = ${"需要5000平以上，太大了不行"}`).toHaveLength(0);
  });

  it("15000一18000平 is 15000–18000 on the lead and the page", async () => {
    const { page, lead } = await sendForm({
      "company.name": "一字连接号测试有限公司",
      "need.areaMin": "",
      "need.notes": "需要15000一18000平的厂房",
    });
    expect(lead.need).toMatchObject({ areaMinSqm: 15000, areaMaxSqm: 18000 });
    expect(page).toMatch(/15,?000\s*[–-]\s*18,?000/);
  });
});

describe("the notes' month as stored and confirmed (ADR 132)", () => {
  it.each([
    ["2025年3月入驻", "zh", "您在补充说明里写的“2025年3月入驻”未能自动识别"],
    ["move in by March 2025", "en", "We could not read “move in by March 2025” in your notes"],
    ["move in by Mrach 2027", "en", "We could not read “move in by Mrach 2027” in your notes"],
    ["2027年13月入驻", "zh", "您在补充说明里写的“2027年13月入驻”未能自动识别"],
  ] as const)("%s: no month stored, the page says it was not read", async (words, lng, said) => {
    const { page, lead } = await sendForm(
      { "company.name": `月份测试${words.length}${lng}有限公司`, "need.notes": `厂房3000平，${words}` },
      lng,
    );
    expect(lead.need.moveInBy ?? null).toBeNull();
    expect(lead.flags).toContainEqual({ field: "need.notes", code: "unread", text: words });
    expect(page).toContain(said);
  });
});
