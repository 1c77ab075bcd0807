/**
 * Ways people say places that the notes' place readers (note-regions.ts) read once they are written with the marks those
 * readers know (docs/decisions/161). Each rewrite keeps the text's length, so every place's span is the same in the notes as
 * typed: the readers read the rewritten text, what they tell is sliced from the typed one. Browser-safe: words only.
 */

/** A word of surprise before a correction (哦不, 啊不对, 呃，不是: ADR 154). */
export const INTERJECTION_ZH = "(?:哦|噢|喔|啊|呃|额|嗯|哎|唉|诶|欸|呀)";

/**
 * A correction said between blanks, no comma ("江宁 哦不 浦口", "江宁 不对 浦口", "江宁 说错了 浦口"): the blank on each side is a
 * comma, as "江宁，哦不，浦口" was read (ADR 154) — between words only ("江宁 - 不对 - 浦口" is read by its dashes). A bare 不 is no
 * correction here ("江宁 不 浦口" says nothing sure).
 */
const CORRECTION_BETWEEN_BLANKS = new RegExp(
  String.raw`(?<=[\p{L}\p{N}])[^\S\n](${INTERJECTION_ZH}?[^\S\n]*(?:不对)+|${INTERJECTION_ZH}[^\S\n]*不|${INTERJECTION_ZH}?(?:说错了|写错了|打错了|搞错了|弄错了|更正|纠正))[^\S\n](?=[\p{L}\p{N}])`,
  "gu",
);

/**
 * One of two places, said 不是X就是Y or 要么X要么Y ("不是江宁就是浦口": Jiangning or Pukou, not a refusal of Jiangning): written
 * as the list "  X或者Y". No clause's end between ("不是江宁，就是浦口" is a contrast: not Jiangning, Pukou — ADR 154).
 */
const EITHER_OF_TWO = /(?:不是|要么)([^\s，。；;,!?！？、\n]{1,12}?)(?:就是|要么)(?=[^\s，。；;,!?！？、\n])/gu;

/**
 * "Jiangning rather than Pukou", "Jiangning instead of Pukou": the one wanted, the other ruled out — as "要江宁，而不是浦口" is
 * (ADR 154). Written as ", not" (padded with blanks) before a name or a Chinese place.
 */
const RATHER_THAN = /\b(?:rather\s+than|instead\s+of)(?=\s+(?:[A-Z]|\p{Script=Han}))/gu;

/**
 * The notes with the place phrases above written as the readers' marks, the same length and every other character kept.
 *
 * @param notes the notes as typed (any length: the patterns are linear and anchored at their words)
 * @returns the text the place readers read; spans into it are spans into `notes`
 */
export function placePhrasesAsMarks(notes: string): string {
  return notes
    .replace(CORRECTION_BETWEEN_BLANKS, (_, word: string) => `,${word},`)
    .replace(EITHER_OF_TWO, (m, first: string) => `${" ".repeat(m.length - first.length - 2)}${first}或者`)
    .replace(RATHER_THAN, (m) => `,${" ".repeat(m.length - 4)}not`);
}
