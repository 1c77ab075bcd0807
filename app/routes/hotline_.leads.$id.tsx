import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";

import { checkCsrf, requireStaff } from "~/auth/session.server";
import { Time } from "~/components/admin";
import { keepTextOnStale, revalidateAfterStale } from "~/components/error-pages";
import { FlashBanner } from "~/components/flash";
import { ErrorList, useFormReply } from "~/components/forms";
import { NeedEditSection } from "~/components/need-edit-form";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { RepeatList } from "~/components/repeat-list";
import { StaffPage } from "~/components/staff";
import { StaffErrorBoundary } from "~/components/staff-not-found";
import { TelLink } from "~/components/tel-link";
import { getSql } from "~/db/db.server";
import { NOTE_MAX } from "~/domain/call-outcomes";
import { withoutBidiControls } from "~/domain/display-text";
import { needRegionsText } from "~/domain/regions.server";
import { needAreaLine } from "~/domain/unit-count-text";
import { callNoteSchema } from "~/hotline/call-note-form";
import { loadDeskLead, readDeskLeadPage } from "~/hotline/desk-lead.server";
import { addLeadNote } from "~/hotline/lead-notes.server";
import type { NeedAnswer } from "~/hotline/need-edit";
import { needEditState, savedNeedText, saveNeedEdit } from "~/hotline/need-edit.server";
import { type FormShape, formShapeRefusal } from "~/http/action-form.server";
import { readFlash, redirectWithFlash } from "~/http/flash.server";
import type { WebLoadContext } from "~/http/load-context";
import { notFoundWith } from "~/http/not-found.server";
import { adminLabel } from "~/i18n/admin-messages";
import { hotlineText } from "~/i18n/hotline-messages";
import { lngHref } from "~/i18n/i18n";
import { lngFromUrl } from "~/i18n/lng";
import { ui } from "~/i18n/ui-messages";
import { leadRefusals } from "~/leads/lead-refusals";
import { workedLeadOf } from "~/leads/worked-lead.server";
import { recordPhoneViews } from "~/privacy/access-log.server";
import adminStyles from "~/styles/admin.css";
import hotlineStyles from "~/styles/hotline.css";

export const links = stylesheets(adminStyles, hotlineStyles);
export const meta = noindexMeta<typeof loader>((d) =>
  d && "lead" in d ? hotlineText(d.lng, "lead.title", { reference: d.lead.reference }) : "—",
);
export const headers = noStore;

/** The note form sends only these (ADR 086); the need form's shape is NEED_FORM (hotline/need-edit.server.ts). */
const NOTE_FORM: FormShape = { fields: ["intent", "body"] };

