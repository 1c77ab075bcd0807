import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

// dash32's leftover (ADR 134 "Left", ADR 143): "㎡" alone on a new line on a 390 px phone. A plain space before
// ㎡ or 亩 is a place a line may break ("mu (亩, 666.67 ㎡)" broke before "㎡)"); a no-break space holds the unit
// to its figure. Every catalog's message (both languages) and every string literal in app/ say a figure's
// unit after a no-break space or none.

const APP = new URL("../../app/", import.meta.url).pathname;
/** A figure, a placeholder ({n}) or a closing bracket, then a breaking space, then the unit. */
const BREAK_BEFORE_UNIT = /[\d}）)][ \t\u3000](?=[㎡亩])/u;

const catalogs = readdirSync(join(APP, "i18n")).filter((f) => f.endsWith("-messages.ts"));

describe("a unit stays on the line of its figure", () => {
  it.each(catalogs)("catalog %s", async (file) => {
    const mod = (await import(join(APP, "i18n", file))) as Record<string, unknown>;
    const messages = Object.values(mod).filter(
      (m): m is { zh: Record<string, string>; en: Record<string, string> } => typeof m === "object" && m !== null && "zh" in m && "en" in m,
    );
    expect(messages.length, file).toBeGreaterThan(0);
    for (const m of messages)
      for (const lng of ["zh", "en"] as const)
        for (const [key, text] of Object.entries(m[lng]))
          expect(BREAK_BEFORE_UNIT.test(text), `${file} ${lng} ${key}: ${text}`).toBe(false);
  });

  it("no string literal in app/ puts a breaking space between a figure and its unit", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|tsx)$/.test(f) && !/migrations/.test(p)) files.push(p);
      }
    };
    walk(APP);
    const found: string[] = [];
    for (const file of files)
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (/^\s*(\/\/|\*|\/\*)/.test(line)) return; // comments
          // Inside a string: a breaking space before the unit after a figure, a placeholder or a quote's start (" ㎡").
          const code = line.replace(/\/\/.*$/, "");
          if (BREAK_BEFORE_UNIT.test(code) || /["'`][ \t](?=[㎡亩])/u.test(code))
            found.push(`${file.slice(APP.length)}:${i + 1}: ${line.trim()}`);
        });
    expect(found).toEqual([]);
  });
});
