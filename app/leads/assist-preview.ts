import { ASSIST_FIELDS, assistFormField, planAssist, planHints } from "~/domain/need-assist";
import { describeNeedHints } from "~/domain/need-hints-text";
import { findPlaceMentions } from "~/domain/need-places";
import type { Lng } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { ui } from "~/i18n/ui-messages";

/**
 * The form's need fields that stop the assist from filling them when typed in (need-assist.ts: `filled`),
 * and the regions field, which stops the notes' places from filling it (note-regions.ts).
 */
export const ASSIST_FORM_FIELDS = [...ASSIST_FIELDS.map(assistFormField), "regions"];

/**
 * The assist's preview under the notes, each one line of text, "" when empty: "understood" and "unread"
 * (the figures), and "places" — the places named in the notes, to be checked on sending.
 */
export type AssistPreview = { understood: string; unread: string; places: string };

/**
 * What the inquiry form shows under the notes: exactly what the schema will store from them (the one rule
 * in app/domain/need-assist.ts), never more — no kind or deal, nothing for a field the person filled in.
 * Places are the exception the browser cannot settle: which division a place names needs the server's
 * resolver (note-regions.ts), so "places" names them with the rule that decides on sending, and only
 * while the regions field is blank (the rule's first condition). The hotline desk replaces that line
 * with the server's answer (app/hotline/desk.server.ts notesPlaces).
 * `filled`: names from ASSIST_FORM_FIELDS with something typed (a ticked box counts); `kind` the need's
 * kind as chosen ("land" words the area for land). Worked out by the server render and, as the person
 * types, by the form's script (app/leads/inquiry-form-script.ts) — the same function for both.
 */
export function assistPreview(notes: string, filled: ReadonlySet<string>, lng: Lng, kind: string | undefined): AssistPreview {
  const plan = planAssist(notes, filled, new Date());
  const between = punctuationMessages.t(lng, "clauses");
  const places = filled.has("regions") ? [] : findPlaceMentions(notes).map((p) => p.text);
  return {
    understood: describeNeedHints(planHints(plan), lng, kind === "land" ? "land" : undefined).join(between),
    unread: plan.unread.map((f) => f.text).join(between),
    places: places.length ? ui(lng, "need.placesToCheck", { places: places.join(punctuationMessages.t(lng, "list")) }) : "",
  };
}
