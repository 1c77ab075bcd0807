import { z } from "zod";

import { isCalendarDay } from "~/domain/calendar-day";

import { FIGURES } from "./dashboard-tables";

// The dashboard's filters (a GET form): a date range of lead arrival and a park. Malformed values fall
// back to the defaults, never an error page; a range longer than a year is cut to its last 366 days.
export const dashboardFilterSchema = z.object({
  from: z.string().refine(isCalendarDay).optional().catch(undefined),
  to: z.string().refine(isCalendarDay).optional().catch(undefined),
  park: z.string().trim().min(1).max(100).optional().catch(undefined),
  figure: z.enum(FIGURES).optional().catch(undefined),
});

/** From the URL, with `fallback` (the last 30 days) for absent dates; from ≤ to. */
export function readDashboardFilters(url: URL, fallback: { from: string; to: string }) {
  const v = dashboardFilterSchema.parse(Object.fromEntries([...url.searchParams.entries()].filter(([, x]) => x !== "")));
  let from = v.from ?? fallback.from;
  let to = v.to ?? fallback.to;
  if (from > to) [from, to] = [to, from];
  const earliest = new Date(Date.parse(`${to}T00:00:00Z`) - 365 * 86400_000).toISOString().slice(0, 10);
  if (from < earliest && isCalendarDay(earliest)) from = earliest; // not before year 1 (Postgres has no year 0)
  return { from, to, park: v.park ?? null, figure: v.figure ?? null };
}
