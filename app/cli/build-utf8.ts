import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The browser's scripts with Chinese written as itself (docs/decisions/122). esbuild (under `remix build`)
 * writes every character outside ASCII as an escape, so each Chinese character of the notes' readers (their
 * word lists: 厂房, 每栋, 太大了 …) costs six bytes ("\u5382") where UTF-8 takes three; gzipped, the inquiry
 * form's first load was ~1.5 KB heavier for it (ADR 031's weight, FIRST_LOAD_KB in test/e2e/inquiry-form.test.ts).
 * Module scripts are always read as UTF-8 (and express sends them with charset=UTF-8).
 *
 * Only `\uXXXX` escapes of CJK characters, CJK punctuation and full-width forms (U+2E80–U+9FFF, U+F900–U+FAFF,
 * U+FE30–U+FE4F, U+FF00–U+FFEF) are written out: in a string, a template, a regular expression (a class range
 * too) or an identifier each means the same as the character itself. An escape whose backslash is itself
 * escaped ("\\u5382": the text \u5382) is left as it is, and so is every other character (line separators,
 * surrogates, the BOM). `js`: a script's text; returns it with those escapes replaced (no other change).
 */
export function writeChineseOut(js: string): string {
  return js.replace(/(?<!\\)((?:\\\\)*)\\u([0-9A-Fa-f]{4})/g, (all, slashes: string, hex: string) => {
    const c = parseInt(hex, 16);
    const cjk =
      (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xffef);
    return cjk ? slashes + String.fromCharCode(c) : all;
  });
}

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
