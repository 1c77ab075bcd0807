import { type ActionFunctionArgs, redirect } from "@remix-run/node";

import { checkCsrf, getStaffUser, signOutStaff } from "~/auth/staff-session.server";
import { withLng } from "~/i18n/admin-messages";
import { lngFromUrl } from "~/i18n/lng";

/** POST /logout ends the staff session (in the database too) and goes to /login; GET does nothing. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await getStaffUser(request);
  if (user) checkCsrf(user, await request.formData());
  return signOutStaff(request, withLng("/login", lngFromUrl(request.url)));
}

export function loader() {
  return redirect("/login", 303);
}
