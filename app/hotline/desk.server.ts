import { getSql } from "~/db/db.server";
import { isEmptyCallerQuery, readCallerQuery } from "~/domain/caller-query";
import { cleanTyped } from "~/domain/format-chars";
import { leadFlags } from "~/domain/lead-flags";
import { leadSchema, regionProblemMessage, splitRegions } from "~/domain/lead-schema";
import type { MatchNeed } from "~/domain/matching/types";
import { describeNoteRegions, planNoteRegions } from "~/domain/note-regions";
import { normalizePhone } from "~/domain/phone";
import { describeFlag } from "~/i18n/flag-messages";
import type { Lng } from "~/i18n/lng";
import type { PlaceChoice } from "~/leads/assist-preview";
import { notRead } from "~/leads/lead-view.server";
import type { RegionFix } from "~/leads/region-picker";
import { notesPlaceChoices, regionFixes } from "~/leads/region-picker.server";
import { errorMessage, log } from "~/utils/log.server";

import { type CallerLead, findCallers } from "./caller-search.server";
import { type DryRunMatch, dryRunMatches, type DryRunNearMiss } from "./dry-run.server";
import { getDeskSearch } from "./search.server";

// The two live answers of the desk, shared by the resource routes (with JavaScript, as the agent
// types) and the desk's own action (without JavaScript, a "show matches" submit): "who is calling?"
// and "which spaces fit?". Both read only; neither stores anything.

type Payload = Record<string, unknown> & { need?: unknown; company?: Record<string, unknown>; contact?: Record<string, unknown> };

/** Stand-ins for the parts a preview does not need, so the one lead schema can read the need alone. */
const PREVIEW_STAND_INS = { company: { name: "preview" }, contact: { name: "preview", phone: "13800000000" }, consent: true };

/**
 * The need as the one lead schema (channel hotline) reads it, without company/contact/consent — or why
 * not: no kind chosen yet ("hint"), or a need field the agent must fix first ("fix"). `regionProblems`:
 * the regions typed that did not resolve, in the schema's words with its suggestions ("lishui" is 丽水 or
 * 溧水), whatever the state — the desk says so while the caller is still on the line, not at the save.
 */
export function needForPreview(
  payload: Payload,
  lng: Lng,
): { ok: true; need: MatchNeed; areaChecks: string[] } | { ok: false; state: "hint" | "fix"; regionProblems: string[] } {
  const parsed = leadSchema(lng, "hotline").safeParse({ ...payload, ...PREVIEW_STAND_INS });
  if (parsed.success) {
    // The flags with the need: the places the notes rule out are never offered under 只差一点 (docs/decisions/158).
    const { need, use, tax, flags } = parsed.data.lead;
    return { ok: true, need: { need, use, tax, flags }, areaChecks: areaChecksOf(parsed.data.lead, lng) };
  }
  const regionProblems = parsed.error.issues.filter((i) => i.path.join(".") === "need.regions").map((i) => i.message);
  const kind = (payload.need as Record<string, unknown> | undefined)?.kind;
  return { ok: false, state: typeof kind !== "string" || kind === "" ? "hint" : "fix", regionProblems };
}

/**
 * The flags the save will put on the wanted area (an area implausible for the kind) and on every box the
 * notes contradict (notesDiffer: the area, the ceiling, the move-in month … lead-schema.ts, ADR 101), and units of
 * different sizes read from the notes (unitSizesDiffer: the window the matches are judged in, docs/decisions/147), as
 * sentences: the desk shows them while the caller can still be asked ("5000 亩 of factory — or 5000 ㎡?"),
 * not only to the recruiter afterwards.
 */
function areaChecksOf(lead: unknown, lng: Lng): string[] {
  // Units of different sizes (docs/decisions/147): the matches' "单栋…在需求 3000–5000㎡ 内" is that window, not a size said.
  return leadFlags(lead)
    .filter((f) => f.field.startsWith("need.area") || f.code === "notesDiffer" || f.code === "unitSizesDiffer")
    .map((f) => describeFlag(lng, f));
}

/**
 * What the save will do with the places in the notes (note-regions.ts, the rule the schema applies), as
 * the lines under the notes: `notes` is the notes text this was worked out for (the desk shows the
 * lines only while the box still holds it), `understood` the districts filled, `unread` the places not.
 */
export type NotesPlaces = { notes: string; understood: string; unread: string };

/**
 * `regionProblems` only when a typed region did not resolve (see needForPreview); `places` whenever the
 * notes were sent; `nearMisses` with the dry run's answer ("done").
 */
export type PreviewAnswer = {
  state: "hint" | "fix" | "unavailable" | "done";
  matches: DryRunMatch[];
  nearMisses?: DryRunNearMiss[];
  regionProblems?: string[];
  /** The regions box with each refused name replaced by one of the resolver's suggestions, to take with one press (ADR 140). */
  regionFixes?: RegionFix[];
  places?: NotesPlaces;
  /**
   * The notes' places that name several places each, the regions box blank ("鼓楼", "Lishui"): asked, a button per place that puts
   * it in the regions box — as the inquiry form asks (ADR 154; docs/decisions/161: the desk told the names to add instead).
   */
  placeChoices?: PlaceChoice[];
  /** The area's flags as sentences (areaChecksOf), while the need reads. */
  areaChecks?: string[];
  /**
   * The clauses of the notes no reader takes ("要有月台", "双回路供电"), as the confirmation page and the recruiter get them after
   * the save (lead-view.server.ts notRead, ADR 133, 159): said while the caller is on the line (docs/decisions/168). Absent when none.
   */
  notRead?: string[];
};

