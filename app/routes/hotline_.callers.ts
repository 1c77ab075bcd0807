import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";

import { createLeadSchema } from "~/domain/lead-schema";
import { lookUpCallerLeads } from "~/hotline/desk.server";
import { fetcherAccess } from "~/http/fetcher-access.server";
import { lngFromUrl } from "~/i18n/lng";

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
  const { payload } = parseWithZod(form, { schema: createLeadSchema(lngFromUrl(request.url), "hotline"), disableAutoCoercion: true });
  return Response.json(await lookUpCallerLeads(payload as never), { headers: { "Cache-Control": "no-store" } });
}
