import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { withLng } from "~/i18n/admin-messages";
import { lngFromUrl } from "~/i18n/lng";
import { getStaffUser, signOutStaff } from "~/staff/staff-session.server";
import { signOut } from "~/utils/admin-session.server";

/** A GET never signs anybody out (links are followed by prefetchers); it just goes back to the admin area. */
export async function loader({ request }: LoaderFunctionArgs) {
  return redirect(withLng("/admin", lngFromUrl(request.url)), 303);
}

/** POST /admin/logout: the admin session cookie is cleared — and a staff admin's session ended — then the login page. */
export async function action({ request }: ActionFunctionArgs) {
  const to = withLng("/admin/login", lngFromUrl(request.url));
  const response = await signOut(request, to);
  if (await getStaffUser(request)) response.headers.append("Set-Cookie", (await signOutStaff(request, to)).headers.get("Set-Cookie") ?? "");
  return response;
}
