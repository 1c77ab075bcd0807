import { isCalendarDay } from "~/domain/calendar-day";
import { fold } from "~/domain/fold-text";
import { noSuchDateParams, readAvailableFrom, withoutEndMarks } from "~/domain/move-in";
import type { Bilingual } from "~/i18n/i18n";
import { inventoryRuleMessages } from "~/i18n/inventory-rule-messages";

// The inventory's dates as a cell or a form field holds them (a day, a month, 可入驻时间 in words): read
// here for the columns (inventory-columns.ts) and the import's checks (inventory-schema.ts) alike.

/** A read cell: the import format's value (undefined = blank), or why the text is not understood. */
/**
 * A cell read. `said`: a figure cell's text came with a word the one figure it stores cannot keep — about
 * (约, 左右, 来), at least (以上, 多) or at most (以内) — said back to the admin (inventory-check.ts cellReadings).
 */
export type CellRead = { ok: true; value: unknown; said?: "about" | "min" | "max" } | { ok: false; reason: Bilingual };

const ok = (value: unknown): CellRead => ({ ok: true, value });

/** A calendar day: "2026-03-01", "2026/3/1", "2026年3月1日", "2026.3.1". `month` also takes "2026-03". */
export function readDay(input: string, month = false): string | null {
  const s = fold(input).trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?|月)?$/.exec(s);
  if (!m || (!m[3] && !month)) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : null];
  if (mo < 1 || mo > 12) return null;
  const ym = `${y}-${String(mo).padStart(2, "0")}`;
  if (d === null) return ym;
  const day = `${ym}-${String(d).padStart(2, "0")}`;
  return isCalendarDay(day) ? day : null;
}

/**
 * 可入驻时间 as people write it: a day or a month ("2027-03-15", "2027年3月"; readDay), else the lead's
 * move-in words read for availability (move-in.ts readAvailableFrom: a period is its first month —
 * "下半年" → July, "明年3月" → next March, "年底" → December). A day that does not exist is said as such
 * (not read as its month); words naming no one year are refused as the lead's move-in refuses them.
 */
export function readAvailableFromCell(t: string, now: Date = new Date()): CellRead {
  const d = readDay(withoutEndMarks(t), true);
  if (d) return ok(d);
  const r = readAvailableFrom(t, now);
  // A first day the words name ("春节后": 正月初八; "国庆后": 10-08) is stored as that day, never as the month's 1st, which can be
  // before the holiday (trial39 L14: "春节后" was 2027-02-01, the festival 2027-02-06).
  if (r?.ok) return ok(r.day ?? r.month);
  if (r?.problem === "whichYear")
    return { ok: false, reason: inventoryRuleMessages.both("availableWhichYear", { typed: t, example: r.example }) };
  if (r) {
    const key = r.problem === "noSuchDay" ? "availableNoSuchDay" : "availableNoSuchMonth";
    return { ok: false, reason: inventoryRuleMessages.both(key, noSuchDateParams(t, r)) };
  }
  return { ok: false, reason: inventoryRuleMessages.both("availableUnread", { typed: t }) };
}

const WEEKDAYS = "一二三四五六日";

/**
 * A day a recruiter is away from or to, as people write it → "YYYY-MM-DD", or null. Read: a whole day
 * (readDay: "2026-12-08", "2026年12月8日", "2026.12.8"); a month and day without a year ("12月8日",
 * "12月8号", "12.8", "12/8") — the next such day not past (today counts), as move-in.ts reads a month
 * without a year; 今天/明天/后天; a weekday — "周五"/"星期五" the next one not past, "本周五"/"这周五"
 * this week's (Monday first), "下周五" next week's. `now` in China time (UTC+8).
 */
export function readAwayDay(typed: string, now: Date = new Date()): string | null {
  const input = withoutEndMarks(typed); // "12月8日。", "下周五." (trial39)
  const whole = readDay(input);
  if (whole) return whole;
  const s = fold(input).replace(/\s+/g, "");
  const china = new Date(now.getTime() + 8 * 3600_000);
  const today = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate());
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  const plus = (days: number) => iso(today + days * 86_400_000);
  const rel = ["今天", "明天", "后天"].indexOf(s);
  if (rel >= 0) return plus(rel);
  const md = /^(\d{1,2})(?:月|[./-])(\d{1,2})(?:日|号)?$/.exec(s);
  if (md) {
    const [mo, d] = [Number(md[1]), Number(md[2])];
    const year = china.getUTCFullYear();
    const on = (y: number) => `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    // The next such day not past: this year's unless gone; 2月29日 the next leap year's (8 years at most).
    for (let y = year; y <= year + 8; y++) if (isCalendarDay(on(y)) && on(y) >= iso(today)) return on(y);
    return null;
  }
  const wd = /^(本|这个?|下个?)?(?:周|星期|礼拜)([一二三四五六日天1-7])$/.exec(s);
  if (wd) {
    const target = wd[2] === "天" ? 7 : /\d/.test(wd[2]) ? Number(wd[2]) : WEEKDAYS.indexOf(wd[2]) + 1;
    const dow = ((new Date(today).getUTCDay() + 6) % 7) + 1; // 1 = Monday … 7 = Sunday
    if (!wd[1]) return plus((target - dow + 7) % 7);
    return plus(target - dow + (wd[1].startsWith("下") ? 7 : 0));
  }
  return null;
}
