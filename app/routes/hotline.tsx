import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, type ShouldRevalidateFunction, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { type FormEvent, type ReactNode, type SyntheticEvent, useCallback, useEffect, useRef, useState } from "react";
import { z } from "zod";

import { requireStaff } from "~/auth/session.server";
import { Time } from "~/components/admin";
import { useDeskLookup } from "~/components/desk-lookup";
import { keepTextOnStale } from "~/components/error-pages";
import { ErrorSummary } from "~/components/error-summary";
import { FlashBanner } from "~/components/flash";
import { CheckboxField, ErrorList, type FieldMeta, useLeadForm, useStepDone } from "~/components/forms";
import {
  KnownCallers,
  KnownInline,
  type KnownLeadCard,
  type MatchCard,
  MatchPreview,
  type NearMissCard,
} from "~/components/hotline-panels";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { DeskInput, PhoneLeadNeed, type PhoneLeadValue } from "~/components/phone-lead-form";
import { firstBadField, RefusalBeside } from "~/components/refusal-beside";
import { StaffPage } from "~/components/staff";
import { StaffErrorBoundary } from "~/components/staff-not-found";
import { TelLink } from "~/components/tel-link";
import { getSql } from "~/db/db.server";
import { CALL_OUTCOMES, closesTask, NOTE_MAX } from "~/domain/call-outcomes";
import { withoutBidiControls } from "~/domain/display-text";
import { PHONE_INPUT_MAX } from "~/domain/field-limits";
import { isUuid } from "~/domain/ids";
import { leadSchema } from "~/domain/lead-schema";
import { HOTLINE_CONSENT_SCRIPT } from "~/domain/privacy-notice";
import { type CallAnswer, workCallTask } from "~/hotline/call-outcome.server";
import { loadOpenCallTasks } from "~/hotline/call-task-list.server";
import { CALLER_BOX_NAMES, callerBoxLabel } from "~/hotline/caller-fields";
import { oneSaveOfCaller } from "~/hotline/caller-lock.server";
import { type CallerAnswer, lookUpCallerLeads, type PreviewAnswer, previewMatches } from "~/hotline/desk.server";
import { openLeadsWithPhone } from "~/hotline/desk-lead.server";
import { formShapeRefusal, parseActionForm, staleFormReply } from "~/http/action-form.server";
import type { FetcherRefusal } from "~/http/fetcher-access.server";
import { readFlash, redirectWithFlash } from "~/http/flash.server";
import { notFoundWith } from "~/http/not-found.server";
import { adminLabel } from "~/i18n/admin-messages";
import { hotlineText } from "~/i18n/hotline-messages";
import { httpText } from "~/i18n/http-messages";
import { lngHref, pick } from "~/i18n/i18n";
import { type Lng, lngFromUrl } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { staffText } from "~/i18n/staff-messages";
import { ui, uiMessages } from "~/i18n/ui-messages";
import { validationMessage } from "~/i18n/validation-messages";
import { leadHash, storeLead } from "~/leads/intake.server";
import { REGION_FIX } from "~/leads/region-picker";
import { recordPhoneViews } from "~/privacy/access-log.server";
import adminStyles from "~/styles/admin.css";
import hotlineStyles from "~/styles/hotline.css";
import { getWebEnv } from "~/utils/env.server";
import { errorsInPageOrder } from "~/utils/error-links";
import { errorMessage, log } from "~/utils/log.server";

export const links = stylesheets(adminStyles, hotlineStyles);
export const meta = noindexMeta<typeof loader>((d) => hotlineText(d?.lng ?? "zh", "desk.title"));
export const headers = noStore;
// A save the server could not take (a database refusing for now) keeps what was typed (components/error-pages.tsx).
export const clientAction = keepTextOnStale;

const FORM_ID = "phone-lead";

/**
 * An answer that re-renders the form (errors, a confirmation, a preview) does not reload the desk: a
 * reload would hand out a new form key and empty what the agent is typing. (The live lookups to
 * /hotline/callers and /hotline/matches do not go through the router at all: app/components/desk-lookup.ts.)
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) => {
  // A task post refused with its note kept: the task list is loaded again (a fresh key, so the next press
  // records), the note stays in its box and the lead form keeps its own key (HotlineDesk).
  if (actionResult && typeof actionResult === "object" && "kept" in actionResult) return true;
  if (actionResult && typeof actionResult === "object") return false;
  return defaultShouldRevalidate;
};
const DUP_CONFIRM = "newNeed";

/**
 * What a post to the desk carries beside the lead's own fields, each as the text that was sent (no
 * coercion: an empty `task` is still a call-task post, and workCallTask answers it 400): the button
 * pressed (`intent`), the rendered form's key, the "another, new need" tick, and a call task's
 * `task`, `outcome`, `note` and `confirm`. The lead's fields are parsed by the lead schema.
 */
