/**
 * Phone numbers written into a need's notes ("5000平，备用电话13912345678", "联系电话025-12345678",
 * "热线400-820-8820") are contact details, never a figure of the need (docs/decisions/117). The notes'
 * readers (need-text.ts parseNeedText, and the readers run after it on the same text) see them masked:
 * every digit of a contact number becomes CONTACT_MASK, so no reader can take it for an area, a power
 * figure, a budget or a date — and none reports it as a figure it could not read.
 *
 * What is a contact number (on folded text: half-width, lower case — fold-text.ts):
 * - a mainland mobile number, 11 digits from 13–19, grouped or not ("139 1234 5678", "+86 139-1234-5678");
 * - a landline with its area code, 0 and 2–3 digits, then 7–8 digits ("025-12345678", "(0512)88886666",
 *   "021-12345678转123");
 * - a 400/800 service number, 10 digits ("400-820-8820", "4008208820");
 * - any run of 5 or more digits (spaces and dashes allowed) right after a contact word (电话, 手机, 座机,
 *   固话, 联系方式, 热线, 传真, 微信, qq, tel, phone, mobile, fax — Latin ones as whole words), with a colon
 *   or 号码 between ("电话：88886666"), unless a unit follows it (FIGURE_UNIT: "手机 20000平" is an area);
 * - the same in Chinese numerals (docs/decisions/122): a mobile number's shape, 11 of 零〇一…九幺 starting 一三–一九 or
 *   幺三–幺九 ("一三八一二三四五六七八", "幺三九 一二三四 五六七八"), and a run of 7 or more after a contact word ("电话：
 *   八八八八六六六六") — never with 十, 百, 千 or 万 in or after it, so "三千平" and "一万三千五百平" stay areas.
 * None of these is a figure anyone gives a need in: an area, a power or a budget is never 10–11 digits
 * starting with 0, 1[3-9] or 400/800 (each field's own limit is far below: field-limits.ts).
 */
export const CONTACT_MASK = "#";

/**
 * The labels phone.ts reads before a number (LABEL), and more that people write in notes (热线, 传真, 微信, qq).
 * Latin ones as whole words only: "hotel", "Intel" and "battery cell" hold no label.
 */
const CONTACT_WORD =
  "(?:备用电话|联系电话|联系方式|电话号码|电话|手机号码|手机号|手机|移动电话|座机|固话|热线|传真|微信号?|(?<![a-z])(?:qq|tel|phone|mobile|mob|cell|fax|whatsapp)(?![a-z]))";
/**
 * What follows a figure of the need, never a contact number: a unit of area, power, weight, money or
 * count ("手机 20000平" is a phone maker's 20,000 ㎡; "生产手机 15000平米以上"; docs/decisions/117).
 */
const FIGURE_UNIT = "(?:平|㎡|m2|m²|sqm|sq|square|亩|公顷|万|千|百|米|m\\b|kva|kv|kw|千伏|伏安|瓦|吨|t\\b|元|块|层|栋|座|间|个|人|%|％)";
/**
 * A digit of a phone number said in Chinese numerals ("一三九…", "幺三八…": 幺 is how 1 is read out in numbers) or typed
 * as a digit: a number may mix the two ("1三8一二三四五六七八", docs/decisions/128).
 */
const CN_DIGIT = "[0-9零〇一二三四五六七八九幺]";
const CONTACT_NUMBER = new RegExp(
  [
    // A mobile number in Chinese numerals (docs/decisions/122): 11 of them in its shape, no 十/百/千/万 within or after.
    `(?<!${CN_DIGIT})[1一幺][3-9三四五六七八九]${CN_DIGIT}(?:[-\\s]?${CN_DIGIT}{4}){2}(?![0-9零〇一二三四五六七八九幺十百千万])(?!\\s*${FIGURE_UNIT})`,
    `(?<=${CONTACT_WORD}\\s*(?:号码|号)?\\s*[:：]?\\s*)${CN_DIGIT}(?:[-\\s]?${CN_DIGIT}){6,}(?![0-9零〇一二三四五六七八九幺十百千万])(?!\\s*${FIGURE_UNIT})`,
    "(?<![0-9])(?:\\+?86[-\\s]?)?1[3-9][0-9](?:[-\\s]?[0-9]{4}){2}(?![0-9])",
    "(?<![0-9])(?:\\(0[0-9]{2,3}\\)|0[0-9]{2,3})\\s*-?\\s*[0-9]{7,8}(?:\\s*(?:-|转|ext\\.?)\\s*[0-9]{1,5})?(?![0-9])",
    "(?<![0-9])[48]00[-\\s]?[0-9]{3}[-\\s]?[0-9]{4}(?![0-9])",
    `(?<=${CONTACT_WORD}\\s*(?:号码|号)?\\s*[:：]?\\s*)[0-9](?:[-\\s]?[0-9]){4,}(?![0-9])(?!\\s*${FIGURE_UNIT})`,
  ].join("|"),
  "g",
);

/** `s` (folded) with every contact number's digits masked; same length, so positions into `s` stay. */
export function maskContactNumbers(s: string): string {
  // "15000一18000": 一 typed as a dash between two figures is no phone number.
  return s.replace(CONTACT_NUMBER, (m) => (/^[0-9]+一[0-9]+$/.test(m) ? m : m.replace(/[0-9零〇一二三四五六七八九幺]/g, CONTACT_MASK)));
}
