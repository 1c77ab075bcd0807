import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { withErrorTitle } from "~/components/error-pages";
import { PRIVACY_NOTICE_VERSION } from "~/domain/privacy-notice";
import { lngHref } from "~/i18n/i18n";
import { lngFromUrl } from "~/i18n/lng";
import { type PrivacyKey, privacyText } from "~/i18n/privacy-messages";
import { useRootData } from "~/root";
import { getWebEnv } from "~/utils/env.server";

export const meta: MetaFunction<typeof loader> = withErrorTitle(({ data: d }) => [{ title: privacyText(d?.lng ?? "zh", "notice.title") }]);

/** GET /privacy: the privacy notice the consent line refers to, with its version (zh-CN; ?lng=en). */
export async function loader({ request }: LoaderFunctionArgs) {
  return { lng: lngFromUrl(request.url), version: PRIVACY_NOTICE_VERSION, retentionDays: getWebEnv().RETENTION_DAYS };
}

const SECTIONS: [PrivacyKey, PrivacyKey][] = [
  ["notice.who.h", "notice.who"],
  ["notice.what.h", "notice.what"],
  ["notice.share.h", "notice.share"],
  ["notice.keep.h", "notice.keep"],
  ["notice.rights.h", "notice.rights"],
];

export default function PrivacyNotice() {
  const { lng, version, retentionDays } = useLoaderData<typeof loader>();
  const { hotline } = useRootData();
  const t = (key: PrivacyKey) => privacyText(lng, key, { version, hotline, days: retentionDays });
  return (
    <main>
      <h1>{t("notice.title")}</h1>
      <p data-testid="notice-version">{t("notice.version")}</p>
      <p>{t("notice.intro")}</p>
      {SECTIONS.map(([h, body]) => (
        <section key={h} aria-labelledby={h}>
          <h2 id={h}>{t(h)}</h2>
          <p>{t(body)}</p>
        </section>
      ))}
      <p>
        <Link to={lngHref("/", lng)}>{t("notice.back")}</Link>
      </p>
    </main>
  );
}
