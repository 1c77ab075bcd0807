import { fold } from "./fold-text";

/**
 * Numbers as Chinese users type them: full-width digits from Chinese IMEs (５０００), Chinese numerals
 * (五千, 一万二, 两千五) and mixtures (1.5万, 5千). Everything here is pure and synchronous.
 */

/**
 * Full-width ASCII (U+FF01–U+FF5E) → half-width, ideographic space → space.
 * Chinese IMEs in full-width mode produce ５０００ / ｍ２ / －; mapping them 1:1 keeps string
 * positions unchanged, which the free-text parser relies on to quote the original snippet.
 */
export function toHalfWidth(s: string): string {
  let out = "";
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += " ";
    else out += ch;
  }
  return out;
}

/** Chinese digits, including the colloquial 两/俩, the zero forms 〇/零 and the anti-fraud capitals. */
const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  俩: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
/** Units below 万; they must appear in descending order inside one 万-section. */
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

const ARABIC = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
/** An Arabic number embedded in a Chinese numeral ("1.5万", "1万2千"). */
const ARABIC_TOKEN = /^(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?/;

type Token = { t: "digit"; v: number; zero: boolean; single: boolean } | { t: "small"; v: number } | { t: "big"; v: number };

function tokenize(s: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const arabic = ARABIC_TOKEN.exec(s.slice(i));
    if (arabic) {
      const v = Number(arabic[0].replace(/,/g, ""));
      // A lone "0" is a real digit here, not the 零 placeholder of "一百零五".
      tokens.push({ t: "digit", v, zero: false, single: /^\d$/.test(arabic[0]) });
      i += arabic[0].length;
      continue;
    }
    const ch = s[i];
    if (ch in DIGITS) tokens.push({ t: "digit", v: DIGITS[ch], zero: DIGITS[ch] === 0, single: true });
    else if (ch in SMALL_UNITS) tokens.push({ t: "small", v: SMALL_UNITS[ch] });
    else if (ch in BIG_UNITS) tokens.push({ t: "big", v: BIG_UNITS[ch] });
    else return null;
    i += 1;
  }
  return tokens;
}

/**
 * Integer-style numeral (may contain Arabic decimals as digits: "1.5万"). Returns null when the
 * units are out of order or two digits touch ("一九九八" is a year, not a quantity).
 */
function parseNumeral(s: string): number | null {
  const tokens = tokenize(s);
  if (!tokens || tokens.length === 0) return null;
  let yi = 0; // part already multiplied by 亿
  let wan = 0; // section multiplied by 万
  let cur = 0; // section below 万
  let pending: { v: number; single: boolean } | null = null;
  let lastSmall = Infinity; // last small unit used in the current section, to enforce descending order
  let lastScale = 1; // scale of the unit just before a trailing digit, for "两千五" = 2500
  let zeroGap = false; // a 零 between unit and digit disables that colloquial shortcut ("一百零五" = 105)
  let seenWan = false;
  let seenYi = false;
  let sawDigit = false;

  for (const tok of tokens) {
    if (tok.t === "digit") {
      if (tok.zero) {
        if (pending) return null; // "一零" is not a numeral
        zeroGap = true;
        sawDigit = true;
        continue;
      }
      if (pending) return null;
      pending = { v: tok.v, single: tok.single };
      sawDigit = true;
    } else if (tok.t === "small") {
      // Only 十 may stand without a digit ("十五" = 15, colloquially "一百十" = 110), and at the very
      // start 百/千 too: "百二" = 120, "千三" = 1300 (spoken short forms of 一百二 / 一千三).
      const d = pending ? pending.v : tok.v === 10 || (cur === 0 && wan === 0 && yi === 0 && !sawDigit) ? 1 : null;
      if (d === null || tok.v >= lastSmall) return null;
      cur += d * tok.v;
      lastSmall = tok.v;
      lastScale = tok.v;
      pending = null;
      zeroGap = false;
      sawDigit = true;
    } else if (tok.v === 1e4) {
      if (seenWan || (!pending && cur === 0)) return null;
      wan = cur + sectionTail(pending, zeroGap, lastScale, true);
      cur = 0;
      pending = null;
      lastSmall = Infinity;
      lastScale = 1e4;
      zeroGap = false;
      seenWan = true;
    } else {
      const section = wan * 1e4 + cur + sectionTail(pending, zeroGap, lastScale, true);
      if (seenYi || section === 0) return null;
      yi = section;
      wan = 0;
      cur = 0;
      pending = null;
      lastSmall = Infinity;
      lastScale = 1e8;
      zeroGap = false;
      seenWan = false;
      seenYi = true;
    }
  }
  if (!sawDigit) return null;
  return yi * 1e8 + wan * 1e4 + cur + sectionTail(pending, zeroGap, lastScale);
}

