import type { LoaderFunctionArgs } from "@remix-run/node";

import { apiError } from "~/api/errors.server";
import { apiAdminRefusal } from "~/auth/api-access.server";
import { getSql } from "~/db/db.server";
import { getLeadView, leadIdOf } from "~/leads/lead-view.server";
import { recordPhoneViews, staffActor } from "~/privacy/access-log.server";

/** GET /api/leads/<id>: the lead, its status, matches and assignments; <id> is its id or its reference (PM-…). Bearer $ADMIN_API_TOKEN or an admin's staff session. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const refused = await apiAdminRefusal(request, { stateChange: false });
  if (refused) return refused;
  const id = await leadIdOf(getSql(), params.id ?? "");
  const view = id ? await getLeadView(getSql(), id) : null;
  if (!view) return apiError(request, 404, "notFound");
  await recordPhoneViews(getSql(), await staffActor(request), "api-lead", [{ leadId: view.id, reference: view.reference }]);
  return Response.json(view, { headers: { "Cache-Control": "no-store" } });
}
