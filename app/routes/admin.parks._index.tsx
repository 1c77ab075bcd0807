import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { AdminErrorBoundary, DataTable } from "~/components/admin";
import { InventoryListPage, shownNote } from "~/components/inventory-list";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { getSql } from "~/db/db.server";
import { lngHref } from "~/i18n/i18n";
import { inventoryText } from "~/i18n/inventory-messages";
import { listParks } from "~/inventory/inventory-admin.server";
import { inventoryListLoader } from "~/inventory/inventory-list.server";
import adminStyles from "~/styles/admin.css";

export const links = stylesheets(adminStyles);
export const meta = noindexMeta<typeof loader>((d) => inventoryText(d?.lng ?? "zh", "parks.title"));
export const headers = noStore;

/** GET /admin/parks?q=: parks by id, searched by id or name. */
export async function loader({ request }: LoaderFunctionArgs) {
  return inventoryListLoader(request, (f) => listParks(getSql(), f));
}

export default function AdminParks() {
  const { lng, q, state, adjusted, flash, list } = useLoaderData<typeof loader>();
  const t = (key: Parameters<typeof inventoryText>[1]) => inventoryText(lng, key);
  return (
    <InventoryListPage lng={lng} title="parks.title" newPath="/admin/parks/new" q={q} state={state} adjusted={adjusted} flash={flash}>
      <DataTable
        caption={`${t("parks.title")}${shownNote(lng, list.rows.length, list.total)}`}
        columns={[
          { label: t("col.id") },
          { label: t("col.name") },
          { label: t("col.district") },
          { label: t("col.spaces"), numeric: true },
        ]}
        empty={{ when: list.rows.length === 0, text: t("list.empty") }}
      >
        {list.rows.map((p) => (
          <tr key={p.id}>
            <th scope="row">
              <Link to={lngHref(`/admin/parks/${p.id}`, lng)}>{p.id}</Link>
            </th>
            <td>
              {p.name}
              {p.retired ? <span className="tag retired"> {t("list.retiredTag")}</span> : null}
            </td>
            <td>{p.district}</td>
            <td className="num">{p.availableSpaces}</td>
          </tr>
        ))}
      </DataTable>
    </InventoryListPage>
  );
}

export const ErrorBoundary = AdminErrorBoundary;
