import { readdir, readFile, rm, stat } from "node:fs/promises";
import { basename, join, resolve, sep } from "node:path";

import { DEFAULT_OUTBOX_DIR } from "./mailer.server";

export type OutboxMailSummary = { file: string; subject: string; to: string; date: string };

// What the dev transport writes (see outboxFileName): no separators, no leading dot, .eml.
const FILE_NAME = /^[A-Za-z0-9@_-][A-Za-z0-9@._-]*\.eml$/;

function outboxDir(dir?: string): string {
  return resolve(dir ?? DEFAULT_OUTBOX_DIR);
}

/** Unfolded header block of a raw message, names lower-cased; the first occurrence wins. */
function readHeaders(raw: string): Map<string, string> {
  const end = raw.search(/\r?\n\r?\n/);
  const block = (end === -1 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
  const headers = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

function wordBytes(enc: string, data: string): Buffer {
  if (enc.toUpperCase() === "B") return Buffer.from(data, "base64");
  const latin1 = data.replace(/_/g, " ").replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(latin1, "latin1");
}

function decodeBytes(charset: string, bytes: Buffer): string {
  try {
    return new TextDecoder(charset.split("*")[0].toLowerCase()).decode(bytes);
  } catch {
    return bytes.toString("latin1"); // unknown charset: show something rather than fail the listing
  }
}

/**
 * RFC 2047 encoded words (=?UTF-8?B?…?= / ?Q?), as nodemailer writes non-ASCII headers. Adjacent
 * words are joined before decoding: the whitespace between them is not text (§6.2), and an encoder
 * may split one character's bytes across two words.
 */
export function decodeMimeWords(value: string): string {
  let out = "";
  let last = 0;
  let pending: { charset: string; bytes: Buffer[] } | null = null;
  const flush = () => {
    if (pending) out += decodeBytes(pending.charset, Buffer.concat(pending.bytes));
    pending = null;
  };
  for (const m of value.matchAll(ENCODED_WORD)) {
    const between = value.slice(last, m.index);
    const charset = m[1].toLowerCase();
    if (!(pending && /^\s*$/.test(between) && pending.charset === charset)) {
      flush();
      out += between;
      pending = { charset, bytes: [] };
    }
    pending!.bytes.push(wordBytes(m[2], m[3]));
    last = m.index! + m[0].length;
  }
  flush();
  return out + value.slice(last);
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
          const headers = readHeaders(raw);
          const date = headers.get("date");
          const parsed = date ? new Date(date) : null;
          return {
            file,
            subject: decodeMimeWords(headers.get("subject") ?? ""),
            to: decodeMimeWords(headers.get("to") ?? ""),
            date: (parsed && !Number.isNaN(parsed.getTime()) ? parsed : info.mtime).toISOString(),
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
    // Headers carry the reference RFC 2047-encoded; the decoded subject and the raw body are both searched.
    if (raw !== null && references.some((r) => raw.includes(r) || decodeMimeWords(raw.slice(0, 4000)).includes(r)))
      found.push({ file, raw });
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
