import { hasAdminToken } from "./admin-token.server";
import { REFUSED_PAGE_HEADER, refusedPagePath } from "./refused-page";
import { isSessionCsrf, requireAdmin, type StaffRefusal, type StaffUser } from "./session.server";

// The door of every admin page that changes something (ADR 028): who is asking, and — for a cookie
// session — the session's CSRF token on the form. The Bearer token (machines) needs none: a browser
// never sends it by itself.

/** Who did it, as the audit trails name them: the admin's email, or "admin-token" (the Bearer token). */
export type AdminActor = { actor: string; user: StaffUser | null };

/** For loaders: a signed-in admin or the Bearer token, else a thrown 303 to /login (403 for another role). */
export async function requireAdminActor(request: Request): Promise<AdminActor> {
  const who = await requireAdmin(request);
  return who.via === "staff" ? { actor: who.user.email, user: who.user } : { actor: "admin-token", user: null };
}

/**
 * For resource routes (files and JSON under /admin: exports, the import template): like
 * `requireAdminActor`, but a signed-in person of another role gets the admin pages' 403 page in their
 * language, not the framework's bare error (the thrown 403 names the page to render, REFUSED_PAGE_HEADER).
 * Throws a 303 to /login when nobody is signed in.
 */
export async function requireAdminForResource(request: Request): Promise<AdminActor> {
  try {
    return await requireAdminActor(request);
  } catch (error) {
    if (isRoleRefusal(error)) {
      throw new Response(null, {
        status: 403,
        headers: { [REFUSED_PAGE_HEADER]: refusedPagePath(request.url), "Cache-Control": "no-store" },
      });
    }
    throw error;
  }
}

/** A thrown `roleRefusal` (session.server.ts): `data({refused: "role"}, {status: 403})`. */
function isRoleRefusal(error: unknown): boolean {
  if (typeof error !== "object" || error === null || (error as { type?: unknown }).type !== "DataWithResponseInit") return false;
  const d = (error as { data?: { refused?: unknown } }).data;
  return d?.refused === "role";
}

/**
 * 403 for a state change without the session's CSRF token (a stale page, or a form posted from elsewhere),
 * with StaffRefusal `{refused: "stale"}` as its data: the error page says the page has expired and links back to it.
 */
export function csrfRefused(): Response {
  return Response.json({ refused: "stale" } satisfies StaffRefusal, { status: 403, headers: { "Cache-Control": "no-store" } });
}

/**
 * For actions: the admin and the posted form, after checking the CSRF token a cookie session must send
 * (`csrf` field, or the `X-CSRF-Token` header). Throws a 303 to sign-in, or a 403 (another role, no or
 * a wrong token). The Bearer token is exempt. The one admin gate of every admin action (the admin
 * pages and the inventory's, issue 8): it lives in app/auth/ so that app/admin and app/inventory can
 * both import it without a cycle (test/unit/house/rooms.test.ts).
 *
 * `form`: the body when the caller has read it already (a multipart upload, whose size limit answers
 * before the gate); otherwise it is read here, after the sign-in check.
 */
export async function requireAdminForm(request: Request, form?: FormData): Promise<AdminActor & { form: FormData }> {
  if (await hasAdminToken(request)) return { actor: "admin-token", user: null, form: form ?? (await request.formData()) };
  const { user } = await requireAdminActor(request);
  const body = form ?? (await request.formData());
  if (!user || !isSessionCsrf(user, body.get("csrf") ?? request.headers.get("x-csrf-token"))) throw csrfRefused();
  return { actor: user.email, user, form: body };
}
