import { data, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";

import { NotFoundPage } from "~/components/error-pages";
import { FigureText } from "~/components/figure-text-view";
import { HotlineInSentence } from "~/components/hotline-in-sentence";
import { noindexMeta } from "~/components/page-head";
import { PublicHeader } from "~/components/public-header";
import { TooManyLookups } from "~/components/too-many-lookups";
import { getSql } from "~/db/db.server";
import { flagTextIn } from "~/domain/lead-flags";
import { formatWan } from "~/domain/money-format";
import { describeNeedHints } from "~/domain/need-hints-text";
import { needRegionsText, placeNamesText } from "~/domain/regions.server";
import { needAreaLine } from "~/domain/unit-count-text";
import { lngHref } from "~/i18n/i18n";
import { type Lng, lngFromUrl } from "~/i18n/lng";
import { publicText } from "~/i18n/public-messages";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { ui } from "~/i18n/ui-messages";
import { amountRangeRows, eiaFromNotesRow } from "~/leads/amount-ranges-said";
import { inquiryKeyOk } from "~/leads/inquiry-link.server";
import { type InquiryNeed, type InquirySummary, inquirySummary, leadReferenceExists } from "~/leads/lead-view.server";
import { setAsideText } from "~/leads/set-aside-text";
import { ErrorBoundary as RootErrorBoundary, useRootData } from "~/root";
import { clientKey, consume, lookupLimit } from "~/utils/rate-limit.server";

export const meta = noindexMeta<typeof loader>((d) => ui(d?.lng ?? "zh", "inquiry.title"));

// Never cached by a proxy; an address carrying the link's key (?k=) is never sent on as a referrer (the loader says so).
export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => {
  const headers = new Headers({ "Cache-Control": "private, no-store" });
  for (const [name, from] of [
    ["Referrer-Policy", loaderHeaders],
    ["Retry-After", errorHeaders],
  ] as const) {
    const value = from?.get(name);
    if (value) headers.set(name, value);
  }
  return headers;
};

const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** The need as the page shows it, in the reader's language: only what was asked, nothing about who asked. */
type SummaryLines = { kind: string; area: string; regions: string; moveIn: string; specs: string };

function summaryLines(s: InquiryNeed, lng: Lng): SummaryLines {
  const t = (key: Parameters<typeof ui>[1], params?: Record<string, string | number>) => ui(lng, key, params);
  const kind = s.kind && ["factory", "land", "office", "warehouse"].includes(s.kind) ? t(`need.kind.${s.kind}` as never) : "";
  const deal = s.deal && ["lease", "buy"].includes(s.deal) ? t(`need.deal.${s.deal}` as never) : "";
  const [year, month] = (s.moveInBy ?? "").split("-").map(Number);
  return {
    kind: [kind, deal].filter(Boolean).join(" · "),
    area: needAreaLine(s, lng),
    regions: needRegionsText(s, lng) || publicText(lng, "inquiry.summary.anyRegion"),
    moveIn: s.moveInBy ? publicText(lng, "inquiry.summary.month", { year, month: lng === "en" ? MONTHS_EN[month - 1] : month }) : "",
    specs: specsLine(s, lng),
  };
}

/**
 * The building's figures asked for — typed or read from the notes ("层高8米以上，需要10吨行车") — in the words the
 * form's preview used ("单层、层高 ≥ 8m、行车 ≥ 10t"; docs/decisions/133); "" when none.
 */
function specsLine(
  s: Pick<InquirySummary, "singleStorey" | "ceilingMinM" | "floorLoadMinKg" | "powerMinKva" | "craneMinT">,
  lng: Lng,
): string {
  const v = (x: number | null) => x ?? undefined;
  return describeNeedHints(
    {
      ...(s.singleStorey ? { singleStorey: true } : {}),
      ceilingMinM: v(s.ceilingMinM),
      floorLoadMinKg: v(s.floorLoadMinKg),
      powerMinKva: v(s.powerMinKva),
      craneMinT: v(s.craneMinT),
    },
    lng,
  ).join(lng === "zh" ? "、" : ", ");
}

const SUMMARY_ROWS = [
  ["inquiry.summary.kind", "kind"],
  ["inquiry.summary.area", "area"],
  ["inquiry.summary.regions", "regions"],
  ["inquiry.summary.moveIn", "moveIn"],
  ["inquiry.summary.specs", "specs"],
] as const;

/**
 * What staff corrected of the lines shown (ADR 108): "面积：8000–10000㎡；意向区域：溧水区", or "" when
 * nothing the page shows changed (a correction of a figure the page does not show is not mentioned).
 */
function correctionText(sent: SummaryLines, now: SummaryLines, lng: Lng): string {
  return SUMMARY_ROWS.filter(([, k]) => sent[k] !== now[k] && now[k] !== "")
    .map(([label, k]) => `${publicText(lng, label)}${punctuationMessages.t(lng, "label")}${now[k]}`)
    .join(lng === "zh" ? "；" : "; ");
}

/**
 * The confirmation: the reference and what happens next; with the link's key (the form's answer sends the
 * person to `/inquiry/<reference>?k=<key>`, app/leads/inquiry-link.server.ts) also the need they sent and,
 * for a likely repeat, the first reference. No company, contact or phone, ever. A lookup without the right
 * key spends a point of the address's lookup budget (references are counted and can be walked): past it,
 * 429 with Retry-After (ADR 102).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lng = lngFromUrl(request.url);
  const typed = params.reference ?? "";
  if (typed === "received") return withoutSummary(lng, null);
  // As people retype it from a note or a message: lower case, a blank copied around it.
  const reference = typed.trim().toUpperCase();
  if (!/^PM-\d{8}-\d{4,}$/.test(reference)) throw new Response("not found", { status: 404 });
  const key = new URL(request.url).searchParams.get("k");
  if (inquiryKeyOk(reference, key)) {
    // The key is the link the person was sent to: not a guess, never limited.
    const summary = await inquirySummary(getSql(), reference);
    if (!summary) throw new Response("not found", { status: 404 });
    const lines = summaryLines(summary, lng);
    // What the enterprise submitted stays as submitted; a staff correction is said apart, and once staff
    // checked the need with the person, the notes-against-boxes doubt is theirs no more (ADR 108).
    const corrected = summary.corrected ? correctionText(lines, summaryLines(summary.corrected, lng), lng) : "";
    const doubts = summary.corrected
      ? []
      : summary.notesDiffer.map((d) =>
          // A deal in the flag's text is said in the page's words ("购买", not "购买（buy）": lead-flags.ts).
          d.box
            ? publicText(lng, "inquiry.notesDiffer", { notes: flagTextIn(lng, d.notes), box: flagTextIn(lng, d.box) })
            : publicText(lng, "inquiry.notesDifferNoBox", { notes: flagTextIn(lng, d.notes) }),
        );
    // Words of the notes not read (a place, a date): said, so "意向区域：不限" is not all the page says of them.
    if (!summary.corrected) doubts.push(...summary.unread.map((text) => publicText(lng, "inquiry.unread", { text })));
    // The area a ceiling only (docs/decisions/132): matched as "at most", the size needed asked.
    if (!summary.corrected) doubts.push(...summary.ceilingOnly.map((text) => publicText(lng, "inquiry.ceilingOnly", { text })));
    // Units of different sizes (docs/decisions/141): each matched between the sizes, as the area line says — told.
    if (!summary.corrected) doubts.push(...summary.unitSizes.map((text) => publicText(lng, "inquiry.unitSizes", { text })));
    // What the notes said of places beside the districts stored (ADR 131): a place ruled out is said as ruled out,
    // never as preferred (attack F16); a place the typed box leaves out is told, never dropped silently.
    const places = placeRows(summary.places, lng);
    // A wish alone is no filter (ADR 110): the districts line says "any" and the preference in one line, never
    // "Preferred districts: Any" beside "Districts preferred: Pukou" (ADR 140, attack L4).
    const anyRegion = publicText(lng, "inquiry.summary.anyRegion");
    const shown =
      lines.regions === anyRegion && summary.places.preferred.length
        ? {
            ...lines,
            regions: publicText(lng, "inquiry.summary.anyRegionPreferred", { places: names(summary.places.preferred.join("、"), lng) }),
          }
        : lines;
    // Figures wished for (docs/decisions/153): a row of their own in the person's language, never among the words not read.
    const wished = summary.wished.join(lng === "zh" ? "；" : "; ");
    // Budget and price words (ADR 165): said back as read — no filter, the recruiter has them — never left unsaid.
    const budget = summary.budget.join(lng === "zh" ? "；" : "; ");
    // What the notes said that is read but no requirement — the premises the enterprise has, items not needed, area for
    // another use, an area ruled out (trial39 L15, docs/decisions/189): said back with the live preview's words, never silent.
    const setAside = summary.setAside.map((s) => setAsideText(lng, s)).join(lng === "zh" ? "；" : "; ");
    const rows = shown === lines ? places : places.filter(([label]) => label !== publicText(lng, "inquiry.summary.regionsFirst"));
    if (!summary.corrected)
      doubts.push(
        ...summary.places.ruledOutInBox.map((d) =>
          publicText(lng, "inquiry.placesRuledOutInBox", { notes: names(d.notes, lng), box: names(d.box, lng) }),
        ),
        ...summary.places.notInBox.map((d) =>
          publicText(lng, "inquiry.placesNotInBox", { notes: names(d.notes, lng), box: names(d.box, lng) }),
        ),
      );
    // …and the parts of the notes no reader used ("双回路供电", "要有月台"), in one line (docs/decisions/133).
    if (!summary.corrected && summary.notRead.length)
      doubts.push(publicText(lng, "inquiry.notRead", { parts: summary.notRead.join(lng === "zh" ? "；" : "; ") }));
    // The annual tax as read (docs/decisions/162): "年纳税三百万" typed, "300 万元/年" said back; none given, said so.
    // A range's lower figure (docs/decisions/168): said with the range it came from.
    const tax =
      typeof summary.annualTaxWan !== "number"
        ? publicText(lng, "inquiry.summary.taxNone")
        : summary.taxRange
          ? publicText(lng, "inquiry.summary.taxRange", { amount: formatWan(lng, summary.annualTaxWan, "year"), range: summary.taxRange })
          : formatWan(lng, summary.annualTaxWan, "year");
    // The investment and output boxes' ranges (ADR 189), said as the tax's range is (readers40).
    // …and the EIA category the notes filled (docs/decisions/216), said as the amounts the notes filled are.
    const amounts = [
      ...amountRangeRows(lng, summary.amountRanges ?? []),
      ...(summary.eiaFromNotes ? [eiaFromNotesRow(lng, summary.eiaFromNotes)] : []),
    ];
    return data(
      {
        lng,
        reference,
        key,
        summary: shown,
        places: rows,
        wished,
        tax,
        amounts,
        budget,
        setAside,
        repeatOf: summary.repeatOf,
        corrected,
        doubts,
      },
      { headers: { "Referrer-Policy": "no-referrer" } },
    );
  }
  const limited = await consume(lookupLimit(), clientKey(context));
  if (!limited.ok)
    throw data(
      { retryAfterSec: limited.retryAfterSec },
      { status: 429, headers: { "Retry-After": String(limited.retryAfterSec), "Cache-Control": "no-store" } },
    );
  if (!(await leadReferenceExists(getSql(), reference))) throw new Response("not found", { status: 404 });
  return withoutSummary(lng, reference);
}

/** The page without the need: the reference only (a lookup without the link's key), or nothing (`/inquiry/received`). */
function withoutSummary(lng: Lng, reference: string | null) {
  return {
    lng,
    reference,
    key: null,
    summary: null,
    places: [] as [string, string][],
    wished: "",
    tax: "",
    amounts: [] as [string, string][],
    budget: "",
    setAside: "",
    repeatOf: null,
    corrected: "",
    doubts: [] as string[],
  };
}

/** A flag's names ("江宁、浦口") in the page's language and list words: "Jiangning District (江宁区), …" in English (ADR 140). */
function names(text: string, lng: Lng): string {
  return placeNamesText(text.split("、").filter(Boolean), lng);
}

/** The summary's rows of places ruled out and preferred (ADR 131): [label, value], none when the notes said neither. */
function placeRows(p: InquirySummary["places"], lng: Lng): [string, string][] {
  const rows: [string, string][] = [];
  if (p.excluded.length) rows.push([publicText(lng, "inquiry.summary.regionsOut"), names(p.excluded.join("、"), lng)]);
  if (p.preferred.length) rows.push([publicText(lng, "inquiry.summary.regionsFirst"), names(p.preferred.join("、"), lng)]);
  return rows;
}

export default function Inquiry() {
  const { lng, reference, key, summary, places, wished, tax, amounts, budget, setAside, repeatOf, corrected, doubts } =
    useLoaderData<typeof loader>();
  const { hotline } = useRootData();
  const t = (key: Parameters<typeof ui>[1], params?: Record<string, string>) => ui(lng, key, params);
  const path = reference ? `/inquiry/${reference}${key ? `?k=${encodeURIComponent(key)}` : ""}` : "/inquiry/received";
  return (
    <>
      <PublicHeader lng={lng} path={path} />
      <main>
        <h1>{t("inquiry.title")}</h1>
        {repeatOf ? (
          <div className="banner" role="status" data-testid="repeat">
            {publicText(lng, "inquiry.repeat", { reference: repeatOf, own: reference ?? "" })}
          </div>
        ) : null}
        {reference ? (
          <>
            <p>{t("inquiry.reference")}</p>
            {/* A repeat's number to keep is the first one: that lead is the one staff work (ADR 108). */}
            <p className="reference" data-testid="reference">
              {repeatOf ?? reference}
            </p>
            <p>{publicText(lng, "inquiry.keep")}</p>
          </>
        ) : (
          <p>{t("inquiry.generic")}</p>
        )}
        {summary ? (
          <section aria-labelledby="inquiry-summary">
            <h2 id="inquiry-summary">{publicText(lng, "inquiry.summary")}</h2>
            <dl className="summary" data-testid="summary">
              {SUMMARY_ROWS.map(([label, k]) => [label, summary[k]] as const)
                .filter(([, value]) => value !== "")
                .map(([label, value]) => (
                  <div key={label}>
                    <dt>{publicText(lng, label)}</dt>
                    <dd>
                      <FigureText text={value} />
                    </dd>
                  </div>
                ))}
              {places.map(([label, value]) => (
                <div key={label} data-testid="summary-places">
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
              {tax ? (
                <div data-testid="summary-tax">
                  <dt>{publicText(lng, "inquiry.summary.tax")}</dt>
                  <dd>
                    <FigureText text={tax} />
                  </dd>
                </div>
              ) : null}
              {amounts.map(([label, text]) => (
                <div key={label} data-testid="summary-amount-range">
                  <dt>{label}</dt>
                  <dd>
                    <FigureText text={text} />
                  </dd>
                </div>
              ))}
              {budget ? (
                <div data-testid="summary-budget">
                  <dt>{publicText(lng, "inquiry.summary.budget")}</dt>
                  <dd>
                    <FigureText text={budget} />
                  </dd>
                </div>
              ) : null}
              {setAside ? (
                <div data-testid="summary-set-aside">
                  <dt>{publicText(lng, "inquiry.summary.setAside")}</dt>
                  <dd>
                    <FigureText text={setAside} />
                  </dd>
                </div>
              ) : null}
              {wished ? (
                <div data-testid="summary-wished">
                  <dt>{publicText(lng, "inquiry.summary.wished")}</dt>
                  <dd>
                    <FigureText text={wished} />
                  </dd>
                </div>
              ) : null}
            </dl>
            {corrected ? (
              <p data-testid="corrected">
                <FigureText text={publicText(lng, "inquiry.corrected", { changes: corrected })} />
              </p>
            ) : null}
            {doubts.map((text) => (
              <p key={text} className="hint" data-testid="notes-differ">
                <FigureText text={text} />
              </p>
            ))}
          </section>
        ) : null}
        <h2>{t("inquiry.next")}</h2>
        <ol>
          <li>{publicText(lng, "inquiry.next1")}</li>
          <li>{publicText(lng, "inquiry.next2")}</li>
          <li>
            <HotlineInSentence sentence={(h) => publicText(lng, "inquiry.next3", { hotline: h })} hotline={hotline} />
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
 * — not the bare "page not found" of every other address. Too many look-ups from one address: how long
 * to wait, and the hotline.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const { lng, hotline, desk } = useRootData();
  const t = (key: Parameters<typeof ui>[1], params?: Record<string, string | number>) => ui(lng, key, params);
  if (isRouteErrorResponse(error) && error.status === 429) {
    const seconds = Number((error.data as { retryAfterSec?: unknown } | null)?.retryAfterSec) || 60;
    return <TooManyLookups lng={lng} hotline={hotline} minutes={Math.ceil(seconds / 60)} />;
  }
  if (!isRouteErrorResponse(error) || error.status !== 404) return <RootErrorBoundary />;
  return (
    <NotFoundPage lng={lng} desk={desk} homeLabel={t("inquiry.toForm")}>
      <p role="alert">{publicText(lng, "inquiry.notFound")}</p>
      <p>
        {hotline ? (
          <HotlineInSentence sentence={(h) => publicText(lng, "inquiry.notFoundHotline", { hotline: h })} hotline={hotline} />
        ) : (
          t("inquiry.notFoundNoHotline")
        )}
      </p>
    </NotFoundPage>
  );
}
