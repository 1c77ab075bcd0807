import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";

import { leadActionSchema } from "~/admin/lead-forms";
import { ChoiceField, SelectField, TextareaField, TextField, useFormReply } from "~/components/forms";
import { adminLabel } from "~/i18n/admin-messages";
import { type AdminOpsKey, opsText } from "~/i18n/admin-ops-messages";
import { lngHref } from "~/i18n/i18n";
import type { Lng } from "~/i18n/lng";
import { useRootData } from "~/root";

import { AdminSection } from "./admin";

// The actions of the admin's lead page (ADR 028): each a small Conform form with the CSRF token and its
// intent, working without JavaScript; errors beside their fields.

export type LeadActionData = { intent: string; result: SubmissionResult<string[]> };

type Assignment = { id: string; parkName: string | null; parkId: string; status: string; recruiterName: string | null };

function ActionForm({
  lng,
  leadId,
  intent,
  submit,
  actionData,
  children,
}: {
  lng: Lng;
  leadId: string;
  intent: string;
  submit: string;
  actionData: LeadActionData | undefined;
  children: (fields: ReturnType<typeof useForm<Record<string, string>>>[1]) => ReactNode;
}) {
  const { csrf } = useRootData();
  const schema = leadActionSchema(lng);
  const [form, fields] = useForm<Record<string, string>>({
    id: `lead-${intent}`,
    lastResult: useFormReply(intent, actionData?.intent === intent ? actionData.result : undefined),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }) as never,
  });
  return (
    <Form method="post" action={lngHref(`/admin/leads/${leadId}`, lng)} {...getFormProps(form)} className="admin-form">
      <input type="hidden" name="csrf" value={csrf ?? ""} />
      <input type="hidden" name="intent" value={intent} />
      {form.errors?.length ? (
        <ul className="errors" role="alert" id={form.errorId}>
          {form.errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      {children(fields)}
      <button type="submit">{submit}</button>
    </Form>
  );
}

const OPEN = ["received", "indexed", "matched", "unmatched", "assigned"];
const REROUTABLE = ["offered", "unassigned", "escalated", "declined"];

export function LeadActions({
  lng,
  leadId,
  status,
  assignments,
  recruiters,
  closing,
  repeatedBy,
  actionData,
  anonymised = false,
}: {
  lng: Lng;
  leadId: string;
  status: string;
  assignments: Assignment[];
  recruiters: { id: string; name: string; parks: { id: string; name: string }[] }[];
  closing: { as: "spam" | "duplicate"; note: string; duplicateOf: { id: string; reference: string } | null } | null;
  repeatedBy: { id: string; reference: string }[];
  actionData: LeadActionData | undefined;
  /** Erased at the person's request (ADR 090): nothing is offered, and the section says why. */
  anonymised?: boolean;
}) {
  const t = (k: AdminOpsKey, p?: Record<string, string | number>) => opsText(lng, k, p);
  const reroutable = assignments.filter((a) => REROUTABLE.includes(a.status));
  const targets = recruiters.flatMap((r) => r.parks.map((p) => ({ value: `${r.id}|${p.id}`, label: `${r.name} — ${p.name}` })));
  const isOpen = OPEN.includes(status) && !anonymised;

  return (
    <AdminSection id="actions-h" title={t("lead.actions")}>
      {closing ? (
        <p className="banner info" data-testid="lead-closed">
          {t("lead.closed", { as: t(closing.as === "spam" ? "lead.close.spam" : "lead.close.duplicate"), note: closing.note })}
          {closing.duplicateOf ? (
            <>
              {" "}
              {t("lead.closed.duplicateOf")}{" "}
              <Link to={lngHref(`/admin/leads/${closing.duplicateOf.id}`, lng)}>{closing.duplicateOf.reference}</Link>
            </>
          ) : null}
        </p>
      ) : null}
      {repeatedBy.length ? (
        <p>
          {t("lead.close.duplicate")}:{" "}
          {repeatedBy.map((r, i) => (
            <span key={r.id}>
              {i ? "、" : ""}
              <Link to={lngHref(`/admin/leads/${r.id}`, lng)}>{r.reference}</Link>
            </span>
          ))}
        </p>
      ) : null}
      {isOpen ? (
        <div className="action-grid">
          <div>
            <h3>{t("lead.rematch")}</h3>
            <p className="hint">{t("lead.rematch.hint")}</p>
            <ActionForm lng={lng} leadId={leadId} intent="rematch" submit={t("lead.rematch")} actionData={actionData}>
              {() => null}
            </ActionForm>
          </div>
          <div>
            <h3>{t("lead.assign")}</h3>
            <ActionForm lng={lng} leadId={leadId} intent="assign" submit={t("lead.assign.submit")} actionData={actionData}>
              {(f) => (
                <>
                  <SelectField
                    meta={f.target}
                    label={`${t("lead.assign.recruiter")} — ${t("lead.assign.park")}`}
                    required
                    placeholder={t("err.choose")}
                    groups={[{ label: "", options: targets }]}
                  />
                  <TextareaField meta={f.why} label={t("lead.assign.why")} maxLength={500} />
                </>
              )}
            </ActionForm>
          </div>
          {reroutable.length ? (
            <div>
              <h3>{t("lead.reroute")}</h3>
              <p className="hint">{t("lead.reroute.hint")}</p>
              <ActionForm lng={lng} leadId={leadId} intent="reroute" submit={t("lead.reroute.submit")} actionData={actionData}>
                {(f) => (
                  <SelectField
                    meta={f.assignmentId}
                    label={t("lead.assign.park")}
                    required
                    placeholder={t("err.choose")}
                    groups={[
                      {
                        label: "",
                        options: reroutable.map((a) => ({
                          value: a.id,
                          label: `${a.parkName ?? a.parkId} — ${adminLabel(lng, "assignment", a.status)}${a.recruiterName ? ` (${a.recruiterName})` : ""}`,
                        })),
                      },
                    ]}
                  />
                )}
              </ActionForm>
            </div>
          ) : null}
          <div>
            <h3>{t("lead.close")}</h3>
            <ActionForm lng={lng} leadId={leadId} intent="close" submit={t("lead.close.submit")} actionData={actionData}>
              {(f) => (
                <>
                  <ChoiceField
                    meta={f.as}
                    label={t("lead.close.as")}
                    required
                    options={[
                      { value: "spam", label: t("lead.close.spam") },
                      { value: "duplicate", label: t("lead.close.duplicate") },
                    ]}
                  />
                  <TextField meta={f.duplicateOf} label={t("lead.close.duplicateOf")} maxLength={40} placeholder="PM-20260301-0001" />
                  <TextareaField meta={f.note} label={t("lead.close.note")} maxLength={500} />
                </>
              )}
            </ActionForm>
          </div>
        </div>
      ) : (
        // An ended lead's section says so rather than standing empty under its heading.
        <p className="hint" data-testid="lead-no-actions">
          {anonymised ? t("lead.noActions.anonymised") : t("lead.noActions", { status: adminLabel(lng, "leadStatus", status) })}
        </p>
      )}
    </AdminSection>
  );
}