const deskControls = z.object({
  intent: z.string().optional(),
  formKey: z.string().optional(),
  [DUP_CONFIRM]: z.string().optional(),
  task: z.string().optional(),
  outcome: z.string().optional(),
  note: z.string().optional(),
  confirm: z.string().optional(),
  [REGION_FIX]: z.string().optional(),
});
type DeskControls = z.infer<typeof deskControls>;

/** GET /hotline: the desk — the phone-lead form with its live "known caller" and match panels, and the call tasks, due first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, ["hotline", "admin"]);
  const tasks = withoutBidiControls(await loadOpenCallTasks(getSql(), lngFromUrl(request.url))); // names people typed (ADR 021)
  // Call-backs and escalations show the enterprise's full number (a hand-over shows the recruiter's).
  await recordPhoneViews(
    getSql(),
    { actor: user.email, role: user.role },
    "call-tasks",
    tasks.rows.filter((r) => r.kind !== "handover").map((r) => ({ leadId: r.leadId, reference: r.reference })),
  );
  const { flash, headers } = await readFlash(request); // what the last save or outcome did (ADR 025)
  return data(
    {
      lng: lngFromUrl(request.url),
      csrf: user.csrf,
      // A fresh key per rendered form: a double press of save makes one lead.
      formKey: crypto.randomUUID(),
      ...tasks,
      outcomes: CALL_OUTCOMES, // the list travels as data: .server modules do not reach the browser
      script: HOTLINE_CONSENT_SCRIPT,
      flash,
    },
    { headers },
  );
}

type ActionResult = {
  result?: SubmissionResult<string[]>;
  callers?: CallerAnswer;
  preview?: PreviewAnswer;
  duplicates?: string[];
  banner?: "unavailable";
  confirm?: CallAnswer & { kind: "confirm" };
  /**
   * A call task's post refused (an outcome unknown, missing or sent twice; a refusal of a call-back):
   * nothing recorded; `id` is the task it named (null when that was not one id), `errors` what to say
   * beside its outcome buttons, in the agent's language.
   */
  taskError?: { id: string | null; errors: string[] };
  /**
   * A call task's post not recorded — sent again from this page with another outcome (ADR 124), or the task
   * closed meanwhile — while a note was typed: what to say, and the note as typed, put back in its task's
   * box (or shown to copy when the task is no longer listed). Without a note the desk answers with a flash.
   */
  kept?: { taskId: string; text: string; note: string };
  /** The post came from a page of an earlier sign-in: nothing done; `csrf` is the session's token for the next post. */
  stale?: true;
  csrf?: string;
};

