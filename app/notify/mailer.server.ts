import { mkdir, rename, writeFile } from "node:fs/promises";
import { isIP } from "node:net";
import { join, resolve } from "node:path";

import nodemailer from "nodemailer";

import { notifyText } from "~/i18n/notify-messages";

import { composeMail } from "./mime-message.server";

export type MailMessage = {
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string; // "<assignment-…@parkmatch>", stable per assignment so a retry is recognisably the same mail
  from?: string;
};
/**
 * A send's outcome. `unconfirmed`: the failure came after the session began and without the server's
 * verdict (it went silent, or the line dropped), so the server may have the message: sent again blindly,
 * it may arrive again (classifySendError).
 */
export type SendResult =
  { ok: true; response: string } | { ok: false; permanent: boolean; error: string; code?: number; unconfirmed?: boolean };
export type Mailer = {
  send(message: MailMessage): Promise<SendResult>;
  /** The longest one send can take before it resolves (its deadline), in ms. */
  maxSendMs: number;
  close(): void;
};

export type MailerOptions = {
  /** smtp://user:pass@host:587 (STARTTLS) or smtps://…:465 (implicit TLS). Absent → dev outbox files. */
  smtpUrl?: string;
  /** Where the dev transport writes .eml files. Default `.data/outbox` under the working directory. */
  outboxDir?: string;
  from?: string;
  /** Connect, greeting and DNS timeout in ms (default 10 s); idle-socket timeout is 3×, a whole send at most 6×. */
  timeoutMs?: number;
};

export const DEFAULT_FROM = `${notifyText("zh", "mail.fromName")} <noreply@parkmatch.local>`;
export const DEFAULT_OUTBOX_DIR = ".data/outbox";
const DEFAULT_TIMEOUT_MS = 10_000;

const MESSAGE_ID = /^<[^\s<>@]+@[^\s<>@]+>$/;

type ErrorLike = { message?: unknown; code?: unknown; responseCode?: unknown; timeoutType?: unknown; originalCode?: unknown };

/**
 * Permanent = sending the same message again would fail the same way, so the job should dead-letter
 * instead of retrying. An SMTP 5xx reply is permanent, except 503 (bad sequence of commands): that is
 * the session's state, not a verdict on the message, and a fresh connection may well succeed (RFC 5321,
 * and nodemailer's own `isPermanentResponseCode`). Without a reply code, only errors in what we handed
 * over (no valid recipient, bad configuration) are permanent; every network failure (refused,
 * dropped, timed out, aborted) is transient. A failure without a reply once the session had begun — the
 * server silent past the socket timeout (nodemailer's timeoutType SOCKET_TIMEOUT), the whole send's
 * deadline (EABORT), the connection closed under it (ECONNECTION of its own, not a refused connect) — is
 * also `unconfirmed`: it may have come after the message's final dot, the server holding the mail.
 */
export function classifySendError(err: unknown): { permanent: boolean; error: string; code?: number; unconfirmed?: boolean } {
  const e = (typeof err === "object" && err !== null ? err : {}) as ErrorLike;
  const message = String(e.message ?? err ?? "unknown error").slice(0, 500);
  const code = typeof e.code === "string" ? e.code : undefined;
  const error = code ? `${code}: ${message}` : message;
  const responseCode = typeof e.responseCode === "number" && Number.isFinite(e.responseCode) ? e.responseCode : undefined;
  if (responseCode !== undefined) {
    return { permanent: responseCode >= 500 && responseCode <= 599 && responseCode !== 503, error, code: responseCode };
  }
  const unconfirmed = e.timeoutType === "SOCKET_TIMEOUT" || code === "EABORT" || (code === "ECONNECTION" && e.originalCode === undefined);
  return { permanent: code === "EENVELOPE" || code === "ECONFIG" || code === "ENOAUTH", error, ...(unconfirmed ? { unconfirmed } : {}) };
}

/** `<assignment-1@parkmatch>` → `assignment-1@parkmatch.eml`: one file per logical message, nothing path-like. */
export function outboxFileName(messageId: string): string {
  const base = messageId
    .replace(/^<|>$/g, "")
    .replace(/[^A-Za-z0-9@._-]/g, "_")
    .replace(/\.{2,}/g, "_")
    .replace(/^\./, "_")
    .slice(0, 150);
  return `${base || "message"}.eml`;
}

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  return h === "::1";
}

/**
 * TLS policy. `smtps:` → implicit TLS (`secure`). `smtp:` to a loopback host → plain text, STARTTLS
 * ignored: a local relay or the tests' smtp-server, whose self-signed certificate would fail
 * verification and where nothing leaves the machine. `smtp:` to any other host → STARTTLS is required
 * (certificate verified) because these mails carry the enterprise's contact details (PIPL); an
 * internal relay without TLS can opt out with `?requireTLS=false` in SMTP_URL (URL keys win).
 */
