import type { ActionFunctionArgs } from "@remix-run/node";

import { callerBoxes, lookUpCallerLeads } from "~/hotline/desk.server";
import { fetcherAccess } from "~/http/fetcher-access.server";

/**
 * POST /hotline/callers (the desk's form fields contact.phone, company.name, company.creditCode,
 * contact.name and its CSRF token) → `{state, leads, more?}`: the caller's existing leads matching all
 * that is typed so far, phones masked, and how many more match than are listed (ADR 088). Posted, so
 * numbers stay out of URLs and access logs. Hotline staff and admins; anyone else gets a FetcherRefusal
 * (app/http/fetcher-access.server.ts) with 401/403; past the account's lookup budget a 429 with Retry-After (ADR 167).
 */
export async function action({ request }: ActionFunctionArgs) {
  // Refusals are answered, not thrown: the desk shows them in the panel and keeps what was typed.
  const access = await fetcherAccess(request, ["hotline", "admin"], "callers");
  if (access.refusal) return access.refusal;
  const { form } = access;
  // The four boxes only: the whole lead schema is not built for them (callerBoxes).
  return Response.json(await lookUpCallerLeads(callerBoxes(form)), { headers: { "Cache-Control": "no-store" } });
}
