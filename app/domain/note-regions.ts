import type { Lng } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { ui } from "~/i18n/ui-messages";
import { validationMessage } from "~/i18n/validation-messages";

import { NOTES_MAX } from "./field-limits";
import { foldText, simplifiedInPlace } from "./fold-text";
import type { LeadFlag } from "./lead-flags";
import {
  AFTER_UNMARKED,
  BUILDING_LABEL,
  FIGURE_AFTER,
  findPlaceMentions,
  hasPlaceKind,
  isPlace,
  JOINED,
  PLACE_JOINER,
  type PlaceMention,
  PRESENT_UNMARKED,
} from "./need-places";
import { findLatinPlaceMentions } from "./need-places-en";
import { hasMark, onlyMarksBetween } from "./place-marks";
import { CORRECTION_OPEN, placePhrasesAsMarks, TAKEN_BACK_ZH } from "./place-phrases";
import { clauseAround, isLatinText, LABEL_OF_NEXT, ownStance, PLACE_NEGATED_BEFORE, placeStances } from "./place-stance";
import { readingWork } from "./reading-work";
import { REGIONS_MAX } from "./region-name-limit";
import type { RegionProblem } from "./regions";
import {
  divisionByCode,
  englishPathLabel,
  latinNearlyNamed,
  latinOneLetterOff,
  namesZone,
  placeNameAt,
  resolveRegions,
  standardPlaceNames,
  zoneNamed,
} from "./regions.server";

/**
 * Which regions the notes fill, decided in ONE place (docs/decisions/072-regions-read-from-the-notes.md):
 * the lead schema stores exactly this, and the hotline's preview (app/hotline/desk.server.ts) says
 * exactly this. Server only: the places are found anywhere (need-places.ts), but which division each
 * names needs the resolver (regions.server.ts), absent from the browser bundle — there `null`.
 *
 * Rules: only when the regions field is blank (`typed` empty: what the person typed wins, as for every
 * field the assist fills — the places the notes want that the typed box does not cover are then told,
 * `notInBox` and a `placesNotInBox` flag, ADR 113 amended); zones (江北新区, 苏州工业园区, 雄安) are places
 * as districts are, alone, in lists and with joiners (regions.ts placeNameAt); all or nothing — every place found must resolve to exactly one division
 * (regions.ts resolveRegions: its rules, its codes), else none is filled and each place is an `unread`
 * flag for the recruiter. Filling the places that did resolve and dropping one that did not would
 * narrow the match to fewer districts than the caller named ("高淳或者鼓楼" is not "高淳").
 */
export type NoteRegionsPlan = {
  /** The places found, as typed. */
  places: PlaceMention[];
  /**
   * What need.regions gets: the places as typed (`typed`), their standard names (`names`: what is stored, docs/decisions/203 — one
   * form whatever the language they were said in) and their GB/T 2260 codes (sorted, unique); null when nothing is filled.
   */
  fill: { typed: string[]; names: string[]; codes: string[]; text: string } | null;
  /** The places that named no division or several, with the resolver's suggestions. */
  problems: RegionProblem[];
  /**
   * `unread` flags (field need.notes) for every place found when nothing is filled, and for every clause that
   * names a place neither wanted nor ruled out ("不在江北新区也行", "不一定在江宁": `uncertain`), filled or not.
   */
  unread: LeadFlag[];
  /**
   * The clauses, as typed, that say a place need not be the one ("不在江北新区也行"): read as neither a want nor
   * an exclusion, so the recruiter is told them as unread (ADR 118), the box typed or not.
   */
  uncertain: string[];
  /**
   * The places the notes rule out ("不要高淳", "除了高淳都行", "高淳太远了") and those only wished for
   * ("最好溧水", "溧水优先"): never filled (docs/decisions/110).
   */
  excluded: PlaceMention[];
  wished: PlaceMention[];
  /**
   * Their flags (need.notes): `placeExcluded` (a reading: the places the notes ask for were filled),
   * `placeExcludedOpen` (a doubt: nothing filled, matching does not exclude them), `placeWished` (a reading).
   */
  ruled: LeadFlag[];
  /**
   * The regions box typed: the places the notes want or wish for that the box does not cover ("江宁" in the
   * notes, "江北新区" in the box). The box wins (ADR 091) and they are told (`placesNotInBox` in `ruled`).
   */
  notInBox: PlaceMention[];
};

/** At most this many places are read (the regions field's own limit, lead-schema.ts). */
const MAX_PLACES = 10;
/** English candidates in lower case looked up with the resolver, at most (notePlaces). */
const LOWER_LOOKED_UP = 5;