function tlsPolicy(url: URL): { ignoreTLS?: boolean; requireTLS?: boolean } {
  if (url.protocol === "smtps:") return {};
  return isLoopback(url.hostname) ? { ignoreTLS: true } : { requireTLS: true };
}

function settled<T>(promise: Promise<T>): Promise<SendResult> {
  return promise.then(
    (info) => ({ ok: true as const, response: String((info as { response?: unknown }).response ?? "") }),
    (err: unknown) => ({ ok: false as const, ...classifySendError(err) }),
  );
}

function invalid(message: MailMessage): SendResult | null {
  if (!MESSAGE_ID.test(message.messageId ?? ""))
    return { ok: false, permanent: true, error: `invalid messageId ${JSON.stringify(message.messageId)}` };
  if (!message.to?.trim()) return { ok: false, permanent: true, error: "no recipient" };
  return null;
}

/**
 * The message as nodemailer's `raw` with its envelope (composeMail: one pass, no stream tree per part;
 * ADR 106): the same headers and decoded bodies as these fields given to `sendMail`, which still gets
 * the fields themselves when a part is empty.
 */
function mailOf(message: MailMessage, defaultFrom: string) {
  const fields = {
    from: message.from ?? defaultFrom,
    to: message.to,
    // Callers other than the template may pass raw values; a header never spans lines.
    subject: message.subject.replace(/[\r\n\u2028\u2029]+/g, " "),
    html: message.html,
    text: message.text,
    messageId: message.messageId,
  };
  const composed = composeMail(fields);
  return composed ? { raw: composed.raw, envelope: composed.envelope, messageId: message.messageId } : fields;
}

function createSmtpMailer(smtpUrl: string, from: string, timeoutMs: number): Mailer {
  let url: URL;
  try {
    url = new URL(smtpUrl);
    if (url.protocol !== "smtp:" && url.protocol !== "smtps:") throw new Error(`unsupported scheme ${url.protocol}`);
  } catch (error) {
    // A bad SMTP_URL is a configuration fault: every send fails permanently and says why.
    const reason = `invalid smtpUrl: ${error instanceof Error ? error.message : String(error)}`;
    return { send: async () => ({ ok: false, permanent: true, error: reason }), maxSendMs: 0, close() {} };
  }
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 2,
    // One send() is one attempt: retries with backoff belong to the notify job, not to the pool,
    // so a dropped connection surfaces as a transient failure instead of a silent re-send.
    maxRequeues: 0,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    socketTimeout: timeoutMs * 3, // a server may think a while after DATA before it answers 250
    ...tlsPolicy(url),
  });
  return {
    async send(message) {
      const bad = invalid(message);
      if (bad) return bad;
      // Socket timeouts miss a server that trickles bytes forever; the whole send has a deadline too.
      return settled(transport.sendMail({ ...mailOf(message, from), signal: AbortSignal.timeout(timeoutMs * 6) }));
    },
    maxSendMs: timeoutMs * 6,
    close() {
      transport.close();
    },
  };
}

/** Dev/preview: the full RFC 5322 message as an .eml file, readable at /admin/outbox. Never drops a mail. */
function createOutboxMailer(outboxDir: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    async send(message) {
      const bad = invalid(message);
      if (bad) return bad;
      try {
        const info = await transport.sendMail(mailOf(message, from));
        await mkdir(outboxDir, { recursive: true });
        const file = outboxFileName(message.messageId);
        // Write then rename: the outbox page never reads half a message; a resend replaces the file.
        const tmp = join(outboxDir, `.${file}.${process.pid}.${Date.now()}.tmp`);
        await writeFile(tmp, info.message as Buffer);
        await rename(tmp, join(outboxDir, file));
        return { ok: true, response: `outbox ${file}` };
      } catch (error) {
        return { ok: false, ...classifySendError(error) };
      }
    },
    maxSendMs: 10_000, // a local file write; a stuck disk is not worth more
    close() {
      transport.close();
    },
  };
}

/** The one email sender. `send` never throws: it resolves to a result the caller can retry on or dead-letter. */
export function createMailer(options: MailerOptions = {}): Mailer {
  const from = options.from ?? DEFAULT_FROM;
  const timeoutMs = options.timeoutMs && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_TIMEOUT_MS;
  if (options.smtpUrl) return createSmtpMailer(options.smtpUrl, from, timeoutMs);
  return createOutboxMailer(resolve(options.outboxDir ?? DEFAULT_OUTBOX_DIR), from);
}
