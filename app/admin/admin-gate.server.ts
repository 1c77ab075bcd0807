import { redirect } from "@remix-run/node";

import { hasAdminSession, hasAdminToken, isAdminCsrf, loginPath, requireAdmin } from "~/auth/admin-session.server";
import { getStaffUser, type StaffUser } from "~/auth/staff-session.server";

// The door of every admin page that changes something (ADR 028): who is asking, and — for a cookie
// session — the session's CSRF token on the form. The Bearer token (machines) needs none: a browser
// never sends it by itself.

/** Who did it, as the audit trails name them: the admin's email, or "admin-token". */
export type AdminActor = { actor: string; user: StaffUser | null };

/** For loaders: an admin (session, staff account with the admin role, or Bearer token), or a 303 to sign-in. */
export async function requireAdminActor(request: Request): Promise<AdminActor> {
  await requireAdmin(request);
  const user = await getStaffUser(request);
  return { actor: user?.role === "admin" ? user.email : "admin-token", user: user?.role === "admin" ? user : null };
}

/** 403 for a state change without the session's CSRF token (a stale page, or a form posted from elsewhere). */
export function csrfRefused(): Response {
  return new Response("Forbidden: the form is stale, reload the page", { status: 403, headers: { "Cache-Control": "no-store" } });
}

/**
 * For actions: the admin and the posted form, after checking the CSRF token a cookie session must send
 * (`csrf` field, or the `X-CSRF-Token` header). Throws a 303 to sign-in (no admin) or a 403 (no or a
 * wrong token). The Bearer token is exempt.
 */
export async function requireAdminForm(request: Request): Promise<AdminActor & { form: FormData }> {
  if (await hasAdminToken(request)) return { actor: "admin-token", user: null, form: await request.formData() };
  const user = await getStaffUser(request);
  const session = await hasAdminSession(request);
  if (user?.role !== "admin" && !session) throw redirect(loginPath(request), { status: 303, headers: { "Cache-Control": "no-store" } });
  const form = await request.formData();
  const sent = form.get("csrf") ?? request.headers.get("x-csrf-token");
  const ok = user?.role === "admin" ? typeof sent === "string" && sent === user.csrf : await isAdminCsrf(request, sent);
  if (!ok) throw csrfRefused();
  return user?.role === "admin" ? { actor: user.email, user, form } : { actor: "admin-token", user: null, form };
}
