import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";

import { ErrorSummary } from "~/components/error-summary";
import { ChangedNote, ErrorList, type FieldMeta, SelectField, TextField, useChangedNote, useFormReply } from "~/components/forms";
import { firstBadField, RefusalBeside } from "~/components/refusal-beside";
import { lngHref } from "~/i18n/i18n";
import { inventoryText } from "~/i18n/inventory-messages";
import type { Lng } from "~/i18n/lng";
import { type Collection, type Column, COLUMNS } from "~/inventory/inventory-columns";

// One form for a park, a space or a recruiter, built from the same columns as the Excel sheets: each
// field is text as people write it ("5千平", "50亩"), checked on the server by the import's schema
// (inventory-check.ts). Plain HTML form: works without JavaScript; errors sit under their fields.

export type InventoryFormValues = Record<string, string | string[]>;

function CheckboxGroup({ column, meta, lng }: { column: Column; meta: FieldMeta; lng: Lng }) {
  const current = new Set(
    Array.isArray(meta.initialValue) ? meta.initialValue.map(String) : meta.initialValue ? [String(meta.initialValue)] : [],
  );
  const changed = useChangedNote(meta);
  const describedBy = [changed?.id, meta.errors?.length ? meta.errorId : null].filter(Boolean).join(" ");
  return (
    <fieldset className="field choices-group" aria-describedby={describedBy || undefined}>
      <legend className="label">
        {column.header[lng]}
        {column.required ? <span aria-hidden="true"> *</span> : null}
      </legend>
      <ChangedNote note={changed} />
      <div className="choices">
        {column.choices!.map((o, i) => (
          <label key={o.value}>
            <input
              type="checkbox"
              id={i === 0 ? meta.id : undefined}
              name={meta.name}
              value={o.value}
              defaultChecked={current.has(o.value)}
              aria-invalid={meta.errors?.length ? true : undefined}
            />
            {o.label[lng]}
          </label>
        ))}
      </div>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

export function InventoryForm({
  collection,
  lng,
  csrf,
  defaultValue,
  maxLengths,
  choices,
  lastResult,
  lockedId,
  base,
  backTo,
  refusal,
}: {
  collection: Collection;
  lng: Lng;
  csrf: string | null;
  defaultValue: InventoryFormValues;
  /** Text column → the most characters its schema takes (inventory-check textMaxLengths); others 2000. */
  maxLengths?: Record<string, number>;
  /** Text column → the values it may take, shown as a select (a space's park: inventory-edit.server.ts). */
  choices?: Record<string, { value: string; label: string }[]> | null;
  lastResult?: SubmissionResult<string[]>;
  /** Editing: the id is shown, not edited (rows are found by id). */
  lockedId?: string;
  /** Editing: the fingerprint of the row the form was filled from (a change made meanwhile is not overwritten). */
  base?: string;
  backTo: string;
  /** The page's refusal of the save that is no field's (the database down): said beside the save button too. */
  refusal?: string;
}) {
  const navigation = useNavigation();
  const t = (key: Parameters<typeof inventoryText>[1], params?: Record<string, string | number>) => inventoryText(lng, key, params);
  const [form, fields] = useForm<InventoryFormValues, InventoryFormValues, string[]>({
    id: `inventory-${collection}`,
    lastResult: useFormReply("save", lastResult),
    defaultValue,
    shouldValidate: "onSubmit",
  });
  // Fields with a message: the form's own message (allErrors' "" key, a conflict) is no field to look under.
  const fieldErrorCount = Object.entries(form.allErrors).filter(([key, e]) => key !== "" && e?.length).length;
  const showBanner = fieldErrorCount > 0 || !!form.errors?.length;
  const meta = (key: string) => fields[key] as unknown as FieldMeta;
  const labelOf = (name: string) => COLUMNS[collection].find((c) => c.key === name)?.header[lng];
  // The summary's gist again beside the save button, a long form's length below the top (ADR 178).
  const beside = [
    ...(refusal ? [refusal] : []),
    ...(fieldErrorCount > 0 ? [t(form.errors?.length ? "edit.toDecide" : "edit.errors", { count: fieldErrorCount })] : []),
    ...(form.errors ?? []),
  ];
  return (
    <Form method="post" {...getFormProps(form)} className="inventory-form">
      <input type="hidden" name="csrf" value={csrf ?? ""} />
      {lockedId ? <input type="hidden" name="id" value={lockedId} /> : null}
      {base ? <input type="hidden" name="base" value={base} /> : null}
      <p className="hint">{t("edit.required")}</p>
      {showBanner ? (
        <ErrorSummary
          id={form.errorId}
          lng={lng}
          formId={form.id}
          // With a message of the form's own (another person's save, ADR 091) the fields marked are to decide, not mistakes.
          intro={[
            fieldErrorCount > 0 ? t(form.errors?.length ? "edit.toDecide" : "edit.errors", { count: fieldErrorCount }) : "",
            ...(form.errors ?? []),
          ]
            .filter(Boolean)
            .join(" ")}
          errors={form.allErrors}
          labelOf={labelOf}
        />
      ) : null}
      {COLUMNS[collection].map((c) => {
        if (c.key === "id" && lockedId) {
          return (
            <p key="id" className="field">
              <span className="label">{c.header[lng]}</span> <code>{lockedId}</code>
            </p>
          );
        }
        const m = meta(c.key);
        if (c.list && c.choices) return <CheckboxGroup key={c.key} column={c} meta={m} lng={lng} />;
        const listed = c.choices?.map((o) => ({ value: o.value, label: o.label[lng] })) ?? choices?.[c.key];
        if (listed) {
          return (
            <SelectField
              key={c.key}
              meta={m}
              label={c.header[lng]}
              required={c.required}
              placeholder={c.required ? t("edit.choose") : t("edit.unknown")}
              groups={[{ label: "", options: listed }]}
            />
          );
        }
        return (
          <TextField
            key={c.key}
            meta={m}
            label={c.header[lng]}
            hint={c.hint?.[lng]}
            required={c.required}
            maxLength={maxLengths?.[c.key] ?? 2000}
          />
        );
      })}
      <RefusalBeside
        id={`${form.id}-refusal`}
        lng={lng}
        answer={lastResult}
        lines={beside}
        first={firstBadField(lng, form.id, form.allErrors, labelOf)}
      />
      <p className="actions">
        <button
          type="submit"
          name="intent"
          value="save"
          disabled={navigation.state === "submitting"}
          aria-describedby={beside.length ? `${form.id}-refusal` : undefined}
        >
          {t("edit.save")}
        </button>{" "}
        <Link to={lngHref(backTo, lng)}>{t("edit.back")}</Link>
      </p>
    </Form>
  );
}
