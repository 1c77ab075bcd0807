import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";

import { requireAdminForm } from "~/auth/admin-gate.server";
import { requireAdmin } from "~/auth/session.server";
import { getSql } from "~/db/db.server";
import { withoutBidiControls } from "~/domain/display-text";
import { fold } from "~/domain/fold-text";
import { type FormShape, formShapeRefusal } from "~/http/action-form.server";
import { changedNotes, postedBase } from "~/http/edit-refusal.server";
import { readFlash, redirectWithFlash } from "~/http/flash.server";
import { lngHref } from "~/i18n/i18n";
import { inventoryText } from "~/i18n/inventory-messages";
import { type Lng, lngFromUrl } from "~/i18n/lng";
import { reroutedText } from "~/inventory/rerouted-text";
import { editFingerprint } from "~/utils/edit-fingerprint.server";
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
import { getWebEnv } from "~/utils/env.server";
import { errorMessage, log } from "~/utils/log.server";

import { inventoryActor, leadsOfferedSpace, saveInventoryRow, spaceVerification } from "./inventory-admin.server";
import { cellReadings, inventoryFormSchema, textMaxLengths } from "./inventory-check";
import { type Collection, COLUMNS, flattenRow, writeCells } from "./inventory-columns";
import { listParksWithState } from "./inventory-read.server";
import { retiredState, setRetired } from "./inventory-retire.server";
import { type DbRow, fromDbRow, loadDbRows } from "./inventory-rows.server";
import { confirmSpaceAvailable } from "./listing-verify.server";
import { retireFormSchema } from "./retire-form";
import { unsavedEdits, unsavedMessage } from "./unsaved-edits.server";

// GET/POST /admin/{parks,spaces,recruiters}/<id|new>: the loader and action behind the three edit pages.

const ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** What a new row starts with. */
const DEFAULTS: Record<Collection, Record<string, string | string[]>> = {
  parks: {},
  spaces: { status: "available", deals: ["lease"] },
  // No working hours by default: blank means the office hours, which the admin can change for everyone at
  // once (/admin/office-hours); hours typed here are the recruiter's own SLA calendar (ADR 033).
  recruiters: { channel: "email", active: "true", capacity: "20" },
};

function formValues(collection: Collection, value: Record<string, unknown>): Record<string, string | string[]> {
  const cells = writeCells(collection, value);
  const flat = flattenRow(collection, value);
  const out: Record<string, string | string[]> = {};
  for (const c of COLUMNS[collection]) {
    const v = flat[c.key];
    if (c.list && c.choices) out[c.key] = Array.isArray(v) ? v.map(String) : [];
    else if (c.choices && v !== undefined && v !== null) out[c.key] = String(v);
    else if (cells[c.key] !== null && cells[c.key] !== undefined) out[c.key] = String(cells[c.key]);
  }
  return out;
}

/**
 * The space form's 园区编号 as a select of the parks, "name (id)", its value the park id as before (the
 * import's format and the API are unchanged). A new space is offered parks in use only; an existing
 * one also keeps its own park, marked when retired, or its id as stored if no park has it, so opening
 * and saving a space never changes its park unasked (and the fingerprint, ADR 068, reads the same id).
 */
async function parkChoices(lng: Lng, current: string | null): Promise<Record<string, { value: string; label: string }[]>> {
  const parks = await listParksWithState(getSql());
  const options = parks
    .filter((p) => !p.retired || p.id === current)
    .map((p) => ({
      value: p.id,
      label: inventoryText(lng, p.retired ? "edit.parkOptionRetired" : "edit.parkOption", { name: p.name, id: p.id }),
    }));
  if (current && !parks.some((p) => p.id === current)) options.push({ value: current, label: current });
  return { parkId: options };
}

/** A stored row as the edit form's values. */
function rowValues(collection: Collection, row: DbRow): EditValues {
  return formValues(collection, fromDbRow(collection, row) as unknown as Record<string, unknown>);
}

/**
 * What an edit form was filled from: the row's form values, sent back with the form, so a save merges
 * this tab's changes over what is stored now and never undoes what someone else saved (ADR 091).
 */
