import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";

import { acceptInvitation, findInvitation } from "~/admin/staff-accounts.server";
import { invitationSchema } from "~/admin/staff-forms";
import { roleOfAccount } from "~/auth/accounts.server";
import { passwordWeaknessText } from "~/auth/password-strength.server";
import { isCrossSite, signInStaff } from "~/auth/session.server";
import { withErrorTitle } from "~/components/error-pages";
import { TextField, useFormReply } from "~/components/forms";
import { stylesheets } from "~/components/page-head";
import { StaffPage } from "~/components/staff";
import { getSql } from "~/db/db.server";
import { opsText } from "~/i18n/admin-ops-messages";
import { lngHref } from "~/i18n/i18n";
import { type Lng, lngFromUrl } from "~/i18n/lng";
import adminStyles from "~/styles/admin.css";

export const links = stylesheets(adminStyles);
type LoaderData = { lng: Lng; email: string | null };

export const meta: MetaFunction = withErrorTitle(({ data: d }) => [
  { title: opsText((d as LoaderData | undefined)?.lng ?? "zh", "invite.title") },
  { name: "robots", content: "noindex" },
]);
// The token is in the address: no caching, and no Referer leaves the page with it.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });

/** GET /invite/<token>: the invited person chooses a password (the token is one-time, ADR 028); 404 when it is no good. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lng = lngFromUrl(request.url);
  const invitation = await findInvitation(getSql(), params.token ?? "");
  return data<LoaderData>({ lng, email: invitation?.email ?? null }, { status: invitation ? 200 : 404 });
}

type ActionResult = { result: SubmissionResult<string[]>; invalid?: boolean };

/** POST: sets the password, uses the invitation up, and signs the person in (303 to their desk). */
export async function action({ request, params }: ActionFunctionArgs) {
  if (isCrossSite(request)) throw new Response("Forbidden: use this site's own form", { status: 403 });
  const lng = lngFromUrl(request.url);
  const submission = parseWithZod(await request.formData(), { schema: invitationSchema(lng) });
  if (submission.status !== "success")
    return data<ActionResult>({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const sql = getSql();
  const accepted = await acceptInvitation(sql, params.token ?? "", submission.value.password);
  if (!accepted) return data<ActionResult>({ result: submission.reply({ hideFields: ["password"] }), invalid: true }, { status: 404 });
  if ("weakness" in accepted)
    return data<ActionResult>(
      {
        result: submission.reply({ hideFields: ["password"], fieldErrors: { password: [passwordWeaknessText(lng, accepted.weakness)] } }),
      },
      { status: 400 },
    );
  const { userId } = accepted;
  const role = await roleOfAccount(sql, userId);
  const home = role === "admin" ? "/admin" : role === "hotline" ? "/hotline" : "/queue";
  return signInStaff(request, userId, lngHref(home, lng));
}

export default function Invitation() {
  const { lng, email } = useLoaderData<LoaderData>();
  const actionData = useActionData<ActionResult>();
  const schema = invitationSchema(lng);
  const [form, fields] = useForm({
    id: "invite",
    lastResult: useFormReply("invite", actionData?.result),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const invalid = !email || actionData?.invalid;
  return (
    <StaffPage lng={lng} signedIn={false}>
      <div className="login">
        <h1>{opsText(lng, "invite.title")}</h1>
        {invalid ? (
          <p className="banner error" role="alert">
            {opsText(lng, "invite.invalid")}
          </p>
        ) : (
          <>
            <p>{opsText(lng, "invite.intro", { email })}</p>
            <Form method="post" {...getFormProps(form)}>
              <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
              <TextField
                meta={fields.password}
                label={opsText(lng, "invite.password")}
                type="password"
                autoComplete="new-password"
                required
                maxLength={200}
              />
              <button type="submit">{opsText(lng, "invite.submit")}</button>
            </Form>
          </>
        )}
      </div>
    </StaffPage>
  );
}
