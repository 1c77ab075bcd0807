import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";

import { calendarOverrideAddSchema, calendarOverrideRemoveSchema, officeHoursIntentSchema } from "~/admin/calendar-override-form";
import {
  loadCalendarOverrides,
  removeCalendarOverride,
  saveCalendarOverride,
  SCHEDULE_HORIZON_DAYS,
} from "~/admin/calendar-overrides.server";
import { loadOfficeHours, saveOfficeHours } from "~/admin/office-hours.server";
import { officeHoursSchema } from "~/admin/office-hours-form";
import { requireAdminActor, requireAdminForm } from "~/auth/admin-gate.server";
import { AdminErrorBoundary, AdminPage, DataTable } from "~/components/admin";
import { keepTextOnStale, revalidateAfterStale } from "~/components/error-pages";
import { ChangedMeanwhile, ChoiceField, TextField, useAnswerKey, useEditBase, useFormReply } from "~/components/forms";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { getSql } from "~/db/db.server";
import { formatClockMinute, parseClockMinute } from "~/domain/clock-time";
import { addWorkingMinutes, type OfficeHours, packageCoversYear, yearsWithoutSchedule } from "~/domain/routing/working-time";
import { type FormShape, formShapeRefusal } from "~/http/action-form.server";
import { adminEditRefusal, postedBase } from "~/http/edit-refusal.server";
import { readFlash, redirectWithFlash } from "~/http/flash.server";
import { formatAdminTime } from "~/i18n/admin-messages";
import { type AdminOpsKey, opsText } from "~/i18n/admin-ops-messages";
import { lngHref } from "~/i18n/i18n";
import { type Lng, lngFromUrl } from "~/i18n/lng";
import { useRootData } from "~/root";
import adminStyles from "~/styles/admin.css";
import { decodeBase, type EditConflict, type EditValues, encodeBase, mergeEdit, sentValues, valuesAsForm } from "~/utils/edit-merge.server";
import { getWebEnv } from "~/utils/env.server";

export const links = stylesheets(adminStyles);
export const meta = noindexMeta<typeof loader>((d) => opsText(d?.lng ?? "zh", "hours.title"));
export const headers = noStore;

/**
 * GET /admin/office-hours: the hours the acceptance SLA counts in (ADR 028), with a worked example; the
 * admin's calendar overrides (holidays, 调休 make-up days; ADR 037) and a warning naming any year within
 * the next 60 days that neither chinese-days nor an override covers.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminActor(request);
  const sql = getSql();
  const [hours, overrides] = await Promise.all([loadOfficeHours(sql), loadCalendarOverrides(sql)]);
  const env = getWebEnv();
  // The coming Friday, 17:00 China time, shows what the hours mean for a deadline (a fixed date of
  // 2025 read as a past one).
  const now = new Date();
  const chinaToday = new Date(now.getTime() + 8 * 3600_000);
  const daysToFriday = (5 - chinaToday.getUTCDay() + 7) % 7 || 7;
  const friday = new Date(chinaToday.getTime() + daysToFriday * 86_400_000).toISOString().slice(0, 10);
  const offered = new Date(`${friday}T17:00:00+08:00`);
  const due = addWorkingMinutes(offered, env.ACCEPT_SLA_MINUTES, hours);
  const thisYear = now.getUTCFullYear();
  let lastYear = thisYear + 1;
  while (lastYear > thisYear - 5 && !packageCoversYear(lastYear)) lastYear--;
  const { flash, headers } = await readFlash(request);
  return data(
    {
      lng: lngFromUrl(request.url),
      start: formatClockMinute(hours.startMinute),
      end: formatClockMinute(hours.endMinute),
      // What the hours form was filled from (ADR 091/092): another admin's change meanwhile is not undone unseen.
      base: encodeBase(hoursValues(hours)),
      minutes: env.ACCEPT_SLA_MINUTES,
      wall: env.SLA_CLOCK === "wall",
      example: { offered: "17:00", due: formatAdminTime(due.toISOString()) },
      overrides,
      missingYears: yearsWithoutSchedule(
        now,
        overrides.map((o) => o.day),
        SCHEDULE_HORIZON_DAYS,
      ),
      lastYear,
      flash,
    },
    { headers },
  );
}

/** What each of the page's three forms sends (no intent: the office hours, as before). */
const OFFICE_HOURS_FORMS: Record<ActionResult["intent"], FormShape> = {
  hours: { fields: ["start", "end"] },
  "override-add": { fields: ["intent", "day", "kind", "name"] },
  "override-remove": { fields: ["intent", "day"] },
};

