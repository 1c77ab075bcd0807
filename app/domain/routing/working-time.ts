import chineseDays from "chinese-days";

import { parseClockMinute } from "~/domain/clock-time";

// chinese-days ships CommonJS (dist/index.min.js): under Node's ESM only its default export is visible.
const { isWorkday: chineseIsWorkday, getDayDetail } = chineseDays;

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

/**
 * The admin's corrections to the mainland calendar (migration 036, ADR 037), by China-time day
 * `YYYY-MM-DD`: true = a working day (调休 make-up day), false = a day off (public holiday). They win
 * over chinese-days, which lags the State Council's notice by weeks or months (1.5.7 knows no 2027).
 */
export type CalendarOverrides = ReadonlyMap<string, boolean>;

export const NO_OVERRIDES: CalendarOverrides = new Map();

/** Overrides from rows `{ day: "YYYY-MM-DD", work }` (as calendar_overrides stores them). */
export function calendarOverrides(rows: readonly { day: string; work: boolean }[] | null | undefined): CalendarOverrides {
  return new Map((rows ?? []).map((r) => [r.day, r.work]));
}

/**
 * True when `day` (`YYYY-MM-DD`) is a mainland working day: an admin's override first, else chinese-days
 * (Monday–Friday unless a holiday, or a 调休 make-up day).
 */
export function isChinaWorkday(day: string, overrides: CalendarOverrides = NO_OVERRIDES): boolean {
  return overrides.get(day) ?? chineseIsWorkday(day);
}

const coveredYears = new Map<number, boolean>();

/**
 * True when chinese-days knows the State Council's schedule for `year` (it names at least one public
 * holiday or make-up day in it). A year it does not know looks like plain weekends — 元旦 and 春节 as
 * working days — so the admin must enter it (ADR 037). Memoised: the package's data never changes at run time.
 */
export function packageCoversYear(year: number): boolean {
  let known = coveredYears.get(year);
  if (known === undefined) {
    known = false;
    for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += DAY_MS) {
      if (getDayDetail(isoDay(t)).name.includes(",")) {
        known = true;
        break;
      }
    }
    coveredYears.set(year, known);
  }
  return known;
}

/**
 * The years (China time) that the next `horizonDays` days from `now` reach, today's included, for which
 * neither chinese-days nor any override (`overrideDays`, `YYYY-MM-DD`) has a schedule: in December the
 * coming year shows up here until somebody enters the State Council's notice. Ascending.
 */
