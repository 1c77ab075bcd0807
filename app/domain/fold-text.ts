import { isDashChar, isFormatChar } from "./format-chars";
import { serverTraditionalToSimplified } from "./traditional.server";

/**
 * One normalisation for every number a person types (fields and notes), before anything is parsed:
 *
 * 1. Traditional → Simplified with OpenCC (`tw` → `cn`: 萬→万, 畝→亩, 廠房→厂房, 樓高→楼高, 兩→两).
 * 2. Format characters (Unicode Cf: U+200B, U+200E, U+202C/U+202D, U+2060, U+FEFF, …) removed.
 * 3. Full-width ASCII → ASCII, ideographic space → space, EXCEPT the Chinese comma `，` (U+FF0C): it
 *    separates clauses and must never become the ASCII thousands separator (`层高9，800KVA`).
 * 4. Every dash and tilde a Chinese or Western keyboard produces (GB/T 15834 range marks: ‐ ‑ ‒ – — ―
 *    − ﹣ － ⁓ ∼ ～ 〜, doubled —— / ――) → one `-` or `~`.
 * 5. `个` between a number and 亿/万 dropped (一个亿, 1.5个亿); `w`/`W` right after a digit → 万 (1w平).
 * 6. A unit in brackets right after a number loses its brackets (9000（毫米） → 9000毫米).
 * 7. ASCII letters lower-cased.
 *
 * `at[i]` is the index in the original text of folded character i (and `at[s.length]` its end), so a
 * snippet can be quoted exactly as the person typed it. The raw record always keeps the original.
 */
export type Folded = { s: string; at: number[] };

// On a server the converter is there from the start; in the browser it is undefined until
// loadTraditionalFolding() has fetched it, and text is folded as if it held no Traditional characters.
let t2s: ((text: string) => string) | undefined = serverTraditionalToSimplified;
let loading: Promise<void> | undefined;

/**
 * Loads Traditional → Simplified folding in the browser (a separate chunk, fetched once; a no-op on a
 * server). Resolves when `foldText` converts Traditional text; call it when a form that folds what is
 * typed has mounted, and re-run the live assist when it resolves.
 */
export function loadTraditionalFolding(): Promise<void> {
  if (t2s) return Promise.resolve();
  return (loading ??= import("opencc-js/t2cn").then((OpenCC) => {
    t2s = OpenCC.Converter({ from: "tw", to: "cn" });
  }));
}

/** True when `foldText` converts Traditional characters (always on a server; in the browser once loaded). */
export function traditionalFoldingReady(): boolean {
  return t2s !== undefined;
}

/** OpenCC converts phrase by phrase; when a phrase changes length, fall back to one character at a time. */
function toSimplified(text: string): string[] {
  const chars = [...text];
  if (!t2s) return chars;
  const whole = [...t2s(text)];
  if (whole.length === chars.length) return whole;
  const convert = t2s;
  return chars.map((c) => {
    const s = convert(c);
    return [...s].length === 1 ? s : c;
  });
}

/**
 * `text` with its Traditional characters written Simplified, character for character: the same length in UTF-16 units,
 * so every index into it is one into `text` (a character whose conversion is longer or shorter is kept as typed). For
 * the checks that look at the words around what the readers took (notes-not-read.ts GLUE, the item names after a figure:
 * "2臺630千伏安變壓器" reads as "2台630千伏安变压器"; docs/decisions/180) — the readers fold the text the same way (foldText),
 * so Traditional notes read exactly as Simplified. In the browser, as typed until loadTraditionalFolding() resolves.
 */
export function simplifiedInPlace(text: string): string {
  if (!t2s || !text) return text;
  const chars = [...text];
  const simple = toSimplified(text);
  let out = "";
  for (let i = 0; i < chars.length; i++) out += simple[i].length === chars[i].length ? simple[i] : chars[i];
  return out;
}

const TILDES = /[\u2053\u223C\u301C\uFF5E\u02DC]/;

