import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { transformSync } from "esbuild";
import { describe, expect, it } from "vitest";

import { writeChineseOut, writeChineseOutUnder } from "../../app/cli/build-utf8";

// esbuild writes Chinese as \uXXXX (six bytes a character): the form's first load carried the notes' readers'
// word lists at twice their UTF-8 size (docs/decisions/122). The build writes them out; the scripts mean the same.

const minified = (src: string) => transformSync(src, { minify: true, format: "esm" }).code;

describe("writeChineseOut", () => {
  it("writes the escapes esbuild makes of Chinese as the characters, and the script means the same", () => {
    const src = `export const re = /(?:每栋|各)[一-龥]+$/; export const s = "厂房，太大了　（ＡＢ）"; export const o = { 零: 0, 〇: 0 };`;
    const esc = minified(src);
    expect(esc).toContain("\\u"); // what esbuild writes
    const out = writeChineseOut(esc);
    expect(out).not.toMatch(/\\u[0-9A-Fa-f]{4}/);
    expect(out).toContain("每栋");
    expect(Buffer.byteLength(out)).toBeLessThan(Buffer.byteLength(esc));
    const run = (code: string) => {
      const { re, s, o } = new Function(
        `${code.replace(/export\s*\{([^}]*)\};?/, "return {$1};").replace(/\b(\w+) as (\w+)\b/g, "$2: $1")}`,
      )() as {
        re: RegExp;
        s: string;
        o: Record<string, number>;
      };
      return [re.source, re.test("3栋厂房，每栋五千"), s, Object.keys(o)];
    };
    expect(run(out)).toEqual(run(esc));
  });

  it("leaves an escaped backslash, surrogates, line separators, the BOM and format marks as written", () => {
    expect(writeChineseOut(String.raw`"\\u5382"`)).toBe(String.raw`"\\u5382"`); // the text \u5382
    expect(writeChineseOut(String.raw`"\\\u5382"`)).toBe(String.raw`"\\厂"`); // a backslash, then 厂
    for (const kept of [
      String.raw`"\uD83D\uDE00"`,
      String.raw`"\u2028"`,
      String.raw`"\uFEFF"`,
      String.raw`"\u200D"`,
      String.raw`"\u00AD"`,
      String.raw`"\uFE0F"`,
      String.raw`"\u{5382}"`,
    ])
      expect(writeChineseOut(kept)).toBe(kept);
    expect(writeChineseOut(String.raw`/[\u4E00-\u9FA5]\u33A1\uFF08/`)).toBe("/[一-龥]㎡（/"); // ㎡ (U+33A1) and the full-width bracket too
  });

  it("writes out the dashes, quotes and signs the readers' texts hold", () => {
    expect(writeChineseOut(String.raw`"\u2265 \u2014 \u201C\u201D \u2026 \u00B7 \u00E9"`)).toBe('"≥ — “” … · é"');
  });

  it("rewrites every .js file under a build's folder, and nothing else", () => {
    const dir = mkdtempSync(join(tmpdir(), "parkmatch-utf8-"));
    try {
      mkdirSync(join(dir, "_shared"));
      writeFileSync(join(dir, "_shared", "a.js"), String.raw`var a="\u5382\u623F";`);
      writeFileSync(join(dir, "b.css"), String.raw`a::after{content:"\5382"}`);
      writeChineseOutUnder(dir);
      expect(readFileSync(join(dir, "_shared", "a.js"), "utf8")).toBe('var a="厂房";');
      expect(readFileSync(join(dir, "b.css"), "utf8")).toBe(String.raw`a::after{content:"\5382"}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
