import { adminCsrfToken } from "~/auth/admin-session.server";
import { getStaffUser } from "~/auth/staff-session.server";
import { errorMessage, log } from "~/utils/log.server";

/**
 * The CSRF token of the request's cookie session for the page frame (the sign-out forms), or null:
 * the admin session's first, else the staff session's (ADR 021). A database that is down costs the
 * token, not the page.
 */
export async function sessionCsrfToken(request: Request): Promise<string | null> {
  const admin = await adminCsrfToken(request);
  if (admin) return admin;
  try {
    return (await getStaffUser(request))?.csrf ?? null;
  } catch (error) {
    log.warn("staff session unreadable for the page frame", { error: errorMessage(error) });
    return null;
  }
}
