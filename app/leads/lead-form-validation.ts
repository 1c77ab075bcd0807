import { parseWithZod } from "@conform-to/zod/v4";

import { type LeadChannel, leadSchema } from "~/domain/lead-schema";
import type { Lng } from "~/i18n/lng";

// Readers the inquiry form's script uses once this chunk has come, kept out of its first load (ADR 041, 101):
// the money in the notes (the tax, budgets) for the live preview, and an "about" area box's reading.
export { extractMoney } from "~/domain/need-money";
export { areaAboutReading } from "~/leads/area-reading";

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