export function yearsWithoutSchedule(now: Date, overrideDays: Iterable<string>, horizonDays = 60): number[] {
  const entered = new Set([...overrideDays].map((d) => Number(d.slice(0, 4))));
  const chinaNow = now.getTime() + CHINA_OFFSET_MS;
  const first = new Date(chinaNow).getUTCFullYear();
  const last = new Date(chinaNow + horizonDays * DAY_MS).getUTCFullYear();
  const years: number[] = [];
  for (let y = first; y <= last; y++) if (!entered.has(y) && !packageCoversYear(y)) years.push(y);
  return years;
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
 * A recruiter's stored working hours (recruiters.working_hours, migration 020): ISO weekdays (1 = Monday)
 * and China-time "HH:MM" start and end.
 */
export type RecruiterHours = { days: readonly number[]; start: string; end: string };

/** Whose calendar a deadline was counted on: its hours, its working days, and where they came from. */
export type WorkCalendar = { hours: OfficeHours; isWorkday: (day: string) => boolean; source: "recruiter" | "office" };

/**
 * True when `day` (`YYYY-MM-DD`) is a working day for someone who works the ISO weekdays `days`: a
 * mainland public holiday is off and a 调休 make-up day is on for everyone (the State Council's calendar,
 * chinese-days names those days, an admin's override wins over it); on any other day their own weekdays decide — a recruiter who works
 * Saturdays counts an ordinary Saturday, one who works Monday–Thursday does not count a Friday.
 */
export function isWorkdayFor(day: string, days: readonly number[], overrides: CalendarOverrides = NO_OVERRIDES): boolean {
  // An admin's override is the State Council's word for that day, for everyone (ADR 037).
  const entered = overrides.get(day);
  if (entered !== undefined) return entered;
  const detail = getDayDetail(day);
  // chinese-days names an ordinary day by its weekday ("Saturday") and a holiday or make-up day by the
  // festival ("National Day,国庆节,3"): the comma tells them apart.
  if (detail.name.includes(",")) return detail.work;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
  return days.includes(weekday);
}

/** The office's calendar: its hours on mainland working days (the admin's `overrides` first). */
export function officeCalendar(hours: OfficeHours = DEFAULT_OFFICE_HOURS, overrides: CalendarOverrides = NO_OVERRIDES): WorkCalendar {
  return { hours, isWorkday: (day) => isChinaWorkday(day, overrides), source: "office" };
}

/**
 * The calendar the acceptance SLA counts on for an offer to a recruiter (issue 11 item 7): their own
 * working hours when they have usable ones (at least one weekday, start before end), else the office's.
 * Either way the admin's calendar `overrides` (holidays, make-up days) come before chinese-days.
 */
export function recruiterCalendar(
  own: RecruiterHours | null | undefined,
  office: OfficeHours = DEFAULT_OFFICE_HOURS,
  overrides: CalendarOverrides = NO_OVERRIDES,
): WorkCalendar {
  const start = own ? parseClockMinute(own.start) : null;
  const end = own ? parseClockMinute(own.end) : null;
  const days = (own?.days ?? []).filter((d) => Number.isInteger(d) && d >= 1 && d <= 7);
  if (!own || start === null || end === null || end <= start || start >= 1440 || days.length === 0)
    return officeCalendar(office, overrides);
  return { hours: { startMinute: start, endMinute: end }, isWorkday: (day) => isWorkdayFor(day, days, overrides), source: "recruiter" };
}

/**
 * The acceptance deadline of an offer made at `now`: `slaMinutes` of working time on the "office-hours"
 * clock — counted on `calendar` (the office hours on mainland working days unless a recruiter's own
 * calendar is given, or plain office hours for a bare OfficeHours) — or plainly `now + slaMinutes` on the
 * "wall" clock (tests, or a 24/7 desk).
 */
export function acceptDeadline(
  now: Date,
  slaMinutes: number,
  clock: SlaClock,
  calendar: OfficeHours | WorkCalendar = DEFAULT_OFFICE_HOURS,
): Date {
  if (clock === "wall") return new Date(now.getTime() + slaMinutes * 60_000);
  const cal = "isWorkday" in calendar ? calendar : officeCalendar(calendar);
  return addWorkingMinutes(now, slaMinutes, cal.hours, cal.isWorkday);
}

/**
 * When a hotline call task made at `now` is due (docs/decisions/158, DECISION): on the "wall" clock (a 24/7 desk, tests)
 * at once; on the "office-hours" clock at `now` inside working time, else at the next opening of `calendar`
 * (the office hours on mainland working days, the admin's overrides first: ADR 028, ADR 037) — a call-back
 * made at 23:20 on a Saturday is due at 09:00 on Monday, as the recruiter's acceptance deadline is counted.
 * `retryMinutes`: a no-answer's next try, that many working minutes on (wall minutes on the wall clock).
 * Throws RangeError as addWorkingMinutes.
 */
export function callTaskDue(now: Date, clock: SlaClock, calendar: WorkCalendar = officeCalendar(), retryMinutes = 0): Date {
  if (clock === "wall") return new Date(now.getTime() + retryMinutes * 60_000);
  if (retryMinutes > 0) return addWorkingMinutes(now, retryMinutes, calendar.hours, calendar.isWorkday);
  // The instant working time resumes: one working millisecond on, less that millisecond (exact inside hours).
  return new Date(addWorkingMinutes(now, 1 / 60_000, calendar.hours, calendar.isWorkday).getTime() - 1);
}