export function planNoteRegions(typedNotes: string | undefined, typed: readonly string[]): NoteRegionsPlan | null {
  // Read with the place phrases written as marks ("江宁 哦不 浦口", "不是江宁就是浦口", "Jiangning rather than Pukou"; ADR 161):
  // the same length, so what is told is sliced from the notes as typed.
  const notes = typedNotes === undefined || typedNotes.length > NOTES_MAX ? typedNotes : placePhrasesAsMarks(typedNotes);
  if (typeof resolveRegions !== "function") return null;
  const none: NoteRegionsPlan = {
    places: [],
    fill: null,
    problems: [],
    unread: [],
    uncertain: [],
    excluded: [],
    wished: [],
    ruled: [],
    notInBox: [],
  };
  if (!notes || notes.length > NOTES_MAX) return none; // refused by the schema; read, it costs seconds
  if (typed.length > REGIONS_MAX) return none; // so is a box of more names (region-name-limit.ts; attack36 H1)
  if (typed.length > 0) {
    const beside = typedBeside(notes, typed);
    // A place ruled out that the box does not list ("不考虑高淳" beside 江宁) is still a refusal the enterprise made:
    // kept and said as one (placeExcluded — matching is on the box, which leaves it out), never dropped because
    // a box is filled (trial35 M3, docs/decisions/159); one the box names itself is its clash too (notesDiffer, ADR 184).
    const refused: LeadFlag[] = beside.out.length
      ? [{ field: "need.notes", code: "placeExcluded", text: beside.out.map((p) => p.text).join("、") }]
      : [];
    // A place preferred that the box holds ("江宁优先" beside 江宁、溧水) stays the one preferred: the box typed or
    // kept from an earlier reading of these notes, the reading is the same (ADR 184).
    if (beside.preferred.length)
      refused.push({ field: "need.notes", code: "placePreferred", text: beside.preferred.map((p) => p.text).join("、") });
    return {
      ...none,
      excluded: beside.out,
      ruled: [...refused, ...beside.ruled],
      notInBox: beside.notInBox,
      ...uncertainOf(notes, beside.open, typedNotes),
    };
  }
  const codes = new Set<string>();
  const problems: RegionProblem[] = [];
  const places: PlaceMention[] = [];
  // What each place is to the enterprise (docs/decisions/110): wanted, only wished for, or ruled out.
  const found = notePlaces(notes).slice(0, MAX_PLACES);
  const stance = placeStances(notes, found).map((s, i) => (found[i].unsure ? "open" : s));
  const excluded: PlaceMention[] = [];
  const wished: PlaceMention[] = [];
  const excludedCodes = new Set<string>();
  const open: PlaceMention[] = [];
  const placeCodes = new Map<PlaceMention, string[]>();
  // A zone named anywhere in the notes tells a shared name beside it apart ("两江新区，江北区也行": 重庆's
  // 江北区, as in the regions box; ADR 123). Not a zone ruled out: "不要两江新区，江北区" says nothing of which.
  const zonesNamed = found.filter((_, i) => stance[i] !== "out").map((p) => p.text);
  const resolved = found.map((p) => resolveRegions([p.text], undefined, zonesNamed));
  // A name several divisions share, said beside places that all lie in one city, is that city's when exactly one
  // of them is in it ("Pukou, Jiangning, Liuhe": 六合区, not 吉林's 柳河县; places32) — in Latin letters only, where a
  // syllable names several (Liuhe: 六合, 柳河); a Chinese name several share stays a question (鼓楼, ADR 076).
  const cities = new Set(resolved.flatMap((r) => (r.problems.length === 0 ? r.codes.map((c) => c.slice(0, 4)) : [])));
  const inCity = (r: (typeof resolved)[number]) => {
    if (cities.size !== 1 || r.problems.length !== 1 || r.problems[0].kind !== "ambiguous" || !isLatinText(r.problems[0].input)) return r;
    const all = r.problems[0].suggestions
      .map((path) => resolveRegions([path]))
      .filter((x) => x.problems.length === 1 || x.codes.length === 1);
    const nameOf = (x: (typeof all)[number]) => divisionByCode(x.codes[0] ?? "")?.name ?? "";
    const here = all.filter((x) => x.problems.length === 0 && x.codes.every((c) => cities.has(c.slice(0, 4))));
    // Only where the syllables name different Chinese names: 鼓楼 (Gulou) is one name four cities share, still asked.
    return here.length === 1 && all.filter((x) => nameOf(x) === nameOf(here[0])).length === 1 ? here[0] : r;
  };
  for (const [i, named] of found.entries()) {
    const r = inCity(resolved[i]);
    // Stored by the division's own name when the city told it ("六合区"): the name typed names two.
    const p = r === resolved[i] ? named : { ...named, text: divisionByCode(r.codes[0])?.name ?? named.text };
    // "在做锂电池", "在建厂房", "靠近地铁站": words after a marker that name nothing the resolver knows,
    // not even nearly, and carry no kind (区/县/市/镇/省) — no place, so they neither fill nor block.
    if (isNoPlace(p, r.problems)) continue;
    // "不在江北新区也行": the enterprise need not be there — no place to fill, none to rule out; the
    // recruiter is told the words as unread (ADR 118), not left with no note at all.
    if (stance[i] === "open") {
      open.push(p);
      continue;
    }
    // One division, or a zone's divisions (江北新区 → 浦口、栖霞、六合: one place, ADR 113). Named in English, a
    // name the resolver reads as several with nothing in doubt — a zone ("Jiangbei New Area") or a list
    // written with spaces ("jiangning pukou", as the box reads it, ADR 123) — is those places (trial 12-05).
    const several = r.codes.length > 1 && (namesZone(p.text) || isLatinText(p.text));
    const one = r.problems.length === 0 && (r.codes.length === 1 || several) ? r.codes : null;
    // A place ruled out is never a wanted one, resolved or not ("不要鼓楼" needs no district to be told).
    if (stance[i] === "out") {
      if (!excluded.some((e) => e.text === p.text)) excluded.push(p);
      for (const c of one ?? []) excludedCodes.add(c);
      continue;
    }
    // "江宁区…南京江宁区的厂房": a district named again (in any words) is the same region, stored once (ADR 101).
    if (one !== null && one.every((c) => codes.has(c))) continue;
    places.push(p);
    if (stance[i] === "wish") wished.push(p);
    if (one === null) problems.push(...r.problems);
    else {
      for (const c of one) codes.add(c);
      placeCodes.set(p, one);
    }
  }
  for (const c of excludedCodes) codes.delete(c);
  // A place wanted in one clause and ruled out in another ("江宁，不对，不是江宁，是浦口"): never filled, nor named among the
  // places filled while its district is not (ADR 154: need.regions said 江宁 beside 浦口's code alone) — its clause is told.
  for (const p of [...places])
    if (placeCodes.get(p)?.every((c) => excludedCodes.has(c))) {
      places.splice(places.indexOf(p), 1);
      if (wished.includes(p)) wished.splice(wished.indexOf(p), 1);
      open.push(p);
    }
  // A wish alone ("最好溧水", "溧水优先") is no filter, as a wished figure is not (ADR 097); beside a place
  // wanted outright it is one of the places named ("在江宁，最好溧水" fills both: a wish never narrows).
  const wanted = places.length > wished.length ? places : [];
  const filled = wanted.length > 0 && problems.length === 0 && codes.size > 0;
  const flag = (code: LeadFlag["code"], list: PlaceMention[]): LeadFlag[] =>
    list.length ? [{ field: "need.notes", code, text: list.map((p) => p.text).join("、") }] : [];
  // Beside places wanted outright a wish fills too, and is said as the one preferred ("浦口优先，其次江宁"; ADR 131).
  const ruled = [
    ...flag(filled ? "placeExcluded" : "placeExcludedOpen", excluded),
    ...(wanted.length ? (filled ? flag("placePreferred", wished) : []) : flag("placeWished", wished)),
  ];
  const ruledOnly = { places: wanted, excluded, wished, ruled, notInBox: [] };
  const uncertain = uncertainOf(notes, open, typedNotes);
  if (places.length === 0 || wanted.length === 0) return { ...none, ...ruledOnly, ...uncertain };
  const texts = wanted.map((p) => p.text);
  if (!filled) {
    const unread: LeadFlag[] = texts.map((text) => ({ field: "need.notes", code: "unread", text }));
    return { ...ruledOnly, fill: null, problems, uncertain: uncertain.uncertain, unread: [...unread, ...uncertain.unread] };
  }
  const text = (typedNotes ?? notes).slice(wanted[0].span[0], wanted[wanted.length - 1].span[1]);
  // Stored as typed when every place was written in Simplified Chinese (ADR 072: the person's words); else every one by its standard
  // name — a list is never half as typed, half standardised ("Gaochun or Lishui" stored ["Gaochun", "溧水区"]: docs/decisions/203).
  // As written in the notes, not as a city told it ("江宁, Lishui": Lishui is 溧水区 by 江宁's city, and was weighed as Chinese — stored
  // ["江宁", "溧水区"], half as typed; readers42).
  const written = (p: PlaceMention) => (typedNotes ?? notes).slice(p.span[0], p.span[1]);
  const asTyped = wanted.every((p) => /\p{Script=Han}/u.test(written(p)) && simplifiedInPlace(written(p)) === written(p));
  const names = asTyped ? texts : [...new Set(wanted.flatMap((p) => standardNames(p.text, placeCodes.get(p) ?? [])))];
  return { ...ruledOnly, fill: { typed: texts, names, codes: [...codes].sort(), text }, problems: [], ...uncertain };
}