/**
 * GET /hotline/leads/<id>: one lead for the agent on a call — who, what, the notes; add this call, or change
 * the need. A lead closed as a duplicate (a repeat attached to its first lead, ADR 108, or an admin's
 * closing) is not worked: 303 to the lead it belongs to, the flash saying which and why (docs/decisions/116) —
 * except when this page is drawn with the answer of a post on it that the action refused (sent without
 * JavaScript): a redirect would drop what was typed, so the lead it belongs to is drawn here, with the
 * answer and the same words (docs/decisions/120).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStaff(request, ["hotline", "admin"]);
  const lng = lngFromUrl(request.url);
  // The lead, its notes and its repeats of one moment (docs/decisions/170); the phone view is logged after.
  const page = await readDeskLeadPage(getSql(), params.id ?? "", lngFromUrl(request.url));
  const { worked, lead } = page;
  const opened = worked
    ? { tone: "status" as const, text: hotlineText(lng, "lead.openedFirst", { from: worked.from, reference: worked.reference }) }
    : null;
  const answered = worked !== null && (context as Partial<WebLoadContext>).answeredOnLead === worked.id;
  if (worked && !answered) throw await redirectWithFlash(request, lngHref(`/hotline/leads/${worked.id}`, lng), opened!);
  if (!lead) throw notFoundWith(hotlineText(lng, "lead.notFound"));
  // The page shows the enterprise's full number (to call back): a logged view.
  await recordPhoneViews(getSql(), { actor: user.email, role: user.role }, "caller-lookup", [
    { leadId: lead.id, reference: lead.reference },
  ]);
  const read = await readFlash(request); // what the last save did (ADR 025), shown once
  const { headers } = read;
  const flash = read.flash ?? opened;
  return data(
    {
      lng,
      csrf: user.csrf,
      lead: withoutBidiControls(lead),
      regionsText: withoutBidiControls(needRegionsText(lead.lead.need, lng)),
      // What the enterprise refused, beside the need (docs/decisions/158): the agent must not pitch it.
      refusals: withoutBidiControls(leadRefusals(lead.lead, lng)),
      ...needEditState(lead.lead, lng),
      notes: withoutBidiControls(page.notes),
      repeats: withoutBidiControls(page.repeats),
      flash,
    },
    { headers },
  );
}

type ActionResult = { form: "note"; result: SubmissionResult<string[]> } | NeedAnswer;

// A post from a page of an earlier sign-in keeps what was typed (components/error-pages.tsx).
export const clientAction = keepTextOnStale;
export const shouldRevalidate = revalidateAfterStale;

/**
 * POST intent=note body=… → the call noted on this lead (303 back, flash "noted"); intent=need (the need
 * fields and an optional `note`) → the need replaced and the lead matched again (303 back, flash;
 * hotline/need-edit.server.ts). 400 with field errors; a closed or erased lead answers 409 / 404. CSRF token on both.
 * Posted on a lead closed as a duplicate (a page opened before it was attached): the note, and the need
 * form's changes over what it showed, go to the lead it belongs to (workedLeadOf), and the flash names it
 * (docs/decisions/116); refused there (400, 409), the answer is drawn on that lead with what was typed.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStaff(request, ["hotline", "admin"]);
  const form = await request.formData();
  checkCsrf(user, form);
  const lng = lngFromUrl(request.url);
  const worked = await workedLeadOf(getSql(), params.id ?? "");
  const lead = await loadDeskLead(getSql(), worked?.id ?? params.id ?? "", lng);
  if (!lead) throw notFoundWith(hotlineText(lng, "lead.notFound"));
  // An answer drawn as a page (a refusal, no JavaScript) is drawn on the lead worked on: the loader must not redirect it away.
  if (worked) (context as Partial<WebLoadContext>).answeredOnLead = worked.id;
  // Work posted on a duplicate was written on `lead`, its first lead: the flash says where.
  const where = (text: string) =>
    worked ? `${hotlineText(lng, "lead.savedOnFirst", { from: worked.from, reference: worked.reference })}${text}` : text;
  // The message rides the flash cookie (ADR 025), not a query flag that a reload or a shared link repeats.
  // It names the form it answered: that form starts over, the other keeps what is typed (ADR 081).
  const back = (form: "note" | "need", text: string) =>
    redirectWithFlash(request, lngHref(`/hotline/leads/${lead.id}`, lng), { tone: "status", text: where(text), form });
  // Which of the two forms was sent (the first `intent` of a crafted post that repeats it, refused by its shape).
  const sentIntent = parseWithZod(form, { schema: z.object({ intent: z.unknown() }) }).payload.intent;
  if ((Array.isArray(sentIntent) ? sentIntent[0] : sentIntent) === "note") {
    const refused = formShapeRefusal(form, NOTE_FORM, lng);
    if (refused) return data<ActionResult>({ form: "note", result: refused }, { status: 400 });
    const submission = parseWithZod(form, { schema: callNoteSchema(lng) });
    if (submission.status !== "success") return data<ActionResult>({ form: "note", result: submission.reply() }, { status: 400 });
    await addLeadNote(getSql(), { leadId: lead.id, authorId: user.id, body: submission.value.body, source: "hotline" });
    return back("note", hotlineText(lng, "note.saved"));
  }
  const saved = await saveNeedEdit(getSql(), form, {
    lng,
    lead: lead.lead,
    leadId: lead.id,
    authorId: user.id,
    reason: hotlineText("zh", "editNeed.reason", { reference: lead.reference }),
    source: "hotline",
  });
  if (saved.outcome === "refused") return data<ActionResult>(saved.answer, { status: saved.status });
  return back("need", savedNeedText(lng, saved.outcome === "saved" ? saved.fromNewerNotes : ""));
}

export default function HotlineLead() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const lng = d.lng;
  const h = (key: Parameters<typeof hotlineText>[1], p?: Record<string, string | number>) => hotlineText(lng, key, p);
  const l = d.lead;
  const needAnswer = actionData?.form === "need" ? actionData : undefined;
  const [noteForm, noteFields] = useForm({
    id: "call-note",
    lastResult: useFormReply("note", actionData?.form === "note" ? actionData.result : undefined),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: callNoteSchema(lng) }),
  });
  const kind = l.lead.need.kind;
  const area = needAreaLine(l.lead.need, lng);
  // Arriving here (Alt+1…9 on the desk, a link) the note box takes the focus (autoFocus). A read-only lead (won, lost,
  // closed) has none: the focus fell to <body> and the keyboard started over from the page's top. It lands on the
  // lead's heading instead — only when nothing else holds it (docs/decisions/170).
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (l.closed && (document.activeElement === null || document.activeElement === document.body)) heading.current?.focus();
  }, [l.id, l.closed]);

  return (
    <StaffPage lng={lng} signedIn csrf={d.csrf} home="hotline">
      <p>
        <Link to={lngHref("/hotline", lng)} className="back-link">
          ← {h("lead.back")}
        </Link>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {h("lead.title", { reference: l.reference })}
      </h1>
      <FlashBanner flash={d.flash} />
      {l.closed ? (
        <div className="banner error" role="alert">
          {h("lead.closed")}
        </div>
      ) : null}
      <dl className="facts">
        <dt>{h("lead.company")}</dt>
        <dd>{l.company}</dd>
        <dt>{h("lead.contact")}</dt>
        <dd>
          {l.contactName}
          {l.contactTitle ? `（${l.contactTitle}）` : ""}
        </dd>
        <dt>{h("lead.phone")}</dt>
        <dd>
          <TelLink href={l.phoneDial}>{l.phoneDisplay}</TelLink>
        </dd>
        <dt>{h("lead.need")}</dt>
        <dd>
          {ui(lng, `need.kind.${kind}`)} {area}
          {d.regionsText ? ` · ${d.regionsText}` : ""}
        </dd>
        {d.refusals ? (
          <>
            <dt>{d.refusals.label}</dt>
            <dd data-testid="need-refusals">{d.refusals.text}</dd>
          </>
        ) : null}
        <dt>{h("lead.status")}</dt>
        <dd>{adminLabel(lng, "leadStatus", l.status)}</dd>
        <dt>{h("lead.recruiters")}</dt>
        {/* Where each recruiter stands (已考察, 已流失…): the lead's own status stays 已分配 until it is won or lost. */}
        <dd>
          {l.recruiters.length
            ? l.recruiters
                .map((r) =>
                  lng === "zh"
                    ? `${r.name}（${adminLabel(lng, "assignment", r.stage)}）`
                    : `${r.name} (${adminLabel(lng, "assignment", r.stage)})`,
                )
                .join(lng === "zh" ? "、" : ", ")
            : h("known.noRecruiter")}
        </dd>
        <dt>{h("lead.received")}</dt>
        <dd>
          <Time iso={l.createdAt} />
        </dd>
        <RepeatList lng={lng} repeats={d.repeats} />
      </dl>

      <section aria-labelledby="notes-h">
        <h2 id="notes-h">{h("notes.title")}</h2>
        {d.notes.length === 0 ? <p>{h("notes.empty")}</p> : null}
        <ol className="cards notes">
          {d.notes.map((n) => (
            <li key={n.id} className="card">
              <p className="hint">
                <Time iso={n.createdAt} /> · {h("notes.by", { author: n.author, source: h(`source.${n.source}`) })}
              </p>
              <p className="note-body">{n.body}</p>
            </li>
          ))}
        </ol>
      </section>

      {l.closed ? null : (
        <>
          {/* A saved note empties the box (its redirect names it, useFormReply): the text left in it read as
              "not saved". Not a key per note: the need's save adds a note too, and took the unsent one with it. */}
          <Form method="post" action={lngHref(`/hotline/leads/${l.id}`, lng)} {...getFormProps(noteForm)} className="desk-form">
            <fieldset className="desk-group">
              <legend>{h("note.legend")}</legend>
              <input type="hidden" name="csrf" value={d.csrf} />
              <input type="hidden" name="intent" value="note" />
              {noteForm.errors?.length ? (
                <div className="banner error" role="alert" id={noteForm.errorId}>
                  {noteForm.errors.join(" ")}
                </div>
              ) : null}
              <div className="field">
                <label htmlFor={noteFields.body.id}>
                  {h("note.body")}
                  <span aria-hidden="true"> *</span>
                </label>
                <textarea
                  id={noteFields.body.id}
                  name={noteFields.body.name}
                  rows={3}
                  maxLength={NOTE_MAX}
                  required
                  // The agent opened this lead to note the call: the note box is where typing goes.
                  autoFocus
                  defaultValue={typeof noteFields.body.initialValue === "string" ? noteFields.body.initialValue : ""}
                  aria-invalid={noteFields.body.errors?.length ? true : undefined}
                  aria-describedby={noteFields.body.errors?.length ? noteFields.body.errorId : undefined}
                />
                <ErrorList id={noteFields.body.errorId} errors={noteFields.body.errors} />
              </div>
              <button type="submit">{h("note.save")}</button>
            </fieldset>
          </Form>
        </>
      )}
      {/* A refused save answers with the next base and the need as stored now (ADR 092): a new form shows it.
          Closed meanwhile, the form stays with what was typed and the reason above it. */}
      {l.closed && !needAnswer ? null : (
        <NeedEditSection
          lng={lng}
          csrf={d.csrf}
          action={lngHref(`/hotline/leads/${l.id}`, lng)}
          base={d.base}
          typed={d.typed}
          keepBlank={d.keepBlank}
          ruledOut={d.ruledOut}
          answer={needAnswer}
        />
      )}
    </StaffPage>
  );
}

/** A 404 here (no such assignment, call task or lead) keeps the staff header and says what was not found. */
export const ErrorBoundary = StaffErrorBoundary;
