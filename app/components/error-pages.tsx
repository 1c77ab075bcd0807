import type { MetaArgs, MetaDescriptor } from "@remix-run/node";
import {
  type ClientActionFunctionArgs,
  isRouteErrorResponse,
  Link,
  type ShouldRevalidateFunction,
  useActionData,
  useLocation,
} from "@remix-run/react";
import { useEffect, useRef } from "react";

import { PublicHeader } from "~/components/public-header";
import { lngHref } from "~/i18n/i18n";
import type { Lng } from "~/i18n/lng";
import { staffText } from "~/i18n/staff-messages";
import { ui } from "~/i18n/ui-messages";

// What an error page says, and its <title>, in the page's language (zh-CN unless ?lng=en). The boundaries
// (root.tsx, components/admin.tsx) and every route's meta use these, so no error page is left without a
// title or speaks English to a zh-CN reader. A 403 carries why (app/auth/session.server.ts StaffRefusal).

/** Why a staff request was refused (the thrown 403's data), read without trusting its shape. */
export function refusalOf(error: unknown): { refused: "role"; role: string } | { refused: "stale" } | null {
  if (!isRouteErrorResponse(error) || error.status !== 403) return null;
  const d = error.data as { refused?: unknown; role?: unknown } | null;
  if (d && d.refused === "stale") return { refused: "stale" };
  if (d && d.refused === "role") return { refused: "role", role: typeof d.role === "string" ? d.role : "" };
  return null; // another 403 (a form posted from another site): the plain "cannot be processed" page
}

/** The title of the error page for `error`: not found, no permission, page expired, bad request, or the apology. */
export function errorTitle(lng: Lng, error: unknown): string {
  const refusal = refusalOf(error);
  if (refusal) return staffText(lng, refusal.refused === "stale" ? "stale.title" : "forbidden.title");
  if (isRouteErrorResponse(error) && error.status === 404) return ui(lng, "error.notFound");
  if (isRouteErrorResponse(error) && error.status < 500) return staffText(lng, "error.titleBad");
  return ui(lng, "error.title");
}

/** The page's language from the address a meta function is given (the query decides, as lngFromUrl). */
function lngOfSearch(search: string): Lng {
  return new URLSearchParams(search).get("lng")?.toLowerCase().startsWith("en") ? "en" : "zh";
}

/**
 * A route's meta function, answering for an error page too: when the route (or a child) failed,
 * Remix calls it with `error` and no data; the title is then the error's, in the page's language.
 */
export function withErrorTitle<Args extends MetaArgs>(meta: (args: Args) => MetaDescriptor[]): (args: Args) => MetaDescriptor[] {
  return (args) =>
    args.error
      ? [{ title: errorTitle(lngOfSearch(args.location.search), args.error) }, { name: "robots", content: "noindex" }]
      : meta(args);
}

/** The desk of a staff role (where a refused person is sent back to). */
export function deskOf(role: string): string {
  return role === "admin" ? "/admin" : role === "hotline" ? "/hotline" : "/queue";
}

/**
 * The 403 pages, without any menu of the refused area: "no permission" with a link to the person's own
 * desk, or "page expired" with a link back to the page (reloaded with a new token).
 */
export function RefusedPage({ lng, refusal }: { lng: Lng; refusal: NonNullable<ReturnType<typeof refusalOf>> }) {
  const location = useLocation();
  if (refusal.refused === "stale") {
    return (
      <main className="admin refused">
        <h1>{staffText(lng, "stale.title")}</h1>
        <p role="alert">{staffText(lng, "session.stale")}</p>
        <p>
          <Link reloadDocument to={`${location.pathname}${location.search}`}>
            {staffText(lng, "stale.back")}
          </Link>
        </p>
      </main>
    );
  }
  return (
    <main className="admin refused">
      <h1>{staffText(lng, "forbidden.title")}</h1>
      <p role="alert">{staffText(lng, "forbidden.body")}</p>
      <p>
        <Link reloadDocument to={lngHref(deskOf(refusal.role), lng)}>
          {staffText(lng, "forbidden.back")}
        </Link>
      </p>
    </main>
  );
}

