import type { SubmissionResult } from "@conform-to/react";

import { opsText } from "~/i18n/admin-ops-messages";
import type { Lng } from "~/i18n/lng";
import { afterRefusal, type EditConflict, type EditValues, encodeBase, isBlankValue } from "~/utils/edit-merge.server";

// The answer of an admin form (a staff account's role or link, the office hours) whose save was refused
// because another admin saved the same fields meanwhile — the same answer as the inventory's (ADR 092).

/**
 * The 409's Conform reply and next `base`: the form's message, "对方已保存为：X；本页为：Y" under each
 * conflicting field, the fields this form did not change showing what is stored now (named in a second
 * message and beside it: `changed`), this form's typing kept elsewhere; `base` is what is stored now. `label(key)` names a field,
 * `shown(key, value)` says a value as the admin reads it (a role's label); blank reads "（空）".
 */
/**
 * The note beside each field that another person changed meanwhile and this tab did not (ADR 092): field
 * name → "对方已改为：X" / "Changed by someone else to: X", X as `text` says the stored value. The form's
 * fields show it under their label and name it in aria-describedby (components/forms.tsx ChangedMeanwhile);
 * a field both changed has its own message (err.theirs) instead. Every edit form with a `base` answers
 * its 409 with these, `{}` when the other person changed only fields this tab changed too.
 */
export function changedNotes(
  after: { updated: readonly string[]; values: EditValues },
  lng: Lng,
  text: (key: string, value: string | string[]) => string,
): Record<string, string> {
  return Object.fromEntries(after.updated.map((k) => [k, opsText(lng, "err.changedTo", { value: text(k, after.values[k] ?? "") })]));
}

/**
 * The `base` an answer to a refused post (a 400: bad input, a field sent twice) hands back: the one the
 * form was posted with. After a 409 that is the row as stored then; a 400 that rendered the page's first
 * base instead made the next save be refused again for the same change (found 2026-12-04).
 */
export function postedBase(value: unknown): { base?: string } {
  return typeof value === "string" && value !== "" ? { base: value } : {};
}

export function adminEditRefusal(
  reply: (options: { formErrors: string[]; fieldErrors: Record<string, string[]> }) => SubmissionResult<string[]>,
  edit: { keys: readonly string[]; base: EditValues; current: EditValues; sent: EditValues; conflicts: EditConflict[] },
  say: { lng: Lng; label: (key: string) => string; shown?: (key: string, value: string) => string },
): { result: SubmissionResult<string[]>; base: string; changed: Record<string, string> } {
  const { lng } = say;
  const text = (key: string, v: string | string[] | undefined) =>
    isBlankValue(v) ? opsText(lng, "err.blank") : (say.shown?.(key, String(v)) ?? String(v));
  const after = afterRefusal(edit.keys, edit.base, edit.current, edit.sent);
  const updated = after.updated.map((k) => `${say.label(k)}${lng === "zh" ? "：" : ": "}${text(k, after.values[k])}`);
  const result = reply({
    formErrors: [
      opsText(lng, "err.changedMeanwhile"),
      ...(updated.length ? [opsText(lng, "err.updatedMeanwhile", { fields: updated.join(lng === "zh" ? "；" : "; ") })] : []),
    ],
    fieldErrors: Object.fromEntries(
      edit.conflicts.map((c) => [c.field, [opsText(lng, "err.theirs", { theirs: text(c.field, c.theirs), mine: text(c.field, c.mine) })]]),
    ),
  });
  return {
    result: { ...result, initialValue: { ...result.initialValue, ...after.values } },
    base: encodeBase(after.base),
    changed: changedNotes(after, lng, text),
  };
}