function baseOf(collection: Collection, row: DbRow): string {
  return encodeBase(rowValues(collection, row));
}

/** A page rendered before ADR 091 sent ADR 068's fingerprint: such a save is refused when the row changed. */
function legacyFingerprint(collection: Collection, row: DbRow): string {
  return editFingerprint(rowValues(collection, row));
}

/** One form value as the person reads it: the label of a choice, ticks joined in the form's order, "(blank)". */
function shownValue(collection: Collection, key: string, v: string | string[], lng: Lng): string {
  if (isBlankValue(v)) return inventoryText(lng, "edit.blank");
  const column = COLUMNS[collection].find((c) => c.key === key);
  const label = (x: string) => column?.choices?.find((o) => o.value === x)?.label[lng] ?? x;
  const order = (x: string) => column?.choices?.findIndex((o) => o.value === x) ?? 0;
  return Array.isArray(v)
    ? [...v]
        .sort((a, b) => order(a) - order(b))
        .map(label)
        .join(lng === "zh" ? "、" : ", ")
    : label(v);
}

/**
 * A posted row's choice fields (kind, status, deals, channel …) as the codes their columns read them to — 厂房 is factory,
 * 租 is lease — so a choice spelt otherwise is no change over the stored code, and is merged and said by its code (attack40
 * #4, the kind of #2: a crafted post's 厂房 for a stored factory was a "changed meanwhile" refusal nobody caused). A value
 * the column does not read to its codes stays as typed (the schema refuses it); invisible characters only are blank.
 */
function sentChoiceCodes(collection: Collection, sent: EditValues): EditValues {
  const out = { ...sent };
  for (const c of COLUMNS[collection]) {
    if (!c.choices) continue;
    const codes = new Set(c.choices.map((x) => x.value));
    const read = (t: string): string[] | null => {
      if (fold(t).trim() === "") return [];
      const r = c.read(t);
      if (!r.ok) return null;
      const values: unknown[] = Array.isArray(r.value) ? r.value : [r.value];
      return values.every((v) => typeof v === "string" && codes.has(v)) ? (values as string[]) : null;
    };
    const v = out[c.key];
    if (Array.isArray(v)) {
      const each = v.map(read);
      if (each.every((x) => x !== null)) out[c.key] = [...new Set(each.flat())];
    } else if (typeof v === "string") {
      const one = read(v);
      if (one && one.length <= 1) out[c.key] = one[0] ?? "";
    }
  }
  return out;
}

/** Each conflicting field's message: what the other person saved and what this tab has. */
function conflictErrors(collection: Collection, conflicts: EditConflict[], lng: Lng): Record<string, string[]> {
  return Object.fromEntries(
    conflicts.map((c) => [
      c.field,
      [
        inventoryText(lng, "edit.theirs", {
          theirs: shownValue(collection, c.field, c.theirs, lng),
          mine: shownValue(collection, c.field, c.mine, lng),
        }),
      ],
    ]),
  );
}

/** The form's line naming the fields another person changed that now show what they saved (none: no line). */
function updatedNote(collection: Collection, shown: { values: EditValues; updated: string[] } | null, lng: Lng): string[] {
  if (!shown?.updated.length) return [];
  const header = (key: string) => COLUMNS[collection].find((c) => c.key === key)?.header[lng] ?? key;
  const fields = shown.updated
    .map((k) => `${header(k)}${lng === "zh" ? "：" : ": "}${shownValue(collection, k, shown.values[k], lng)}`)
    .join(lng === "zh" ? "；" : "; ");
  return [inventoryText(lng, "edit.updatedMeanwhile", { fields })];
}

/**
 * What the edit form sends (components/inventory-form.tsx): every column — a text box or a select each,
 * sent even when blank — but the groups of checkboxes, which send nothing when none is ticked and one
 * value per tick.
 */
export function editFormShape(collection: Collection): FormShape {
  const columns = COLUMNS[collection];
  return {
    fields: columns.filter((c) => !(c.list && c.choices)).map((c) => c.key),
    multi: columns.filter((c) => c.list && c.choices).map((c) => c.key),
  };
}

