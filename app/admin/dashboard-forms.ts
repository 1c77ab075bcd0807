import { z } from "zod";

import { isCalendarDay } from "~/domain/calendar-day";
import { type FilterNotice, quoteValue } from "~/domain/filter-notices";

import { FIGURES } from "./dashboard-tables";

// The dashboard's filters (a GET form): a date range of lead arrival and a park. Malformed values fall
// back to the defaults, never an error page; a range past today ends today, and one longer than a year
// is cut to its last 366 days. The page says when it did either (`adjusted`), never silently.
export const dashboardFilterSchema = z.object({
  from: z.string().refine(isCalendarDay).optional().catch(undefined),
  to: z.string().refine(isCalendarDay).optional().catch(undefined),
  park: z.string().trim().min(1).max(100).optional().catch(undefined),
  figure: z.enum(FIGURES).optional().catch(undefined),
});

/** What the page changed in the range asked for: a date it could not read, or a range it had to cut. */
export type RangeAdjusted = "invalid" | "cut" | null;

/**
 * From the URL, with `fallback` (the last 30 days up to today, China time) for absent dates; from ≤ to
 * (a reversed range is read the right way round), `to` not after `fallback.to` (no lead arrives later),
 * at most 366 days. `adjusted`: "invalid" when a date given could not be read (the default took its
 * place), "cut" when the range was shortened; null when it is as asked.
 */
export function readDashboardFilters(url: URL, fallback: { from: string; to: string }) {
  const given = Object.fromEntries([...url.searchParams.entries()].filter(([, x]) => x !== ""));
  const v = dashboardFilterSchema.parse(given);
  let adjusted: RangeAdjusted = (given.from && !v.from) || (given.to && !v.to) ? "invalid" : null;
  let from = v.from ?? fallback.from;
  let to = v.to ?? fallback.to;
  if (from > to) [from, to] = [to, from];
  const cut = (next: string, at: string) => {
    if (next === at) return at;
    adjusted ??= "cut";
    return next;
  };
  if (to > fallback.to) {
    to = cut(fallback.to, to);
    if (from > to) from = to;
  }
  const earliest = new Date(Date.parse(`${to}T00:00:00Z`) - 365 * 86400_000).toISOString().slice(0, 10);
  if (from < earliest && isCalendarDay(earliest)) from = cut(earliest, from); // not before year 1 (Postgres has no year 0)
  return { from, to, park: v.park ?? null, figure: v.figure ?? null, adjusted: adjusted as RangeAdjusted }; // set in `cut` too
}

/**
 * The dashboard's park checked against the parks there are (`parkIds`), as /admin/leads does (ADR 086):
 * a park that is none of them is named ("filter.adjusted.park") and dropped, so the page shows every park
 * under "all parks" and its CSV links do not carry it; a park given more than once with different values
 * is named ("filter.adjusted.twice") and its last value used. Returns the park to use (null: all parks)
 * and the notices, in the order the page shows them.
 */
export function checkDashboardPark(
  url: URL,
  park: string | null,
  parkIds: readonly string[],
): { park: string | null; notices: FilterNotice[] } {
  const notices: FilterNotice[] = [];
  const given = url.searchParams.getAll("park").filter((x) => x !== "");
  if (new Set(given).size > 1) notices.push({ key: "filter.adjusted.twice", params: { filter: "park", value: quoteValue(given.at(-1)!) } });
  const last = given.at(-1);
  if (park === null) {
    // A value the schema could not read (over 100 characters, spaces only) is unknown too.
    if (last !== undefined && last.trim() !== "") notices.push({ key: "filter.adjusted.park", params: { value: quoteValue(last) } });
    return { park: null, notices };
  }
  if (!parkIds.includes(park)) {
    notices.push({ key: "filter.adjusted.park", params: { value: quoteValue(park) } });
    return { park: null, notices };
  }
  return { park, notices };
}
