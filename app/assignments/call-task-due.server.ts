import type { Sql, TransactionSql } from "~/db/db.server";
import { calendarOverrides, callTaskDue, DEFAULT_OFFICE_HOURS, officeCalendar, type SlaClock } from "~/domain/routing/working-time";

/**
 * The due time of a call task opened now in `tx` (its `now()`), or of a no-answer's next try `retryMinutes` on:
 * working-time.ts callTaskDue on the office's calendar — the office hours (office_hours, migration 025; the
 * default 09:00–18:00 when unset) on mainland working days with the admin's overrides (calendar_overrides,
 * migration 036) — and on `clock` (SLA_CLOCK; "wall" when absent, as routing's accept deadline). One statement.
 */
export async function callTaskDueAt(tx: Sql | TransactionSql, clock: SlaClock | undefined, retryMinutes = 0): Promise<Date> {
  if ((clock ?? "wall") === "wall") {
    const [{ now }] = await tx<{ now: Date }[]>`select now() as now`;
    return callTaskDue(now, "wall", undefined, retryMinutes);
  }
  const [row] = await tx<
    { now: Date; startMinute: number | null; endMinute: number | null; overrides: { day: string; work: boolean }[] | null }[]
  >`
    select now() as now, h.start_minute, h.end_minute,
           (select json_agg(json_build_object('day', o.day::text, 'work', o.work))
            from calendar_overrides o where o.day >= (now() at time zone 'Asia/Shanghai')::date - 1) as overrides
    from (select 1) one left join office_hours h on true`;
  const hours =
    row.startMinute !== null && row.endMinute !== null ? { startMinute: row.startMinute, endMinute: row.endMinute } : DEFAULT_OFFICE_HOURS;
  return callTaskDue(row.now, "office-hours", officeCalendar(hours, calendarOverrides(row.overrides)), retryMinutes);
}