/**
 * POST /hotline, by `intent` (every post carries the session's CSRF token):
 * - `preview` (the "show matches" submit, for a browser without JavaScript): the known-caller lookup and
 *   the match dry run for what is typed; nothing stored, everything typed comes back.
 * - `save`: the phone lead, parsed by the one lead schema (channel hotline) → stored with oral consent
 *   (who, when, the script's version) → 303 to /hotline with the flash "已保存线索 <reference>" (ADR 025). 400 with every field error;
 *   409 when the number already has an open lead and the agent has not ticked "another, new need".
 * - a call task (`task`, `outcome`, optional `note`): outcomes that close the task ask to confirm first
 *   (`confirm=1`); → 303 back to the list.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request, ["hotline", "admin"]);
  const form = await request.formData();
  // A page of an earlier sign-in (signed in again in another tab): nothing is done; what was typed
  // comes back (a call task's post leaves the lead form alone) with the session's token (ADR 021).
  const stale = staleFormReply(form, user);
  if (stale) {
    const result = stale.initialValue?.task === undefined ? stale : undefined;
    return data<ActionResult>({ result, stale: true, csrf: user.csrf }, { status: 403 });
  }
  const lng = lngFromUrl(request.url);
  // One value per field (ADR 086): a field sent twice (a crafted post) is refused in our words, not a bare
  // 400. A call task's post says it above the lead form and leaves what is typed there alone.
  const refused = formShapeRefusal(form, { fields: [] }, lng);
  if (refused) {
    const task = refused.initialValue?.task;
    if (task === undefined) return data<ActionResult>({ result: refused }, { status: 400 });
    const errors = Object.values(refused.error ?? {}).flatMap((e) => e ?? []);
    return data<ActionResult>({ taskError: { id: typeof task === "string" ? task : null, errors } }, { status: 400 });
  }
  const controls = await parseActionForm(form, user, deskControls, { disableAutoCoercion: true });
  // Not reached (every control is an optional text, and a repeated one was refused above): said all the same.
  if (controls.status !== "success")
    return data<ActionResult>({ result: { status: "error", error: { "": [httpText(lng, "formIncomplete")] } } }, { status: 400 });
  const control = controls.value;
  if (control.task !== undefined) return callTaskAction(request, control, lng, user.id);

  const schema = leadSchema(lng, "hotline");
  const submission = parseWithZod(form, { schema, disableAutoCoercion: true });
  const payload = submission.payload as Record<string, unknown>;
  // A suggestion's button under the match panel, without JavaScript: the regions box so, the preview again (ADR 140).
  if (control[REGION_FIX] !== undefined) payload.need = { ...((payload.need as object | undefined) ?? {}), regions: control[REGION_FIX] };
  if (control.intent !== "save" || control[REGION_FIX] !== undefined) {
    const [callers, preview] = await Promise.all([lookUpCallerLeads(payload), previewMatches(payload, lng, getWebEnv().SPACE_VERIFY_DAYS)]);
    return data<ActionResult>({ result: { initialValue: payload as never }, callers: withoutBidiControls(callers), preview });
  }
  if (submission.status !== "success") return data<ActionResult>({ result: submission.reply() }, { status: 400 });

  const { lead, assist } = submission.value;
  const formKey = control.formKey ?? "";
  // Over the parsed lead, not the desk's fields (picker, controls): see leadHash.
  const submissionKey = isUuid(formKey) ? `hotline:${formKey}:${leadHash({ lead, assist })}` : null;
  const typed = Object.fromEntries(
    [...form.entries()].filter(([k, v]) => typeof v === "string" && !["csrf", "formKey", "intent"].includes(k)),
  );
  let saved: { open: { reference: string }[] } | { reference: string };
  try {
    // The open-leads check and the store of one number one save at a time (two agents, two tabs: attack40 #7).
    saved = await oneSaveOfCaller(getSql(), lead.contact.phone, async (tx) => {
      const open = await openLeadsWithPhone(tx, lead.contact.phone, submissionKey);
      if (open.length > 0 && control[DUP_CONFIRM] !== "on") return { open };
      const stored = await storeLead(getSql(), {
        lead,
        assist,
        raw: typed,
        source: "hotline",
        lng,
        consentRecordedBy: user.id,
        submissionKey,
      });
      return { reference: stored.reference };
    });
  } catch (error) {
    log.error("lead intake failed", { source: "hotline", error: errorMessage(error) });
    return data<ActionResult>({ result: submission.reply(), banner: "unavailable" }, { status: 503 });
  }
  if ("open" in saved) {
    const callers = await lookUpCallerLeads(payload);
    return data<ActionResult>(
      { result: submission.reply(), duplicates: saved.open.map((l) => l.reference), callers: withoutBidiControls(callers) },
      { status: 409 },
    );
  }
  return redirectWithFlash(request, lngHref("/hotline", lng), {
    tone: "status",
    text: hotlineText(lng, "saved", { reference: saved.reference }),
    form: "save", // the lead form starts over with a new key (HotlineDesk)
  });
}

async function callTaskAction(request: Request, control: DeskControls, lng: Lng, userId: string) {
  const answer = await workCallTask(getSql(), {
    taskId: control.task ?? "",
    outcome: control.outcome ?? "",
    note: control.note ?? "",
    confirmed: control.confirm === "1",
    authorId: userId,
    submissionKey: control.formKey,
    routing: { slaMinutes: getWebEnv().ACCEPT_SLA_MINUTES, slaClock: getWebEnv().SLA_CLOCK, noticeFallbackMs: 0 },
  });
  const here = lngHref("/hotline", lng);
  if (answer.kind === "bad-request") {
    const choices = CALL_OUTCOMES.map((o) => staffText(lng, `outcome.${o}`)).join(" / ");
    const error =
      answer.reason === "outcome"
        ? hotlineText(lng, "task.badOutcome", { choices })
        : answer.reason === "note-too-long"
          ? validationMessage(lng, "tooLong", { max: NOTE_MAX })
          : hotlineText(lng, "task.notHandover");
    return data<ActionResult>({ taskError: { id: control.task ?? null, errors: [error] } }, { status: 400 });
  }
  if (answer.kind === "not-found") throw notFoundWith(staffText(lng, "hotline.taskNotFound"));
  // Nothing recorded, a note typed: answered on this page (409) with the note kept, never dropped by a
  // redirect (trial 12-05 finding 5). Without a note, the flash on the fresh list as before (ADR 124).
  const note = control.note ?? "";
  const keep = (text: string) => data<ActionResult>({ kept: { taskId: control.task ?? "", text, note } }, { status: 409 });
  if (answer.kind === "stale") {
    // Closed by its assignment's ending (ADR 114): the desk says why; else a colleague closed it.
    const text = answer.closedReason
      ? staffText(lng, "hotline.staleWhy", { why: staffText(lng, `taskClosed.${answer.closedReason}`) })
      : staffText(lng, "hotline.stale");
    if (note.trim()) return keep(text);
    throw await redirectWithFlash(request, here, { tone: "alert", text });
  }
  if (answer.kind === "confirm") return data<ActionResult>({ confirm: answer });
  // A resend of this page's submission with another button: what was recorded, and that this was not saved (ADR 124).
  if (answer.kind === "recorded-other") {
    const said = {
      reference: answer.reference,
      outcome: staffText(lng, `outcome.${answer.outcome}`),
      sent: staffText(lng, `outcome.${answer.sent}`),
    };
    if (note.trim()) return keep(staffText(lng, "hotline.recordedOtherKept", said));
    throw await redirectWithFlash(request, here, { tone: "alert", text: staffText(lng, "hotline.recordedOther", said) });
  }
  const recorded = staffText(lng, "hotline.done", { reference: answer.reference, outcome: staffText(lng, `outcome.${answer.outcome}`) });
  // A hand-over marked done whose offer had moved on did not take: said as an alert, with what was recorded.
  if (answer.handedOver === false)
    throw await redirectWithFlash(request, here, { tone: "alert", text: `${recorded} ${staffText(lng, "hotline.moved")}` });
  throw await redirectWithFlash(request, here, { tone: "status", text: recorded });
}

/** Alt + a key: the same on every keyboard layout (event.code), and not taken by the browser on Linux or Windows. */
const SHORTCUTS = { phone: "KeyP", newLead: "KeyN", matches: "KeyM", save: "KeyS", tasks: "KeyT" } as const;

