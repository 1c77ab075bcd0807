import type { LoaderFunctionArgs } from "@remix-run/node";

import { leadsWorkbook } from "~/admin/lead-export.server";
import { readLeadListQuery } from "~/admin/lead-forms";
import { leadSearchClient } from "~/admin/lead-list.server";
import { requireAdminForResource } from "~/auth/admin-gate.server";
import { getSql } from "~/db/db.server";
import { exportBusyResponse, inExportSlot } from "~/http/export-slot.server";
import { opsText } from "~/i18n/admin-ops-messages";
import { lngFromUrl } from "~/i18n/lng";
import { listParkNames } from "~/inventory/inventory-read.server";
import { xlsxResponse } from "~/utils/xlsx.server";

/**
 * GET /admin/leads/export?<the list's filters>: every lead the filters select as an .xlsx (Chinese
 * headers; `lng=en` for English), with a sheet naming the filters. Admins only.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminForResource(request);
  const url = new URL(request.url);
  const lng = lngFromUrl(request.url);
  const sql = getSql();
  const parks = await listParkNames(sql);
  // The list's own reading of the address (a park that is none is dropped there too, not an empty file).
  const { filters } = readLeadListQuery(
    url,
    parks.map((p) => p.id),
  );
  const bytes = await inExportSlot(() => leadsWorkbook(sql, leadSearchClient(), filters, lng, parks));
  if (bytes === "busy") return exportBusyResponse();
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, "");
  return xlsxResponse(bytes, `${opsText(lng, "leads.xlsx.file")}-${day}.xlsx`, `${opsText("en", "leads.xlsx.file")}-${day}.xlsx`);
}
