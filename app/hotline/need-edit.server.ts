import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";

import type { Sql } from "~/db/db.server";
import type { Lead } from "~/domain/lead-schema";
import { type FormShape, formShapeRefusal } from "~/http/action-form.server";
import { changedNotes, postedBase } from "~/http/edit-refusal.server";
import { notFoundWith } from "~/http/not-found.server";
import { hotlineText } from "~/i18n/hotline-messages";
import type { Lng } from "~/i18n/lng";
import { ui } from "~/i18n/ui-messages";
import { ASSIST_FORM_FIELDS } from "~/leads/assist-preview";
import { leadRefusals } from "~/leads/lead-refusals";
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

import { needFingerprint, updateLeadNeed } from "./desk-lead.server";
import type { NoteSource } from "./lead-notes.server";
import { addLeadNote } from "./lead-notes.server";
import {
  NEED_KEYS,
  type NeedAnswer,
  needAsTyped,
  needOnlySchema,
  type NeedTyped,
  newerNotes,
  newerRead,
  sentChoicesAsCodes,
  shownNeedValue,
} from "./need-edit";

/**
 * What the need form sends (ADR 086): every text box and select, sent even when blank — but the radio
 * groups (kind, deal, unit) and the 单层 tick, which send nothing when none is chosen, and the 几栋 box
 * (need.unitCount, docs/decisions/130): a page loaded before the box existed posts without it, and its
 * typing is not refused as an incomplete form — absent, the count is blank as loaded (nothing this form
 * changed: the merge keeps what is stored; docs/decisions/133). Sent twice, it is refused as any field.
 */
export const NEED_FORM: FormShape = {
  fields: [
    "intent",
    "base",
    "note",
    ...NEED_KEYS.filter((k) => !["need.kind", "need.deal", "need.areaUnit", "need.singleStorey", "need.unitCount"].includes(k)),
  ],
};

/**
 * A posted `base` read back (edit-merge.server.ts decodeBase) when it is one this form's page wrote: every need key but the
 * count (a page from before the 几栋 box has none, docs/decisions/133), and no other key. Null otherwise (docs/decisions/141).
 */
function needBase(text: string): EditValues | null {
  const v = decodeBase(text);
  if (!v) return null;
  const keys = Object.keys(v);
  const whole = NEED_KEYS.every((k) => k === "need.unitCount" || k in v) && keys.every((k) => NEED_KEYS.includes(k));
  return whole && keys.every((k) => typeof v[k] === "string") ? v : null;
}

/**
 * The form with the 几栋 box as loaded when it was not posted: the base's count, or without a base the stored one. A base
 * without the key (a page from before the box) leaves it out: its merge keeps what is stored (docs/decisions/133).
 */
function withCountAsLoaded(form: FormData, loaded: EditValues | null, lead: Lead): FormData {
  if (form.has("need.unitCount")) return form;
  const count = loaded ? loaded["need.unitCount"] : needAsTyped(lead).need.unitCount;
  if (typeof count !== "string") return form;
  const copy = new FormData();
  for (const [k, v] of form) copy.append(k, v);
  copy.set("need.unitCount", count);
  return copy;
}

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
 * filled. Emptied, they are the person's answer ("层高不要求了"), not a blank for the assist (ADR 091).
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
 * What a page with the need form loads: the typed text, the base it was filled from, the fields kept blank, and what the
 * notes ruled out (lead-refusals.ts; null none) — shown in the form, as a correction of other boxes keeps it (ADR 184).
 */
export function needEditState(lead: Lead, lng: Lng): { typed: NeedTyped; base: string; keepBlank: string[]; ruledOut: string | null } {
  const refused = leadRefusals(lead, lng);
  return {
    typed: needAsTyped(lead),
    base: encodeBase(needValues(lead)),
    keepBlank: keptBlank(needValues(lead), lead),
    ruledOut: refused ? hotlineText(lng, "editNeed.ruledOut", refused) : null,
  };
}

/** The form's line naming the need fields another person changed that now show what they saved (none: no line). */
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

export type NeedSave =
  /** `fromNewerNotes`: what the notes added in this edit set, as staff read it ("" none; docs/decisions/109). */
  | { outcome: "saved"; fromNewerNotes: string }
  | { outcome: "refused"; status: 400 | 409; answer: NeedAnswer }
  | { outcome: "notFound" }
  | { outcome: "closed" };

const stepSchema = z.object({ intent: z.literal("need"), note: z.string().optional(), base: z.string().optional() });

/**
 * A posted need form (NEED_FORM) saved over `lead` as stored (ADR 091: this form's changes merged field
 * by field over another person's meanwhile; a field both changed is refused with both values, ADR 092),
 * with its call note (`source`: who wrote it), then the lead matched again (updateLeadNeed). Outcomes:
 * saved; refused with a 400 (a field, or the form's shape) or a 409 (changed meanwhile: what was typed
 * stays, fields not touched show what is stored now; or closed meanwhile: the call note kept on the lead,
 * the need not changed). Throws the 404 page when the lead was erased meanwhile.
 */
