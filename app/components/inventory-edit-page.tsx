import type { SubmissionResult } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { AdminPage, AdminSection, DataTable } from "~/components/admin";
import { InventoryForm } from "~/components/inventory-form";
import { adminLabel, formatAdminTime } from "~/i18n/admin-messages";
import { lngHref } from "~/i18n/i18n";
import { type InventoryKey, inventoryText } from "~/i18n/inventory-messages";
import type { inventoryEditLoader } from "~/inventory/inventory-edit.server";
import { useRootData } from "~/root";

// The page of one park, space or recruiter: the form, and for a space its "still available" action
// and the open leads it is offered to.

type LoaderData = Awaited<ReturnType<typeof inventoryEditLoader>>;
type ActionData = { result: SubmissionResult<string[]>; banner: InventoryKey | null };

export function InventoryEditPage() {
  const d = useLoaderData<LoaderData>() as LoaderData;
  const action = useActionData<ActionData>();
  const { csrf } = useRootData();
  const { lng, collection } = d;
  const t = (key: InventoryKey, params?: Record<string, string | number>) => inventoryText(lng, key, params);
  const title = d.id ? t(`edit.${collection}`, { name: String(d.name ?? "") }) : t(`edit.new.${collection}`);
  const done = d.done === "verified" ? null : d.done;
  return (
    <AdminPage lng={lng}>
      <h1>{title}</h1>
      {done ? (
        <div className="banner" role="status">
          {t(done === "created" ? "edit.created" : done === "updated" ? "edit.saved" : "edit.unchanged")}
          {d.rerouted ? ` ${t("edit.rerouted", { count: d.rerouted })}` : null}
        </div>
      ) : null}
      {action?.banner ? (
        <div className="banner error" role="alert">
          {t(action.banner)}
        </div>
      ) : null}
      {d.space?.verification ? (
        <AdminSection id="verify-h" title={t("verify.h")}>
          {d.done === "verified" ? (
            <div className="banner" role="status">
              {t("verify.done", { title: d.name ?? "", time: formatAdminTime(d.space.verification.verifiedAt) })}
            </div>
          ) : null}
          <p className={d.space.verification.suspended ? "error-text" : d.space.verification.stale ? "warning" : undefined}>
            {t("verify.verifiedAt", { time: formatAdminTime(d.space.verification.verifiedAt) })}
            {d.space.verification.suspended
              ? `（${t("verify.suspended", { days: 2 * d.verifyDays })}）`
              : d.space.verification.stale
                ? `（${t("verify.stale", { days: d.verifyDays })}）`
                : null}
          </p>
          <Form method="post">
            <input type="hidden" name="csrf" value={csrf ?? ""} />
            <button type="submit" name="intent" value="verify">
              {t("verify.button")}
            </button>
          </Form>
        </AdminSection>
      ) : null}
      <InventoryForm
        collection={collection}
        lng={lng}
        csrf={csrf}
        defaultValue={d.values}
        lastResult={action?.result}
        lockedId={d.id ?? undefined}
        backTo={`/admin/${collection}`}
      />
      {d.space ? (
        <AdminSection id="offered-h" title={t("offered.title")}>
          <DataTable
            caption={t("offered.caption")}
            columns={[
              { label: t("col.reference") },
              { label: t("col.company") },
              { label: t("col.leadStatus") },
              { label: t("col.score"), numeric: true },
            ]}
            empty={{ when: d.space.offered.length === 0, text: t("offered.empty") }}
          >
            {d.space.offered.map((o) => (
              <tr key={o.lead_id} data-offered={o.reference}>
                <th scope="row">
                  <Link to={lngHref(`/admin/leads/${o.lead_id}`, lng)}>{o.reference}</Link>
                </th>
                <td>{o.company_name}</td>
                <td>{adminLabel(lng, "leadStatus", o.status)}</td>
                <td className="num">{o.score}</td>
              </tr>
            ))}
          </DataTable>
        </AdminSection>
      ) : null}
    </AdminPage>
  );
}
