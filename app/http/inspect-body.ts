// Checks on request bodies that make a value unstorable or a parser unsafe, before any route sees it
// (ADR 021). No framework imports: the request gate uses them, and the tests call them directly.

import { runSteps } from "~/utils/slices.server";

/** JSON nested deeper than this is refused: a lead needs 3 levels, an import 4. */
export const MAX_JSON_DEPTH = 32;

// NUL: PostgreSQL text and jsonb cannot hold U+0000. A lone surrogate (\ud800 with no partner) is not
// a Unicode scalar value: jsonb refuses it and UTF-8 cannot encode it. With the `u` flag a proper
// surrogate pair is one code point, so `\p{Cs}` matches only the lone halves.
const UNSTORABLE = /[\u0000]|\p{Cs}/u;

/** `s` without its NUL characters and lone surrogates: what a refused form carries back to be sent again (attack 12-05g L3). */
export function withoutUnstorableChars(s: string): string {
  return s.replace(/[\u0000]|\p{Cs}/gu, "");
}

/** True when `s` contains a NUL or a lone surrogate. */
export function hasUnstorableChars(s: string): boolean {
  return UNSTORABLE.test(s);
}

/**
 * The path ("contact.name", "need.regions[2]", a key itself) of the first key or string in a parsed
 * JSON value that holds an unstorable character, or null. Call only on values whose depth was
 * checked with `scanJsonShape` (the walk recurses).
 */
