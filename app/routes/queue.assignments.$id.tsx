import {
  type FieldMetadata,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { type ReactNode, useState, useSyncExternalStore } from "react";

import { leadIndustryLabel, needAreaText } from "~/assignments/assignment-details.server";
import { hasAdminToken } from "~/auth/admin-token.server";
import { getStaffUser, requireStaff } from "~/auth/session.server";
import { AdminSection, Time } from "~/components/admin";
import { keepTextOnStale, revalidateAfterStale } from "~/components/error-pages";
import { FlashBanner } from "~/components/flash";
import { ErrorList, useFormReply } from "~/components/forms";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { RepeatList } from "~/components/repeat-list";
import { StaffPage } from "~/components/staff";
import { StaffErrorBoundary } from "~/components/staff-not-found";
import { TelLink } from "~/components/tel-link";
import { getSql } from "~/db/db.server";
import { spaceAreaText } from "~/domain/area";
import { DECLINE_REASONS, LOST_REASONS, UNDO_MINUTES } from "~/domain/close-reasons";
import { withoutBidiControls } from "~/domain/display-text";
import { isUuid } from "~/domain/ids";
import { leadFlags } from "~/domain/lead-flags";
import { daysSinceVerified, listingFreshness } from "~/domain/matching/hard";
import { formatWan } from "~/domain/money-format";
import { formatPhoneForDisplay, telHref } from "~/domain/phone";
import { needRegionsText } from "~/domain/regions.server";
import { wechatShown } from "~/domain/wechat-shown";
import { formShapeRefusal, staleFormReply } from "~/http/action-form.server";
import { readFlash, redirectWithFlash } from "~/http/flash.server";
import { notFoundWith } from "~/http/not-found.server";
import { adminLabel, formatAdminTime } from "~/i18n/admin-messages";
import { type DeskKey, deskText } from "~/i18n/desk-messages";
import { describeFlag, isCorrectionFlag, isDoubtFlag, isReadingFlag } from "~/i18n/flag-messages";
import { lngHref, pick } from "~/i18n/i18n";
import { lngFromUrl } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { staffText } from "~/i18n/staff-messages";
import { spaceStatusLabel } from "~/inventory/inventory-columns";
import { leadRefusals } from "~/leads/lead-refusals";
import { recordPhoneViews, staffActor } from "~/privacy/access-log.server";
import { adminClosingText } from "~/recruiter-desk/admin-closing";
import { allowedIntents, applyAssignmentAction } from "~/recruiter-desk/assignment-actions.server";
import { readAssignmentPage } from "~/recruiter-desk/assignment-page.server";
import { leadWorkSchema, shanghaiToday } from "~/recruiter-desk/desk-forms";
import {
  addNote,
  addNoteOnceTheirs,
  assignmentToActOn,
  declineWithReason,
  leadOfAssignmentAnonymised,
  markLost,
  recordVisit,
  setFollowUp,
  undoClose,
  undoDecline,
  type WorkOutcome,
} from "~/recruiter-desk/lead-work.server";
import { createShortlist } from "~/recruiter-desk/shortlists.server";
import adminStyles from "~/styles/admin.css";
import deskStyles from "~/styles/desk.css";
import { getWebEnv } from "~/utils/env.server";

export const links = stylesheets(adminStyles, deskStyles);
export const meta = noindexMeta<typeof loader>((d) => (d ? staffText(d.lng, "a.title", { reference: d.reference }) : "parkmatch"));
export const headers = noStore;
// A save the server could not take (a database refusing for now) keeps what was typed (components/error-pages.tsx).
export const clientAction = keepTextOnStale;
export const shouldRevalidate = revalidateAfterStale;

/** How long since the listing was confirmed, judged now with SPACE_VERIFY_DAYS: a warning, or not offered any more. */
function freshness(verifiedAt: string): { listing: "fresh" | "warn" | "stale"; days: number } {
  const options = { now: new Date().toISOString(), verifyDays: getWebEnv().SPACE_VERIFY_DAYS };
  return { listing: listingFreshness(verifiedAt, options), days: daysSinceVerified(verifiedAt, options.now) };
}

const CONFIRMS = ["lost", "decline", "signed"] as const;
type Confirm = (typeof CONFIRMS)[number];

/**
 * GET /queue/assignments/<id> — the lead page: everything the enterprise said, the other parks that
 * received it, the park's matched spaces with reasons, notes, follow-up and visit dates, shared
 * shortlists and the next steps. `?confirm=lost|decline|signed` shows the confirmation of a closing
 * step. Admins may read any assignment.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getStaffUser(request);
  const admin = user?.role === "admin" || (await hasAdminToken(request));
  if (!admin) await requireStaff(request, ["recruiter"]);
  const lng = lngFromUrl(request.url);
  const sql = getSql();
  // One snapshot for everything the page shows (docs/decisions/170); the phone view is logged after it.
  const read = await readAssignmentPage(sql, params.id ?? "", {
    recruiterId: user?.role === "recruiter" ? user.recruiterId : null,
    userId: user?.id ?? null,
    admin,
  });
  // One that left this recruiter's hands (declined — Back after 确认拒绝 —, re-routed away) is in their
  // history, with the undo banner while a decline can still be undone: there, not "not found".
  if (read && "formerly" in read) throw redirect(lngHref(`/queue?view=history&q=${encodeURIComponent(read.formerly)}`, lng));
  if (!read) throw notFoundWith(staffText(lng, "a.notFound"));
  const { details: d, mine, work, notes, otherParks, shortlists, candidates, repeats, closing } = read.page;
  // The page shows the enterprise's full number: who saw it is recorded (docs/decisions/022).
  if (d.lead.contact.phone)
    await recordPhoneViews(sql, user ? { actor: user.email, role: user.role } : await staffActor(request), "assignment-page", [
      { leadId: d.leadId, reference: d.reference },
    ]);
  const url = new URL(request.url);
  const intents = mine && !d.anonymised ? allowedIntents(d.status) : [];
  const confirmParam = url.searchParams.get("confirm");
  const confirm =
    (CONFIRMS as readonly string[]).includes(confirmParam ?? "") && intents.includes(confirmParam as Confirm)
      ? (confirmParam as Confirm)
      : null;
  const lead = d.lead;
  const credit = lead.company.creditCode ?? null;
  const { flash, headers } = await readFlash(request); // what the last step did (ADR 025)
  // Names and notes people typed: bidi controls removed before they reach the page (ADR 021).
  const view = withoutBidiControls({
    lng,
    csrf: user?.csrf ?? null,
    mine,
    id: d.id,
    today: shanghaiToday(),
    reference: d.reference,
    parkName: d.parkName,
    status: d.status,
    // An admin closed the lead (spam, duplicate): said instead of a bare "lost", and nothing more is shared (ADR 107).
    closedByAdmin: closing ? { as: closing.as, note: closing.note, duplicateOf: closing.duplicateOf?.reference ?? null } : null,
    anonymised: d.anonymised,
    acceptBy: d.acceptBy?.toISOString() ?? null,
    enterprise: {
      company: lead.company.name,
      creditCode: credit,
      creditChecked: credit ? !leadFlags(lead).some((f) => f.code === "creditCodeCheck") : null,
      location: lead.company.location ?? null,
      contactName: lead.contact.name,
      title: lead.contact.title ?? null,
      phone: formatPhoneForDisplay(lead.contact.phone, lng),
      tel: telHref(lead.contact.phone),
      email: lead.contact.email ?? null,
      wechat: wechatShown(lead.contact, lng),
      product: lead.use.product,
      industry: leadIndustryLabel(lead, lng),
      need: {
        kind: lead.need.kind,
        deal: lead.need.deal,
        area: needAreaText(lead, lng),
        regions: needRegionsText(lead.need, lng),
        ceilingMinM: lead.need.ceilingMinM ?? null,
        powerMinKva: lead.need.powerMinKva ?? null,
        craneMinT: lead.need.craneMinT ?? null,
        floorLoadMinKg: lead.need.floorLoadMinKg ?? null,
        singleStorey: lead.need.singleStorey ?? null,
        moveInBy: lead.need.moveInBy ?? null,
      },
      tax: lead.tax.annualTaxWan ?? null,
      investment: lead.tax.investmentWan ?? null,
      output: lead.tax.annualOutputWan ?? null,
      employees: lead.tax.employees ?? null,
      notes: lead.need.notes ?? null,
    },
    spaces: d.spaces.map((s) => ({ ...s, ...freshness(s.verifiedAt) })),
    excluded: d.excluded,
    // What the enterprise refused, beside the need (docs/decisions/158): never to be offered.
    refusals: leadRefusals(lead, lng),
    flags: leadFlags(lead)
      .filter(isDoubtFlag)
      .map((f) => describeFlag(lng, f)),
    readings: leadFlags(lead)
      .filter(isReadingFlag)
      .map((f) => describeFlag(lng, f)),
    // Boxes staff corrected on a call (docs/decisions/150): said apart, with who and when — not a doubt to check again.
    corrections: leadFlags(lead)
      .filter(isCorrectionFlag)
      .map((f) => describeFlag(lng, f)),
    repeats,
    intents,
    confirm,
    work,
    notes,
    otherParks,
    shortlists,
    candidates,
    shortlistDays: getWebEnv().SHORTLIST_DAYS,
    flash,
  });
  return data(view, { headers });
}

/** `stale`: the post came from a page of an earlier sign-in; `csrf` is the session's token for the next post. */
/** `kept`: the text a step carried that was not saved because the assignment changed meanwhile (409). */
type ActionData = { form: string; result: SubmissionResult<string[]>; shared?: string; stale?: true; csrf?: string; kept?: string };

/**
 * POST one step (intent=accept|contacted|signed|lost|decline|visit|followUp|note|undo|undoDecline|shortlist,
 * with the session's CSRF token) → 303 back with a flash message (decline: to /queue, where its undo
 * waits; an undo of a decline the next recruiter accepted: to /queue, saying so), or 400 with the
 * errors beside the fields; shortlist answers 200 with the link, shown once. Undo: ADR 034.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request, ["recruiter"]);
  const form = await request.formData();
  // A page of an earlier sign-in: nothing is done, the text comes back with a new token (ADR 021).
  const staleReply = staleFormReply(form, user);
  if (staleReply) {
    const formId = typeof staleReply.initialValue?.intent === "string" ? staleReply.initialValue.intent : "";
    return data<ActionData>({ form: formId, result: staleReply, stale: true, csrf: user.csrf }, { status: 403 });
  }
  if (!isUuid(params.id) || !user.recruiterId) throw data(null, { status: 404 });
  const lng = lngFromUrl(request.url);
  const submission = parseWithZod(form, { schema: leadWorkSchema(lng, shanghaiToday()) });
  const sentIntent = submission.payload.intent;
  const formId = String((Array.isArray(sentIntent) ? sentIntent[0] : sentIntent) ?? "");
  const sql = getSql();
  const who = { assignmentId: params.id!, recruiterId: user.recruiterId };
  // An assignment that is not there (or not the recruiter's): 404 here, before the form is judged — not a
  // 303 (or a 400) to a page that 404s.
  if (!(await assignmentToActOn(sql, who, formId))) {
    // A note typed while the assignment left the recruiter's hands: kept on the lead, and said where — not lost behind a 404.
    if (submission.status === "success" && submission.value.intent === "note") {
      const kept = await addNoteOnceTheirs(sql, { ...who, staffId: user.id, body: submission.value.body });
      if (kept)
        throw await redirectWithFlash(request, lngHref(`/queue?view=history&q=${encodeURIComponent(kept.reference)}`, lng), {
          tone: "status",
          text: deskText(lng, "done.noteNotYours"),
        });
    }
    throw notFoundWith(staffText(lng, "a.notFound"));
  }
  // One value per field (ADR 086; the shortlist's spaces are ticks): a field sent twice is refused in our words.
  const refused = formShapeRefusal(form, { fields: [], multi: ["spaces"] }, lng);
  if (refused) return data<ActionData>({ form: formId, result: refused }, { status: 400 });
  // A step the page has no button for (made up, left out): said above the page's forms, nothing done.
  if (submission.status !== "success" && submission.error?.intent)
    return data<ActionData>({ form: "", result: { status: "error", error: { "": [deskText(lng, "bad.step")] } } }, { status: 400 });
  if (submission.status !== "success") return data<ActionData>({ form: formId, result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const routing = { slaMinutes: getWebEnv().ACCEPT_SLA_MINUTES, slaClock: getWebEnv().SLA_CLOCK, noticeFallbackMs: 0 };
  const label = (code: string) => ({ zh: deskText("zh", `reason.${code}` as DeskKey), en: deskText("en", `reason.${code}` as DeskKey) });
  const here = `/queue/assignments/${params.id}`;
  const stale = { tone: "alert", text: staffText(lng, "a.stale") } as const;
  // A lead anonymised on a request to delete personal data takes no step (ADR 090): said so, not "stale".
  const erased = { tone: "alert", text: deskText(lng, "lead.erased.refused") } as const;
  if (await leadOfAssignmentAnonymised(sql, params.id!)) throw await redirectWithFlash(request, lngHref(here, lng), erased);
  let outcome: WorkOutcome;
  switch (v.intent) {
    case "accept":
    case "contacted":
    case "signed":
      outcome = await applyAssignmentAction(sql, { ...who, intent: v.intent }, routing);
      break;
    case "lost":
      outcome = await markLost(sql, { ...who, reason: v.reason, note: v.closeNote || null, label: label(v.reason) });
      break;
    case "decline": {
      const declined = await declineWithReason(
        sql,
        { ...who, reason: v.reason, note: v.closeNote || null, label: label(v.reason) },
        routing,
      );
      if (declined.ok) {
        // It is someone else's now, or the admins' to assign when nobody else could take it (said which: trial 12-05 L12);
        // /queue offers the undo below this message while the window lasts (ADR 034).
        const text = deskText(lng, declined.next === "unassigned" ? "done.declinedUnassigned" : "done.declined");
        throw await redirectWithFlash(request, lngHref("/queue", lng), { tone: "status", text });
      }
      outcome = declined;
      break;
    }
    case "visit":
      outcome = await recordVisit(sql, { ...who, on: v.visitOn });
      break;
    case "followUp":
      outcome = await setFollowUp(sql, { ...who, on: v.followUpOn ?? null });
      break;
    case "note":
      outcome = await addNote(sql, { ...who, staffId: user.id, body: v.body });
      break;
    case "undo": {
      const undone = await undoClose(sql, who);
      if (!undone.ok)
        throw await redirectWithFlash(request, lngHref(here, lng), {
          tone: "alert",
          text: deskText(lng, "undo.expired", { minutes: UNDO_MINUTES }),
        });
      throw await redirectWithFlash(request, lngHref(here, lng), {
        tone: "status",
        text: deskText(lng, undone.undone === "signed" ? "done.undoSigned" : "done.undo"),
      });
    }
    case "undoDecline": {
      const undone = await undoDecline(sql, who, routing);
      if (undone.ok)
        throw await redirectWithFlash(request, lngHref(here, lng), { tone: "status", text: deskText(lng, "done.undoDecline") });
      // Not theirs any more: back to the queue, saying plainly why (the next recruiter accepted, or the window passed).
      throw await redirectWithFlash(request, lngHref("/queue", lng), {
        tone: "alert",
        text: undone.reason === "taken" ? deskText(lng, "undoDecline.taken") : deskText(lng, "undo.expired", { minutes: UNDO_MINUTES }),
      });
    }
    case "shortlist": {
      const made = await createShortlist(sql, {
        ...who,
        spaceIds: v.spaces,
        days: getWebEnv().SHORTLIST_DAYS,
        reservedOk: v.reservedOk === "on",
      });
      if (made.ok) {
        // In the language the enterprise wrote in (trial 36 LOW-8: an English lead's link opened in Chinese).
        const shared = new URL(lngHref(`/s/${made.shortlist.token}`, made.shortlist.lng), getWebEnv().APP_URL).toString();
        return data<ActionData>({ form: "shortlist", result: submission.reply({ resetForm: true }), shared });
      }
      if (made.error === "not-yours") throw await redirectWithFlash(request, lngHref(here, lng), stale);
      if (made.error === "closed")
        return data<ActionData>(
          { form: "shortlist", result: submission.reply({ formErrors: [deskText(lng, "shortlist.closedLead")] }) },
          { status: 400 },
        );
      if (made.error === "reserved") {
        const titles = made.reserved!.join(punctuationMessages.t(lng, "list"));
        return data<ActionData>(
          {
            form: "shortlist",
            result: submission.reply({ fieldErrors: { reservedOk: [deskText(lng, "bad.reservedUnconfirmed", { titles })] } }),
          },
          { status: 400 },
        );
      }
      return data<ActionData>(
        { form: "shortlist", result: submission.reply({ fieldErrors: { spaces: [deskText(lng, "bad.foreignSpace")] } }) },
        { status: 400 },
      );
    }
  }
  if (!outcome.ok) {
    // The assignment changed meanwhile (accepted, re-routed, closed in another tab): a step with text the
    // person typed answers 409 with that text, shown to copy, not a redirect that dropped it.
    const typed = v.intent === "decline" || v.intent === "lost" ? v.closeNote : v.intent === "note" ? v.body : "";
    if (typed?.trim())
      return data<ActionData>({ form: v.intent, result: submission.reply({ formErrors: [stale.text] }), kept: typed }, { status: 409 });
    throw await redirectWithFlash(request, lngHref(here, lng), stale);
  }
  // What the step did, shown once on the page it lands on (flash cookie, ADR 025).
  const said: Partial<Record<string, DeskKey>> = { note: "done.note", followUp: "done.followUp", visit: "done.visit" };
  const key = said[v.intent];
  const status = adminLabel(lng, "assignment", v.intent === "accept" ? "accepted" : v.intent);
  // It names the step's form: that form starts over on the page, a note typed in another stays (ADR 081).
  throw await redirectWithFlash(request, lngHref(here, lng), {
    tone: "status",
    text: key ? deskText(lng, key) : staffText(lng, "a.done", { status }),
    form: v.intent,
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function AssignmentPage() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  // After a stale post, every form of the page posts with the session's new token.
  const d = actionData?.csrf ? { ...loaded, csrf: actionData.csrf } : loaded;
  const t = (key: Parameters<typeof staffText>[1], params?: Record<string, string | number>) => staffText(d.lng, key, params);
  const k = (key: DeskKey, params?: Record<string, string | number>) => deskText(d.lng, key, params);
  // Ended by a need edit (ADR 108) or a lead an admin closed (ADR 107): not a loss of theirs, said as what it is.
  const status =
    d.work.closeReason === "need-changed"
      ? deskText(d.lng, "outcome.withdrawn")
      : d.work.closeReason === "park-retired" // app/inventory/retired-park-offers.server.ts PARK_RETIRED (a .server module)
        ? deskText(d.lng, "outcome.parkRetired")
        : d.closedByAdmin
          ? adminClosingText(d.lng, d.closedByAdmin)
          : adminLabel(d.lng, "assignment", d.status);
  const open = ["accepted", "contacted", "visit"].includes(d.status);
  // A refused closing step (no reason) comes back with its confirmation still open.
  const refused = actionData && (CONFIRMS as readonly string[]).includes(actionData.form) ? (actionData.form as Confirm) : null;
  const confirm = d.confirm ?? (refused && d.intents.includes(refused) ? refused : null);
  // A refusal with no form on the page to show it beside (a step made up or left out, a closing step
  // the assignment does not offer now): its messages go above the forms.
  const unshown =
    actionData?.result?.error && (actionData.form === "" || (refused && confirm !== refused))
      ? Object.values(actionData.result.error).flatMap((e) => e ?? [])
      : [];
  return (
    <StaffPage lng={d.lng} signedIn={d.csrf !== null} csrf={d.csrf ?? undefined}>
      <p>
        <Link to={lngHref("/queue", d.lng)} className="button-link">
          {t("a.back")}
        </Link>
      </p>
      <h1>{t("a.title", { reference: d.reference })}</h1>
      {/* After 流失 or 签约 the undo banner says what was recorded: one message, not two (trial 12-05). */}
      <FlashBanner flash={d.mine && d.work.undoUntil && ["lost", "signed"].includes(d.flash?.form ?? "") ? null : d.flash} />
      {d.mine && d.work.undoUntil ? (
        <Form method="post" className="banner undo" role="status">
          <input type="hidden" name="csrf" value={d.csrf ?? ""} />
          {k(d.status === "signed" ? "undo.banner.signed" : "undo.banner", { until: formatAdminTime(d.work.undoUntil).slice(11) })}{" "}
          <button type="submit" name="intent" value="undo">
            {k("undo.button")}
          </button>
        </Form>
      ) : null}
      {!d.mine ? <p>{t("a.readOnly")}</p> : null}
      {d.anonymised ? (
        <div className="banner" role="status" data-testid="lead-erased">
          {k("lead.erased")}
        </div>
      ) : null}
      <p>
        {t("a.park", { park: d.parkName })} · {t("a.status", { status })}
        {d.closedByAdmin?.note ? ` · ${k("closed.byAdmin.note", { note: d.closedByAdmin.note })}` : ""}
        {d.work.closeReason
          ? ` · ${k("lead.closed", { reason: k(`reason.${d.work.closeReason}` as DeskKey) })}${d.work.closeNote ? `（${d.work.closeNote}）` : ""}`
          : ""}
      </p>
      {d.status === "offered" && d.acceptBy ? (
        <p>
          {t("a.acceptBy")}
          <Time iso={d.acceptBy} /> {t("a.acceptByNote")}
        </p>
      ) : null}

      {unshown.length > 0 ? (
        <div className="banner error" role="alert" data-testid="step-error">
          {unshown.join(" ")}
        </div>
      ) : null}
      {actionData?.kept ? <KeptText lng={d.lng} text={actionData.kept} /> : null}
      {confirm ? <ConfirmClose d={d} which={confirm} lastResult={actionData?.form === confirm ? actionData.result : undefined} /> : null}

      {d.intents.length > 0 && !confirm ? (
        <AdminSection id="actions-h" title={t("a.actions")}>
          <div className="desk-actions">
            {d.intents.map((intent) =>
              (CONFIRMS as readonly string[]).includes(intent) ? (
                <Link key={intent} className="button-link" to={lngHref(`/queue/assignments/${d.id}?confirm=${intent}`, d.lng)}>
                  {t(`intent.${intent}`)}
                </Link>
              ) : intent === "visit" ? null : (
                <Form method="post" key={intent} className="inline">
                  <input type="hidden" name="csrf" value={d.csrf ?? ""} />
                  <button type="submit" name="intent" value={intent}>
                    {t(`intent.${intent}`)}
                  </button>
                </Form>
              ),
            )}
          </div>
        </AdminSection>
      ) : null}

      {d.anonymised ? null : <Enterprise d={d} />}

      <AdminSection id="others-h" title={k("lead.otherParks")}>
        <p className="hint">{k("lead.otherParks.hint")}</p>
        {d.otherParks.length === 0 ? (
          <p>{k("lead.otherParks.none")}</p>
        ) : (
          <ul className="other-parks">
            {d.otherParks.map((o, i) => (
              <li key={i}>
                {o.parkName}
                {punctuationMessages.t(d.lng, "label")}
                {adminLabel(d.lng, "assignment", o.status)}
              </li>
            ))}
          </ul>
        )}
      </AdminSection>

      {d.mine && open ? (
        <AdminSection id="work-h" title={k("lead.work")}>
          <div className="work">
            <DateForm
              d={d}
              id="followUp"
              name="followUpOn"
              label={k("lead.followUp")}
              hint={k("lead.followUp.hint")}
              value={d.work.followUpOn}
              save={k("lead.followUp.save")}
              lastResult={actionData}
            />
            <DateForm
              d={d}
              id="visit"
              name="visitOn"
              label={k("lead.visit")}
              hint={k("lead.visit.hint")}
              value={d.work.visitOn}
              save={k("lead.visit.save")}
              required
              lastResult={actionData}
            />
          </div>
        </AdminSection>
      ) : null}

      <AdminSection id="notes-h" title={k("lead.notes")}>
        {d.notes.length === 0 ? <p>{k("lead.notes.none")}</p> : null}
        <ol className="notes-list">
          {d.notes.map((n) => (
            <li key={n.id}>
              <p className="card-meta">
                {/* The desk in the page's brackets: "周敏（热线）" / "Zhou Min (hotline)" (trial 12-05: half-width beside full-width). */}
                <Time iso={n.at} /> · {n.author}
                {punctuationMessages.t(d.lng, "open")}
                {k(`lead.source.${n.source}` as DeskKey)}
                {punctuationMessages.t(d.lng, "close")}
              </p>
              <p className="note-body">{n.body}</p>
            </li>
          ))}
        </ol>
        {d.mine && !d.anonymised ? <NoteForm d={d} lastResult={actionData?.form === "note" ? actionData.result : undefined} /> : null}
      </AdminSection>

      <AdminSection id="shortlist-h" title={k("shortlist.title")}>
        {actionData?.shared ? (
          <div className="banner" role="status">
            <p>{k("done.shortlist")}</p>
            <ShareLink lng={d.lng} url={actionData.shared} />
          </div>
        ) : null}
        {d.closedByAdmin ? <p className="hint">{k("shortlist.closedLead")}</p> : null}
        {d.mine && !d.anonymised && !d.closedByAdmin ? (
          <ShortlistForm d={d} lastResult={actionData?.form === "shortlist" ? actionData.result : undefined} />
        ) : null}
        <h3>{k("shortlist.shared")}</h3>
        {d.shortlists.length === 0 ? <p>{k("shortlist.none")}</p> : <p className="hint">{k("shortlist.linkOnce")}</p>}
        <ul className="shortlists">
          {d.shortlists.map((s) => (
            <li key={s.id} data-shortlist={s.id}>
              <p>{s.spaceTitles.join("、")}</p>
              <p className="card-meta">
                <Time iso={s.createdAt} /> ·{" "}
                {s.opens > 0 ? k("shortlist.opens", { n: s.opens, last: formatAdminTime(s.lastOpenAt) }) : k("shortlist.notOpened")} ·{" "}
                {s.expired ? k("shortlist.expired") : k("shortlist.expires", { date: formatAdminTime(s.expiresAt).slice(0, 10) })}
              </p>
            </li>
          ))}
        </ul>
      </AdminSection>

      <AdminSection id="spaces-h" title={t("a.spaces")}>
        <p className="hint">{t("a.spaces.caption")}</p>
        <ul className="space-cards">
          {d.spaces.map((s) => (
            <li key={s.id} className={s.withdrawnAt ? "withdrawn" : undefined} data-space={s.id}>
              <h3>
                {s.withdrawnAt ? <s>{s.title}</s> : s.title}
                {s.conditional ? t("a.conditional") : ""} · {t("a.score")} {s.score}
              </h3>
              {s.withdrawnAt && s.withdrawnReason ? (
                <p className="error-text" role="note">
                  {t("a.withdrawn", { reason: pick(d.lng, s.withdrawnReason) })}
                </p>
              ) : s.listing !== "fresh" ? (
                <p className="warning" role="note">
                  {t(s.listing === "stale" ? "a.verifySuspended" : "a.verifyWarn", { days: s.days })}
                </p>
              ) : null}
              <ul>
                {s.reasons.map((r, i) => (
                  <li key={i}>{pick(d.lng, r)}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </AdminSection>

      <AdminSection id="why-not-h" title={t("a.whyNot")}>
        <p className="hint">{t("a.whyNot.caption")}</p>
        {d.excluded.length === 0 ? <p>{t("a.whyNot.empty")}</p> : null}
        <ul className="space-cards">
          {d.excluded.map((e) => (
            <li key={e.spaceId} data-excluded={e.spaceId} data-rule={e.rule}>
              <h3>{e.title}</h3>
              <ul>
                {e.reasons.map((r, i) => (
                  <li key={i}>{pick(d.lng, r)}</li>
                ))}
              </ul>
              {e.suggestion ? (
                <p>
                  {t("a.whyNot.suggestion")}
                  {punctuationMessages.t(d.lng, "label")}
                  {pick(d.lng, e.suggestion)}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </AdminSection>
    </StaffPage>
  );
}

/** One fact of the lead; `lines`: text the enterprise typed on several lines (the notes) keeps its line breaks. */
function Fact({ label, children, lines }: { label: string; children: ReactNode; lines?: boolean }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className={lines ? "typed-lines" : undefined}>{children}</dd>
    </>
  );
}

function Enterprise({ d }: { d: Data }) {
  const t = (key: Parameters<typeof staffText>[1]) => staffText(d.lng, key);
  const k = (key: DeskKey) => deskText(d.lng, key);
  const e = d.enterprise;
  const n = e.need;
  const opt = (label: string, value: string | number | null | undefined, unit = "") =>
    value === null || value === undefined || value === "" ? null : <Fact label={label}>{`${value}${unit}`}</Fact>;
  return (
    <AdminSection id="enterprise-h" title={k("lead.enterprise")}>
      <dl className="facts">
        <Fact label={t("col.company")}>{e.company}</Fact>
        {e.creditCode ? (
          <Fact label={k("lead.creditCode")}>
            {e.creditCode}
            {e.creditChecked ? k("lead.creditOk") : k("lead.creditCheck")}
          </Fact>
        ) : null}
        {opt(k("lead.location"), e.location)}
        <Fact label={t("a.contact")}>
          {e.contactName}
          {e.title ? `（${e.title}）` : ""}
        </Fact>
        <Fact label={t("a.phone")}>
          <TelLink href={e.tel}>{e.phone}</TelLink>
        </Fact>
        {e.email ? (
          <Fact label={k("lead.email")}>
            <a href={`mailto:${e.email}`}>{e.email}</a>
          </Fact>
        ) : null}
        {opt(k("lead.wechat"), e.wechat)}
        <Fact label={t("a.need")}>
          {adminLabel(d.lng, "need.kind", n.kind)} · {adminLabel(d.lng, "need.deal", n.deal)} · {n.area}
        </Fact>
        {n.regions ? <Fact label={k("lead.regions")}>{n.regions}</Fact> : null}
        {d.refusals ? (
          <Fact label={d.refusals.label}>
            <span data-testid="need-refusals">{d.refusals.text}</span>
          </Fact>
        ) : null}
        {opt(k("lead.ceiling"), n.ceilingMinM, " m")}
        {opt(k("lead.power"), n.powerMinKva, " kVA")}
        {opt(k("lead.crane"), n.craneMinT, " t")}
        {opt(k("lead.floorLoad"), n.floorLoadMinKg, " kg/㎡")}
        {n.singleStorey ? <Fact label={k("lead.singleStorey")}>{k("lead.singleStoreyYes")}</Fact> : null}
        {opt(k("lead.moveIn"), n.moveInBy)}
        <Fact label={t("a.product")}>{e.product}</Fact>
        <Fact label={t("a.industry")}>{e.industry}</Fact>
        {opt(t("a.tax"), e.tax === null ? null : formatWan(d.lng, e.tax, "year"))}
        {opt(k("lead.investment"), e.investment === null ? null : formatWan(d.lng, e.investment))}
        {opt(k("lead.output"), e.output === null ? null : formatWan(d.lng, e.output, "year"))}
        {opt(k("lead.employees"), e.employees)}
        {e.notes ? (
          <Fact label={t("a.notes")} lines>
            {e.notes}
          </Fact>
        ) : null}
        {d.flags.length > 0 ? (
          <Fact label={t("a.flags")}>
            <ul className="flags">
              {d.flags.map((f, i) => (
                <li key={i}>{f}</li>
              ))}
            </ul>
          </Fact>
        ) : null}
        {d.readings.length > 0 ? (
          <Fact label={t("a.readings")}>
            <ul className="readings">
              {d.readings.map((f, i) => (
                <li key={i}>{f}</li>
              ))}
            </ul>
          </Fact>
        ) : null}
        {d.corrections.length > 0 ? (
          <Fact label={t("a.corrections")}>
            <ul className="corrections">
              {d.corrections.map((f, i) => (
                <li key={i}>{f}</li>
              ))}
            </ul>
          </Fact>
        ) : null}
        <RepeatList lng={d.lng} repeats={d.repeats} />
      </dl>
      {/* What the enterprise told the recruiter on the phone corrects what it typed (re-matched on saving). */}
      {d.mine && d.intents.length > 0 ? (
        <p>
          <Link className="button-link" to={lngHref(`/queue/assignments/${d.id}/need`, d.lng)}>
            {t("a.correctNeed")}
          </Link>
        </p>
      ) : null}
    </AdminSection>
  );
}

type Reply = ActionData["result"] | undefined;

/** One Conform form of the lead page: its schema is the page's, its errors come back for it only. */
function useWorkForm(d: Data, id: string, lastResult: Reply) {
  const schema = leadWorkSchema(d.lng, d.today);
  return useForm<Record<string, string | string[]>>({
    id,
    lastResult: useFormReply(id, lastResult),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
}

function Csrf({ d, intent }: { d: Data; intent: string }) {
  return (
    <>
      <input type="hidden" name="csrf" value={d.csrf ?? ""} />
      <input type="hidden" name="intent" value={intent} />
    </>
  );
}

function DateForm(props: {
  d: Data;
  id: "followUp" | "visit";
  name: string;
  label: string;
  hint?: string;
  value: string | null;
  save: string;
  required?: boolean;
  lastResult: ActionData | undefined;
}) {
  const { d, id, name } = props;
  const [form, fields] = useWorkForm(d, id, props.lastResult?.form === id ? props.lastResult.result : undefined);
  const f = fields[name] as FieldMetadata<string>;
  const described = [props.hint ? f.descriptionId : null, f.errors ? f.errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <Form method="post" {...getFormProps(form)}>
      <Csrf d={d} intent={id} />
      <div className="field">
        <label htmlFor={f.id}>{props.label}</label>
        {props.hint ? (
          <p className="hint" id={f.descriptionId}>
            {props.hint}
          </p>
        ) : null}
        <input
          {...getInputProps(f, { type: "date" })}
          defaultValue={props.value ?? ""}
          required={props.required}
          // A visit is recorded once it happened: the picker offers no day after today (China time).
          max={id === "visit" ? d.today : undefined}
          aria-describedby={described}
        />
        <ErrorList id={f.errorId} errors={f.errors} />
      </div>
      <button type="submit">{props.save}</button>
    </Form>
  );
}

function NoteForm({ d, lastResult }: { d: Data; lastResult: Reply }) {
  const k = (key: DeskKey) => deskText(d.lng, key);
  const [form, fields] = useWorkForm(d, "note", lastResult);
  const f = fields.body as FieldMetadata<string>;
  return (
    <Form method="post" {...getFormProps(form)} className="work">
      <Csrf d={d} intent="note" />
      <div className="field">
        <label htmlFor={f.id}>{k("lead.note")}</label>
        <p className="hint" id={f.descriptionId}>
          {k("lead.note.hint")}
        </p>
        <textarea
          {...getTextareaProps(f)}
          rows={3}
          maxLength={2000}
          aria-describedby={[f.descriptionId, f.errors ? f.errorId : null].filter(Boolean).join(" ")}
        />
        <ErrorList id={f.errorId} errors={f.errors} />
        <button type="submit">{k("lead.note.save")}</button>
      </div>
    </Form>
  );
}

/** A step refused because the assignment changed meanwhile: the message, and the text it carried to copy into a note. */
function KeptText({ lng, text }: { lng: Data["lng"]; text: string }) {
  return (
    <section className="banner error" role="alert" aria-labelledby="kept-h">
      <p id="kept-h">{staffText(lng, "a.stale")}</p>
      <label htmlFor="kept-text">{staffText(lng, "a.keptText")}</label>
      <textarea id="kept-text" readOnly rows={3} defaultValue={text} />
    </section>
  );
}

function ConfirmClose({ d, which, lastResult }: { d: Data; which: Confirm; lastResult: Reply }) {
  const k = (key: DeskKey, params?: Record<string, string | number>) => deskText(d.lng, key, params);
  const [form, fields] = useWorkForm(d, which, lastResult);
  const reasons = which === "lost" ? LOST_REASONS : which === "decline" ? DECLINE_REASONS : [];
  const reason = fields.reason as FieldMetadata<string>;
  const note = fields.closeNote as FieldMetadata<string>;
  return (
    <section className="confirm" aria-labelledby="confirm-h">
      <h2 id="confirm-h">{k(`confirm.title.${which}`, { minutes: UNDO_MINUTES })}</h2>
      <Form method="post" {...getFormProps(form)}>
        <Csrf d={d} intent={which} />
        {reasons.length > 0 ? (
          <>
            <div className="field">
              <label htmlFor={reason.id}>{k("confirm.reason")}</label>
              <select {...getSelectProps(reason)} required aria-describedby={reason.errors ? reason.errorId : undefined}>
                <option value="">—</option>
                {reasons.map((r) => (
                  <option key={r} value={r}>
                    {k(`reason.${r}` as DeskKey)}
                  </option>
                ))}
              </select>
              <ErrorList id={reason.errorId} errors={reason.errors} />
            </div>
            <div className="field">
              <label htmlFor={note.id}>{k("confirm.note")}</label>
              <textarea {...getTextareaProps(note)} rows={2} maxLength={500} aria-describedby={note.errors ? note.errorId : undefined} />
              <ErrorList id={note.errorId} errors={note.errors} />
            </div>
          </>
        ) : null}
        <div className="filter-actions">
          <button type="submit">{k(`confirm.yes.${which}`)}</button>
          <Link to={lngHref(`/queue/assignments/${d.id}`, d.lng)} className="button-link">
            {k("confirm.cancel")}
          </Link>
        </div>
      </Form>
    </section>
  );
}

function ShortlistForm({ d, lastResult }: { d: Data; lastResult: Reply }) {
  const k = (key: DeskKey, params?: Record<string, string | number>) => deskText(d.lng, key, params);
  const [form, fields] = useWorkForm(d, "shortlist", lastResult);
  const f = fields.spaces as FieldMetadata<string[]>;
  const reservedOk = fields.reservedOk as FieldMetadata<string>;
  const matched = new Set(d.spaces.filter((s) => !s.withdrawnAt).map((s) => s.id));
  // Let spaces are never candidates (loadShortlistCandidates); a reserved one says so beside its box
  // and is shared only with "share anyway" ticked (createShortlist checks it again when it stores).
  const anyReserved = d.candidates.some((c) => c.status === "reserved") || !!reservedOk.errors;
  return (
    <Form method="post" {...getFormProps(form)} className="shortlist-pick">
      <Csrf d={d} intent="shortlist" />
      <fieldset aria-describedby={[f.descriptionId, f.errors ? f.errorId : null].filter(Boolean).join(" ")}>
        {/* The section's heading already says 分享推荐清单: the fieldset names what is chosen in it. */}
        <legend>{k("shortlist.pick")}</legend>
        <p className="hint" id={f.descriptionId}>
          {k("shortlist.hint", { days: d.shortlistDays })}
        </p>
        {d.candidates.map((c) => (
          <label key={c.id}>
            <input type="checkbox" name={f.name} value={c.id} defaultChecked={[f.initialValue ?? []].flat().includes(c.id)} />
            {/* One run of text beside the box: the reserved tag follows its "·" on the line, not in a column of its own. */}
            <span>
              {c.title} · {spaceAreaText(Math.round(c.areaSqm), c.kind === "land", d.lng)} ·{" "}
              {c.score !== null && matched.has(c.id) ? k("shortlist.matched", { score: c.score }) : k("shortlist.unmatched")}
              {c.status === "reserved" ? (
                <>
                  {" · "}
                  <strong className="tag reserved" data-status="reserved">
                    {spaceStatusLabel(d.lng, c.status)}
                  </strong>
                </>
              ) : null}
            </span>
          </label>
        ))}
        <ErrorList id={f.errorId} errors={f.errors} />
      </fieldset>
      {anyReserved ? (
        <div className="field reserved-ok">
          <label>
            <input
              type="checkbox"
              name={reservedOk.name}
              value="on"
              aria-invalid={reservedOk.errors ? true : undefined}
              aria-describedby={reservedOk.errors ? reservedOk.errorId : undefined}
            />
            {k("shortlist.reservedConfirm")}
          </label>
          <ErrorList id={reservedOk.errorId} errors={reservedOk.errors} />
        </div>
      ) : null}
      <button type="submit">{k("shortlist.create")}</button>
    </Form>
  );
}

const noSubscription = () => () => {};

/**
 * The new shortlist's link as a read-only field, selectable to copy on any phone without JavaScript;
 * once the page runs, a button copies it with the Clipboard API and says so (or says to copy by hand).
 */
function ShareLink({ lng, url }: { lng: Data["lng"]; url: string }) {
  const k = (key: DeskKey) => deskText(lng, key);
  // False on the server and in the first render (hydration matches the HTML), then the browser's answer.
  const canCopy = useSyncExternalStore(
    noSubscription,
    () => !!navigator.clipboard,
    () => false,
  );
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const copy = () =>
    navigator.clipboard.writeText(url).then(
      () => setCopied("copied"),
      () => setCopied("failed"),
    );
  return (
    <div className="share-link">
      <label htmlFor="share-link">{k("shortlist.copy")}</label>
      <input id="share-link" type="url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      {canCopy ? (
        <button type="button" className="primary" onClick={copy}>
          {k("shortlist.copyButton")}
        </button>
      ) : null}
      <span role="status">{copied === "copied" ? k("shortlist.copied") : copied === "failed" ? k("shortlist.copyFailed") : ""}</span>
    </div>
  );
}

/** A 404 here (no such assignment, call task or lead) keeps the staff header and says what was not found. */
export const ErrorBoundary = StaffErrorBoundary;
