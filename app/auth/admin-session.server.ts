import { createHmac, timingSafeEqual } from "node:crypto";

import { createCookieSessionStorage, redirect, type SessionStorage } from "@remix-run/node";

import { getStaffUser } from "~/auth/staff-session.server";
import { getWebEnv } from "~/utils/env.server";
import { authLimits, consume, giveBack } from "~/utils/rate-limit.server";
import { singleton } from "~/utils/singleton.server";

// Admin access before staff accounts (docs/decisions/008): whoever knows ADMIN_API_TOKEN is an admin.
// Pages accept a signed session cookie (set by /admin/login) or the API's Bearer header.

export const ADMIN_COOKIE = "pm_admin";
/** A session lasts one working day; the signed cookie carries its start, checked on every request. */
export const ADMIN_SESSION_SECONDS = 12 * 60 * 60;

type AdminSessionData = { admin: true; signedInAt: number };

function hmac(key: string, value: string): Buffer {
  return createHmac("sha256", key).update(value).digest();
}

/**
 * The cookie is signed with a secret derived from ADMIN_API_TOKEN, never with the token itself: the
 * token does not leave the process, and rotating it signs every admin out.
 */
function storage(): SessionStorage<AdminSessionData> {
  const token = getWebEnv().ADMIN_API_TOKEN;
  return singleton(`admin-session:${hmac("parkmatch", token).toString("hex")}`, () =>
    createCookieSessionStorage<AdminSessionData>({
      cookie: {
        name: ADMIN_COOKIE,
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: false, // per request: see cookieOptions
        maxAge: ADMIN_SESSION_SECONDS,
        secrets: [hmac(token, "parkmatch admin session cookie v1").toString("base64url")],
      },
    }),
  );
}

/** `Secure` only over https (as seen by the web process: express trusts X-Forwarded-Proto from loopback). */
function cookieOptions(request: Request) {
  return { secure: new URL(request.url).protocol === "https:" };
}

/** Constant time whatever the input's length: both sides are hashed to the same size first. */
export function isAdminToken(given: string): boolean {
  const expected = getWebEnv().ADMIN_API_TOKEN;
  const key = "parkmatch admin token compare";
  return timingSafeEqual(hmac(key, given), hmac(key, expected));
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
 * spent this throws a 429 Response with Retry-After (loaders and actions answer it as is).
 */
export async function hasAdminToken(request: Request): Promise<boolean> {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "");
  if (!match) return false;
  const verdict = await checkAdminTokenGuess(match[1].trim());
  if (typeof verdict === "object") throw tooManyGuesses(verdict.retryAfterSec);
  return verdict === "ok";
}

/** 429 for the admin token's API callers: JSON, with Retry-After in seconds. */
export function tooManyGuesses(retryAfterSec: number): Response {
  return Response.json(
    { error: "too many wrong admin tokens; try again later" },
    { status: 429, headers: { "Retry-After": String(retryAfterSec), "Cache-Control": "no-store" } },
  );
}

/** True when the request carries a valid, unexpired admin session cookie. */
export async function hasAdminSession(request: Request): Promise<boolean> {
  const session = await storage().getSession(request.headers.get("cookie"));
  const at = session.get("signedInAt");
  return (
    session.get("admin") === true && typeof at === "number" && Date.now() - at < ADMIN_SESSION_SECONDS * 1000 && at <= Date.now() + 60_000
  );
}

/**
 * The CSRF token of the request's admin session, or null without one: derived from the session's
 * start with a key derived from ADMIN_API_TOKEN, so it needs no storage and changes with every sign-in.
 * Forms of a cookie session send it as `csrf`, scripts as the `X-CSRF-Token` header (ADR 021).
 */
export async function adminCsrfToken(request: Request): Promise<string | null> {
  if (!(await hasAdminSession(request))) return null;
  const session = await storage().getSession(request.headers.get("cookie"));
  return hmac(hmac(getWebEnv().ADMIN_API_TOKEN, "parkmatch admin csrf v1").toString("hex"), String(session.get("signedInAt"))).toString(
    "base64url",
  );
}

/** True when `sent` is the admin session's CSRF token (constant time). */
export async function isAdminCsrf(request: Request, sent: unknown): Promise<boolean> {
  const expected = await adminCsrfToken(request);
  if (expected === null || typeof sent !== "string") return false;
  const key = "parkmatch csrf compare";
  return timingSafeEqual(hmac(key, sent), hmac(key, expected));
}

/**
 * Only a path inside the admin area may be a redirect target after sign-in (no open redirect):
 * "/admin…", never "//host", a backslash, or the login/logout pages themselves.
 */
export function safeAdminPath(next: unknown): string | null {
  if (typeof next !== "string" || next.length > 500) return null;
  if (!/^\/admin(?:[/?]|$)/.test(next) || /[\\\s]/.test(next) || next.includes("//")) return null;
  const url = new URL(next, "http://parkmatch.invalid");
  if (url.origin !== "http://parkmatch.invalid" || /^\/admin\/(?:login|logout)\/?$/.test(url.pathname)) return null;
  return url.pathname + url.search;
}

/** The login page for this request, remembering where the admin wanted to go (and the language). */
export function loginPath(request: Request): string {
  const url = new URL(request.url);
  const params = new URLSearchParams();
  const next = safeAdminPath(url.pathname + url.search);
  if (next && next !== "/admin" && next !== "/admin?lng=en") params.set("next", next);
  if (url.searchParams.get("lng")?.toLowerCase().startsWith("en")) params.set("lng", "en");
  const query = params.toString();
  return `/admin/login${query ? `?${query}` : ""}`;
}

/**
 * For admin pages: go on when the request has an admin session or `Authorization: Bearer
 * $ADMIN_API_TOKEN`; otherwise throw a 303 to /admin/login.
 */
export async function requireAdmin(request: Request): Promise<{ via: "session" | "bearer" | "staff" }> {
  if (await hasAdminToken(request)) return { via: "bearer" };
  if (await hasAdminSession(request)) return { via: "session" };
  if ((await getStaffUser(request))?.role === "admin") return { via: "staff" }; // a staff account with the admin role (ADR 014)
  throw redirect(loginPath(request), { status: 303, headers: { "Cache-Control": "no-store" } });
}

/** A fresh session (never one the browser brought along) and a 303 to `to`. */
export async function signIn(request: Request, to: string): Promise<Response> {
  const s = storage();
  const session = await s.getSession();
  session.set("admin", true);
  session.set("signedInAt", Date.now());
  return redirect(to, {
    status: 303,
    headers: { "Set-Cookie": await s.commitSession(session, cookieOptions(request)), "Cache-Control": "no-store" },
  });
}

export async function signOut(request: Request, to: string): Promise<Response> {
  const s = storage();
  const session = await s.getSession(request.headers.get("cookie"));
  return redirect(to, {
    status: 303,
    headers: { "Set-Cookie": await s.destroySession(session, cookieOptions(request)), "Cache-Control": "no-store" },
  });
}