/**
 * The 404 of every address without a page of its own (routes/$.tsx, root.tsx): a header with the
 * language switch (to this address in the other language) — the site's, or `header`: the signed-in
 * staff's own (routes/$.tsx) — what happened, and the ways back: the signed-in person's desk first
 * when there is one, then the home page (the form).
 */
export function NotFoundPage({
  lng,
  desk,
  homeLabel,
  header,
  children,
}: {
  lng: Lng;
  desk: string | null;
  homeLabel?: string;
  header?: React.ReactNode;
  children?: React.ReactNode;
}) {
  const location = useLocation();
  return (
    <>
      {header ?? <PublicHeader lng={lng} path={location.pathname} />}
      <main className="not-found">
        <h1>{ui(lng, "error.notFound")}</h1>
        {children ?? <p role="alert">{ui(lng, "error.notFoundBody")}</p>}
        <ul className="ways-back">
          {desk ? (
            <li>
              <Link reloadDocument to={lngHref(desk, lng)}>
                {ui(lng, "error.toDesk")}
              </Link>
            </li>
          ) : null}
          <li>
            <Link reloadDocument to={lngHref("/", lng)}>
              {homeLabel ?? ui(lng, "error.toHome")}
            </Link>
          </li>
        </ul>
      </main>
    </>
  );
}

/**
 * A staff page's `clientAction`: the post goes to the server as always; when the server refuses it as
 * coming from a page of an earlier sign-in (a thrown 403 `{refused: "stale"}`), the page is *not*
 * replaced by the error page — the refusal becomes the action's data `{stale: true}`, so every field
 * keeps what was typed, the frame shows StaleBanner, and the loaders run again (the new session's
 * token for the next post). Without JavaScript the server's titled 403 page answers instead. Likewise a
 * server that failed (5xx) or could not be reached: `{unavailable: true}`, the fields keep what was
 * typed, the banner says nothing was saved, and the loaders do not run (they would fail the same way).
 */
export async function keepTextOnStale({ serverAction }: ClientActionFunctionArgs) {
  try {
    return await serverAction();
  } catch (error) {
    if (refusalOf(error)?.refused === "stale") return { stale: true as const };
    if (error instanceof Response) throw error;
    // The server failed (a database refusing for now: 503) or could not be reached at all: the page stays,
    // with what was typed, and says it was not saved — not the error page in its place (attack 2026-12-04).
    if (!isRouteErrorResponse(error) || error.status >= 500) return { unavailable: true as const };
    throw error;
  }
}

/** "This page has expired … submit again", when the page's last post was refused as stale (keepTextOnStale, or a page's own 403 answer). */
export function StaleBanner({ lng }: { lng: Lng }) {
  const answer = useActionData() as { stale?: unknown; unavailable?: unknown } | undefined;
  const shown = !!answer && typeof answer === "object" && (answer.stale === true || answer.unavailable === true);
  const banner = useRef<HTMLDivElement>(null);
  // No navigation follows a refused save, so the page stays scrolled at the form that was sent, far below
  // this banner on a phone: bring it into view, once per answer.
  useEffect(() => {
    if (shown) banner.current?.scrollIntoView({ block: "start" });
  }, [answer, shown]);
  if (!shown) return null;
  return (
    <div className="banner error" role="alert" ref={banner}>
      {staffText(lng, answer.stale === true ? "session.stale" : "session.unavailable")}
    </div>
  );
}

/**
 * Loads the page's data again after a post refused as stale (keepTextOnStale): the router skips that
 * after a 4xx, but the page needs the new session's token for the next post. The fields are not reset.
 */
export const revalidateAfterStale: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) => {
  const result = actionResult as { stale?: unknown; unavailable?: unknown } | undefined;
  if (result?.unavailable === true) return false; // loaders would fail the same way and take the page with them
  return result?.stale === true || defaultShouldRevalidate;
};
