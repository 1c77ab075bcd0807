import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";

import { hasAdminSession, isAdminCsrf, signOut } from "~/auth/admin-session.server";
import { checkCsrf, getStaffUser, signOutStaff } from "~/auth/staff-session.server";
import { withLng } from "~/i18n/admin-messages";
import { lngFromUrl } from "~/i18n/lng";

/** A GET never signs anybody out (links are followed by prefetchers); it just goes back to the admin area. */
export async function loader({ request }: LoaderFunctionArgs) {
  return redirect(withLng("/admin", lngFromUrl(request.url)), 303);
}

/** POST /admin/logout: the admin session cookie is cleared — and a staff admin's session ended — then the login page. */
export async function action({ request }: ActionFunctionArgs) {
  const to = withLng("/admin/login", lngFromUrl(request.url));
  // Signing out is a state change of a cookie session: the session's CSRF token must come along.
  const form = await request.formData();
  const staff = await getStaffUser(request);
  if ((await hasAdminSession(request)) && !(await isAdminCsrf(request, form.get("csrf"))))
    throw new Response("Forbidden: the form is stale, reload the page", { status: 403 });
  if (staff && !(await hasAdminSession(request))) checkCsrf(staff, form);
  const response = await signOut(request, to);
  if (staff) response.headers.append("Set-Cookie", (await signOutStaff(request, to)).headers.get("Set-Cookie") ?? "");
  return response;
}
