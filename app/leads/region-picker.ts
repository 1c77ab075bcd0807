import type { Lng } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";

// The region picker's names and its one text rule, shared by the form's server render, its action (the
// picker without JavaScript) and the form's small script (app/leads/inquiry-form-script.ts). No React here:
// the script imports this module and must stay small.

export const REGION_INTENT = "regionIntent";
/**
 * The form's step that stores nothing and answers with the form filled from what was sent: the overload
 * page's "back to the form" (app/http/form-shed.server.ts, ADR 102). Sent as the REGION_INTENT field.
 */
export const RESTORE_INTENT = "restore";
/**
 * The form's step that stores nothing and answers with the form filled from what was sent, in the other
 * language: the header's language switch on the form (components/public-header.tsx, ADR 149). The consent
 * is not carried over: the notice is read again in the new language.
 */
export const SWITCH_INTENT = "switchLanguage";
export const PICKER_FIELDS = {
  province: "regionPicker.province",
  city: "regionPicker.city",
  district: "regionPicker.district",
  search: "regionPicker.search",
  /** A suggestion's button after a name that did not resolve (its value: the division's full name). */
  suggestion: "regionPicker.suggestion",
} as const;

/**
 * A suggestion's button under the regions box after a submit it refused (ADR 140): its value is the box's text with
 * the name replaced. Without JavaScript it submits and the form comes back with the box so and everything else as
 * typed (nothing stored); the form's script puts the value in the box without a submit.
 */
export const REGION_FIX = "regionFix";
/**
 * The names of the notes several places share that the form has asked about (ADR 154), one a line: the submit that carries
 * them is not held to ask again. Set by the server's answer that asked and by the form's script when its preview asked.
 */
export const PLACES_ASKED = "placesAsked";

/** A suggestion under the regions box: what the button says and the box's text it gives. */
export type RegionFix = { label: string; value: string };

/** Where the picker says why a searched name was not added (the server's render and the form's script fill it). */
export const PROBLEM_ID = "region-problem";

/** Why the picker's search text was not added: the regions field's message, and the resolver's suggestions to add instead. */
export type PickProblem = { message: string; suggestions: { path: string; label: string }[] };

/**
 * What a search suggestion's button says: the path that is added, or — where the list gives a label of its
 * own (English pages, zones) — the label, with the path after it only when the label does not already
 * hold it. A zone's label is its name and districts ("南京江北新区（在浦口区、栖霞区、六合区）"): its name
 * once, not again after it (ADR 118).
 */
export function foundText(d: { name: string; label?: string; path: string }): string {
  if (!d.label || d.label === d.name) return d.path;
  return d.label.includes(d.path) ? d.label : `${d.label} · ${d.path}`;
}

/** The regions text with one more entry (not repeated), separated as the person would: 、 or , */
export function appendRegion(text: string, path: string, lng: Lng): string {
  const parts = text
    .split(/[,，、;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.includes(path)) return parts.join(punctuationMessages.t(lng, "list"));
  return [...parts, path].join(punctuationMessages.t(lng, "list"));
}
