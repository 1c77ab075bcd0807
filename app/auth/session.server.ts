import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

import { createCookie, createSessionStorage, data, redirect, type SessionStorage } from "@remix-run/node";

import type { Sql, TransactionSql } from "~/db/db.server";
import { getSql } from "~/db/db.server";
import { singleton } from "~/utils/singleton.server";

import { hasAdminToken } from "./admin-token.server";
import { cookieSecrets, perRequestCookieOptions } from "./cookie-secrets.server";
import { safeRedirectPath } from "./safe-redirect";

// The one session mechanism of the web (ADR 025, superseding the hand-parsed cookie of ADR 014 and
// the admin-token cookie of ADR 008): Remix's `createSessionStorage` over the Postgres table
// `staff_sessions`. The cookie `pm_staff` (httpOnly, SameSite=Lax, Secure over https, signed) carries a
// random 256-bit token; the table keeps only its SHA-256, so a copy of the table signs nobody in. A row
// is one sign-in: it holds the user, a per-session CSRF token and an expiry, and is revoked (never
// reused) on sign-out, a new password, a new role — a copied cookie stops working at once.

export type StaffRole = "admin" | "recruiter" | "hotline";
export type StaffUser = { id: string; email: string; name: string; role: StaffRole; recruiterId: string | null; csrf: string };

/** What the session holds: written `userId`; read back with the live row's CSRF token and user. */
type SessionData = { userId: string; csrf: string; user: Omit<StaffUser, "csrf"> };

export const STAFF_COOKIE = "pm_staff";
export const STAFF_SESSION_HOURS = 12;

const TOKEN = /^[A-Za-z0-9_-]{43}$/; // 32 random bytes, base64url
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

function storage(): SessionStorage<SessionData> {
  const secrets = cookieSecrets();
  return singleton(`staff-session:${hashToken(secrets.join(","))}`, () =>
    createSessionStorage<SessionData>({
      cookie: createCookie(STAFF_COOKIE, {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        maxAge: STAFF_SESSION_HOURS * 3600,
        secrets,
      }),
      async createData(data) {
        if (typeof data.userId !== "string") throw new Error("a staff session needs a userId");
        const token = randomBytes(32).toString("base64url");
        await getSql()`
          insert into staff_sessions (token_hash, user_id, csrf_token, expires_at)
          values (${hashToken(token)}, ${data.userId}, ${randomBytes(24).toString("base64url")},
                  now() + ${STAFF_SESSION_HOURS}::float8 * interval '1 hour')`;
        return token;
      },
      async readData(id: unknown) {
        if (typeof id !== "string" || !TOKEN.test(id)) return null; // the signed value is JSON: any shape may come back
        const [row] = await getSql()<
          { id: string; email: string; name: string; role: StaffRole; recruiterId: string | null; csrfToken: string }[]
        >`
          select u.id, u.email, u.name, u.role, u.recruiter_id, s.csrf_token
          from staff_sessions s join users u on u.id = s.user_id
          where s.token_hash = ${hashToken(id)} and s.revoked_at is null and s.expires_at > now() and u.active`;
        if (!row) return null;
        const { csrfToken, ...user } = row;
        return { userId: row.id, csrf: csrfToken, user };
      },
      // A row's user, CSRF token and expiry never change: a new sign-in is a new row. Nothing to write.
      async updateData() {},
      async deleteData(id: unknown) {
        if (typeof id !== "string" || !TOKEN.test(id)) return;
        await getSql()`update staff_sessions set revoked_at = now() where token_hash = ${hashToken(id)} and revoked_at is null`;
      },
    }),
  );
}

/** The signed-in staff member, or null (no cookie, a bad signature, an unknown, expired or revoked session). */
export async function getStaffUser(request: Request): Promise<StaffUser | null> {
  const session = await storage().getSession(request.headers.get("cookie"));
  const user = session.get("user");
  const csrf = session.get("csrf");
  return user && csrf ? { ...user, csrf } : null;
}

/**
 * Starts a session for `userId` — always a fresh one, never the one the browser brought along
 * (session fixation) — and answers 303 to `to` with its cookie. The session the browser brought along
 * (a valid, signed cookie of anyone, this person or another) is ended in the database first, so a copy
 * of the earlier cookie signs nobody in after a new sign-in in that browser (ADR 107).
 */
export async function signInStaff(request: Request, userId: string, to: string): Promise<Response> {
  const s = storage();
  const earlier = await s.getSession(request.headers.get("cookie"));
  if (earlier.id) await s.destroySession(earlier); // revokes the row (deleteData); its Set-Cookie is replaced below
  const session = await s.getSession();
  session.set("userId", userId);
  return redirect(to, {
    status: 303,
    headers: { "Set-Cookie": await s.commitSession(session, perRequestCookieOptions(request)), "Cache-Control": "no-store" },
  });
}

