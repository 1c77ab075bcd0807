import type { Sql, TransactionSql } from "~/db/db.server";
import { yearsWithoutSchedule } from "~/domain/routing/working-time";

import { writeAdminAudit } from "./admin-audit.server";

// The admin's corrections to the mainland calendar (migration 036, ADR 037): a day off (a public
// holiday, named) or a 调休 make-up working day, entered from the State Council's notice when
// chinese-days has no data for the year yet, or to correct a day. The SLA reads them in
// route-lead.server.ts (with the office hours, in the same statement); this module is the page's side.

/** One override as the page shows it: the China-time day `YYYY-MM-DD`, working or not, the holiday's name. */
export type CalendarOverrideRow = { day: string; work: boolean; name: string | null; createdBy: string; createdAt: string };

/** Every override, by day (a few dozen a year; the page lists them all). */
export async function loadCalendarOverrides(sql: Sql | TransactionSql): Promise<CalendarOverrideRow[]> {
  const rows = await sql<{ day: string; work: boolean; name: string | null; createdBy: string; createdAt: Date }[]>`
    select day::text, work, name, created_by, created_at from calendar_overrides order by day`;
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** How far ahead the pages look for a year without a holiday schedule (ADR 037): in December, the coming year. */
export const SCHEDULE_HORIZON_DAYS = 60;

/**
 * The years within SCHEDULE_HORIZON_DAYS of `now` that neither chinese-days nor an override covers (ADR 037):
 * said on the office-hours page and on the admin's overview, where admins land (a new user's trial of 12-04
 * found the overview silent in December). One day's read of the overrides' days.
 */
export async function calendarMissingYears(sql: Sql, now = new Date()): Promise<number[]> {
  const days = await sql<{ day: string }[]>`select day::text from calendar_overrides where day >= current_date - 1`;
  return yearsWithoutSchedule(
    now,
    days.map((d) => d.day),
    SCHEDULE_HORIZON_DAYS,
  );
}

/**
 * An admin enters one day (`YYYY-MM-DD`): off (`work` false, `name` the holiday's) or a make-up working
 * day. A day entered before is replaced. Audited with what it was before. Offers made later count on it.
 */
export async function saveCalendarOverride(
  sql: Sql,
  entry: { day: string; work: boolean; name: string | null },
  actor: string,
): Promise<void> {
  await sql.begin(async (tx) => {
    const [before] = await tx<{ work: boolean; name: string | null }[]>`
      select work, name from calendar_overrides where day = ${entry.day}::date for update`;
    await tx`insert into calendar_overrides (day, work, name, created_by)
             values (${entry.day}::date, ${entry.work}, ${entry.name}, ${actor})
             on conflict (day) do update set work = excluded.work, name = excluded.name,
                                             created_by = excluded.created_by, created_at = now()`;
    await writeAdminAudit(tx, {
      actor,
      action: "calendar-override-saved",
      target: `calendar:${entry.day}`,
      detail: { before: before ?? null, after: { work: entry.work, name: entry.name } },
    });
  });
}

/** An admin removes the override of `day`; the day goes back to chinese-days. False when there was none (nothing written). */
export async function removeCalendarOverride(sql: Sql, day: string, actor: string): Promise<boolean> {
  return sql.begin(async (tx) => {
    const [gone] = await tx<{ work: boolean; name: string | null }[]>`
      delete from calendar_overrides where day = ${day}::date returning work, name`;
    if (!gone) return false;
    await writeAdminAudit(tx, { actor, action: "calendar-override-removed", target: `calendar:${day}`, detail: { before: gone } });
    return true;
  });
}
