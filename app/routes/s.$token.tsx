import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";

import { withErrorTitle } from "~/components/error-pages";
import { stylesheets } from "~/components/page-head";
import { TelLink } from "~/components/tel-link";
import { TooManyLookups } from "~/components/too-many-lookups";
import { getSql } from "~/db/db.server";
import { formatSqm, sqmToMu } from "~/domain/area";
import { withoutBidiControls } from "~/domain/display-text";
import { formatWan } from "~/domain/money-format";
import { formatPhoneForDisplay, telHref } from "~/domain/phone";
import { type DeskKey, deskText } from "~/i18n/desk-messages";
import { pick } from "~/i18n/i18n";
import { type Lng, lngFromUrl } from "~/i18n/lng";
import { openShortlist, type ShortlistSpace } from "~/recruiter-desk/shortlists.server";
import { ErrorBoundary as RootErrorBoundary, useRootData } from "~/root";
import shortlistStyles from "~/styles/shortlist.css";
import { clientKey, consume, giveBack, lookupLimit } from "~/utils/rate-limit.server";

// GET /s/<token> — the shortlist page an enterprise keeps (issue 12 item 7, docs/decisions/030). Public,
// mobile first, zh-CN (English at ?lng=en), printable. It ships no JavaScript (handle.scripts: the
// root layout then renders no scripts and no serialized loader data), so it works on any phone and
// carries nothing but what is on it.

export const handle = { scripts: false };
export const links = stylesheets(shortlistStyles);
export const meta: MetaFunction<typeof loader> = withErrorTitle(({ data: d }) => [
  { title: d ? `${deskText(d.lng, "s.title")} · ${d.park.name}` : deskText("zh", "s.title") },
  { name: "robots", content: "noindex, nofollow" },
  { name: "referrer", content: "no-referrer" },
]);
// Private to whoever holds the link: never cached by a proxy, never sent on as a referrer.
export const headers: HeadersFunction = ({ errorHeaders }) => ({
  "Cache-Control": "private, no-store",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex",
  ...(errorHeaders?.get("Retry-After") ? { "Retry-After": errorHeaders.get("Retry-After")! } : {}),
});

/** The shortlist behind the token (and the opening recorded), or a 404 (ErrorBoundary below) that is the same for a wrong, malformed, expired or revoked link. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  // Guesses spend the address's lookup budget before the lookup; an open link gives its point back (ADR 102).
  const limit = lookupLimit();
  const who = clientKey(context);
  const limited = await consume(limit, who);
  if (!limited.ok)
    throw data(
      { retryAfterSec: limited.retryAfterSec },
      { status: 429, headers: { "Retry-After": String(limited.retryAfterSec), "Cache-Control": "no-store" } },
    );
  const page = await openShortlist(getSql(), params.token ?? "");
  if (!page) throw data(null, { status: 404, headers: { "Cache-Control": "no-store" } });
  await giveBack(limit, who);
  // Its lead was closed by an admin: the link is a real one, so it says so (410), and shows nothing of the list.
  if (page === "closed") throw data({ closed: true }, { status: 410, headers: { "Cache-Control": "no-store" } });
  return withoutBidiControls({
    lng: lngFromUrl(request.url),
    ...page,
    recruiter: {
      ...page.recruiter,
      phone: formatPhoneForDisplay(page.recruiter.phone, lngFromUrl(request.url)),
      tel: telHref(page.recruiter.phone),
    },
    today: date(new Date().toISOString()),
  });
}

function date(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

function figures(lng: Lng, s: ShortlistSpace, today: string): [string, string][] {
  const k = (key: DeskKey) => deskText(lng, key);
  const out: [string, string][] = [];
  const add = (key: DeskKey, value: number | string | null | undefined, unit = "") => {
    if (value !== null && value !== undefined) out.push([k(key), `${value}${unit}`]);
  };
  out.push([
    k("s.area"),
    s.kind === "land"
      ? deskText(lng, "s.areaMu", { sqm: formatSqm(Math.round(s.areaSqm)), mu: Math.round(sqmToMu(s.areaSqm) * 10) / 10 })
      : formatSqm(Math.round(s.areaSqm)),
  ]);
  out.push([k("s.deals"), s.deals.map((x) => k(`s.deal.${x}` as DeskKey)).join(" / ")]);
  if (s.singleStorey) out.push([k("s.floors"), k("s.singleStorey")]);
  else add("s.floors", s.floors);
  add("s.ceiling", s.ceilingM, " m");
  add("s.floorLoad", s.floorLoadKg, " kg/㎡");
  add("s.power", s.powerKva, " kVA");
  add("s.crane", s.craneT, " t");
  add("s.rent", s.rentYuanPerSqmMonth, k("unit.rent"));
  add("s.price", s.priceYuanPerSqm, k("unit.price"));
  add("s.landPrice", s.landPriceWanPerMu == null ? null : formatWan(lng, s.landPriceWanPerMu, "mu"));
  // A space no longer free has no move-in date to offer (its notice says why); a date already past means now.
  if (s.status === "available")
    out.push([k("s.available"), s.availableFrom && s.availableFrom > today ? s.availableFrom : k("s.availableNow")]);
  return out;
}

/** The recruiter's name, phone (a tel: link) and email: the only contact on the page. */
function Contact({
  lng,
  recruiter,
  id,
}: {
  lng: Lng;
  recruiter: { name: string; phone: string; tel: string | null; email: string };
  id: string;
}) {
  const k = (key: DeskKey) => deskText(lng, key);
  return (
    <section className="contact" aria-labelledby={id}>
      <h2 id={id}>{k("s.contact")}</h2>
      <p className="who">{recruiter.name}</p>
      <p>
        <TelLink href={recruiter.tel} className="call">
          {k("s.call")} {recruiter.phone}
        </TelLink>
      </p>
      <p>
        <a className="mail" href={`mailto:${recruiter.email}`}>
          {k("s.email")} {recruiter.email}
        </a>
      </p>
    </section>
  );
}

