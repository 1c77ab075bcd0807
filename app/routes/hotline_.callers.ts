import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";

import { checkCsrf, requireStaff } from "~/auth/session.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { lookUpCallerLeads } from "~/hotline/desk.server";
import { lngFromUrl } from "~/i18n/lng";

/**
 * POST /hotline/callers (the desk's form fields contact.phone, company.name, company.creditCode and its
 * CSRF token) → `{state, leads}`: the caller's existing leads as typed so far, phones masked. Posted, so
 * numbers stay out of URLs and access logs. Hotline staff and admins.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request, ["hotline", "admin"]);
  const form = await request.formData();
  checkCsrf(user, form);
  const { payload } = parseWithZod(form, { schema: createLeadSchema(lngFromUrl(request.url), "hotline"), disableAutoCoercion: true });
  return Response.json(await lookUpCallerLeads(payload as never), { headers: { "Cache-Control": "no-store" } });
}
