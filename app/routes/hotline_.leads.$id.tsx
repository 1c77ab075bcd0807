import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo, useState } from "react";
import { z } from "zod";

import { checkCsrf, requireStaff } from "~/auth/session.server";
import { Time } from "~/components/admin";
import { keepTextOnStale, revalidateAfterStale } from "~/components/error-pages";
import { FlashBanner } from "~/components/flash";
import { ChangedMeanwhile, ErrorList, useAnswerKey, useEditBase, useFormReply } from "~/components/forms";
import { noindexMeta, noStore, stylesheets } from "~/components/page-head";
import { PhoneLeadNeed, type PhoneLeadValue } from "~/components/phone-lead-form";
import { StaffPage } from "~/components/staff";
import { StaffErrorBoundary } from "~/components/staff-not-found";
import { getSql } from "~/db/db.server";
import { needAreaShort } from "~/domain/area";
import { NOTE_MAX } from "~/domain/call-outcomes";
import { withoutBidiControls } from "~/domain/display-text";
import { createLeadSchema, type Lead } from "~/domain/lead-schema";
import { needRegionsText } from "~/domain/regions.server";
import { callNoteSchema } from "~/hotline/call-note-form";
import { loadDeskLead, updateLeadNeed } from "~/hotline/desk-lead.server";
import { addLeadNote, loadLeadNotes } from "~/hotline/lead-notes.server";
import { type FormShape, formShapeRefusal } from "~/http/action-form.server";
import { changedNotes, postedBase } from "~/http/edit-refusal.server";
import { readFlash, redirectWithFlash } from "~/http/flash.server";
import { notFoundWith } from "~/http/not-found.server";
import { adminLabel } from "~/i18n/admin-messages";
import { hotlineText } from "~/i18n/hotline-messages";
import { lngHref } from "~/i18n/i18n";
import { type Lng, lngFromUrl } from "~/i18n/lng";
import { ui } from "~/i18n/ui-messages";
import { ASSIST_FORM_FIELDS } from "~/leads/assist-preview";
import { recordPhoneViews } from "~/privacy/access-log.server";
import adminStyles from "~/styles/admin.css";
import hotlineStyles from "~/styles/hotline.css";
import {
  afterRefusal,
  changedKeys,
  decodeBase,
  type EditConflict,
  type EditValues,
  encodeBase,
  isBlankValue,
  mergeEdit,
  sentValues,
  valuesAsForm,
} from "~/utils/edit-merge.server";

export const links = stylesheets(adminStyles, hotlineStyles);
export const meta = noindexMeta<typeof loader>((d) =>
  d && "lead" in d ? hotlineText(d.lng, "lead.title", { reference: d.lead.reference }) : "—",
);
export const headers = noStore;

/** The two forms of this page, told apart by `intent`; a need edit may carry a note of the call and `base` (what it was filled from). */
const stepSchema = z.object({ intent: z.enum(["note", "need"]), note: z.string().optional(), base: z.string().optional() });

/** A stored lead's need as the form's typed text (areas in the unit it was asked in). */
function needAsTyped(lead: Lead): PhoneLeadValue {
  const n = lead.need as Lead["need"] & Record<string, unknown>;
  const s = (v: unknown) => (v === undefined || v === null ? "" : String(v));
  return {
    need: {
      kind: s(n.kind),
      deal: s(n.deal),
      areaUnit: s(n.areaUnit),
      areaMin: s(n.areaMin),
      areaMax: s(n.areaMax),
      regions: (n.regions ?? []).join("、"),
      moveInBy: s(n.moveInBy),
      ceilingMinM: s(n.ceilingMinM),
      floorLoadMinKg: s(n.floorLoadMinKg),
      powerMinKva: s(n.powerMinKva),
      craneMinT: s(n.craneMinT),
      singleStorey: n.singleStorey ? "on" : "",
      notes: s(n.notes),
    },
    use: { industry: s(lead.use.industry), product: s(lead.use.product) },
    tax: {},
    company: {},
    contact: {},
    consent: "",
  };
}

