import { regionProblemMessage, splitRegions } from "~/domain/lead-schema";
import { planNoteRegions } from "~/domain/note-regions";
import { regionNameMax, REGIONS_MAX } from "~/domain/region-name-limit";
import { childDivisions, type Division, divisionByCode, resolveRegion, resolveRegions } from "~/domain/regions";
import { englishDivisionLabel, englishPathLabel } from "~/domain/regions-en";
import type { Lng } from "~/i18n/lng";
import { publicText } from "~/i18n/public-messages";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { ui } from "~/i18n/ui-messages";

import type { PlaceChoice } from "./assist-preview";
import type { PickProblem, RegionFix } from "./region-picker";

/** One entry of a picker list; `label` is what the list shows (English pages: "Gaochun District (高淳区)"), `path` what gets added to the regions field. */
export type DivisionOption = { code: string; name: string; label: string; path: string };
/** What the picker shows after a submit without JavaScript: the choices and the lists under them. */
export type RegionPickerState = {
  province?: string;
  city?: string;
  district?: string;
  cities: DivisionOption[];
  districts: DivisionOption[];
  /** The search text did not resolve: nothing was added, the person is told why at once. */
  problem?: PickProblem;
};

/**
 * The picker's search text resolved as the lead schema resolves the regions field (`resolveRegion`):
 * `{ ok: true, paths }` — the full names of the divisions to add (江苏省南京市高淳区 for "gaochun") —
 * or `{ ok: false, problem }` for an unknown or ambiguous name ("lishui": 浙江省丽水市 or
 * 江苏省南京市溧水区?). Used by the form's action (no JavaScript) and GET /api/regions?resolve= (the
 * form's script), so an unresolved name never joins the list silently, to be refused only at submit.
 */
export function resolvePicked(typed: string, lng: Lng): { ok: true; paths: string[] } | { ok: false; problem: PickProblem } {
  const r = resolveRegion(typed);
  if (r.ok) return { ok: true, paths: r.divisions.map((d) => d.path) };
  return {
    ok: false,
    problem: {
      message: regionProblemMessage(lng, r),
      suggestions: r.suggestions.map((path) => ({ path, label: lng === "en" ? englishPathLabel(path) : path })),
    },
  };
}

/** A division as the picker shows it in `lng` (the Chinese name stays what is added and stored). */
export function divisionOption({ code, name, path }: Division, lng: Lng): DivisionOption {
  return { code, name, label: lng === "en" ? englishDivisionLabel({ code, name }) : name, path };
}

const provinces = new Map<Lng, DivisionOption[]>();

/** The provinces for the picker's first list (built once a language: the inquiry form renders it on every request). */
export function provinceOptions(lng: Lng): DivisionOption[] {
  let list = provinces.get(lng);
  if (!list) provinces.set(lng, (list = childDivisions().map((d) => divisionOption(d, lng))));
  return list;
}

/**
 * The picker's state after a submit without JavaScript: the lists under what was chosen, and the
 * divisions to add — a suggestion pressed, else the search text once it resolves (else nothing, and the
 * state says why), else the deepest division chosen.
 */
export function pickRegion(
  chosen: { province: string; city: string; district: string; search: string; suggestion?: string },
  lng: Lng,
): {
  state: RegionPickerState;
  paths: string[];
} {
  const code = (c: string) => (/^\d{6}$/.test(c) ? c : "");
  const province = code(chosen.province);
  const cities = province ? childDivisions(province).map((d) => divisionOption(d, lng)) : [];
  const city = cities.some((c) => c.code === code(chosen.city)) ? code(chosen.city) : "";
  const districts = city ? childDivisions(city).map((d) => divisionOption(d, lng)) : [];
  const district = districts.some((d) => d.code === code(chosen.district)) ? code(chosen.district) : "";
  const state: RegionPickerState = { province, city, district, cities, districts };
  const typed = (chosen.suggestion || chosen.search).trim();
  const search = typed.slice(0, regionNameMax(typed));
  if (search) {
    const r = resolvePicked(search, lng);
    return r.ok ? { state, paths: r.paths } : { state: { ...state, problem: r.problem }, paths: [] };
  }
  const deepest = district || city || province;
  const path = deepest ? divisionByCode(deepest)?.path : undefined;
  return { state, paths: path ? [path] : [] };
}

/** At most this many suggestions are offered under the regions box (an ambiguous name lists up to 8 candidates). */
const MAX_FIXES = 8;

/**
 * The regions box's refused names, each with the resolver's suggestions as the box's text with that name replaced
 * (ADR 140): the field's message says "did you mean …" and the person takes one with one press, never retyping it.
 * The box read as the schema reads it (splitRegions: names run together are names, trailers cut), joined again by the
 * page's list word. Empty when every name resolves or none has a suggestion.
 */
export function regionFixes(box: string, lng: Lng): RegionFix[] {
  const split = splitRegions(box);
  const names = Array.isArray(split) ? split.filter((n): n is string => typeof n === "string") : [];
  // A box of more names than the field holds is refused for that: no name of it is read (region-name-limit.ts).
  if (names.length > REGIONS_MAX) return [];
  const list = punctuationMessages.t(lng, "list");
  const fixes: RegionFix[] = [];
  // Each problem's suggestions ranked beside the box's other names (resolveRegions: those in their city first).
  for (const problem of resolveRegions(names).problems)
    for (const path of problem.suggestions) {
      if (fixes.length >= MAX_FIXES) return fixes;
      const value = names.map((n) => (n === problem.input ? path : n)).join(list);
      const suggestion = lng === "en" ? englishPathLabel(path) : path;
      if (!fixes.some((f) => f.value === value))
        fixes.push({ label: publicText(lng, "region.fix", { suggestion, name: problem.input }), value });
    }
  return fixes;
}

/**
 * The notes' places that name several places each ("Lishui": 溧水区 or 丽水市; 鼓楼), when the regions box is blank (ADR 154): the
 * question in `lng` and a button per place, its value the places the notes want as the regions box will hold them — that name
 * replaced by the place's full name, the others as typed. The form's action asks them before storing (once: PLACES_ASKED), as the
 * live preview does (assist-preview.ts `choices`); a name no place is suggested for, or beside places that all resolve, is not asked.
 */
export function notesPlaceChoices(notes: string, lng: Lng): PlaceChoice[] {
  const plan = planNoteRegions(notes, []);
  if (!plan || plan.fill) return [];
  const list = punctuationMessages.t(lng, "list");
  const typed = plan.places.map((p) => p.text);
  const out: PlaceChoice[] = [];
  for (const problem of plan.problems) {
    if (problem.kind !== "ambiguous" || problem.suggestions.length < 2 || out.some((c) => c.name === problem.input)) continue;
    out.push({
      name: problem.input,
      question: ui(lng, "need.placeWhich", { name: problem.input }),
      group: ui(lng, "need.placeWhichGroup", { name: problem.input }),
      options: problem.suggestions.slice(0, MAX_FIXES).map((path) => ({
        label: lng === "en" ? englishPathLabel(path) : path,
        value: typed.map((t) => (t === problem.input ? path : t)).join(list),
      })),
    });
  }
  return out;
}
