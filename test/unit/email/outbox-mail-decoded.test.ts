import { describe, expect, it } from "vitest";

import { composeMail } from "~/notify/mime-message.server";
import { decodeMail } from "~/notify/outbox-files.server";

// /admin/outbox/<file> showed only the raw .eml: a base64 body and an encoded subject (trial 12-05 L16). The page
// reads the message decoded (decodeMail); the raw text stays below, folded.

describe("decodeMail", () => {
  it("decodes what the mailer writes: headers, subject (RFC 2047), both base64 bodies — zh, en, emoji, markup kept as text", async () => {
    const html = '<p>请尽快联系企业 👍🏻</p><script>alert("x")</script><img src=x onerror="alert(1)">';
    const mail = composeMail({
      from: "园区招商 <noreply@parkmatch.local>",
      to: "周敏 <zhoumin@example.test>",
      subject: "新需求待接单 PM-20261205-0001 · New lead",
      text: "周敏，您好：\n新需求 PM-20261205-0001 待接单（厂房 3000㎡）。\nPlease accept by 14:00 👍🏻",
      html,
      messageId: "assignment-abc@parkmatch",
      date: new Date("2026-12-05T06:00:00Z"),
    })!;
    const raw = mail.raw.toString("utf8");
    // As stored, none of it reads: base64 and an encoded word.
    expect(raw).not.toContain("待接单");
    const d = await decodeMail(raw);
    expect(d.headers).toEqual([
      { name: "From", value: "园区招商 <noreply@parkmatch.local>" },
      { name: "To", value: "周敏 <zhoumin@example.test>" },
      { name: "Date", value: "2026-12-05T06:00:00.000Z" },
      { name: "Subject", value: "新需求待接单 PM-20261205-0001 · New lead" },
      { name: "Message-ID", value: "<assignment-abc@parkmatch>" },
    ]);
    expect(d.text).toBe("周敏，您好：\n新需求 PM-20261205-0001 待接单（厂房 3000㎡）。\nPlease accept by 14:00 👍🏻");
    expect(d.html).toBe(html); // the source, for the page to show as text
    expect(d.attachments).toEqual([]);
  });

  it("a plain message without parts, a missing subject, quoted-printable and an attachment", async () => {
    const plain = await decodeMail("To: a@example.test\r\n\r\n只有正文\r\n");
    expect(plain.headers).toEqual([{ name: "To", value: "a@example.test" }]);
    expect(plain.text.trim()).toBe("只有正文");
    expect(plain.html).toBe("");
    const qp = [
      "From: x@example.test",
      "Subject: =?UTF-8?Q?=E9=99=84=E4=BB=B6?=",
      'Content-Type: multipart/mixed; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "=E8=A7=81=E9=99=84=E4=BB=B6",
      "--b",
      'Content-Type: application/pdf; name="a.pdf"',
      'Content-Disposition: attachment; filename="a.pdf"',
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from("%PDF-1.4 x").toString("base64"),
      "--b--",
      "",
    ].join("\r\n");
    const d = await decodeMail(qp);
    expect(d.headers.find((h) => h.name === "Subject")?.value).toBe("附件");
    expect(d.text.trim()).toBe("见附件");
    expect(d.attachments).toEqual([{ filename: "a.pdf", contentType: "application/pdf", size: 10 }]);
  });
});
