import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { apiError } from "~/api/errors.server";
import { apiAdminRefusal } from "~/auth/api-access.server";
import { getSql } from "~/db/db.server";
import { uuidParams } from "~/domain/ids";
import { CALL_OUTCOMES, recordCallOutcome } from "~/hotline/call-tasks.server";
import { getWebEnv } from "~/utils/env.server";

export function loader({ request }: ActionFunctionArgs) {
  return apiError(request, 405, "postOnly", { headers: { Allow: "POST" } });
}

/**
 * POST /api/call-tasks/<id>/outcome {outcome: done | no-answer | wrong-number | refused (hand-overs), retryMinutes?} — for scripts;
 * people use /hotline. Bearer $ADMIN_API_TOKEN, or an admin's staff session with its token in X-CSRF-Token (ADR 021).
 * Errors in the one API shape (ADR 025): 400 `{errors: {outcome | retryMinutes | _form: […]}}`, 404, 409 (closed already).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const refused = await apiAdminRefusal(request, { stateChange: true });
  if (refused) return refused;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return apiError(request, 400, "json");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return apiError(request, 400, "jsonObject");
  const fields = body as { outcome?: unknown; retryMinutes?: unknown };
  const outcome = z.enum(CALL_OUTCOMES).safeParse(fields.outcome);
  if (!outcome.success) return apiError(request, 400, "callOutcome", { field: "outcome", params: { choices: CALL_OUTCOMES.join(" / ") } });
  const retry = z.coerce
    .number()
    .min(1)
    .max(7 * 24 * 60)
    .optional()
    .safeParse(fields.retryMinutes);
  if (!retry.success) return apiError(request, 400, "retryMinutes", { field: "retryMinutes" });
  const id = uuidParams.safeParse(params);
  if (!id.success) return apiError(request, 404, "notFound");
  // A refused hand-over re-routes the offer: its deadline counts on the same SLA clock as every other offer (ADR 028).
  const routing = { slaMinutes: getWebEnv().ACCEPT_SLA_MINUTES, slaClock: getWebEnv().SLA_CLOCK, noticeFallbackMs: 0 };
  const result = await recordCallOutcome(getSql(), id.data.id, outcome.data, { routing, retryMinutes: retry.data });
  if (result.ok) return Response.json(result);
  if (result.reason === "not-found") return apiError(request, 404, "notFound");
  if (result.reason === "not-a-handover") return apiError(request, 400, "notAHandover", { field: "outcome" });
  return apiError(request, 409, "callClosed");
}
