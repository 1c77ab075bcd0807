import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { LEAD_CHANNELS, LEAD_STATUSES, readLeadListQuery } from "~/admin/lead-forms";
import { leadQueueCounts, leadSearchClient, listLeads } from "~/admin/lead-list.server";
import { requireAdminActor } from "~/auth/admin-gate.server";
import { AdminErrorBoundary, AdminPage, DataTable, FilterDate, FilterNotices, FilterSelect, Time } from "~/components/admin";
import { FoldedFilters } from "~/components/folded-filters";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { getSql } from "~/db/db.server";
import { withoutBidiControls } from "~/domain/display-text";
import { INDUSTRY_SECTIONS } from "~/domain/industries";
import { type AdminOpsKey, opsLabel, opsText } from "~/i18n/admin-ops-messages";
import { lngHref, pick } from "~/i18n/i18n";
import { lngFromUrl } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { listParkNames } from "~/inventory/inventory-read.server";
import adminStyles from "~/styles/admin.css";

export const links = stylesheets(adminStyles);
export const meta = noindexMeta<typeof loader>((d) => opsText(d?.lng ?? "zh", "leads.title"));
export const headers = noStore;

/**
 * GET /admin/leads?q=&status=&park=&section=&channel=&from=&to=&unmatched=1&breached=1&page=: the
 * lead list (ADR 028). A plain GET form: the address is the state, so a filter can be bookmarked.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminActor(request);
  const url = new URL(request.url);
  const sql = getSql();
  const parks = await listParkNames(sql);
  // What the address asked that could not be used is named on the page (`adjusted`, as the dashboard does).
  const { filters, typedQ, adjusted } = readLeadListQuery(
    url,
    parks.map((p) => p.id),
  );
  const [list, counts] = await Promise.all([listLeads(sql, leadSearchClient(), filters), leadQueueCounts(sql)]);
  if (filters.page !== undefined && list.page < filters.page)
    adjusted.push({ key: "filter.adjusted.pageEnd", params: { asked: filters.page, page: list.page } });
  return {
    lng: lngFromUrl(request.url),
    filters,
    typedQ: withoutBidiControls(typedQ),
    adjusted: withoutBidiControls(adjusted),
    list: withoutBidiControls(list),
    counts,
    parks: withoutBidiControls(parks),
  };
}

export default function AdminLeads() {
  const { lng, filters: f, typedQ, adjusted, list, counts, parks } = useLoaderData<typeof loader>();
  const t = (k: AdminOpsKey, p?: Record<string, string | number>) => opsText(lng, k, p);
  // The filters as the box and the fields hold them: the search words whole, as typed (a longer text is
  // searched by its first 100 characters again on the next page, and its notice stays true; ADR 093).
  const filterParams = () => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(f))
      if (v !== undefined && v !== false && k !== "page") params.set(k, k === "q" ? typedQ : v === true ? "1" : String(v));
    return params;
  };
  const pageLink = (page: number) => {
    const params = filterParams();
    params.set("page", String(page));
    return lngHref(`/admin/leads?${params}`, lng);
  };
  // Past LEAD_COUNT_CAP the list is not counted further (ADR 045): "more than 10,000", and a request to narrow the filters.
  const total = list.total.toLocaleString("en");
  const caption = t(list.totalCapped ? "leads.caption.capped" : "leads.caption", { page: list.page, total });
  const exportParams = filterParams();
  const statusOptions = LEAD_STATUSES.map((s) => ({ value: s, label: opsLabel(lng, "status", s) }));
  const parkOptions = parks.map((p) => ({ value: p.id, label: p.name }));
  const sectionOptions = INDUSTRY_SECTIONS.map((s) => ({ value: s.code, label: `${s.code} ${pick(lng, s)}` }));
  const channelOptions = LEAD_CHANNELS.map((c) => ({ value: c, label: opsLabel(lng, "source", c) }));
  // The filters in use, named on the folded filters' line (a phone's; ADR 179), each by its label and value.
  const chosen = (options: { value: string; label: string }[], value: string | null | undefined) =>
    options.find((o) => o.value === value)?.label;
  const inUse = [
    chosen(statusOptions, f.status),
    chosen(parkOptions, f.park),
    chosen(sectionOptions, f.section),
    chosen(channelOptions, f.channel),
    f.from ? `${t("leads.from")} ${f.from}` : undefined,
    f.to ? `${t("leads.to")} ${f.to}` : undefined,
    f.unmatched ? t("leads.unmatched") : undefined,
    f.breached ? t("leads.breached") : undefined,
  ].filter((x): x is string => x !== undefined);

  return (
    <AdminPage lng={lng}>
      <h1>{t("leads.title")}</h1>
      {/* Seen first, on a phone too: what the list did instead of what was asked (the form is a screen long there). */}
      <FilterNotices lng={lng} notices={adjusted} />
      <p className="quick-links">
        <Link to={lngHref("/admin#unassigned-h", lng)}>{t("leads.unassignedLink", { n: counts.unassigned })}</Link>
        {" · "}
        <Link to={lngHref("/admin/leads?unmatched=1", lng)}>{t("leads.unmatchedLink", { n: counts.unmatched })}</Link>
      </p>

      {/* On a phone the first screen shows the first leads (ADR 179, /queue's pattern of ADR 170): the search row, then
          the filters folded behind a line naming those in use; open on a wider screen. */}
      <Form method="get" action="/admin/leads" className="filters" role="search" aria-label={t("leads.search")}>
        {lng === "en" ? <input type="hidden" name="lng" value="en" /> : null}
        <div className="field wide">
          <label htmlFor="q">{t("leads.q")}</label>
          <p className="hint search-hint" id="q-hint">
            {t("leads.q.hint")}
          </p>
          {/* What was typed, whole (a longer text was searched by its first 100 characters, and the notice says so). */}
          <div className="search-row">
            <input id="q" name="q" type="search" defaultValue={typedQ} aria-describedby="q-hint" />
            <button type="submit">{t("leads.submit")}</button>
          </div>
        </div>
        <FoldedFilters summary={inUse.length ? t("leads.filters.inUse", { list: inUse.join(" · ") }) : t("leads.filters")}>
          <FilterSelect name="status" label={t("leads.status")} anyLabel={t("leads.any")} value={f.status} options={statusOptions} />
          <FilterSelect name="park" label={t("leads.park")} anyLabel={t("leads.any")} value={f.park} options={parkOptions} />
          <FilterSelect name="section" label={t("leads.industry")} anyLabel={t("leads.any")} value={f.section} options={sectionOptions} />
          <FilterSelect name="channel" label={t("leads.channel")} anyLabel={t("leads.any")} value={f.channel} options={channelOptions} />
          <FilterDate name="from" label={t("leads.from")} value={f.from} />
          <FilterDate name="to" label={t("leads.to")} value={f.to} />
          <div className="field checks">
            <label>
              <input type="checkbox" name="unmatched" value="1" defaultChecked={f.unmatched} /> {t("leads.unmatched")}
            </label>
            <label>
              <input type="checkbox" name="breached" value="1" defaultChecked={f.breached} /> {t("leads.breached")}
            </label>
          </div>
          <div className="filter-actions">
            <Link to={lngHref("/admin/leads", lng)}>{t("leads.reset")}</Link>
            {/* A download, not a page: reloadDocument lets the browser save the file. */}
            <Link
              reloadDocument
              data-testid="leads-export"
              to={lngHref(`/admin/leads/export${String(exportParams) ? `?${exportParams}` : ""}`, lng)}
            >
              {t("leads.export")}
            </Link>
          </div>
        </FoldedFilters>
      </Form>

      {list.searchDown ? (
        <p className="banner error" role="status">
          {t("leads.searchDown")}
        </p>
      ) : null}

      {list.totalCapped ? (
        <p className="banner info" role="status" data-testid="leads-too-many">
          {t("leads.tooMany", { total, pages: list.pages })}
        </p>
      ) : null}

      <DataTable
        caption={caption}
        columns={[
          { label: t("leads.col.reference") },
          { label: t("leads.col.company") },
          { label: t("leads.col.product") },
          { label: t("leads.col.status") },
          { label: t("leads.col.parks") },
          { label: t("leads.col.channel") },
          { label: t("leads.col.created") },
          { label: t("leads.col.sla") },
        ]}
        empty={{ when: list.rows.length === 0, text: t("leads.empty") }}
      >
        {list.rows.map((r) => (
          <tr key={r.id} data-lead={r.reference}>
            <th scope="row">
              <Link to={lngHref(`/admin/leads/${r.id}`, lng)}>{r.reference}</Link>
            </th>
            <td>{r.company}</td>
            <td>{r.product || "—"}</td>
            <td className="nowrap">{opsLabel(lng, "status", r.status)}</td>
            <td>{r.parks.join(punctuationMessages.t(lng, "list")) || "—"}</td>
            <td className="nowrap">{opsLabel(lng, "source", r.source)}</td>
            <td>
              <Time iso={r.createdAt} />
            </td>
            <td className={r.breached ? "error-text" : undefined}>
              <Time iso={r.acceptBy} />
              {r.breached ? ` ${t("leads.sla.breached")}` : ""}
            </td>
          </tr>
        ))}
      </DataTable>

      <nav className="pager" aria-label={caption}>
        {list.page > 1 ? <Link to={pageLink(list.page - 1)}>{t("leads.prev")}</Link> : null}
        <span>
          {list.page} / {list.pages}
        </span>
        {list.page < list.pages ? <Link to={pageLink(list.page + 1)}>{t("leads.next")}</Link> : null}
      </nav>
    </AdminPage>
  );
}

export const ErrorBoundary = AdminErrorBoundary;
