import { z } from "zod";

import { isCalendarDay } from "~/domain/calendar-day";
import { cleanTyped } from "~/domain/format-chars";
import { opsLabel, opsText } from "~/i18n/admin-ops-messages";
import type { Lng } from "~/i18n/lng";

import { adminChoice } from "./admin-choice";

// The calendar-override forms of /admin/office-hours (ADR 037). One page, three forms: the office hours,
// "add a day" and "remove a day"; the hidden `intent` says which (no intent = the office hours, as before).

export const OVERRIDE_NAME_MAX = 40;

const DAY_KINDS = ["off", "work"] as const;
/** A day's kind by its names in both languages (the form's labels) and the words of the State Council's notices. */
const kindWords = (kind: (typeof DAY_KINDS)[number], also: readonly string[]) => [
  opsLabel("zh", "cal.kind", kind),
  opsLabel("en", "cal.kind", kind).toLowerCase(),
  ...also,
];
const DAY_KIND_WORDS: Record<(typeof DAY_KINDS)[number], readonly string[]> = {
  off: kindWords("off", ["休息", "休息日", "放假日", "假日", "节假日", "holiday"]),
  work: kindWords("work", ["上班", "调休", "补班", "工作日", "working day", "workday"]),
};

/** Which of the page's forms was sent. */
export const officeHoursIntentSchema = z.object({ intent: z.enum(["hours", "override-add", "override-remove"]).default("hours") });

/** A calendar day `YYYY-MM-DD` that exists (no 2027-02-30), years 2000–2099. */
function daySchema(lng: Lng) {
  return z
    .string({ error: opsText(lng, "err.required") })
    .overwrite(cleanTyped)
    .refine((s) => /^20\d\d-/.test(s) && isCalendarDay(s), opsText(lng, "err.date"));
}

/**
 * "Add a day": `day` (YYYY-MM-DD), `kind` off | work, `name` (the holiday; required for a day off, at
 * most 40 characters). Out: `{ day, work, name }` with an empty name as null.
 */
export function calendarOverrideAddSchema(lng: Lng) {
  return z
    .object({
      intent: z.literal("override-add"),
      day: daySchema(lng),
      kind: adminChoice(DAY_KINDS, DAY_KIND_WORDS, opsText(lng, "err.choose")),
      name: z
        .string()
        .overwrite(cleanTyped)
        .max(OVERRIDE_NAME_MAX, opsText(lng, "err.tooLong", { max: OVERRIDE_NAME_MAX }))
        .optional(),
    })
    .refine((v) => v.kind === "work" || !!v.name, { path: ["name"], message: opsText(lng, "err.holidayName") })
    .transform((v) => ({ day: v.day, work: v.kind === "work", name: v.name || null }));
}

/** "Remove a day": the `day` (YYYY-MM-DD) whose override goes. */
export function calendarOverrideRemoveSchema(lng: Lng) {
  return z.object({ intent: z.literal("override-remove"), day: daySchema(lng) });
}
