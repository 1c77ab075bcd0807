import { z } from "zod";

import { isCalendarDay } from "~/domain/calendar-day";
import { DECLINE_REASONS, LOST_REASONS } from "~/domain/close-reasons";
import { cleanTyped } from "~/domain/format-chars";
import { type DeskKey, deskText } from "~/i18n/desk-messages";
import type { Lng } from "~/i18n/lng";

// The recruiter desk's forms, one Zod schema each, shared by the page (Conform's client validation)
// and the action (issue 12; docs/decisions/030). No `.server`: the browser bundle uses them too.

/** The open view's statuses, oldest step first. */
export const OPEN_STATUSES = ["offered", "accepted", "contacted", "visit"] as const;
/** How an assignment left the recruiter: signed and lost stay theirs; withdrawn (need corrected) and parkRetired (the park retired, ADR 163) ended; declined and re-routed went to another recruiter. */
export const HISTORY_OUTCOMES = ["signed", "lost", "withdrawn", "parkRetired", "declined", "rerouted"] as const;
export const NEED_KIND_FILTERS = ["factory", "land", "office", "warehouse"] as const;

export const NOTE_MAX = 2000;
export const CLOSE_NOTE_MAX = 500;
export const QUERY_MAX = 100;

const DAY = 86_400_000;

/** A YYYY-MM-DD date within a year either side of `today` (YYYY-MM-DD, Asia/Shanghai). */
function dateField(lng: Lng, today: string) {
  const m = (key: DeskKey) => deskText(lng, key);
  return (
    z
      .string({ error: m("bad.date") })
      // One message a date: what is no day stops here (no second "enter a date", no range of a non-date).
      .refine(isCalendarDay, { message: m("bad.date"), abort: true })
      .refine((s) => Math.abs(Date.parse(`${s}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) <= 366 * DAY, {
        message: m("bad.dateRange"),
        abort: true,
      })
  );
}

/** Today in Asia/Shanghai as YYYY-MM-DD (the desk's calendar). */
export function shanghaiToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Every step the lead page posts, told apart by `intent`. `options.spaceIds`: the spaces a shortlist
 * may hold (the page's candidates); `today`: for date ranges.
 */
export function leadWorkSchema(lng: Lng, today: string) {
  const m = (key: DeskKey) => deskText(lng, key);
  const reason = <T extends readonly [string, ...string[]]>(list: T) =>
    z.object({
      reason: z.enum(list, { error: m("bad.reason") }),
      closeNote: z.string().overwrite(cleanTyped).max(CLOSE_NOTE_MAX, m("bad.closeNote")).optional(),
    });
  return z.discriminatedUnion("intent", [
    z.object({ intent: z.literal("accept") }),
    z.object({ intent: z.literal("contacted") }),
    z.object({ intent: z.literal("signed") }),
    z.object({ intent: z.literal("undo") }),
    z.object({ intent: z.literal("undoDecline") }),
    z.object({ intent: z.literal("lost") }).extend(reason(LOST_REASONS).shape),
    z.object({ intent: z.literal("decline") }).extend(reason(DECLINE_REASONS).shape),
    // A visit is recorded once it has happened (it moves the lead to 已考察 and counts in the dashboard's
    // 已考察 stage): a date after today (Asia/Shanghai) is a planned visit, which is a follow-up date.
    z.object({
      intent: z.literal("visit"),
      visitOn: dateField(lng, today).refine((s) => s <= today, m("bad.visitFuture")),
    }),
    // The next follow-up is a plan: a day before today is a slip of the date picker, not a plan.
    z.object({
      intent: z.literal("followUp"),
      followUpOn: dateField(lng, today)
        .refine((s) => s >= today, m("bad.followUpPast"))
        .optional(),
    }),
    z.object({
      intent: z.literal("note"),
      body: z
        .string({ error: m("bad.note") })
        .overwrite(cleanTyped)
        .min(1, m("bad.note"))
        .max(NOTE_MAX, m("bad.noteLong")),
    }),
    z.object({
      intent: z.literal("shortlist"),
      spaces: z.preprocess(
        (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
        z.array(z.string().min(1).max(100)).min(1, m("bad.spaces")).max(10, m("bad.spaces")),
      ),
      // Ticked: the recruiter shares a reserved space knowingly (createShortlist refuses one otherwise).
      reservedOk: z.literal("on").optional(),
    }),
  ]);
}
export type LeadWork = z.infer<ReturnType<typeof leadWorkSchema>>;
export type WorkIntent = LeadWork["intent"];

/** The /queue search and filters (GET). Values outside the lists are field errors, not silently ignored. */
export function deskFilterSchema(lng: Lng, options: { statuses: readonly string[]; parkIds: readonly string[]; kinds: readonly string[] }) {
  const m = (key: DeskKey) => deskText(lng, key);
  const oneOf = (list: readonly string[], key: DeskKey) =>
    z
      .string()
      .refine((v) => list.includes(v), m(key))
      .optional();
  return z.object({
    view: z.enum(["open", "history"], { error: m("bad.view") }).default("open"),
    q: z.string().overwrite(cleanTyped).max(QUERY_MAX, m("bad.q")).optional(),
    status: oneOf(options.statuses, "bad.status"),
    park: oneOf(options.parkIds, "bad.park"),
    kind: oneOf(options.kinds, "bad.kind"),
    due: z.literal("on", { error: m("bad.due") }).optional(),
    page: z.coerce
      .number({ error: m("bad.page") })
      .int(m("bad.page"))
      .min(1, m("bad.page"))
      .max(10_000, m("bad.page"))
      .default(1),
  });
}
