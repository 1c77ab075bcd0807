import { type HttpKey, httpText } from "~/i18n/http-messages";
import { lngFromRequest } from "~/i18n/lng";

// The one error shape of every /api/* answer (DESIGN.md "Public contract", ADR 025):
//
//   {"errors": {"<field>": ["message", …], …}}
//
// `<field>` is the dotted field name of the request (`contact.phone`, `retryMinutes`), a header name
// (`Idempotency-Key`) or `_form` for the request as a whole. Messages are in the client's language
// (`?lng=en` or Accept-Language, zh-CN otherwise). A route may add one detail member beside `errors`
// (the import's `rows`), never instead of it. The request gate answers with the same shape
// (app/http/refusal.server.tsx).

/** Field name → messages (at least one each). */
export type ApiErrors = Record<string, string[]>;

/** The field name for errors about the request as a whole. */
export const FORM_FIELD = "_form";

type Init = { headers?: HeadersInit; extra?: Record<string, unknown> };

/**
 * A JSON error answer: `status` (4xx/5xx) with `{errors, ...extra}`, `Cache-Control: no-store`.
 * `errors` must hold at least one field with at least one message (a test walks every /api route);
 * a message repeated within a field is sent once.
 */
export function apiErrors(status: number, errors: ApiErrors, init: Init = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Cache-Control", "no-store");
  // A message says a thing once per field, however many checks found it.
  const once = Object.fromEntries(Object.entries(errors).map(([field, messages]) => [field, [...new Set(messages)]]));
  return Response.json({ ...init.extra, errors: once }, { status, headers });
}

/**
 * One localised message from the HTTP dictionary (app/i18n/http-messages.ts) as an error answer:
 * `apiError(request, 404, "notFound")` → 404 `{errors: {_form: ["找不到该记录。"]}}`; `field` names the
 * field it is about, `params` fill the message's `{placeholders}`.
 */
export function apiError(
  request: Request,
  status: number,
  key: HttpKey,
  options: Init & { field?: string; params?: Record<string, string | number> } = {},
): Response {
  const message = httpText(lngFromRequest(request), key, options.params);
  return apiErrors(status, { [options.field ?? FORM_FIELD]: [message] }, options);
}

/**
 * 401 with `WWW-Authenticate: Bearer` (the API's callers are machines with the admin token). `tokenOnly`:
 * the route takes the token alone, so the message does not offer signing in (a signed-in admin was told to).
 */
export function apiUnauthorized(request: Request, tokenOnly = false): Response {
  return apiError(request, 401, tokenOnly ? "unauthorizedTokenOnly" : "unauthorized", {
    headers: { "WWW-Authenticate": 'Bearer realm="parkmatch"' },
  });
}