/** The need form's fields, by their form names. */
const NEED_KEYS = [
  ...["kind", "deal", "areaUnit", "areaMin", "areaMax", "regions", "moveInBy", "ceilingMinM", "floorLoadMinKg"].map((k) => `need.${k}`),
  ...["powerMinKva", "craneMinT", "singleStorey", "notes"].map((k) => `need.${k}`),
  "use.industry",
  "use.product",
];

/**
 * What the page's two forms send (ADR 086): every text box and select, sent even when blank — but the
 * radio groups (kind, deal, unit) and the 单层 tick, which send nothing when none is chosen.
 */
const PAGE_FORMS: Record<"note" | "need", FormShape> = {
  note: { fields: ["intent", "body"] },
  need: {
    fields: [
      "intent",
      "base",
      "note",
      ...NEED_KEYS.filter((k) => !["need.kind", "need.deal", "need.areaUnit", "need.singleStorey"].includes(k)),
    ],
  },
};

/** A stored lead's need as the form's values by form name (what `base` carries, ADR 091). */
function needValues(lead: Lead): EditValues {
  const typed = needAsTyped(lead);
  return {
    ...Object.fromEntries(Object.entries(typed.need).map(([k, v]) => [`need.${k}`, v])),
    "use.industry": typed.use.industry,
    "use.product": typed.use.product,
  };
}

/**
 * The need fields the notes may not fill on this edit: those that held a value when the form was
 * filled. Emptied, they are the agent's answer ("层高不要求了"), not a blank for the assist (ADR 091).
 */
function keptBlank(base: EditValues | null, stored: Lead): string[] {
  if (!base) return [];
  const before = storedKeptBlank(stored);
  return ASSIST_FORM_FIELDS.filter((f) => !isBlankValue(base[`need.${f}`]) || before.includes(f));
}