export function findUnstorableJson(value: unknown, path = ""): string | null {
  if (typeof value === "string") return hasUnstorableChars(value) ? path || "(body)" : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableJson(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (hasUnstorableChars(key)) return printable(at);
      const found = findUnstorableJson(child, at);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * findUnstorableJson as steps, for a large body (an import's rows): it pauses (yields) before each item of
 * an array at the top level or one level down — each item is walked at once — and finds the same path.
 */
export function* unstorableJsonSteps(value: unknown): Generator<void, string | null> {
  if (typeof value !== "object" || value === null) return findUnstorableJson(value);
  const top: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v]) : Object.entries(value);
  for (const [at, child] of top) {
    if (!Array.isArray(value) && hasUnstorableChars(at)) return printable(at);
    if (!Array.isArray(child)) {
      yield;
      const found = findUnstorableJson(child, at);
      if (found !== null) return found;
      continue;
    }
    for (let i = 0; i < child.length; i++) {
      yield;
      const found = findUnstorableJson(child[i], `${at}[${i}]`);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * Decodes an application/x-www-form-urlencoded body strictly (WHATWG form-urlencoded: `+` is a space,
 * percent-escapes must be valid UTF-8). URLSearchParams would turn bad escapes into U+FFFD silently.
 * Returns the pairs, or null when an escape is malformed.
 */
export function decodeFormStrict(body: string): [string, string][] | null {
  const pairs: [string, string][] = [];
  for (const part of body.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const rawName = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? "" : part.slice(eq + 1);
    try {
      pairs.push([decodeURIComponent(rawName.replace(/\+/g, " ")), decodeURIComponent(rawValue.replace(/\+/g, " "))]);
    } catch {
      return null;
    }
  }
  return pairs;
}

/** The name of the first form entry whose name or value holds an unstorable character, or null. */
export function findUnstorableField(entries: Iterable<[string, unknown]>): string | null {
  for (const [name, value] of entries) {
    if (hasUnstorableChars(name)) return printable(name);
    if (typeof value === "string" && hasUnstorableChars(value)) return printable(name);
  }
  return null;
}

/** A field name fit to show in a message: unstorable characters shown as U+FFFD, at most 100 characters. */
function printable(name: string): string {
  return Array.from(name.replace(/[\u0000]|\p{Cs}/gu, "\ufffd"))
    .slice(0, 100)
    .join("");
}

/** A key written twice in one JSON object: where (`need.regions`, `contact.phone`, `spaces[2].id`), how often, and where each value starts in the text. */
export type DuplicateJsonKey = { path: string; count: number; valueStarts: number[] };

type ScanFrame = {
  /** An object (keys are counted) or an array (items are). */
  object: boolean;
  /** How the parent names this container: its key, its index, or null at the top. */
  name: string | number | null;
  /** Object: the keys seen so far → where the first one's text ends (the value follows its colon). */
  keys: Map<string, number> | null;
  /** Object: the next string is a key. */
  expectKey: boolean;
  /** Object: the last key read; array: the index of the item being read. */
  lastKey: string;
  index: number;
  /** Where its opening bracket is in the text. */
  start: number;
};

/**
 * One pass over JSON text, without building values, for what JSON.parse cannot tell: whether it nests
 * deeper than `maxDepth` (`tooDeep`), and the first object that holds the same key twice (`duplicate`;
 * JSON.parse keeps the last silently — RFC 8259 §4: names "SHOULD be unique", and a receiver's behaviour
 * is then unpredictable). Keys are compared as JSON.parse reads them: `"\u0070hone"` is `"phone"`.
 * Strings are skipped by indexOf to their closing quote, keys are sliced (JSON.parse-decoded only when
 * they hold a backslash). Text that is no JSON is scanned as far as it goes: JSON.parse, run after, refuses it.
 * Cost: one linear pass, one small map per object (test/unit/json-duplicate-keys.test.ts times it).
 */
export function scanJsonShape(text: string, maxDepth: number, rowKeys?: ReadonlySet<string>): JsonShape {
  return runSteps(jsonShapeSteps(text, maxDepth, rowKeys));
}

/**
 * What scanJsonShape found. `rows`: the items of the arrays that are values of the root object's keys — of
 * the keys in `rowKeys` only, when given (an import's collections: another key holds no rows,
 * docs/decisions/124) — as far as the scan went (an import's rows: the gate refuses too many before the
 * parse, docs/decisions/120).
 */
export type JsonShape = { tooDeep: boolean; duplicate: DuplicateJsonKey | null; rows: number };

/** Characters scanned between two pauses of jsonShapeSteps (a few milliseconds of work). */
const SCAN_STEP = 256 * 1024;

/**
 * scanJsonShape as steps: it pauses (yields) after every SCAN_STEP characters, so a caller can give the
 * event loop a turn between steps on a large body (the request gate, docs/decisions/120); run to the end
 * without pausing it is scanJsonShape.
 */
export function* jsonShapeSteps(text: string, maxDepth: number, rowKeys?: ReadonlySet<string>): Generator<void, JsonShape> {
  const stack: ScanFrame[] = [];
  let duplicate: DuplicateJsonKey | null = null;
  let rows = 0;
  let pauseAt = SCAN_STEP;
  for (let i = 0; i < text.length; i++) {
    if (i >= pauseAt) {
      yield;
      pauseAt = i + SCAN_STEP;
    }
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: its end is the next quote not escaped (an odd run of backslashes before it), found by
      // indexOf (native) rather than character by character.
      const start = i + 1;
      for (i = text.indexOf('"', start); i !== -1; i = text.indexOf('"', i + 1)) {
        let slashes = 0;
        while (text.charCodeAt(i - 1 - slashes) === 0x5c) slashes++;
        if (slashes % 2 === 0) break;
      }
      if (i === -1) break; // unterminated: not JSON
      const top = stack[stack.length - 1];
      if (top !== undefined && top.object && top.expectKey) {
        top.expectKey = false;
        let key = text.slice(start, i);
        if (key.includes("\\")) {
          try {
            key = JSON.parse(`"${key}"`) as string;
          } catch {
            continue; // not JSON: JSON.parse will say so
          }
        }
        top.lastKey = key;
        const first = top.keys!.get(key);
        if (first === undefined) top.keys!.set(key, i + 1);
        else if (duplicate === null) duplicate = { path: pathOf(stack, key), count: 2, valueStarts: [first, i + 1] };
        else if (duplicate.valueStarts[0] === first) {
          duplicate.count++;
          duplicate.valueStarts.push(i + 1);
        }
      }
    } else if (c === 0x7b || c === 0x5b) {
      const parent = stack[stack.length - 1];
      const name = parent ? (parent.object ? parent.lastKey : parent.index) : null;
      if (stack.length >= maxDepth) return { tooDeep: true, duplicate, rows };
      const object = c === 0x7b;
      stack.push({ object, name, keys: object ? new Map() : null, expectKey: object, lastKey: "", index: 0, start: i });
    } else if (c === 0x7d || c === 0x5d) {
      const closed = stack.pop();
      // An array under the root object: its items are its commas and one, unless it holds nothing.
      if (closed && !closed.object && stack.length === 1 && stack[0].object && (!rowKeys || rowKeys.has(String(closed.name))))
        rows += closed.index > 0 || /\S/.test(text.slice(closed.start + 1, i)) ? closed.index + 1 : 0;
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top?.object) top.expectKey = true;
      else if (top) top.index++;
    }
  }
  return { tooDeep: false, duplicate, rows };
}

/** The dotted path of `key` in the innermost object of `stack`: `contact.phone`, `spaces[2].id`. */
function pathOf(stack: ScanFrame[], key: string): string {
  let path = "";
  for (let d = 1; d < stack.length; d++) {
    const name = stack[d].name;
    path += typeof name === "number" ? `[${name}]` : path ? `.${name}` : name;
  }
  return path ? `${path}.${key}` : key;
}

/**
 * The JSON value that starts after a key ending at `keyEnd` (its colon and spaces skipped), as written,
 * cut to `max` characters (a string shown without its quotes): what a refusal quotes. For refusals
 * only (a second walk of one value).
 */
export function rawJsonValueAfter(text: string, keyEnd: number, max = 40): string {
  let i = text.indexOf(":", keyEnd) + 1;
  while (i > 0 && i < text.length && /\s/.test(text[i])) i++;
  if (i <= 0) return "";
  let depth = 0;
  let end = i;
  for (; end < text.length; end++) {
    const c = text[end];
    if (c === '"') {
      for (end++; end < text.length && text[end] !== '"'; end++) if (text[end] === "\\") end++;
      if (depth === 0) {
        end++;
        break;
      }
    } else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      if (depth === 0) break;
      if (--depth === 0) {
        end++;
        break;
      }
    } else if (c === "," && depth === 0) break;
  }
  let raw = text.slice(i, end).trim();
  if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) {
    try {
      raw = JSON.parse(raw) as string;
    } catch {
      raw = raw.slice(1, -1);
    }
  }
  return Array.from(raw).slice(0, max).join("");
}