/**
 * The edit page's data: the row as form values (or the defaults for `new`), whether it is retired, the
 * message the last save left (flash cookie, ADR 025), and for a space its verification state and the
 * open leads it is offered to. 404 for an unknown id.
 */
export async function inventoryEditLoader(collection: Collection, request: Request, id: string | undefined) {
  await requireAdmin(request);
  const lng = lngFromUrl(request.url);
  const { flash, headers } = await readFlash(request);
  const verifyDays = getWebEnv().SPACE_VERIFY_DAYS;
  if (id === "new")
    return data(
      {
        lng,
        collection,
        id: null,
        name: null,
        values: DEFAULTS[collection],
        maxLengths: textMaxLengths(collection),
        choices: collection === "spaces" ? await parkChoices(lng, null) : null,
        flash,
        verifyDays,
        space: null,
        retired: null,
        base: null,
      },
      { headers },
    );
  if (!id || !ID.test(id)) throw new Response("Not found", { status: 404 });
  const sql = getSql();
  const [row] = await loadDbRows(sql, collection, [id]);
  if (!row) throw new Response("Not found", { status: 404 });
  const value = fromDbRow(collection, row) as unknown as Record<string, unknown>;
  const space =
    collection === "spaces"
      ? { verification: await spaceVerification(sql, id, verifyDays), offered: await leadsOfferedSpace(sql, id) }
      : null;
  return data(
    withoutBidiControls({
      lng,
      collection,
      id,
      name: String(value.title ?? value.name ?? id),
      values: formValues(collection, value),
      maxLengths: textMaxLengths(collection),
      choices: collection === "spaces" ? await parkChoices(lng, String(value.parkId ?? "")) : null,
      flash,
      verifyDays,
      space,
      retired: await retiredState(sql, collection, id),
      base: baseOf(collection, row),
    }),
    { headers },
  );
}

/**
 * intent=save: the form checked by the import's schema (field errors → 400 with everything typed),
 * saved in one transaction, then 303 back to the row's page. intent=verify (spaces): "still
 * available" sets verified_at. Every post needs the admin session's CSRF token.
 */