/** The fields an earlier edit emptied on purpose (`need.keptBlank`): the notes still name them, and must not fill them again. */
function storedKeptBlank(lead: Lead): string[] {
  const v = (lead.need as { keptBlank?: unknown }).keptBlank;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** The lead to store: `keepBlank`'s fields that stay blank are remembered, so the next edit leaves them blank too. */
function withKeptBlank(lead: Lead, keepBlank: readonly string[], values: EditValues): Lead {
  const kept = keepBlank.filter((f) => isBlankValue(values[`need.${f}`]));
  const need = { ...lead.need } as Lead["need"] & { keptBlank?: string[] };
  if (kept.length) need.keptBlank = kept;
  else delete need.keptBlank;
  return { ...lead, need };
}

/**
 * The one lead schema (channel hotline) reading only the need and use fields of this form: the stored
 * company and contact (in the browser, stand-ins) complete the lead, and consent was recorded when the
 * lead was taken. `keepBlank`: keptBlank.
 */
function needOnlySchema(lng: Lng, lead: Lead | null, keepBlank: readonly string[] = []) {
  return z.preprocess(
    (payload) => ({
      ...(payload as Record<string, unknown>),
      company: { name: lead?.company.name || "—", creditCode: lead?.company.creditCode },
      contact: { name: lead?.contact.name || "—", phone: lead?.contact.phone || "13800000000" },
      consent: true,
    }),
    createLeadSchema(lng, "hotline", { keepBlank: new Set(keepBlank) }),
  );
}

/** One need field's value as the agent reads it: a choice's label, "(blank)". */
function shownNeedValue(lng: Lng, key: string, v: string | string[]): string {
  const text = Array.isArray(v) ? v.join("、") : v.trim();
  if (!text) return hotlineText(lng, "editNeed.blank");
  if (key === "need.kind" || key === "need.deal" || key === "need.areaUnit") return ui(lng, `${key}.${text}` as never);
  if (key === "need.singleStorey") return hotlineText(lng, "editNeed.ticked");
  return text;
}

/** The form's line naming the need fields another agent changed that now show what they saved (none: no line). */
function needUpdatedNote(lng: Lng, shown: { values: EditValues; updated: string[] } | null): string[] {
  if (!shown?.updated.length) return [];
  const fields = shown.updated
    .map((k) => `${ui(lng, k as never)}${lng === "zh" ? "：" : ": "}${shownNeedValue(lng, k, shown.values[k])}`)
    .join(lng === "zh" ? "；" : "; ");
  return [hotlineText(lng, "editNeed.updatedMeanwhile", { fields })];
}

type FormPayload = NonNullable<SubmissionResult<string[]>["initialValue"]>;

/** Conform's values of the form (`need: {…}, use: {…}`) with `values` (by form name, "need.areaMin") put in. */
function nestedValues(initial: FormPayload | null | undefined, values: EditValues): FormPayload {
  const out: FormPayload = { ...initial };
  for (const [name, v] of Object.entries(values)) {
    const [group, field] = name.split(".");
    const inner = { ...((out[group] as FormPayload | undefined) ?? {}) };
    // An unticked 单层 is no value (the box sends nothing), not an empty text.
    if (v === "") delete inner[field];
    else inner[field] = v;
    out[group] = inner;
  }
  return out;
}

function needConflictErrors(lng: Lng, conflicts: EditConflict[]): Record<string, string[]> {
  return Object.fromEntries(
    conflicts.map((c) => [
      c.field,
      [hotlineText(lng, "editNeed.theirs", { theirs: shownNeedValue(lng, c.field, c.theirs), mine: shownNeedValue(lng, c.field, c.mine) })],
    ]),
  );
}

/** GET /hotline/leads/<id>: one lead for the agent on a call — who, what, the notes; add this call, or change the need. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, ["hotline", "admin"]);
  const lng = lngFromUrl(request.url);
  const lead = await loadDeskLead(getSql(), params.id ?? "");
  if (!lead) throw notFoundWith(hotlineText(lng, "lead.notFound"));
  // The page shows the enterprise's full number (to call back): a logged view.
  await recordPhoneViews(getSql(), { actor: user.email, role: user.role }, "caller-lookup", [
    { leadId: lead.id, reference: lead.reference },
  ]);
  const { flash, headers } = await readFlash(request); // what the last save did (ADR 025), shown once
  return data(
    {
      lng,
      csrf: user.csrf,
      lead: withoutBidiControls(lead),
      regionsText: withoutBidiControls(needRegionsText(lead.lead.need, lng)),
      typed: needAsTyped(lead.lead),
      base: encodeBase(needValues(lead.lead)),
      keepBlank: keptBlank(needValues(lead.lead), lead.lead),
      notes: withoutBidiControls(await loadLeadNotes(getSql(), lead.id)),
      flash,
    },
    { headers },
  );
}

/** `base`: the next one (a 409) or the one posted (a 400); `changed`: a 409's notes beside the fields another agent changed. */
type ActionResult = { form: "note" | "need"; result: SubmissionResult<string[]>; base?: string; changed?: Record<string, string> };

// A post from a page of an earlier sign-in keeps what was typed (components/error-pages.tsx).
export const clientAction = keepTextOnStale;
export const shouldRevalidate = revalidateAfterStale;

/**
 * POST intent=note body=… → the call noted on this lead (303 back, flash "noted"); intent=need (the need
 * fields and an optional `note`) → the need replaced and the lead matched again (303 back, flash). 400 with
 * field errors; a closed or erased lead answers 409 / 404. CSRF token on both.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request, ["hotline", "admin"]);
  const form = await request.formData();
  checkCsrf(user, form);
  const lng = lngFromUrl(request.url);
  const lead = await loadDeskLead(getSql(), params.id ?? "");
  if (!lead) throw notFoundWith(hotlineText(lng, "lead.notFound"));
  // The message rides the flash cookie (ADR 025), not a query flag that a reload or a shared link repeats.
  // It names the form it answered: that form starts over, the other keeps what is typed (ADR 081).
  const back = (form: "note" | "need", key: "note.saved" | "editNeed.saved") =>
    redirectWithFlash(request, lngHref(`/hotline/leads/${lead.id}`, lng), { tone: "status", text: hotlineText(lng, key), form });
  // Which of the two forms was sent (the first `intent` of a crafted post that repeats it, refused below).
  const sentIntent = parseWithZod(form, { schema: z.object({ intent: z.unknown() }) }).payload.intent;
  const which = (Array.isArray(sentIntent) ? sentIntent[0] : sentIntent) === "note" ? "note" : "need";
  // Only what the page's form sends: a field left out or sent twice is refused in our words, nothing saved.
  const refused = formShapeRefusal(form, PAGE_FORMS[which], lng);
  // A 400 keeps the base it was posted with (after a 409: the need as stored then), never the page's first.
  const posted = (v: unknown) => postedBase(Array.isArray(v) ? v[0] : v);
  if (refused) return data<ActionResult>({ form: which, result: refused, ...posted(refused.initialValue?.base) }, { status: 400 });
  // Read the one way (Conform + Zod) like every field.
  const step = parseWithZod(form, { schema: stepSchema });
  if (step.status !== "success")
    return data<ActionResult>({ form: which, result: step.reply(), ...posted(step.payload.base) }, { status: 400 });
  if (step.value.intent === "note") {
    const submission = parseWithZod(form, { schema: callNoteSchema(lng) });
    if (submission.status !== "success") return data<ActionResult>({ form: "note", result: submission.reply() }, { status: 400 });
    await addLeadNote(getSql(), { leadId: lead.id, authorId: user.id, body: submission.value.body, source: "hotline" });
    return back("note", "note.saved");
  }
  const loaded = decodeBase(step.value.base);
  const keepBlank = keptBlank(loaded, lead.lead);
  const schema = needOnlySchema(lng, lead.lead, keepBlank);
  const submission = parseWithZod(form, { schema, disableAutoCoercion: true });
  if (submission.status !== "success")
    return data<ActionResult>({ form: "need", result: submission.reply(), ...postedBase(step.value.base) }, { status: 400 });
  let conflicts: EditConflict[] = [];
  let stored: EditValues | null = null; // the need's values when the save was refused
  const sent = sentValues(form, NEED_KEYS, new Set());
  // This form's changes over the need as stored now: a field it did not change keeps another agent's change.
  const merge = loaded
    ? (current: Lead): Lead | null => {
        const now = needValues(current);
        stored = now;
        const merged = mergeEdit(NEED_KEYS, loaded, now, sent);
        conflicts = merged.conflicts;
        if (conflicts.length) return null;
        const again = parseWithZod(valuesAsForm(merged.values), { schema, disableAutoCoercion: true });
        if (again.status === "success") return withKeptBlank(again.value.lead, keepBlank, merged.values);
        // Fine alone, not together (a cross-field rule): refused; a field both changed says both values, the
        // other agent's other changes show as stored (afterRefusal), and saving again is judged by the rule.
        const theirs = new Set(changedKeys(NEED_KEYS, loaded, now));
        conflicts = changedKeys(NEED_KEYS, loaded, sent)
          .filter((k) => theirs.has(k))
          .map((k) => ({ field: k, theirs: now[k] ?? "", mine: sent[k] ?? "" }));
        return null;
      }
    : undefined;
  const saved = await updateLeadNeed(getSql(), {
    leadId: lead.id,
    parsed: submission.value.lead,
    authorId: user.id,
    note: step.value.note ?? "",
    reason: hotlineText("zh", "editNeed.reason", { reference: lead.reference }),
    filledFrom: loaded ? undefined : step.value.base,
    merge,
  });
  if (!saved.ok && saved.reason === "changedMeanwhile") {
    // What was typed stays, each conflicting field says what the other agent saved, and every field this
    // tab did not touch shows what is stored now, named in the form's message (ADR 092). The next base is
    // the need as stored: saving again writes exactly this tab's changes.
    const shown = loaded && stored ? afterRefusal(NEED_KEYS, loaded, stored, sent) : null;
    const reply = submission.reply({
      formErrors: [hotlineText(lng, "editNeed.changedMeanwhile"), ...needUpdatedNote(lng, shown)],
      fieldErrors: needConflictErrors(lng, conflicts),
    });
    const result = shown ? { ...reply, initialValue: nestedValues(reply.initialValue, shown.values) } : reply;
    const next = shown ? encodeBase(shown.base) : saved.base;
    const changed = shown ? changedNotes(shown, lng, (k, v) => shownNeedValue(lng, k, v)) : {};
    return data<ActionResult>({ form: "need", result, base: next, changed }, { status: 409 });
  }
  if (!saved.ok && saved.reason !== "closed") throw notFoundWith(hotlineText(lng, "lead.notFound"));
  if (!saved.ok) throw data(hotlineText(lng, "lead.closed"), { status: 409 });
  return back("need", "editNeed.saved");
}

export default function HotlineLead() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const lng = d.lng;
  const h = (key: Parameters<typeof hotlineText>[1], p?: Record<string, string | number>) => hotlineText(lng, key, p);
  const l = d.lead;
  const needAnswer = actionData?.form === "need" ? actionData : undefined;
  const needKey = useAnswerKey(useFormReply("need", needAnswer?.result), !!needAnswer?.changed);
  // Kept here, outside the form that starts over: a 400 of the note form after a 409 keeps the stored base.
  const needBase = useEditBase(needAnswer?.base, d.base);
  const [noteForm, noteFields] = useForm({
    id: "call-note",
    lastResult: useFormReply("note", actionData?.form === "note" ? actionData.result : undefined),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: callNoteSchema(lng) }),
  });
  const kind = l.lead.need.kind;
  const area = needAreaShort(l.lead.need.areaMinSqm, l.lead.need.areaMaxSqm, kind === "land");

  return (
    <StaffPage lng={lng} signedIn csrf={d.csrf} home="hotline">
      <p>
        <Link to={lngHref("/hotline", lng)} className="back-link">
          ← {h("lead.back")}
        </Link>
      </p>
      <h1>{h("lead.title", { reference: l.reference })}</h1>
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
          <a className="tel" href={`tel:${l.phoneDial}`}>
            {l.phoneDisplay}
          </a>
        </dd>
        <dt>{h("lead.need")}</dt>
        <dd>
          {ui(lng, `need.kind.${kind}`)} {area}
          {d.regionsText ? ` · ${d.regionsText}` : ""}
        </dd>
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

          {/* A refused save answers with the next base and the need as stored now (ADR 092): a new form shows it. */}
          <ChangedMeanwhile notes={needAnswer?.changed}>
            <NeedEdit key={needKey} base={needBase ?? d.base} />
          </ChangedMeanwhile>
        </>
      )}
    </StaffPage>
  );
}

