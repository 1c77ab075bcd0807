import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireAdminForResource } from "~/auth/admin-gate.server";
import { inventoryText } from "~/i18n/inventory-messages";
import { lngFromUrl } from "~/i18n/lng";
import { templateWorkbook } from "~/inventory/excel/write-workbook.server";
import { xlsxResponse } from "~/utils/xlsx.server";

/** GET /admin/import-template: the import template (one example row per sheet, a 说明 sheet of columns and allowed values). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminForResource(request);
  return xlsxResponse(
    await templateWorkbook(),
    inventoryText(lngFromUrl(request.url), "file.template"),
    inventoryText("en", "file.template"),
  );
}
