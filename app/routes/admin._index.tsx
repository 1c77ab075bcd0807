import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";

import { loadDashboard } from "~/admin/admin-data.server";
import { calendarMissingYears } from "~/admin/calendar-overrides.server";
import { prepareDashboardCharts } from "~/admin/dashboard-charts.server";
import { leadQueueCounts } from "~/admin/lead-list.server";
import { requireAdmin } from "~/auth/session.server";
import {
  AdminErrorBoundary,
  AdminPage,
  AdminSection,
  type Column,
  DataTable,
  StuckWorkTable,
  TimeCell,
  useAdminText,
} from "~/components/admin";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { getSql } from "~/db/db.server";
import { withoutBidiControls } from "~/domain/display-text";
import { adminLabel, adminText } from "~/i18n/admin-messages";
import { opsText } from "~/i18n/admin-ops-messages";
import { lngHref } from "~/i18n/i18n";
import { type Lng, lngFromUrl } from "~/i18n/lng";
import { listUnverifiedListings } from "~/inventory/listing-verify.server";
import adminStyles from "~/styles/admin.css";
import { getWebEnv } from "~/utils/env.server";

export const links = stylesheets(adminStyles);
export const meta = noindexMeta<typeof loader>((d) => adminText(d?.lng ?? "zh", "dash.title"));
export const headers = noStore;

/** GET /admin: what needs an admin now — unassigned leads, dead letters, open call tasks, escalations, struggling background work. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  // The admin's landing page: the dashboard they may open next finds its charts' library ready (ADR 119).
  prepareDashboardCharts();
  const verifyDays = getWebEnv().SPACE_VERIFY_DAYS;
  const [dashboard, unverified, queues, missingYears] = await Promise.all([
    loadDashboard(getSql()),
    listUnverifiedListings(getSql(), verifyDays),
    leadQueueCounts(getSql()),
    calendarMissingYears(getSql()),
  ]);
  return {
    lng: lngFromUrl(request.url),
    dashboard: withoutBidiControls(dashboard),
    unverified: withoutBidiControls(unverified),
    verifyDays,
    unmatched: queues.unmatched,
    missingYears,
  }; // names people typed (ADR 021)
}

/** A dashboard list in its section: the caption says so when only the first rows are shown, one sentence when there are none. */
function DashList<Row>({
  lng,
  id,
  title,
  caption,
  list,
  columns,
  emptyText,
  children,
}: {
  lng: Lng;
  id: string;
  title: string;
  caption: string;
  list: { rows: Row[]; total: number };
  columns: Column[];
  emptyText: string;
  children: (row: Row) => ReactNode;
}) {
  return (
    <AdminSection id={id} title={title}>
      <DataTable
        caption={
          <>
            {caption}
            {shownOf(lng, list.rows, list.total)}
          </>
        }
        columns={columns}
        empty={{ when: list.rows.length === 0, text: emptyText }}
      >
        {list.rows.map(children)}
      </DataTable>
    </AdminSection>
  );
}

/** " (N of M shown)" after a caption when the list was cut at its first rows, else nothing. */
const shownOf = (lng: Lng, rows: unknown[], total: number) =>
  rows.length < total ? ` (${adminText(lng, "common.shown", { total, shown: rows.length })})` : "";

