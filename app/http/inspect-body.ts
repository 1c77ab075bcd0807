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
