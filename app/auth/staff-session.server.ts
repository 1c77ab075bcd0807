import { createHash, randomBytes } from "node:crypto";

import { redirect } from "@remix-run/node";

import type { Sql, TransactionSql } from "~/db/db.server";
import { getSql } from "~/db/db.server";

// Staff sessions (ADR 014): a random token in an httpOnly cookie, its hash in staff_sessions.

export type StaffRole = "admin" | "recruiter" | "hotline";
export type StaffUser = { id: string; email: string; name: string; role: StaffRole; recruiterId: string | null; csrf: string };

const COOKIE = "pm_staff";
export const STAFF_SESSION_HOURS = 12;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

function readToken(request: Request): string | null {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === COOKIE) {
      const token = value.join("=");
      return /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
    }
  }
  return null;
}

function cookie(request: Request, token: string, maxAgeSeconds: number): string {
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  return `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

/** Starts a session for the user and answers 303 to `to` with its cookie. */
export async function signInStaff(request: Request, userId: string, to: string, sql: Sql = getSql()): Promise<Response> {
  const token = randomBytes(32).toString("base64url");
  await sql`
    insert into staff_sessions (token_hash, user_id, csrf_token, expires_at)
    values (${hashToken(token)}, ${userId}, ${randomBytes(24).toString("base64url")}, now() + ${STAFF_SESSION_HOURS}::float8 * interval '1 hour')`;
  return redirect(to, {
    status: 303,
    headers: { "Set-Cookie": cookie(request, token, STAFF_SESSION_HOURS * 3600), "Cache-Control": "no-store" },
  });
}

/** The signed-in staff member, or null (no cookie, unknown, expired or revoked session). */
export async function getStaffUser(request: Request, sql: Sql = getSql()): Promise<StaffUser | null> {
  const token = readToken(request);
  if (!token) return null;
  const [row] = await sql<{ id: string; email: string; name: string; role: StaffRole; recruiter_id: string | null; csrf_token: string }[]>`
    select u.id, u.email, u.name, u.role, u.recruiter_id, s.csrf_token
    from staff_sessions s join users u on u.id = s.user_id
    where s.token_hash = ${hashToken(token)} and s.revoked_at is null and s.expires_at > now() and u.active`;
  return row ? { id: row.id, email: row.email, name: row.name, role: row.role, recruiterId: row.recruiter_id, csrf: row.csrf_token } : null;
}

/**
 * A local path to come back to after signing in; anything else (other hosts, `//x`) is dropped, and
 * so is anything that is not printable ASCII (a Location header must be; the browser sends paths
 * percent-encoded anyway).
 */
export function safeNext(next: unknown): string | null {
  if (typeof next !== "string" || next.length > 500 || !/^\/[\x21-\x7e]*$/.test(next) || next.startsWith("//") || next.includes("\\"))
    return null;
  return next;
}

/** The staff member with one of `roles`, or a 303 to /login (not signed in) / a 403 (wrong role). */
export async function requireStaff(request: Request, roles: StaffRole[]): Promise<StaffUser> {
  const user = await getStaffUser(request);
  if (!user) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ next: url.pathname + url.search });
    if (url.searchParams.get("lng") === "en") params.set("lng", "en");
    throw redirect(`/login?${params}`, { status: 303, headers: { "Cache-Control": "no-store" } });
  }
  if (!roles.includes(user.role)) throw new Response("Forbidden", { status: 403 });
  return user;
}

/** Ends every session of a user (a new password, a changed role): copies of old cookies stop working. */
export async function revokeSessionsOf(sql: Sql | TransactionSql, userId: string): Promise<number> {
  const rows = await sql`update staff_sessions set revoked_at = now() where user_id = ${userId} and revoked_at is null`;
  return rows.count;
}

/** A form posted from another site (login CSRF): refused. Browsers say where a POST came from. */
export function isCrossSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "cross-site";
  const origin = request.headers.get("origin");
  return origin !== null && origin !== "null" && new URL(origin).host !== new URL(request.url).host;
}

/** Ends the session in the database (so a copied cookie stops working too) and clears the cookie. */
export async function signOutStaff(request: Request, to: string, sql: Sql = getSql()): Promise<Response> {
  const token = readToken(request);
  if (token) await sql`update staff_sessions set revoked_at = now() where token_hash = ${hashToken(token)} and revoked_at is null`;
  return redirect(to, { status: 303, headers: { "Set-Cookie": cookie(request, "", 0), "Cache-Control": "no-store" } });
}

/** State-changing forms carry the session's CSRF token; a missing or wrong one is refused. */
export function checkCsrf(user: StaffUser, form: FormData): void {
  const sent = form.get("csrf");
  if (typeof sent !== "string" || sent !== user.csrf) throw new Response("Forbidden: the form is stale, reload the page", { status: 403 });
}
