import { getStaffUser } from "~/auth/session.server";
import { errorMessage, log } from "~/utils/log.server";

/**
 * The CSRF token of the request's staff session for the page frame (the sign-out forms), or null
 * (ADR 021, ADR 025: one session mechanism). A database that is down costs the token, not the page.
 */
export async function sessionCsrfToken(request: Request): Promise<string | null> {
  return (await sessionStaff(request))?.csrf ?? null;
}

/**
 * The signed-in staff member for the page frame (their account's id — whose kept drafts these are, ADR
 * 083 —, the CSRF token, the desk), or null — also when the session cannot be read.
 */
export async function sessionStaff(request: Request): Promise<{ id: string; csrf: string; role: string } | null> {
  try {
    const user = await getStaffUser(request);
    return user ? { id: user.id, csrf: user.csrf, role: user.role } : null;
  } catch (error) {
    log.warn("staff session unreadable for the page frame", { error: errorMessage(error) });
    return null;
  }
}
