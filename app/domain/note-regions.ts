import type { Lng } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { ui } from "~/i18n/ui-messages";

import { foldText } from "./fold-text";
import type { LeadFlag } from "./lead-flags";
import { AFTER_UNMARKED, findPlaceMentions, hasPlaceKind, isPlace, PLACE_JOINER, type PlaceMention, PRESENT_UNMARKED } from "./need-places";
import type { RegionProblem } from "./regions";
import { divisionByCode, divisionNameAt, englishPathLabel, resolveRegions } from "./regions.server";

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
  for (const p of notePlaces(notes).slice(0, MAX_PLACES)) {
    const r = resolveRegions([p.text]);
    // "在做锂电池", "在建厂房", "靠近地铁站": words after a marker that name nothing the resolver knows,
    // not even nearly, and carry no kind (区/县/市/镇/省) — no place, so they neither fill nor block.
    if (isNoPlace(p, r.problems)) continue;
    const one = r.problems.length === 0 && r.codes.length === 1 ? r.codes[0] : null;
    // "江宁区…南京江宁区的厂房": a district named again (in any words) is the same region, stored once (ADR 101).
    if (one !== null && codes.has(one)) continue;
    places.push(p);
    if (one === null) problems.push(...r.problems);
    else codes.add(one);
  }
  if (places.length === 0) return none;
  const texts = places.map((p) => p.text);
  // A place said not to be wanted ("不要高淳区的", "高淳区不考虑") makes the notes no list of places to fill:
  // nothing is filled and each place goes to the recruiter (docs/decisions/097), as when one does not resolve.
  if (problems.length > 0 || places.some((p) => placeNegated(notes, p.span))) {
    return { places, fill: null, problems, unread: texts.map((text) => ({ field: "need.notes", code: "unread", text })) };
  }
  const text = notes.slice(places[0].span[0], places[places.length - 1].span[1]);
  return { places, fill: { typed: texts, codes: [...codes].sort(), text }, problems: [], unread: [] };
}

/** A negation or exclusion right before a place, in its clause: 不要高淳, 最好不要在高淳, 除了高淳, 避开高淳. */
const PLACE_NEGATED_BEFORE = /(?:不要|不考虑|不想|不去|不在|不能在|别|避开|除了|除开|排除|not\s+in|except|avoid)\s*(?:在|去)?\s*$/i;
/** …or right after it: 高淳区不考虑, 高淳除外, 高淳的不要. */
const PLACE_NEGATED_AFTER = /^\s*(?:的)?\s*(?:不考虑|不要|不行|不去|不可以|不可|除外|排除|就算了|pass)/i;

function placeNegated(notes: string, [a, b]: readonly [number, number]): boolean {
  const before =
    notes
      .slice(Math.max(0, a - 10), a)
      .split(/[，。；;,!?！？、\n]/)
      .pop() ?? "";
  return PLACE_NEGATED_BEFORE.test(before) || PLACE_NEGATED_AFTER.test(notes.slice(b, b + 8));
}

/** The places the words mark (need-places.ts)/** The places the words mark (need-places.ts) and those the division names show (`findUnmarkedPlaces`), in the order typed. */
function notePlaces(notes: string): PlaceMention[] {
  const marked = findPlaceMentions(notes);
  const overlaps = (p: PlaceMention) => marked.some((m) => p.span[0] < m.span[1] && m.span[0] < p.span[1]);
  const seen = new Set(marked.map((m) => foldText(m.text).s));
  const unmarked = findUnmarkedPlaces(notes).filter((p) => !overlaps(p) && !seen.has(foldText(p.text).s));
  return [...marked, ...unmarked].sort((a, b) => a.span[0] - b.span[0]);
}

/** What may stand between two places named without a marker: need-places' joiners, spaces around. */
const JOINER_AT = new RegExp(`^\\s*(?:${PLACE_JOINER})\\s*`, "u");

/**
 * Places named without a marker word or a kind, read by the division names themselves (server only:
 * the names are the resolver's, regions.ts `divisionNameAt`), only where the words around them show a
 * person names places (docs/decisions/076):
 * - two or more division names joined by 或者/或/还是/、/和/以及 (need-places' joiners), then what ends a
 *   place ("高淳或者溧水都行", "江宁、溧水均可", "高淳或溧水的厂房"): each is one place;
 * - a city and a district inside it, written together ("南京江宁的厂房", "苏州昆山，"), or a province and
 *   a city: one place.
 * A lone name ("高淳的厂房") is not read: 2,000-odd county names include 平房, 资源, 港口, 光明, 合作, and
 * without a marker nothing says which is meant. Every name must also pass need-places' shape rules
 * (`isPlace`: no zone kind alone — 高新, 开发区 —, no everyday word, no company's name after it); a
 * name several divisions share (鼓楼) is read, and planNoteRegions then fills nothing and flags it.
 * A group with one word that is no division name ("吉利或者比亚迪都行") is not places at all.
 */
export function findUnmarkedPlaces(notes: string): PlaceMention[] {
  if (typeof divisionNameAt !== "function") return [];
  const { s, at } = foldText(notes);
  const out: PlaceMention[] = [];
  let i = 0;
  while (i < s.length) {
    const group = namesFrom(s, i);
    if (!group) {
      i++;
      continue;
    }
    const last = group[group.length - 1];
    const placed =
      (group.length > 1 || group[0].parts > 1) &&
      AFTER_UNMARKED.test(s.slice(last.end)) &&
      !PRESENT_UNMARKED.test(s.slice(0, group[0].start)) &&
      group.every((n) => isPlace(s.slice(n.start, n.end), s.slice(n.end)));
    if (placed) for (const n of group) out.push({ text: notes.slice(at[n.start], at[n.end]), span: [at[n.start], at[n.end]] });
    i = last.end;
  }
  return out;
}

type NameAt = { start: number; end: number; parts: number };

/** The division names from `i` on, joined one to the next (one or more), or null when none starts at `i`. */
function namesFrom(s: string, i: number): NameAt[] | null {
  const first = divisionNameAt(s, i);
  if (!first) return null;
  const names: NameAt[] = [{ start: i, end: first.end, parts: first.parts }];
  for (;;) {
    const end = names[names.length - 1].end;
    const joiner = JOINER_AT.exec(s.slice(end));
    if (!joiner) break;
    const start = end + joiner[0].length;
    const next = divisionNameAt(s, start);
    // A word after the joiner that names no division ("高淳和客户谈"): the names so far are the group.
    if (!next) break;
    names.push({ start, end: next.end, parts: next.parts });
  }
  return names;
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