/** The places of the notes as the save will take them, whatever else the form holds. */
export function notesPlaces(payload: Payload, lng: Lng): NotesPlaces | undefined {
  const need = (payload.need ?? {}) as Record<string, unknown>;
  if (typeof need.notes !== "string") return undefined;
  const regions = splitRegions(need.regions);
  const plan = planNoteRegions(cleanTyped(need.notes), Array.isArray(regions) ? (regions as string[]) : [""]);
  if (!plan) return undefined;
  return { notes: need.notes, ...describeNoteRegions(plan, lng, (p) => regionProblemMessage(lng, p)) };
}

/** The questions for the notes' places several places share (region-picker.server.ts notesPlaceChoices), the regions box blank. */
function notesChoices(payload: Payload, lng: Lng): PlaceChoice[] {
  const need = (payload.need ?? {}) as Record<string, unknown>;
  if (typeof need.notes !== "string" || (typeof need.regions === "string" && need.regions.trim() !== "")) return [];
  if (Array.isArray(need.regions) && need.regions.some((r) => typeof r === "string" && r.trim() !== "")) return [];
  return notesPlaceChoices(cleanTyped(need.notes), lng);
}

/**
 * The notes' clauses no reader takes, by THE function the confirmation page and the staff pages use (lead-view.server.ts
 * notRead): on the need as the schema read it and its flags when the need reads, else on the notes, kind and regions as typed
 * (no kind chosen yet: the clauses are said all the same). [] without notes.
 */
function notesNotReadNow(payload: Payload, read: ReturnType<typeof needForPreview>): string[] {
  if (read.ok) return notRead(read.need.need as Record<string, unknown>, read.need.flags ?? [], new Date());
  const need = (payload.need ?? {}) as Record<string, unknown>;
  if (typeof need.notes !== "string" || need.notes.trim() === "") return [];
  const regions = splitRegions(need.regions);
  return notRead({ notes: cleanTyped(need.notes), kind: need.kind, regions: Array.isArray(regions) ? regions : [] }, [], new Date());
}

/** The match preview (dry run) for what is typed so far; a search or database failure is "unavailable", never an error page. */
export async function previewMatches(payload: Payload, lng: Lng, verifyDays: number): Promise<PreviewAnswer> {
  const read = needForPreview(payload, lng);
  const places = notesPlaces(payload, lng);
  const choices = notesChoices(payload, lng);
  const unsaid = notesNotReadNow(payload, read);
  const extra: Pick<PreviewAnswer, "places" | "placeChoices" | "areaChecks" | "notRead"> = {
    ...(places ? { places } : {}),
    ...(choices.length ? { placeChoices: choices } : {}),
    ...(unsaid.length ? { notRead: unsaid } : {}),
  };
  if (!read.ok) {
    if (!read.regionProblems.length) return { state: read.state, matches: [], ...extra };
    const box = (payload.need as Record<string, unknown> | undefined)?.regions;
    const fixes = typeof box === "string" ? regionFixes(box, lng) : [];
    return {
      state: read.state,
      matches: [],
      ...extra,
      regionProblems: read.regionProblems,
      ...(fixes.length ? { regionFixes: fixes } : {}),
    };
  }
  if (read.areaChecks.length) extra.areaChecks = read.areaChecks;
  try {
    const { search, spacesIndex } = getDeskSearch();
    const found = await dryRunMatches({ sql: getSql(), search, spacesIndex, verifyDays }, read.need);
    return { state: "done", ...found, ...extra };
  } catch (error) {
    log.warn("hotline match preview failed", { error: errorMessage(error), cause: errorMessage((error as Error).cause) });
    return { state: "unavailable", matches: [], ...extra };
  }
}

/**
 * `more`: how many leads match besides those listed (the agent is asked to type more), when any;
 * `partial`: only the whole number and credit code could be looked up (the search index is down).
 */
export type CallerAnswer = { state: "typing" | "unavailable" | "done"; leads: CallerLead[]; more?: number; partial?: true };

const text = (v: unknown) => (typeof v === "string" ? v : "");

/**
 * The four boxes a caller lookup reads, from the desk's posted form (`contact.phone`, `contact.name`, `company.name`,
 * `company.creditCode`): each as sent when sent once as text, else "". Nothing else of the form is read — the lead
 * schema is not built nor run (its notes readers are the match preview's work) for a lookup made at each keystroke
 * (attack of 12-06, ADR 178).
 */
export function callerBoxes(form: FormData): Payload {
  const one = (name: string) => {
    const sent = form.getAll(name);
    return sent.length === 1 && typeof sent[0] === "string" ? sent[0] : "";
  };
  return {
    contact: { phone: one("contact.phone"), name: one("contact.name") },
    company: { name: one("company.name"), creditCode: one("company.creditCode") },
  };
}

/** "Who is calling?" for the phone, company name, credit code and contact typed so far (any may be blank; every one typed must match). */
export async function lookUpCallerLeads(payload: Payload): Promise<CallerAnswer> {
  const typed = {
    phone: text(payload.contact?.phone),
    company: text(payload.company?.name),
    creditCode: text(payload.company?.creditCode),
    contact: text(payload.contact?.name),
  };
  const q = readCallerQuery(typed);
  if (isEmptyCallerQuery(q)) return { state: "typing", leads: [] };
  const phone = normalizePhone(typed.phone);
  try {
    const { search, leadsIndex } = getDeskSearch();
    const { leads, more, partial } = await findCallers({ sql: getSql(), search, leadsIndex }, q, phone.ok ? phone.value : null);
    return { state: "done", leads, ...(more > 0 ? { more } : {}), ...(partial ? { partial } : {}) };
  } catch (error) {
    log.warn("hotline caller lookup failed", { error: errorMessage(error), cause: errorMessage((error as Error).cause) });
    return { state: "unavailable", leads: [] };
  }
}
