import { describe, expect, it } from "vitest";

import { inquiryConfirmationSuite } from "../support/inquiry-confirmation";

// docs/decisions/137 (attack 32 H3), through the real web process: the public confirmation page prints words of
// the notes (unread flags, the ceiling-only area, notesDiffer quotes, the not-read line) — never the contact
// details in them, in any digit form. The stored lead (what staff read) keeps the notes as typed.
const suite = inquiryConfirmationSuite("contact_masked137", 13900337100);

/** The page's text, tags stripped, full-width digits and ＠ folded, so a number typed either way is caught. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/[\uFF10-\uFF19\uFF20]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/&amp;/g, "&");

/** The page's digits run together (spaces, dashes, dots between them dropped). */
const digitRun = (text: string) => text.replace(/[\s.\-－]/g, "");

async function storedNotes(reference: string): Promise<{ notes: string; flags: { text: string }[] }> {
  const [row] = await suite.db.sql<{ notes: string; flags: { text: string }[] }[]>`
    select lead -> 'need' ->> 'notes' as notes, lead -> 'flags' as flags from leads where reference = ${reference}`;
  return row;
}

describe("the confirmation page masks the contact details the notes hold", () => {
  const cases: { notes: string; lng: "zh" | "en"; leak: string[]; shown?: string; fields?: Record<string, string> }[] = [
    // An unread month flag (ADR 132) whose clause runs on into a phone in full-width digits.
    { notes: "需要5000平，2026年11月入驻联系王总１３８１２３４５６７８", lng: "zh", leak: ["12345678"], shown: "138****5678" },
    { notes: "需要5000平，Mrach 2027入驻 wang@corp.cn", lng: "zh", leak: ["wang@", "corp.cn"], shown: "***" },
    { notes: "需要5000平，Mrach 2027入驻 微信 wang_88", lng: "zh", leak: ["wang_88"], shown: "微信 ***" },
    { notes: "need 5000 sqm, Febuary 2027 call 138-1234-5678", lng: "en", leak: ["12345678"], shown: "138****5678" },
    // The not-read line: full-width, Traditional, Chinese numerals, ＠, vx, an address.
    {
      notes: "需要5000平，要双回路供电；電話：１３９８７６５４３２１；要有月台 電話０２５－８７６５４３２１",
      lng: "zh",
      leak: ["98765432", "87654321"],
      shown: "要有月台 電話025****4321",
    },
    { notes: "需要5000平，要有月台 邮箱 zhang＠example.com", lng: "zh", leak: ["zhang", "example.com"], shown: "要有月台 邮箱 ***" },
    { notes: "需要5000平，要有月台 加我vx zhangsan_8899", lng: "zh", leak: ["zhangsan", "8899"], shown: "要有月台 加我vx ***" },
    {
      notes: "需要5000平，要双回路供电 找张总 一三八一二三四五六七八",
      lng: "zh",
      leak: ["一三八一二三四五六七八", "12345678"],
      shown: "138****5678",
    },
    { notes: "需要5000平，要有月台 地址：天元中路88号 张三收", lng: "zh", leak: ["天元中路", "张三收"], shown: "要有月台 地址：***" },
    // The address's clause names a district (read): the clause is not listed, nothing of it shown.
    { notes: "需要5000平，要有月台；地址：南京市江宁区天元中路88号 张三收", lng: "zh", leak: ["天元中路", "张三收"], shown: "要有月台" },
    // A refusal further on (attack 32 H3's own case): the unread text runs into the phone.
    { notes: "需要5000平, 5000平以上的老板说太大了 手机13812345678", lng: "zh", leak: ["12345678"] },
    // notesDiffer: the box says 3000, the notes 5000 with a phone beside.
    { notes: "需要5000平 手机13912345678", lng: "zh", leak: ["12345678"], fields: { "need.areaMin": "3000" } },
  ];

  for (const c of cases) {
    it(`${c.notes} (${c.lng})`, async () => {
      const { html, reference } = await suite.sendForm({ "need.areaMin": "", ...c.fields, "need.notes": c.notes }, c.lng);
      const text = textOf(html);
      for (const leak of c.leak) {
        expect(text).not.toContain(leak);
        expect(digitRun(text)).not.toContain(leak);
      }
      if (c.shown) expect(text).toContain(c.shown);
      // Staff read the lead as typed: the notes keep every detail.
      expect((await storedNotes(reference)).notes).toBe(c.notes);
    });
  }

  it("the not-read line still lists the plain parts beside a masked one", async () => {
    const { html } = await suite.sendForm(
      { "need.areaMin": "", "need.notes": "需要5000平，要双回路供电，联系人：张三 微信 zs_2026" },
      "zh",
    );
    const text = textOf(html);
    expect(text).toContain("要双回路供电");
    expect(text).not.toContain("zs_2026");
    expect(text).not.toContain("张三");
  });
});