/**
 * Characters of one value a refused form carries back: twice the longest text a form takes (the notes,
 * NOTES_MAX 2,000), so a value too long for its field comes back long enough for the route's own message
 * ("最多 2000 字") to be said beside it when it is sent again, and a pasted book does not.
 */
export const KEPT_VALUE_CHARS = 4000;
/** Characters of a field name kept (the forms' names are under 60). */
const KEPT_NAME_CHARS = 200;
/** Raw bytes of one `name=value` read for keeping: a kept value percent-encoded is at most 9 bytes a character. */
const KEPT_PAIR_BYTES = (KEPT_VALUE_CHARS + KEPT_NAME_CHARS) * 9;

/**
 * What a form post refused as a whole keeps of the typing (ADR 156): `fields` fit to send again — each
 * value decoded as far as it can be, bytes that are no UTF-8 (raw or percent-escaped) and unstorable
 * characters taken out, cut to KEPT_VALUE_CHARS; the same name and value once; no more than the keeper's
 * field and byte budgets (so the form sent again passes the gate). `undecodable`: the first field that
 * held bytes that were no UTF-8; `cut`: the first field shortened; `dropped`: fields not kept.
 */
export type KeptForm = { fields: [string, string][]; undecodable: string | null; cut: string | null; dropped: number };

/**
 * Reads an application/x-www-form-urlencoded body leniently, chunk by chunk, for a refusal to carry the
 * typing back (ADR 156): strict decoding (decodeFormStrict) refuses a form for one bad escape, this keeps
 * every field it can. Memory stays bounded whatever arrives: a pair keeps at most KEPT_PAIR_BYTES of raw
 * bytes, and kept fields stop at `maxFields` and at `maxBytes` of their encoded size.
 */
