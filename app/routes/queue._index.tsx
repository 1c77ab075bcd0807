import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { requireStaff } from "~/auth/session.server";
import { DataTable, Time } from "~/components/admin";
import { StaffPage } from "~/components/staff";
import { getSql } from "~/db/db.server";
import { withoutBidiControls } from "~/domain/display-text";
import { adminLabel, withLng } from "~/i18n/admin-messages";
import { lngFromUrl } from "~/i18n/lng";
import { staffText } from "~/i18n/staff-messages";
import { loadQueue } from "~/recruiter-desk/queue-data.server";
import adminStyles from "~/styles/admin.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: staffText(d?.lng ?? "zh", "queue.title") },
  { name: "robots", content: "noindex" },
];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

/** GET /queue: the signed-in recruiter's open assignments, offers waiting for an answer first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, ["recruiter"]);
  const rows = user.recruiterId ? await loadQueue(getSql(), user.recruiterId) : [];
  return { lng: lngFromUrl(request.url), csrf: user.csrf, linked: user.recruiterId !== null, rows: withoutBidiControls(rows) }; // names people typed (ADR 021)
}

export default function Queue() {
  const { lng, csrf, linked, rows } = useLoaderData<typeof loader>();
  const t = (key: Parameters<typeof staffText>[1], params?: Record<string, string | number>) => staffText(lng, key, params);
  return (
    <StaffPage lng={lng} signedIn csrf={csrf}>
      <h1>{t("queue.title")}</h1>
      {!linked ? <p role="alert">{t("queue.noRecruiter")}</p> : <p>{t("queue.intro")}</p>}
      <DataTable
        caption={t("queue.caption", { total: rows.length })}
        columns={[
          { label: t("col.reference") },
          { label: t("col.company") },
          { label: t("col.need") },
          { label: t("col.park") },
          { label: t("col.status") },
          { label: t("col.acceptBy") },
          { label: t("col.spaces"), numeric: true },
        ]}
        empty={{ when: rows.length === 0, text: t("queue.empty") }}
      >
        {rows.map((r) => (
          <tr key={r.assignmentId} data-status={r.status}>
            <th scope="row">
              <Link to={withLng(`/queue/assignments/${r.assignmentId}`, lng)}>{r.reference}</Link>
            </th>
            <td>{r.company}</td>
            <td>
              {adminLabel(lng, "need.kind", r.need.kind)} · {adminLabel(lng, "need.deal", r.need.deal)} · {r.need.area} · {r.product}
            </td>
            <td>{r.parkName}</td>
            <td>{adminLabel(lng, "assignment", r.status)}</td>
            <td>{r.status === "offered" ? <Time iso={r.acceptBy} /> : "—"}</td>
            <td className="num">{r.spaces}</td>
          </tr>
        ))}
      </DataTable>
    </StaffPage>
  );
}
