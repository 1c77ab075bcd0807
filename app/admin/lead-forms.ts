import { z } from "zod";

import { isCalendarDay } from "~/domain/calendar-day";
import { type FilterNotice, quoteValue, searchWords, unknownFilterNotices } from "~/domain/filter-notices";
import { cleanTyped } from "~/domain/format-chars";
import { referenceOf } from "~/domain/reference-typed";
import { type AdminOpsKey, opsText } from "~/i18n/admin-ops-messages";
import type { Lng } from "~/i18n/lng";

// The forms of /admin/leads and /admin/leads/<id> (ADR 028): one schema each, for the browser and the action.

export const LEAD_STATUSES = ["received", "indexed", "matched", "unmatched", "assigned", "won", "lost", "closed"] as const;
export const LEAD_CHANNELS = ["web", "api", "hotline"] as const;

/**
 * The list's filters, read from the address (a GET form): a value that cannot be used is dropped, never
 * an error page — and never silently: readLeadListQuery names each one in a notice on the page.
 */
export const leadFilterSchema = z.object({
  q: z
    .string()
    .overwrite(cleanTyped)
    .overwrite((q) => searchWords(q).q)
    .optional()
    .catch(undefined),
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

/**
 * The list's query from its address: the filters it can use (`filters`), the search words as typed
 * (`typedQ`, for the search box: what was typed is never lost, even when only its first 100 characters
 * were searched with), and a notice for each value it could not use as given (`adjusted`). `parkIds`:
 * the parks there are — a park that is none of them is named and dropped (the select could not show it,
 * and the list would be silently empty under "all parks").
 */
export function readLeadListQuery(url: URL, parkIds?: readonly string[]) {
  const given = new Map<string, string>();
  const adjusted: FilterNotice[] = [];
  for (const [k, v] of url.searchParams.entries()) {
    if (k === "lng" || v === "") continue;
    // The same filter twice (a hand-made address): the last one counts, as the browser's form would send one.
    if (given.has(k) && given.get(k) !== v && k in leadFilterSchema.shape)
      adjusted.push({ key: "filter.adjusted.twice", params: { filter: k, value: quoteValue(v) } });
    given.set(k, v);
  }
  adjusted.push(...unknownFilterNotices(url.searchParams, Object.keys(leadFilterSchema.shape)));
  const filters = leadFilterSchema.parse(Object.fromEntries(given));
  const typedQ = given.get("q") ?? "";
  const dropped = (name: keyof LeadFilterInput, key: AdminOpsKey) => {
    const v = given.get(name);
    if (v !== undefined && (filters[name] === undefined || filters[name] === false))
      adjusted.push({ key, params: { value: quoteValue(v) } });
  };
  const cut = searchWords(typedQ).notice;
  if (filters.q !== undefined && cut) adjusted.push(cut);
  dropped("status", "filter.adjusted.status");
  dropped("park", "filter.adjusted.park");
  if (filters.park !== undefined && parkIds && !parkIds.includes(filters.park)) {
    adjusted.push({ key: "filter.adjusted.park", params: { value: quoteValue(filters.park) } });
    filters.park = undefined;
  }
  dropped("section", "filter.adjusted.section");
  dropped("channel", "filter.adjusted.channel");
  dropped("from", "filter.adjusted.from");
  dropped("to", "filter.adjusted.to");
  dropped("unmatched", "filter.adjusted.unmatched");
  dropped("breached", "filter.adjusted.breached");
  dropped("page", "filter.adjusted.page");
  // A range typed the wrong way round would select nothing: read it the right way round, and say so.
  if (filters.from && filters.to && filters.from > filters.to) {
    [filters.from, filters.to] = [filters.to, filters.from];
    adjusted.push({ key: "filter.adjusted.reversed", params: { from: filters.from, to: filters.to } });
  }
  return { filters, typedQ, adjusted };
}

/** Reads the filters from a URL's query (empty values are absent; what cannot be used is dropped). */
export function readLeadFilters(url: URL): LeadFilterInput {
  return readLeadListQuery(url).filters;
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
        if (v.as === "duplicate" && !referenceOf(v.duplicateOf ?? ""))
          ctx.addIssue({ code: "custom", path: ["duplicateOf"], message: m("err.duplicateOf") });
      }),
  ]);
}