function useDeskShortcuts(formId: string) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const form = document.getElementById(formId) as HTMLFormElement | null;
      const click = (selector: string) => (document.querySelector(selector) as HTMLElement | null)?.click();
      const focus = (selector: string) => (document.querySelector(selector) as HTMLElement | null)?.focus();
      const digit = /^Digit([1-9])$/.exec(e.code);
      if (e.code === SHORTCUTS.phone) focus(`#${formId} [name="contact.phone"]`);
      else if (e.code === SHORTCUTS.newLead) focus(`#${formId} [name="need.kind"]`);
      else if (e.code === SHORTCUTS.matches) click(`#${formId} button[value="preview"]`);
      else if (e.code === SHORTCUTS.save)
        form?.requestSubmit(document.querySelector(`#${formId} button[value="save"]`) as HTMLButtonElement);
      else if (e.code === SHORTCUTS.tasks) {
        // Folded on a phone (TasksFold): opened first, or the heading could not take the focus.
        const fold = document.querySelector(".tasks-fold") as HTMLDetailsElement | null;
        if (fold && !fold.open) {
          fold.open = true;
          void fold.offsetHeight; // its content laid out now: a heading still hidden takes no focus
        }
        focus("#tasks-h");
      } else if (digit) click(`[data-known-index="${digit[1]}"]`);
      else return;
      e.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [formId]);
}

const CALLER_FIELDS = new Set(["contact.phone", "company.name", "company.creditCode", "contact.name"]);
// What a panel shows when its lookup got no answer (the server unreachable, an error page): tried again.
const CALLERS_FAILED: CallerAnswer = { state: "unavailable", leads: [] };
const PREVIEW_FAILED: PreviewAnswer = { state: "unavailable", matches: [] };

