import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";

import { getStaffUser, signOutStaff } from "~/auth/session.server";
import { csrfOnlySchema, parseActionForm } from "~/http/action-form.server";
import { lngHref } from "~/i18n/i18n";
import { lngFromUrl } from "~/i18n/lng";

/**
 * POST /logout ends the staff session (revoked in the database too, so a copied cookie stops working)
 * and goes to /login. A signed-in session must send its CSRF token (`csrf`, else 403); without a
 * session there is nothing to end. GET never signs anybody out (prefetchers follow links).
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await getStaffUser(request);
  if (user) await parseActionForm(request, user, csrfOnlySchema);
  return signOutStaff(request, lngHref("/login", lngFromUrl(request.url)));
}

export function loader({ request }: LoaderFunctionArgs) {
  return redirect(lngHref("/login", lngFromUrl(request.url)), 303);
}