/**
 * The digit that ends a section. Colloquially a single digit right after a unit means the next lower
 * unit: "两千五" = 2500, "一万二" = 12000, and before 万/亿 too: "8千3万" = 8300万 (not 8003万).
 * "一万200" stays 10200 and "一千零三万" stays 1003万 (the 零 says the digit is a unit digit).
 */
function sectionTail(pending: { v: number; single: boolean } | null, zeroGap: boolean, lastScale: number, closing = false): number {
  if (!pending) return 0;
  // Closing a section with 万/亿, only a unit inside that section counts: "3亿2万" is 3亿零2万.
  if (pending.single && !zeroGap && lastScale >= 10 && (!closing || lastScale < 1e4)) return (pending.v * lastScale) / 10;
  return pending.v;
}

/** A trailing magnitude after a decimal: "一点五万", "三点二亿", "二点五千". */
const TRAILING_MAGNITUDE = /^([十拾百佰千仟]?)([万萬亿億]?)$/;
const FRACTION_DIGIT = /^[0-9零〇一二三四五六七八九壹贰叁肆伍陆柒捌玖]/;

/** Round away binary noise such as 2.3 × 10000 = 22999.999999999996 (15 significant digits are exact). */
function clean(n: number): number {
  return Number(n.toPrecision(15));
}

/**
 * A typed figure without its spaces, for parsers that read one number ("300 万" → "300万"), or null when
 * a space stands between two digits ("50 80", "五 八"): that is two numbers — a range or a list — and
 * joining them would read "50 80" as 5080. Chinese writing never groups digits with spaces.
 */
export function withoutSpaces(s: string): string | null {
  if (/[0-9零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖]\s+[0-9零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖]/.test(s)) return null;
  return s.replace(/\s+/g, "");
}

/** English number words below a hundred (ENGLISH_NUMBER reads them with their magnitudes). */
const EN_SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const EN_MAGNITUDES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6 };
/** The English words of the numbers `from` to `to` (at most 19, or a ten): "two" … "twelve" for a count of items (units.ts). */
export function englishNumberWords(from: number, to: number): string[] {
  return Object.keys(EN_SMALL).filter((w) => EN_SMALL[w] >= from && EN_SMALL[w] <= to);
}
const EN_WORD = `(?:${[...Object.keys(EN_SMALL), ...Object.keys(EN_MAGNITUDES)].join("|")})`;
/**
 * A number said in English words, folded (lower case): "two thousand", "fifteen hundred", "two thousand five hundred", "a
 * thousand", "twenty-five", "one hundred and fifty", and a figure with its magnitude word ("2 thousand", "1.5 thousand", "3
 * million"). The source for the notes' readers (need-text.ts), which find such a phrase in a sentence: a word, then words or
 * "and"/"-" between them; "a" only before a magnitude.
 */
export const ENGLISH_NUMBER = `\\b(?:(?:a|\\d+(?:\\.\\d+)?)(?=\\s+(?:hundred|thousand|million)\\b)|${EN_WORD}\\b)(?:(?:\\s+and\\s+|\\s*-\\s*|\\s+)${EN_WORD}\\b)*`;

/**
 * An English number (ENGLISH_NUMBER's words, the whole string) → its value, or null: the numerals' rules in English — a word
 * below a hundred adds, "hundred" multiplies the words since the last magnitude, "thousand"/"million" close a section in
 * descending order ("two thousand five hundred" = 2500, "fifteen hundred" = 1500; "two three" and "thousand million" are no
 * number). One reader with parseChineseNumber (readers42: "two thousand square meters" was refused in the area box and passed
 * over unsaid in the notes, where "两千平" was read).
 */
