// Checks on request bodies that make a value unstorable or a parser unsafe, before any route sees it
// (ADR 021). No framework imports: the request gate uses them, and the tests call them directly.

/** JSON nested deeper than this is refused: a lead needs 3 levels, an import 4. */
export const MAX_JSON_DEPTH = 32;

// NUL: PostgreSQL text and jsonb cannot hold U+0000. A lone surrogate (\ud800 with no partner) is not
// a Unicode scalar value: jsonb refuses it and UTF-8 cannot encode it. With the `u` flag a proper
// surrogate pair is one code point, so `\p{Cs}` matches only the lone halves.
const UNSTORABLE = /[\u0000]|\p{Cs}/u;

/** True when `s` contains a NUL or a lone surrogate. */
export function hasUnstorableChars(s: string): boolean {
  return UNSTORABLE.test(s);
}

/**
 * The deepest `[`/`{` nesting in JSON text, counted without parsing (strings skipped), stopping as
 * soon as `max` is exceeded. Returns true when the text nests deeper than `max` levels.
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * The path ("contact.name", "need.regions[2]", a key itself) of the first key or string in a parsed
 * JSON value that holds an unstorable character, or null. Call only on values whose depth was
 * checked with `jsonNestsDeeperThan` (the walk recurses).
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
