import { Link, useLocation } from "@remix-run/react";

import { HotlineInSentence } from "~/components/hotline-in-sentence";
import { PublicHeader } from "~/components/public-header";
import { lngHref } from "~/i18n/i18n";
import type { Lng } from "~/i18n/lng";
import { publicText } from "~/i18n/public-messages";
import { ui } from "~/i18n/ui-messages";

/** The page of a 429 from the lookup budget (ADR 102): the wait the Retry-After header gives, in minutes, and the hotline. */
export function TooManyLookups({ lng, hotline, minutes }: { lng: Lng; hotline: string; minutes: number }) {
  const t = (key: Parameters<typeof ui>[1], params?: Record<string, string | number>) => ui(lng, key, params);
  const location = useLocation();
  return (
    <>
      <PublicHeader lng={lng} path={location.pathname} />
      <main>
        <h1>{publicText(lng, "inquiry.tooManyTitle")}</h1>
        <p role="alert">{publicText(lng, "inquiry.tooMany", { minutes })}</p>
        {hotline ? (
          <p>
            <HotlineInSentence sentence={(h) => publicText(lng, "inquiry.tooManyHotline", { hotline: h })} hotline={hotline} />
          </p>
        ) : null}
        <p>
          <Link reloadDocument to={lngHref("/", lng)}>
            {t("inquiry.toForm")}
          </Link>
        </p>
      </main>
    </>
  );
}
