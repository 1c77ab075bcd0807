import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";

import { AdminHeader } from "~/components/admin";
import { NotFoundPage } from "~/components/error-pages";
import { stylesheets } from "~/components/page-head";
import { StaffHeader } from "~/components/staff";
import type { Lng } from "~/i18n/lng";
import { ErrorBoundary as RootErrorBoundary, useRootData } from "~/root";
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

/** The header of the signed-in person's own pages (root.tsx `desk`: deskOf their role); undefined when nobody is signed in. */
function deskHeader(lng: Lng, desk: string | null, csrf: string | null): ReactNode | undefined {
  if (desk === "/admin") return <AdminHeader lng={lng} />;
  if (desk === "/hotline" || desk === "/queue")
    return <StaffHeader lng={lng} signedIn csrf={csrf ?? ""} home={desk === "/hotline" ? "hotline" : "queue"} />;
  return undefined;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { lng, desk, csrf } = useRootData();
  if (!isRouteErrorResponse(error) || error.status !== 404) return <RootErrorBoundary />;
  return <NotFoundPage lng={lng} desk={desk} header={deskHeader(lng, desk, csrf)} />;
}
