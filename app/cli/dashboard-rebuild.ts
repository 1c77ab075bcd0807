import { z } from "zod";

import { rebuildDashboardRollup, rebuildDashboardRollupAll } from "~/admin/dashboard-rollup.server";
import { createSql } from "~/db/db.server";
import { parseEnv } from "~/utils/env.server";

// npm run dashboard:rebuild [-- YYYY-MM-DD …] — rebuilds the dashboard's daily rollup from the facts
// (docs/decisions/040): the given China days, or every closed day that changed or was never built.
// The worker does the latter every minute; this is for a repair or right after a bulk change.
const env = parseEnv(z.object({ DATABASE_URL: z.string().url().default("postgres://postgres@127.0.0.1:5432/parkmatch") }));
const days = z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "days as YYYY-MM-DD")).parse(process.argv.slice(2));
const sql = createSql(env.DATABASE_URL, { max: 1 });
try {
  const rebuilt = days.length ? (await rebuildDashboardRollup(sql, { days })).length : await rebuildDashboardRollupAll(sql);
  console.log(`dashboard rollup: ${rebuilt} day(s) rebuilt`);
} finally {
  await sql.end();
}
