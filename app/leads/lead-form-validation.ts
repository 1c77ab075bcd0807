import { parseWithZod } from "@conform-to/zod/v4";

import { type LeadChannel, leadSchema } from "~/domain/lead-schema";
import type { Lng } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { validationMessage } from "~/i18n/validation-messages";

// Readers the inquiry form's script uses once this chunk has come, kept out of its first load (ADR 041, 101):
// the money in the notes (the tax, budgets) for the live preview, and an "about" area box's reading.
export { extractMoney } from "~/domain/need-money";
export { areaAboutReading } from "~/leads/area-reading";
export { taxBoxReading } from "~/leads/tax-reading";

/**
 * The browser's live validation of a lead form, built from the one lead schema (app/domain/lead-schema.ts).
 * Loaded with `import()` after the page is up: it carries Zod and libphonenumber, which the form's first
 * load on a phone does not need (the server validates the same schema on submit).
 */
export function leadFormValidator(lng: Lng, channel: LeadChannel) {
  const schema = leadSchema(lng, channel);
  return (formData: FormData) => parseWithZod(formData, { schema, disableAutoCoercion: true });
}

/** Conform's submission for the lead form's current FormData (the browser's half of the one schema). */
export type LeadFormValidator = ReturnType<typeof leadFormValidator>;

/** The lead's own fields (the schema's), as the form names them: the ones a person fills in exactly once. */
const LEAD_FIELD = /^(?:(?:need|use|tax|company|contact)\.[A-Za-z]+|consent)$/;

/**
 * A lead field sent more than once (a tampered or scripted post, a browser extension that doubled a box)
 * is refused on that field, saying so and quoting the values, instead of the schema's bare "格式不正确"
 * for the list it received (ADR 102: refused, not the last one taken — which one was meant is the
 * sender's to say). The form comes back with the values joined in the box (components/forms.tsx), to
 * keep one. Other fields (the picker's, the submission key) are left to their readers.
 */
export function refuseFieldsSentTwice<S extends ReturnType<LeadFormValidator>>(submission: S, formData: FormData, lng: Lng): S {
  const fieldErrors: Record<string, string[]> = {};
  for (const name of new Set(formData.keys())) {
    const values = formData.getAll(name);
    if (values.length < 2 || !LEAD_FIELD.test(name)) continue;
    const shown = values.map((v) => `“${typeof v === "string" ? v.slice(0, 40) : ""}”`).join(punctuationMessages.t(lng, "list"));
    fieldErrors[name] = [validationMessage(lng, "sentTwice", { count: values.length, values: shown })];
  }
  if (Object.keys(fieldErrors).length === 0) return submission;
  return {
    status: "error",
    payload: submission.payload,
    error: { ...(submission.status === "error" ? submission.error : {}), ...fieldErrors },
    reply: (options?: Parameters<S["reply"]>[0]) =>
      submission.reply({
        ...options,
        fieldErrors: { ...fieldErrors, ...(options && "fieldErrors" in options ? options.fieldErrors : {}) },
      }),
  } as unknown as S;
}
