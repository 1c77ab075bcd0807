import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { loadAssignmentDetails } from "~/assignments/assignment-details.server";
import { checkCsrf, requireStaff, type StaffUser } from "~/auth/session.server";
import { keepTextOnStale, revalidateAfterStale } from "~/components/error-pages";
import { NeedEditSection } from "~/components/need-edit-form";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { StaffPage } from "~/components/staff";
import { StaffErrorBoundary } from "~/components/staff-not-found";
import { getSql } from "~/db/db.server";
import { withoutBidiControls } from "~/domain/display-text";
import { isUuid } from "~/domain/ids";
import type { NeedAnswer, NeedTyped } from "~/hotline/need-edit";
import { needEditState, savedNeedText, saveNeedEdit } from "~/hotline/need-edit.server";
import { redirectWithFlash } from "~/http/flash.server";
import { lngHref } from "~/i18n/i18n";
import { lngFromUrl } from "~/i18n/lng";
import { staffText } from "~/i18n/staff-messages";
import { allowedIntents } from "~/recruiter-desk/assignment-actions.server";
import { addNoteOnceTheirs } from "~/recruiter-desk/lead-work.server";
import adminStyles from "~/styles/admin.css";
import hotlineStyles from "~/styles/hotline.css";

// The recruiter corrects the need of a lead they hold, as the enterprise said it on the phone: the same
// form and save as the hotline's lead page (hotline/need-edit.server.ts), the call note theirs, the lead
// matched again (ADR 104).

export const links = stylesheets(adminStyles, hotlineStyles);
export const meta = noindexMeta<typeof loader>((d) =>
  !d ? "parkmatch" : d.held ? staffText(d.lng, "need.title", { reference: d.reference }) : staffText(d.lng, "need.notHeldTitle"),
);
export const headers = noStore;

/** The assignment `id` when it is `user`'s and still being worked (a step is open, the lead not erased); else null. */
async function heldAssignment(user: StaffUser, id: string | undefined) {
  if (!isUuid(id) || user.role !== "recruiter" || !user.recruiterId) return null;
  const d = await loadAssignmentDetails(getSql(), id!);
  if (!d || d.anonymised || d.recruiter?.id !== user.recruiterId || allowedIntents(d.status).length === 0) return null;
  return d;
}

/**
 * GET /queue/assignments/<id>/need — the need form of the assignment's lead, filled from what is stored.
 * Not the recruiter's open assignment: a 404 page saying why, with nothing of the lead (after a refused
 * post it shows what was typed, from the answer).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, ["recruiter"]);
  const lng = lngFromUrl(request.url);
  const d = await heldAssignment(user, params.id);
  const page = { lng, csrf: user.csrf, id: params.id ?? "" };
  if (!d) return data({ ...page, held: false as const }, { status: 404 });
  return data(
    withoutBidiControls({ ...page, held: true as const, reference: d.reference, park: d.parkName, ...needEditState(d.lead, lng) }),
  );
}

// A post from a page of an earlier sign-in keeps what was typed (components/error-pages.tsx).
export const clientAction = keepTextOnStale;
export const shouldRevalidate = revalidateAfterStale;

/**
 * POST the need form (intent=need, base, note, need.*, use.*) → the need saved and the lead matched
 * again, 303 to the assignment with a flash; 400 field errors, 409 changed meanwhile (saveNeedEdit), 409
 * when the assignment left the recruiter's hands meanwhile (what was typed comes back), 404 erased.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request, ["recruiter"]);
  const form = await request.formData();
  checkCsrf(user, form);
  const lng = lngFromUrl(request.url);
  const d = await heldAssignment(user, params.id);
  if (!d) {
    // Left the recruiter's hands meanwhile (declined, re-routed, closed): the need stays, their call note is
    // kept on the lead when it was theirs, and what was typed comes back with the reason.
    const posted = parseWithZod(form, { schema: z.object({ note: z.string().optional() }) });
    const body = posted.status === "success" ? (posted.value.note ?? "").trim() : "";
    const kept =
      body && user.recruiterId && isUuid(params.id)
        ? await addNoteOnceTheirs(getSql(), { assignmentId: params.id!, recruiterId: user.recruiterId, staffId: user.id, body })
        : null;
    const result = posted.reply({ formErrors: [staffText(lng, kept ? "need.notYoursNoteSaved" : "need.notYours")] });
    return data<NeedAnswer>({ form: "need", result }, { status: 409 });
  }
  const saved = await saveNeedEdit(getSql(), form, {
    lng,
    lead: d.lead,
    leadId: d.leadId,
    authorId: user.id,
    reason: staffText("zh", "need.reason", { reference: d.reference }),
    source: "recruiter",
  });
  if (saved.outcome === "refused") return data<NeedAnswer>(saved.answer, { status: saved.status });
  return redirectWithFlash(request, lngHref(`/queue/assignments/${d.id}`, lng), {
    tone: "status",
    text: savedNeedText(lng, saved.outcome === "saved" ? saved.fromNewerNotes : ""),
  });
}

export default function CorrectNeed() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<NeedAnswer>();
  const s = (key: Parameters<typeof staffText>[1], p?: Record<string, string>) => staffText(d.lng, key, p);
  if (!d.held)
    return (
      <StaffPage lng={d.lng} signedIn csrf={d.csrf} home="queue">
        <h1>{s("need.notHeldTitle")}</h1>
        {answer ? (
          // What was typed, to copy: the form answers the same while the assignment is not theirs.
          <NeedEditSection
            lng={d.lng}
            csrf={d.csrf}
            action={lngHref(`/queue/assignments/${d.id}/need`, d.lng)}
            base=""
            typed={EMPTY_TYPED}
            keepBlank={[]}
            answer={answer}
            speaker="enterprise"
          />
        ) : (
          <p className="banner error" role="alert">
            {s("need.notYours")}
          </p>
        )}
        <p>
          <Link to={lngHref("/queue", d.lng)} className="button-link">
            {s("need.toQueue")}
          </Link>
        </p>
      </StaffPage>
    );
  return (
    <StaffPage lng={d.lng} signedIn csrf={d.csrf} home="queue">
      <p>
        <Link to={lngHref(`/queue/assignments/${d.id}`, d.lng)} className="back-link">
          ← {s("need.back")}
        </Link>
      </p>
      <h1>{s("need.title", { reference: d.reference })}</h1>
      <p>{s("a.park", { park: d.park })}</p>
      <p className="hint">{s("need.intro")}</p>
      <NeedEditSection
        lng={d.lng}
        csrf={d.csrf}
        action={lngHref(`/queue/assignments/${d.id}/need`, d.lng)}
        base={d.base}
        typed={d.typed}
        keepBlank={d.keepBlank}
        ruledOut={d.ruledOut}
        answer={answer}
        speaker="enterprise"
      />
    </StaffPage>
  );
}

const EMPTY_TYPED: NeedTyped = { need: {}, use: {}, tax: {}, company: {}, contact: {}, consent: "" };

/** An error here keeps the staff header and says what happened. */
export const ErrorBoundary = StaffErrorBoundary;
