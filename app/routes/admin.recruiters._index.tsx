import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { AdminErrorBoundary, DataTable } from "~/components/admin";
import { InventoryListPage, shownNote } from "~/components/inventory-list";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { getSql } from "~/db/db.server";
import { adminLabel } from "~/i18n/admin-messages";
import { lngHref } from "~/i18n/i18n";
import { inventoryText } from "~/i18n/inventory-messages";
import { listRecruiters } from "~/inventory/inventory-admin.server";
import { inventoryListLoader } from "~/inventory/inventory-list.server";
import adminStyles from "~/styles/admin.css";

export const links = stylesheets(adminStyles);
export const meta = noindexMeta<typeof loader>((d) => inventoryText(d?.lng ?? "zh", "recruiters.title"));
export const headers = noStore;

/** GET /admin/recruiters?q=: recruiters with their open work against capacity, and who is away. */
export async function loader({ request }: LoaderFunctionArgs) {
  return inventoryListLoader(request, (f) => listRecruiters(getSql(), f));
}

export default function AdminRecruiters() {
  const { lng, q, state, adjusted, flash, list } = useLoaderData<typeof loader>();
  const t = (key: Parameters<typeof inventoryText>[1]) => inventoryText(lng, key);
  return (
    <InventoryListPage
      lng={lng}
      title="recruiters.title"
      newPath="/admin/recruiters/new"
      q={q}
      state={state}
      adjusted={adjusted}
      flash={flash}
    >
      <DataTable
        caption={`${t("recruiters.title")}${shownNote(lng, list.rows.length, list.total)}`}
        columns={[
          { label: t("col.id") },
          { label: t("col.name") },
          { label: t("col.channel") },
          { label: t("col.parks") },
          { label: t("list.load"), numeric: true },
          { label: t("list.active") },
          { label: t("col.away") },
        ]}
        empty={{ when: list.rows.length === 0, text: t("list.empty") }}
      >
        {list.rows.map((r) => (
          <tr key={r.id} data-recruiter={r.id}>
            <th scope="row">
              <Link to={lngHref(`/admin/recruiters/${r.id}`, lng)}>{r.id}</Link>
            </th>
            <td>{r.name}</td>
            <td>{adminLabel(lng, "channel", r.channel)}</td>
            <td>{r.parks.join("、")}</td>
            <td className="num">{`${r.openAssignments}/${r.capacity}`}</td>
            <td>{inventoryText(lng, r.active ? "edit.yes" : "edit.no")}</td>
            <td className={r.awayNow ? "warning" : undefined}>
              {r.awayFrom ? `${r.awayFrom} – ${r.awayTo}${r.awayNow ? ` (${t("list.away")})` : ""}` : "—"}
            </td>
          </tr>
        ))}
      </DataTable>
    </InventoryListPage>
  );
}

export const ErrorBoundary = AdminErrorBoundary;
