import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";

import { AdminHeader } from "~/components/admin";
import { NotFoundPage } from "~/components/error-pages";
import { StaffHeader } from "~/components/staff";
import type { Lng } from "~/i18n/lng";
import { ErrorBoundary as RootErrorBoundary, useRootData } from "~/root";

function messageOf(error: unknown): string | null {
  if (!isRouteErrorResponse(error)) return null;
  const body: unknown = error.data;
  return typeof body === "object" && body !== null && typeof (body as { notFound?: unknown }).notFound === "string"
    ? (body as { notFound: string }).notFound
    : null;
}

/** The header of the signed-in person's own pages (root.tsx `desk`: deskOf their role); undefined when nobody is signed in. */
function deskHeader(lng: Lng, desk: string | null, csrf: string | null): ReactNode | undefined {
  if (desk === "/admin") return <AdminHeader lng={lng} />;
  if (desk === "/hotline" || desk === "/queue")
    return <StaffHeader lng={lng} signedIn csrf={csrf ?? ""} home={desk === "/hotline" ? "hotline" : "queue"} />;
  return undefined;
}

/**
 * The boundary of pages staff use: a 404 shows the signed-in person's own header (their menu, sign-out)
 * and, when the step said what was not found (app/http/not-found.server.ts notFoundWith), that sentence;
 * anything else is the root's.
 * A route using it links the staff stylesheet (admin.css), which a boundary of its own keeps on the page.
 */
export function StaffErrorBoundary() {
  const error = useRouteError();
  const { lng, desk, csrf } = useRootData();
  if (!isRouteErrorResponse(error) || error.status !== 404) return <RootErrorBoundary />;
  const message = messageOf(error);
  return (
    <NotFoundPage lng={lng} desk={desk} header={deskHeader(lng, desk, csrf)}>
      {message ? <p role="alert">{message}</p> : undefined}
    </NotFoundPage>
  );
}
