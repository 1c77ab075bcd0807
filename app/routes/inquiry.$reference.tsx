import type { LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";

import { NotFoundPage } from "~/components/error-pages";
import { HotlineInSentence } from "~/components/hotline-in-sentence";
import { noindexMeta } from "~/components/page-head";
import { PublicHeader } from "~/components/public-header";
import { getSql } from "~/db/db.server";
import { lngHref } from "~/i18n/i18n";
import { lngFromUrl } from "~/i18n/lng";
import { ui } from "~/i18n/ui-messages";
import { leadReferenceExists } from "~/leads/lead-view.server";
import { ErrorBoundary as RootErrorBoundary, useRootData } from "~/root";

export const meta = noindexMeta<typeof loader>((d) => ui(d?.lng ?? "zh", "inquiry.title"));

/** The confirmation: the reference and what happens next. No personal data on this page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lng = lngFromUrl(request.url);
  const typed = params.reference ?? "";
  if (typed === "received") return { lng, reference: null };
  // As people retype it from a note or a message: lower case, a blank copied around it.
  const reference = typed.trim().toUpperCase();
  if (!/^PM-\d{8}-\d{4,}$/.test(reference)) throw new Response("not found", { status: 404 });
  if (!(await leadReferenceExists(getSql(), reference))) throw new Response("not found", { status: 404 });
  return { lng, reference };
}

export default function Inquiry() {
  const { lng, reference } = useLoaderData<typeof loader>();
  const { hotline } = useRootData();
  const t = (key: Parameters<typeof ui>[1], params?: Record<string, string>) => ui(lng, key, params);
  return (
    <>
      <PublicHeader lng={lng} path={`/inquiry/${reference ?? "received"}`} />
      <main>
        <h1>{t("inquiry.title")}</h1>
        {reference ? (
          <>
            <p>{t("inquiry.reference")}</p>
            <p className="reference" data-testid="reference">
              {reference}
            </p>
            <p>{t("inquiry.keep")}</p>
          </>
        ) : (
          <p>{t("inquiry.generic")}</p>
        )}
        <h2>{t("inquiry.next")}</h2>
        <ol>
          <li>{t("inquiry.next1")}</li>
          <li>{t("inquiry.next2")}</li>
          <li>
            <HotlineInSentence sentence={(h) => t("inquiry.next3", { hotline: h })} hotline={hotline} />
          </li>
        </ol>
        <p>
          <Link to={lngHref("/", lng)}>{t("inquiry.another")}</Link>
        </p>
      </main>
    </>
  );
}

/**
 * A reference nobody has (mistyped, cut short): what to check and whom to call, and the way to the form
 * — not the bare "page not found" of every other address.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const { lng, hotline, desk } = useRootData();
  if (!isRouteErrorResponse(error) || error.status !== 404) return <RootErrorBoundary />;
  const t = (key: Parameters<typeof ui>[1], params?: Record<string, string>) => ui(lng, key, params);
  return (
    <NotFoundPage lng={lng} desk={desk} homeLabel={t("inquiry.toForm")}>
      <p role="alert">{t("inquiry.notFound")}</p>
      <p>
        {hotline ? (
          <HotlineInSentence sentence={(h) => t("inquiry.notFoundHotline", { hotline: h })} hotline={hotline} />
        ) : (
          t("inquiry.notFoundNoHotline")
        )}
      </p>
    </NotFoundPage>
  );
}
