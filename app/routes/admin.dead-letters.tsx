import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { loadAdminAudit } from "~/admin/admin-audit.server";
import { loadDashboard } from "~/admin/admin-data.server";
import { actOnDeadLetter, retryDeadWork } from "~/admin/dead-letter-actions.server";
import { requireAdminActor, requireAdminForm } from "~/auth/admin-gate.server";
import { AdminErrorBoundary, AdminPage, AdminSection, AuditTable, DataTable, FailureCause, StuckWorkTable, Time } from "~/components/admin";
import { keepTextOnStale, revalidateAfterStale } from "~/components/error-pages";
import { useFormReply } from "~/components/forms";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { getSql } from "~/db/db.server";
import { withoutBidiControls } from "~/domain/display-text";
import { cleanTyped } from "~/domain/format-chars";
import { readFlash, redirectWithFlash } from "~/http/flash.server";
import { adminLabel, adminText } from "~/i18n/admin-messages";
import { type AdminOpsKey, isOpsKey, opsText } from "~/i18n/admin-ops-messages";
import { lngHref } from "~/i18n/i18n";
import { type Lng, lngFromUrl } from "~/i18n/lng";
import { useRootData } from "~/root";
import adminStyles from "~/styles/admin.css";
import { getWebEnv } from "~/utils/env.server";

export const links = stylesheets(adminStyles);
export const meta = noindexMeta<typeof loader>((d) => opsText(d?.lng ?? "zh", "dead.title"));
export const headers = noStore;

/** One action on one dead letter: the notice, what to do, an optional note. */
const deadLetterSchema = z.object({
  noticeId: z.string().regex(/^\d{1,18}$/),
  intent: z.enum(["retry", "hotline", "handled"]),
  note: z.string().overwrite(cleanTyped).max(500).optional(),
});

/** The retry of one piece of dead background work (an outbox row, docs/decisions/077). */
const deadWorkSchema = z.object({
  workId: z.string().regex(/^\d{1,18}$/),
  intent: z.literal("retry-work"),
  note: z.string().overwrite(cleanTyped).max(500).optional(),
});

/** Either form of the page: a notice's action or the retry of a piece of work, told apart by `intent`. */
const deadActionSchema = z.union([deadLetterSchema, deadWorkSchema]);

/** What each action says after it is done (the flash on the page it lands on, ADR 025). */
const DONE: Record<"retry" | "hotline" | "handled", AdminOpsKey> = {
  retry: "dead.done.retry",
  hotline: "dead.done.hotline",
  handled: "dead.done.handled",
};

/** GET /admin/dead-letters: notices that failed for good, with their errors and actions; the struggling background work. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminActor(request);
  const sql = getSql();
  const [dashboard, history] = await Promise.all([
    loadDashboard(sql),
    loadAdminAudit(sql, { targetPrefix: ["notification:", "outbox:"], limit: 20 }),
  ]);
  const { flash, headers } = await readFlash(request);
  return data(
    {
      lng: lngFromUrl(request.url),
      dead: withoutBidiControls(dashboard.dead),
      deadWork: withoutBidiControls(dashboard.deadWork),
      stuck: dashboard.stuck,
      history,
      flash,
    },
    { headers },
  );
}

/** `noticeId` is the notice's id, or `work:<outbox id>` for dead background work. */
type ActionResult = { noticeId: string; result: SubmissionResult<string[]> };

// A post from a page of an earlier sign-in keeps what was typed (components/error-pages.tsx).
export const clientAction = keepTextOnStale;
export const shouldRevalidate = revalidateAfterStale;