function parseEnglishNumber(str: string): number | null {
  const all = str.toLowerCase().replace(/-/g, " ").trim().split(/\s+/);
  // "and" only between words ("one hundred and fifty"), never at an end.
  if (all[0] === "and" || all[all.length - 1] === "and") return null;
  const words = all.filter((w) => w && w !== "and");
  if (!words.length || words[words.length - 1] === "a") return null;
  let total = 0;
  let section = 0; // below the last thousand/million
  let last: "none" | "ten" | "unit" | "hundred" = "none"; // what the section's last word was, for order
  let lastBig = Infinity;
  for (const [i, w] of words.entries()) {
    const figure = /^\d+(?:\.\d+)?$/.test(w) ? Number(w) : w === "a" ? 1 : null;
    if (figure !== null) {
      // A figure or "a" only before a magnitude, at a section's start ("2 thousand", "a hundred").
      if (i + 1 >= words.length || !(words[i + 1] in EN_MAGNITUDES) || section !== 0 || last !== "none") return null;
      section = figure;
      last = "unit";
      continue;
    }
    if (w in EN_SMALL) {
      const v = EN_SMALL[w];
      // A ten may be followed by a unit word ("twenty five"); after a unit or a teen nothing but a magnitude.
      if (last === "unit" || (last === "ten" && (v >= 10 || v === 0))) return null;
      section += v;
      last = v >= 20 && v % 10 === 0 ? "ten" : "unit";
      continue;
    }
    const mag = EN_MAGNITUDES[w];
    if (mag === undefined || last === "none") return null;
    if (mag === 100) {
      if (last === "hundred" || section % 100 !== section) return null;
      section *= 100;
      last = "hundred";
      continue;
    }
    if (mag >= lastBig) return null;
    total += section * mag;
    section = 0;
    last = "none";
    lastBig = mag;
  }
  return clean(total + section);
}

/**
 * A whole string that is a number: Arabic (1,000.5), Chinese (五千, 一百二十, 两千五, 零点五), mixed
 * (5千, 1.5万, 1万2千), or English words (two thousand, fifteen hundred, 2 thousand: parseEnglishNumber). A leading - / + / 负
 * sign is accepted. Anything else → null.
 */
export function parseChineseNumber(s: string): number | null {
  let str = fold(s).trim();
  let sign = 1;
  if (/^[-+负]/.test(str)) {
    if (str[0] !== "+") sign = -1;
    str = str.slice(1).trim();
  }
  if (str === "" || /^[百佰千仟]$/.test(str)) return null;
  if (/[a-z]/i.test(str)) {
    const en = parseEnglishNumber(str);
    return en === null ? null : sign * en;
  }

  if (ARABIC.test(str)) return sign * Number(str.replace(/,/g, ""));

  const dot = str.indexOf("点");
  if (dot >= 0) {
    const intPart = parseNumeral(str.slice(0, dot));
    if (intPart === null || !Number.isInteger(intPart)) return null;
    let rest = str.slice(dot + 1);
    let frac = "";
    while (rest && FRACTION_DIGIT.test(rest)) {
      frac += rest[0] in DIGITS ? String(DIGITS[rest[0]]) : rest[0];
      rest = rest.slice(1);
    }
    const mag = TRAILING_MAGNITUDE.exec(rest);
    if (frac === "" || !mag) return null;
    const factor = (mag[1] ? SMALL_UNITS[mag[1]] : 1) * (mag[2] ? BIG_UNITS[mag[2]] : 1);
    return sign * clean(Number(`${intPart}.${frac}`) * factor);
  }

  const n = parseNumeral(str);
  return n === null ? null : sign * clean(n);
}

/**
 * A non-negative quantity with an optional unit suffix, e.g. "1000千伏安", "2吨/㎡", "9 m".
 * `units` maps lower-case suffixes to the factor into the stored unit; the longest suffix wins
 * ("千伏安" before "伏安"). A bare number uses `bareFactor`. Shared by area.ts and units.ts.
 * 半 counts as people say it: after the unit it is half of that unit ("一亩半" = 1.5, "十八亩半" = 18.5,
 * and "亩半" alone = 1.5, spoken for 一亩半), before it with no number a half unit ("半亩" = 0.5).
 */
