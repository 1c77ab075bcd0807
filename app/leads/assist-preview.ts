import { ASSIST_FIELDS, assistFormField, planAssist, planHints } from "~/domain/need-assist";
import { describeNeedHints } from "~/domain/need-hints-text";
import type { Lng } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";

/** The form's need fields that stop the assist from filling them when typed in (need-assist.ts: `filled`). */
export const ASSIST_FORM_FIELDS = ASSIST_FIELDS.map(assistFormField);

/** The assist's preview under the notes: "understood" and "unread", each one line of text, "" when empty. */
export type AssistPreview = { understood: string; unread: string };

/**
 * What the inquiry form shows under the notes: exactly what the schema will store from them (the one rule
 * in app/domain/need-assist.ts), never more — no kind or deal, nothing for a field the person filled in.
 * `filled`: names from ASSIST_FORM_FIELDS with something typed (a ticked box counts); `kind` the need's
 * kind as chosen ("land" words the area for land). Worked out by the server render and, as the person
 * types, by the form's script (app/leads/inquiry-form-script.ts) — the same function for both.
 */
export function assistPreview(notes: string, filled: ReadonlySet<string>, lng: Lng, kind: string | undefined): AssistPreview {
  const plan = planAssist(notes, filled, new Date());
  const between = punctuationMessages.t(lng, "clauses");
  return {
    understood: describeNeedHints(planHints(plan), lng, kind === "land" ? "land" : undefined).join(between),
    unread: plan.unread.map((f) => f.text).join(between),
  };
}
