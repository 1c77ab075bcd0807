import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { createStaffAccount, listRecruiterChoices, listStaffAccounts } from "~/admin/staff-accounts.server";
import { createStaffSchema, INVITATION_HOURS, STAFF_ROLES } from "~/admin/staff-forms";
import { requireAdminActor, requireAdminForm } from "~/auth/admin-gate.server";
import { passwordWeaknessText } from "~/auth/password-strength.server";
import { AdminErrorBoundary, AdminPage, AdminSection, DataTable, Time } from "~/components/admin";
import { keepTextOnStale, revalidateAfterStale } from "~/components/error-pages";
import { ChoiceField, SelectField, TextField, useFormReply } from "~/components/forms";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { getSql } from "~/db/db.server";
import { withoutBidiControls } from "~/domain/display-text";
import { formShapeRefusal } from "~/http/action-form.server";
import { type AdminOpsKey, opsLabel, opsText } from "~/i18n/admin-ops-messages";
import { lngHref } from "~/i18n/i18n";
import { lngFromUrl } from "~/i18n/lng";
import { useRootData } from "~/root";
import adminStyles from "~/styles/admin.css";
import { getWebEnv } from "~/utils/env.server";

export const links = stylesheets(adminStyles);
export const meta = noindexMeta<typeof loader>((d) => opsText(d?.lng ?? "zh", "staff.title"));
export const headers = noStore;

/** GET /admin/staff: every staff account and the form for a new one. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminActor(request);
  const sql = getSql();
  const [accounts, recruiters] = await Promise.all([listStaffAccounts(sql), listRecruiterChoices(sql)]);
  return { lng: lngFromUrl(request.url), accounts: withoutBidiControls(accounts), recruiters: withoutBidiControls(recruiters) };
}

type ActionResult = { result: SubmissionResult<string[]>; created?: { email: string; userId: string; inviteUrl: string | null } };

const PROBLEM_FIELD = { "email-taken": "email", "unknown-recruiter": "recruiterId", "recruiter-taken": "recruiterId" } as const;
const PROBLEM_TEXT: Record<string, AdminOpsKey> = {
  "email-taken": "err.emailTaken",
  "unknown-recruiter": "err.unknownRecruiter",
  "recruiter-taken": "err.recruiterTaken",
};

// A post from a page of an earlier sign-in keeps what was typed (components/error-pages.tsx).
export const clientAction = keepTextOnStale;
export const shouldRevalidate = revalidateAfterStale;

/**
 * POST /admin/staff: creates an account (CSRF-checked). 400 with field errors; 200 with the
 * invitation link, shown once (never put in a URL: it would land in histories and access logs).
 */
