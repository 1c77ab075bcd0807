import { stylesheets } from "~/components/page-head";
import { StaffErrorBoundary } from "~/components/staff-not-found";
import adminStyles from "~/styles/admin.css";

// Any address without a page of its own. Matched by a route (rather than by none), the root's loader
// runs: the 404 page then knows the page's language and the signed-in person's desk, and the <html
// lang> follows ?lng=en. A post to such an address is a 404 too.
// Its own boundary (not the root's) so that this route's stylesheet — the staff pages' header — is on
// the page: a signed-in person gets the header of their own pages (their menu, sign-out), as on every
// other staff page; nobody signed in, the site's public header.

export const links = stylesheets(adminStyles);

export function loader(): never {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

export function action(): never {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

export default function NoSuchPage() {
  return null;
}

export const ErrorBoundary = StaffErrorBoundary;
