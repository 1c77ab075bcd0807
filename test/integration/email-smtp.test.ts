import { mkdtemp, readdir, rm } from "node:fs/promises";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { SMTPServerOptions } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";

import { type AssignmentEmailInput, renderAssignmentEmail } from "~/notify/assignment-email";
import { classifySendError, createMailer, DEFAULT_FROM, type Mailer, type MailMessage } from "~/notify/mailer.server";
import { composeMail } from "~/notify/mime-message.server";
import { listOutboxMails, readOutboxMail } from "~/notify/outbox-files.server";

import { assignmentEmailInput } from "../support/assignment-email";
import { messageSubject, parseMessage, startSmtpServer, type TestServer } from "../support/smtp";

// A real SMTP server on loopback per test (msw is HTTP only). Each test says how it should behave.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function startServer(handlers: Partial<SMTPServerOptions> = {}): Promise<TestServer> {
  const server = await startSmtpServer(handlers);
  cleanups.push(() => server.close());
  return server;
}

function mailerFor(smtpUrl: string, timeoutMs = 2000): Mailer {
  const mailer = createMailer({ smtpUrl, timeoutMs });
  cleanups.push(() => mailer.close());
  return mailer;
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** A port nothing listens on: bind, note it, release. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

// ---- fixtures

const HOSTILE = `<script>alert(1)</script>"><img src=x onerror=alert(1)>`;

function emailInput(overrides: Partial<AssignmentEmailInput> = {}): AssignmentEmailInput {
  return assignmentEmailInput({
    reference: "PM-7HQ2ZC",
    notes: null,
    spaces: [{ title: "3号标准厂房", score: 86, conditional: false, reasons: ["面积 5200㎡ 在需求 4000–6000㎡ 内"] }],
    assignmentUrl: "https://parkmatch.example.cn/queue/assignments/a-1",
    ...overrides,
  });
}

function message(overrides: Partial<MailMessage> = {}, input: Partial<AssignmentEmailInput> = {}): MailMessage {
  const rendered = renderAssignmentEmail(emailInput(input));
  return { to: "wang.fang@gaochun-park.example.cn", messageId: "<assignment-a1@parkmatch>", ...rendered, ...overrides };
}

// ---- tests

describe("createMailer over SMTP (real smtp-server on loopback)", () => {
  it("delivers html + text to the recipient, with the given Message-ID and the decoded zh-CN subject", async () => {
    const server = await startServer();
    const mailer = mailerFor(server.url);
    const msg = message({}, { companyName: `恶意${HOSTILE}公司`, notes: HOSTILE });

    const result = await mailer.send(msg);

    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.response).toMatch(/^250/);
    expect(server.received).toHaveLength(1);
    const [mail] = server.received;
    expect(mail.rcptTo).toEqual(["wang.fang@gaochun-park.example.cn"]);
    expect(mail.mailFrom).toBe("noreply@parkmatch.local");

    const parsed = mail.parsed;
    expect(parsed.subject).toBe(msg.subject);
    expect(parsed.subject).toContain("【新线索 PM-7HQ2ZC】");
    expect(parsed.headers.get("message-id")).toEqual(["<assignment-a1@parkmatch>"]);
    expect(parsed.headers.get("to")).toEqual(["wang.fang@gaochun-park.example.cn"]);
    expect(parsed.from).toBe(DEFAULT_FROM);

    const html = parsed.parts.get("text/html");
    const text = parsed.parts.get("text/plain");
    expect(html).toBeDefined();
    expect(text).toBeDefined();
    expect(html).toContain("请在 120 分钟内在招商工作台接单");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('href="https://parkmatch.example.cn/queue/assignments/a-1"');
    expect(text).toContain("138 1234 5678");
    expect(text).toContain(HOSTILE); // plain text carries the value as typed
    expect(text).not.toMatch(/<\/?(p|div|a|br|li|table)\b/i);
  });

  it("sends the message composed in one pass (ADR 106), over SMTP and into the dev outbox alike", async () => {
    const server = await startServer();
    const msg = message();
    expect(await mailerFor(server.url).send(msg)).toMatchObject({ ok: true });
    const composed = composeMail({ ...msg, from: DEFAULT_FROM })!;
    // composeMail's boundary prefix, not nodemailer's "--_NmP-": the raw message went out, with its envelope.
    expect(server.received[0].raw).toMatch(/boundary="--_PM-[0-9a-f]{16}-[0-9a-f]+"/);
    expect(server.received[0].rcptTo).toEqual(composed.envelope.to);
    expect(server.received[0].parsed.parts.get("text/html")).toBe(msg.html);
    expect(server.received[0].parsed.parts.get("text/plain")).toBe(msg.text);
  });

  it("reuses one pooled connection for consecutive sends; a retry keeps the same Message-ID", async () => {
    const server = await startServer();
    const mailer = mailerFor(server.url);
    const first = await mailer.send(message({ messageId: "<assignment-a2@parkmatch>" }));
    const again = await mailer.send(message({ messageId: "<assignment-a2@parkmatch>" }));
    const other = await mailer.send(message({ messageId: "<assignment-a3@parkmatch>", to: "li@example.cn" }));
    expect([first.ok, again.ok, other.ok]).toEqual([true, true, true]);
    expect(server.received.map((m) => m.parsed.headers.get("message-id")?.[0])).toEqual([
      "<assignment-a2@parkmatch>",
      "<assignment-a2@parkmatch>",
      "<assignment-a3@parkmatch>",
    ]);
    expect(server.received[2].rcptTo).toEqual(["li@example.cn"]);
    expect(server.connections).toBe(1);
  });

  it("uses the caller's From when given", async () => {
    const server = await startServer();
    const result = await mailerFor(server.url).send(message({ from: "高淳园区 <zhaoshang@gaochun.example.cn>" }));
    expect(result.ok).toBe(true);
    expect(server.received[0].mailFrom).toBe("zhaoshang@gaochun.example.cn");
  });

  it("450 on RCPT TO is transient", async () => {
    const server = await startServer({ onRcptTo: (_a, _s, cb) => cb(smtpError("Mailbox busy, try later", 450)) });
    const result = await mailerFor(server.url).send(message());
    expect(result).toMatchObject({ ok: false, permanent: false, code: 450 });
    expect(server.received).toHaveLength(0);
  });

  it("550 on RCPT TO is permanent", async () => {
    const server = await startServer({ onRcptTo: (_a, _s, cb) => cb(smtpError("No such user", 550)) });
    const result = await mailerFor(server.url).send(message());
    expect(result).toMatchObject({ ok: false, permanent: true, code: 550 });
    expect(!result.ok && result.error).toContain("No such user");
  });

  it("554 after DATA is permanent", async () => {
    const server = await startServer({
      onData: (stream, _s, cb) => {
        stream.resume();
        stream.on("end", () => cb(smtpError("Message rejected as spam", 554)));
      },
    });
    const result = await mailerFor(server.url).send(message());
    expect(result).toMatchObject({ ok: false, permanent: true, code: 554 });
  });

  it("a connection dropped during DATA is transient, and the mailer keeps working", async () => {
    let drop = true;
    const server: TestServer = await startServer({
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          if (drop) return server.dropConnections(); // no reply to DATA at all
          const raw = Buffer.concat(chunks).toString();
          void parseMessage(raw).then((parsed) => {
            server.received.push({ mailFrom: "", rcptTo: session.envelope.rcptTo.map((a) => a.address), raw, parsed });
            cb(null);
          });
        });
      },
    });
    const mailer = mailerFor(server.url);

    const dropped = await mailer.send(message());
    expect(dropped).toMatchObject({ ok: false, permanent: false, unconfirmed: true }); // the server may have had it whole
    expect(!dropped.ok && dropped.code).toBeUndefined();
    expect(server.received).toHaveLength(0);

    drop = false;
    const retried = await mailer.send(message());
    expect(retried.ok).toBe(true);
    expect(server.received).toHaveLength(1);
    expect(server.connections).toBe(2);
  });

  it("connection refused is transient", async () => {
    const port = await closedPort();
    const result = await mailerFor(`smtp://127.0.0.1:${port}`, 1000).send(message());
    expect(result).toMatchObject({ ok: false, permanent: false });
    expect(!result.ok && result.error).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    expect(!result.ok && result.unconfirmed).toBeFalsy(); // nothing was sent: a retry cannot make a copy
    expect(!result.ok && result.code).toBeUndefined();
  });

  // Within the configured timeout: nodemailer's own greeting timeout (30 s) is past this test's 20 s, and
  // without the configured timeouts the send ends in EABORT, not a timeout. (It also said "took < 5 s", a
  // wall-clock figure that only holds while the machine keeps up.)
  it("a server that never greets times out, transient, within the configured timeout", { timeout: 20_000 }, async () => {
    const held: (() => void)[] = [];
    const server = await startServer({ onConnect: (_s, cb) => void held.push(() => cb()) }); // greeting never sent
    cleanups.push(() => held.forEach((release) => release()));
    const started = Date.now();
    const result = await mailerFor(server.url, 300).send(message());
    const elapsed = Date.now() - started;
    expect(result).toMatchObject({ ok: false, permanent: false });
    expect(!result.ok && result.error).toMatch(/ETIMEDOUT|timeout/i);
    expect(!result.ok && result.unconfirmed).toBeFalsy(); // no greeting, no message sent
    expect(elapsed).toBeGreaterThanOrEqual(250); // not before it (a busy machine is only ever later)
    expect(server.received).toHaveLength(0);
  });

  it("refuses a malformed Message-ID without touching the network (permanent)", async () => {
    const server = await startServer();
    const mailer = mailerFor(server.url);
    for (const messageId of ["assignment-1@parkmatch", "<a b@parkmatch>", "<x@y>\r\nBcc: z@example.com", ""]) {
      expect(await mailer.send(message({ messageId }))).toMatchObject({ ok: false, permanent: true });
    }
    expect(server.connections).toBe(0);
  });

  it("a bad SMTP URL fails every send permanently instead of throwing", async () => {
    const mailer = createMailer({ smtpUrl: "http://127.0.0.1:25" });
    expect(await mailer.send(message())).toMatchObject({ ok: false, permanent: true });
    mailer.close();
  });
});

