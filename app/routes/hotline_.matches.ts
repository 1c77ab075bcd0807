import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";

import { checkCsrf, requireStaff } from "~/auth/session.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { previewMatches } from "~/hotline/desk.server";
import { lngFromUrl } from "~/i18n/lng";
import { getWebEnv } from "~/utils/env.server";

/**
 * POST /hotline/matches (the desk's phone-lead form, CSRF token included) → `{state, matches}`: the
 * matcher's dry run for the need typed so far (app/hotline/dry-run.server.ts); nothing is stored.
 * state: "hint" (no kind yet), "fix" (a need field is wrong), "unavailable", "done".
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request, ["hotline", "admin"]);
  const form = await request.formData();
  checkCsrf(user, form);
  const lng = lngFromUrl(request.url);
  const { payload } = parseWithZod(form, { schema: createLeadSchema(lng, "hotline"), disableAutoCoercion: true });
  return Response.json(await previewMatches(payload as never, lng, getWebEnv().SPACE_VERIFY_DAYS), {
    headers: { "Cache-Control": "no-store" },
  });
}
