import { daysInMonth, isCalendarDay } from "./calendar-day";
import { fold } from "./fold-text";
import { parseChineseNumber } from "./numbers";

/** The month `now` is in, in China time (UTC+8, no DST), as "YYYY-MM": the earliest move-in month accepted. */
export function currentMoveInMonth(now: Date): string {
  const china = new Date(now.getTime() + 8 * 3600_000);
  return `${china.getUTCFullYear()}-${String(china.getUTCMonth() + 1).padStart(2, "0")}`;
}

/**
 * A "YYYY-MM" month before the current one (China time)? The one rule of the lead schema for every
 * channel (web form, API, hotline): a move-in month in the past is refused as such, not as a bad format.
 */
export function isPastMoveInMonth(month: string, now: Date): boolean {
  return month < currentMoveInMonth(now); // same width "YYYY-MM": text order is month order
}

/**
 * need.moveInBy as people say it → "YYYY-MM", or null when the words are not understood or say no one
 * month (readMoveIn tells which). The one reader of the move-in field and of the notes (need-text.ts).
 */
export function parseMoveInBy(input: string, now: Date): string | null {
  const r = readMoveIn(input, now);
  return r?.ok ? r.month : null;
}

// Words around a move-in date, in the field as in a clause of the notes (need-text.ts): "希望明年3月前入驻"
// is the date "明年3月前".
const MOVE_IN_BEFORE =
  /^(?:(?:希望|计划|打算|争取|力争|尽量|最好|要求|预计|估计|大概|大约|可能|最迟|最晚|最快|需要|必须|要|想|能|在|于|入驻时间|入驻|时间)\s*[:：]?\s*)*/;
// The verbs of moving in as people say them (搬进去, 能搬, 开业, 投入使用, 落地, 能进 …), after modals — one or more, as
// said: "就想搬", "要能进场" (trial36 MEDIUM-2, docs/decisions/165) — with an "about" before and a particle after:
// "明年3月左右要搬进去吧" is the date "明年3月".
const MOVE_IN_AFTER =
  /\s*(?:左右|上下)?\s*(?:就要|就能|就想|能够|能|要|就|可以|可|得|必须|需要|想|希望)*\s*(?:入驻|进驻|入住|搬入|搬进来|搬进去|搬进|搬过来|搬过去|搬迁|搬家|搬厂|搬|投产|开工|开业|投入使用|使用|启用|进场|入场|进厂|进来|进去|进|交付|交房|到位|落地|能用|用|move\s+in)?\s*(?:就行|即可|就好|吧|了)?$/;

/**
 * The same words in English, around a date in a field or a clause of English notes (trial 12-05: "move in
 * by March 2027" was dropped): "we want to move in by …", "need to be in before …", "… at the latest".
 */