export default function HotlineDesk() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const navigation = useNavigation();
  const lng = d.lng;
  const h = (key: Parameters<typeof hotlineText>[1], p?: Record<string, string | number>) => hotlineText(lng, key, p);
  const t = (key: Parameters<typeof staffText>[1], p?: Record<string, string | number>) => staffText(lng, key, p);
  const schema = leadSchema(lng, "hotline");
  // Every load brings a new key, but the form takes it only on the page after its own save (the flash
  // names it): a call task's outcome, a refused post, a reload of the data leave the lead being keyed
  // in as it is (ADR 081). A new key is a fresh, empty form (below) and a new submission key.
  const saved = useStepDone("save");
  const [keptKey, setKeptKey] = useState(d.formKey);
  if (saved && keptKey !== d.formKey) setKeptKey(d.formKey);
  const formKey = saved ? d.formKey : keptKey;
  // A new form id after each save: Conform's state (what it validated) starts over with the empty form.
  const formId = `${FORM_ID}-${formKey}`;
  const validate = useCallback((formData: FormData) => parseWithZod(formData, { schema, disableAutoCoercion: true }), [schema]);
  const [form, fields] = useLeadForm<PhoneLeadValue>(formId, "save", validate, actionData?.result);
  const need = fields.need.getFieldset();
  const use = fields.use.getFieldset();
  const company = fields.company.getFieldset();
  const contact = fields.contact.getFieldset();
  const m = (f: unknown) => f as FieldMeta;
  // The assist's reading belongs to one form: after a save (a new form key) it starts empty.
  const [typedNotes, setTypedNotes] = useState({
    key: formKey,
    text: typeof need.notes.initialValue === "string" ? need.notes.initialValue : "",
  });
  const notes = typedNotes.key === formKey ? typedNotes.text : "";
  const setNotes = (text: string) => setTypedNotes({ key: formKey, text });

  // Live panels: the caller lookup as phone/company/code are typed, the match preview as the need is.
  // Plain fetches, not fetchers: a lookup answered while a save loads must not take the save's page.
  const callers = useDeskLookup<CallerAnswer | FetcherRefusal>(formKey, CALLERS_FAILED);
  const preview = useDeskLookup<PreviewAnswer | FetcherRefusal>(formKey, PREVIEW_FAILED);
  // A refused lookup (signed in again elsewhere) hands over the session's token: the next keystroke's
  // lookup and the save post with it. The page is never reloaded for it (that would empty the form).
  const [freshCsrf, setFreshCsrf] = useState<string | null>(null);
  const lastCsrf = [callers.data, preview.data].map((x) => (x && "csrf" in x ? x.csrf : undefined)).find(Boolean);
  if (lastCsrf && lastCsrf !== freshCsrf) setFreshCsrf(lastCsrf); // kept when later answers carry none
  const csrf = actionData?.csrf ?? freshCsrf ?? d.csrf;
  const timers = useRef<{ callers?: ReturnType<typeof setTimeout>; preview?: ReturnType<typeof setTimeout> }>({});
  const submitTo = (which: "callers" | "preview", delayMs: number) => {
    clearTimeout(timers.current[which]);
    timers.current[which] = setTimeout(() => {
      const el = document.getElementById(formId) as HTMLFormElement | null;
      if (!el) return;
      const body = new FormData(el);
      body.delete("intent");
      const lookup = which === "callers" ? callers : preview;
      lookup.submit(body, lngHref(which === "callers" ? "/hotline/callers" : "/hotline/matches", lng));
    }, delayMs);
  };
  // The caller's box typed in last: the short list of known callers shows right under it (KnownInline).
  const [typingIn, setTypingIn] = useState<{ key: string; name: string } | null>(null);
  const onFormInput = (e: FormEvent<HTMLFormElement>) => {
    const name = (e.target as HTMLInputElement).name ?? "";
    if (CALLER_FIELDS.has(name) && (typingIn?.key !== formKey || typingIn.name !== name)) setTypingIn({ key: formKey, name });
    if (CALLER_FIELDS.has(name)) submitTo("callers", 150);
    else if (name.startsWith("need.") || name.startsWith("use.")) submitTo("preview", 300);
  };
  useEffect(() => () => Object.values(timers.current).forEach((x) => clearTimeout(x)), []);
  // A lookup that failed (search busy or down) is tried again, waiting twice as long each time (2 s, 4 s …
  // at most 30 s): the panel comes back by itself when search does, without a post every 2 s meanwhile.
  const retries = useRef({ callers: 0, preview: 0 });
  const retryAfterFailure = (which: "callers" | "preview", lookup: typeof callers | typeof preview) => {
    if (lookup.state !== "idle") return;
    // A refusal that says when to come back (429, 503: Retry-After) is asked again then; others wait for typing.
    if (lookup.data?.state === "refused") {
      if (lookup.data.retryAfterSec !== undefined) submitTo(which, Math.min(300, Math.max(1, lookup.data.retryAfterSec)) * 1000);
      return;
    }
    if (lookup.data?.state !== "unavailable") {
      retries.current[which] = 0;
      return;
    }
    submitTo(which, Math.min(30_000, 2_000 * 2 ** retries.current[which]++));
  };
  useEffect(() => retryAfterFailure("callers", callers), [callers.state, callers.data]); // eslint-disable-line react-hooks/exhaustive-deps -- submitTo reads the live form
  useEffect(() => retryAfterFailure("preview", preview), [preview.state, preview.data]); // eslint-disable-line react-hooks/exhaustive-deps -- submitTo reads the live form
  useDeskShortcuts(formId);

  const taskError = actionData?.taskError;
  const kept = actionData?.kept;
  const callerAnswer = callers.data ?? actionData?.callers;
  const knownLeads = (callerAnswer && "leads" in callerAnswer ? callerAnswer.leads : []) as KnownLeadCard[];
  const typedIn = typingIn?.key === formKey ? typingIn.name : null;
  const knownUnder = (name: string) =>
    typedIn === name && callerAnswer?.state === "done" ? (
      <KnownInline lng={lng} leads={knownLeads} leadHref={(id) => lngHref(`/hotline/leads/${id}`, lng)} />
    ) : null;
  const previewAnswer = preview.data ?? actionData?.preview;
  const errorCount = Object.values(form.allErrors).filter((e) => e?.length).length;
  const labelOf = (name: string) => {
    const own = callerBoxLabel(name);
    return own ? h(own) : uiMessages.has(name) ? ui(lng, name) : undefined;
  };
  // Named as the page shows them: the caller's boxes first (trial42).
  const errors = errorsInPageOrder(form.allErrors, CALLER_BOX_NAMES);
  // The save's refusal said again beside the save button (ADR 178): the top banner is a screen above it on a phone.
  const saveRefusal = actionData?.duplicates
    ? [h("dup.banner", { references: actionData.duplicates.join(punctuationMessages.t(lng, "list")) })]
    : actionData?.banner
      ? [h("unavailable")]
      : errorCount > 0 && form.status === "error"
        ? [h("errors", { count: errorCount }), ...(form.errors ?? [])]
        : [];
  // A call task's answer is not the lead form's: the focus stays at its card.
  const saveAnswer = actionData?.result || actionData?.duplicates || actionData?.banner ? actionData : undefined;
  const statusLabel = (s: string) => adminLabel(lng, "leadStatus", s);
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") === "save";
  const shortcuts: [string, string][] = [
    ["Alt+P", h("keys.phone")],
    ["Alt+N", h("keys.new")],
    ["Alt+M", h("keys.matches")],
    ["Alt+S", h("keys.save")],
    ["Alt+1…9", h("keys.known")],
    ["Alt+T", h("keys.tasks")],
  ];

  return (
    <StaffPage lng={lng} signedIn csrf={csrf} home="hotline">
      <h1>{h("desk.title")}</h1>
      <FlashBanner flash={d.flash} />
      {actionData?.duplicates ? (
        <div className="banner error" role="alert">
          {h("dup.banner", { references: actionData.duplicates.join(punctuationMessages.t(lng, "list")) })}
        </div>
      ) : actionData?.banner ? (
        <div className="banner error" role="alert">
          {h("unavailable")}
        </div>
      ) : errorCount > 0 && form.status === "error" ? (
        <ErrorSummary lng={lng} formId={formId} intro={h("errors", { count: errorCount })} errors={errors} labelOf={labelOf} />
      ) : null}
      <p>{h("desk.intro")}</p>
      <section aria-labelledby="keys-h" className="keys">
        <h2 id="keys-h">{h("keys.title")}</h2>
        <ul>
          {shortcuts.map(([key, what]) => (
            <li key={key}>
              <kbd>{key}</kbd> {what}
            </li>
          ))}
        </ul>
      </section>

      {/* On a phone the call tasks come first, folded behind one line that counts them (TasksFold, hotline.css). */}
      <div className="desk-layout">
        <div className="desk-grid">
          {/* A new key after each save: a fresh, empty form with the focus back in the phone box. */}
          <Form
            key={formKey}
            method="post"
            action={lngHref("/hotline", lng)}
            {...getFormProps(form)}
            onInput={onFormInput}
            className="desk-form"
          >
            <input type="hidden" name="csrf" value={csrf} />
            <input type="hidden" name="formKey" value={formKey} />
            {/* Enter in a box saves (the first submit button of a form is its default). */}
            <button type="submit" name="intent" value="save" className="hp" tabIndex={-1} aria-hidden="true" />
            <fieldset className="desk-group caller-group">
              <legend>{h("caller.legend")}</legend>
              <DeskInput
                meta={m(contact.phone)}
                label={h("caller.phone")}
                hint={h("caller.phoneHint")}
                required
                type="tel"
                inputMode="tel"
                maxLength={PHONE_INPUT_MAX}
                autoFocus
                keyHint="Alt+P"
              />
              {knownUnder("contact.phone")}
              <DeskInput meta={m(company.name)} label={h("caller.company")} required maxLength={100} />
              {knownUnder("company.name")}
              <DeskInput meta={m(contact.name)} label={h("caller.contact")} required maxLength={50} />
              {knownUnder("contact.name")}
              <div className="row">
                <DeskInput meta={m(company.creditCode)} label={h("caller.creditCode")} maxLength={30} />
                <DeskInput meta={m(contact.title)} label={h("caller.title")} maxLength={50} />
              </div>
              {knownUnder("company.creditCode")}
            </fieldset>
            <PhoneLeadNeed
              lng={lng}
              need={need as never}
              use={use as never}
              notes={notes}
              places={previewAnswer && "matches" in previewAnswer ? previewAnswer.places : undefined}
              onNotes={(v) => {
                setNotes(v);
                submitTo("preview", 300);
              }}
            />
            <fieldset className="desk-group">
              <legend>{h("consent.legend")}</legend>
              <p className="script" id="consent-script">
                {h("consent.script")} {pick(lng, d.script)}
              </p>
              <CheckboxField consent meta={m(fields.consent)} label={h("consent.label")} alsoDescribedBy="consent-script" />
            </fieldset>
            <RefusalBeside
              id="save-refusal"
              lng={lng}
              answer={saveAnswer}
              lines={saveRefusal}
              first={actionData?.duplicates ? null : firstBadField(lng, formId, errors, labelOf)}
            />
            {actionData?.duplicates ? (
              <div className="field consent">
                <label htmlFor="dup-confirm">
                  <input type="checkbox" id="dup-confirm" name={DUP_CONFIRM} />
                  <span>{h("dup.confirm")}</span>
                </label>
              </div>
            ) : null}
            <div className="desk-actions">
              <button
                type="submit"
                name="intent"
                value="preview"
                formNoValidate
                className="secondary"
                onClick={(e) => {
                  // With JavaScript the preview comes from the resource routes; without, the post re-renders the desk.
                  e.preventDefault();
                  submitTo("preview", 0);
                  submitTo("callers", 0);
                }}
              >
                {h("matches.show")} <kbd className="key-hint">Alt+M</kbd>
              </button>
              <button
                type="submit"
                name="intent"
                value="save"
                disabled={saving}
                aria-describedby={saveRefusal.length ? "save-refusal" : undefined}
              >
                {saving ? h("saving") : h("save")} <kbd className="key-hint">Alt+S</kbd>
              </button>
            </div>
          </Form>
          <div className="desk-side">
            <KnownCallers
              lng={lng}
              state={callerAnswer?.state ?? "typing"}
              refusal={callerAnswer?.state === "refused" ? callerAnswer : undefined}
              leads={knownLeads}
              more={callerAnswer && "leads" in callerAnswer ? (callerAnswer.more ?? 0) : 0}
              partial={!!(callerAnswer && "leads" in callerAnswer && callerAnswer.partial)}
              statusLabel={statusLabel}
              leadHref={(id) => lngHref(`/hotline/leads/${id}`, lng)}
            />
            <MatchPreview
              lng={lng}
              state={previewAnswer?.state ?? "hint"}
              refusal={previewAnswer?.state === "refused" ? previewAnswer : undefined}
              matches={(previewAnswer && "matches" in previewAnswer ? previewAnswer.matches : []) as MatchCard[]}
              nearMisses={(previewAnswer && "matches" in previewAnswer ? (previewAnswer.nearMisses ?? []) : []) as NearMissCard[]}
              regionProblems={previewAnswer && "matches" in previewAnswer ? previewAnswer.regionProblems : undefined}
              regionFixes={previewAnswer && "matches" in previewAnswer ? previewAnswer.regionFixes : undefined}
              form={formId}
              onRegionFix={(value) => {
                // Into the box as if typed: the form's input handler asks the preview again.
                const box = (document.getElementById(formId) as HTMLFormElement | null)?.elements.namedItem("need.regions");
                if (!(box instanceof HTMLInputElement)) return;
                box.value = value;
                box.dispatchEvent(new Event("input", { bubbles: true }));
                box.focus();
              }}
              placeChoices={previewAnswer && "matches" in previewAnswer ? previewAnswer.placeChoices : undefined}
              areaChecks={previewAnswer && "matches" in previewAnswer ? previewAnswer.areaChecks : undefined}
              notRead={previewAnswer && "matches" in previewAnswer ? previewAnswer.notRead : undefined}
            />
          </div>
        </div>

        <section aria-labelledby="tasks-h" className="desk-tasks">
          <TasksFold
            summary={d.total ? h("tasks.summary", { total: d.total, due: d.rows.filter((r) => r.due).length }) : h("tasks.summaryNone")}
            open={Boolean(taskError || kept || actionData?.confirm)}
          >
            <h2 id="tasks-h" tabIndex={-1}>
              {h("tasks.title")} <kbd className="key-hint">Alt+T</kbd>
            </h2>
            <p>{t("hotline.intro")}</p>
            <p>{t("hotline.caption", { total: d.total })}</p>
            {d.rows.length === 0 ? <p>{t("hotline.empty")}</p> : null}
            {taskError && !d.rows.some((r) => r.id === taskError.id) ? (
              <div className="banner error" data-testid="task-error">
                <ErrorList id="task-error" errors={taskError.errors} />
              </div>
            ) : null}
            {/* A note typed on a task no longer listed (closed meanwhile): said, with the note to copy. */}
            {kept && !d.rows.some((r) => r.id === kept.taskId) ? (
              <div className="banner error" role="alert" data-testid="task-kept">
                <p>{kept.text}</p>
                <p>{t("hotline.keptNote")}</p>
                <blockquote className="kept-note">{kept.note}</blockquote>
              </div>
            ) : null}
            <ol className="cards">
              {d.rows.map((r) => {
                const confirming = actionData?.confirm?.taskId === r.id ? actionData.confirm : null;
                const keptHere = kept?.taskId === r.id ? kept : null;
                const refusedHere = taskError?.id === r.id ? taskError.errors : keptHere ? [keptHere.text] : undefined;
                const errorId = `outcome-error-${r.id}`;
                return (
                  <li key={r.id} className="card" data-due={r.due ? "now" : "later"} aria-labelledby={`task-${r.id}`}>
                    <p className="card-title" id={`task-${r.id}`}>
                      <strong>{t(`task.${r.kind}`)}</strong> {r.reference} · {r.company}
                    </p>
                    <p>
                      <TelLink href={r.phoneDial}>{r.phone}</TelLink>
                    </p>
                    <p className="script">{r.script}</p>
                    <p className="hint">
                      {h("task.due")}
                      {r.due ? null : `${t("hotline.later")} `}
                      <Time iso={r.dueAt} /> · {h("task.attempts", { n: r.attempts })}
                    </p>
                    {r.kind !== "handover" ? (
                      <p>
                        <a className="button secondary" href={lngHref(`/hotline/leads/${r.leadId}?task=${r.id}`, lng)}>
                          {h("task.editNeed")}
                        </a>
                      </p>
                    ) : null}
                    <Form method="post" action={lngHref("/hotline", lng)} className="task-form">
                      <input type="hidden" name="csrf" value={csrf} />
                      <input type="hidden" name="task" value={r.id} />
                      {/* This page's key: the same submission sent again (「再次提交」, a double press) is counted once. */}
                      <input type="hidden" name="formKey" value={d.formKey} />
                      <div className="field">
                        <label htmlFor={`note-${r.id}`}>{h("task.note")}</label>
                        <textarea
                          id={`note-${r.id}`}
                          name="note"
                          rows={2}
                          maxLength={NOTE_MAX}
                          defaultValue={confirming?.note ?? keptHere?.note ?? ""}
                        />
                      </div>
                      {confirming ? (
                        <div className="confirm" role="alertdialog" aria-labelledby={`confirm-${r.id}`}>
                          <p id={`confirm-${r.id}`}>
                            {h("task.confirm", { reference: r.reference, outcome: t(`outcome.${confirming.outcome}`) })}
                          </p>
                          <input type="hidden" name="confirm" value="1" />
                          <button type="submit" name="outcome" value={confirming.outcome} autoFocus>
                            {h("task.confirmYes", { outcome: t(`outcome.${confirming.outcome}`) })}
                          </button>{" "}
                          <a className="button secondary" href={lngHref("/hotline", lng)}>
                            {h("task.confirmNo")}
                          </a>
                        </div>
                      ) : (
                        <div className="actions">
                          {d.outcomes
                            .filter((o) => o !== "refused" || r.kind === "handover")
                            .map((o) => (
                              <button
                                key={o}
                                type="submit"
                                name="outcome"
                                value={o}
                                className={closesTask(o) ? "secondary" : undefined}
                                aria-label={`${t(`outcome.${o}`)} ${r.reference}`}
                                aria-describedby={refusedHere ? errorId : undefined}
                              >
                                {t(`outcome.${o}`)}
                              </button>
                            ))}
                        </div>
                      )}
                      <ErrorList id={errorId} errors={refusedHere} />
                    </Form>
                  </li>
                );
              })}
            </ol>
          </TasksFold>
        </section>
      </div>
    </StaffPage>
  );
}

