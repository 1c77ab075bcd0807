import { getStaffUser } from "~/auth/session.server";
import { errorMessage, log } from "~/utils/log.server";

/**
 * The CSRF token of the request's staff session for the page frame (the sign-out forms), or null
 * (ADR 021, ADR 025: one session mechanism). A database that is down costs the token, not the page.
 */
export async function sessionCsrfToken(request: Request): Promise<string | null> {
  try {
    return (await getStaffUser(request))?.csrf ?? null;
  } catch (error) {
    log.warn("staff session unreadable for the page frame", { error: errorMessage(error) });
    return null;
  }
}
