import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { loadDashboard } from "~/admin/admin-data.server";
import { AdminErrorBoundary, AdminPage, Time, useAdminText } from "~/components/admin";
import { getSql } from "~/db/db.server";
import { adminLabel, adminText, withLng } from "~/i18n/admin-messages";
import { lngFromUrl } from "~/i18n/lng";
import adminStyles from "~/styles/admin.css";
import { requireAdmin } from "~/utils/admin-session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: adminText(d?.lng ?? "zh", "dash.title") }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

/** GET /admin: what needs an admin now — unassigned leads, dead letters, open call tasks, escalations. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { lng: lngFromUrl(request.url), dashboard: await loadDashboard(getSql()) };
}

export default function AdminDashboard() {
  const { lng, dashboard: d } = useLoaderData<typeof loader>();
  const t = useAdminText(lng);
  const leadLink = (leadId: string, reference: string) => <Link to={withLng(`/admin/leads/${leadId}`, lng)}>{reference}</Link>;
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
              <a href="#dead-h">{t("dash.count.dead")}</a>
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
        </dl>
      </section>

      <section aria-labelledby="unassigned-h">
        <h2 id="unassigned-h">{t("dash.unassigned")}</h2>
        {d.unassigned.rows.length === 0 ? (
          <p>{t("dash.unassigned.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption>
                {t("dash.unassigned.caption")}
                {shown(d.unassigned.rows, d.unassigned.total)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("col.reference")}</th>
                  <th scope="col">{t("col.company")}</th>
                  <th scope="col">{t("col.park")}</th>
                  <th scope="col">{t("col.since")}</th>
                </tr>
              </thead>
              <tbody>
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
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="dead-h">
        <h2 id="dead-h">{t("dash.dead")}</h2>
        {d.dead.rows.length === 0 ? (
          <p>{t("dash.dead.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption>
                {t("dash.dead.caption")}
                {shown(d.dead.rows, d.dead.total)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("col.reference")}</th>
                  <th scope="col">{t("col.kind")}</th>
                  <th scope="col">{t("col.channel")}</th>
                  <th scope="col">{t("col.recipient")}</th>
                  <th scope="col">{t("col.error")}</th>
                  <th scope="col" className="num">
                    {t("col.attempts")}
                  </th>
                  <th scope="col">{t("col.created")}</th>
                </tr>
              </thead>
              <tbody>
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
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="calls-h">
        <h2 id="calls-h">{t("dash.calls")}</h2>
        <div className="table-wrap">
          <table>
            <caption>{t("dash.calls.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("col.kind")}</th>
                <th scope="col" className="num">
                  {t("col.open")}
                </th>
                <th scope="col" className="num">
                  {t("col.overdue")}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.callTasks.map((c) => (
                <tr key={c.kind}>
                  <th scope="row">{adminLabel(lng, "task", c.kind)}</th>
                  <td className="num">{c.open}</td>
                  <td className="num">{c.due}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="escalated-h">
        <h2 id="escalated-h">{t("dash.escalated")}</h2>
        {d.escalated.rows.length === 0 ? (
          <p>{t("dash.escalated.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption>
                {t("dash.escalated.caption")}
                {shown(d.escalated.rows, d.escalated.total)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("col.reference")}</th>
                  <th scope="col">{t("col.company")}</th>
                  <th scope="col">{t("col.park")}</th>
                  <th scope="col">{t("col.recruiter")}</th>
                  <th scope="col" className="num">
                    {t("col.reroutes")}
                  </th>
                  <th scope="col">{t("col.since")}</th>
                </tr>
              </thead>
              <tbody>
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
              </tbody>
            </table>
          </div>
        )}
      </section>

      <p>
        <Link to={withLng("/admin/outbox", lng)}>{t("nav.outbox")}</Link>
      </p>
    </AdminPage>
  );
}

export function ErrorBoundary() {
  return <AdminErrorBoundary />;
}