/** Where a phone remembers, for the tab, that the agent opened the call tasks: still open after an outcome's reload. */
const TASKS_OPEN_KEY = "pm.hotline.tasksOpen";

/**
 * The call tasks on a phone (forms41, docs/decisions/205): above the phone-lead form, folded behind one line that counts
 * them and the due ones — a hotline agent on a phone saw no task without scrolling past the whole form. Tapped open it
 * stays open for the tab (sessionStorage) through each outcome's reload; `open` unfolds it for an answer about a task (a
 * refusal, a confirmation). From 760 px up (admin.css .more-filters, as the lists' filters) the line is not drawn and the
 * tasks stand open below the form, as before. A plain <details>: no JavaScript needed to open it.
 */
function TasksFold({ summary, open, children }: { summary: string; open: boolean; children: ReactNode }) {
  // Read after hydration (the server knows nothing of the tab) into the element, whose toggle then keeps it as every
  // toggle — a tap, Alt+T, an answer — is kept.
  const ref = useRef<HTMLDetailsElement>(null);
  const [remembered, setRemembered] = useState(false);
  useEffect(() => {
    try {
      if (ref.current && sessionStorage.getItem(TASKS_OPEN_KEY) === "1") ref.current.open = true;
    } catch {
      // No storage (a private window's quota): folded, as without JavaScript.
    }
  }, []);
  const remember = (e: SyntheticEvent<HTMLDetailsElement>) => {
    const isOpen = e.currentTarget.open;
    setRemembered(isOpen);
    try {
      sessionStorage.setItem(TASKS_OPEN_KEY, isOpen ? "1" : "0");
    } catch {
      // As above.
    }
  };
  return (
    <details ref={ref} className="more-filters tasks-fold" open={open || remembered || undefined} onToggle={remember}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

/** A 404 here (no such assignment, call task or lead) keeps the staff header and says what was not found. */
export const ErrorBoundary = StaffErrorBoundary;
