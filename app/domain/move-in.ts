import { fold } from "./fold-text";
import { parseChineseNumber } from "./numbers";

/**
 * need.moveInBy as people say it → "YYYY-MM", relative to `now` in China time (UTC+8, no DST):
 * "2027-03", "2027.3", "2027/3", "2027年3月", "尽快"/"越快越好"/"asap" (this month), "下个月" (next),
 * "三个月内"/"3个月以内"/"半年内"/"一年内" (now + n months), "年底"/"今年年底" (December), "明年年底",
 * "明年3月", "今年10月", "明年初"/"明年上半年" (January/June next year), "next month", "within 3 months",
 * "end of year". Not understood → null (the field then says how to write it).
 */
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

export function parseMoveInBy(input: string, now: Date): string | null {
  const s = fold(input).replace(/\s+/g, " ").trim();
  const china = new Date(now.getTime() + 8 * 3600_000);
  const year = china.getUTCFullYear();
  const month = china.getUTCMonth() + 1; // 1–12
  const ym = (y: number, m: number) => {
    const total = y * 12 + (m - 1);
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
  };
  const inMonths = (n: number) => (Number.isInteger(n) && n >= 0 && n <= 120 ? ym(year, month + n) : null);

  // A year and a month, the month in digits or words, a day after it read past: "2027-03", "2027年三月",
  // "27年3月", "2027-03-15", "2027年3月15日前". Any four-digit year: "1999-01" is a month written right
  // (refused later as past, not as a bad format); two digits are this century's.
  let m =
    /^(\d{4}|\d{2})\s*[-./年]\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:月份?)?(?:\s*[-./]?\s*\d{1,2}\s*[日号]?)?\s*(?:前|之前|以前|底|初|中|内)?$/.exec(
      s,
    );
  if (m) {
    const yyyy = m[1].length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
    const mm = parseChineseNumber(m[2]);
    return mm !== null && Number.isInteger(mm) && mm >= 1 && mm <= 12 ? `${yyyy}-${String(mm).padStart(2, "0")}` : null;
  }
  if (/^(?:尽快|越快越好|尽早|马上|立即|立刻|随时|现在|asap|as soon as possible|immediately|now)$/.test(s)) return ym(year, month);
  if (/^(?:下个?月|next month)(?:初|中|底)?$/.test(s)) return ym(year, month + 1);
  m = /^(?:在)?(.+?)个?月(?:之?内|以内|后|之后)$/.exec(s) ?? /^within (\d+) months?$/.exec(s);
  if (m) {
    const n = parseChineseNumber(m[1]);
    return n === null ? null : inMonths(n);
  }
  if (/^半年(?:之?内|以内|后)$|^within (?:six|6) months$/.test(s)) return inMonths(6);
  if (/^(?:一|1)年(?:之?内|以内)$|^within (?:a|one|1) year$/.test(s)) return inMonths(12);
  const yearWord = /^(今年|明年|后年)?/.exec(s)![1];
  const y = yearWord === "明年" ? year + 1 : yearWord === "后年" ? year + 2 : year;
  const rest = s.slice(yearWord?.length ?? 0);
  if (/^(?:年底|年末|底|年内)(?:前|之前|以前)?$|^(?:end of (?:the )?year|by year end)$/.test(rest)) return ym(y, 12);
  if (yearWord && /^(?:初|年初)$/.test(rest)) return ym(y, 1);
  if (yearWord && /^上半年$/.test(rest)) return ym(y, 6);
  if (yearWord && /^下半年$/.test(rest)) return ym(y, 12);
  m = /^(.{1,3}?)月(?:份)?(?:初|中|底|前|之前|以前)?$/.exec(rest);
  if (m) {
    const n = parseChineseNumber(m[1]);
    if (n === null || !Number.isInteger(n) || n < 1 || n > 12) return null;
    // "3月" alone means the next March that has not passed.
    const yy = yearWord ? y : n < month ? year + 1 : year;
    return ym(yy, n);
  }
  return null;
}
