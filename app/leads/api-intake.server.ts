import { type ApiErrors, FORM_FIELD } from "~/api/errors.server";
import { getSql } from "~/db/db.server";
import { issuesToFieldErrors, leadSchema } from "~/domain/lead-schema";
import { httpText } from "~/i18n/http-messages";
import { type Lng, lngFrom } from "~/i18n/lng";
import { type ValidationKey, validationMessage } from "~/i18n/validation-messages";
import { leadHash, storeLead } from "~/leads/intake.server";
import { getWebEnv } from "~/utils/env.server";
import { errorMessage, log } from "~/utils/log.server";
import { intakeGuard } from "~/utils/overload.server";
import { consume, intakeLimit } from "~/utils/rate-limit.server";

/** An answer of `POST /api/leads`: the status, the JSON body and extra headers. */
export type ApiAnswer = { status: number; body: unknown; headers?: Record<string, string> };

/** An error answer in the API's one error shape (app/api/errors.server.ts, ADR 025): `{errors}`, not cached. */
function fail(status: number, errors: ApiErrors, headers?: Record<string, string>): ApiAnswer {
  return { status, body: { errors }, headers: { ...headers, "Cache-Control": "no-store" } };
}

/**
 * `POST /api/leads` (DESIGN.md, Public contract): a JSON lead → 201 `{id, reference}`; 400 with field
 * errors; 409 when an `Idempotency-Key` is reused with another body (a replay with the same body gets
 * the first answer); 429 over the rate limit; 503 with Retry-After when the process is overloaded
 * (refused before any work, app/utils/overload.server.ts) or the lead could not be stored. A 201 is
 * only answered after the lead's transaction committed.
 * Messages in zh-CN, or English by `?lng=en` / Accept-Language. Both the Remix route
 * (app/routes/api.leads.ts) and the web server's direct route (app/http/api-leads.server.ts) answer
 * through this one function. `body` is the request body as text; `clientIp` keys the rate limit.
 */
export async function acceptApiLead(input: {
  method: string;
  url: string;
  acceptLanguage: string | null;
  idempotencyKey: string | null;
  body: () => Promise<string>;
  /** The body already parsed by the request gate (app/http/request-gate.server.ts): `body` is then not read. */
  parsedBody?: { value: unknown };
  clientIp: string;
}): Promise<ApiAnswer> {
  const lng = lngFrom(input.url, input.acceptLanguage);
  const msg = (key: ValidationKey, params?: Record<string, string | number>) => [validationMessage(lng, key, params)];

  if (input.method !== "POST") return fail(405, { [FORM_FIELD]: [httpText(lng, "postOnly")] }, { Allow: "POST" });
  // Overloaded: refuse before spending anything on the request (no Redis call, no parse, no write).
  const admission = intakeGuard().admit();
  if (!admission.ok) return overloadedAnswer(lng, admission.retryAfterSec);
  try {
    return await acceptAdmitted(input, lng, msg);
  } finally {
    admission.release();
  }
}

/** The 503 of an overloaded intake (app/utils/overload.server.ts), in the person's language, with Retry-After. */
export function overloadedAnswer(lng: Lng, retryAfterSec: number): ApiAnswer {
  return fail(503, { _form: [validationMessage(lng, "overloaded")] }, { "Retry-After": String(retryAfterSec) });
}

async function acceptAdmitted(
  input: Parameters<typeof acceptApiLead>[0],
  lng: ReturnType<typeof lngFrom>,
  msg: (key: ValidationKey, params?: Record<string, string | number>) => string[],
): Promise<ApiAnswer> {
  const limited = await consume(intakeLimit(), input.clientIp);
  if (!limited.ok) return fail(429, { _form: msg("rateLimited") }, { "Retry-After": String(limited.retryAfterSec) });
  // Content type, size (64 KB), encoding, nesting and unstorable characters were checked by the
  // request gate before this route (app/http/request-gate.server.ts, ADR 021).
  const key = input.idempotencyKey;
  if (key !== null && !/^[\x21-\x7e]{1,200}$/.test(key)) return fail(400, { "Idempotency-Key": msg("idempotencyKey") });

  let body: unknown;
  try {
    body = input.parsedBody ? input.parsedBody.value : JSON.parse(await input.body());
  } catch {
    return fail(400, { _form: msg("json") });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return fail(400, { _form: msg("jsonObject") });

  const parsed = leadSchema(lng, "api").safeParse(body);
  if (!parsed.success) return fail(400, issuesToFieldErrors(parsed.error));

  // Over the parsed lead, not the body's bytes or key order (leadHash): the same lead replayed is the same lead —
  // read in zh-CN whatever the request's language, as a lead carries words of it (a WeChat that is the phone is
  // stored as "同手机号" or "same as the phone number"): a replay with another Accept-Language is the same body (ADR 178).
  const requestHash = leadHash(lng === "zh" ? parsed.data : (leadSchema("zh", "api").safeParse(body).data ?? parsed.data));
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
    // A likely repeat also names the lead it repeats, the one staff work (additive, ADR 108).
    const repeat = stored.repeatOf ? { repeatOf: stored.repeatOf } : {};
    return { status: 201, body: { id: stored.id, reference: stored.reference, ...repeat } };
  } catch (error) {
    log.error("lead intake failed", { source: "api", error: errorMessage(error) });
    return fail(503, { _form: msg("unavailable", { hotline: getWebEnv().HOTLINE_PHONE }) }, { "Retry-After": "30" });
  }
}
