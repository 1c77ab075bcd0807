import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { lngFromUrl, type Lng } from "~/i18n/lng";
import { ui } from "~/i18n/ui-messages";
import { getWebEnv } from "~/utils/env.server";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  return { lng: lngFromUrl(request.url), hotline: getWebEnv().HOTLINE_PHONE };
}

export function useRootData(): { lng: Lng; hotline: string } {
  return (useRouteLoaderData("root") as { lng: Lng; hotline: string } | undefined) ?? { lng: "zh", hotline: "" };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const { lng } = useRootData();
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
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

// A plain page, never a stack trace: what happened and what to do (call the hotline).
export function ErrorBoundary() {
  const error = useRouteError();
  const { lng, hotline } = useRootData();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main>
      <h1>{notFound ? ui(lng, "error.notFound") : ui(lng, "error.title")}</h1>
      {notFound ? null : <p>{ui(lng, "error.body", { hotline: hotline || "400" })}</p>}
    </main>
  );
}
