import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";

import { loadAdminAudit } from "~/admin/admin-audit.server";
import { changeStaffAccount, listRecruiterChoices, listStaffAccounts } from "~/admin/staff-accounts.server";
import { changeStaffSchema, INVITATION_HOURS, STAFF_ROLES } from "~/admin/staff-forms";
import { requireAdminActor, requireAdminForm } from "~/auth/admin-gate.server";
import { passwordWeaknessText } from "~/auth/password-strength.server";
import { AdminErrorBoundary, AdminPage, AdminSection, AuditTable } from "~/components/admin";
import { keepTextOnStale, revalidateAfterStale } from "~/components/error-pages";
import { ChangedMeanwhile, ChoiceField, SelectField, TextField, useAnswerKey, useEditBase, useFormReply } from "~/components/forms";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { getSql } from "~/db/db.server";
import { withoutBidiControls } from "~/domain/display-text";
import { formShapeRefusal } from "~/http/action-form.server";
import { adminEditRefusal, postedBase } from "~/http/edit-refusal.server";
import { readFlash, redirectWithFlash } from "~/http/flash.server";
import { type AdminOpsKey, opsLabel, opsText } from "~/i18n/admin-ops-messages";
import { lngHref } from "~/i18n/i18n";
import type { Lng } from "~/i18n/lng";
import { lngFromUrl } from "~/i18n/lng";
import { reroutedText } from "~/inventory/rerouted-text";
import { useRootData } from "~/root";
import adminStyles from "~/styles/admin.css";
import { decodeBase, encodeBase } from "~/utils/edit-merge.server";
import { getWebEnv } from "~/utils/env.server";

export const links = stylesheets(adminStyles);
export const meta = noindexMeta<typeof loader>((d) =>
  d ? opsText(d.lng, "staff.account.title", { email: d.account.email }) : "parkmatch",
);
export const headers = noStore;

/** What each change says after it is done (the flash on the page it lands on, ADR 025). */
const DONE: Record<"role" | "recruiter" | "password" | "deactivate" | "reactivate", AdminOpsKey> = {
  role: "staff.done.role",
  recruiter: "staff.done.recruiter",
  password: "staff.done.password",
  deactivate: "staff.done.deactivated",
  reactivate: "staff.done.reactivated",
};

/** GET /admin/staff/<id>: one account, the changes an admin can make, and its audit lines. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdminActor(request);
  const sql = getSql();
  const [[account], recruiters, history] = await Promise.all([
    listStaffAccounts(sql, params.id ?? ""),
    listRecruiterChoices(sql),
    loadAdminAudit(sql, { targetPrefix: `user:${params.id ?? ""}`, limit: 20 }),
  ]);
  if (!account) throw new Response("not found", { status: 404 });
  const { flash, headers } = await readFlash(request);
  return data(
    {
      lng: lngFromUrl(request.url),
      account: withoutBidiControls(account),
      // What the role and link forms were filled from (ADR 091/092): a change another admin made meanwhile is not undone unseen.
      bases: {
        role: encodeBase({ role: account.role }),
        recruiter: encodeBase({ recruiterId: account.recruiterId ?? "" }),
      } as Record<string, string>,
      recruiters: withoutBidiControls(recruiters),
      history,
      flash,
    },
    { headers },
  );
}

/** `base`: the next one (a 409) or the one posted (a 400); `changed`: a 409's note beside the field another admin changed. */
type ActionResult = {
  intent: string;
  result: SubmissionResult<string[]>;
  inviteUrl?: string;
  base?: string;
  changed?: Record<string, string>;
};

const PROBLEM_TEXT: Record<string, AdminOpsKey> = {
  "unknown-recruiter": "err.unknownRecruiter",
  "recruiter-taken": "err.recruiterTaken",
  self: "err.self",
  "last-admin": "err.lastAdmin",
  "not-found": "err.notFound",
};

/** What each change form of the page sends besides its intent (a select or a box, sent even when blank). */
const STAFF_FORM_FIELDS: Record<string, readonly string[]> = { role: ["role"], recruiter: ["recruiterId"], password: ["password"] };

// A post from a page of an earlier sign-in keeps what was typed (components/error-pages.tsx).
export const clientAction = keepTextOnStale;
export const shouldRevalidate = revalidateAfterStale;