export async function action({ request }: ActionFunctionArgs) {
  const { actor, form } = await requireAdminForm(request);
  const lng = lngFromUrl(request.url);
  // One value per field (ADR 086): a field sent twice is refused in our words, not Zod's.
  const refused = formShapeRefusal(form, { fields: [] }, lng);
  if (refused) {
    delete refused.initialValue?.password;
    return data<ActionResult>({ result: refused }, { status: 400 });
  }
  const submission = parseWithZod(form, { schema: createStaffSchema(lng) });
  if (submission.status !== "success")
    return data<ActionResult>({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const v = submission.value;
  const created = await createStaffAccount(
    getSql(),
    {
      email: v.email,
      name: v.name ?? "",
      role: v.role,
      recruiterId: v.recruiterId || null,
      password: v.access === "password" ? (v.password ?? null) : null,
    },
    actor,
  );
  if (!created.ok) {
    const field =
      created.problem === "weak-password" ? "password" : (PROBLEM_FIELD[created.problem as keyof typeof PROBLEM_FIELD] ?? "email");
    const message =
      created.problem === "weak-password"
        ? passwordWeaknessText(lng, created.weakness)
        : opsText(lng, PROBLEM_TEXT[created.problem] ?? "err.notFound");
    return data<ActionResult>(
      {
        result: submission.reply({
          hideFields: ["password"],
          fieldErrors: { [field]: [message] },
        }),
      },
      { status: 400 },
    );
  }
  const inviteUrl = created.invitationToken ? new URL(`/invite/${created.invitationToken}`, getWebEnv().APP_URL).toString() : null;
  return data<ActionResult>({
    result: submission.reply({ resetForm: true, hideFields: ["password"] }),
    created: { email: v.email.toLowerCase(), userId: created.userId, inviteUrl },
  });
}

function accountState(lng: "zh" | "en", a: { active: boolean; hasPassword: boolean; invitationOpen: boolean }): string {
  if (!a.active) return opsText(lng, "staff.state.inactive");
  if (!a.hasPassword) return opsText(lng, a.invitationOpen ? "staff.state.invited" : "staff.state.noPassword");
  return opsText(lng, "staff.state.active");
}

export default function StaffAccounts() {
  const { lng, accounts, recruiters } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const { csrf } = useRootData();
  const t = (k: AdminOpsKey, p?: Record<string, string | number>) => opsText(lng, k, p);
  const schema = createStaffSchema(lng);
  const [form, fields] = useForm({
    id: "create-account",
    lastResult: useFormReply("create", actionData?.result),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const created = actionData?.created;

  return (
    <AdminPage lng={lng}>
      <h1>{t("staff.title")}</h1>
      <p>{t("staff.intro", { hours: INVITATION_HOURS })}</p>

      {created ? (
        <div className="banner info" role="status" data-testid="account-created">
          <p>{t("staff.created", { email: created.email })}</p>
          {created.inviteUrl ? (
            <p>
              {t("staff.inviteLink", { hours: INVITATION_HOURS })} <code data-testid="invite-url">{created.inviteUrl}</code>
            </p>
          ) : null}
        </div>
      ) : null}

      <AdminSection id="accounts-h" title={t("staff.title")}>
        <DataTable
          caption={t("staff.caption")}
          columns={[
            { label: t("staff.col.email") },
            { label: t("staff.col.name") },
            { label: t("staff.col.role") },
            { label: t("staff.col.recruiter") },
            { label: t("staff.col.state") },
            { label: t("staff.col.lastSignIn") },
          ]}
        >
          {accounts.map((a) => (
            <tr key={a.id} data-account={a.email}>
              <th scope="row">
                <Link to={lngHref(`/admin/staff/${a.id}`, lng)} aria-label={`${t("staff.edit")} ${a.email}`}>
                  {a.email}
                </Link>
              </th>
              <td>{a.name || "—"}</td>
              <td>{opsLabel(lng, "role", a.role)}</td>
              <td>{a.recruiterId ? `${a.recruiterName ?? ""} (${a.recruiterId})` : "—"}</td>
              <td>{accountState(lng, a)}</td>
              <td>
                <Time iso={a.lastSignIn} />
              </td>
            </tr>
          ))}
        </DataTable>
      </AdminSection>

      <AdminSection id="create-h" title={t("staff.create")}>
        <Form method="post" action={lngHref("/admin/staff", lng)} {...getFormProps(form)} className="admin-form">
          <input type="hidden" name="csrf" value={csrf ?? ""} />
          {form.errors?.length ? (
            <p className="banner error" role="alert">
              {t("form.errors")}
            </p>
          ) : null}
          <TextField meta={fields.email} label={t("staff.email")} type="email" autoComplete="off" required maxLength={200} />
          <TextField meta={fields.name} label={t("staff.name")} maxLength={100} />
          <ChoiceField
            meta={fields.role}
            label={t("staff.role")}
            required
            options={STAFF_ROLES.map((r) => ({ value: r, label: opsLabel(lng, "role", r) }))}
          />
          <SelectField
            meta={fields.recruiterId}
            label={t("staff.recruiter")}
            placeholder={t("staff.recruiter.none")}
            groups={[
              {
                label: "",
                options: recruiters.map((r) => ({ value: r.id, label: `${r.name} (${r.id})${r.linkedTo ? ` — ${r.linkedTo}` : ""}` })),
              },
            ]}
          />
          <p className="hint">{t("staff.recruiter.hint")}</p>
          <ChoiceField
            meta={fields.access}
            label={t("staff.access")}
            required
            fallback="invite"
            options={[
              { value: "invite", label: t("staff.access.invite") },
              { value: "password", label: t("staff.access.password") },
            ]}
          />
          <TextField
            meta={fields.password}
            label={t("staff.password")}
            hint={t("staff.password.hint")}
            type="password"
            autoComplete="new-password"
            maxLength={200}
          />
          <button type="submit">{t("staff.submit.create")}</button>
        </Form>
      </AdminSection>
    </AdminPage>
  );
}

export const ErrorBoundary = AdminErrorBoundary;
