import type { Lng } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { ui } from "~/i18n/ui-messages";

import type { LeadFlag } from "./lead-flags";
import { findPlaceMentions, hasPlaceKind, type PlaceMention } from "./need-places";
import type { RegionProblem } from "./regions";
import { divisionByCode, englishPathLabel, resolveRegions } from "./regions.server";

/**
 * Which regions the notes fill, decided in ONE place (docs/decisions/072-regions-read-from-the-notes.md):
 * the lead schema stores exactly this, and the hotline's preview (app/hotline/desk.server.ts) says
 * exactly this. Server only: the places are found anywhere (need-places.ts), but which division each
 * names needs the resolver (regions.server.ts), absent from the browser bundle — there `null`.
 *
 * Rules: only when the regions field is blank (`typed` empty: what the person typed wins, as for every
 * field the assist fills); all or nothing — every place found must resolve to exactly one division
 * (regions.ts resolveRegions: its rules, its codes), else none is filled and each place is an `unread`
 * flag for the recruiter. Filling the places that did resolve and dropping one that did not would
 * narrow the match to fewer districts than the caller named ("高淳或者鼓楼" is not "高淳").
 */
export type NoteRegionsPlan = {
  /** The places found, as typed. */
  places: PlaceMention[];
  /** What need.regions gets: the places as typed and their GB/T 2260 codes (sorted, unique); null when nothing is filled. */
  fill: { typed: string[]; codes: string[]; text: string } | null;
  /** The places that named no division or several, with the resolver's suggestions. */
  problems: RegionProblem[];
  /** `unread` flags (field need.notes) for every place found when nothing is filled. */
  unread: LeadFlag[];
};

/** At most this many places are read (the regions field's own limit, lead-schema.ts). */
const MAX_PLACES = 10;

export function planNoteRegions(notes: string | undefined, typed: readonly string[]): NoteRegionsPlan | null {
  if (typeof resolveRegions !== "function") return null;
  const none: NoteRegionsPlan = { places: [], fill: null, problems: [], unread: [] };
  if (!notes || typed.length > 0) return none;
  const codes = new Set<string>();
  const problems: RegionProblem[] = [];
  const places: PlaceMention[] = [];
  for (const p of findPlaceMentions(notes).slice(0, MAX_PLACES)) {
    const r = resolveRegions([p.text]);
    // "在做锂电池", "在建厂房", "靠近地铁站": words after a marker that name nothing the resolver knows,
    // not even nearly, and carry no kind (区/县/市/镇/省) — no place, so they neither fill nor block.
    if (isNoPlace(p, r.problems)) continue;
    places.push(p);
    if (r.problems.length > 0 || r.codes.length !== 1) problems.push(...r.problems);
    else codes.add(r.codes[0]);
  }
  if (places.length === 0) return none;
  const texts = places.map((p) => p.text);
  if (problems.length > 0) {
    return { places, fill: null, problems, unread: texts.map((text) => ({ field: "need.notes", code: "unread", text })) };
  }
  const text = notes.slice(places[0].span[0], places[places.length - 1].span[1]);
  return { places, fill: { typed: texts, codes: [...codes].sort(), text }, problems: [], unread: [] };
}

function isNoPlace(p: PlaceMention, problems: RegionProblem[]): boolean {
  return !hasPlaceKind(p.text) && problems.length === 1 && problems[0].kind === "unknown" && problems[0].suggestions.length === 0;
}

/**
 * The plan as the preview's lines: `understood` names the districts filled (their full paths, in English
 * with the path kept in brackets), `unread` the places not filled and why (regionProblemMessage's words,
 * passed in: they live with the schema's messages). "" when there is nothing to say.
 */
export function describeNoteRegions(
  plan: NoteRegionsPlan,
  lng: Lng,
  problemMessage: (p: RegionProblem) => string,
): { understood: string; unread: string } {
  const list = punctuationMessages.t(lng, "list");
  if (plan.fill) {
    const paths = plan.fill.codes.map((c) => divisionByCode(c)?.path ?? c).map((p) => (lng === "en" ? englishPathLabel(p) : p));
    return { understood: ui(lng, "need.placesRead", { places: paths.join(list) }), unread: "" };
  }
  if (plan.places.length === 0) return { understood: "", unread: "" };
  const why = plan.problems.map(problemMessage);
  const notFilled = ui(lng, "need.placesNotFilled", { places: plan.places.map((p) => p.text).join(list) });
  return { understood: "", unread: [notFilled, ...why].join(punctuationMessages.t(lng, "clauses")) };
}