export function parseQuantity(
  input: string,
  units: ReadonlyArray<readonly [suffix: string, factor: number]>,
  bareFactor: number,
): number | null {
  const s = fold(input).replace(/\s+/g, " ").trim();
  if (s === "") return null;
  const sorted = [...units].sort((a, b) => b[0].length - a[0].length);
  // "一亩半" / "十八亩半": 半 after the unit is half of that unit.
  const half = /半$/.test(s) ? 0.5 : 0;
  const body = half ? s.slice(0, -1).trim() : s;
  for (const [suffix, factor] of sorted) {
    if (body.endsWith(suffix)) {
      const figure = body.slice(0, -suffix.length).trim();
      const n = figure === "" ? (half ? 1 : null) : figure === "半" ? (half ? null : 0.5) : parseChineseNumber(figure);
      if (n !== null) return n < 0 ? null : clean((n + half) * factor);
    }
  }
  if (half) return null;
  const n = parseChineseNumber(s);
  if (n === null || n < 0) return null;
  return clean(n * bareFactor);
}

const PAIR_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/**
 * A number as [low, high]: a plain number gives [n, n]; a spoken approximate range gives its two ends.
 * Spoken ranges put two neighbouring digits where one digit belongs: 七八 (7–8), 两三千 (2000–3000),
 * 一两千 (1000–2000), 三五千 (3000–5000), 三十五六 (35–36), 一千五六百 (1500–1600), 一万二三千
 * (12000–13000), 两千七八百 (2700–2800), 一千五六 (1500–1600, the colloquial tail). Each end is the
 * number with the pair replaced by one of its digits, so every other rule of the numeral still applies.
 * Not a number or a range → null.
 */
export function parseNumberRange(s: string): [number, number] | null {
  const str = fold(s).trim();
  const ends = spokenRangeEnds(str);
  if (ends) {
    const lo = parseChineseNumber(ends[0]);
    const hi = parseChineseNumber(ends[1]);
    if (lo !== null && hi !== null && lo < hi) return [lo, hi];
  }
  const n = parseChineseNumber(str);
  return n === null ? null : [n, n];
}

/**
 * The two ends of a spoken range as text: `s` with its one pair of neighbouring digits replaced by the
 * first, then by the second ("两三千平" → ["两千平", "三千平"], "三四十亩左右" → ["三十亩左右", "四十亩左右"]),
 * or its 十几 read as 十一 to 十九 ("二十几亩" → ["二十一亩", "二十九亩"]).
 * Whatever else `s` holds (a unit, a qualifier) is kept, so each end can be read by the parser of the
 * field it was typed into. No such pair, or more than one → null. The pairs are parseNumberRange's.
 */
export function spokenRangeEnds(s: string): [low: string, high: string] | null {
  const pairs = [...s.matchAll(/(?<![零〇])([一二两三四五六七八九])([二两三四五六七八九])/g)].filter((m) => {
    const a = PAIR_DIGITS[m[1]];
    const b = PAIR_DIGITS[m[2]];
    return b === a + 1 || (a === 3 && b === 5);
  });
  if (pairs.length === 0) {
    // 十几 / 二十几: the ones after a ten are 1 to 9 ("十几亩" → 十一亩 … 十九亩). 几十 / 几千 say no figure.
    const some = [...s.matchAll(/十几/g)];
    if (some.length !== 1) return null;
    const at = some[0].index + 1;
    return [`${s.slice(0, at)}一${s.slice(at + 1)}`, `${s.slice(0, at)}九${s.slice(at + 1)}`];
  }
  if (pairs.length !== 1) return null;
  const m = pairs[0];
  const head = s.slice(0, m.index);
  const tail = s.slice(m.index + 2);
  return [head + m[1] + tail, head + m[2] + tail];
}

/** A figure's first character, digit or Chinese numeral (where a label before an amount ends: tax-box-reading.ts). */
export const NUMERAL = /[0-9零〇一二两三四五六七八九十]/u;