export default function AdminDashboard() {
  const { lng, dashboard: d, unverified: u, verifyDays, unmatched, missingYears } = useLoaderData<typeof loader>();
  const t = useAdminText(lng);
  const leadLink = (leadId: string, reference: string) => <Link to={lngHref(`/admin/leads/${leadId}`, lng)}>{reference}</Link>;
  const openCalls = d.callTasks.reduce((sum, c) => sum + c.open, 0);
  // What needs an admin, counted: [test id, where it is listed (a section here, or a page), label, count].
  const counts: [string, string, string, number][] = [
    ["unassigned", "#unassigned-h", t("dash.count.unassigned"), d.unassigned.total],
    ["unmatched", "/admin/leads?unmatched=1", opsText(lng, "status.unmatched"), unmatched],
    ["dead", "/admin/dead-letters", t("dash.count.dead"), d.dead.total + d.deadWork.total],
    ["calls", "#calls-h", t("dash.count.calls"), openCalls],
    ["escalated", "#escalated-h", t("dash.count.escalated"), d.escalated.total],
    ["unverified", "#unverified-h", t("dash.count.unverified"), u.total],
    ["stuck", "#stuck-h", t("dash.count.stuck"), d.stuck.total],
  ];

  return (
    <AdminPage lng={lng}>
      <h1>{t("dash.title")}</h1>
      {missingYears.length ? (
        <p className="banner error" role="alert" data-testid="calendar-missing">
          {opsText(lng, "cal.missing", { years: missingYears.join("、") })}{" "}
          <Link to={lngHref("/admin/office-hours", lng)}>{opsText(lng, "cal.enter")}</Link>
        </p>
      ) : null}

      <section aria-labelledby="counts-h">
        <h2 id="counts-h">{t("dash.counts")}</h2>
        <dl className="counts">
          {counts.map(([testId, to, label, n]) => (
            <div key={testId}>
              <dt>{to.startsWith("#") ? <a href={to}>{label}</a> : <Link to={lngHref(to, lng)}>{label}</Link>}</dt>
              <dd data-testid={`count-${testId}`}>{n}</dd>
            </div>
          ))}
        </dl>
      </section>

      <DashList
        lng={lng}
        id="unassigned-h"
        title={t("dash.unassigned")}
        caption={t("dash.unassigned.caption")}
        list={d.unassigned}
        columns={[{ label: t("col.reference") }, { label: t("col.company") }, { label: t("col.park") }, { label: t("col.since") }]}
        emptyText={t("dash.unassigned.empty")}
      >
        {(r) => (
          <tr key={r.assignmentId}>
            <th scope="row">{leadLink(r.leadId, r.reference)}</th>
            <td>{r.company}</td>
            <td>{r.parkName}</td>
            <TimeCell iso={r.since} />
          </tr>
        )}
      </DashList>

      <DashList
        lng={lng}
        id="dead-h"
        title={t("dash.dead")}
        caption={t("dash.dead.caption")}
        list={d.dead}
        columns={[
          { label: t("col.reference") },
          { label: t("col.kind") },
          { label: t("col.channel") },
          { label: t("col.recipient") },
          { label: t("col.error") },
          { label: t("col.attempts"), numeric: true },
          { label: t("col.created") },
        ]}
        emptyText={t("dash.dead.empty")}
      >
        {(r) => (
          <tr key={r.id}>
            <th scope="row">{leadLink(r.leadId, r.reference)}</th>
            <td>{adminLabel(lng, "kind", r.kind)}</td>
            <td>{adminLabel(lng, "channel", r.channel)}</td>
            <td>{r.recipientName ? `${r.recipientName} (${r.recipient})` : r.recipient}</td>
            <td className="error-text">{r.lastError ?? t("common.none")}</td>
            <td className="num">{r.attempts}</td>
            <TimeCell iso={r.createdAt} />
          </tr>
        )}
      </DashList>

      <AdminSection id="calls-h" title={t("dash.calls")}>
        <DataTable
          caption={t("dash.calls.caption")}
          columns={[{ label: t("col.kind") }, { label: t("col.open"), numeric: true }, { label: t("col.overdue"), numeric: true }]}
        >
          {d.callTasks.map((c) => (
            <tr key={c.kind}>
              <th scope="row">{adminLabel(lng, "task", c.kind)}</th>
              <td className="num">{c.open}</td>
              <td className="num">{c.due}</td>
            </tr>
          ))}
        </DataTable>
      </AdminSection>

      <DashList
        lng={lng}
        id="escalated-h"
        title={t("dash.escalated")}
        caption={t("dash.escalated.caption")}
        list={d.escalated}
        columns={[
          { label: t("col.reference") },
          { label: t("col.company") },
          { label: t("col.park") },
          { label: t("col.recruiter") },
          { label: t("col.reroutes"), numeric: true },
          { label: t("col.since") },
        ]}
        emptyText={t("dash.escalated.empty")}
      >
        {(r) => (
          <tr key={r.assignmentId}>
            <th scope="row">{leadLink(r.leadId, r.reference)}</th>
            <td>{r.company}</td>
            <td>{r.parkName}</td>
            <td>{r.recruiterName ?? r.recruiterId ?? t("common.none")}</td>
            <td className="num">{r.reroutes}</td>
            <TimeCell iso={r.since} />
          </tr>
        )}
      </DashList>

      <DashList
        lng={lng}
        id="unverified-h"
        title={t("dash.unverified")}
        caption={t("dash.unverified.caption", { days: verifyDays, twice: 2 * verifyDays })}
        list={u}
        columns={[
          { label: t("col.space") },
          { label: t("col.park") },
          { label: t("col.verifiedAt") },
          { label: t("col.days"), numeric: true },
          { label: t("col.status") },
        ]}
        emptyText={t("dash.unverified.empty", { days: verifyDays })}
      >
        {(r) => (
          <tr key={r.spaceId} data-unverified={r.spaceId}>
            <th scope="row">{`${r.title} (${r.spaceId})`}</th>
            <td>{r.parkName}</td>
            <TimeCell iso={r.verifiedAt} />
            <td className="num">{r.days}</td>
            <td className={r.suspended ? "error-text" : "warning"}>
              {t(r.suspended ? "dash.unverified.suspended" : "dash.unverified.warn")}
            </td>
          </tr>
        )}
      </DashList>

      <AdminSection id="stuck-h" title={t("dash.stuck")}>
        <StuckWorkTable
          lng={lng}
          caption={
            <>
              {t("dash.stuck.caption")}
              {shownOf(lng, d.stuck.rows, d.stuck.total)}
            </>
          }
          rows={d.stuck.rows}
          emptyText={t("dash.stuck.empty")}
        />
      </AdminSection>

      <p>
        <Link to={lngHref("/admin/outbox", lng)}>{t("nav.outbox")}</Link>
      </p>
    </AdminPage>
  );
}

export const ErrorBoundary = AdminErrorBoundary;
