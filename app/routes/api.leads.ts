import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { apiError } from "~/api/errors.server";
import { acceptApiLead } from "~/leads/api-intake.server";
import { clientKey } from "~/utils/rate-limit.server";

// POST /api/leads. The web server answers it directly (app/http/api-leads.server.ts, through the same
// acceptApiLead) without going through Remix; this route answers when the app runs elsewhere.

export function loader({ request }: LoaderFunctionArgs) {
  return apiError(request, 405, "postOnly", { headers: { Allow: "POST" } });
}

/** POST /api/leads: JSON lead → 201 {id, reference}; Idempotency-Key replays get the first answer (acceptApiLead). */
export async function action({ request, context }: ActionFunctionArgs) {
  const answer = await acceptApiLead({
    method: request.method,
    url: request.url,
    acceptLanguage: request.headers.get("accept-language"),
    idempotencyKey: request.headers.get("idempotency-key"),
    body: () => request.text(),
    clientIp: clientKey(context),
  });
  return Response.json(answer.body, { status: answer.status, headers: answer.headers });
}