/** The need edit: filled from the lead (or, after a refused save, from the answer: what is stored now and what was typed). */
function NeedEdit({ base }: { base: string }) {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const lng = d.lng;
  const h = (key: Parameters<typeof hotlineText>[1], p?: Record<string, string | number>) => hotlineText(lng, key, p);
  const needSchema = useMemo(() => needOnlySchema(lng, null, d.keepBlank), [lng, d.keepBlank]);
  const answer = actionData?.form === "need" ? actionData : undefined;
  const [needForm, fields] = useForm<PhoneLeadValue, PhoneLeadValue, string[]>({
    id: "edit-need",
    defaultValue: d.typed,
    lastResult: useFormReply("need", answer?.result),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: needSchema, disableAutoCoercion: true }) as never,
  });
  const need = fields.need.getFieldset();
  const use = fields.use.getFieldset();
  const shownNotes = need.notes.initialValue;
  const [notes, setNotes] = useState(typeof shownNotes === "string" ? shownNotes : d.typed.need.notes);
  return (
    <Form method="post" action={lngHref(`/hotline/leads/${d.lead.id}`, lng)} {...getFormProps(needForm)} className="desk-form" noValidate>
      <h2>{h("editNeed.legend")}</h2>
      <input type="hidden" name="csrf" value={d.csrf} />
      <input type="hidden" name="intent" value="need" />
      <input type="hidden" name="base" value={base} />
      {needForm.errors?.length ? (
        <div className="banner error" role="alert" id={needForm.errorId}>
          {needForm.errors.join(" ")}
        </div>
      ) : null}
      <PhoneLeadNeed lng={lng} need={need as never} use={use as never} notes={notes} onNotes={setNotes} keepBlank={d.keepBlank} />
      <div className="field">
        <label htmlFor="need-note">{h("task.note")}</label>
        <textarea id="need-note" name="note" rows={2} maxLength={NOTE_MAX} />
      </div>
      <button type="submit">{h("editNeed.save")}</button>
    </Form>
  );
}

/** A 404 here (no such assignment, call task or lead) keeps the staff header and says what was not found. */
export const ErrorBoundary = StaffErrorBoundary;