export class FormKeeper {
  private readonly fields: [string, string][] = [];
  private readonly seen = new Set<string>();
  private part: Buffer[] = [];
  private partBytes = 0;
  private partCut = false;
  private keptBytes = 0;
  private undecodable: string | null = null;
  private cut: string | null = null;
  private dropped = 0;

  constructor(
    private readonly maxFields: number,
    private readonly maxBytes: number,
  ) {}

  /** Takes the next bytes of the body. */
  push(chunk: Buffer): void {
    let at = 0;
    for (;;) {
      const amp = chunk.indexOf(0x26, at);
      this.take(chunk.subarray(at, amp === -1 ? chunk.length : amp));
      if (amp === -1) return;
      this.closePair();
      at = amp + 1;
    }
  }

  /** The fields kept once the body has ended (or reading it stopped). */
  finish(): KeptForm {
    this.closePair();
    return { fields: this.fields, undecodable: this.undecodable, cut: this.cut, dropped: this.dropped };
  }

  private take(bytes: Buffer): void {
    const room = KEPT_PAIR_BYTES - this.partBytes;
    if (bytes.length > room) this.partCut = true;
    const kept = bytes.length > room ? bytes.subarray(0, room) : bytes;
    if (kept.length === 0) return;
    this.part.push(Buffer.from(kept)); // a copy: the chunk's memory is not held for a slice of it
    this.partBytes += kept.length;
  }

  private closePair(): void {
    const raw = Buffer.concat(this.part, this.partBytes);
    const wasCut = this.partCut;
    [this.part, this.partBytes, this.partCut] = [[], 0, false];
    if (raw.length === 0) return;
    const eq = raw.indexOf(0x3d);
    const name = decodeLeniently(eq === -1 ? raw : raw.subarray(0, eq));
    const value = eq === -1 ? { text: "", clean: true } : decodeLeniently(raw.subarray(eq + 1));
    const nameText = Array.from(name.text).slice(0, KEPT_NAME_CHARS).join("");
    const chars = Array.from(value.text);
    const valueText = chars.slice(0, KEPT_VALUE_CHARS).join("");
    const key = `${nameText}\u0000${valueText}`;
    if (this.seen.has(key)) return; // the same name and value again: once is what anyone typed
    const size = encodeURIComponent(nameText).length + encodeURIComponent(valueText).length + 2;
    if (this.fields.length >= this.maxFields || this.keptBytes + size > this.maxBytes) {
      this.dropped++;
      return;
    }
    this.seen.add(key);
    this.keptBytes += size;
    this.fields.push([nameText, valueText]);
    if (!(name.clean && value.clean)) this.undecodable ??= nameText;
    if (wasCut || chars.length > KEPT_VALUE_CHARS) this.cut ??= nameText;
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const lenientUtf8 = new TextDecoder("utf-8");

/**
 * One name or value of a urlencoded body as text: `+` a space, `%XX` its byte (a `%` not followed by two hex
 * digits stays as it is, as WHATWG's parser leaves it), the bytes read as UTF-8. `clean` is false when they
 * were no UTF-8: the replacement characters the decoder put for them are taken out — with a U+FFFD typed
 * in the same field (rare), which cannot be told from them. NUL and lone surrogates are taken out too.
 */
function decodeLeniently(raw: Buffer): { text: string; clean: boolean } {
  const bytes = Buffer.alloc(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === 0x25 && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
      bytes[n++] = parseInt(String.fromCharCode(raw[i + 1], raw[i + 2]), 16);
      i += 2;
    } else bytes[n++] = c === 0x2b ? 0x20 : c;
  }
  const decoded = bytes.subarray(0, n);
  try {
    return { text: withoutUnstorableChars(strictUtf8.decode(decoded)), clean: true };
  } catch {
    return { text: withoutUnstorableChars(lenientUtf8.decode(decoded).replace(/\ufffd/g, "")), clean: false };
  }
}

function isHex(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
}

/** What a whole body (read in full) keeps: FormKeeper over it at once. */
export function keepFormFields(body: Buffer, maxFields: number, maxBytes: number): KeptForm {
  const keeper = new FormKeeper(maxFields, maxBytes);
  keeper.push(body);
  return keeper.finish();
}
