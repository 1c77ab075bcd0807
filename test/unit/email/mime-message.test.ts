import MailComposer from "nodemailer/lib/mail-composer";
import { describe, expect, it } from "vitest";

import { renderAssignmentEmail } from "~/notify/assignment-email";
import { DEFAULT_FROM } from "~/notify/mailer.server";
import { composeMail, type MimeInput } from "~/notify/mime-message.server";
import { renderEscalationEmail, renderRerouteNotice } from "~/notify/sla-emails";

import { assignmentEmailInput } from "../../support/assignment-email";
import { messageSubject, parseMessage } from "../../support/smtp";

// composeMail writes the message in one pass instead of nodemailer's stream tree (ADR 106). What a
// reader gets must be what nodemailer's own compile gives for the same fields: the decoded subject,
// addresses, Message-ID, text and HTML, the header lines as sent, and the SMTP envelope.

const DATE = new Date("2026-12-04T08:30:00Z");

function nodemailerBuild(m: MimeInput): Promise<{ raw: Buffer; envelope: { from: string | false; to: string[] } }> {
  const composer = new MailComposer({ ...m, date: DATE });
  const node = composer.compile();
  return new Promise((resolve, reject) =>
    node.build((error, raw) => (error ? reject(error) : resolve({ raw, envelope: node.getEnvelope() as { from: string; to: string[] } }))),
  );
}

/** Everything a reader sees, with the random boundary's header left out (it differs by design). */
async function reading(raw: Buffer) {
  const parsed = await parseMessage(raw);
  const headers = Object.fromEntries([...parsed.headers].filter(([key]) => key !== "content-type"));
  const contentType = parsed.headers.get("content-type")?.map((v) => v.replace(/boundary=.*$/, "boundary=…"));
  return { subject: parsed.subject, from: parsed.from, headers, contentType, parts: Object.fromEntries(parsed.parts) };
}

async function expectSameAsNodemailer(m: MimeInput) {
  const ours = composeMail({ ...m, date: DATE });
  if (!m.text || !m.html) return expect(ours).toBeNull(); // left to nodemailer's own compile
  if (!ours) throw new Error("composeMail gave no message for two parts");
  const theirs = await nodemailerBuild(m);
  expect(await reading(ours.raw)).toEqual(await reading(theirs.raw));
  expect(ours.envelope).toEqual(theirs.envelope);
  // The bench's sink (and any header-only reader) finds the same subject in the header block.
  expect(await messageSubject(ours.raw)).toBe(await messageSubject(theirs.raw));
  // RFC 5322/2045: CRLF only, no line over 998 octets, base64 lines at most 76.
  const text = ours.raw.toString("utf8");
  expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  for (const line of text.split("\r\n")) expect(line.length).toBeLessThanOrEqual(78);
}

function message(overrides: Partial<MimeInput> = {}): MimeInput {
  const email = renderAssignmentEmail(assignmentEmailInput());
  return { from: DEFAULT_FROM, to: "wangfang@park.example.cn", messageId: "<assignment-a-123@parkmatch>", ...email, ...overrides };
}

describe("composeMail reads as nodemailer's own message", () => {
  it("the assignment email, zh and en", async () => {
    await expectSameAsNodemailer(message());
    await expectSameAsNodemailer(message(renderAssignmentEmail(assignmentEmailInput({ rerouted: true, notes: null }), "en")));
  });

  it("a boundary of its own for each message; the kept From/To lines follow each recipient", async () => {
    const a = composeMail(message({ to: "a@park.example.cn" }))!;
    const b = composeMail(message({ to: "b@park.example.cn" }))!;
    const again = composeMail(message({ to: "a@park.example.cn" }))!;
    const boundaryOf = (m: { raw: Buffer }) => /boundary="([^"]+)"/.exec(m.raw.toString())?.[1];
    expect(new Set([boundaryOf(a), boundaryOf(b), boundaryOf(again)]).size).toBe(3);
    expect([a.envelope.to, b.envelope.to, again.envelope.to]).toEqual([
      ["a@park.example.cn"],
      ["b@park.example.cn"],
      ["a@park.example.cn"],
    ]);
    expect((await parseMessage(b.raw)).headers.get("to")).toEqual(["b@park.example.cn"]);
  });

  it("the SLA emails", async () => {
    const base = { reference: "PM-2K7Q9X", companyName: "南京恒精密机械有限公司", parkName: "高淳经济开发区" };
    await expectSameAsNodemailer(message(renderRerouteNotice({ ...base, recruiterName: "王芳", slaMinutes: 120, destination: "queue" })));
    await expectSameAsNodemailer(
      message(renderEscalationEmail({ ...base, areaText: "4000–6000㎡", assignmentUrl: "https://parkmatch.example.cn/x" }, "en")),
    );
  });

  it("addresses: a name in CJK or with quotes, several recipients, a bare address", async () => {
    await expectSameAsNodemailer(
      message({ from: '"Park, Match" <bot@parkmatch.test>', to: "王芳 <wf@park.example.cn>, li@park.example.cn" }),
    );
    await expectSameAsNodemailer(message({ from: "bot@parkmatch.test", to: "<only@park.example.cn>" }));
    await expectSameAsNodemailer(message({ to: "用户@例子.中国" }));
  });

  it("subjects and bodies nodemailer would encode differently (ASCII, long, empty, odd characters)", async () => {
    const cases: Partial<MimeInput>[] = [
      { subject: "New lead PM-20261202-0001", text: "plain ascii\n", html: "<p>plain</p>" },
      { subject: `新线索：${"苏州工业园区标准厂房".repeat(12)}`, text: "长".repeat(3000), html: `<p>${"行".repeat(5000)}</p>` },
      { subject: "", text: "", html: "" },
      { subject: 'Quote "x" and =?not-a-word?= and tab\there', text: ".leading dot\n..two\r\nCRLF\rlone CR\n", html: "<p>.</p>\n." },
      { subject: "emoji 🏭 and 𠀀 astral", text: "🏭\u2028line sep\u0000nul  trailing  \n", html: "<b>🏭</b>" },
      { text: `${"a".repeat(1200)}\n${"=".repeat(90)} = end`, html: `<p style="x">${"b ".repeat(700)}</p>` },
    ];
    for (const c of cases) await expectSameAsNodemailer(message(c));
  });

  it("300 generated triples of subject, text and HTML", async () => {
    const pieces = [
      "园区",
      "厂房 ",
      "PM-",
      "=?",
      "?=",
      "\n",
      "\r\n",
      ".",
      " ",
      "é",
      "🏭",
      '<a href="x">',
      "&amp;",
      "\t",
      "长句子".repeat(9),
    ];
    let seed = 7;
    const pick = () => pieces[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % pieces.length];
    const build = (n: number) => Array.from({ length: n }, pick).join("");
    for (let i = 0; i < 300; i++) {
      await expectSameAsNodemailer(message({ subject: build(i % 17).replace(/[\r\n]+/g, " "), text: build(i % 41), html: build(i % 29) }));
    }
  });
});