export default function Shortlist() {
  const d = useLoaderData<typeof loader>();
  const k = (key: DeskKey, params?: Record<string, string | number>) => deskText(d.lng, key, params);
  return (
    <main className="shortlist" lang={d.lng === "en" ? "en" : "zh-CN"}>
      <header>
        {/* The same link in the other language (the page has no script: a plain relative link). */}
        <p className="language">
          <a href={d.lng === "en" ? "?lng=zh" : "?lng=en"} lang={d.lng === "en" ? "zh-CN" : "en"}>
            {k("s.otherLanguage")}
          </a>
        </p>
        <p className="park">{d.park.name}</p>
        <h1>{k("s.title")}</h1>
        <p>{k("s.intro", { park: d.park.name, n: d.spaces.length })}</p>
      </header>
      <Contact lng={d.lng} recruiter={d.recruiter} id="contact-top" />
      <ol className="spaces">
        {d.spaces.map((s) => (
          <li key={s.id}>
            <article aria-labelledby={`space-${s.id}`}>
              <h2 id={`space-${s.id}`}>{s.title}</h2>
              {s.status !== "available" ? <p className="notice">{k(`s.notAvailable.${s.status}`)}</p> : null}
              <dl className="figures">
                {figures(d.lng, s, d.today).map(([label, value]) => (
                  <div key={label}>
                    <dt>{label}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
              {s.status === "let" || s.status === "retired" ? null : <h3>{k("s.why")}</h3>}
              {s.status === "let" || s.status === "retired" ? null : s.reasons.length > 0 ? (
                <ul className="reasons">
                  {s.reasons.map((r, i) => (
                    <li key={i}>{pick(d.lng, r)}</li>
                  ))}
                </ul>
              ) : (
                <p>{k("s.picked")}</p>
              )}
            </article>
          </li>
        ))}
      </ol>
      <section aria-labelledby="park-h">
        <h2 id="park-h">{k("s.location")}</h2>
        <p>
          {d.park.name} · {d.park.city}
          {d.park.district}
          {d.park.address ? ` · ${d.park.address}` : ""}
        </p>
        {d.park.policies ? (
          <>
            <h2>{k("s.policies")}</h2>
            <p className="policies">{d.park.policies}</p>
          </>
        ) : null}
      </section>
      <Contact lng={d.lng} recruiter={d.recruiter} id="contact-bottom" />
      <footer>
        <p>{k("s.expires", { date: date(d.expiresAt) })}</p>
        <p className="print-hint">{k("s.print")}</p>
      </footer>
    </main>
  );
}

/**
 * A wrong, malformed, expired (30 days) or revoked link: one page for all of them, in the person's
 * language, saying what may have happened and whom to ask (the recruiter, or HOTLINE_PHONE) — it never
 * says which of them it was. Any other failure gets the site's error page.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const { lng, hotline } = useRootData();
  if (isRouteErrorResponse(error) && error.status === 429) {
    const seconds = Number((error.data as { retryAfterSec?: unknown } | null)?.retryAfterSec) || 60;
    return <TooManyLookups lng={lng} hotline={hotline} minutes={Math.ceil(seconds / 60)} />;
  }
  if (isRouteErrorResponse(error) && error.status === 410)
    return (
      <main className="shortlist gone">
        <h1>{deskText(lng, "s.closed.title")}</h1>
        <p>{hotline ? deskText(lng, "s.closed.body", { hotline }) : deskText(lng, "s.closed.bodyNoHotline")}</p>
      </main>
    );
  if (!isRouteErrorResponse(error) || error.status !== 404) return <RootErrorBoundary />;
  return (
    <main className="shortlist gone">
      <h1>{deskText(lng, "s.gone.title")}</h1>
      <p>{hotline ? deskText(lng, "s.gone.body", { hotline }) : deskText(lng, "s.gone.bodyNoHotline")}</p>
    </main>
  );
}