/**
 * A place the notes fill by its standard name (docs/decisions/203; session 41: "Gaochun or Lishui" stored ["Gaochun", "溧水区"], one
 * as typed, one by the name the city told): a zone named in Chinese by the zone's name (江北新区), else each division it resolved to by
 * its GB/T 2260 name (高淳区, 南京市), with its city's before a district name several cities share (南京市鼓楼区). Said back in the page's
 * language from the codes (regions.server.ts needRegionsText).
 */
function standardNames(typed: string, codes: readonly string[]): string[] {
  const zone = zoneNamed(typed);
  if (zone) return [zone.name];
  return codes.flatMap((code) => {
    const d = divisionByCode(code);
    if (!d) return [];
    const alone = resolveRegions([d.name]);
    if (alone.problems.length === 0 && alone.codes.length === 1 && alone.codes[0] === code) return [d.name];
    const std = standardPlaceNames(code);
    return [std && std.city !== d.name ? `${std.city}${d.name}` : d.name];
  });
}

/** The clauses of the places neither wanted nor ruled out, once each, and their `unread` flags (ADR 118). */
function uncertainOf(notes: string, open: readonly PlaceMention[], typedNotes = notes): { uncertain: string[]; unread: LeadFlag[] } {
  const uncertain = [...new Set(open.map((p) => clauseOf(notes, p.span, typedNotes)))];
  return { uncertain, unread: uncertain.map((text) => ({ field: "need.notes", code: "unread", text })) };
}

/**
 * The clause a place is named in, as typed, without the punctuation around it: "不在江北新区也行". Its ends are found in `notes`
 * (the text read, place-phrases.ts), its words taken from `typedNotes` (the same length).
 */
function clauseOf(notes: string, span: readonly [number, number], typedNotes = notes): string {
  const { before, after } = clauseAround(notes, span);
  return typedNotes.slice(span[0] - before.length, span[1] + after.length).trim();
}

/**
 * The regions box typed, the notes ruling out a district it names ("高淳区" in the box, "不要高淳" in the
 * notes): the box wins, as every box does, and the recruiter is asked (`notesDiffer` on need.regions,
 * docs/decisions/110) — also when the box names the city the place is in ("南京市" beside "不要高淳"): the
 * match will offer it. Places the notes rule out that the box does not cover say nothing new: no flag.
 */
function typedBeside(
  notes: string,
  typed: readonly string[],
): { ruled: LeadFlag[]; notInBox: PlaceMention[]; open: PlaceMention[]; out: PlaceMention[]; preferred: PlaceMention[] } {
  // A code covers those that start with it once its trailing 00 pairs are off (320100 南京市 covers 320118 高淳区).
  const boxed = resolveRegions([...typed]).codes.map((c) => c.replace(/(00)+$/, ""));
  const found = notePlaces(notes).slice(0, MAX_PLACES);
  const stance = placeStances(notes, found).map((s, i) => (found[i].unsure ? "open" : s));
  const open = found.filter((_, i) => stance[i] === "open");
  if (boxed.length === 0) return { ruled: [], notInBox: [], open, out: [], preferred: [] };
  const resolved = found.map((p) => resolveRegions([p.text]));
  const covered = (i: number) => resolved[i].codes.some((c) => boxed.some((b) => c.startsWith(b)));
  // A place ruled out inside a wider box ("不要江宁" beside 南京) narrows the box: no clash, a refusal. One the box names
  // itself ("不要江宁" beside 江宁) is a clash told to staff — and a refusal all the same: nothing is matched on a place
  // the enterprise refused (trial38 H1/H2, docs/decisions/184).
  const narrower = (i: number) => resolved[i].codes.every((c) => boxed.some((b) => c.startsWith(b) && c.replace(/(00)+$/, "") !== b));
  const clash = found.filter((p, i) => stance[i] === "out" && covered(i) && !narrower(i));
  // Ruled out (docs/decisions/159): words that name no place ("不要太偏") are none; each once.
  const out = found.filter(
    (p, i) => stance[i] === "out" && !isNoPlace(p, resolved[i].problems) && found.findIndex((q) => q.text === p.text) === i,
  );
  // Places the notes want that the box leaves out (ADR 113 amended): every code of the place outside the
  // box, or a name that names no one division (it cannot be said to be covered). Words that name no place
  // at all ("在做锂电池") are none; a place named twice is said once.
  const notInBox: PlaceMention[] = [];
  for (const [i, p] of found.entries()) {
    if (stance[i] === "out" || stance[i] === "open" || isNoPlace(p, resolved[i].problems)) continue;
    const codes = resolved[i].codes;
    const inside = codes.length > 0 && resolved[i].problems.length === 0 && codes.every((c) => boxed.some((b) => c.startsWith(b)));
    if (!inside && !notInBox.some((q) => q.text === p.text)) notInBox.push(p);
  }
  const box = typed.join("、");
  // Wished among places wanted outright (those the box holds): the ones preferred (ADR 131); a wish alone fills nothing.
  const held = found.map((_, i) => i).filter((i) => (stance[i] === "in" || stance[i] === "wish") && covered(i));
  const wishes = held.filter((i) => stance[i] === "wish");
  const preferred = held.length > wishes.length ? [...new Map(wishes.map((i) => [found[i].text, found[i]])).values()] : [];
  return {
    preferred,
    ruled: [
      ...(clash.length
        ? [{ field: "need.regions", code: "notesDiffer" as const, text: `${clash.map((p) => p.text).join("、")} ≠ ${box}` }]
        : []),
      ...(notInBox.length
        ? [{ field: "need.regions", code: "placesNotInBox" as const, text: `${notInBox.map((p) => p.text).join("、")} ≠ ${box}` }]
        : []),
    ],
    notInBox,
    open,
    out,
  };
}