/**
 * POST: retry, hotline task instead, or mark handled (CSRF-checked, audited); 303 back with a flash
 * message. A row no longer waiting (a second press, another admin or tab was first) is no error: the
 * same 303 with a notice saying what became of it — the page then shows the list without it.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { actor, form } = await requireAdminForm(request);
  const lng = lngFromUrl(request.url);
  const submission = parseWithZod(form, { schema: deadActionSchema });
  const { workId, noticeId: notice } = submission.payload;
  const noticeId = workId !== undefined ? `work:${String(workId)}` : String(notice ?? "");
  // An id that is no row (not digits): no such notice or work — 404 with the message on the page, like one that never existed.
  const rowId = workId ?? notice;
  if (typeof rowId !== "string" || !/^\d{1,18}$/.test(rowId))
    return data<ActionResult>(
      { noticeId, result: submission.reply({ formErrors: [opsText(lng, workId !== undefined ? "dead.work.gone" : "dead.gone")] }) },
      { status: 404 },
    );
  if (submission.status !== "success") return data<ActionResult>({ noticeId, result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const back = (key: AdminOpsKey) =>
    redirectWithFlash(request, lngHref("/admin/dead-letters", lng), { tone: "status", text: opsText(lng, key), form: noticeId });
  if (v.intent === "retry-work") {
    const outcome = await retryDeadWork(getSql(), v.workId, actor, { note: v.note });
    if (!outcome.ok && outcome.reason === "not-dead") return back("dead.work.already");
    if (!outcome.ok)
      return data<ActionResult>({ noticeId, result: submission.reply({ formErrors: [opsText(lng, "dead.work.gone")] }) }, { status: 404 });
    return back("dead.work.done.retry");
  }
  const outcome = await actOnDeadLetter(getSql(), v.noticeId, v.intent, actor, {
    note: v.note,
    slaMinutes: getWebEnv().ACCEPT_SLA_MINUTES,
    slaClock: getWebEnv().SLA_CLOCK,
  });
  if (!outcome.ok && outcome.reason === "not-dead")
    return back(outcome.status === "handled" ? "dead.already.handled" : "dead.already.retried");
  if (!outcome.ok) {
    const key: AdminOpsKey = outcome.reason === "no-assignment" ? "dead.noHotline" : "dead.gone";
    return data<ActionResult>(
      { noticeId, result: submission.reply({ formErrors: [opsText(lng, key)] }) },
      { status: outcome.reason === "no-assignment" ? 400 : 404 },
    );
  }
  return back(DONE[v.intent]);
}

/** What both forms carry: the CSRF token, the row's id, the form's error and a note for the audit line. */
function RowFields({
  lng,
  row: [name, value],
  errors,
  errorId,
  note,
}: {
  lng: Lng;
  row: [string, string];
  errors?: string[];
  errorId: string;
  note: { id: string; name: string };
}) {
  const { csrf } = useRootData();
  return (
    <>
      <input type="hidden" name="csrf" value={csrf ?? ""} />
      <input type="hidden" name={name} value={value} />
      {errors?.length ? (
        <p className="error-text" role="alert" id={errorId}>
          {errors.join(" ")}
        </p>
      ) : null}
      <label htmlFor={note.id} className="visually-hidden">
        {opsText(lng, "dead.note")}
      </label>
      <input id={note.id} name={note.name} placeholder={opsText(lng, "dead.note")} maxLength={500} />
    </>
  );
}

function DeadLetterForm({ lng, noticeId, canHotline }: { lng: Lng; noticeId: string; canHotline: boolean }) {
  const actionData = useActionData<ActionResult>();
  const t = (k: AdminOpsKey) => opsText(lng, k);
  const [form, fields] = useForm({
    id: `dead-${noticeId}`,
    lastResult: useFormReply(noticeId, actionData?.noticeId === noticeId ? actionData.result : undefined),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: deadLetterSchema }),
  });
  return (
    <Form method="post" action={lngHref("/admin/dead-letters", lng)} {...getFormProps(form)} className="row-actions">
      <RowFields lng={lng} row={["noticeId", noticeId]} errors={form.errors} errorId={form.errorId} note={fields.note} />
      <button type="submit" name="intent" value="retry">
        {t("dead.retry")}
      </button>
      {canHotline ? (
        <button type="submit" name="intent" value="hotline">
          {t("dead.hotline")}
        </button>
      ) : null}
      <button type="submit" name="intent" value="handled" className="secondary">
        {t("dead.handled")}
      </button>
    </Form>
  );
}

/** The retry of one piece of dead background work, with an optional note for the audit line. */
function DeadWorkForm({ lng, workId }: { lng: Lng; workId: string }) {
  const actionData = useActionData<ActionResult>();
  const t = (k: AdminOpsKey) => opsText(lng, k);
  const [form, fields] = useForm({
    id: `dead-work-${workId}`,
    lastResult: useFormReply(`work:${workId}`, actionData?.noticeId === `work:${workId}` ? actionData.result : undefined),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: deadWorkSchema }),
  });
  return (
    <Form method="post" action={lngHref("/admin/dead-letters", lng)} {...getFormProps(form)} className="row-actions">
      <RowFields lng={lng} row={["workId", workId]} errors={form.errors} errorId={form.errorId} note={fields.note} />
      <button type="submit" name="intent" value="retry-work">
        {t("dead.work.retry")}
      </button>
    </Form>
  );
}

