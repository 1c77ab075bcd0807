import { compactDashboardCounts, rebuildDashboardRollupAll } from "~/admin/dashboard-rollup.server";
import { catchUpOfferDeadlines } from "~/admin/lead-list.server";
import type { Sql } from "~/db/db.server";
import { log } from "~/utils/log.server";

import { startPeriodic } from "./periodic";

// The dashboard's daily rollup (migration 044, docs/decisions/040): closed days that changed or were
// never built are rebuilt from the facts every `everyMs`. Until then the dashboard computes those
// days live, so a late pass costs time on the page, never a wrong figure. The same pass folds the
// assignment counters (migration 046, ADR 046): unfolded rows only make the page's sums longer. And it
// writes the deadline rows of the offers whose deadline came (migration 074, ADR 100), so the lead list's
// "SLA breached" pairs follow without a page being loaded (the list catches up itself before it reads).

/** Starts the rebuild timer (first pass now). Several workers at once are safe: one rebuilds, the others skip (advisory lock). */
export function startDashboardRollup(sql: Sql, everyMs: number): { stop: () => Promise<void> } {
  return startPeriodic("dashboard rollup pass", everyMs, async () => {
    const days = await rebuildDashboardRollupAll(sql);
    if (days) log.info("dashboard rollup: days rebuilt", { days });
    await compactDashboardCounts(sql);
    await catchUpOfferDeadlines(sql);
  });
}
