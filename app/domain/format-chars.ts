/**
 * Invisible format characters (Unicode general category Cf): U+200B zero-width space, U+200E/U+200F
 * direction marks, U+202A–U+202E bidi embeddings (a number copied from a contact card on a phone comes
 * wrapped in U+202D … U+202C), U+2060 word joiner, U+FEFF byte-order mark, U+00AD soft hyphen, …
 * They are never part of what a person meant, yet they make "13812345678" fail every check — except
 * the Cf characters that are part of a picture: an emoji tag sequence (🏴 + tags U+E0020–E007E
 * + cancel tag U+E007F: the flags of England, Scotland, Wales) and a zero-width joiner between two
 * pictographs, after the left one's skin tone or variation selector (👨‍👩‍👧, 👩🏽‍💻, 🏳️‍🌈: UAX #29 GB11).
 * Everything else of category Cf is matched alone, to be dropped.
 */
const FORMAT_CHARS_OUTSIDE_EMOJI =
  /(\p{Extended_Pictographic}[\u{E0020}-\u{E007E}]+\u{E007F})|((?<=\p{Extended_Pictographic}[\p{Emoji_Modifier}\uFE0F]*)\u200D(?=\p{Extended_Pictographic}))|\p{Cf}/gu;

/**
 * `s` without its Cf characters, except those an emoji is made of (a ZWJ sequence, a subdivision flag):
 * a zero-width space inside a phone number, bidi marks, a soft hyphen or a BOM go, "👨‍👩‍👧" stays one
 * family. Between letters or digits a joiner is always dropped. The one helper every normaliser of typed
 * input uses (phones, credit codes and the caller lookup included: an emoji never reads as a digit).
 */
export function stripFormatChars(s: string): string {
  return s
    .replace(FORMAT_CHARS_OUTSIDE_EMOJI, (all, tagged?: string, joiner?: string) => tagged ?? joiner ?? "")
    .replace(STRAY_VARIATION_SELECTORS, "");
}

/**
 * Variation selectors that select nothing a reader sees (attack 12-05g L5: "高淳区" + U+FE0F was refused with a message
 * showing "高淳区"): VS1–VS16 except after a pictograph (✔️, ✔︎: emoji or text presentation) or in a keycap (1️⃣), and
 * every ideographic variation selector (a glyph variant of a Han character, U+E0100–E01EF: 葛󠄀 is 葛 to every reader).
 */
const STRAY_VARIATION_SELECTORS =
  /[\uFE00-\uFE0F](?<!(?:\p{Extended_Pictographic}|\p{Emoji_Modifier})[\uFE00-\uFE0F])(?!\u20E3)|[\u{E0100}-\u{E01EF}]/gu;

/**
 * Characters nobody types: C0/C1 controls other than tab and line breaks (a pasted backspace or escape,
 * a zero byte) and U+FFFD, the replacement character — it stands for bytes a page or a browser could not
 * read (React 18's stray zero bytes put it into forms sent back, app/entry.server.tsx).
 */
const NOT_TYPED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/g;

/**
 * What a person meant by a text they typed or pasted: without the characters nobody types (NOT_TYPED),
 * without invisible format characters outside emoji (`stripFormatChars`), without white space at either
 * end; tab and line breaks inside stay. The one cleaning of every person-typed text: the lead schema
 * (every channel), the inventory rows (admin forms, Excel and JSON import), staff accounts, notes and
 * reasons (zod: `.overwrite(cleanTyped)`). A text of only invisible characters is "" (blank to the eye).
 */
export function cleanTyped(s: string): string {
  return stripFormatChars(s).replace(NOT_TYPED, "").trim();
}

/**
 * The characters `cleanTyped` takes out of `s` — controls, U+FFFD, invisible format characters outside emoji, stray
 * variation selectors; not the white space it trims — each once, in the order met, as "U+0007". Empty when none: what an
 * import says it cleaned (forms41: a sheet's control characters went unsaid).
 */
export function charsCleaned(s: string): string[] {
  const found = new Set<string>();
  for (const m of s.matchAll(FORMAT_CHARS_OUTSIDE_EMOJI)) if (m[1] === undefined && m[2] === undefined) found.add(m[0]);
  // The steps of cleanTyped, each on what the one before left.
  const noFormat = s.replace(FORMAT_CHARS_OUTSIDE_EMOJI, (all, tagged?: string, joiner?: string) => tagged ?? joiner ?? "");
  for (const [c] of noFormat.matchAll(STRAY_VARIATION_SELECTORS)) found.add(c);
  for (const [c] of noFormat.replace(STRAY_VARIATION_SELECTORS, "").matchAll(NOT_TYPED)) found.add(c);
  return [...found]
    .sort((a, b) => s.indexOf(a) - s.indexOf(b))
    .map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
}

/**
 * Every dash a Chinese or Western keyboard produces (GB/T 15834 连接号 and the minus signs): hyphen
 * U+2010, non-breaking hyphen U+2011, figure dash U+2012, en dash U+2013, em dash U+2014 (the Chinese IME
 * types two: ——), horizontal bar U+2015, minus U+2212, two/three-em dashes U+2E3A/U+2E3B, small em dash
 * U+FE58, small hyphen-minus U+FE63, full-width hyphen-minus U+FF0D, and the prolonged sound mark U+30FC
 * that Japanese-layout IMEs type for a dash.
 */
export const DASH_CHARS = /[\u2010-\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D\u30FC]/g;

/** One character tests, for code that walks text character by character (the number folding). */
export const isFormatChar = (ch: string): boolean => /^\p{Cf}$/u.test(ch);
const ONE_DASH = new RegExp(`^${DASH_CHARS.source}$`);
export const isDashChar = (ch: string): boolean => ONE_DASH.test(ch);
