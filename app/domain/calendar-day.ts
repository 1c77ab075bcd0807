/**
 * The one check of a typed calendar day, `YYYY-MM-DD`: the month is 1–12 and the day exists in it
 * (2024-02-29 yes, 2025-02-29, 2026-02-30, 2026-13-01, 2026-01-00 no), year 0001–9999 (Postgres has no
 * year 0). Pure arithmetic: `new Date("2026-02-32T00:00:00Z").toISOString()` throws and
 * `new Date("2026-02-30…")` quietly means 2 March, so neither may decide whether a day exists.
 */
export function isCalendarDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Days in `month` (1–12) of `year` (Gregorian: leap years every 4, not every 100, every 400). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
