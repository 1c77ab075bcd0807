import { randomBytes } from "node:crypto";

import { foldLines } from "nodemailer/lib/mime-funcs";
import MimeNode from "nodemailer/lib/mime-node";

/** What one email says: the same fields nodemailer's `sendMail` takes for a text + HTML message. */
export type MimeInput = { from: string; to: string; subject: string; html: string; text: string; messageId: string; date?: Date };

/** The message as bytes (CRLF line ends) and the SMTP envelope its From and To headers name. */
export type ComposedMail = { raw: Buffer; envelope: { from: string; to: string[] } };

const CRLF = "\r\n";
/** RFC 2045 §6.8: encoded lines of at most 76 characters (nodemailer's base64 encoder wraps the same). */
const BASE64_LINE = 76;

function base64Lines(value: string): string {
  const b64 = Buffer.from(value, "utf8").toString("base64");
  let out = "";
  for (let i = 0; i < b64.length; i += BASE64_LINE) out += (i ? CRLF : "") + b64.slice(i, i + BASE64_LINE);
  return out;
}

/** One node for nodemailer's header encoding: `encodeHeaderValue` reads only the node's options. */
const encoder = new MimeNode();

/**
 * `Key: value` as nodemailer writes a header: its own encoding of the value (public API), folded at 76;
 * "" for a value that encodes to blanks, a header nodemailer leaves out.
 */
function header(key: string, value: string): string {
  const encoded = encoder.encodeHeaderValue(key, value);
  return encoded.trim() ? foldLines(`${key}: ${encoded}`, 76) : "";
}

type Addressed = { from: string; to: string; envelope: ComposedMail["envelope"] };
/**
 * The From and To lines and the envelope of one sender and recipient list. A worker sends from one
 * address to a few dozen recruiters, and parsing addresses is most of a header's cost, so they are
 * kept (up to ADDRESSED_MAX pairs, then started afresh).
 */
const addressed = new Map<string, Addressed>();
const ADDRESSED_MAX = 1000;

function addressedOf(from: string, to: string): Addressed {
  const key = `${from}\n${to}`;
  let found = addressed.get(key);
  if (!found) {
    const node = new MimeNode();
    node.setHeader("From", from);
    node.setHeader("To", to);
    const envelope = node.getEnvelope();
    found = { from: header("From", from), to: header("To", to), envelope: { from: envelope.from || "", to: envelope.to } };
    if (addressed.size >= ADDRESSED_MAX) addressed.clear();
    addressed.set(key, found);
  }
  return found;
}

/** Boundaries: one random prefix a process, a counter a message (base64 has no "_" or "-" to collide with). */
const BOUNDARY_PREFIX = `--_PM-${randomBytes(8).toString("hex")}-`;
let boundaryCount = 0;

function part(contentType: string, body: string): string {
  return `Content-Type: ${contentType}; charset=utf-8${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${base64Lines(body)}`;
}

/**
 * A multipart/alternative message (text, then HTML, both UTF-8 in base64) written in one pass, for
 * `sendMail({ raw, envelope })`. Why: nodemailer's own compile pushes each part through a tree of
 * streams (a PassThrough, an encoder and a pipeline per part, setImmediate between steps), about a
 * sixth of the worker's CPU at 50 leads/s (docs/benchmarks.md, ADR 106); the bytes of two short bodies
 * need none of that. Headers are nodemailer's: every value goes through its public
 * `MimeNode#encodeHeaderValue` (address parsing, punycode, RFC 2047 words, the Message-ID's brackets)
 * and `foldLines`, in its order (From, To, Subject, Message-ID, Date, MIME-Version, Content-Type),
 * and the envelope is its `getEnvelope()` of the same From and To. So a reader (mailparser, a mail
 * client) decodes the same subject, addresses, text and HTML as from `sendMail` with those fields;
 * test/unit/email/mime-message.test.ts holds the two side by side.
 * `date` defaults to now. Throws nothing for odd values: they are encoded as nodemailer encodes them.
 * null when the text or the HTML is empty: nodemailer then writes a message of one part (or none),
 * which the caller leaves to it (no template of ours sends one).
 */
export function composeMail(input: MimeInput): ComposedMail | null {
  if (!input.text || !input.html) return null;
  const { from, to, envelope } = addressedOf(input.from, input.to);
  boundaryCount = (boundaryCount + 1) % 0x100000000;
  const boundary = `${BOUNDARY_PREFIX}${boundaryCount.toString(16)}`;
  const date = (input.date ?? new Date()).toUTCString().replace(/GMT/, "+0000");
  const head = [
    from,
    to,
    header("Subject", input.subject),
    header("Message-ID", input.messageId),
    `Date: ${date}`,
    "MIME-Version: 1.0",
    foldLines(`Content-Type: multipart/alternative; boundary="${boundary}"`, 76),
  ].filter(Boolean);
  const raw =
    head.join(CRLF) +
    CRLF +
    CRLF +
    `--${boundary}${CRLF}${part("text/plain", input.text)}${CRLF}` +
    `--${boundary}${CRLF}${part("text/html", input.html)}${CRLF}` +
    `--${boundary}--${CRLF}`;
  return { raw: Buffer.from(raw, "utf8"), envelope: { from: envelope.from, to: [...envelope.to] } };
}
