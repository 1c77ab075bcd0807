import type { ActionFunctionArgs } from "@remix-run/node";
import { getSql } from "~/db/db.server";
import { importInventory } from "~/inventory/import.server";
import { hasAdminToken } from "~/utils/admin-session.server";
import { errorMessage, log } from "~/utils/log.server";

const MAX_BODY_BYTES = 20 * 1024 * 1024;

export async function loader() {
  return Response.json({ error: "POST {parks, spaces, recruiters} to this address" }, { status: 405, headers: { Allow: "POST" } });
}

/** POST /api/import: upsert by id in one transaction; any bad row → 400 listing every bad row, nothing written. */
export async function action({ request }: ActionFunctionArgs) {
  if (!(await hasAdminToken(request))) return Response.json({ error: "unauthorized" }, { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="parkmatch"' } });
  if (!/^application\/(.+\+)?json\b/i.test(request.headers.get("content-type") ?? "")) {
    return Response.json({ error: "send Content-Type: application/json" }, { status: 415 });
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return Response.json({ error: "body too large (20 MB)" }, { status: 413 });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return Response.json({ error: "the body is not valid JSON", errors: [] }, { status: 400 });
  }
  try {
    const result = await importInventory(getSql(), body);
    if (!result.ok) return Response.json({ error: `${result.errors.length} bad row(s); nothing was imported`, errors: result.errors }, { status: 400 });
    return Response.json({ counts: result.counts });
  } catch (error) {
    log.error("import failed", { error: errorMessage(error) });
    return Response.json({ error: "import failed; nothing was imported" }, { status: 503 });
  }
}
