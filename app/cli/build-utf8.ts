import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The browser's scripts with Chinese written as itself (docs/decisions/122). esbuild (under `remix build`)
 * writes every character outside ASCII as an escape, so each Chinese character of the notes' readers (their
 * word lists: 厂房, 每栋, 太大了 …) costs six bytes ("\u5382") where UTF-8 takes three; gzipped, the inquiry
 * form's first load was ~1.5 KB heavier for it (ADR 031's weight, FIRST_LOAD_KB in test/e2e/inquiry-form.test.ts).
 * Module scripts are always read as UTF-8 (and express sends them with charset=UTF-8).
 *
 * Only `\uXXXX` escapes of the characters in WRITTEN_OUT are written out — CJK characters, CJK punctuation and
 * full-width forms, Latin-1's letters and signs, dashes, quotes, ellipses, ≥ ≤ and the like: in a string, a
 * template, a regular expression (a class range too) or an identifier each means the same as the character
 * itself. An escape whose backslash is itself escaped ("\\u5382": the text \u5382) is left as it is, and so is
 * every other character: the soft hyphen, zero-width and direction marks, line separators (a syntax error in a
 * regular expression literal), variation selectors, surrogates, the BOM. `js`: a script's text; returns it with
 * those escapes replaced (no other change).
 */
export function writeChineseOut(js: string): string {
  return js.replace(/(?<!\\)((?:\\\\)*)\\u([0-9A-Fa-f]{4})/g, (all, slashes: string, hex: string) => {
    const c = parseInt(hex, 16);
    return WRITTEN_OUT.some(([a, b]) => c >= a && c <= b) ? slashes + String.fromCharCode(c) : all;
  });
}

/** The characters written out, as inclusive ranges of code points (none of them a line terminator or a format mark). */
const WRITTEN_OUT: [number, number][] = [
  [0xa1, 0xac],
  [0xae, 0xff],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x2100, 0x23ff],
  [0x2e80, 0x9fff],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe6f],
  [0xff00, 0xffef],
];

/** writeChineseOut on every .js file under `dir` (a build's browser assets, before they are put in place). */
export function writeChineseOutUnder(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".js")) continue;
    const path = join(entry.parentPath, entry.name);
    const js = readFileSync(path, "utf8");
    const out = writeChineseOut(js);
    if (out !== js) writeFileSync(path, out);
  }
}
