import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { pinyin } from "pinyin-pro";

import { industryPhrases } from "~/domain/industry-search";

// npm run industry:pinyin — writes app/domain/industry-pinyin.ts: the pinyin of every Chinese name and
// product word the industry search reads, so that the browser finds 汽车制造业 by "qiche" or "qc" without
// pinyin-pro (~140 KB gzip; docs/decisions/096). Run it after changing a name or a word;
// test/unit/industry-pinyin.test.ts fails until then.

/** A phrase's toneless syllables (ü as v), letters only, space-separated: 汽车 → "qi che". */
export function readingOf(phrase: string): string {
  return pinyin(phrase, { toneType: "none", type: "array", v: true })
    .map((s) => s.toLowerCase())
    .filter((s) => /^[a-z]+$/.test(s))
    .join(" ");
}

/** The module's text: one reading per phrase of `industryPhrases()`, in its order. */
export function industryPinyinModule(): string {
  const lines = industryPhrases().map((p) => `  ${JSON.stringify(readingOf(p))},`);
  return [
    "// Written by `npm run industry:pinyin` (app/cli/industry-pinyin.ts) from pinyin-pro: do not edit.",
    "// The pinyin of industryPhrases() (app/domain/industry-search.ts), one per phrase, in its order.",
    "export const INDUSTRY_PINYIN: readonly string[] = [",
    ...lines,
    "];",
    "",
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = fileURLToPath(new URL("../domain/industry-pinyin.ts", import.meta.url));
  writeFileSync(target, industryPinyinModule());
  console.log(`wrote ${industryPhrases().length} readings to ${target}`);
}
