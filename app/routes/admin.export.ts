import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireAdminForResource } from "~/auth/admin-gate.server";
import { getSql } from "~/db/db.server";
import { exportBusyResponse, inExportSlot } from "~/http/export-slot.server";
import { inventoryText } from "~/i18n/inventory-messages";
import { lngFromUrl } from "~/i18n/lng";
import { inventoryWorkbook } from "~/inventory/excel/write-workbook.server";
import { loadInventory } from "~/inventory/inventory-rows.server";
import { xlsxResponse } from "~/utils/xlsx.server";

/** GET /admin/export: parks, spaces and recruiters as an .xlsx that /admin/import reads back to the same state. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminForResource(request);
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, "");
  const bytes = await inExportSlot(async () => inventoryWorkbook(await loadInventory(getSql())));
  if (bytes === "busy") return exportBusyResponse();
  return xlsxResponse(bytes, inventoryText(lngFromUrl(request.url), "file.export", { day }), inventoryText("en", "file.export", { day }));
}
