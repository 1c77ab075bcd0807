import MailComposer from "nodemailer/lib/mail-composer";
import { describe, expect, it } from "vitest";

import { messageSubject, parseMessage } from "../../support/smtp";

// The benchmark's mail sink reads a message's Subject from its header block alone (test/support/smtp.ts).
// It must read what mailparser reads from the whole message, for every subject nodemailer writes:
// plain ASCII, short and long CJK (encoded words folded over several lines), mixed, quotes and spaces.
const SUBJECTS = [
  "New lead PM-20261202-0001",
  "新线索：PM-20261202-0001",
  `新线索：PM-20261202-0042 · ${"苏州工业园区标准厂房".repeat(12)}`,
  "  leading and trailing spaces  ",
  'Quote "x" and =?not-a-word?= and tab\there',
  `Mixed 中文 and English ${"长".repeat(80)} end PM-20261130-12345`,
  "",
];

function compose(subject: string): Promise<Buffer> {
  const mail = new MailComposer({ from: "bot@parkmatch.test", to: "r@example.test", subject, text: "正文", html: "<p>正文</p>" });
  return new Promise((resolve, reject) => mail.compile().build((error, message) => (error ? reject(error) : resolve(message))));
}

describe("the mail sink's subject reader", () => {
  it.each(SUBJECTS)("reads %j as mailparser reads the whole message", async (subject) => {
    const raw = await compose(subject);
    const parsed = await parseMessage(raw);
    expect(await messageSubject(raw)).toBe(parsed.subject);
    expect(parsed.subject).toBe(subject.trim());
  });

  it("finds no subject in a message without one", async () => {
    expect(await messageSubject(Buffer.from("From: a@b.test\r\nTo: c@d.test\r\n\r\nbody Subject: no\r\n"))).toBe("");
  });
});
