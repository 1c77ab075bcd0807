import type { LoaderFunctionArgs } from "@remix-run/node";

import { defaultRange, loadDashboardFigures } from "~/admin/dashboard-data.server";
import { checkDashboardPark, readDashboardFilters } from "~/admin/dashboard-forms";
import { FIGURES, figureTables, toCsv } from "~/admin/dashboard-tables";
import { requireAdminForResource } from "~/auth/admin-gate.server";
import { getSql } from "~/db/db.server";
import { quoteValue } from "~/domain/filter-notices";
import { opsText } from "~/i18n/admin-ops-messages";
import { lngFromUrl } from "~/i18n/lng";
import { listParkNames } from "~/inventory/inventory-read.server";

/**
 * GET /admin/dashboard/export?figure=funnel&from=&to=&park=: one dashboard figure as CSV (Excel opens it; UTF-8 with BOM).
 * 400 (text) for a missing figure or an unknown park.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminForResource(request);
  const filters = readDashboardFilters(new URL(request.url), defaultRange());
  const lng = lngFromUrl(request.url);
  if (!filters.figure) {
    // An address without a figure (or an unknown one): said in the admin's language, each figure with its title.
    const title = (f: (typeof FIGURES)[number]) => opsText(lng, `dashboard.${f}`);
    const choices = FIGURES.map((f) => (lng === "zh" ? `${f}（${title(f)}）` : `${f} (${title(f)})`)).join(lng === "zh" ? "、" : "; ");
    return new Response(`${opsText(lng, "dashboard.export.figure", { choices })}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const url = new URL(request.url);
  const parkIds = (await listParkNames(getSql())).map((p) => p.id);
  const checked = checkDashboardPark(url, filters.park, parkIds);
  if (checked.park === null && url.searchParams.getAll("park").some((x) => x.trim() !== "")) {
    // An unknown park exports no zeros: said in the admin's language (the dashboard's own links never carry one).
    const value = url.searchParams.getAll("park").at(-1)!;
    return new Response(`${opsText(lng, "dashboard.export.park", { value: quoteValue(value) })}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const figures = await loadDashboardFigures(getSql(), filters);
  const table = figureTables(lng, figures).find((f) => f.figure === filters.figure)!;
  return new Response(toCsv(table), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="parkmatch-${filters.figure}-${filters.from}-${filters.to}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
