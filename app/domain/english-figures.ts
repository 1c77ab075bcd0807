import { ENGLISH_NUMBER, parseChineseNumber } from "./numbers";

// Numbers said in English words inside a text ("two thousand square meters", "five mu"), written as their digits for the readers
// that find a figure by its digits or numerals (need-text.ts, the area box's area-bounds.ts). numbers.ts parseChineseNumber reads
// the words; this file only finds them in a sentence (readers42: "two thousand square meters" was refused in the area box and
// passed over unsaid in the notes, where "两千平" was read).

/** The units of area an English figure may stand before in the notes (a figure alone in a sentence is not taken: "one building"). */
const AREA_UNIT_AFTER = "square\\s+(?:met(?:er|re)s?|feet|foot)|sq\\b|sq\\.|sqm\\b|m2\\b|m²|㎡|mu\\b|acres?\\b|hectares?\\b|平|亩";
/** A spoken range's first number and its joiner ("two or three thousand", "five to ten mu"), then the number: `lo` names the first. */
const RANGE_OR_FIGURE = `(?:\\b(?<lo>${ENGLISH_NUMBER})\\s*(?:\\bor\\b|\\bto\\b|-|~)\\s*)?${ENGLISH_NUMBER}`;

/** An English figure (or spoken range) right before a unit of area, for String.replace with englishFigure. */
export const ENGLISH_AREA_FIGURE = new RegExp(`${RANGE_OR_FIGURE}(?=\\s*(?:${AREA_UNIT_AFTER}))`, "gi");
/** An English figure (or spoken range) anywhere: a box that holds one figure ("about two thousand"). */
const ENGLISH_ANY_FIGURE = new RegExp(RANGE_OR_FIGURE, "gi");

/**
 * A replacer for ENGLISH_AREA_FIGURE: the phrase's value in digits ("2000"), a range as "2000-3000" — the first number borrowing
 * the second's magnitude, as 两三千 does ("two or three thousand", "two to three thousand") — padded with spaces to the phrase's
 * length, so positions into the text stay and a snippet quotes the words typed. Not a number, or no room: the phrase as typed.
 */
export function englishFigure(phrase: string, ...args: unknown[]): string {
  const lo = (args[args.length - 1] as { lo?: string } | undefined)?.lo;
  let digits = "";
  if (lo !== undefined) {
    const hiWords = phrase.slice(lo.length).replace(/^\s*(?:or|to|-|~)\s*/i, "");
    const hi = parseChineseNumber(hiWords);
    const tail = /(?:\s+(?:hundred|thousand|million))+$/i.exec(hiWords)?.[0] ?? "";
    const ownMagnitude = /\b(?:hundred|thousand|million)\b/i.test(lo);
    const low = parseChineseNumber(ownMagnitude ? lo : `${lo}${tail}`);
    if (hi !== null && low !== null && low < hi) digits = `${low}-${hi}`;
  } else {
    const n = parseChineseNumber(phrase);
    if (n !== null) digits = String(n);
  }
  return digits && digits.length <= phrase.length ? digits.padEnd(phrase.length, " ") : phrase;
}

/** A box's text with its English figures in digits ("about two thousand sqm" → "about 2000 sqm"), trimmed of the padding. */
export function englishFiguresAsDigits(text: string): string {
  return text.replace(ENGLISH_ANY_FIGURE, (...a) => englishFigure(...(a as [string, ...unknown[]])).trimEnd()).replace(/\s{2,}/g, " ");
}
