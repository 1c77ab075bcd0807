import type { LoaderFunctionArgs } from "@remix-run/node";

import { defaultRange, loadDashboardFigures } from "~/admin/dashboard-data.server";
import { readDashboardFilters } from "~/admin/dashboard-forms";
import { figureTables, toCsv } from "~/admin/dashboard-tables";
import { requireAdminForResource } from "~/auth/admin-gate.server";
import { getSql } from "~/db/db.server";
import { lngFromUrl } from "~/i18n/lng";

/** GET /admin/dashboard/export?figure=funnel&from=&to=&park=: one dashboard figure as CSV (Excel opens it; UTF-8 with BOM). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminForResource(request);
  const filters = readDashboardFilters(new URL(request.url), defaultRange());
  if (!filters.figure)
    return new Response("figure: one of perDay, funnel, firstContact, perRecruiter, load, unmet, queues\n", { status: 400 });
  const figures = await loadDashboardFigures(getSql(), filters);
  const table = figureTables(lngFromUrl(request.url), figures).find((f) => f.figure === filters.figure)!;
  return new Response(toCsv(table), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="parkmatch-${filters.figure}-${filters.from}-${filters.to}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
