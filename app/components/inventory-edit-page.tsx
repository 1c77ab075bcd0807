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
  /** 停用 / 恢复 done while the edit form held unsaved changes (ADR 124): said in the panel, the form says what was not saved. */
  retired?: string;
  /** 停用 refused (`form: "retire"`) while the edit form held unsaved changes: the edit form as typed, with its message (ADR 124). */
  edit?: SubmissionResult<string[]>;
};

/**
 * Retire (with a ticked confirmation, checked by the same schema as the action, so it works without
 * JavaScript) or restore. The buttons and the box post the edit form (`form="inventory-<collection>"`,
 * like 仍可租售, ADRs 119, 124): what is typed there and not saved comes back typed, said unsaved. This
 * panel's own form only shows the step's answer (the box's message). `done`: the step's message when it
 * was done with unsaved typing beside it (no redirect, so no flash).
 */
function RetirePanel({
  lng,
  collection,
  retired,
  viaPark,
  offered,
  lastResult,
  done,
  unsaved,
}: {
  lng: Lng;
  collection: Collection;
  retired: boolean;
  viaPark: boolean;
  offered: number;
  lastResult?: SubmissionResult<string[]>;
  done?: string;
  /** The edit form's "not saved" notice when this step's post carried unsaved typing (ADR 143): said here too. */
  unsaved?: string;
}) {
  const editForm = `inventory-${collection}`;
  const t = (key: InventoryKey, params?: Record<string, string | number>) => inventoryText(lng, key, params);
  const [form, fields] = useForm({
    id: `retire-${collection}`,
    lastResult: useFormReply("retire", lastResult),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: retireFormSchema(lng) }),
  });
  // Beside the buttons, not only at the top of the edit form far above them on a phone (ADR 143).
  const unsavedNotice = unsaved ? (
    <p className="warning" role="status" data-retire-unsaved="">
      {unsaved}
    </p>
  ) : null;
  return (
    <AdminSection id="retire-h" title={t(collection === "recruiters" ? "retire.h.recruiters" : "retire.h")}>
      {done ? (
        <p className="banner" role="status" data-retire-done="">
          {done}
        </p>
      ) : null}
      {retired ? (
        <>
          <p className="warning" data-retired="">
            {t(viaPark ? "retire.viaPark" : collection === "recruiters" ? "retire.isRetired.recruiters" : "retire.isRetired")}
          </p>
          {viaPark ? null : (
            <Form method="post" {...getFormProps(form)} className="admin-form">
              {/* Restoring brings no ended offer back (ADR 163, DECISION): said before the press. */}
              {collection === "parks" ? (
                <p className="hint" data-restore-note="">
                  {t("retire.restoreNote.parks")}
                </p>
              ) : null}
              <button type="submit" form={editForm} name="intent" value="restore" className="secondary" formNoValidate>
                {t("retire.restore")}
              </button>
              {unsavedNotice}
            </Form>
          )}
        </>
      ) : (
        <Form method="post" {...getFormProps(form)} className="admin-form">
          <p className="hint">{t(`retire.intro.${collection}`)}</p>
          {offered > 0 ? <p className="warning">{t("retire.offered", { count: offered })}</p> : null}
          <CheckboxField meta={fields.confirm as unknown as FieldMeta} label={t("retire.confirm")} form={editForm} />
          <button type="submit" form={editForm} name="intent" value="retire" className="danger" formNoValidate>
            {t("retire.button")}
          </button>
          {unsavedNotice}
        </Form>
      )}
    </AdminSection>
  );
}

/** A reply's message for the form as a whole (Conform's "" key): the edit form's "not saved" notice. */
const formMessage = (reply: SubmissionResult<string[]> | undefined): string | undefined => reply?.error?.[""]?.[0];

export function InventoryEditPage() {
  const d = useLoaderData<typeof inventoryEditLoader>();
  const action = useActionData<ActionData>();
  const { csrf } = useRootData();
  const { lng, collection } = d;
  const t = (key: InventoryKey, params?: Record<string, string | number>) => inventoryText(lng, key, params);
  const answerKey = useAnswerKey(useFormReply("save", action?.form === "retire" ? action.edit : action?.result), !!action?.changed);
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
            <button type="submit" form={`inventory-${collection}`} name="intent" value="verify" className="secondary" formNoValidate>
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
          lastResult={action?.form === "retire" ? action.edit : action?.result}
          lockedId={d.id ?? undefined}
          base={base}
          backTo={`/admin/${collection}`}
          refusal={action?.banner ? t(action.banner) : undefined}
        />
      </ChangedMeanwhile>
      {d.id && d.retired ? (
        <RetirePanel
          lng={lng}
          collection={collection}
          retired={d.retired.retired}
          viaPark={d.retired.viaPark}
          offered={d.space?.offered.length ?? 0}
          lastResult={action?.form === "retire" ? action.result : undefined}
          done={action?.retired}
          unsaved={formMessage(action?.form === "retire" ? action.edit : action?.retired ? action.result : undefined)}
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
