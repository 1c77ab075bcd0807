import { z } from "zod";

import { isCalendarDay } from "~/domain/calendar-day";
import { cleanTyped } from "~/domain/format-chars";
import { type AdminOpsKey, opsText } from "~/i18n/admin-ops-messages";
import type { Lng } from "~/i18n/lng";

// The forms of /admin/leads and /admin/leads/<id> (ADR 028): one schema each, for the browser and the action.

export const LEAD_STATUSES = ["received", "indexed", "matched", "unmatched", "assigned", "won", "lost", "closed"] as const;
export const LEAD_CHANNELS = ["web", "api", "hotline"] as const;

/** The list's filters, read from the address (a GET form): anything malformed is dropped, never an error page. */
export const leadFilterSchema = z.object({
  q: z.string().overwrite(cleanTyped).max(100).optional().catch(undefined),
  status: z.enum(LEAD_STATUSES).optional().catch(undefined),
  park: z.string().overwrite(cleanTyped).max(100).optional().catch(undefined),
  section: z
    .string()
    .regex(/^[A-T]$/)
    .optional()
    .catch(undefined),
  channel: z.enum(LEAD_CHANNELS).optional().catch(undefined),
  // A day that does not exist (2026-13-01) is malformed too: dropped, never handed to Postgres.
  from: z.string().refine(isCalendarDay).optional().catch(undefined),
  to: z.string().refine(isCalendarDay).optional().catch(undefined),
  unmatched: z
    .literal("1")
    .optional()
    .catch(undefined)
    .transform((v) => v === "1"),
  breached: z
    .literal("1")
    .optional()
    .catch(undefined)
    .transform((v) => v === "1"),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export type LeadFilterInput = z.infer<typeof leadFilterSchema>;

/** Reads the filters from a URL's query (empty values are absent). */
export function readLeadFilters(url: URL): LeadFilterInput {
  const raw = Object.fromEntries([...url.searchParams.entries()].filter(([k, v]) => v !== "" && k !== "lng"));
  return leadFilterSchema.parse(raw);
}

/** One action on /admin/leads/<id>, told apart by the submit button's `intent`. */
export function leadActionSchema(lng: Lng) {
  const m = (k: AdminOpsKey, p?: Record<string, number>) => opsText(lng, k, p);
  const reason = z
    .string({ error: m("err.reasonRequired") })
    .overwrite(cleanTyped)
    .min(1, m("err.reasonRequired"))
    .max(500, m("err.tooLong", { max: 500 }));
  return z.discriminatedUnion("intent", [
    z.object({ intent: z.literal("rematch") }),
    z.object({
      intent: z.literal("assign"),
      target: z.string({ error: m("err.choose") }).regex(/^[^|]{1,100}\|[^|]{1,100}$/, m("err.choose")),
      why: reason,
    }),
    z.object({ intent: z.literal("reroute"), assignmentId: z.string({ error: m("err.choose") }).uuid(m("err.choose")) }),
    z
      .object({
        intent: z.literal("close"),
        as: z.enum(["spam", "duplicate"], { error: m("err.choose") }),
        duplicateOf: z.string().overwrite(cleanTyped).max(40).optional(),
        note: reason,
      })
      .superRefine((v, ctx) => {
        if (v.as === "duplicate" && !/^PM-\d{8}-\d{3,6}$/i.test(v.duplicateOf ?? ""))
          ctx.addIssue({ code: "custom", path: ["duplicateOf"], message: m("err.duplicateOf") });
      }),
  ]);
}
