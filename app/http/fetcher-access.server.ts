import { getStaffUser, isSessionCsrf, type StaffRole, type StaffUser } from "~/auth/session.server";
import { httpText } from "~/i18n/http-messages";
import { lngFromUrl } from "~/i18n/lng";
import { consume, deskLookupLimit } from "~/utils/rate-limit.server";

import { CSRF_FIELD } from "./action-form.server";

/**
 * Why a fetcher's post (a desk's live panel: the caller lookup, the match preview) was not answered,
 * as the JSON it gets instead: `signedOut` (401: no session), `forbidden` (403: another role), `stale`
 * (403: the page's CSRF token is not the session's — the person signed in again in another tab). With
 * `stale`, `csrf` is the session's token: the page takes it for its next posts (the answer is
 * readable by this site's pages only, like the desk that hands the token out on every load).
 */
export type FetcherRefusal = { state: "signedOut" | "forbidden" | "stale"; csrf?: string };

/**
 * The door of a route that only fetchers call. A thrown 403 or a redirect to /login would take the
 * whole page with it (a fetcher's thrown error goes to the error boundary, a redirect navigates away,
 * and what was typed is lost), so the refusal is *returned* as `{state}` with its 4xx, for the panel
 * to show beside the form. Reads the form once. Returns `{user, form}` to go on, or `{refusal}` to return.
 *
 * `budget` names the lookup whose rate budget the account spends (deskLookupLimit, docs/decisions/167): past it,
 * before any work, a 429 with Retry-After in the API's error shape `{errors: {_form: ["…"]}}`, in the language
 * the lookup asked in (`?lng=`) — the shape the desk's panels read and show, asking again after Retry-After
 * (app/components/desk-lookup.ts, ADR 163). Counted after the role check: only a signed-in desk spends it.
 */
export async function fetcherAccess(
  request: Request,
  roles: StaffRole[],
  budget?: "callers" | "matches",
): Promise<{ user: StaffUser; form: FormData; refusal?: undefined } | { refusal: Response }> {
  const headers = { "Cache-Control": "no-store" };
  const user = await getStaffUser(request);
  if (!user) return { refusal: Response.json({ state: "signedOut" } satisfies FetcherRefusal, { status: 401, headers }) };
  if (!roles.includes(user.role))
    return { refusal: Response.json({ state: "forbidden" } satisfies FetcherRefusal, { status: 403, headers }) };
  if (budget) {
    const limit = deskLookupLimit(budget);
    const spent = await consume(limit, user.id);
    if (!spent.ok) {
      const message = httpText(lngFromUrl(request.url), "lookupRateLimited", { max: limit.points });
      return {
        refusal: Response.json(
          { errors: { _form: [message] } },
          { status: 429, headers: { ...headers, "Retry-After": String(spent.retryAfterSec) } },
        ),
      };
    }
  }
  const form = await request.formData();
  if (!isSessionCsrf(user, form.get(CSRF_FIELD))) {
    return { refusal: Response.json({ state: "stale", csrf: user.csrf } satisfies FetcherRefusal, { status: 403, headers }) };
  }
  return { user, form };
}
