import type { Sql } from "~/db/db.server";

// The dashboard's daily rollup (migration 044, docs/decisions/040): which days to (re)build, and the
// rebuild itself (the SQL function `dashboard_rebuild`, which migration 044's backfill also calls).

/** A day is built only this long after it ended (China time): no lead of it is still in a transaction. Migration 044's lead trigger uses the same 15 minutes. */
const CLOSED_AFTER = "15 minutes";
const LOCK = 440_044; // one rebuilder at a time (the marks it deletes must be the ones it saw)

/**
 * Rebuilds, from the facts, the closed days (ended ≥ 15 min ago, China time) that are marked stale or
 * were never built, from the first lead's day on — newest first, at most `limit` — or exactly `days`
 * (YYYY-MM-DD) when given (closed or not: for a test or a repair). Runs in one REPEATABLE READ
 * transaction, so the stale marks it clears are exactly those whose changes it read. Returns the days
 * rebuilt (YYYY-MM-DD, newest first); [] when another rebuild holds the lock.
 */
export async function rebuildDashboardRollup(sql: Sql, options: { limit?: number; days?: string[] } = {}): Promise<string[]> {
  return sql.begin("isolation level repeatable read", async (tx) => {
    const [{ locked }] = await tx<{ locked: boolean }[]>`select pg_try_advisory_xact_lock(${LOCK}) as locked`;
    if (!locked) return [];
    await tx`set local jit = off`; // see loadDashboardFigures
    const [{ days }] = options.days
      ? [{ days: options.days }]
      : await tx<{ days: string[] }[]>`
          with closed as (select ((now() - ${CLOSED_AFTER}::interval) at time zone 'Asia/Shanghai')::date - 1 as until)
          select array(
            select to_char(d, 'YYYY-MM-DD') from (
              select s.day as d from dashboard_stale s group by s.day
              union
              select g::date from generate_series((select min(l.created_at at time zone 'Asia/Shanghai')::date from leads l),
                                                  (select until from closed), interval '1 day') g
              where not exists (select 1 from dashboard_days k where k.day = g::date)) x
            where d <= (select until from closed)
            order by d desc limit ${options.limit ?? 31}) as days`;
    if (days.length) await tx`select dashboard_rebuild(${days}::date[])`;
    return days;
  });
}

/** Rebuilds until nothing closed is stale or unbuilt (`limit` days a transaction). Returns how many days were rebuilt. */
export async function rebuildDashboardRollupAll(sql: Sql, limit = 31): Promise<number> {
  let total = 0;
  for (;;) {
    const days = await rebuildDashboardRollup(sql, { limit });
    total += days.length;
    if (days.length < limit) return total;
  }
}

const COUNTS_LOCK = 460_046; // one fold of the assignment counters at a time

/**
 * Folds the assignment counters' rows (migration 046: one row per change) into one row per status and
 * recruiter, dropping zeros; the sums, and so the dashboard's load and queues, are unchanged in every
 * snapshot. Rows written by transactions not yet committed stay as they are. Returns the rows folded
 * (0 when another fold holds the lock).
 */
export async function compactDashboardCounts(sql: Sql): Promise<number> {
  return sql.begin(async (tx) => {
    const [{ locked }] = await tx<{ locked: boolean }[]>`select pg_try_advisory_xact_lock(${COUNTS_LOCK}) as locked`;
    if (!locked) return 0;
    const [{ folded }] = await tx<{ folded: number }[]>`select dashboard_compact_counts() as folded`;
    return folded;
  });
}
