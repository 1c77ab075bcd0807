import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { withLng } from "~/i18n/admin-messages";
import { lngFromUrl } from "~/i18n/lng";
import { signOut } from "~/utils/admin-session.server";

/** A GET never signs anybody out (links are followed by prefetchers); it just goes back to the admin area. */
export async function loader({ request }: LoaderFunctionArgs) {
  return redirect(withLng("/admin", lngFromUrl(request.url)), 303);
}

/** POST /admin/logout: the session cookie is cleared, then the login page. */
export async function action({ request }: ActionFunctionArgs) {
  return signOut(request, withLng("/admin/login", lngFromUrl(request.url)));
}
