import { z } from "zod";

import { fold } from "~/domain/fold-text";
import { choiceCode } from "~/domain/lead-fields";

// An admin form's choice (a role, a calendar day's kind) as it arrives: its code, or a word it goes by.

/** No choice is spelt in more than a few words: a longer text is refused as typed, unread (as the lead's, ADR 171). */
const CHOICE_TEXT_MAX = 40;

/**
 * One of `values`, read by the one choice reader (lead-fields.ts `choiceCode`): its code in any case or width, or a word
 * of `words` ("招商专员", "Recruiter", "放假") — so a select posting a label, a script or an older page sending the
 * word, is the code, and a save's merge compares codes (a word for the stored code was a "changed meanwhile" nobody
 * caused: forms41). Anything else is refused with `error`.
 */
export function adminChoice<T extends readonly [string, ...string[]]>(
  values: T,
  words: Readonly<Record<T[number], readonly string[]>>,
  error: string,
) {
  return z.preprocess(
    (v) => (typeof v === "string" && v.length <= CHOICE_TEXT_MAX ? (choiceCode(values, v, fold, words) ?? v) : v),
    z.enum(values, { error }),
  );
}
