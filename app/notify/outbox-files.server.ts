import { readdir, readFile, rm, stat } from "node:fs/promises";
import { basename, join, resolve, sep } from "node:path";

import type * as Mailparser from "mailparser";
import type { AddressObject } from "mailparser";

import { loadOnUse } from "~/domain/load-on-use.server";

import { DEFAULT_OUTBOX_DIR } from "./mailer.server";

// The mail parser at the first outbox mail read (admins' outbox pages, privacy requests), not at the web's start (ADR 175).
const mailparser = loadOnUse<typeof Mailparser>("mailparser");

export type OutboxMailSummary = { file: string; subject: string; to: string; date: string };

// What the dev transport writes (see outboxFileName): no separators, no leading dot, .eml.
const FILE_NAME = /^[A-Za-z0-9@_-][A-Za-z0-9@._-]*\.eml$/;

function outboxDir(dir?: string): string {
  return resolve(dir ?? DEFAULT_OUTBOX_DIR);
}

export type MailHeadlines = { subject: string; to: string; date: Date | null };

const HEADERS_ONLY = { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true } as const;

/** Addresses as people write them: `name <address>`, or the bare address; comma-separated. */
function addressText(field: AddressObject | AddressObject[] | undefined): string {
  const list = Array.isArray(field) ? field.flatMap((f) => f.value) : (field?.value ?? []);
  return list.map((a) => (a.name ? `${a.name} <${a.address ?? ""}>` : (a.address ?? ""))).join(", ");
}

/**
 * The decoded Subject, To and Date of a raw message (mailparser: RFC 2047 words, folded lines,
 * charsets). A header that is missing reads as "" (Date: null).
 */
export async function readMailHeadlines(raw: string): Promise<MailHeadlines> {
  const mail = await mailparser().simpleParser(raw, HEADERS_ONLY);
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null;
  return { subject: mail.subject ?? "", to: addressText(mail.to), date };
}

/**
 * A raw message as a person reads it (mailparser: RFC 2047 words, base64 and quoted-printable bodies, charsets):
 * its headers decoded (`headers`: From, To, Cc, Reply-To, Date (ISO), Subject, Message-ID — those present, in
 * that order), the plain-text body, the HTML body as its source text (never rendered: the page shows it as text),
 * and each attachment's name, type and size in bytes. A part that is missing reads as "".
 */
export type DecodedMail = {
  headers: { name: string; value: string }[];
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; size: number }[];
};

export async function decodeMail(raw: string): Promise<DecodedMail> {
  const mail = await mailparser().simpleParser(raw, {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    skipImageLinks: true,
  });
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : "";
  const headers = [
    ["From", addressText(mail.from)],
    ["To", addressText(mail.to)],
    ["Cc", addressText(mail.cc)],
    ["Reply-To", addressText(mail.replyTo)],
    ["Date", date],
    ["Subject", mail.subject ?? ""],
    ["Message-ID", mail.messageId ?? ""],
  ]
    .filter(([, value]) => value !== "")
    .map(([name, value]) => ({ name, value }));
  return {
    headers,
    text: mail.text ?? "",
    html: typeof mail.html === "string" ? mail.html : "",
    attachments: mail.attachments.map((a) => ({ filename: a.filename ?? "", contentType: a.contentType, size: a.size })),
  };
}

/** The decoded subject and both bodies of a raw message, for searching a lead's reference in it. */
async function decodedText(raw: string): Promise<string> {
  const mail = await mailparser().simpleParser(raw, HEADERS_ONLY);
  return [mail.subject ?? "", mail.text ?? "", typeof mail.html === "string" ? mail.html : ""].join("\n");
}

/**
 * The dev outbox, newest first, for /admin/outbox. Only header fields are read; a missing directory
 * is an empty outbox, not an error.
 */
export async function listOutboxMails(dir?: string): Promise<OutboxMailSummary[]> {
  const root = outboxDir(dir);
  let names: string[];
  try {
    names = await readdir(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const rows = await Promise.all(
    names
      .filter((name) => FILE_NAME.test(name))
      .map(async (file) => {
        const path = join(root, file);
        try {
          const [raw, info] = await Promise.all([readFile(path, "utf8"), stat(path)]);
          const headlines = await readMailHeadlines(raw);
          return {
            file,
            subject: headlines.subject,
            to: headlines.to,
            date: (headlines.date ?? info.mtime).toISOString(),
            mtime: info.mtimeMs,
          };
        } catch {
          return null; // replaced or removed between readdir and read
        }
      }),
  );
  return rows
    .filter((r): r is NonNullable<typeof r> => r !== null)
    .sort((a, b) => b.mtime - a.mtime || a.file.localeCompare(b.file))
    .map(({ mtime: _mtime, ...row }) => row);
}

/**
 * The raw .eml text of one outbox mail, or null when there is no such file (a 404 for the page).
 * `file` comes from a URL, so it must be a bare outbox file name: anything with a path separator,
 * `..`, or another shape throws (a 400), it is never resolved against the file system.
 */
export async function readOutboxMail(dir: string | undefined, file: string): Promise<string | null> {
  if (typeof file !== "string" || basename(file) !== file || !FILE_NAME.test(file) || file.includes("..")) {
    throw new Error("invalid outbox file name");
  }
  const root = outboxDir(dir);
  const path = resolve(root, file);
  if (!path.startsWith(root + sep)) throw new Error("invalid outbox file name");
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/**
 * The development outbox's mails that mention any of `references` (a lead's reference is in every
 * mail about it: subject and body), with their raw text — for a person's data export or erasure.
 */
export async function findOutboxMailsAbout(dir: string | undefined, references: string[]): Promise<{ file: string; raw: string }[]> {
  if (references.length === 0) return [];
  const root = outboxDir(dir);
  let names: string[];
  try {
    names = (await readdir(root)).filter((name) => FILE_NAME.test(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const found: { file: string; raw: string }[] = [];
  for (const file of names) {
    const raw = await readFile(join(root, file), "utf8").catch(() => null);
    if (raw === null) continue;
    // Headers carry the reference RFC 2047-encoded and bodies base64: the raw text and the decoded
    // subject and bodies are all searched.
    if (references.some((r) => raw.includes(r))) found.push({ file, raw });
    else {
      const text = await decodedText(raw).catch(() => "");
      if (references.some((r) => text.includes(r))) found.push({ file, raw });
    }
  }
  return found;
}

/** Deletes the outbox mails that mention any of `references`; returns the files removed. */
export async function removeOutboxMailsAbout(dir: string | undefined, references: string[]): Promise<string[]> {
  const mails = await findOutboxMailsAbout(dir, references);
  const root = outboxDir(dir);
  for (const { file } of mails) await rm(join(root, file), { force: true });
  return mails.map((m) => m.file);
}
