import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

import { getSql } from "~/db/db.server";
import { createLeadSchema, issuesToFieldErrors } from "~/domain/lead-schema";
import { apiError, type ApiErrors, apiErrors } from "~/http/api-errors.server";
import { lngFromRequest } from "~/i18n/lng";
import { type ValidationKey, validationMessage } from "~/i18n/validation-messages";
import { hashRequest, storeLead } from "~/leads/intake.server";
import { getWebEnv } from "~/utils/env.server";
import { errorMessage, log } from "~/utils/log.server";
import { clientKey, consume, intakeLimit } from "~/utils/rate-limit.server";

const fail = (status: number, errors: ApiErrors, headers?: HeadersInit) => apiErrors(status, errors, { headers });

export function loader({ request }: LoaderFunctionArgs) {
  return apiError(request, 405, "postOnly", { headers: { Allow: "POST" } });
}

/** POST /api/leads: JSON lead → 201 {id, reference}; Idempotency-Key replays get the first answer. */
export async function action({ request, context }: ActionFunctionArgs) {
  const lng = lngFromRequest(request);
  const env = getWebEnv();
  const msg = (key: ValidationKey, params?: Record<string, string | number>) => [validationMessage(lng, key, params)];

  if (request.method !== "POST") return apiError(request, 405, "postOnly", { headers: { Allow: "POST" } });
  const limited = await consume(intakeLimit("api-leads"), clientKey(context));
  if (!limited.ok) return fail(429, { _form: msg("rateLimited") }, { "Retry-After": String(limited.retryAfterSec) });
  // Content type, size (64 KB), encoding, nesting and unstorable characters were checked by the
  // request gate before this route (app/http/request-gate.server.ts, ADR 021).
  const key = request.headers.get("idempotency-key");
  if (key !== null && !/^[\x21-\x7e]{1,200}$/.test(key)) return fail(400, { "Idempotency-Key": msg("idempotencyKey") });

  const text = await request.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail(400, { _form: msg("json") });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return fail(400, { _form: msg("jsonObject") });

  const parsed = createLeadSchema(lng, "api").safeParse(body);
  if (!parsed.success) return fail(400, issuesToFieldErrors(parsed.error));

  const requestHash = hashRequest(body);
  try {
    const stored = await storeLead(getSql(), {
      ...parsed.data,
      raw: body,
      source: "api",
      lng,
      submissionKey: key ? `api:${key}` : null,
      requestHash,
    });
    if (!stored.created && stored.requestHash !== requestHash) return fail(409, { "Idempotency-Key": msg("idempotencyConflict") });
    return Response.json({ id: stored.id, reference: stored.reference }, { status: 201 });
  } catch (error) {
    log.error("lead intake failed", { source: "api", error: errorMessage(error) });
    return fail(503, { _form: msg("unavailable", { hotline: env.HOTLINE_PHONE }) }, { "Retry-After": "30" });
  }
}
