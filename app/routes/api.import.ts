import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { apiError, apiErrors, apiUnauthorized } from "~/api/errors.server";
import { hasAdminToken } from "~/auth/admin-token.server";
import { getSql } from "~/db/db.server";
import type { WebLoadContext } from "~/http/load-context";
import { httpText } from "~/i18n/http-messages";
import { lngFromRequest } from "~/i18n/lng";
import { MAX_IMPORT_ROWS } from "~/inventory/excel/read-workbook.server";
import { importInventory, type ImportRowError } from "~/inventory/import.server";
import { IMPORT_BUSY, importGate } from "~/inventory/import-gate.server";
import { uncoveredParksText } from "~/inventory/uncovered-parks.server";
import { errorMessage, log } from "~/utils/log.server";

export function loader({ request }: LoaderFunctionArgs) {
  return apiError(request, 405, "postOnly", { headers: { Allow: "POST" } });
}

/** `spaces[57]` → the row's messages; a whole-file problem is about `_form`, after the count of bad rows. */
function rowErrors(request: Request, rows: ImportRowError[]): Record<string, string[]> {
  const count = rows.filter((r) => r.collection !== "file").length;
  const errors: Record<string, string[]> = { _form: count ? [httpText(lngFromRequest(request), "importRows", { count })] : [] };
  for (const row of rows) {
    const field = row.collection === "file" ? "_form" : `${row.collection}[${row.index}]`;
    errors[field] = [...(errors[field] ?? []), ...row.errors];
  }
  return errors;
}

/**
 * POST /api/import: upsert by id in one transaction → 200 `{counts}`, with `uncoveredParks: [{id, name}]` and
 * `warnings: ["…"]` (the caller's language) when parks are left that no working recruiter covers (their leads
 * go to the admins' unassigned queue), and `readAs: [{collection, index, id, notes: ["industries: …“锂电池” → C38 …"]}]`
 * when words were read as something else (an industry word's code, "约五千" → 5000; the caller's language); any bad row → 400 in the API's error shape
 * (ADR 025) `{errors: {"spaces[57]": ["areaSqm: …"], _form: ["1 bad row(s)…"]}, rows: [{collection,
 * index, id, errors}]}` — `rows` lists every bad row for scripts — and nothing written.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (!(await hasAdminToken(request))) return apiUnauthorized(request, true);
  // Content type, size (20 MB with the token), encoding, nesting and unstorable characters: checked by
  // the request gate (app/http/request-gate.server.ts, ADR 021), which parsed it: not parsed a second
  // time (20 MB of JSON is a parse of ~50 ms holding the event loop, docs/decisions/120).
  const parsed = (context as Partial<WebLoadContext>).json;
  let body: unknown;
  try {
    body = parsed ? parsed.value : JSON.parse(await request.text());
  } catch {
    return apiError(request, 400, "json");
  }
  // The Excel upload's bound holds for JSON too: one import is one transaction, and every space in it
  // is matched against the open leads afterwards (an attack's 60,000 spaces held new leads back for minutes).
  const rows = importRowCount(body);
  if (rows > MAX_IMPORT_ROWS) return apiError(request, 413, "importTooMany", { params: { rows, max: MAX_IMPORT_ROWS } });
  try {
    // One import at a time in this process (app/inventory/import-gate.server.ts), the workbook uploads' turns included.
    const result = await importGate.run(() => importInventory(getSql(), body, lngFromRequest(request))); // the rows' messages in the caller's language
    if (result === IMPORT_BUSY) return apiError(request, 429, "importBusy", { headers: { "Retry-After": "60" } });
    if (!result.ok) return apiErrors(400, rowErrors(request, result.errors), { extra: { rows: result.errors } });
    // Parks that no working recruiter covers now: their leads go to the admins' unassigned queue (said, not refused).
    const uncovered = result.uncovered ?? [];
    return Response.json({
      counts: result.counts,
      ...(uncovered.length ? { uncoveredParks: uncovered, warnings: [uncoveredParksText(lngFromRequest(request), uncovered)] } : {}),
      // What words were read as (an industry word's code, a figure's "约"), as the Excel preview says them (docs/decisions/169).
      ...(result.notes?.length ? { readAs: result.notes } : {}),
    });
  } catch (error) {
    log.error("import failed", { error: errorMessage(error) });
    return apiError(request, 503, "importFailed");
  }
}

/** The rows of a JSON import body: its parks, spaces and recruiters (0 for a body of another shape: the import says why). */
function importRowCount(body: unknown): number {
  if (typeof body !== "object" || body === null) return 0;
  const b = body as Record<string, unknown>;
  return ["parks", "spaces", "recruiters"].reduce((n, k) => n + (Array.isArray(b[k]) ? (b[k] as unknown[]).length : 0), 0);
}
