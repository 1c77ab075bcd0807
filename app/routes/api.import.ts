import type { ActionFunctionArgs } from "@remix-run/node";

import { hasAdminToken } from "~/auth/admin-session.server";
import { getSql } from "~/db/db.server";
import { importInventory } from "~/inventory/import.server";
import { errorMessage, log } from "~/utils/log.server";

export async function loader() {
  return Response.json({ error: "POST {parks, spaces, recruiters} to this address" }, { status: 405, headers: { Allow: "POST" } });
}

/** POST /api/import: upsert by id in one transaction; any bad row → 400 listing every bad row, nothing written. */
export async function action({ request }: ActionFunctionArgs) {
  if (!(await hasAdminToken(request)))
    return Response.json({ error: "unauthorized" }, { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="parkmatch"' } });
  // Content type, size (20 MB with the token), encoding, nesting and unstorable characters: checked by
  // the request gate (app/http/request-gate.server.ts, ADR 021).
  const text = await request.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return Response.json({ error: "the body is not valid JSON", errors: [] }, { status: 400 });
  }
  try {
    const result = await importInventory(getSql(), body);
    if (!result.ok)
      return Response.json({ error: `${result.errors.length} bad row(s); nothing was imported`, errors: result.errors }, { status: 400 });
    return Response.json({ counts: result.counts });
  } catch (error) {
    log.error("import failed", { error: errorMessage(error) });
    return Response.json({ error: "import failed; nothing was imported" }, { status: 503 });
  }
}
