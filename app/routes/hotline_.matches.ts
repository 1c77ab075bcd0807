import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";

import { leadSchema } from "~/domain/lead-schema";
import { previewMatches } from "~/hotline/desk.server";
import { fetcherAccess } from "~/http/fetcher-access.server";
import { lngFromUrl } from "~/i18n/lng";
import { getWebEnv } from "~/utils/env.server";

/**
 * POST /hotline/matches (the desk's phone-lead form, CSRF token included) → `{state, matches}`: the
 * matcher's dry run for the need typed so far (app/hotline/dry-run.server.ts); nothing is stored.
 * state: "hint" (no kind yet), "fix" (a need field is wrong), "unavailable", "done"; refused: a FetcherRefusal
 * (app/http/fetcher-access.server.ts) with 401/403; past the account's lookup budget a 429 with Retry-After (ADR 167).
 */
export async function action({ request }: ActionFunctionArgs) {
  // Refusals are answered, not thrown: the desk shows them in the panel and keeps what was typed.
  const access = await fetcherAccess(request, ["hotline", "admin"], "matches");
  if (access.refusal) return access.refusal;
  const { form } = access;
  const lng = lngFromUrl(request.url);
  const { payload } = parseWithZod(form, { schema: leadSchema(lng, "hotline"), disableAutoCoercion: true });
  return Response.json(await previewMatches(payload as never, lng, getWebEnv().SPACE_VERIFY_DAYS), {
    headers: { "Cache-Control": "no-store" },
  });
}