/** The form an `intent` names, the first of a repeated one (refused by the shape check, said beside the right form). */
function intentOf(sent: unknown): ActionResult["intent"] {
  const first = Array.isArray(sent) ? sent[0] : sent;
  return first === "override-add" || first === "override-remove" ? first : "hours";
}

/** `base`: the next one (a 409) or the one posted (a 400); `changed`: a 409's notes beside the fields another admin changed. */
type ActionResult = {
  intent: "hours" | "override-add" | "override-remove";
  result: SubmissionResult<string[]>;
  base?: string;
  changed?: Record<string, string>;
};

/** The hours form's values for the hours (as the page shows them). */
function hoursValues(hours: OfficeHours): EditValues {
  return { start: formatClockMinute(hours.startMinute), end: formatClockMinute(hours.endMinute) };
}
const HOURS_KEYS = ["start", "end"] as const;

// A post from a page of an earlier sign-in keeps what was typed (components/error-pages.tsx).
export const clientAction = keepTextOnStale;
export const shouldRevalidate = revalidateAfterStale;

/**
 * POST (CSRF-checked, audited), one of three forms by `intent`: new office hours (no intent, as before),
 * `override-add` (a day off or make-up working day) or `override-remove`. Offers made from now on get
 * deadlines on the result. Bad input: 400 with the message beside the field, nothing written.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { actor, form } = await requireAdminForm(request);
  const lng = lngFromUrl(request.url);
  const which = parseWithZod(form, { schema: officeHoursIntentSchema });
  const intent = which.status === "success" ? which.value.intent : intentOf(which.payload.intent);
  const back = lngHref("/admin/office-hours", lng);
  // Only what the page's form sends (ADR 086): a field left out, or one sent twice, is refused in our words.
  const refused = formShapeRefusal(form, OFFICE_HOURS_FORMS[intent], lng);
  // A 400 of the hours keeps the base it was posted with (after a 409: the hours stored then), never the page's first.
  const postedHoursBase = (v: unknown) => (intent === "hours" ? postedBase(Array.isArray(v) ? v[0] : v) : {});
  if (refused) return data<ActionResult>({ intent, result: refused, ...postedHoursBase(refused.initialValue?.base) }, { status: 400 });
  if (intent === "override-add") {
    const submission = parseWithZod(form, { schema: calendarOverrideAddSchema(lng) });
    if (submission.status !== "success")
      return data<ActionResult>({ intent, result: submission.reply() as SubmissionResult<string[]> }, { status: 400 });
    await saveCalendarOverride(getSql(), submission.value, actor);
    return redirectWithFlash(request, back, {
      tone: "status",
      text: opsText(lng, "cal.saved", { day: submission.value.day }),
      form: intent,
    });
  }
  if (intent === "override-remove") {
    const submission = parseWithZod(form, { schema: calendarOverrideRemoveSchema(lng) });
    if (submission.status !== "success")
      return data<ActionResult>({ intent, result: submission.reply() as SubmissionResult<string[]> }, { status: 400 });
    const day = submission.value.day;
    if (!(await removeCalendarOverride(getSql(), day, actor)))
      return data<ActionResult>(
        { intent, result: submission.reply({ fieldErrors: { day: [opsText(lng, "err.overrideMissing")] } }) as SubmissionResult<string[]> },
        { status: 400 },
      );
    return redirectWithFlash(request, back, { tone: "status", text: opsText(lng, "cal.removed", { day }), form: intent });
  }
  const schema = officeHoursSchema(lng);
  const submission = parseWithZod(form, { schema });
  if (submission.status !== "success")
    return data<ActionResult>(
      { intent, result: submission.reply() as SubmissionResult<string[]>, ...postedHoursBase(submission.payload.base) },
      { status: 400 },
    );
  const filledFrom = decodeBase(submission.payload.base);
  // Each time as the page writes it ("9点", "9:00", "0900" are 09:00): a time typed otherwise is no change over the one
  // shown, and another admin's change meanwhile no conflict with it (forms41, the kind of attack40 #2).
  const sent = Object.fromEntries(
    Object.entries(sentValues(form, HOURS_KEYS, new Set())).map(([k, v]) => {
      const minute = typeof v === "string" ? parseClockMinute(v) : null;
      return [k, minute === null ? v : formatClockMinute(minute)];
    }),
  );
  let conflicts: EditConflict[] = [];
  // This form's changes over the hours as stored now (mergeEdit, as every edit form): a field it did not
  // change keeps another admin's; a field both changed, or hours that break the rule together, refuse.
  const merge = filledFrom
    ? (current: OfficeHours) => {
        const now = hoursValues(current);
        const merged = mergeEdit(HOURS_KEYS, filledFrom, now, sent);
        conflicts = merged.conflicts;
        if (conflicts.length) return null;
        const again = parseWithZod(valuesAsForm(merged.values), { schema });
        return again.status === "success" ? { startMinute: again.value.start, endMinute: again.value.end } : null;
      }
    : undefined;
  const saved = await saveOfficeHours(getSql(), { startMinute: submission.value.start, endMinute: submission.value.end }, actor, merge);
  if (!saved.ok && filledFrom) {
    const refusal = adminEditRefusal(
      (options) => submission.reply(options) as SubmissionResult<string[]>,
      { keys: HOURS_KEYS, base: filledFrom, current: hoursValues(saved.current), sent, conflicts },
      { lng, label: (k) => opsText(lng, k === "start" ? "hours.start" : "hours.end") },
    );
    return data<ActionResult>({ intent, ...refusal }, { status: 409 });
  }
  return redirectWithFlash(request, back, { tone: "status", text: opsText(lng, "form.saved"), form: "hours" });
}

export default function OfficeHours() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const t = (k: AdminOpsKey, p?: Record<string, string | number>) => opsText(d.lng, k, p);
  // A refused save answers with the hours as stored now: the form starts over showing them (ADR 092).
  const hoursReply = useFormReply("hours", actionData?.intent === "hours" ? actionData.result : undefined);
  const hoursAnswer = actionData?.intent === "hours" ? actionData : undefined;
  const hoursKey = useAnswerKey(hoursReply, !!hoursAnswer?.changed);
  // Kept here, outside the form that starts over: a day's 400 after a 409 keeps the stored base.
  const hoursBase = useEditBase(hoursAnswer?.base, d.base);
  return (
    <AdminPage lng={d.lng} flash={d.flash}>
      <h1>{t("hours.title")}</h1>
      {d.missingYears.length ? (
        <p className="banner error" role="alert" data-testid="calendar-missing">
          {t("cal.missing", { years: d.missingYears.join("、") })}
        </p>
      ) : null}
      <p>{t("hours.intro", { minutes: d.minutes })}</p>
      <p>{t("hours.recruiters")}</p>
      {d.wall ? <p className="banner info">{t("hours.clockWall")}</p> : null}
      <ChangedMeanwhile notes={hoursAnswer?.changed}>
        <HoursForm key={hoursKey} base={hoursBase ?? d.base} />
      </ChangedMeanwhile>
      <p>{t("hours.example", d.example)}</p>
      <CalendarOverrides lng={d.lng} />
    </AdminPage>
  );
}

/** The office hours: two times, the base they were filled from. */
function HoursForm({ base }: { base: string }) {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const { csrf } = useRootData();
  const t = (k: AdminOpsKey, p?: Record<string, string | number>) => opsText(d.lng, k, p);
  const schema = officeHoursSchema(d.lng);
  const [form, fields] = useForm({
    id: "office-hours",
    lastResult: useFormReply("hours", actionData?.intent === "hours" ? actionData.result : undefined),
    defaultValue: { start: d.start, end: d.end },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <Form method="post" action={lngHref("/admin/office-hours", d.lng)} {...getFormProps(form)} className="admin-form">
      <input type="hidden" name="csrf" value={csrf ?? ""} />
      <input type="hidden" name="base" value={base} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField meta={fields.start} label={t("hours.start")} required inputMode="numeric" maxLength={12} placeholder="09:00" />
      <TextField meta={fields.end} label={t("hours.end")} required inputMode="numeric" maxLength={12} placeholder="18:00" />
      <button type="submit">{t("hours.submit")}</button>
    </Form>
  );
}

/** The calendar overrides: the list (each with its remove button) and the form to enter a day (ADR 037). */
function CalendarOverrides({ lng }: { lng: Lng }) {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const { csrf } = useRootData();
  const t = (k: AdminOpsKey, p?: Record<string, string | number>) => opsText(lng, k, p);
  const addSchema = calendarOverrideAddSchema(lng);
  const [form, fields] = useForm({
    id: "calendar-override",
    lastResult: useFormReply("override-add", actionData?.intent === "override-add" ? actionData.result : undefined),
    defaultValue: { kind: "off" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addSchema }),
  });
  const removeErrors = actionData?.intent === "override-remove" ? actionData.result.error : undefined;
  return (
    <section aria-labelledby="calendar-h">
      <h2 id="calendar-h">{t("cal.title")}</h2>
      <p>{t("cal.intro", { lastYear: d.lastYear })}</p>
      {removeErrors ? (
        <ul className="errors banner error" role="alert">
          {Object.values(removeErrors)
            .flat()
            .map((e) => (
              <li key={String(e)}>{String(e)}</li>
            ))}
        </ul>
      ) : null}
      <DataTable
        caption={t("cal.caption")}
        columns={[
          { label: t("cal.col.day") },
          { label: t("cal.col.kind") },
          { label: t("cal.col.name") },
          { label: t("cal.col.by") },
          { label: t("cal.col.action") },
        ]}
        empty={{ when: d.overrides.length === 0, text: t("cal.empty") }}
      >
        {d.overrides.map((o) => (
          <tr key={o.day} data-day={o.day}>
            <th scope="row">{o.day}</th>
            <td>{t(o.work ? "cal.kind.work" : "cal.kind.off")}</td>
            <td>{o.name ?? "—"}</td>
            <td>{o.createdBy}</td>
            <td>
              <Form method="post" action={lngHref("/admin/office-hours", lng)}>
                <input type="hidden" name="csrf" value={csrf ?? ""} />
                <input type="hidden" name="day" value={o.day} />
                <button type="submit" name="intent" value="override-remove" className="danger">
                  {t("cal.remove", { day: o.day })}
                </button>
              </Form>
            </td>
          </tr>
        ))}
      </DataTable>
      <h3 id="calendar-add-h">{t("cal.add")}</h3>
      <Form
        method="post"
        action={lngHref("/admin/office-hours", lng)}
        {...getFormProps(form)}
        className="admin-form"
        aria-labelledby="calendar-add-h"
      >
        <input type="hidden" name="csrf" value={csrf ?? ""} />
        <input type="hidden" name="intent" value="override-add" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField meta={fields.day} label={t("cal.day")} required type="date" />
        <ChoiceField
          meta={fields.kind}
          label={t("cal.kind")}
          required
          fallback="off"
          options={[
            { value: "off", label: t("cal.kind.off") },
            { value: "work", label: t("cal.kind.work") },
          ]}
        />
        <TextField meta={fields.name} label={t("cal.name")} maxLength={40} />
        <button type="submit">{t("cal.submit")}</button>
      </Form>
    </section>
  );
}

/** A form's own message (a post not of its form, ADR 086), above its fields. */
function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <ul className="errors banner error" role="alert" id={id}>
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  ) : null;
}

export const ErrorBoundary = AdminErrorBoundary;