/** POST /admin/staff/<id>: one change (intent role | recruiter | password | deactivate | reactivate), CSRF-checked, audited. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, user, form } = await requireAdminForm(request);
  const lng = lngFromUrl(request.url);
  const submission = parseWithZod(form, { schema: changeStaffSchema(lng) });
  const intent = String(submission.payload.intent ?? "");
  // A change whose field is left out is refused, not read as "blank" (a missing recruiterId unlinked the account).
  const refused = formShapeRefusal(form, { fields: STAFF_FORM_FIELDS[intent] ?? [] }, lng);
  // A 400 keeps the base it was posted with (after a 409: the value stored then), never the page's first.
  const base = submission.payload.base;
  const kept = postedBase(Array.isArray(base) ? base[0] : base);
  if (refused) {
    delete refused.initialValue?.password;
    return data<ActionResult>({ intent, result: refused, ...kept }, { status: 400 });
  }
  if (submission.status !== "success")
    return data<ActionResult>({ intent, result: submission.reply({ hideFields: ["password"] }), ...kept }, { status: 400 });
  const v = submission.value;
  const change =
    v.intent === "role"
      ? ({ kind: "role", role: v.role } as const)
      : v.intent === "recruiter"
        ? ({ kind: "recruiter", recruiterId: v.recruiterId || null } as const)
        : v.intent === "password"
          ? ({ kind: "password", password: v.password ?? null } as const)
          : ({ kind: "active", active: v.intent === "reactivate" } as const);
  const id = params.id ?? "";
  const filledFrom = decodeBase(submission.payload.base);
  const env = getWebEnv();
  const routing = { slaMinutes: env.ACCEPT_SLA_MINUTES, slaClock: env.SLA_CLOCK, noticeFallbackMs: 0 };
  const result = await changeStaffAccount(getSql(), id, change, { actor, userId: user?.id ?? null }, filledFrom, routing);
  if (!result.ok && result.problem === "changed-meanwhile" && filledFrom) {
    // Another admin changed this field since the page was opened: shown, not undone (ADR 092).
    const key = v.intent === "role" ? "role" : "recruiterId";
    const sent = { [key]: v.intent === "role" ? v.role : v.intent === "recruiter" ? (v.recruiterId ?? "") : "" };
    const refusal = adminEditRefusal(
      (options) => submission.reply({ ...options, hideFields: ["password"] }),
      { keys: [key], base: filledFrom, current: result.current, sent, conflicts: result.conflicts },
      {
        lng,
        label: (k) => opsText(lng, k === "role" ? "staff.role" : "staff.recruiter"),
        shown: (k, value) => (k === "role" ? opsLabel(lng, "role", value as never) : value),
      },
    );
    return data<ActionResult>({ intent, ...refusal }, { status: 409 });
  }
  if (!result.ok) {
    if (result.problem === "changed-meanwhile") throw new Response("not found", { status: 404 }); // not reached: no base, no refusal
    if (result.problem === "not-found") throw new Response("not found", { status: 404 });
    const field = v.intent === "recruiter" ? "recruiterId" : v.intent === "role" ? "role" : v.intent === "password" ? "password" : "";
    const message = [
      result.problem === "weak-password" ? passwordWeaknessText(lng, result.weakness) : opsText(lng, PROBLEM_TEXT[result.problem]),
    ];
    return data<ActionResult>(
      {
        intent,
        result: submission.reply({
          hideFields: ["password"],
          ...(field ? { fieldErrors: { [field]: message } } : { formErrors: message }),
        }),
        ...kept,
      },
      { status: 400 },
    );
  }
  if (result.invitationToken) {
    const inviteUrl = new URL(`/invite/${result.invitationToken}`, getWebEnv().APP_URL).toString();
    return data<ActionResult>({ intent, result: submission.reply({ resetForm: true, hideFields: ["password"] }), inviteUrl });
  }
  // A recruiter's sign-in deactivated: where their offers went and what stays with them (ADR 107).
  const offers = result.offers;
  const text = [
    opsText(lng, DONE[v.intent]),
    offers ? reroutedText(lng, offers.moved, offers.unassigned) : "",
    offers?.kept ? opsText(lng, "staff.done.keptWork", { count: offers.kept }) : "",
  ]
    .filter(Boolean)
    .join(" ");
  return redirectWithFlash(request, lngHref(`/admin/staff/${id}`, lng), { tone: "status", text, form: v.intent });
}

/** One small form of the page: its own Conform form, the CSRF token and the intent on its button. */
function ChangeForm({
  id,
  intent,
  lng,
  submit,
  children,
  danger,
  defaultValue,
  base,
}: {
  id: string;
  intent: string;
  lng: Lng;
  submit: string;
  danger?: boolean;
  /** What the fields show before anything is typed (the account as it is). */
  defaultValue?: Record<string, string>;
  /** What the form was filled from (ADR 091/092); after a refused change, the answer's. */
  base?: string;
  children: (fields: ReturnType<typeof useForm<Record<string, string>>>[1]) => ReactNode;
}) {
  const { account } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const { csrf } = useRootData();
  const schema = changeStaffSchema(lng);
  const [form, fields] = useForm<Record<string, string>>({
    id: `${intent}-form`,
    defaultValue,
    lastResult: useFormReply(intent, actionData?.intent === intent ? actionData.result : undefined),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }) as never,
  });
  return (
    <Form
      method="post"
      action={lngHref(`/admin/staff/${account.id}`, lng)}
      {...getFormProps(form)}
      className="admin-form"
      aria-labelledby={id}
    >
      <input type="hidden" name="csrf" value={csrf ?? ""} />
      <input type="hidden" name="intent" value={intent} />
      {base ? <input type="hidden" name="base" value={base} /> : null}
      {form.errors?.length ? (
        <ul className="errors banner error" role="alert" id={form.errorId}>
          {form.errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      {children(fields)}
      <button type="submit" className={danger ? "danger" : undefined}>
        {submit}
      </button>
    </Form>
  );
}

export default function StaffAccount() {
  const { lng, account: a, recruiters, history, flash, bases } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const t = (k: AdminOpsKey, p?: Record<string, string | number>) => opsText(lng, k, p);
  // A refused change answers with what is stored now: its form starts over showing it (ADR 092).
  const replyOf = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  const answerOf = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const roleKey = useAnswerKey(useFormReply("role", replyOf("role")), !!answerOf("role")?.changed);
  const linkKey = useAnswerKey(useFormReply("recruiter", replyOf("recruiter")), !!answerOf("recruiter")?.changed);
  // Kept here, outside the forms that start over: another form's 400 after a 409 keeps the stored base.
  const roleBase = useEditBase(answerOf("role")?.base, bases.role);
  const linkBase = useEditBase(answerOf("recruiter")?.base, bases.recruiter);
  return (
    <AdminPage lng={lng} flash={flash}>
      <h1>{t("staff.account.title", { email: a.email })}</h1>
      <p>
        {opsLabel(lng, "role", a.role)} · {a.active ? t("staff.state.active") : t("staff.state.inactive")}
        {a.recruiterId ? ` · ${a.recruiterName ?? ""} (${a.recruiterId})` : ""}
      </p>
      {actionData?.inviteUrl ? (
        <div className="banner info" role="status">
          {t("staff.inviteLink", { hours: INVITATION_HOURS })} <code data-testid="invite-url">{actionData.inviteUrl}</code>
        </div>
      ) : null}

      <AdminSection id="role-h" title={t("staff.account.role")}>
        <p className="hint">{t("staff.account.role.hint")}</p>
        {/* Field metadata is passed as it is: a spread copy loses its getters, and with them the inputs' names. */}
        <ChangedMeanwhile notes={answerOf("role")?.changed}>
          <ChangeForm
            key={roleKey}
            id="role-h"
            intent="role"
            lng={lng}
            submit={t("staff.submit.role")}
            defaultValue={{ role: a.role }}
            base={roleBase}
          >
            {(f) => (
              <ChoiceField
                meta={f.role}
                label={t("staff.role")}
                required
                options={STAFF_ROLES.map((r) => ({ value: r, label: opsLabel(lng, "role", r) }))}
              />
            )}
          </ChangeForm>
        </ChangedMeanwhile>
      </AdminSection>

      {a.role === "recruiter" ? (
        <AdminSection id="link-h" title={t("staff.account.link")}>
          <ChangedMeanwhile notes={answerOf("recruiter")?.changed}>
            <ChangeForm
              key={linkKey}
              base={linkBase}
              id="link-h"
              intent="recruiter"
              lng={lng}
              submit={t("staff.submit.link")}
              defaultValue={{ recruiterId: a.recruiterId ?? "" }}
            >
              {(f) => (
                <SelectField
                  meta={f.recruiterId}
                  label={t("staff.recruiter")}
                  placeholder={t("staff.recruiter.none")}
                  groups={[
                    {
                      label: "",
                      options: recruiters.map((r) => ({
                        value: r.id,
                        label: `${r.name} (${r.id})${r.linkedTo && r.linkedTo !== a.email ? ` — ${r.linkedTo}` : ""}`,
                      })),
                    },
                  ]}
                />
              )}
            </ChangeForm>
          </ChangedMeanwhile>
        </AdminSection>
      ) : null}

      <AdminSection id="password-h" title={t("staff.account.password")}>
        <p className="hint">{t("staff.account.password.hint")}</p>
        <ChangeForm id="password-h" intent="password" lng={lng} submit={t("staff.submit.password")}>
          {(f) => <TextField meta={f.password} label={t("staff.password")} type="password" autoComplete="new-password" maxLength={200} />}
        </ChangeForm>
      </AdminSection>

      <AdminSection id="active-h" title={a.active ? t("staff.account.deactivate") : t("staff.account.reactivate")}>
        {a.active ? <p className="hint">{t("staff.account.deactivate.hint")}</p> : null}
        {a.active && a.role === "recruiter" && a.recruiterId ? (
          <p className="hint">{opsText(lng, "staff.account.deactivate.recruiter", { recruiter: a.recruiterName ?? a.recruiterId })}</p>
        ) : null}
        <ChangeForm
          id="active-h"
          intent={a.active ? "deactivate" : "reactivate"}
          lng={lng}
          danger={a.active}
          submit={a.active ? t("staff.submit.deactivate") : t("staff.submit.reactivate")}
        >
          {() => null}
        </ChangeForm>
      </AdminSection>

      <AdminSection id="history-h" title={t("staff.account.history")}>
        <AuditTable
          lng={lng}
          caption={t("staff.account.history.caption")}
          rows={history.map((h) => ({ ...h, detail: JSON.stringify(h.detail) }))}
        />
      </AdminSection>

      <p>
        <Link to={lngHref("/admin/staff", lng)}>{t("staff.back")}</Link>
      </p>
    </AdminPage>
  );
}

export const ErrorBoundary = AdminErrorBoundary;
