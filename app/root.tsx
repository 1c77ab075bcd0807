import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect } from "react";

import { DraftKeeper } from "~/components/draft-keeper";
import { deskOf, errorTitle, NotFoundPage, refusalOf, RefusedPage, revalidateAfterStale, withErrorTitle } from "~/components/error-pages";
import { FormRefusalNotice } from "~/components/form-refusal";
import { useNonce } from "~/components/nonce";
import { RouteScript, type ScriptHandle } from "~/components/route-script";
import { TypingCarrier } from "~/components/typing-carrier";
import { sessionStaff } from "~/http/csrf.server";
import { type Lng, lngFromUrl } from "~/i18n/lng";
import { ui } from "~/i18n/ui-messages";
import styles from "~/styles/app.css";
import { getWebEnv } from "~/utils/env.server";
import { holdBlurDuringPress } from "~/utils/pointer-settle";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
// Pages set their own titles; an error caught here (an unknown address, a page without its own
// boundary) gets the error's title in the page's language.
export const meta: MetaFunction = withErrorTitle(() => []);
// The sign-out forms carry the root's token: a new one after a post refused as stale.
export const shouldRevalidate = revalidateAfterStale;

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await sessionStaff(request);
  // `desk`: where the signed-in person works (the 404's way back); null when nobody is signed in.
  return {
    lng: lngFromUrl(request.url),
    hotline: getWebEnv().HOTLINE_PHONE,
    csrf: staff?.csrf ?? null,
    desk: staff ? deskOf(staff.role) : null,
    // Whose forms' kept drafts this tab may put back (ADR 085): the account's id, null when signed out.
    staffKey: staff?.id ?? null,
  };
}

type RootData = { lng: Lng; hotline: string; csrf: string | null; desk: string | null; staffKey: string | null };

export function useRootData(): RootData {
  return (useRouteLoaderData("root") as RootData | undefined) ?? { lng: "zh", hotline: "", csrf: null, desk: null, staffKey: null };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const { lng } = useRootData();
  const nonce = useNonce();
  // A page may ship without JavaScript (handle.scripts === false: the public shortlist, ADR 030):
  // no scripts and no serialized loader data, only what is on the page.
  // A page without React may name a small script of its own instead (handle.script, ADR 041).
  const handles = useMatches().map((m) => (m.handle ?? {}) as ScriptHandle);
  const scripts = !handles.some((h) => h.scripts === false);
  const script = scripts ? undefined : handles.find((h) => h.script)?.script;
  return (
    <html lang={lng === "en" ? "en" : "zh-CN"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        {scripts ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : script ? (
          <RouteScript routeId={script} />
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  // Every form's messages change after a press's click, never under it (pointer-settle.ts).
  useEffect(() => holdBlurDuringPress(), []);
  const { lng, staffKey } = useRootData();
  return (
    <>
      <Outlet />
      <DraftKeeper owner={staffKey} lng={lng} />
      <FormRefusalNotice lng={lng} />
      <TypingCarrier />
    </>
  );
}

/** What to do after a failure: call HOTLINE_PHONE, or nothing — a made-up number would send people nowhere. */
export function errorHelp(lng: Lng, hotline: string): string {
  return hotline ? ui(lng, "error.body", { hotline }) : ui(lng, "error.bodyNoHotline");
}

// A plain page, never a stack trace: what happened and what to do (call the hotline; for a 403, the
// person's own desk or the page again; for a 404, the header with the language switch and the ways back).
export function ErrorBoundary() {
  const error = useRouteError();
  const { lng, hotline, desk } = useRootData();
  const refusal = refusalOf(error);
  if (refusal) return <RefusedPage lng={lng} refusal={refusal} />;
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage lng={lng} desk={desk} />;
  return (
    <main>
      <h1>{errorTitle(lng, error)}</h1>
      <p>{errorHelp(lng, hotline)}</p>
    </main>
  );
}
