import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";

import { dashboardCharts } from "~/admin/dashboard-charts.server";
import { defaultRange, loadDashboardFigures } from "~/admin/dashboard-data.server";
import { checkDashboardPark, readDashboardFilters } from "~/admin/dashboard-forms";
import { requireAdminActor } from "~/auth/admin-gate.server";
import { AdminErrorBoundary, AdminPage, DataTable, FilterDate, FilterNotices, FilterSelect } from "~/components/admin";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { getSql } from "~/db/db.server";
import { withoutBidiControls } from "~/domain/display-text";
import { type AdminOpsKey, opsText } from "~/i18n/admin-ops-messages";
import { lngHref } from "~/i18n/i18n";
import { lngFromUrl } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { listParkNames } from "~/inventory/inventory-read.server";
import adminStyles from "~/styles/admin.css";

export const links = stylesheets(adminStyles);
export const meta = noindexMeta<typeof loader>((d) => opsText(d?.lng ?? "zh", "dashboard.title"));
export const headers = noStore;

/**
 * GET /admin/dashboard?from=&to=&park=: the team's figures (ADR 028), each an ECharts chart rendered
 * to SVG on the server, a table beside it, and a CSV export; no JavaScript needed.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminActor(request);
  const lng = lngFromUrl(request.url);
  const url = new URL(request.url);
  const asked = readDashboardFilters(url, defaultRange());
  const sql = getSql();
  const parks = await listParkNames(sql);
  // An unknown park (an old bookmark, a typo) is named and dropped, never all zeros under "all parks".
  const { park, notices } = checkDashboardPark(
    url,
    asked.park,
    parks.map((p) => p.id),
  );
  const filters = { ...asked, park };
  const figures = await loadDashboardFigures(sql, filters);
  return {
    lng,
    filters,
    notices: withoutBidiControls(notices),
    parks: withoutBidiControls(parks),
    charts: await dashboardCharts(lng, withoutBidiControls(figures)),
    firstContact: figures.firstContact,
    matchRate: figures.matchRate,
  };
}

export default function Dashboard() {
  const { lng, filters, notices, parks, charts, firstContact, matchRate } = useLoaderData<typeof loader>();
  const t = (k: AdminOpsKey, p?: Record<string, string | number>) => opsText(lng, k, p);
  const query = (figure: string) => {
    const params = new URLSearchParams({ from: filters.from, to: filters.to, figure });
    if (filters.park) params.set("park", filters.park);
    return lngHref(`/admin/dashboard/export?${params}`, lng);
  };
  const median = firstContact.medianMinutes === null ? "—" : opsText(lng, "unit.minutes", { n: Math.round(firstContact.medianMinutes) });
  return (
    <AdminPage lng={lng}>
      <h1>{t("dashboard.title")}</h1>
      <Form method="get" action="/admin/dashboard" className="filters" aria-label={t("dashboard.filters")}>
        {lng === "en" ? <input type="hidden" name="lng" value="en" /> : null}
        <FilterDate name="from" label={t("dashboard.from")} value={filters.from} />
        <FilterDate name="to" label={t("dashboard.to")} value={filters.to} />
        <FilterSelect
          name="park"
          label={t("dashboard.park")}
          anyLabel={t("dashboard.allParks")}
          value={filters.park}
          options={parks.map((p) => ({ value: p.id, label: p.name }))}
        />
        <div className="filter-actions">
          <button type="submit">{t("dashboard.submit")}</button>
        </div>
      </Form>
      <FilterNotices lng={lng} notices={notices} />
      {filters.adjusted ? (
        <p className="hint" role="status">
          {t(filters.adjusted === "cut" ? "dashboard.rangeCut" : "dashboard.rangeInvalid", { from: filters.from, to: filters.to })}
        </p>
      ) : null}

      <p data-testid="match-rate">
        <strong>{`${t("dashboard.matchRate")}${punctuationMessages.t(lng, "label")}`}</strong>
        {t("dashboard.matchRate.text", {
          matched: matchRate.matched,
          total: matchRate.total,
          rate: matchRate.total ? `${((100 * matchRate.matched) / matchRate.total).toFixed(1)}%` : "—",
        })}
      </p>

      <div className="figures">
        {charts.map((c) => (
          <section key={c.figure} aria-labelledby={`fig-${c.figure}`} className="figure" data-figure={c.figure}>
            <h2 id={`fig-${c.figure}`}>{c.title}</h2>
            {c.figure === "firstContact" ? (
              <p>
                {t("dashboard.firstContact.summary", {
                  n: firstContact.total,
                  within5: firstContact.within5,
                  within60: firstContact.within60,
                  median,
                })}
              </p>
            ) : null}
            {c.figure === "funnel" || c.figure === "perDay" ? (
              <p className="hint" data-testid={`${c.figure}-repeats-note`}>
                {t("dashboard.repeats.note")}
              </p>
            ) : null}
            {c.figure === "unmet" ? (
              <>
                <p className="hint" data-testid="unmet-note">
                  {t("dashboard.unmet.note")}
                </p>
                {/* Which band a need is in, and which band an edge is in (ADR 143). */}
                <p className="hint" data-testid="unmet-bands">
                  {t("dashboard.unmet.bands")}
                </p>
              </>
            ) : null}
            {c.svg ? (
              <>
                <div className="chart chart-wide" aria-hidden="true" dangerouslySetInnerHTML={{ __html: c.svg.wide }} />
                <div className="chart chart-narrow" aria-hidden="true" dangerouslySetInnerHTML={{ __html: c.svg.narrow }} />
              </>
            ) : (
              <p className="chart-empty" data-testid="no-data">
                {t("dashboard.noData")}
              </p>
            )}
            <details open={c.figure === "funnel"}>
              <summary>{t("dashboard.table")}</summary>
              <DataTable
                caption={c.title}
                columns={c.head.map((h, i) => ({ label: h, numeric: i > 0 }))}
                empty={{ when: c.rows.length === 0, text: t("dashboard.empty") }}
              >
                {c.rows.map((r, i) => (
                  <tr key={i}>
                    <th scope="row">{r[0]}</th>
                    {r.slice(1).map((v, j) => (
                      <td key={j} className="num">
                        {v}
                      </td>
                    ))}
                  </tr>
                ))}
              </DataTable>
            </details>
            <p>
              <a href={query(c.figure)} download>
                {t("dashboard.export")}
              </a>
            </p>
          </section>
        ))}
      </div>
    </AdminPage>
  );
}

export const ErrorBoundary = AdminErrorBoundary;
