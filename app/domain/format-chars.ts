/**
 * Invisible format characters (Unicode general category Cf): U+200B zero-width space, U+200E/U+200F
 * direction marks, U+202A–U+202E bidi embeddings (a number copied from a contact card on a phone comes
 * wrapped in U+202D … U+202C), U+2060 word joiner, U+FEFF byte-order mark, U+00AD soft hyphen, …
 * They are never part of what a person meant, yet they make "13812345678" fail every check.
 */
const FORMAT_CHARS = /\p{Cf}/gu;

/** `s` without its Cf characters. The one helper every normaliser of typed input uses. */
export function stripFormatChars(s: string): string {
  return s.replace(FORMAT_CHARS, "");
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

const EDGE_BLANK = /^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu;

/**
 * `s` without white space and invisible format characters at either end: `trim()` for what people type,
 * where a text of nothing but a zero-width space or a BOM is blank. Inside the text they stay (a joined
 * emoji keeps its U+200D). Every required text staff type is trimmed by it (zod: `.overwrite(trimInvisible)`).
 */
export function trimInvisible(s: string): string {
  return s.replace(EDGE_BLANK, "");
}
