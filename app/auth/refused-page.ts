/**
 * A resource route (a loader or action answering a file or JSON, no page of its own) cannot render the
 * 403 page an admin page gives a signed-in person of another role: the framework answers a thrown
 * refusal there with a bare `{"message":"Unexpected Server Error"}`. Such a route throws a 403 carrying
 * this header instead, naming the page whose refusal to show (the route's parent page, `?lng=` kept);
 * the web layer (remix-handler.server.ts) answers with that page, rendered for the same person: the
 * same 403 page, in their language, as every admin page.
 */
export const REFUSED_PAGE_HEADER = "X-Parkmatch-Refused-Page";

/** The page a refused resource request shows instead: its parent path (`/admin/leads/export` → `/admin/leads`) with `lng` if given. */
export function refusedPagePath(url: string): string {
  const u = new URL(url);
  const path = u.pathname.replace(/\/+$/, "").replace(/\/[^/]*$/, "") || "/";
  const lng = u.searchParams.get("lng");
  return lng ? `${path}?${new URLSearchParams({ lng })}` : path;
}

/**
 * A resource route's refusal in the web layer's words (the page of app/http/refusal.server.tsx, in the person's
 * language), for a refusal other than a role's: the key of app/i18n/http-messages.ts to say, on a thrown or returned
 * 4xx/5xx (remix-handler.server.ts). A `Retry-After` on the response is kept.
 */
export const REFUSAL_KEY_HEADER = "X-Parkmatch-Refusal";