export async function inventoryEditAction(collection: Collection, request: Request, id: string | undefined) {
  const lng = lngFromUrl(request.url);
  const form = await request.formData();
  const actor = inventoryActor(await requireAdminForm(request, form));
  const sql = getSql();
  const base = `/admin/${collection}`;
  if (form.get("intent") === "verify" && collection === "spaces" && id && ID.test(id)) {
    const done = await confirmSpaceAvailable(sql, id);
    if (!done) throw new Response("Not found", { status: 404 });
    const [row] = await loadDbRows(sql, "spaces", [id]);
    const title = String((row && (fromDbRow("spaces", row) as { title?: string }).title) ?? id);
    const text = inventoryText(lng, "verify.doneShort", { title });
    // The page's 仍可租售 posts the edit form (its button names that form): what was typed there and not
    // saved comes back typed, and the page says it was not saved (ADR 119) — never a redirect that
    // drops it (without JavaScript) or leaves it looking saved (with it).
    const unsaved = unsavedEdits(collection, form, lng);
    if (unsaved) {
      const result: SubmissionResult<string[]> = {
        status: "error",
        initialValue: unsaved.typed,
        error: { "": [inventoryText(lng, "verify.unsaved", { fields: unsaved.fields })] },
      };
      return data({ result, banner: null, verified: text, ...postedBase(form.get("base")) });
    }
    // Back to the stale list (a filter: state of the page, kept in the address) or to the space.
    const back = form.get("back") === "list" ? `${base}?stale=1` : `${base}/${id}`;
    return redirectWithFlash(request, lngHref(back, lng), { tone: "status", text });
  }
  const intent = form.get("intent");
  if (intent === "retire" || intent === "restore") return retireAction(collection, request, form, id, actor);
  const create = id === "new";
  if (!create && (!id || !ID.test(id))) throw new Response("Not found", { status: 404 });
  // An edit of a row that is not there is a 404, never a row created from its page's address.
  if (!create && (await loadDbRows(sql, collection, [id!])).length === 0) throw new Response("Not found", { status: 404 });
  // Only what the page's form sends (ADR 086): a field left out is not a field emptied, and one field twice is refused.
  const refused = formShapeRefusal(form, editFormShape(collection), lng);
  // A 400 keeps the base it was posted with (after a 409: the row as stored then), never the page's first.
  const kept = postedBase(form.get("base"));
  if (refused) return data({ result: refused, banner: null, ...kept }, { status: 400 });
  const submission = parseWithZod(form, { schema: inventoryFormSchema(collection, lng), disableAutoCoercion: true });
  if (submission.status !== "success") return data({ result: submission.reply(), banner: null, ...kept }, { status: 400 });
  const value = submission.value;
  if (!create && value.id !== id) throw new Response("Bad request: the id does not match the page", { status: 400 });
  const env = getWebEnv();
  try {
    const filledFrom = form.get("base");
    const loaded = decodeBase(filledFrom);
    const keys = COLUMNS[collection].map((c) => c.key);
    const lists = new Set(COLUMNS[collection].filter((c) => c.list && c.choices).map((c) => c.key));
    let conflicts: EditConflict[] = [];
    let stored: EditValues | null = null; // the row's values when the save was refused
    const schema = inventoryFormSchema(collection, lng);
    const merge = loaded
      ? (current: DbRow) => {
          // This tab's changes over the row as it is now: what it did not change keeps the other person's value.
          const now = rowValues(collection, current);
          stored = now;
          const merged = mergeEdit(keys, loaded, now, sentChoiceCodes(collection, sentValues(form, keys, lists)));
          conflicts = merged.conflicts;
          if (conflicts.length) return null;
          const again = parseWithZod(valuesAsForm(merged.values, { id: value.id }), { schema, disableAutoCoercion: true });
          if (again.status === "success") return again.value as typeof value;
          // Both changes are fine alone but not together (a cross-field rule): refused; a field both changed says
          // both values, the other person's other changes show as stored (afterRefusal), and saving again is judged by the rule.
          const mine = sentChoiceCodes(collection, sentValues(form, keys, lists));
          const theirs = new Set(changedKeys(keys, loaded, now));
          conflicts = changedKeys(keys, loaded, mine)
            .filter((k) => theirs.has(k))
            .map((k) => ({ field: k, theirs: now[k] ?? "", mine: mine[k] ?? "" }));
          return null;
        }
      : typeof filledFrom === "string" && filledFrom !== ""
        ? (current: DbRow) => (legacyFingerprint(collection, current) === filledFrom ? value : null)
        : undefined;
    const saved = await saveInventoryRow(sql, collection, value, {
      create,
      routing: { slaMinutes: env.ACCEPT_SLA_MINUTES, slaClock: env.SLA_CLOCK, noticeFallbackMs: 0 },
      merge,
    });
    if (!saved.ok && saved.reason === "changedMeanwhile") {
      // What was typed stays, each conflicting field says what the other person saved, and every field this
      // tab did not touch shows what is stored now, named in the form's message (ADR 092). The next base is
      // the row as stored: saving again writes exactly this tab's changes.
      const shown =
        loaded && stored ? afterRefusal(keys, loaded, stored, sentChoiceCodes(collection, sentValues(form, keys, lists))) : null;
      const reply = submission.reply({
        formErrors: [inventoryText(lng, "edit.changedMeanwhile"), ...updatedNote(collection, shown, lng)],
        fieldErrors: conflictErrors(collection, conflicts, lng),
      });
      const result = shown ? { ...reply, initialValue: { ...reply.initialValue, ...shown.values } } : reply;
      const next = shown ? encodeBase(shown.base) : baseOf(collection, saved.current);
      const changed = shown ? changedNotes(shown, lng, (k, v) => shownValue(collection, k, v, lng)) : {};
      return data({ result, banner: null, base: next, changed }, { status: 409 });
    }
    if (!saved.ok && saved.reason === "clash")
      return data(
        { result: submission.reply({ fieldErrors: { [saved.field]: [saved.message[lng]] } }), banner: null, ...kept },
        { status: 400 },
      );
    if (!saved.ok) {
      const field = saved.reason === "idTaken" ? "id" : collection === "spaces" ? "parkId" : "parks";
      const message = saved.reason === "idTaken" ? inventoryText(lng, "edit.idTaken") : inventoryText(lng, "edit.unknownPark");
      return data({ result: submission.reply({ fieldErrors: { [field]: [message] } }), banner: null, ...kept }, { status: 400 });
    }
    const said = inventoryText(
      lng,
      saved.outcome === "created" ? "edit.created" : saved.outcome === "updated" ? "edit.saved" : "edit.unchanged",
    );
    // A row retired meanwhile (another tab's 停用) is saved as typed and stays retired: said, not left to be noticed.
    const retired = saved.outcome === "updated" && (await retiredState(sql, collection, value.id))?.retired;
    // Days written in words (休假开始 "下周五") and a park's places by their short names say what they were read as.
    const typed = Object.fromEntries(COLUMNS[collection].map((c) => [c.key, form.get(c.key)]));
    const readings = cellReadings(collection, typed, value).map((d) => d.reason[lng]);
    const text = [
      said,
      ...readings,
      reroutedText(lng, saved.rerouted, saved.unassigned),
      retired ? inventoryText(lng, "edit.savedRetired") : "",
    ]
      .filter(Boolean)
      .join(" ");
    return redirectWithFlash(request, lngHref(`${base}/${encodeURIComponent(value.id)}`, lng), { tone: "status", text, form: "save" });
  } catch (error) {
    log.error("inventory save failed", { collection, error: errorMessage(error) });
    return data({ result: submission.reply(), banner: "edit.unavailable" as const, ...kept }, { status: 503 });
  }
}