export function foldText(text: string): Folded {
  const simplified = toSimplified(text);
  const out: string[] = [];
  const at: number[] = [];
  let pos = 0;
  for (const original of [...text].map((c, i) => [c, simplified[i]] as const)) {
    const [orig, ch0] = original;
    let ch = ch0;
    const here = pos;
    pos += orig.length;
    if (isFormatChar(ch)) continue;
    const code = ch.charCodeAt(0);
    if (code === 0xff0c) ch = "，";
    else if (isDashChar(ch)) ch = "-";
    else if (TILDES.test(ch)) ch = "~";
    else if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) ch = " ";
    // —— and ～～ are one range mark (an ASCII "--" stays two characters: "--5" is not a number).
    const prev = text[at[at.length - 1]];
    if ((ch === "-" || ch === "~") && orig !== ch && out[out.length - 1] === ch && prev !== ch) continue;
    out.push(/[A-Z]/.test(ch) ? ch.toLowerCase() : ch);
    // One entry per UTF-16 unit of `s`, as its indices count: an emoji or a rare character outside the BMP ("🚫高淳")
    // is two, and a map by characters put every later snippet one unit off (ADR 140).
    for (let k = 0; k < ch.length; k++) at.push(here + Math.min(k, orig.length - 1));
  }
  at.push(pos);
  let s = out.join("");
  let map = at;
  // Rewrites below delete characters only, so the map is kept by deleting the same positions.
  const drop = (re: RegExp) => {
    const keep: number[] = [];
    let next = "";
    let last = 0;
    for (const m of s.matchAll(re)) {
      const start = m.index + (m.groups?.pre?.length ?? 0);
      const len = m.groups?.del?.length ?? m[0].length;
      next += s.slice(last, start);
      for (let i = last; i < start; i++) keep.push(map[i]);
      last = start + len;
    }
    next += s.slice(last);
    for (let i = last; i <= s.length; i++) keep.push(map[i]);
    s = next;
    // The kept map replaces the old one; never spread into a call (`at.splice(0, n, ...keep)`): past ~120,000 entries
    // that overflows the stack, and a 125,000-character form field was a 500 (attack37, ADR 171).
    map = keep;
  };
  drop(/(?<pre>[0-9零〇一二两三四五六七八九十百千半.])(?<del>\s*个)(?=\s*[亿万])/g);
  drop(/(?<pre>[0-9])(?<del>\s+)(?=[十百千万亿])/g); // "345 万"
  drop(/(?<pre>[0-9]\s*)(?<del>[(（])(?=\s*(?:毫米|厘米|米|mm|cm|m|平方米|平米|㎡|m2|亩|吨|t|kva|千伏安|kg|公斤)\s*[)）])/g);
  drop(/(?<pre>[0-9]\s*[(（]?\s*(?:毫米|厘米|米|mm|cm|m|平方米|平米|㎡|m2|亩|吨|t|kva|千伏安|kg|公斤)\s*)(?<del>[)）])/g);
  s = s.replace(/(?<=[0-9])w(?![a-z])/g, "万");
  return boundBlankRuns(s, map);
}

/** At most this many blanks of a run are read (docs/decisions/142). */
export const BLANK_RUN_MAX = 4;
const LONG_BLANK_RUN = new RegExp(`\\s{${BLANK_RUN_MAX + 1}}`, "u");
const BLANK_RUN = new RegExp(`\\s{${BLANK_RUN_MAX + 1},}`, "gu");

/**
 * 8. A run of blanks longer than BLANK_RUN_MAX keeps its first BLANK_RUN_MAX - 1 characters and then its first line
 * break, else its next blank (docs/decisions/142). The readers' patterns allow blanks between their words at several
 * places ("电话 ：  139…", "3月 前 入驻"), and a pattern with k of them tries every way to share a run of r blanks
 * among them: r^k steps at each position, seconds for a few hundred blanks (attack L9). Four blanks read as any
 * longer run does, a line break stays one; the map keeps every snippet as typed.
 */
function boundBlankRuns(s: string, at: number[]): Folded {
  if (!LONG_BLANK_RUN.test(s)) return { s, at };
  let out = "";
  const map: number[] = [];
  let last = 0;
  for (const m of s.matchAll(BLANK_RUN)) {
    for (let i = last; i < m.index; i++) map.push(at[i]);
    out += s.slice(last, m.index);
    const run = m[0];
    const lineBreak = run.indexOf("\n", BLANK_RUN_MAX - 1);
    const kept = [...Array(BLANK_RUN_MAX - 1).keys(), lineBreak >= 0 ? lineBreak : BLANK_RUN_MAX - 1];
    for (const k of kept) {
      out += run[k];
      map.push(at[m.index + k]);
    }
    last = m.index + run.length;
  }
  for (let i = last; i <= s.length; i++) map.push(at[i]);
  return { s: out + s.slice(last), at: map };
}

/** The folded text only, for a single field value. */
export function fold(text: string): string {
  // Short texts are folded again and again (every figure the notes' readers weigh, the resolver's names; docs/decisions/142):
  // remembered while the folding stays the same (t2s is fixed once loaded), bounded by emptying when full.
  if (text.length > FOLDED_KEPT_LENGTH) return foldText(text).s;
  if (foldedWith !== t2s) {
    folded.clear();
    foldedWith = t2s;
  }
  let s = folded.get(text);
  if (s === undefined) {
    s = foldText(text).s;
    if (folded.size >= FOLDED_KEPT) folded.clear();
    folded.set(text, s);
  }
  return s;
}
const FOLDED_KEPT = 10_000;
const FOLDED_KEPT_LENGTH = 32;
const folded = new Map<string, string>();
let foldedWith: ((text: string) => string) | undefined = t2s;