/**
 * Places named alone, without a marker or a kind, where the words beside them rule them in or out — the
 * enterprise speaks of places (docs/decisions/110): 不要高淳, 高淳不考虑, 除了高淳都行, 高淳太远了, 只要溧水,
 * 溧水可以, 最好溧水; "不在江北新区也行" / "江北新区以外也可以" (outside it is fine too) is read, to be neither
 * wanted nor ruled out ("open"); and, where one place is ruled out, a place that is its clause all alone
 * ("江宁，不考虑溧水", "溧水不要，江宁": the one wanted, ADR 113 amended). Zones are read as divisions are. Read by the division names (server only, like `findUnmarkedPlaces`), each passing the
 * shape rules (`isPlace`: no everyday word such as 平房 or 合作, no company's name after it).
 */
export function findRuledPlaces(notes: string): NotePlace[] {
  if (typeof placeNameAt !== "function") return [];
  const { s, at } = foldText(notes);
  // Names are looked for only near a ruling word (a list of places runs before an after-word), and a
  // bounded number of them: notes of 2,000 characters of place names cost what a short note does.
  const near = new Uint8Array(s.length);
  for (const m of s.matchAll(RULING_WORD)) near.fill(1, Math.max(0, m.index - 30), m.index + m[0].length + 12);
  const names: (PlaceMention & { ok: boolean })[] = [];
  let looked = 0;
  for (let i = 0; i < s.length && looked < MAX_NAMES_LOOKED;) {
    const name = near[i] && !onFiguresUnit(s, i) ? placeNameAt(s, i) : null;
    if (!name) {
      i++;
      continue;
    }
    looked++;
    const span: [number, number] = [at[i], at[name.end]];
    const ok = isPlace(s.slice(i, name.end), s.slice(name.end), name.zone) && !PRESENT_UNMARKED.test(s.slice(Math.max(0, i - 12), i));
    const here = { text: notes.slice(span[0], span[1]), span, ok };
    // Names overlap ("避开江宁": 开江 is a county too): the one the words around rule wins.
    const last = names[names.length - 1];
    if (last && span[0] < last.span[1]) {
      const ruled = (p: typeof here) => p.ok && ownStance(notes, p.span) !== null;
      if (ruled(here) && !ruled(last)) names[names.length - 1] = here;
    } else names.push(here);
    i++;
  }
  // A list is ruled as one ("高淳和溧水都不要"): every name of it is read when the words around one rule it —
  // none when one of them may be no place ("光明或者宝安都行": 光明 is an everyday word, ADR 076).
  const out: NotePlace[] = [];
  for (let i = 0; i < names.length;) {
    let j = i;
    while (j + 1 < names.length && JOINED.test(notes.slice(names[j].span[1], names[j + 1].span[0]))) j++;
    const list = names.slice(i, j + 1);
    if (list.every((p) => p.ok) && list.some((p) => ownStance(notes, p.span) !== null))
      out.push(...list.map(({ text, span }) => ({ text, span })));
    i = j + 1;
  }
  // A name beside a marked one with nothing but blanks and marks between, and no mark of its own ("江宁 ✔ 浦口": the ✔ is
  // 江宁's): never dropped — read as neither wanted nor ruled out, its clause told unread (places34).
  const unsure: NotePlace[] = [];
  for (const [k, p] of names.entries())
    if (p.ok && !out.some((o) => o.span[0] === p.span[0]))
      for (const q of [names[k - 1], names[k + 1]])
        if (
          q &&
          out.some((o) => o.span[0] === q.span[0]) &&
          onlyMarksBetween(notes.slice(Math.min(p.span[1], q.span[1]), Math.max(p.span[0], q.span[0])))
        ) {
          unsure.push({ text: p.text, span: p.span, unsure: true });
          break;
        }
  out.push(...unsure);
  // A name right before a refusal's label and the place it rules ("江宁 不要：六合", "地点：江宁 排除：六合"): the value of the
  // item before, wanted — not a refusal's (attack 12-05g H2; it was ruled out, then dropped silently).
  for (const [k, p] of names.entries()) {
    const q = names[k + 1];
    if (p.ok && q && !out.some((o) => o.span[0] === p.span[0]) && out.some((o) => o.span[0] === q.span[0])) {
      const between = notes.slice(p.span[1], q.span[0]);
      if (LABEL_OF_NEXT.test(between + "x") && PLACE_NEGATED_BEFORE.test(foldText(between).s)) out.push({ text: p.text, span: p.span });
    }
  }
  // A place named as a clause of its own beside a place ruled out ("江宁，不考虑溧水", "溧水不要，江宁"):
  // the one the enterprise wants, as "不要溧水，江宁可以" says outright.
  if (out.some((p) => ownStance(notes, p.span) === "out"))
    for (const p of names)
      if (p.ok && !out.some((o) => o.span[0] === p.span[0]) && clauseAlone(notes, p.span)) out.push({ text: p.text, span: p.span });
  out.sort((a, b) => a.span[0] - b.span[0]);
  return out.slice(0, MAX_PLACES); // the plan reads no more (those after are later in the notes than these)
}

