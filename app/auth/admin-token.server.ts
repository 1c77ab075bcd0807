import { createHmac, timingSafeEqual } from "node:crypto";

import { apiError } from "~/api/errors.server";
import { getWebEnv } from "~/utils/env.server";
import { authLimits, consume, giveBack } from "~/utils/rate-limit.server";

// The admin token is for machines only (ADR 025, superseding the token sign-in page of ADR 008):
// `Authorization: Bearer $ADMIN_API_TOKEN` on /api/*, /metrics and, for scripts, the admin pages.
// People sign in at /login with a staff account.

function hmac(key: string, value: string): Buffer {
  return createHmac("sha256", key).update(value).digest();
}

/** Constant time whatever the input's length: both sides are hashed to the same size first. */
export function isAdminToken(given: string): boolean {
  const key = "parkmatch admin token compare";
  return timingSafeEqual(hmac(key, given), hmac(key, getWebEnv().ADMIN_API_TOKEN));
}

/**
 * Checks a guess at the admin token against the shared budget of wrong guesses (ADR 020), counting
 * it before comparing, so parallel guesses cannot all slip through one check: "ok", "wrong", or
 * `{retryAfterSec}` while the budget is spent (then even the right token is refused).
 */
export async function checkAdminTokenGuess(given: string): Promise<"ok" | "wrong" | { retryAfterSec: number }> {
  const failures = authLimits().adminTokenFailures;
  const gate = await consume(failures, "token");
  if (!gate.ok) return { retryAfterSec: gate.retryAfterSec };
  if (!isAdminToken(given)) return "wrong";
  await giveBack(failures, "token");
  return "ok";
}

/**
 * Authorization: Bearer $ADMIN_API_TOKEN (compared in constant time). A request without the header
 * is simply not an admin; one with a token counts against the guessing budget, and while that is
 * spent this throws a 429 in the API's error shape with Retry-After (loaders and actions answer it as is).
 */
export async function hasAdminToken(request: Request): Promise<boolean> {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "");
  if (!match) return false;
  const verdict = await checkAdminTokenGuess(match[1].trim());
  if (typeof verdict === "object")
    throw apiError(request, 429, "tooManyTokens", {
      params: { seconds: verdict.retryAfterSec },
      headers: { "Retry-After": String(verdict.retryAfterSec) },
    });
  return verdict === "ok";
}
