import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { AdminPage, AdminSection, DataTable } from "~/components/admin";
import { ChangedMeanwhile, CheckboxField, type FieldMeta, useAnswerKey, useEditBase, useFormReply } from "~/components/forms";
import { InventoryForm } from "~/components/inventory-form";
import { adminLabel, formatAdminTime } from "~/i18n/admin-messages";
import { lngHref } from "~/i18n/i18n";
import { type InventoryKey, inventoryText } from "~/i18n/inventory-messages";
import type { Lng } from "~/i18n/lng";
import type { Collection } from "~/inventory/inventory-columns";
import type { inventoryEditLoader } from "~/inventory/inventory-edit.server";
import { retireFormSchema } from "~/inventory/retire-form";
import { useRootData } from "~/root";

// The page of one park, space or recruiter: the form, retire / restore, and for a space its "still
// available" action and the open leads it is offered to.

/** `base`: the next one (a 409) or the one posted (a 400); `changed`: a 409's notes beside the fields another person changed. */
type ActionData = {
  result: SubmissionResult<string[]>;
  banner: InventoryKey | null;
  form?: "retire";
  base?: string;
  changed?: Record<string, string>;
  /** 仍可租售 done while the edit form held unsaved changes (ADR 119): said here, the form says what was not saved. */
  verified?: string;
};

/**
 * Retire (with a ticked confirmation, checked by the same schema in the browser and the action, so it
 * works without JavaScript) or restore.
 */
function RetirePanel({
  lng,
  collection,
  csrf,
  retired,
  viaPark,
  offered,
  lastResult,
}: {
  lng: Lng;
  collection: Collection;
  csrf: string | null;
  retired: boolean;
  viaPark: boolean;
  offered: number;
  lastResult?: SubmissionResult<string[]>;
}) {
  const t = (key: InventoryKey, params?: Record<string, string | number>) => inventoryText(lng, key, params);
  const [form, fields] = useForm({
    id: `retire-${collection}`,
    lastResult: useFormReply("retire", lastResult),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: retireFormSchema(lng) }),
  });
  return (
    <AdminSection id="retire-h" title={t(collection === "recruiters" ? "retire.h.recruiters" : "retire.h")}>
      {retired ? (
        <>
          <p className="warning" data-retired="">
            {t(viaPark ? "retire.viaPark" : collection === "recruiters" ? "retire.isRetired.recruiters" : "retire.isRetired")}
          </p>
          {viaPark ? null : (
            <Form method="post" {...getFormProps(form)} className="admin-form">
              <input type="hidden" name="csrf" value={csrf ?? ""} />
              <button type="submit" name="intent" value="restore">
                {t("retire.restore")}
              </button>
            </Form>
          )}
        </>
      ) : (
        <Form method="post" {...getFormProps(form)} className="admin-form">
          <input type="hidden" name="csrf" value={csrf ?? ""} />
          <p className="hint">{t(`retire.intro.${collection}`)}</p>
          {offered > 0 ? <p className="warning">{t("retire.offered", { count: offered })}</p> : null}
          <CheckboxField meta={fields.confirm as unknown as FieldMeta} label={t("retire.confirm")} />
          <button type="submit" name="intent" value="retire" className="danger">
            {t("retire.button")}
          </button>
        </Form>
      )}
    </AdminSection>
  );
}

export function InventoryEditPage() {
  const d = useLoaderData<typeof inventoryEditLoader>();
  const action = useActionData<ActionData>();
  const { csrf } = useRootData();
  const { lng, collection } = d;
  const t = (key: InventoryKey, params?: Record<string, string | number>) => inventoryText(lng, key, params);
  const answerKey = useAnswerKey(useFormReply("save", action?.form === "retire" ? undefined : action?.result), !!action?.changed);
  const base = useEditBase(action?.base, d.base ?? undefined);
  const title = d.id ? t(`edit.${collection}`, { name: String(d.name ?? "") }) : t(`edit.new.${collection}`);
  return (
    <AdminPage lng={lng} flash={d.flash}>
      <h1>
        {title}
        {d.retired?.retired ? <span className="tag retired"> {t("list.retiredTag")}</span> : null}
      </h1>
      {action?.banner ? (
        <div className="banner error" role="alert">
          {t(action.banner)}
        </div>
      ) : null}
      {d.space?.verification && !d.retired?.retired ? (
        <AdminSection id="verify-h" title={t("verify.h")}>
          <p className={d.space.verification.suspended ? "error-text" : d.space.verification.stale ? "warning" : undefined}>
            {t("verify.verifiedAt", { time: formatAdminTime(d.space.verification.verifiedAt) })}
            {d.space.verification.suspended
              ? `（${t("verify.suspended", { days: 2 * d.verifyDays })}）`
              : d.space.verification.stale
                ? `（${t("verify.stale", { days: d.verifyDays })}）`
                : null}
          </p>
          {action?.verified ? (
            <p className="banner" role="status" data-verified="">
              {action.verified}
            </p>
          ) : null}
          {/* It posts the edit form below (ADR 119): what is typed there and not saved comes back typed, said not saved. */}
          <p>
            <button type="submit" form={`inventory-${collection}`} name="intent" value="verify" formNoValidate>
              {t("verify.button")}
            </button>
          </p>
        </AdminSection>
      ) : null}
      {/* A refused save answers with the next base and the values now stored (ADR 092): a new form shows them. */}
      <ChangedMeanwhile notes={action?.changed}>
        <InventoryForm
          key={answerKey}
          collection={collection}
          lng={lng}
          csrf={csrf}
          defaultValue={d.values}
          maxLengths={d.maxLengths}
          choices={d.choices}
          lastResult={action?.form === "retire" ? undefined : action?.result}
          lockedId={d.id ?? undefined}
          base={base}
          backTo={`/admin/${collection}`}
        />
      </ChangedMeanwhile>
      {d.id && d.retired ? (
        <RetirePanel
          lng={lng}
          collection={collection}
          csrf={csrf}
          retired={d.retired.retired}
          viaPark={d.retired.viaPark}
          offered={d.space?.offered.length ?? 0}
          lastResult={action?.form === "retire" ? action.result : undefined}
        />
      ) : null}
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
              <tr key={o.leadId} data-offered={o.reference}>
                <th scope="row">
                  <Link to={lngHref(`/admin/leads/${o.leadId}`, lng)}>{o.reference}</Link>
                </th>
                <td>{o.companyName}</td>
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