describe("classifySendError", () => {
  it.each<[object, boolean]>([
    [{ responseCode: 550, code: "EENVELOPE" }, true],
    [{ responseCode: 552, code: "EMESSAGE" }, true],
    [{ responseCode: 535, code: "EAUTH" }, true],
    [{ responseCode: 503, code: "EPROTOCOL" }, false], // bad sequence: the session, not the message
    [{ responseCode: 450, code: "EENVELOPE" }, false],
    [{ responseCode: 421, code: "EENVELOPE" }, false],
    [{ code: "ECONNECTION" }, false],
    [{ code: "ETIMEDOUT" }, false],
    [{ code: "ESOCKET" }, false],
    [{ code: "EABORT" }, false],
    [{ code: "EENVELOPE" }, true], // e.g. no valid recipient address
    [{ code: "ECONFIG" }, true],
  ])("%o → permanent %s", (err, permanent) => {
    expect(classifySendError(Object.assign(new Error("x"), err)).permanent).toBe(permanent);
  });

  it("never throws on odd values", () => {
    expect(classifySendError(undefined)).toMatchObject({ permanent: false });
    expect(classifySendError("boom")).toMatchObject({ permanent: false, error: "boom" });
  });
});

describe("createMailer without SMTP: the dev outbox", () => {
  async function tempDir() {
    const dir = await mkdtemp(join(tmpdir(), "parkmatch-outbox-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  it("writes each message as an .eml file that listOutboxMails and readOutboxMail find", async () => {
    const dir = await tempDir();
    const outbox = join(dir, "outbox"); // created on first send
    const mailer = createMailer({ outboxDir: outbox });
    const msg = message({ messageId: "<assignment-a9@parkmatch>" }, { notes: HOSTILE });

    const result = await mailer.send(msg);
    expect(result).toMatchObject({ ok: true });

    const list = await listOutboxMails(outbox);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ file: "assignment-a9@parkmatch.eml", subject: msg.subject, to: msg.to });
    expect(Number.isNaN(Date.parse(list[0].date))).toBe(false);

    const raw = await readOutboxMail(outbox, list[0].file);
    expect(raw).not.toBeNull();
    const parsed = await parseMessage(raw!);
    expect(parsed.headers.get("message-id")).toEqual(["<assignment-a9@parkmatch>"]);
    expect(parsed.subject).toBe(msg.subject);
    // The benchmark's mail sink reads the header block only, to the same decoded subject.
    expect(await messageSubject(Buffer.from(raw!))).toBe(msg.subject);
    expect(parsed.parts.get("text/html")).toContain("&lt;script&gt;");
    expect(parsed.parts.get("text/plain")).toContain("请在 120 分钟内在招商工作台接单");

    // a retry of the same assignment replaces its file: one logical message, one file
    expect((await mailer.send(msg)).ok).toBe(true);
    expect((await mailer.send(message({ messageId: "<assignment-b1@parkmatch>" }))).ok).toBe(true);
    expect((await readdir(outbox)).sort()).toEqual(["assignment-a9@parkmatch.eml", "assignment-b1@parkmatch.eml"]);
    expect((await listOutboxMails(outbox)).map((m) => m.file).sort()).toEqual([
      "assignment-a9@parkmatch.eml",
      "assignment-b1@parkmatch.eml",
    ]);
    mailer.close();
  });

  it("a message-id never becomes a path", async () => {
    const dir = await tempDir();
    const mailer = createMailer({ outboxDir: dir });
    expect((await mailer.send(message({ messageId: "<../../etc/passwd@parkmatch>" }))).ok).toBe(true);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).not.toMatch(/[/\\]|\.\./);
    mailer.close();
  });

  it("readOutboxMail refuses path traversal; a missing file is null; a missing outbox is empty", async () => {
    const dir = await tempDir();
    for (const bad of ["../secret.eml", "..%2fsecret.eml", "a/b.eml", "/etc/passwd", "..", ".hidden.eml", "x.txt", "sub\\x.eml", ""]) {
      await expect(readOutboxMail(dir, bad), bad).rejects.toThrow(/invalid outbox file name/);
    }
    expect(await readOutboxMail(dir, "nothing-here@parkmatch.eml")).toBeNull();
    expect(await listOutboxMails(join(dir, "does-not-exist"))).toEqual([]);
  });
});