const MOVE_IN_BEFORE_EN =
  /^(?:move[-\s]?in\s+(?:date|time|month)\s*(?:is\s*|[:：]\s*)?)?(?:(?:we|i)(?:'d| would)?\s+)?(?:(?:want|need|plan|hope|expect|intend|like|aim|have|are\s+looking|would\s+like)\s+(?:to\s+)?)?(?:(?:it|this|one|them|the\s+(?:space|site|premises|place|building|factory|warehouse|office|land|plot|keys?))\s+)?(?:(?:move|moving|be|get|start|settle|set\s+up|be\s+ready|ready|operational|be\s+operational|open|occupy)\s*(?:in|into\s+\w+|operations|production)?\s*)?(?:(?:no|not)\s+later\s+than|at\s+the\s+latest\s+by|by|before|in|around|about|from|starting(?:\s+from)?|until|till|latest|target(?:ed)?(?:\s+for)?|move[-\s]?in(?:\s+date)?\s*[:：]?)?\s*/i;
const MOVE_IN_AFTER_EN = /(?:\s*(?:at\s+the\s+latest|latest|or\s+so|or\s+earlier|if\s+possible|ideally|please|pls|needed|required))*\s*$/i;

/**
 * What a move-in phrase says: one month; or words that name no one month — a period under way past its
 * middle that could be this year's or next ("下半年" in November: `example` is next year's reading), a
 * festival whose days after it fall in two months ("春节后" in 2026: 2026-02 and 2026-03).
 */
export type MoveInRead =
  | { ok: true; month: string }
  | { ok: false; problem: "whichYear"; example: string }
  | { ok: false; problem: "spans"; from: string; to: string }
  | NoSuchDate;

/**
 * A first day the words name, beside their month (trial39 L14): "春节后" is 正月初八, the day work starts again after the seven
 * days of 初一–初七 — never the 1st of the month, which can be before the festival (2027: 02-01, the festival 02-06); "国庆后"
 * 10-08, "五一后" 05-06, "元旦后" 01-02, "元宵后" 正月十六. An available-from (a first day) stores it; a move-in (by when) reads the month.
 */
export type FirstDay = { day?: string };

/**
 * A date written right whose month or day does not exist: "2027-13" (`day` absent, month 13),
 * "2027-02-30", "2027年4月31日", "2027.02.29" (not a leap year). Refused as such by every reader — never
 * read as the month around it (docs/decisions/093). `days`: how many days the month has (absent for a
 * month that does not exist); `year` is four digits ("27年" → 2027).
 */
export type NoSuchDate =
  | { ok: false; problem: "noSuchMonth"; year: number; month: number }
  | { ok: false; problem: "noSuchDay"; year: number; month: number; day: number; days: number };

/**
 * The words of a NoSuchDate's message (validation-messages monthNoSuchDay/monthNoSuchMonth, inventory-rule-messages
 * availableNoSuchDay/availableNoSuchMonth): `example` is the month to write instead — the month of the day
 * that does not exist, or for a month that does not exist the year's December.
 */
export function noSuchDateParams(typed: string, r: NoSuchDate): Record<string, string | number> {
  const year = String(r.year).padStart(4, "0");
  if (r.problem === "noSuchMonth") return { typed, year, month: r.month, example: `${year}-12` };
  return { typed, year, month: r.month, day: r.day, days: r.days, example: `${year}-${String(r.month).padStart(2, "0")}` };
}

/** After a month: its part (上旬, 中下旬, 初, 中, 底, 末, 内) and "by" (前, 之前, 以前), each optional. */
const MONTH_TAIL = "(?:份)?\\s*(?:上中旬|中下旬|上旬|中旬|下旬|初|中|底|末|内)?\\s*(?:前|之前|以前)?";
const TAIL = new RegExp(`^${MONTH_TAIL}$`);
/**
 * A year and a month, the month in digits or words, and a day (digits, or words before 日/号) that must
 * exist but is otherwise read past: "2027-03", "27年3月", "2027年3月15日前", "2027年三月十五日", "2027年3月中旬".
 */
const YEAR_MONTH = new RegExp(
  `^(\\d{4}|\\d{2})\\s*[-./年]\\s*(\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*(?:月(?:份)?)?(?:\\s*[-./]?\\s*(?:(\\d{1,2})|([一二三四五六七八九十]{1,3})(?=\\s*[日号]))\\s*[日号]?)?\\s*${MONTH_TAIL}$`,
);
// With a verb after (立即入驻, 可随时入住, 即时入驻, 即可入驻), and what listings write of a space ready to move into
// (现房, 即租即用, 拎包入住, 空置): all "now". 即时 / 即刻 / 即可 as a sheet's 可入驻时间 were refused (trial 40).
// Urgency said alone, in either language (session 41: "We need it ASAP" was listed not read beside a read 越快越好): 越早越好, 很急,
// 急用; "urgently", "right away", "at once", "the sooner the better" — the same "now" as 尽快 and "asap".
const ASAP =
  /^(?:(?:可)?(?:尽快|越快越好|越早越好|尽早|马上|立即|立刻|随时|现在|即时|即刻)(?:可)?(?:入驻|入住|进驻|搬入|搬迁)?|即可(?:入驻|入住|进驻|搬入)|现房|即租即用|拎包入住|空置(?:中)?|(?:很|比较|非常|特别|挺|有点|十分)?(?:急|着急|急用)(?:的)?|asap|a\.s\.a\.p\.?|as soon as possible|as early as possible|as soon as we can|soonest|(?:very\s+)?urgent(?:ly)?|immediately|right away|straight away|at once|the (?:sooner|earlier) the better|now|available now|ready now)$/;
const THIS_MONTH = new RegExp(
  `^(?:(?:本|这个?|当)月${MONTH_TAIL}|月(?:中|底|末|内)(?:前|之前|以前)?|this month|(?:by )?(?:the )?end of (?:the|this) month)$`,
);
const NEXT_MONTH = new RegExp(`^(?:下个?月${MONTH_TAIL}|next month)$`);

/**
 * Named periods of a year, by their months (first and last, 1–12); the reading is the last month (moved in
 * by then). A year word before them picks the year; without one, see `period`.
 */
const PERIODS: Array<[RegExp, number, number]> = [
  // 开春/初春 ("明年开春"): the start of spring, read as its month by — March (DECISION, docs/decisions/165).
  // "next spring", "spring next year", "in spring" are the same words in English (trial38 M5).
  [/^(?:开春|初春|春初)(?:后|以后|之后|前|之前|以前)?$|^(?:early |next |this |the )?spring(?: next year)?$/, 3, 3],
  [/^(?:上半年(?:末|底|内|前|之前|以前)?|first half(?: of the year)?|h1)$/, 1, 6],
  [/^(?:下半年(?:末|底|内|前|之前|以前)?|second half(?: of the year)?|h2)$/, 7, 12],
  [/^(?:第?[一1]季度|q1)(?:末|底|内|前|之前|以前)?$/, 1, 3],
  [/^(?:第?[二2]季度|q2)(?:末|底|内|前|之前|以前)?$/, 4, 6],
  [/^(?:第?[三3]季度|q3)(?:末|底|内|前|之前|以前)?$/, 7, 9],
  [/^(?:第?[四4]季度|q4)(?:末|底|内|前|之前|以前)?$/, 10, 12],
];

/** The Spring Festival and the days around it: 年 in 年前/年后 is the festival (过年), as people use it; 元旦 is named as such. */
const SPRING_AFTER =
  // 节后 / 过完节 / 春节假期后 / 年假后 (trial39 L14): the festival's days said as a holiday, as people say them in winter.
  /^(?:过[完了]?)?(?:春节|过年|年)(?:假期|长假|假)?(?:以后|之后|过后|后)$|^年假(?:以后|之后|过后|后)$|^过[完了](?:春节|年)$|^after (?:the )?(?:chinese new year|spring festival|cny)(?: holidays?)?$/;
/**
 * "节后", "过完节", "节假日后": after "the" festival — the Spring Festival only in its season, from November until its days are over
 * (SPRING_SEASON_FROM; trial39 L14); the rest of the year which festival is meant is not said (国庆? 五一?), and it is not read.
 */
const FESTIVAL_AFTER = /^(?:过[完了]?)?(?:节|节日|节假日)(?:假期|长假|假)?(?:以后|之后|过后|后)$|^过[完了](?:节|节日)$/;
/** The month from which 节后 is the coming Spring Festival's (November: after 国庆, with no other long holiday before it). */
const SPRING_SEASON_FROM = 11;
/** After 元宵 (正月十五), the new-year days over: its next day. */
const LANTERN_AFTER = /^(?:过[完了]?)?(?:元宵|正月十五)(?:节)?(?:以后|之后|过后|后)$|^过[完了](?:元宵|正月十五)(?:节)?$/;
const SPRING_BEFORE = /^(?:春节|过年|年)(?:以前|之前|前)$|^before (?:the )?(?:chinese new year|spring festival|cny)$/;

/**
 * 正月初一 (the Spring Festival's first day) of each year, month and day: the Chinese calendar of
 * GB/T 33661-2017 《农历的编算和颁行》; test/unit/move-in-words.test.ts checks every entry against the
 * lunar calendar of chinese-days (getSolarDateFromLunar). A table, not that package, because this module
 * also runs in the inquiry form's browser script. A year outside the table is not read (the field then
 * asks for a month).
 */
const SPRING_FESTIVAL: Record<number, [month: number, day: number]> = {
  2024: [2, 10],
  2025: [1, 29],
  2026: [2, 17],
  2027: [2, 6],
  2028: [1, 26],
  2029: [2, 13],
  2030: [2, 3],
  2031: [1, 23],
  2032: [2, 11],
  2033: [1, 31],
  2034: [2, 19],
  2035: [2, 8],
  2036: [1, 28],
  2037: [2, 15],
  2038: [2, 4],
  2039: [1, 24],
  2040: [2, 12],
};

/** English month names and their usual short forms ("Sept" too), 1–12. */
const MONTHS_EN: readonly (readonly string[])[] = [
  ["january", "jan"],
  ["february", "feb"],
  ["march", "mar"],
  ["april", "apr"],
  ["may"],
  ["june", "jun"],
  ["july", "jul"],
  ["august", "aug"],
  ["september", "sept", "sep"],
  ["october", "oct"],
  ["november", "nov"],
  ["december", "dec"],
];
const MONTH_NAME_EN = MONTHS_EN.flat()
  .sort((a, b) => b.length - a.length)
  .join("|");
/** A month in English: "March 2027", "Mar. 2027", "early March", "end of March 2027", "March next year", "2027 March", "3/2027". */
const ENGLISH_MONTH = new RegExp(
  `^(?:(?:the\\s+)?(?:early|mid|middle\\s+of|late|end\\s+of|beginning\\s+of|start\\s+of)[\\s-]+)?(?:(?<y1>\\d{4})\\s+)?(?:(?<next>next)\\s+)?(?<name>${MONTH_NAME_EN})\\.?(?:\\s+\\d{1,2}(?:st|nd|rd|th)?)?(?:,?\\s*(?:of\\s+)?(?<y2>\\d{4})|\\s+(?<next2>next|this)\\s+year)?$`,
  "i",
);
/** "03/2027", "3-2027": month then year, in digits. */
const MONTH_SLASH_YEAR = /^(?<m>\d{1,2})\s*[/-]\s*(?<y>\d{4})$/;
/** The end of a year in English: "end of 2027", "by the end of the year", "year end 2027", "late 2027". */
const YEAR_END_EN = /^(?:(?:the\s+)?end\s+of\s+(?:the\s+)?(?:(?<y>\d{4})|(?<next>next\s+)?year)|(?:year[\s-]end|late)\s+(?<y2>\d{4}))$/i;

/**
 * An English month: `month` 1–12 (0 for a year's end, read as its December) and the year when named
 * (`next` for "next March", "March next year"). null when the words are no English month. The month
 * must exist: "13/2027" is none.
 */
function englishMonth(s: string): { month: number; year: number | null; next: boolean; thisYear?: boolean } | null {
  if (!/[a-z/]/i.test(s) || !/[a-z]|\d\s*[/-]\s*\d{4}/i.test(s)) return null;
  const t = s.toLowerCase().replace(/\s+/g, " ").trim();
  const end = YEAR_END_EN.exec(t);
  if (end) {
    const y = end.groups!.y ?? end.groups!.y2;
    return { month: 0, year: y ? Number(y) : null, next: !!end.groups!.next };
  }
  const slash = MONTH_SLASH_YEAR.exec(t);
  if (slash) {
    const m = Number(slash.groups!.m);
    return m >= 1 && m <= 12 ? { month: m, year: Number(slash.groups!.y), next: false } : null;
  }
  const m = ENGLISH_MONTH.exec(t);
  if (!m) return null;
  const name = m.groups!.name;
  const month = MONTHS_EN.findIndex((names) => names.includes(name)) + 1;
  const y = m.groups!.y1 ?? m.groups!.y2;
  const next = !!m.groups!.next || m.groups!.next2 === "next";
  return { month, year: y ? Number(y) : null, next, thisYear: m.groups!.next2 === "this" };
}

/** Holidays on a fixed day: "…前" is the month of the day before, "…后" the holiday's own month. */
const FIXED_HOLIDAYS: Array<[RegExp, number, number]> = [
  // The day after the holiday's customary days (元旦 1, 五一 1–5, 国庆 1–7): "…后" as a first day (trial39 L14).
  [/^元旦(?:节)?(?:假期|假)?/, 1, 2],
  [/^(?:五一|劳动节)(?:假期|长假|假)?/, 5, 6],
  [/^国庆(?:节)?(?:假期|长假|假)?/, 10, 8],
];

/**
 * A date's words without the marks that end a sentence after them (trial39): "明年3月。", "明年3月前入驻.", "March 2027.",
 * "年底前!", "尽快…", "明年3月前要用～" are the dates the words before say — a box or a cell typed as a sentence, and a clause of
 * the notes ended by an ASCII full stop, were refused or told as unread. A tilde is taken off after words only: "3月~" may be a
 * range left open ("from March"), never read as "by March". A full stop after a digit ("2027.03.") goes too: no date ends
 * with a decimal point.
 */
export function withoutEndMarks(text: string): string {
  const t = text.replace(/[\s.。．｡!！?？…⋯]+$/u, "");
  const tilde = /[~～〜∼⁓]+[\s.。．｡!！?？…⋯]*$/u.exec(t);
  if (!tilde) return t === "" ? text : t;
  const before = t.slice(0, tilde.index).replace(/\s+$/, "");
  return /[\p{Script=Han}A-Za-z]$/u.test(before) && !/[年月日号底初中旬前后内]$/u.test(before) ? withoutEndMarks(before) : t;
}

/**
 * need.moveInBy as people say it, relative to `now` in China time (UTC+8, no DST); the reading is the month
 * they want to be in by. Read:
 * - a month: "2027-03", "2027.3", "2027年3月", "2027年3月15日前", "3月", "三月底前", "3月中旬", "明年3月前";
 *   a month named without a year is the next such month not past ("3月" in December is next March);
 * - "尽快"/"asap" (this month), "本月底"/"月底前" (this month), "下个月"/"下月初" (next), "三个月内"/"半年内"/"一年内"
 *   (now + n months);
 * - points of a year, read like their month: 年初 (January), 年中 (June), 年底/年末/年内 (December; without a
 *   year word this year's);
 * - periods, read as their last month: 上半年 (June), 下半年 (December), 一季度 … 四季度 (March … December);
 *   with 今年/明年/后年/2027年 that year's; without one the next not over, and while one is under way this
 *   one only in its first half ("上半年" in February is this June; "下半年" in November could be this
 *   December or next year's: refused as "whichYear");
 * - festivals: 春节后/年后/过完年 — the month that holds 正月初八 (work starts again after the seven days
 *   of 初一–初七) to 正月十五 (元宵, the end of the new-year days); when those fall in two months it is
 *   refused as "spans". 春节前/年前 — the month of 除夕. 元旦/五一/国庆 前 (the month before) and 后 (its month).
 *   Without a year word the next one not past.
 * Not understood → null (the field then says how to write it).
 */
export function readMoveIn(typed: string, now: Date): MoveInRead | null {
  const input = withoutEndMarks(typed);
  // The words as typed first: some are whole only with their verb (即租即用, 拎包入住).
  const date = input.replace(MOVE_IN_BEFORE, "").replace(MOVE_IN_AFTER, "");
  const english = /[a-z]/i.test(input) ? input.trim().replace(MOVE_IN_BEFORE_EN, "").replace(MOVE_IN_AFTER_EN, "") : "";
  const r =
    readMonths(input, now) ??
    (date.trim() && date !== input ? readMonths(date, now) : null) ??
    (english.trim() && english !== input.trim() ? readMonths(english, now) : null) ??
    // A place after the date in the same clause ("by March 2027 in Lishui"): the date before it.
    (english && /\s(?:in|at|near|around)\s+\S/i.test(english)
      ? readMonths(english.replace(/\s+(?:in|at|near|around)\s+.*$/i, ""), now)
      : null);
  if (!r) return null;
  if (!r.ok) return r.problem === "whichYear" ? { ok: false, problem: "whichYear", example: r.by } : r;
  if (r.either && r.from !== r.by) return { ok: false, problem: "spans", from: r.from, to: r.by };
  return { ok: true, month: r.by };
}

/** How readAvailableFrom read the words: "now" (现房, 随时, 本月), a period's first month ("period": 下半年, 明年), or a month or day named. */
export type AvailableSaid = "now" | "period" | "month";

/**
 * A space's available-from (可入驻时间) in words → "YYYY-MM", with the move-in field's reader (the same
 * words, year rules and clock as readMoveIn; docs/decisions/087). The rule for availability: a word
 * that names a period is read as the period's **first** month — "available from" is when a tenant may
 * move in, and that is the period's start — where a lead's move-in reads the last month (in by then):
 * 下半年 → July, 一季度 → January, 明年上半年 → next January, 春节后 → the month of 正月初八 (work starts
 * again; it is never "two months" here). A point reads as itself (年初 January, 年中 June, 年底 December,
 * 3月底 March, 明年3月 next March), a deadline as its date ("三个月内" → now + 3 months, "国庆前" →
 * September: available by then at the latest, never earlier than the words say). "尽快", "随时", "现在",
 * "立即入驻", and a listing's 现房 / 即租即用 / 拎包入住 → this month. A period under way past its middle ("下半年" in November) is refused as `whichYear`
 * like a lead's move-in (`example`: next year's first month). Not understood → null. China time.
 */
export function readAvailableFrom(
  input: string,
  now: Date,
): ({ ok: true; month: string } & FirstDay) | { ok: false; problem: "whichYear"; example: string } | NoSuchDate | null {
  const r = availableMonths(input, now);
  if (!r) return null;
  if (r.ok) return r.day ? { ok: true, month: r.from, day: r.day } : { ok: true, month: r.from };
  return r.problem === "whichYear" ? { ok: false, problem: "whichYear", example: r.from } : r;
}

/** How readAvailableFrom reads the words (AvailableSaid), said back in the import's preview; null when it reads none. */
export function availableSaid(input: string, now: Date): AvailableSaid | null {
  const r = availableMonths(input, now);
  if (!r?.ok) return null;
  const words = fold(withoutEndMarks(input).replace(MOVE_IN_BEFORE, "").replace(MOVE_IN_AFTER, "").trim() || input)
    .replace(/\s+/g, " ")
    .trim();
  return ASAP.test(words) || THIS_MONTH.test(words) ? "now" : r.from !== r.by && !r.either ? "period" : "month";
}

/** readAvailableFrom's months: the words as typed, else the date inside the words around it ("春节后可入驻"). */
function availableMonths(input: string, now: Date): MonthsRead | null {
  // A sentence's end mark off first ("明年3月。"), then the words around the date as for a lead ("春节后可入驻"): the date itself.
  const typed = withoutEndMarks(input);
  const date = typed.replace(MOVE_IN_BEFORE, "").replace(MOVE_IN_AFTER, "");
  return readMonths(typed, now) ?? (date.trim() && date !== typed ? readMonths(date, now) : null);
}

/**
 * What the words say, as a span of months: `from` the first month they allow, `by` the last (equal for
 * one month). `either`: the words name one of the two months, not all of them (春节后: 初八 to 十五).
 * `whichYear`: a period under way past its middle; `from`/`by` are next year's.
 */
type MonthsRead =
  | ({ ok: true; from: string; by: string; either?: boolean } & FirstDay)
  | { ok: false; problem: "whichYear"; from: string; by: string }
  | NoSuchDate;

/** The periods of a year in English and with Q/H, by their Chinese words (PERIODS reads these). */
const PERIOD_EN: Array<[RegExp, string]> = [
  [/^(?:q1|(?:first|1st)\s+quarter)$/, "一季度"],
  [/^(?:q2|(?:second|2nd)\s+quarter)$/, "二季度"],
  [/^(?:q3|(?:third|3rd)\s+quarter)$/, "三季度"],
  [/^(?:q4|(?:fourth|4th)\s+quarter)$/, "四季度"],
  [/^(?:h1|(?:first|1st)\s+half(?:\s+of\s+the\s+year)?)$/, "上半年"],
  [/^(?:h2|(?:second|2nd)\s+half(?:\s+of\s+the\s+year)?)$/, "下半年"],
  [/^mid-?year$/, "年中"],
];
const PERIOD_NAME = "q[1-4]|h[12]|(?:first|second|third|fourth|1st|2nd|3rd|4th)\\s+(?:quarter|half)(?:\\s+of\\s+the\\s+year)?|mid-?year";
const PERIOD_YEAR = "\\d{4}|'\\d{2}|(?:this|next)\\s+year";
/**
 * A period of a year said in English or with Q/H (folded, lower-case `s`), with its year and its end words: "Q2 2027",
 * "2027 Q2", "2027Q2", "Q2 of 2027", "by end of Q2 2027", "the end of the second quarter of next year", "Q2 2027 end",
 * "2027年Q2末" — as the Chinese words ("2027年二季度末", "明年二季度"), which name the same last month: the end of a
 * period is the month it is read as anyway (docs/decisions/173). null when `s` is no such phrase.
 */
function periodWords(s: string): string | null {
  const m =
    new RegExp(
      `^(?:by\\s+)?(?:the\\s+)?(?:end\\s+(?:of\\s+)?(?:the\\s+)?)?(?<p>${PERIOD_NAME})(?:\\s*(?:of\\s+|,\\s*)?(?<y>${PERIOD_YEAR}))?(?:\\s+end|末|底)?$`,
    ).exec(s) ?? new RegExp(`^(?:(?<y>\\d{4})\\s*年?\\s*)(?<p>q[1-4]|h[12])\\s*(?:末|底|end)?$`).exec(s);
  if (!m) return null;
  const p = m.groups!.p.replace(/\s+/g, " ");
  const zh = PERIOD_EN.find(([re]) => re.test(p))?.[1];
  if (!zh) return null;
  const y = m.groups!.y;
  const year = !y ? "" : y === "this year" ? "今年" : y === "next year" ? "明年" : y.startsWith("'") ? `20${y.slice(1)}年` : `${y}年`;
  // Without a year, a Q/H read as its Chinese words would be the same text again: only the English words are turned.
  if (!year && /^(?:q|h)[1-4]$/.test(p) && !/end|by/.test(s)) return null;
  return `${year}${zh}`;
}

/** A year said in English, as its Chinese words (readMonths): "next year", "in 2027", "early next year" (年初), "by the end of next year" is englishMonth's. */
const YEAR_EN: Array<[RegExp, (s: string) => string]> = [
  [/^(?:in |during |sometime |some time |within )?(?:the )?next year$/, () => "明年"],
  [/^(?:early|(?:the )?(?:beginning|start) of) next year$/, () => "明年年初"],
  [/^(?:mid|(?:the )?middle of) next year$/, () => "明年年中"],
  [/^(?:in|during|sometime in) (\d{4})$/, (s) => `${/\d{4}/.exec(s)![0]}年`],
];

/** "a month", "an hour": the article as one; number words ("two months") are numbers.ts's, as the Chinese numerals are. */
const EN_MONTH_COUNT: Record<string, number> = { a: 1, an: 1 };

function readMonths(input: string, now: Date): MonthsRead | null {
  const s = fold(input).replace(/\s+/g, " ").trim();
  const china = new Date(now.getTime() + 8 * 3600_000);
  const year = china.getUTCFullYear();
  const month = china.getUTCMonth() + 1; // 1–12
  const ym = (y: number, m: number) => {
    const total = y * 12 + (m - 1);
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
  };
  const ok = (y: number, m: number): MonthsRead => ({ ok: true, from: ym(y, m), by: ym(y, m) });
  const span = (y: number, first: number, last: number): MonthsRead => ({ ok: true, from: ym(y, first), by: ym(y, last) });
  const inMonths = (n: number) => (Number.isInteger(n) && n >= 0 && n <= 120 ? ok(year, month + n) : null);

  // "13/2027", "0-2027": a month that does not exist, written as a month and a year — refused as such (docs/decisions/132), not
  // "not understood".
  const slash = MONTH_SLASH_YEAR.exec(s);
  if (slash && !(Number(slash.groups!.m) >= 1 && Number(slash.groups!.m) <= 12))
    return { ok: false, problem: "noSuchMonth", year: Number(slash.groups!.y), month: Number(slash.groups!.m) };
  const en = englishMonth(s);
  if (en) {
    const y = en.year ?? (en.next ? year + 1 : en.thisYear ? year : null);
    if (en.month === 0) return ok(y ?? year, 12); // "end of 2027", "by the end of the year"
    return y !== null ? ok(y, en.month) : ok(en.month < month ? year + 1 : year, en.month);
  }
  let m = YEAR_MONTH.exec(s);
  if (m) {
    const yyyy = m[1].length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
    const mm = parseChineseNumber(m[2]);
    if (mm === null || !Number.isInteger(mm)) return null;
    if (mm < 1 || mm > 12) {
      // "2027-13", "2027年13月" are dates that do not exist; "12.15" (two digits, no 年/月) may be no date at all.
      return m[1].length === 4 || /[年月]/.test(m[0]) ? { ok: false, problem: "noSuchMonth", year: yyyy, month: mm } : null;
    }
    const dd = m[3] ? Number(m[3]) : m[4] ? parseChineseNumber(m[4]) : null;
    if (dd !== null) {
      const day = `${String(yyyy).padStart(4, "0")}-${String(mm).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
      if (!Number.isInteger(dd) || !isCalendarDay(day))
        return { ok: false, problem: "noSuchDay", year: yyyy, month: mm, day: dd, days: daysInMonth(yyyy, mm) };
    }
    // Any four-digit year: "1999-01" is a month written right (refused later as past, not as a bad format).
    return ok(yyyy, mm);
  }
  if (ASAP.test(s) || THIS_MONTH.test(s)) return ok(year, month);
  if (NEXT_MONTH.test(s)) return ok(year, month + 1);
  m =
    /^(?:在)?(.+?)个?月(?:之?内|以内|后|之后)$/.exec(s) ??
    /^(?:within|in(?: the next)?) (\d+|an?|one|two|three|four|five|six) months?(?: time)?$/.exec(s);
  if (m) {
    // "within a month", "within two months": the English count words as the Chinese numerals are (session 41).
    const n = EN_MONTH_COUNT[m[1]] ?? parseChineseNumber(m[1]);
    return n === null ? null : inMonths(n);
  }
  if (/^半年(?:之?内|以内|后)$|^within (?:six|6) months$/.test(s)) return inMonths(6);
  if (/^(?:一|1)年(?:之?内|以内)$|^within (?:a|one|1) year$/.test(s)) return inMonths(12);

  // A period of a year named in English or with Q/H ("Q1 2027", "2027 Q1", "by end of Q2 2027", "the second quarter of next
  // year", "2027Q2末"): read as its Chinese words are (2027年二季度末; docs/decisions/173, trial37 M3).
  const periodZh = periodWords(s) ?? YEAR_EN.find(([re]) => re.test(s))?.[1](s) ?? null;
  if (periodZh !== null) return readMonths(periodZh, now);
  const yearWord = /^(?:今年|明年|后年|(\d{4})\s*年)?/.exec(s)!;
  const named = yearWord[0] !== "";
  const y = yearWord[1] ? Number(yearWord[1]) : yearWord[0] === "明年" ? year + 1 : yearWord[0] === "后年" ? year + 2 : year;
  const rest = s.slice(yearWord[0].length).trim();
  /** A month named with or without a year: the year's, or the next such month not past. */
  const monthOf = (n: number) => ok(named ? y : n < month ? year + 1 : year, n);

  if (/^(?:年底|年末|底|年内)(?:前|之前|以前)?$|^(?:end of (?:the )?year|by year end)$/.test(rest)) {
    // docs/decisions/132: 年底 said in December's last ten days (China time) without a year is the year's end under way — these
    // days, or next year's end? Told (whichYear, next December as the example), as 下半年 is in November. 年内, 年底前 are deadlines: this December.
    const day = china.getUTCDate();
    if (!named && month === 12 && day > 20 && !/^年内|前$/.test(rest))
      return { ok: false, problem: "whichYear", from: ym(year + 1, 12), by: ym(year + 1, 12) };
    return ok(y, 12);
  }
  // A year said alone ("明年", "2027年", "next year"): a period of its twelve months, as 上半年 is of six (readers42: refused in the
  // import; a space is available from its January, a lead moves in by its December). Not 今年: under way, it is no period ahead.
  if (named && rest === "" && yearWord[0] !== "今年") return period(1, 12);
  if (/^(?:年初|初)(?:前|之前|以前)?$/.test(rest) && (named || rest.startsWith("年"))) return monthOf(1);
  if (/^年中(?:前|之前|以前)?$|^mid-?year$/.test(rest)) return monthOf(6);
  for (const [re, first, last] of PERIODS) if (re.test(rest)) return period(first, last);
  m = /^(.{1,3}?)月(.*)$/.exec(rest);
  if (m && TAIL.test(m[2])) {
    const n = parseChineseNumber(m[1]);
    return n === null || !Number.isInteger(n) || n < 1 || n > 12 ? null : monthOf(n);
  }
  const after = SPRING_AFTER.test(rest);
  if (after || SPRING_BEFORE.test(rest)) return springFestival(after);
  if (FESTIVAL_AFTER.test(rest) && !named) {
    // In its season: from November, or in January–March while this year's festival days are not over.
    const r = springFestival(true);
    const thisYears = r?.ok === true && r.by.startsWith(String(year));
    return month >= SPRING_SEASON_FROM || (thisYears && month <= 3) ? r : null;
  }
  if (LANTERN_AFTER.test(rest)) return springFestival(true, 15);
  for (const [re, holidayMonth, firstDay] of FIXED_HOLIDAYS) {
    const h = re.exec(rest);
    const when = h && /^(?:以前|之前|前)$|^(?:以后|之后|过后|后)$/.exec(rest.slice(h[0].length));
    if (!when) continue;
    if (!/前$/.test(when[0])) {
      const r = monthOf(holidayMonth);
      return r.ok ? { ...r, day: `${r.from}-${String(firstDay).padStart(2, "0")}` } : r;
    }
    // The month before: 元旦前 is the December before that 元旦 ("明年元旦前" is this December).
    return holidayMonth === 1 ? (named ? ok(y - 1, 12) : monthOf(12)) : monthOf(holidayMonth - 1);
  }
  return null;

  /** A period of months first–last of the year named, or the next not over (see readMoveIn). */
  function period(first: number, last: number): MonthsRead {
    if (named || first > month) return span(y, first, last);
    if (last < month) return span(year + 1, first, last);
    const underWay = month - first; // months of it gone by, 0-based
    return underWay < (last - first + 1) / 2
      ? span(year, first, last)
      : { ok: false, problem: "whichYear", from: ym(year + 1, first), by: ym(year + 1, last) };
  }

  /**
   * 春节后 (`after`) or 春节前 of the year named, or the next whose reading is not past. `lantern`: after 元宵 (正月十五), read from
   * its next day. The first day after is `day` (FirstDay): 正月初八, or 正月十六 after 元宵.
   */
  function springFestival(after: boolean, lantern = 0): MonthsRead | null {
    const reading = (festivalYear: number): MonthsRead | null => {
      const first = SPRING_FESTIVAL[festivalYear];
      if (!first) return null;
      const date = (offset: number) => new Date(Date.UTC(festivalYear, first[0] - 1, first[1] + offset)).toISOString().slice(0, 10);
      const day = (offset: number) => date(offset).slice(0, 7);
      if (!after) return { ok: true, from: day(-1), by: day(-1) }; // 除夕
      if (lantern) return { ok: true, from: day(lantern), by: day(lantern), day: date(lantern) }; // 正月十六
      return { ok: true, from: day(7), by: day(14), either: true, day: date(7) }; // 正月初八, 正月十五
    };
    if (named) return reading(y);
    const thisYear = reading(year);
    return thisYear?.ok && thisYear.by >= ym(year, month) ? thisYear : reading(year + 1);
  }
}
