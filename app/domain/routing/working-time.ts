import chineseDays from "chinese-days";

// chinese-days ships CommonJS (dist/index.min.js): under Node's ESM only its default export is visible.
const { isWorkday: chineseIsWorkday } = chineseDays;

// The acceptance SLA counts working time, not wall-clock time (docs/decisions/028): a lead offered on
// Friday evening is due on Monday morning, not on Saturday. Working days are mainland China's: weekends
// and public holidays off, 调休 make-up Saturdays/Sundays on, as published each year by the State
// Council and kept in the `chinese-days` package. Hours are the office's, in China time (UTC+8, no
// daylight saving), so the arithmetic below never depends on the server's time zone.

/** Office hours: minutes after midnight China time, start inclusive, end exclusive (540–1080 = 09:00–18:00). */
export type OfficeHours = { startMinute: number; endMinute: number };

export const DEFAULT_OFFICE_HOURS: OfficeHours = { startMinute: 9 * 60, endMinute: 18 * 60 };

/** Which clock the SLA runs on: working time (office hours on working days) or plain wall-clock time. */
export type SlaClock = "office-hours" | "wall";

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A deadline further than this many days away is a configuration error, not a calendar (guards the loop). */
const MAX_DAYS = 366;

/** `YYYY-MM-DD` of the China-time day that starts at `dayStartChinaMs` (a China-time midnight, shifted epoch ms). */
function isoDay(chinaMs: number): string {
  return new Date(chinaMs).toISOString().slice(0, 10);
}

/** True when `day` (`YYYY-MM-DD`) is a mainland working day: Monday–Friday unless a holiday, or a 调休 make-up day. */
export function isChinaWorkday(day: string): boolean {
  return chineseIsWorkday(day);
}

/**
 * The moment `minutes` working minutes after `start`: time only counts inside `hours` on days for which
 * `isWorkday(YYYY-MM-DD)` holds (default: the mainland calendar). A start outside office hours begins
 * counting at the next opening. `minutes` may be fractional; ≤ 0 returns `start`.
 * Throws RangeError when the office hours are empty or no deadline is found within a year.
 */
export function addWorkingMinutes(
  start: Date,
  minutes: number,
  hours: OfficeHours = DEFAULT_OFFICE_HOURS,
  isWorkday: (day: string) => boolean = isChinaWorkday,
): Date {
  if (!(minutes > 0)) return new Date(start);
  if (!(hours.endMinute > hours.startMinute)) throw new RangeError("office hours end before they start");
  let remainingMs = minutes * 60_000;
  const chinaNow = start.getTime() + CHINA_OFFSET_MS;
  let dayStart = Math.floor(chinaNow / DAY_MS) * DAY_MS;
  let cursor = chinaNow;
  for (let i = 0; i <= MAX_DAYS; i++, dayStart += DAY_MS) {
    if (isWorkday(isoDay(dayStart))) {
      const open = dayStart + hours.startMinute * 60_000;
      const close = dayStart + hours.endMinute * 60_000;
      const from = Math.max(cursor, open);
      if (from < close) {
        if (from + remainingMs <= close) return new Date(from + remainingMs - CHINA_OFFSET_MS);
        remainingMs -= close - from;
      }
    }
    cursor = dayStart + DAY_MS;
  }
  throw new RangeError(`no deadline within ${MAX_DAYS} days`);
}

/**
 * The acceptance deadline of an offer made at `now`: `slaMinutes` of working time on the "office-hours"
 * clock, or plainly `now + slaMinutes` on the "wall" clock (tests, or a 24/7 desk).
 */
export function acceptDeadline(now: Date, slaMinutes: number, clock: SlaClock, hours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  return clock === "wall" ? new Date(now.getTime() + slaMinutes * 60_000) : addWorkingMinutes(now, slaMinutes, hours);
}
