import type { LoaderFunctionArgs } from "@remix-run/node";

import { hasAdminSession, hasAdminToken } from "~/auth/admin-session.server";
import { getStaffUser } from "~/auth/staff-session.server";
import { getSql } from "~/db/db.server";
import { getLeadView } from "~/leads/lead-view.server";
import { recordPhoneViews, staffActor } from "~/privacy/access-log.server";

/** GET /api/leads/<id>: the lead, its status, matches and assignments. Bearer $ADMIN_API_TOKEN or a staff (admin) session. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  // A staff account with the admin role counts as an admin session (ADR 014).
  if (!(await hasAdminToken(request)) && !(await hasAdminSession(request)) && (await getStaffUser(request))?.role !== "admin") {
    return Response.json({ error: "unauthorized" }, { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="parkmatch"' } });
  }
  const view = await getLeadView(getSql(), params.id ?? "");
  if (!view) return Response.json({ error: "not found" }, { status: 404 });
  await recordPhoneViews(getSql(), await staffActor(request), "api-lead", [{ leadId: view.id, reference: view.reference }]);
  return Response.json(view, { headers: { "Cache-Control": "no-store" } });
}
