import type { SubmissionResult } from "@conform-to/react";
import { z } from "zod";

import { NOTES_MAX } from "~/domain/field-limits";
import { fold } from "~/domain/fold-text";
import { AREA_UNITS, choiceCode, NEED_DEALS, NEED_KINDS } from "~/domain/lead-fields";
import { createLeadSchema, type Lead } from "~/domain/lead-schema";
import { assistFormField, planAssist, planHints } from "~/domain/need-assist";
import { storedCorrections } from "~/domain/need-corrections";
import { describeNeedHints } from "~/domain/need-hints-text";
import { extractMoney } from "~/domain/need-money";
import { hotlineText } from "~/i18n/hotline-messages";
import type { Lng } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { ui } from "~/i18n/ui-messages";
import { ASSIST_FORM_FIELDS } from "~/leads/assist-preview";

// A stored lead's need corrected by staff on a call — the hotline agent (/hotline/leads/<id>) or the
// recruiter holding the lead (/queue/assignments/<id>/need): one form, one reading (the one lead schema,
// channel hotline), one save (need-edit.server.ts). Browser-safe: the form validates with the same schema.

/** The need form's fields, by their form names. */
export const NEED_KEYS = [
  ...["kind", "deal", "areaUnit", "areaMin", "areaMax", "unitCount", "regions", "moveInBy", "ceilingMinM", "floorLoadMinKg"].map(
    (k) => `need.${k}`,
  ),
  ...["powerMinKva", "craneMinT", "singleStorey", "notes"].map((k) => `need.${k}`),
  "use.industry",
  "use.product",
];

/** The form as Conform sees it (every field typed text): the shape of the hotline's phone-lead form. */
export type NeedTyped = {
  need: Record<string, string>;
  use: Record<string, string>;
  tax: Record<string, string>;
  company: Record<string, string>;
  contact: Record<string, string>;
  consent: string;
};

