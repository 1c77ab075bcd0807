import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";

import { loadOfficeHours, saveOfficeHours } from "~/admin/office-hours.server";
import { officeHoursSchema } from "~/admin/office-hours-form";
import { requireAdminActor, requireAdminForm } from "~/auth/admin-gate.server";
import { AdminErrorBoundary, AdminPage } from "~/components/admin";
import { TextField } from "~/components/forms";
import { getSql } from "~/db/db.server";
import { formatClockMinute } from "~/domain/clock-time";
import { addWorkingMinutes } from "~/domain/routing/working-time";
import { readFlash, redirectWithFlash } from "~/http/flash.server";
import { formatAdminTime } from "~/i18n/admin-messages";
import { type AdminOpsKey, opsText } from "~/i18n/admin-ops-messages";
import { lngHref } from "~/i18n/i18n";
import { lngFromUrl } from "~/i18n/lng";
import { useRootData } from "~/root";
import adminStyles from "~/styles/admin.css";
import { getWebEnv } from "~/utils/env.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: adminStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: opsText(d?.lng ?? "zh", "hours.title") },
  { name: "robots", content: "noindex" },
];
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

/** GET /admin/office-hours: the hours the acceptance SLA counts in (ADR 028), with a worked example. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminActor(request);
  const hours = await loadOfficeHours(getSql());
  const env = getWebEnv();
  // A fixed ordinary Friday, 17:00 China time, shows what the hours mean for a deadline.
  const offered = new Date("2025-03-14T17:00:00+08:00");
  const due = addWorkingMinutes(offered, env.ACCEPT_SLA_MINUTES, hours);
  const { flash, headers } = await readFlash(request);
  return data(
    {
      lng: lngFromUrl(request.url),
      start: formatClockMinute(hours.startMinute),
      end: formatClockMinute(hours.endMinute),
      minutes: env.ACCEPT_SLA_MINUTES,
      wall: env.SLA_CLOCK === "wall",
      example: { offered: "17:00", due: formatAdminTime(due.toISOString()) },
      flash,
    },
    { headers },
  );
}

/** POST: new office hours (CSRF-checked, audited); offers made from now on get deadlines on them. */
export async function action({ request }: ActionFunctionArgs) {
  const { actor, form } = await requireAdminForm(request);
  const lng = lngFromUrl(request.url);
  const submission = parseWithZod(form, { schema: officeHoursSchema(lng) });
  if (submission.status !== "success") return data({ result: submission.reply() as SubmissionResult<string[]> }, { status: 400 });
  await saveOfficeHours(getSql(), { startMinute: submission.value.start, endMinute: submission.value.end }, actor);
  return redirectWithFlash(request, lngHref("/admin/office-hours", lng), { tone: "status", text: opsText(lng, "form.saved") });
}

export default function OfficeHours() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<{ result: SubmissionResult<string[]> }>();
  const { csrf } = useRootData();
  const t = (k: AdminOpsKey, p?: Record<string, string | number>) => opsText(d.lng, k, p);
  const schema = officeHoursSchema(d.lng);
  const [form, fields] = useForm({
    id: "office-hours",
    lastResult: actionData?.result,
    defaultValue: { start: d.start, end: d.end },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <AdminPage lng={d.lng} flash={d.flash}>
      <h1>{t("hours.title")}</h1>
      <p>{t("hours.intro", { minutes: d.minutes })}</p>
      <p>{t("hours.recruiters")}</p>
      {d.wall ? <p className="banner info">{t("hours.clockWall")}</p> : null}
      <Form method="post" action={lngHref("/admin/office-hours", d.lng)} {...getFormProps(form)} className="admin-form">
        <input type="hidden" name="csrf" value={csrf ?? ""} />
        <TextField meta={fields.start} label={t("hours.start")} required inputMode="numeric" maxLength={5} placeholder="09:00" />
        <TextField meta={fields.end} label={t("hours.end")} required inputMode="numeric" maxLength={5} placeholder="18:00" />
        <button type="submit">{t("hours.submit")}</button>
      </Form>
      <p>{t("hours.example", d.example)}</p>
    </AdminPage>
  );
}

export function ErrorBoundary() {
  return <AdminErrorBoundary />;
}
