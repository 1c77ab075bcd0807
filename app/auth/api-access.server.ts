import { apiError, apiUnauthorized } from "~/api/errors.server";

import { hasAdminToken } from "./admin-token.server";
import { getStaffUser } from "./session.server";

/**
 * Who may call an admin /api route: a machine with `Authorization: Bearer $ADMIN_API_TOKEN`, or a
 * browser with a signed-in admin's staff session (ADR 025). A state-changing call on a cookie also
 * needs the session's CSRF token in `X-CSRF-Token` (ADR 021); bearer calls need neither.
 *
 * Returns null when the caller may go on, else the error answer to return as is: 401 (nobody signed
 * in, no token), 403 "forbidden" (signed in without the admin role: told so, not asked to sign in),
 * 403 (CSRF token missing or wrong), 429 (admin-token guessing budget spent, thrown by `hasAdminToken`).
 */
export async function apiAdminRefusal(request: Request, options: { stateChange: boolean }): Promise<Response | null> {
  if (await hasAdminToken(request)) return null;
  const user = await getStaffUser(request);
  if (!user) return apiUnauthorized(request);
  if (user.role !== "admin") return apiError(request, 403, "forbidden");
  if (options.stateChange && request.headers.get("x-csrf-token") !== user.csrf) return apiError(request, 403, "csrf");
  return null;
}
