import { type ActionFunctionArgs, redirect } from "@remix-run/node";

import { withLng } from "~/i18n/admin-messages";
import { lngFromUrl } from "~/i18n/lng";
import { checkCsrf, getStaffUser, signOutStaff } from "~/staff/staff-session.server";

/** POST /logout ends the staff session (in the database too) and goes to /login; GET does nothing. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await getStaffUser(request);
  if (user) checkCsrf(user, await request.formData());
  return signOutStaff(request, withLng("/login", lngFromUrl(request.url)));
}

export function loader() {
  return redirect("/login", 303);
}
