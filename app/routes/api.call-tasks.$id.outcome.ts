import type { ActionFunctionArgs } from "@remix-run/node";

import { hasAdminSession, hasAdminToken, isAdminCsrf } from "~/auth/admin-session.server";
import { getStaffUser } from "~/auth/staff-session.server";
import { getSql } from "~/db/db.server";
import { CALL_OUTCOMES, type CallOutcome, recordCallOutcome } from "~/hotline/call-tasks.server";
import { httpText } from "~/i18n/http-messages";
import { lngFromRequest } from "~/i18n/lng";
import { getWebEnv } from "~/utils/env.server";

/**
 * POST /api/call-tasks/<id>/outcome {outcome: done | no-answer | wrong-number | refused (hand-overs), retryMinutes?} — for scripts;
 * people use /hotline. Bearer $ADMIN_API_TOKEN, or an admin session cookie with its token in X-CSRF-Token (ADR 021).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  if (!(await hasAdminToken(request))) {
    const staff = await getStaffUser(request); // a staff account with the admin role counts as an admin session (ADR 014)
    const staffAdmin = staff?.role === "admin" && !(await hasAdminSession(request)) ? staff : null;
    if (!staffAdmin && !(await hasAdminSession(request))) return Response.json({ error: "unauthorized" }, { status: 401 });
    const sent = request.headers.get("x-csrf-token");
    if (staffAdmin ? sent !== staffAdmin.csrf : !(await isAdminCsrf(request, sent))) {
      return Response.json({ errors: { _form: [httpText(lngFromRequest(request), "csrf")] } }, { status: 403 });
    }
  }
  let body: { outcome?: unknown; retryMinutes?: unknown };
  try {
    body = await request.json();
  } catch {
    return Response.json({ errors: { _form: ["请求体不是有效的 JSON"] } }, { status: 400 });
  }
  if (!CALL_OUTCOMES.includes(body?.outcome as CallOutcome)) {
    return Response.json({ errors: { outcome: [`应为 ${CALL_OUTCOMES.join(" / ")}`] } }, { status: 400 });
  }
  const retry = body.retryMinutes === undefined ? undefined : Number(body.retryMinutes);
  if (retry !== undefined && !(Number.isFinite(retry) && retry >= 1 && retry <= 7 * 24 * 60)) {
    return Response.json({ errors: { retryMinutes: ["应为 1 到 10080 之间的分钟数"] } }, { status: 400 });
  }
  if (!/^[0-9a-f-]{36}$/i.test(params.id ?? "")) return Response.json({ error: "not found" }, { status: 404 });
  const routing = { slaMinutes: getWebEnv().ACCEPT_SLA_MINUTES, slaClock: getWebEnv().SLA_CLOCK, noticeFallbackMs: 0 };
  const result = await recordCallOutcome(getSql(), params.id!, body.outcome as CallOutcome, { routing, retryMinutes: retry });
  if (!result.ok)
    return Response.json(
      { error: result.reason },
      { status: result.reason === "not-found" ? 404 : result.reason === "not-a-handover" ? 400 : 409 },
    );
  return Response.json(result);
}