export async function saveNeedEdit(
  sql: Sql,
  form: FormData,
  input: { lng: Lng; lead: Lead; leadId: string; authorId: string; reason: string; source: NoteSource },
): Promise<NeedSave> {
  const { lng } = input;
  const refuse = (status: 400 | 409, answer: Omit<NeedAnswer, "form">): NeedSave => ({
    outcome: "refused",
    status,
    answer: { form: "need", ...answer },
  });
  // Only what the form sends: a field left out or sent twice is refused in our words, nothing saved.
  const refused = formShapeRefusal(form, NEED_FORM, lng);
  // A 400 keeps the base it was posted with (after a 409: the need as stored then), never the page's first.
  const posted = (v: unknown) => postedBase(Array.isArray(v) ? v[0] : v);
  if (refused) return refuse(400, { result: refused, ...posted(refused.initialValue?.base) });
  const step = parseWithZod(form, { schema: stepSchema });
  if (step.status !== "success") return refuse(400, { result: step.reply(), ...posted(step.payload.base) });
  const baseText = step.value.base ?? "";
  const loaded = needBase(baseText);
  // A base that is neither a page's (ADR 091) nor ADR 068's fingerprint of the need as stored: damaged or made up. Nothing
  // can tell what this form changed — a 400 asking to reload, never a 409 "changed meanwhile" nobody did (docs/decisions/141).
  if (baseText !== "" && !loaded && baseText !== needFingerprint(input.lead))
    return refuse(400, { result: step.reply({ formErrors: [hotlineText(lng, "editNeed.reload")] }) });
  // The 几栋 box not posted keeps the count as loaded (docs/decisions/133, 141): a page from before the box (its base has no
  // count: the merge keeps what is stored), a client that leaves it out — never emptied silently.
  form = withCountAsLoaded(form, loaded, input.lead);
  const sent = sentChoicesAsCodes(sentValues(form, NEED_KEYS, new Set()));
  // The notes' text added in this edit is newer than the boxes left as loaded (docs/decisions/109).
  const newer = newerNotes(loaded, sent);
  const keepBlank = keptBlank(loaded, input.lead).filter((f) => !newer?.over.has(f));
  const schema = needOnlySchema(lng, input.lead, keepBlank, newer);
  const submission = parseWithZod(form, { schema, disableAutoCoercion: true });
  if (submission.status !== "success") return refuse(400, { result: submission.reply(), ...postedBase(step.value.base) });
  let conflicts: EditConflict[] = [];
  let stored: EditValues | null = null; // the need's values when the save was refused
  // This form's changes over the need as stored now: a field it did not change keeps another person's change.
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
        // other person's other changes show as stored (afterRefusal), and saving again is judged by the rule.
        const theirs = new Set(changedKeys(NEED_KEYS, loaded, now));
        conflicts = changedKeys(NEED_KEYS, loaded, sent)
          .filter((k) => theirs.has(k))
          .map((k) => ({ field: k, theirs: now[k] ?? "", mine: sent[k] ?? "" }));
        return null;
      }
    : undefined;
  const saved = await updateLeadNeed(sql, {
    leadId: input.leadId,
    parsed: submission.value.lead,
    authorId: input.authorId,
    note: step.value.note ?? "",
    source: input.source,
    reason: input.reason,
    filledFrom: loaded ? undefined : step.value.base,
    merge,
    newerTax: newer !== null && newerRead(lng, newer).tax,
    addedNotes: newer?.text ?? "",
  });
  if (!saved.ok && saved.reason === "changedMeanwhile") {
    // What was typed stays, each conflicting field says what the other person saved, and every field this
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
    return refuse(409, { result, base: next, changed });
  }
  if (!saved.ok && saved.reason === "closed") {
    // Won or lost meanwhile: the need stays, the call note (the call happened) is kept on the lead, and
    // what was typed comes back with the reason — never a bare error page.
    const note = await addLeadNote(sql, {
      leadId: input.leadId,
      authorId: input.authorId,
      body: step.value.note ?? "",
      source: input.source,
    });
    return refuse(409, {
      result: submission.reply({ formErrors: [hotlineText(lng, note ? "editNeed.closedNoteSaved" : "editNeed.closed")] }),
    });
  }
  if (!saved.ok) throw notFoundWith(hotlineText(lng, "lead.notFound"));
  return { outcome: "saved", fromNewerNotes: newer ? newerRead(lng, newer).text : "" };
}

/** The flash after a saved need: what the notes added in this edit set, when they set something (docs/decisions/109). */
export function savedNeedText(lng: Lng, fromNewerNotes: string): string {
  return fromNewerNotes ? hotlineText(lng, "editNeed.savedFromNotes", { read: fromNewerNotes }) : hotlineText(lng, "editNeed.saved");
}
