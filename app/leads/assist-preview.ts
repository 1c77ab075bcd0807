import { parseArea } from "~/domain/area";
import { readFieldNumber } from "~/domain/field-value";
import { ASSIST_FIELDS, assistFormField, planAssist, planHints } from "~/domain/need-assist";
import { describeNeedHints } from "~/domain/need-hints-text";
import { findPlaceMentions } from "~/domain/need-places";
import { aboutRange } from "~/domain/need-text";
import type { Lng } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { ui } from "~/i18n/ui-messages";

/**
 * The form's need fields that stop the assist from filling them when typed in (need-assist.ts: `filled`),
 * and the regions field, which stops the notes' places from filling it (note-regions.ts).
 */
export const ASSIST_FORM_FIELDS = [...ASSIST_FIELDS.map(assistFormField), "regions"];

/** The tax box (its full form name): typed in, the notes' tax does not fill it (`filled` may hold it beside ASSIST_FORM_FIELDS). */
export const TAX_FIELD = "tax.annualTaxWan";

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
 * `filled`: names from ASSIST_FORM_FIELDS with something typed (a ticked box counts), and TAX_FIELD when the
 * tax box holds something (a form with no tax box, the hotline's, never does); `kind` the need's
 * kind as chosen ("land" words the area for land). Worked out by the server render and, as the person
 * types, by the form's script (app/leads/inquiry-form-script.ts) — the same function for both.
 */
export function assistPreview(notes: string, filled: ReadonlySet<string>, lng: Lng, kind: string | undefined): AssistPreview {
  const plan = planAssist(notes, filled, new Date());
  const between = punctuationMessages.t(lng, "clauses");
  const places = filled.has("regions") ? [] : findPlaceMentions(notes).map((p) => p.text);
  // The tax the notes give fills a blank tax box (the hotline has none); budgets are read out, never stored as a field.
  const hints = { ...planHints(plan), ...(plan.tax && !filled.has(TAX_FIELD) ? { annualTaxWan: plan.tax.value } : {}) };
  const budget = plan.budget.map((f) => ui(lng, "need.budgetRead", { text: f.text }));
  return {
    understood: [...describeNeedHints(hints, lng, kind === "land" ? "land" : undefined), ...budget].join(between),
    unread: plan.unread.map((f) => f.text).join(between),
    places: places.length ? ui(lng, "need.placesToCheck", { places: places.join(punctuationMessages.t(lng, "list")) }) : "",
  };
}

/**
 * What the area boxes read when one of them holds a figure with a word of "about" and the other is blank
 * ("2000平左右", "约2000平", "两千平上下"): "面积“2000平左右”按约数读作 1800㎡–2200㎡（±10%）" — the range the
 * schema stores (area-bounds.ts resolveAreaBounds, ADR 101); "" otherwise. Shown beside the boxes by the
 * inquiry form (server render and script) and the hotline's phone form, so the reading is never silent.
 * A bare figure reads in the unit chosen (`unit`), as the schema reads it.
 */
export function areaAboutReading(min: string, max: string, unit: string, lng: Lng, kind: string | undefined): string {
  const typed = [min.trim(), max.trim()];
  if ((typed[0] === "") === (typed[1] === "")) return "";
  const box = typed[0] !== "" ? typed[0] : typed[1];
  const r = readFieldNumber(box, (s) => parseArea(s, unit === "mu" ? "mu" : "sqm"), typed[0] !== "" ? "min" : "max");
  if (!r.ok || !r.about) return "";
  const [lo, hi] = aboutRange(r.value);
  const [range] = describeNeedHints({ areaMinSqm: lo, areaMaxSqm: hi }, lng, kind === "land" ? "land" : undefined);
  return ui(lng, "need.areaAbout", { typed: box, range });
}