/**
 * intent=retire (with the ticked confirmation; without it 400 and the message beside the box) or
 * intent=restore: one transaction (setRetired), then 303 back to the row's page with a flash. 404 for
 * an unknown row. The buttons post the edit form (docs/decisions/124, as 仍可租售 does, ADR 119): edits
 * typed there and not saved come back typed, said unsaved — with the refusal (400), or after the step
 * was done (200, the step's message in `retired`) — never a redirect that drops them.
 */
async function retireAction(collection: Collection, request: Request, form: FormData, id: string | undefined, actor: string) {
  const lng = lngFromUrl(request.url);
  if (!id || !ID.test(id)) throw new Response("Not found", { status: 404 });
  const unsaved = unsavedEdits(collection, form, lng);
  // The edit form as typed, its message saying what is not saved: handed back beside the step's answer.
  const edit: SubmissionResult<string[]> | undefined = unsaved
    ? { status: "error", initialValue: unsaved.typed, error: { "": [unsavedMessage(lng, unsaved.fields)] } }
    : undefined;
  const submission = parseWithZod(form, { schema: retireFormSchema(lng) });
  if (submission.status !== "success") {
    // Only the step's own field (a form of the step alone), not every field of the edit form it posted.
    const reply = submission.reply();
    const result = { ...reply, initialValue: { intent: String(form.get("intent") ?? "") } };
    return data({ result, edit, banner: null, form: "retire" as const, ...postedBase(form.get("base")) }, { status: 400 });
  }
  const retire = submission.value.intent === "retire";
  const sql = getSql();
  const env = getWebEnv();
  const done = await setRetired(sql, collection, id, retire, actor, {
    slaMinutes: env.ACCEPT_SLA_MINUTES,
    noticeFallbackMs: 0,
    slaClock: env.SLA_CLOCK,
  });
  if (!done.ok) throw new Response("Not found", { status: 404 });
  const [row] = await loadDbRows(sql, collection, [id]);
  const value = row ? (fromDbRow(collection, row) as unknown as { title?: string; name?: string }) : {};
  const name = String(value.title ?? value.name ?? id);
  const said = inventoryText(lng, !done.changed ? "retire.same" : retire ? "retire.done" : "retire.restored", { name });
  const text = [said, reroutedText(lng, done.rerouted, done.unassigned)].filter(Boolean).join(" ");
  if (edit) return data({ result: edit, banner: null, retired: text, ...postedBase(form.get("base")) });
  return redirectWithFlash(request, lngHref(`/admin/${collection}/${encodeURIComponent(id)}`, lng), {
    tone: "status",
    text,
    form: "retire",
  });
}
