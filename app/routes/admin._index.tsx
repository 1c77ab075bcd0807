import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { loadDashboard } from "~/admin/admin-data.server";
import { leadQueueCounts } from "~/admin/lead-list.server";
import { requireAdmin } from "~/auth/session.server";
import { AdminErrorBoundary, AdminPage, AdminSection, DataTable, Time, useAdminText } from "~/components/admin";
import { getSql } from "~/db/db.server";
import { withoutBidiControls } from "~/domain/display-text";
import { adminLabel, adminText } from "~/i18n/admin-messages";
import { opsText } from "~/i18n/admin-ops-messages";
import { lngHref } from "~/i18n/i18n";
import { lngFromUrl } from "~/i18n/lng";
import { listUnverifiedListings } from "~/inventory/listing-verify.server";
import adminStyles from "~/styles/admin.css";
import { getWebEnv } from "~/utils/env.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: adminText(d?.lng ?? "zh", "dash.title") },
  { name: "robots", content: "noindex" },
];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

/** GET /admin: what needs an admin now — unassigned leads, dead letters, open call tasks, escalations, struggling background work. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const verifyDays = getWebEnv().SPACE_VERIFY_DAYS;
  const [dashboard, unverified, queues] = await Promise.all([
    loadDashboard(getSql()),
    listUnverifiedListings(getSql(), verifyDays),
    leadQueueCounts(getSql()),
  ]);
  return {
    lng: lngFromUrl(request.url),
    dashboard: withoutBidiControls(dashboard),
    unverified: withoutBidiControls(unverified),
    verifyDays,
    unmatched: queues.unmatched,
  }; // names people typed (ADR 021)
}

export default function AdminDashboard() {
  const { lng, dashboard: d, unverified: u, verifyDays, unmatched } = useLoaderData<typeof loader>();
  const t = useAdminText(lng);
  const leadLink = (leadId: string, reference: string) => <Link to={lngHref(`/admin/leads/${leadId}`, lng)}>{reference}</Link>;
  const openCalls = d.callTasks.reduce((sum, c) => sum + c.open, 0);
  const shown = (rows: unknown[], total: number) => (rows.length < total ? ` (${t("common.shown", { total, shown: rows.length })})` : "");

  return (
    <AdminPage lng={lng}>
      <h1>{t("dash.title")}</h1>

      <section aria-labelledby="counts-h">
        <h2 id="counts-h">{t("dash.counts")}</h2>
        <dl className="counts">
          <div>
            <dt>
              <a href="#unassigned-h">{t("dash.count.unassigned")}</a>
            </dt>
            <dd data-testid="count-unassigned">{d.unassigned.total}</dd>
          </div>
          <div>
            <dt>
              <Link to={lngHref("/admin/leads?unmatched=1", lng)}>{opsText(lng, "status.unmatched")}</Link>
            </dt>
            <dd data-testid="count-unmatched">{unmatched}</dd>
          </div>
          <div>
            <dt>
              <Link to={lngHref("/admin/dead-letters", lng)}>{t("dash.count.dead")}</Link>
            </dt>
            <dd data-testid="count-dead">{d.dead.total}</dd>
          </div>
          <div>
            <dt>
              <a href="#calls-h">{t("dash.count.calls")}</a>
            </dt>
            <dd data-testid="count-calls">{openCalls}</dd>
          </div>
          <div>
            <dt>
              <a href="#escalated-h">{t("dash.count.escalated")}</a>
            </dt>
            <dd data-testid="count-escalated">{d.escalated.total}</dd>
          </div>
          <div>
            <dt>
              <a href="#unverified-h">{t("dash.count.unverified")}</a>
            </dt>
            <dd data-testid="count-unverified">{u.total}</dd>
          </div>
          <div>
            <dt>
              <a href="#stuck-h">{t("dash.count.stuck")}</a>
            </dt>
            <dd data-testid="count-stuck">{d.stuck.total}</dd>
          </div>
        </dl>
      </section>

      <AdminSection id="unassigned-h" title={t("dash.unassigned")}>
        <DataTable
          caption={
            <>
              {t("dash.unassigned.caption")}
              {shown(d.unassigned.rows, d.unassigned.total)}
            </>
          }
          columns={[{ label: t("col.reference") }, { label: t("col.company") }, { label: t("col.park") }, { label: t("col.since") }]}
          empty={{ when: d.unassigned.rows.length === 0, text: t("dash.unassigned.empty") }}
        >
          {d.unassigned.rows.map((r) => (
            <tr key={r.assignmentId}>
              <th scope="row">{leadLink(r.leadId, r.reference)}</th>
              <td>{r.company}</td>
              <td>{r.parkName}</td>
              <td>
                <Time iso={r.since} />
              </td>
            </tr>
          ))}
        </DataTable>
      </AdminSection>

      <AdminSection id="dead-h" title={t("dash.dead")}>
        <DataTable
          caption={
            <>
              {t("dash.dead.caption")}
              {shown(d.dead.rows, d.dead.total)}
            </>
          }
          columns={[
            { label: t("col.reference") },
            { label: t("col.kind") },
            { label: t("col.channel") },
            { label: t("col.recipient") },
            { label: t("col.error") },
            { label: t("col.attempts"), numeric: true },
            { label: t("col.created") },
          ]}
          empty={{ when: d.dead.rows.length === 0, text: t("dash.dead.empty") }}
        >
          {d.dead.rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{leadLink(r.leadId, r.reference)}</th>
              <td>{adminLabel(lng, "kind", r.kind)}</td>
              <td>{adminLabel(lng, "channel", r.channel)}</td>
              <td>{r.recipientName ? `${r.recipientName} (${r.recipient})` : r.recipient}</td>
              <td className="error-text">{r.lastError ?? t("common.none")}</td>
              <td className="num">{r.attempts}</td>
              <td>
                <Time iso={r.createdAt} />
              </td>
            </tr>
          ))}
        </DataTable>
      </AdminSection>

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

      <AdminSection id="escalated-h" title={t("dash.escalated")}>
        <DataTable
          caption={
            <>
              {t("dash.escalated.caption")}
              {shown(d.escalated.rows, d.escalated.total)}
            </>
          }
          columns={[
            { label: t("col.reference") },
            { label: t("col.company") },
            { label: t("col.park") },
            { label: t("col.recruiter") },
            { label: t("col.reroutes"), numeric: true },
            { label: t("col.since") },
          ]}
          empty={{ when: d.escalated.rows.length === 0, text: t("dash.escalated.empty") }}
        >
          {d.escalated.rows.map((r) => (
            <tr key={r.assignmentId}>
              <th scope="row">{leadLink(r.leadId, r.reference)}</th>
              <td>{r.company}</td>
              <td>{r.parkName}</td>
              <td>{r.recruiterName ?? r.recruiterId ?? t("common.none")}</td>
              <td className="num">{r.reroutes}</td>
              <td>
                <Time iso={r.since} />
              </td>
            </tr>
          ))}
        </DataTable>
      </AdminSection>

      <AdminSection id="unverified-h" title={t("dash.unverified")}>
        <DataTable
          caption={
            <>
              {t("dash.unverified.caption", { days: verifyDays, twice: 2 * verifyDays })}
              {shown(u.rows, u.total)}
            </>
          }
          columns={[
            { label: t("col.space") },
            { label: t("col.park") },
            { label: t("col.verifiedAt") },
            { label: t("col.days"), numeric: true },
            { label: t("col.status") },
          ]}
          empty={{ when: u.rows.length === 0, text: t("dash.unverified.empty", { days: verifyDays }) }}
        >
          {u.rows.map((r) => (
            <tr key={r.spaceId} data-unverified={r.spaceId}>
              <th scope="row">{`${r.title} (${r.spaceId})`}</th>
              <td>{r.parkName}</td>
              <td>
                <Time iso={r.verifiedAt} />
              </td>
              <td className="num">{r.days}</td>
              <td className={r.suspended ? "error-text" : "warning"}>
                {t(r.suspended ? "dash.unverified.suspended" : "dash.unverified.warn")}
              </td>
            </tr>
          ))}
        </DataTable>
      </AdminSection>

      <AdminSection id="stuck-h" title={t("dash.stuck")}>
        <DataTable
          caption={
            <>
              {t("dash.stuck.caption")}
              {shown(d.stuck.rows, d.stuck.total)}
            </>
          }
          columns={[
            { label: t("col.topic") },
            { label: t("col.item") },
            { label: t("col.error") },
            { label: t("col.attempts"), numeric: true },
            { label: t("col.dueSince") },
          ]}
          empty={{ when: d.stuck.rows.length === 0, text: t("dash.stuck.empty") }}
        >
          {d.stuck.rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.topic}</th>
              <td>{r.item}</td>
              <td className="error-text">{r.lastError ?? t("common.none")}</td>
              <td className="num">{r.attempts}</td>
              <td>
                <Time iso={r.dueSince} />
              </td>
            </tr>
          ))}
        </DataTable>
      </AdminSection>

      <p>
        <Link to={lngHref("/admin/outbox", lng)}>{t("nav.outbox")}</Link>
      </p>
    </AdminPage>
  );
}

export function ErrorBoundary() {
  return <AdminErrorBoundary />;
}
