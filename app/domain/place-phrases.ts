import { CORRECTION_WORDS_EN } from "./place-words-en";

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

// The words of a correction between places, read by the server's place reader (note-regions.ts) and the live preview
// (assist-preview.ts, through need-places.ts takenBackPlaces) alike: one list (docs/decisions/168).

// A word of surprise before a correction (INTERJECTION_ZH): with it, 不 and 不对 need no punctuation after
// ("江宁，哦不浦口").
/** Dashes or dots, then a correction, right after a name ("江宁——不对，浦口", "江宁……说错了，浦口"): the name said alone, taken back. */
export const TAKEN_BACK_ZH = new RegExp(
  String.raw`^[^\S\n]*[…—-]+(?=[^\S\n]*${INTERJECTION_ZH}?[^\S\n]*(?:不对|不是(?=[^\S\n]*[，,…—-])|说错了|写错了|打错了|搞错了|弄错了|错了|更正|纠正))`,
  "u",
);
/**
 * The words between a place and the one that corrects it: a correction word as a clause of its own (a mark after it), or an
 * English one ("I mean", "sorry", "no wait"), then at most 是/要/in before the next place. "江宁，不是浦口" (no mark after 不是) is none.
 */
export const CORRECTION = new RegExp(
  String.raw`^[^\S\n]*(?:区|县|市)?[^\S\n]*(?:[，,;；。.!！?？(（\s…]|[-–—]+)[\s….。]*` +
    // An interjection before the Chinese word ("哦不", "啊不对", "呃，不是"; ADR 154: "江宁，哦不，浦口" filled both).
    String.raw`(?:(?:不好意思[^\S\n]*[，,]?[^\S\n]*)?(?:${INTERJECTION_ZH}[^\S\n]*[，,]?[^\S\n]*)?(?:(?:(?:不对|不)+|不是|说错了|写错了|打错了|搞错了|弄错了|错了|更正|纠正|订正|改一下|改为|改成)[^\S\n]*(?:一下)?[^\S\n]*(?:吧|啊|呀|了)?[^\S\n]*(?:[，,;；:：!！。.…]|[-–—]+)?[^\S\n]*){1,3}(?:(?<=[，,;；:：!！。.…\-–—][^\S\n]*)|(?<=${INTERJECTION_ZH}[^\S\n]*不对?[^\S\n]*))|` +
    // A verb of correcting with the place as its object ("江宁，改成浦口", "江宁，更正为浦口"; ADR 154: both were filled).
    String.raw`(?:改成|改为|换成|更正为|更正成|纠正为|应改为|应该是)|` +
    // English (place-words-en.ts, the one list; ADR 154): "sorry", "I mean", "no wait", "or rather" — after a comma or a dash.
    String.raw`(?:${CORRECTION_WORDS_EN})(?!\s+than\b)[^\S\n]*[,:;.!\-–—]?)\s*` +
    // …then 在/去 before the place ("在江宁，哦不，在浦口"; ADR 161: both were filled).
    String.raw`(?:(?:sorry|i\s+mean|i\s+meant)[^\S\n]*[,:]?\s*)?(?:应该是|是|要|改为|改成|in|is)?[^\S\n]*(?:在|去)?[^\S\n]*$`,
  "iu",
);

/** A correction's label opening a clause ("江宁，更正：浦口", "江宁，纠正一下：浦口"; attack 12-05h H8: the corrected place was lost). */
// …or a word of surprise and 不 ("江宁，哦不浦口", "江宁，啊不对是浦口"), or a correction after a dash ("江宁-不对-浦口"; ADR 154:
// 浦口 was not found, 江宁 filled). Not "哦不是浦口" (oh, not Pukou?).
export const CORRECTION_OPEN = new RegExp(
  String.raw`(?:^|[，。；;,!?！？\n(（\-—…])\s*(?:(?:更正|纠正|订正|改为|改成|改一下)\s*(?:一下)?\s*[:：]?|${INTERJECTION_ZH}\s*[，,]?\s*不(?:对|(?!是))\s*[，,]?|${INTERJECTION_ZH}?\s*(?:不对|说错了|写错了|打错了|搞错了|弄错了|错了)\s*(?:[-—…]+|[，,]))\s*(?:是|为|应该是)?\s*$`,
  "u",
);