/** Ends the session in the database (so a copied cookie stops working too), clears the cookie and answers 303 to `to`. */
export async function signOutStaff(request: Request, to: string): Promise<Response> {
  const s = storage();
  const session = await s.getSession(request.headers.get("cookie"));
  return redirect(to, {
    status: 303,
    headers: { "Set-Cookie": await s.destroySession(session, perRequestCookieOptions(request)), "Cache-Control": "no-store" },
  });
}

/** Ends every session of a user (a new password, a changed role): copies of old cookies stop working. Returns how many. */
export async function revokeSessionsOf(sql: Sql | TransactionSql, userId: string): Promise<number> {
  const rows = await sql`update staff_sessions set revoked_at = now() where user_id = ${userId} and revoked_at is null`;
  return rows.count;
}

/**
 * /login for this request, remembering the page asked for (`next`, a safe local path) and the language.
 * A post (a form sent on a session that has ended) adds `expired=1`: the sign-in page then says that
 * what was sent was not saved, and `next` brings the person back to the page to send it again.
 */
export function loginPath(request: Request): string {
  const url = new URL(request.url);
  const params = new URLSearchParams({ next: url.pathname + url.search });
  if (url.searchParams.get("lng")?.toLowerCase().startsWith("en")) params.set("lng", "en");
  if (request.method !== "GET" && request.method !== "HEAD") params.set("expired", "1");
  if (!safeRedirectPath(params.get("next"))) params.delete("next");
  return `/login?${params}`;
}

/**
 * Why a staff request was refused with a 403, as the thrown answer's data (read by the error
 * boundaries: root.tsx, components/admin.tsx): `role` — signed in, but another role (the page links to
 * the person's own desk); `stale` — the form's CSRF token is not the session's (the page was opened
 * under an earlier sign-in).
 */
export type StaffRefusal = { refused: "role"; role: StaffRole } | { refused: "stale" };

/** The staff member with one of `roles`, or a thrown 303 to /login (not signed in) / 403 `{refused: "role"}` (another role). */
export async function requireStaff(request: Request, roles: StaffRole[]): Promise<StaffUser> {
  const user = await getStaffUser(request);
  if (!user) throw redirect(loginPath(request), { status: 303, headers: { "Cache-Control": "no-store" } });
  if (!roles.includes(user.role)) throw roleRefusal(user.role);
  return user;
}

/** The thrown 403 of a signed-in person without the role (StaffRefusal "role"). */
export function roleRefusal(role: StaffRole) {
  return data<StaffRefusal>({ refused: "role", role }, { status: 403, headers: { "Cache-Control": "no-store" } });
}

/**
 * For admin pages: a signed-in admin (`via: "staff"`, with the user), or a machine with
 * `Authorization: Bearer $ADMIN_API_TOKEN` (`via: "bearer"`: scripts and tests read pages without a
 * cookie). Otherwise throws like `requireStaff(request, ["admin"])`. People sign in at /login only.
 */
export async function requireAdmin(request: Request): Promise<{ via: "bearer" } | { via: "staff"; user: StaffUser }> {
  if (await hasAdminToken(request)) return { via: "bearer" };
  return { via: "staff", user: await requireStaff(request, ["admin"]) };
}

/** A form posted from another site (login CSRF): refused. Browsers say where a POST came from. */
export function isCrossSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "cross-site";
  const origin = request.headers.get("origin");
  return origin !== null && origin !== "null" && new URL(origin).host !== new URL(request.url).host;
}

/** True when `sent` is the session's CSRF token (constant time; anything not a string is false). */
export function isSessionCsrf(user: StaffUser, sent: unknown): boolean {
  if (typeof sent !== "string") return false;
  const a = createHash("sha256").update(sent).digest();
  const b = createHash("sha256").update(user.csrf).digest();
  return timingSafeEqual(a, b);
}

/**
 * State-changing forms carry the session's CSRF token as `csrf`; a missing or wrong one is a thrown
 * 403 `{refused: "stale"}` (the error boundary says the page has expired, with a title and a way back).
 * Pages that keep what was typed check first with `isSessionCsrf` and answer the form themselves.
 */
export function checkCsrf(user: StaffUser, sent: FormData | unknown): void {
  const value = sent instanceof FormData ? sent.get("csrf") : sent;
  if (!isSessionCsrf(user, value))
    throw data<StaffRefusal>({ refused: "stale" }, { status: 403, headers: { "Cache-Control": "no-store" } });
}
