import { Link } from "@remix-run/react";

import { HotlineInSentence } from "~/components/hotline-in-sentence";
import { PublicHeader } from "~/components/public-header";
import { lngHref } from "~/i18n/i18n";
import type { Lng } from "~/i18n/lng";
import { ui } from "~/i18n/ui-messages";

/** The page of a 429 from the lookup budget (ADR 102): the wait the Retry-After header gives, in minutes, and the hotline. */
export function TooManyLookups({ lng, hotline, minutes }: { lng: Lng; hotline: string; minutes: number }) {
  const t = (key: Parameters<typeof ui>[1], params?: Record<string, string | number>) => ui(lng, key, params);
  return (
    <>
      <PublicHeader lng={lng} path="/" />
      <main>
        <h1>{t("inquiry.title")}</h1>
        <p role="alert">{t("inquiry.tooMany", { minutes })}</p>
        {hotline ? (
          <p>
            <HotlineInSentence sentence={(h) => t("inquiry.tooManyHotline", { hotline: h })} hotline={hotline} />
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