/** A dead row's reason in the page's language; the raw code when it is one this release does not know. */
function deadReason(lng: Lng, reason: string | null): string {
  const key = `dead.work.reason.${reason ?? ""}`;
  return isOpsKey(key) ? opsText(lng, key) : (reason ?? "—");
}

export default function DeadLetters() {
  const { lng, dead, deadWork, stuck, history, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const t = (k: AdminOpsKey) => opsText(lng, k);
  // An answer about a row the page does not list (no such notice or work, an id made up): its form is not
  // on the page, so what it says is shown above the lists — never nowhere.
  const listed = new Set([...dead.rows.map((r) => r.id), ...deadWork.rows.map((r) => `work:${r.id}`)]);
  const unlisted = actionData && !listed.has(actionData.noticeId) ? (actionData.result.error?.[""] ?? []) : [];
  return (
    <AdminPage lng={lng} flash={flash}>
      <h1>{t("dead.title")}</h1>
      {unlisted.length > 0 ? (
        <p className="banner error" role="alert" data-testid="dead-action-error">
          {unlisted.join(" ")}
        </p>
      ) : null}
      <AdminSection id="dead-h" title={t("dead.notices")}>
        <p>{t("dead.intro")}</p>
        <DataTable
          caption={t("dead.caption")}
          columns={[
            { label: t("dead.col.lead") },
            { label: t("dead.col.what") },
            { label: t("dead.col.to") },
            { label: t("dead.col.error") },
            { label: t("dead.col.attempts"), numeric: true },
            { label: t("audit.col.at") },
            { label: t("dead.col.actions") },
          ]}
          empty={{ when: dead.rows.length === 0, text: t("dead.empty") }}
        >
          {dead.rows.map((r) => (
            <tr key={r.id} data-dead={r.id}>
              <th scope="row">
                <Link to={lngHref(`/admin/leads/${r.leadId}`, lng)}>{r.reference}</Link>
              </th>
              <td>
                {adminLabel(lng, "kind", r.kind)} · {adminLabel(lng, "channel", r.channel)}
              </td>
              <td>{r.recipientName ? `${r.recipientName} (${r.recipient})` : r.recipient}</td>
              <td className="error-text">
                <FailureCause lng={lng} lastError={r.lastError} />
                {r.lastError ?? "—"}
              </td>
              <td className="num">{r.attempts}</td>
              <td>
                <Time iso={r.createdAt} />
              </td>
              <td>
                <DeadLetterForm lng={lng} noticeId={r.id} canHotline={r.kind === "assignment"} />
              </td>
            </tr>
          ))}
        </DataTable>
      </AdminSection>

      <AdminSection id="dead-work-h" title={t("dead.work")}>
        <p>{t("dead.work.intro")}</p>
        <DataTable
          caption={t("dead.work.caption")}
          columns={[
            { label: adminText(lng, "col.topic") },
            { label: adminText(lng, "col.item") },
            { label: t("dead.work.col.reason") },
            { label: t("dead.col.error") },
            { label: t("dead.col.attempts"), numeric: true },
            { label: t("dead.work.col.at") },
            { label: t("dead.col.actions") },
          ]}
          empty={{ when: deadWork.rows.length === 0, text: t("dead.work.empty") }}
        >
          {deadWork.rows.map((r) => (
            <tr key={r.id} data-dead-work={r.id}>
              <th scope="row">{adminLabel(lng, "topic", r.topic)}</th>
              <td>{r.leadId && r.reference ? <Link to={lngHref(`/admin/leads/${r.leadId}`, lng)}>{r.reference}</Link> : r.item}</td>
              <td>
                {deadReason(lng, r.reason)}
                <FailureCause lng={lng} lastError={r.lastError} />
              </td>
              <td className="error-text">{r.lastError ?? "—"}</td>
              <td className="num">{r.attempts}</td>
              <td>
                <Time iso={r.deadAt} />
              </td>
              <td>
                <DeadWorkForm lng={lng} workId={r.id} />
              </td>
            </tr>
          ))}
        </DataTable>
      </AdminSection>

      <AdminSection id="stuck-h" title={t("dead.stuck")}>
        <StuckWorkTable lng={lng} caption={t("dead.stuck.caption")} rows={stuck.rows} emptyText={t("audit.empty")} />
      </AdminSection>

      <AdminSection id="history-h" title={t("dead.history")}>
        <AuditTable
          lng={lng}
          caption={t("dead.history")}
          rows={history.map((h) => ({ ...h, detail: `${h.target} ${JSON.stringify(h.detail)}` }))}
        />
      </AdminSection>
    </AdminPage>
  );
}

export const ErrorBoundary = AdminErrorBoundary;