/** A place that is its clause all alone, perhaps with its kind or "的厂房" after it: "江宁，…", "…，江宁区的厂房". */
function clauseAlone(notes: string, span: readonly [number, number]): boolean {
  const { before, after } = clauseAround(notes, span);
  return /^\s*$/.test(before) && /^\s*(?:[区县市])?\s*(?:的(?:厂房|仓库|土地|地方))?\s*$/u.test(after);
}

/**
 * The stems of the words that rule a place in or out (PLACE_NEGATED_*, PLACE_ONLY_BEFORE, PLACE_OK_AFTER, PLACE_WISHED_*,
 * PLACE_GRUDGING_AFTER, PLACE_WANT_BEFORE, the marks of place-marks.ts).
 */
const RULING_WORD =
  /❌|❎|✗|✘|✖|✕|×|╳|[(（]\s*x\s*[)）]|🚫|⛔|🙅|👎|✅|✔|✓|☑|√|👍|⭕|🆗|👌|💯|⭐|🌟|🙆|○|◯|〇|👌|💯|⭐|🌟|🙆|○|◯|〇|的话|第一|第二|第三|其后|不|要|选|找|希望|意向|否则|退而求其次|凑合|考虑|看中|看好|相中|\d[.、)）]|[①-⑩]|方案|选项|option|别|避开|除|排除|算了|免了|太|有点|有些|比较|稍|只|仅限|就要|必须|一定要|就在|非得|非要|莫属|选一|次之|可|行|没问题|能接受|无所谓|未必|最好|尽量|尽可能|优先|首选|其次|次选|备选|倾向|更想|为佳|更好|以外|之外|离|距|靠近|临近|接近|附近|周边|周围|一带|近|close\s+to|far\s+from|pass|except|avoid|only|\bno\b|ng\b|ok|fine|prefer|ideally|out\b|backup|fallback|alternative|second|first|third|top\s+choice|then|otherwise|else|yes\b|want|need|choose|pick|like|looking|interested|please|not\b|n['’]t\b|plan\s+[ab]\b/gi;
/** At most this many division names are weighed for their ruling words (see findRuledPlaces). */
const MAX_NAMES_LOOKED = 100;

/** The places the words mark (need-places.ts) and those the division names show (`findUnmarkedPlaces`), in the order typed. */
function notePlaces(notes: string): NotePlace[] {
  // Chinese places by their markers and kinds; English ones by theirs, capitalised (need-places-en.ts).
  const chinese = findPlaceMentions(notes);
  const latin = findLatinPlaceMentions(notes);
  // A bare list of capitalised words ("Pukou, Jiangning, Liuhe") is places when one of them names one (places32):
  // "Price, Location." is none.
  const bareOk = latin.some((l) => l.bare === true && namesAPlace(l.text));
  // A name alone in its clause ("…, Gaochun") only when it names a place itself: "Thanks." or "Regards, Wang" are none.
  const keep = (l: (typeof latin)[number]) => (l.bare === "alone" ? namesAPlace(l.text) : !l.bare || bareOk);
  const english = latin.filter((l) => l.named && keep(l) && !chinese.some((c) => l.span[0] < c.span[1] && c.span[0] < l.span[1]));
  // A place after a marker that names no division but is names run together ("地点：江宁浦口都行", "在江宁和浦口"):
  // those names, read by the one list reader the regions box uses (readPlaceList, ADR 140). Only the first
  // PLACES_KEPT in the notes (docs/decisions/142): the plan reads MAX_PLACES of them, and each is folded and
  // compared below — 400 of "江宁区，" were, at every place found without a marker.
  const split = chinese.slice(0, PLACES_KEPT).flatMap((c) => {
    if (resolveRegions([c.text]).problems.length === 0) return [c];
    const list = readPlaceList(c.text);
    return list ? list.map((n) => ({ text: n.text, span: [c.span[0] + n.span[0], c.span[0] + n.span[1]] as [number, number] })) : [c];
  });
  const marked = [...split, ...english.flatMap(({ text, span }) => latinWordsByMark(notes, { text, span }))]
    .sort((a, b) => a.span[0] - b.span[0])
    .slice(0, PLACES_KEPT);
  const overlaps = (p: PlaceMention) => marked.some((m) => p.span[0] < m.span[1] && m.span[0] < p.span[1]);
  const seen = new Set(marked.map((m) => foldText(m.text).s));
  const unmarked: NotePlace[] = findUnmarkedPlaces(notes).filter((p) => !overlaps(p) && !seen.has(foldText(p.text).s));
  // Places named in English in lower case ("in jiangning or pukou"): kept when the resolver names them
  // (need-places.ts finds the capitalised ones itself; trial 12-05).
  // At most LOWER_LOOKED_UP of them, of up to four words, are looked up: each is a resolver call (tens of ms
  // for long Latin words; 2,000 characters of "in xian an xian an …" took 250 ms with ten of eight words).
  const candidates = findLatinPlaceMentions(notes, true)
    .filter((l) => !l.named && ![...marked, ...unmarked].some((m) => l.span[0] < m.span[1] && m.span[0] < l.span[1]))
    .filter((l) => l.text.split(/\s+/).length <= 4)
    .slice(0, LOWER_LOOKED_UP);
  // A capitalised name said with a stance that names no place but is a district's spelling a letter or two off
  // ("Jiangnign is not ok": ADR 140) is a place the recruiter is told of, not dropped; "Price is not ok" is none.
  const word = (l: PlaceMention) => /^[A-Z]/.test(l.text) && !/\s/.test(l.text);
  const lower = candidates.filter((l) => namesAPlace(l.text) || (word(l) && latinNearlyNamed(l.text)));
  unmarked.push(...lower.flatMap(({ text, span }) => latinWordsByMark(notes, { text, span })));
  // One letter off ("Jiangnig is not ok", places34): no place read, but never dropped silently — its clause is told unread.
  const unsure = candidates.filter((l) => !lower.includes(l) && word(l) && latinOneLetterOff(l.text));
  unmarked.push(...unsure.map(({ text, span }) => ({ text, span, unsure: true })));
  // Lone names ruled in or out by the words beside them (docs/decisions/110), where no finder above saw a place.
  const both = [...marked, ...unmarked];
  const ruled = findRuledPlaces(notes).filter((p) => !both.some((m) => p.span[0] < m.span[1] && m.span[0] < p.span[1]));
  return zonesWithTheirDistricts(notes, [...both, ...ruled].sort((a, b) => a.span[0] - b.span[0]).slice(0, PLACES_KEPT));
}

/**
 * An English name of several words beside a cross or a tick, each word a place of its own ("Liuhe Jiangning ✔ Pukou ✖",
 * "✔ Jiangning ✖ Pukou Liuhe"): those places, one by one — a mark rules one place (ADR 145), and the whole was read as the list
 * "liuhe jiangning" (ADR 123), the mark ruling both (attack 12-05g H10). A name that is one division ("Nanjing Jiangning") or a
 * zone stays whole; a name with no mark beside it is read as before. At most 4 words, each a resolver call.
 */
function latinWordsByMark(notes: string, l: PlaceMention): PlaceMention[] {
  if (!/\s/.test(l.text) || !hasMark(notes.slice(Math.max(0, l.span[0] - 4), l.span[0]) + " " + notes.slice(l.span[1], l.span[1] + 4)))
    return [l];
  const words = [...l.text.matchAll(/\S+/gu)];
  if (words.length > 4 || namesZone(l.text)) return [l];
  const whole = resolveRegions([l.text]);
  if (whole.problems.length === 0 && whole.codes.length <= 1) return [l];
  if (!words.every((w) => namesAPlace(w[0]))) return [l];
  return words.map((w) => ({ text: w[0], span: [l.span[0] + w.index, l.span[0] + w.index + w[0].length] as [number, number] }));
}

/** A place found in the notes; `unsure`: a word one letter off a place's name, neither wanted nor ruled out (told unread). */
type NotePlace = PlaceMention & { unsure?: boolean };

/** The places notePlaces keeps, the first in the notes: twice what the plan reads, as a zone and its district after it are one. */
const PLACES_KEPT = 2 * MAX_PLACES;

/**
 * A zone and then, after spaces only, places that lie in it ("两江新区 江北区"): one place, the district
 * within the zone, as the regions box reads the same words (regions.ts, ADR 118, 123). Others as found.
 */
function zonesWithTheirDistricts(notes: string, places: NotePlace[]): NotePlace[] {
  const out: NotePlace[] = [];
  for (const p of places) {
    const last = out[out.length - 1];
    const zone = last ? zoneNamed(last.text) : null;
    const between = last ? notes.slice(last.span[1], p.span[0]) : "";
    if (last && zone && /^\s+$/.test(between)) {
      const text = notes.slice(last.span[0], p.span[1]);
      const r = resolveRegions([text]);
      if (r.problems.length === 0 && r.codes.every((c) => zone.codes.includes(c)) && r.codes.length < zone.codes.length) {
        out[out.length - 1] = { text, span: [last.span[0], p.span[1]] };
        continue;
      }
    }
    out.push(p);
  }
  return out;
}

/**
 * THE list reader of places (ADR 140), one for the regions box (lead-schema.ts splitRegions: a name that does not
 * resolve is read again by it) and the notes (findUnmarkedPlaces, and a marked place that names no division):
 * `text` whole, after spaces, is two or more division or zone names joined by need-places' joiners (或者 或 还是 和
 * 以及 及 与 跟 、 /), a space or nothing ("江宁浦口", "江宁和浦口", "高淳 溧水"); the names as typed with their spans, else
 * null (a word that names no division, one name alone). Server only (the division names): null in the browser.
 */
export function readPlaceList(text: string): PlaceMention[] | null {
  if (typeof placeNameAt !== "function" || text.length > 200) return null;
  const { s, at } = foldText(text);
  const lead = /^\s*/u.exec(s)![0].length;
  const group = namesFrom(s, lead, { left: MAX_UNMARKED_NAMES });
  if (!group || group.length < 2 || !/^\s*$/u.test(s.slice(group[group.length - 1].end))) return null;
  return group.map((n) => ({ text: text.slice(at[n.start], at[n.end]), span: [at[n.start], at[n.end]] }));
}

/** What may stand between two places named without a marker: need-places' joiners, spaces around. */
// Not over a line break: a line's names are a group of their own (attack 12-05g H9).
const JOINER_AT = new RegExp(`^[^\\S\\n]*(?:${PLACE_JOINER})?[^\\S\\n]*`, "u");

/**
 * Places named without a marker word or a kind, read by the division names themselves (server only:
 * the names are the resolver's, regions.ts `placeNameAt`: divisions and zones), only where the words around them show a
 * person names places (docs/decisions/076):
 * - two or more division names joined by 或者/或/还是/、/和/以及 (need-places' joiners), then what ends a
 *   place ("高淳或者溧水都行", "江宁、溧水均可", "高淳或溧水的厂房"): each is one place;
 * - a city and a district inside it, written together ("南京江宁的厂房", "苏州昆山，"), or a province and
 *   a city: one place.
 * - a zone's name (regions.ts placeNameAt: 江北新区, 南京江北新区, 苏州工业园区), alone too, its name saying
 *   place as a district's kind does ("苏州工业园区的厂房"), or in a list with division names (ADR 113 amended).
 * A lone division name ("高淳的厂房") is not read: 2,000-odd county names include 平房, 资源, 港口, 光明, 合作, and
 * without a marker nothing says which is meant. Every name must also pass need-places' shape rules
 * (`isPlace`: no zone kind alone — 高新, 开发区 —, no everyday word, no company's name after it); a
 * name several divisions share (鼓楼) is read, and planNoteRegions then fills nothing and flags it.
 * A group with one word that is no division name ("吉利或者比亚迪都行") is not places at all.
 */
export function findUnmarkedPlaces(notes: string): PlaceMention[] {
  if (typeof placeNameAt !== "function") return [];
  const { s, at } = foldText(notes);
  const out: PlaceMention[] = [];
  // A bounded number of names is looked up (docs/decisions/142): 2,000 characters of names ("江宁浦口六合溧水高淳…",
  // attack L9) held a POST for most of a second; the plan reads MAX_PLACES, and these are the first in the notes.
  const budget = { left: MAX_UNMARKED_NAMES };
  let i = 0;
  while (i < s.length && budget.left > 0) {
    const group = onFiguresUnit(s, i) ? null : namesFrom(s, i, budget);
    if (!group) {
      i++;
      continue;
    }
    const last = group[group.length - 1];
    // A zone named alone is read as a division with its kind is ("苏州工业园区的厂房", "在江北新区"): its name says place.
    // A lone name that is its clause, or said with 那边/附近/一带 ("5000平的厂房要两栋，高淳", "…，溧水那边"): a place wanted
    // (trial 2026-12-05 L1, docs/decisions/136) — inside a clause a lone name stays unread (平房, 资源, 光明 …).
    const alone =
      group.length === 1 &&
      (CLAUSE_OPEN.test(s.slice(Math.max(0, group[0].start - 4), group[0].start)) ||
        CORRECTION_OPEN.test(s.slice(Math.max(0, group[0].start - 10), group[0].start))) &&
      CLAUSE_ALONE.test(s.slice(last.end));
    const placed =
      (group.length > 1 || group[0].parts > 1 || group[0].zone || alone) &&
      (AFTER_UNMARKED.test(s.slice(last.end)) || (alone && TAKEN_BACK_ZH.test(s.slice(last.end)))) &&
      !PRESENT_UNMARKED.test(s.slice(0, group[0].start)) &&
      group.every((n) => isPlace(s.slice(n.start, n.end), s.slice(n.end), n.zone));
    if (placed) for (const n of group) out.push({ text: notes.slice(at[n.start], at[n.end]), span: [at[n.start], at[n.end]] });
    i = last.end;
  }
  return out;
}

/** Where a clause opens (a lone place name read there: findUnmarkedPlaces), a particle before the name allowed. */
const CLAUSE_OPEN = new RegExp(
  // …or after a figure ("5000平江宁"; attack 12-05g H8).
  // A list's bullet too ("- 江宁\n- 不要六合").
  // 就是 too ("不是江宁，就是浦口": not Jiangning — Pukou; ADR 161: 浦口 was lost).
  String.raw`(?:(?:^|[，。；;,!?！？\n])\s*(?:[-*•·]\s*)?(?:就是|就|都|是|最好是?|应该是)?|\d[\d,.]*\s*(?:万|千|k)?\s*(?:平米|平方米|平|㎡|m2|亩|栋|幢)\s*(?:${PLACE_JOINER}|[(（【])?|` +
    // After an English marker ("5000 sqm in 江宁, not 六合"; attack 12-05h M3).
    String.raw`(?<![A-Za-z])(?:in|at)\s+)\s*$`,
  "u",
);
/**
 * After a lone name: the clause's end, with 那边/附近/一带 … and a word of "that does" or "preferred" between; or a bracket of its
 * own before the end ("高淳（不要太偏的）": a need of the site there, not a refusal of the place; places34).
 */
const CLAUSE_ALONE = new RegExp(
  String.raw`^\s*(?:区|县)?\s*(?:那边|这边|那里|这里|那块|附近|周边|一带|一片|片区|区域)?\s*(?:的)?\s*(?:都?(?:行|可以|可)|就行|就可以|也行|优先|最好|为主)?\s*(?:[(（【[][^)）】\]]{0,20}[)）】\]]\s*)?(?:$|[，。；;,!?！？\n)）】\]]|` +
    // A dash or dots before a correction ("江宁——不对，浦口", "江宁……说错了"; ADR 154): the name was said alone, then taken back.
    TAKEN_BACK_ZH.source.slice(1) +
    "|" +
    // A figure after the name ends its clause of places (attack 12-05g H8: "江宁5000平", "江宁附近5000平", "江宁的厂房5000平").
    "(?:的?(?:厂房|仓库|库房|土地|用地|地块|车间|场地))?\\s*" +
    // A building's or a road's label between ("江宁A栋3000平", "江宁3号路5000平", "江宁A区5000平"; attack 12-05h M3).
    BUILDING_LABEL +
    FIGURE_AFTER +
    ")",
  "u",
);
/** A name can not start on a figure's unit ("5000平江宁浦口": 平江 is a county of Hunan; attack 12-05g H8). */
function onFiguresUnit(s: string, i: number): boolean {
  return /[平亩米吨栋]/u.test(s[i]) && /\d\s*$/u.test(s.slice(Math.max(0, i - 4), i));
}

type NameAt = { start: number; end: number; parts: number; zone: boolean };

/** The division names from `i` on, joined one to the next (one or more), or null when none starts at `i`. */
function namesFrom(s: string, i: number, budget: { left: number }): NameAt[] | null {
  const first = lookedUp(s, i, budget) ?? latinBeforeChinese(s, i, budget);
  if (!first) return null;
  const names: NameAt[] = [{ start: i, end: first.end, parts: first.parts, zone: first.zone }];
  while (budget.left > 0) {
    const end = names[names.length - 1].end;
    const joiner = JOINER_AT.exec(s.slice(end, end + JOINER_REACH));
    const latinJoiner = LATIN_JOINER_AT.exec(s.slice(end, end + JOINER_REACH));
    if (!joiner && !latinJoiner) break;
    const starts = [...new Set([joiner, latinJoiner].flatMap((j) => (j ? [end + j[0].length] : [])))];
    // A name in Latin letters after a Chinese one ("江宁, Lishui", "江宁或Lishui"), or a Chinese one after a Latin one ("Gaochun or
    // 溧水"; readers42): a place of the list too — a Latin name only beside a Chinese one (the Latin finder reads Latin lists).
    const hasChinese = names.some((n) => !LATIN_WORD.test(s.slice(n.start, n.end)));
    let next: { end: number; parts: number; zone: boolean } | null = null;
    let start = end;
    for (const at of starts) if (!next && (next = lookedUp(s, at, budget))) start = at;
    if (hasChinese) for (const at of starts) if (!next && (next = latinName(s, at, budget))) start = at;
    // A word after the joiner that names no division ("高淳和客户谈"): the names so far are the group.
    if (!next) break;
    names.push({ start, end: next.end, parts: next.parts, zone: next.zone });
  }
  return names;
}

/** A place's name in Latin letters, one word ("gaochun", folded): a list's name beside Chinese ones (latinName). */
const LATIN_WORD = /^[a-z]{4,20}$/;
/** Between a Latin name and the next of its list: a comma, "or", "and", or need-places' joiners, with spaces. */
const LATIN_JOINER_AT = new RegExp(`^[^\\S\\n]*(?:,|\\bor\\b|\\band\\b|${PLACE_JOINER})[^\\S\\n]*`, "u");

/**
 * A division's name in Latin letters at `i` ("gaochun", "lishui": namesAPlace, counted in the budget), in a list with Chinese names
 * ("Gaochun or 溧水", "江宁, Lishui"; readers42: such a list filled no region — the Chinese finder stopped at the Latin name and the
 * Latin finder at the Chinese one). One word of four letters or more, at a word's start; null otherwise.
 */
function latinName(s: string, i: number, budget: { left: number }): { end: number; parts: number; zone: boolean } | null {
  if (budget.left <= 0 || (i > 0 && /[a-z]/.test(s[i - 1]))) return null;
  const word = /^[a-z]+/.exec(s.slice(i, i + 21))?.[0];
  if (!word || !LATIN_WORD.test(word)) return null;
  budget.left--;
  readingWork.namesLookedUp++;
  return namesAPlace(word) ? { end: i + word.length, parts: 1, zone: false } : null;
}

/** latinName at `i` when a Chinese name of the list follows it ("Gaochun or 溧水"): the Chinese name looked up first, the cheaper. */
function latinBeforeChinese(s: string, i: number, budget: { left: number }): ReturnType<typeof latinName> {
  if (i > 0 && /[a-z]/.test(s[i - 1])) return null;
  const word = /^[a-z]{4,20}(?![a-z])/.exec(s.slice(i, i + 21))?.[0];
  if (!word) return null;
  const joiner = LATIN_JOINER_AT.exec(s.slice(i + word.length, i + word.length + JOINER_REACH));
  if (!joiner || !placeNameAt(s, i + word.length + joiner[0].length)) return null;
  return latinName(s, i, budget);
}

/** A name at `i` (placeNameAt), counted in the budget and in readingWork when there is one. */
function lookedUp(s: string, i: number, budget: { left: number }): ReturnType<typeof placeNameAt> {
  const name = placeNameAt(s, i);
  if (name) {
    budget.left--;
    readingWork.namesLookedUp++;
  }
  return name;
}

/** At most this many division names are read by findUnmarkedPlaces in one text (docs/decisions/142). */
export const MAX_UNMARKED_NAMES = 4 * MAX_PLACES;
/** A joiner between two names is this short at most (JOINER_AT: blanks, 或者, 以及 …): the rest of the text is not copied for it. */
const JOINER_REACH = 16;

function isNoPlace(p: PlaceMention, problems: RegionProblem[]): boolean {
  // A zone kind alone ("在园区", "在开发区里") names no place either (regions.ts kind "generic", ADR 118).
  if (problems.length === 1 && problems[0].kind === "generic") return true;
  // A capitalised English name after a place word ("in Jiangnign") is a place the recruiter is told of when
  // it names none we know: English has no kind after it to tell (trial 12-05: such places were dropped).
  if (isLatinText(p.text) && /^[A-Z]/.test(p.text)) return false;
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
  const clauses = punctuationMessages.t(lng, "clauses");
  // The places ruled out and those only wished for (docs/decisions/110), said beside the districts filled or not.
  const named = (l: PlaceMention[]) => l.map((p) => p.text).join(list);
  const excluded = plan.excluded.length
    ? // Ruled out beside places matched on (the notes' filled, or a typed box: ADR 159), or with none (matching keeps them).
      ui(lng, plan.ruled.some((f) => f.code === "placeExcluded") ? "need.placesExcluded" : "need.placesExcludedOpen", {
        places: named(plan.excluded),
      })
    : "";
  const wished =
    plan.wished.length && !plan.fill && plan.places.length === 0 ? ui(lng, "need.placesWished", { places: named(plan.wished) }) : "";
  // Words about a place that neither ask for it nor rule it out (ADR 118), said as the recruiter will see them.
  const uncertain = plan.uncertain.length ? ui(lng, "need.placesUncertain", { text: plan.uncertain.join(list) }) : "";
  if (plan.fill) {
    const paths = plan.fill.codes.map((c) => divisionByCode(c)?.path ?? c).map((p) => (lng === "en" ? englishPathLabel(p) : p));
    return {
      understood: ui(lng, "need.placesRead", { places: paths.join(list) }),
      unread: [excluded, uncertain].filter(Boolean).join(clauses),
    };
  }
  const beyond = plan.notInBox.length ? validationMessage(lng, "placesNotInBox", { places: named(plan.notInBox) }) : "";
  const ruled = [excluded, wished, beyond, uncertain].filter(Boolean);
  if (plan.places.length === 0) return { understood: "", unread: ruled.join(clauses) };
  const why = plan.problems.map(problemMessage);
  const notFilled = ui(lng, "need.placesNotFilled", { places: plan.places.map((p) => p.text).join(list) });
  return { understood: "", unread: [notFilled, ...why, ...ruled].join(clauses) };
}

/**
 * Whether a lower-case English candidate names a place (resolveRegions: one or more divisions, or a name
 * several share, a zone or a zone over a city — kinds that speak of places); "good condition" names none.
 */
function namesAPlace(text: string): boolean {
  const r = resolveRegions([text]);
  if (r.codes.length > 0 && r.problems.length === 0) return true;
  return r.problems.some((p) => p.kind === "ambiguous" || p.kind === "spans" || (p.kind === "zone" && p.suggestions.length > 0));
}