/** A stored lead's need as the form's typed text (areas in the unit it was asked in). */
export function needAsTyped(lead: Lead): NeedTyped {
  const n = lead.need as Lead["need"] & Record<string, unknown>;
  const s = (v: unknown) => (v === undefined || v === null ? "" : String(v));
  return {
    need: {
      kind: s(n.kind),
      deal: s(n.deal),
      areaUnit: s(n.areaUnit),
      areaMin: s(n.areaMin),
      areaMax: s(n.areaMax),
      unitCount: s(n.unitCount),
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

/**
 * The one lead schema (channel hotline) reading only the need and use fields of this form: the stored
 * company and contact (in the browser, stand-ins) complete the lead, and consent was recorded when the
 * lead was taken. `keepBlank`: the need fields the notes may not fill (emptied on purpose, ADR 091).
 */
export function needOnlySchema(
  lng: Lng,
  lead: Lead | null,
  keepBlank: readonly string[] = [],
  newer?: { text: string; over: ReadonlySet<string> } | null,
) {
  return z.preprocess(
    (payload) => ({
      ...(payload as Record<string, unknown>),
      company: { name: lead?.company.name || "—", creditCode: lead?.company.creditCode },
      contact: { name: lead?.contact.name || "—", phone: lead?.contact.phone || "13800000000" },
      consent: true,
    }),
    createLeadSchema(lng, "hotline", {
      keepBlank: new Set(keepBlank.filter((f) => !newer?.over.has(f))),
      ...(newer ? { newerNotes: newer } : {}),
      ...(lead ? { loadedDeal: lead.need.deal, dealCorrected: storedCorrections(lead.need).some((c) => c.field === "need.deal") } : {}),
    }),
  );
}

/** The need boxes the notes' added text may set over what was loaded (the notes' places fill only a blank regions box). */
const NEWER_BOXES = ASSIST_FORM_FIELDS.filter((f) => f !== "regions");

/**
 * The text added to the notes in an edit (docs/decisions/109): what the sent notes hold beyond the loaded
 * ones — the common start and end taken off, widened to whole clauses, so a figure changed inside a
 * clause ("要5000平" → "要3000平") is read with its words. "" when nothing was added.
 */
export function addedNotes(loaded: string, sent: string): string {
  // Notes longer than the box holds are refused by the schema: not read here either (the edges' pattern is quadratic
  // in a run of marks that does not end the text; attack37, ADR 171).
  if (sent.length > NOTES_MAX) return "";
  let start = 0;
  while (start < loaded.length && start < sent.length && loaded[start] === sent[start]) start++;
  let tail = 0;
  while (tail < loaded.length - start && tail < sent.length - start && loaded[loaded.length - 1 - tail] === sent[sent.length - 1 - tail])
    tail++;
  let end = sent.length - tail;
  if (end <= start) return "";
  // Mid-clause (a figure changed inside it), the clause is taken whole; at a clause's edge, nothing more.
  const inside = (i: number) => i > 0 && i < sent.length && !CLAUSE_MARK.test(sent[i - 1]) && !CLAUSE_MARK.test(sent[i]);
  while (inside(start)) start--;
  while (inside(end)) end++;
  return sent.slice(start, end).replace(EDGES, "");
}
/** One clause mark; the marks and spaces at the ends of an added text. */
const CLAUSE_MARK = /[，。；;,!?！？、\n]/;
const EDGES = /^[\s，。；;,!?！？、]+|[\s，。；;,!?！？、]+$/g;

/**
 * The notes' text added in this edit and the boxes it may set: those whose value is sent as it was loaded
 * (`loaded` and `sent` by form name, "need.areaMin"). A box the person changed wins over the notes; the
 * added text sets a box left as loaded, blank or not — it is what the enterprise says now. Null when no
 * text was added (or nothing was loaded: a first intake reads its notes as ever).
 */
export function newerNotes(
  loaded: Record<string, unknown> | null,
  sent: Record<string, unknown>,
): { text: string; over: Set<string>; kind?: string; countLoaded?: true } | null {
  if (!loaded) return null;
  const text = (v: unknown) => (Array.isArray(v) ? String(v[0] ?? "") : v === undefined || v === null ? "" : String(v)).trim();
  const added = addedNotes(text(loaded["need.notes"]), text(sent["need.notes"]));
  if (!added) return null;
  // Only the boxes the added text names: a box left blank as loaded that it does not name stays as it was
  // (emptied on purpose in an earlier edit, ADR 091 — "吊车10吨" added must not refill 层高 from old notes).
  // The kind as sent: an area the added text ties to another use names no area box (docs/decisions/112).
  const kind = text(sent["need.kind"]) || undefined;
  const named = new Set(planAssist(added, new Set(), new Date(), [extractMoney], kind).fills.map((f) => assistFormField(f.field)));
  // The area as one, its unit count with it (docs/decisions/130).
  if (named.has("areaMin") || named.has("areaMax")) ["areaMin", "areaMax", "unitCount"].forEach((f) => named.add(f));
  return {
    text: added,
    ...(kind ? { kind } : {}),
    over: new Set(NEWER_BOXES.filter((f) => named.has(f) && text(loaded[`need.${f}`]) === text(sent[`need.${f}`]))),
    // A count loaded in its box, which the added text's area without a count clears (docs/decisions/133).
    ...(text(loaded["need.unitCount"]) !== "" ? { countLoaded: true as const } : {}),
  };
}

/**
 * What the notes' added text sets (docs/decisions/109), in the staff's words ("面积 2700㎡–3300㎡；层高 ≥ 10 m"),
 * and whether it gives the tax (which then replaces the stored one). The desk's form shows the same before
 * saving (PhoneLeadNeed's `loaded`); the saved flash says it again.
 */
export function newerRead(
  lng: Lng,
  newer: { text: string; over: ReadonlySet<string>; kind?: string; countLoaded?: true },
): { text: string; tax: boolean } {
  const plan = planAssist(
    newer.text,
    new Set(ASSIST_FORM_FIELDS.filter((f) => !newer.over.has(f))),
    new Date(),
    [extractMoney],
    newer.kind,
  );
  const hints = { ...planHints(plan), ...(plan.tax ? { annualTaxWan: plan.tax.value } : {}) };
  const said = describeNeedHints(
    hints,
    lng,
    NEED_KINDS.find((k) => k === newer.kind),
  );
  // The loaded count goes with the old area when the added text's area says none (the schema drops it, docs/decisions/133).
  const areaFilled = plan.fills.some((f) => f.field === "areaMinSqm" || f.field === "areaMaxSqm");
  if (newer.countLoaded && newer.over.has("unitCount") && areaFilled && !plan.fills.some((f) => f.field === "unitCount"))
    said.push(hotlineText(lng, "editNeed.countCleared"));
  return { text: said.join(punctuationMessages.t(lng, "clauses")), tax: plan.tax !== undefined };
}

/** One need field's value as staff read it: a choice's label, "(blank)". */
export function shownNeedValue(lng: Lng, key: string, v: string | string[]): string {
  const text = Array.isArray(v) ? v.join("、") : v.trim();
  if (!text) return hotlineText(lng, "editNeed.blank");
  // A choice by its label — as the schema reads it ("租", "Lease" are lease); one it does not read, as typed (attack40 #2).
  const choices = NEED_CHOICES[key];
  if (choices) {
    if (fold(text).trim() === "") return hotlineText(lng, "editNeed.blank");
    const code = choiceCode(choices, text, fold);
    return code ? ui(lng, `${key}.${code}` as never) : text;
  }
  if (key === "need.singleStorey") return hotlineText(lng, "editNeed.ticked");
  return text;
}

/** The need form's choice boxes and their codes. */
const NEED_CHOICES: Partial<Record<string, readonly string[]>> = {
  "need.kind": NEED_KINDS,
  "need.deal": NEED_DEALS,
  "need.areaUnit": AREA_UNITS,
};

/**
 * A posted need form's values with each choice box as its code when the schema reads it so ("租" → lease), as it is
 * otherwise: a choice spelt another way is no change over the stored one, and is merged and said by its code.
 */
export function sentChoicesAsCodes(sent: Record<string, string | string[]>): Record<string, string | string[]> {
  const out = { ...sent };
  for (const [key, choices] of Object.entries(NEED_CHOICES)) {
    const v = out[key];
    // Invisible characters only are a box left blank, as the schema reads it.
    if (typeof v === "string" && choices) out[key] = fold(v).trim() === "" ? "" : (choiceCode(choices, v, fold) ?? v);
  }
  return out;
}

/** The answer to a need form that was not saved. `base`: the next one (a 409) or the one posted (a 400); `changed`: a 409's notes beside the fields another person changed. */
export type NeedAnswer = { form: "need"; result: SubmissionResult<string[]>; base?: string; changed?: Record<string, string> };
