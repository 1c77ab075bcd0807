import type { Lng } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { ui } from "~/i18n/ui-messages";
import { validationMessage } from "~/i18n/validation-messages";

import { NOTES_MAX } from "./field-limits";
import { foldText } from "./fold-text";
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
  takenBackPlaces,
} from "./need-places";
import { findLatinPlaceMentions } from "./need-places-en";
import { hasMark, markStance, onlyMarksBetween } from "./place-marks";
import { CORRECTION_OPEN, placePhrasesAsMarks, TAKEN_BACK_ZH } from "./place-phrases";
import { REFUSAL_BEFORE_EN } from "./place-words-en";
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
  /** What need.regions gets: the places as typed and their GB/T 2260 codes (sorted, unique); null when nothing is filled. */
  fill: { typed: string[]; codes: string[]; text: string } | null;
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
  return { ...ruledOnly, fill: { typed: texts, codes: [...codes].sort(), text }, problems: [], ...uncertain };
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

/** The words of a place's clause before it and after it (the clause ends at ，。；,!? and a new line). */
function clauseAround(notes: string, [a, b]: readonly [number, number]): { before: string; after: string } {
  const before =
    notes
      .slice(0, a)
      .split(/[，。；;,!?！？\n]/)
      .pop() ?? "";
  return { before, after: notes.slice(b).split(/[，。；;,!?！？\n]/)[0] ?? "" };
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
 * What people put between a place and its stance word, writing their notes as a list (ADR 140): a colon, a bracket,
 * a dash or an arrow — "江宁：不要；浦口：可以", "江宁（不要）", "江宁 - 不考虑", "浦口→可以".
 */
const STANCE_SEP = "(?:[(（【\\[:：]|[-—–]+>?|→)?\\s*";
/**
 * A negation or exclusion right before a place, in its clause: 不要高淳, 最好不要在高淳, 除了高淳, 避开高淳; and a refusal's label
 * (attack 12-05g H1/H2): "排除区域：六合区", "不要的区域：六合", "拒绝区域 - 六合", "江宁区 不要：六合区", "Excluded districts: Liuhe".
 */
const PLACE_NEGATED_BEFORE = new RegExp(
  "(?:(?:不要|不考虑|不(?:太|是很)?想要?|不需要|不希望(?:是)?|不选|不找|别选|别找|不去|不在|不能在|去不了|没法去|不能去|别|避开|除了|除开|除|排除|不接受|拒绝|除外|" +
    // The English words (place-words-en.ts, one list with the preview's; ADR 154), and "Exclude:" as a label.
    String.raw`\b(?:${REFUSAL_BEFORE_EN})|\bexclude[ds]?(?=\s*[:：-]))` +
    String.raw`(?:\s*(?:的)?(?:区域|地区|区县|地点|位置|选址|地方|板块)?\s*(?:[:：]|-+(?!>)))?` +
    // A "no" as a label ("可以：江宁区 不行：六合区").
    String.raw`|(?:不行|不可以|不可|ng)\s*[:：]` +
    // A refusal's label made with NG / 不OK / not OK (attack 12-05h H2: "NG区域：六合", "不OK的区域：六合", "NG areas: Liuhe").
    String.raw`|(?:\bng|不\s*ok(?:ay)?|不\s*行|不可以)\s*(?:的)?\s*(?:区域|地区|区县|地点|位置|选址|地方|板块|areas?|districts?|locations?|places?)\s*(?:[:：]|-+(?!>))` +
    String.raw`|\b(?:excluded?|excluding|unwanted|not\s+(?:wanted|ok|okay|acceptable)|rejected|no[-\s]go|avoid)(?:\s+(?:locations?|areas?|districts?|regions?|sites?|places?))?\s*(?:[:：]|-+(?!>)))\s*(?:在|去|是)?\s*$`,
  "i",
);
/**
 * …or right after it: 高淳区不考虑, 高淳除外, 高淳的不要, 高淳太远了, 高淳和溧水都不要 — also said with a
 * hedge, as people turn a place down politely: 高淳可能不行, 高淳估计不太合适, 高淳恐怕不方便, 高淳有点远,
 * 高淳应该不考虑 (a hedge before a "no" still rules the place out; 高淳可能也行 has no "no" and does not).
 */
const PLACE_NEGATED_AFTER = new RegExp(
  "^\\s*(?:区|县|市)?\\s*" +
    STANCE_SEP +
    "(?:的话|的)?\\s*(?:厂房|地方|那边|那里|区域)?\\s*(?:都|也|就|肯定|实在)?\\s*(?:可能|估计|恐怕|大概|应该|怕是|感觉|好像|觉得)?\\s*" +
    "(?:最好|还是|尽量|暂时|暂|先|都|也|就)?\\s*(?:不考虑|不要|不行(?!\\s*(?:的话|就|再|那|也|还))|不去|不可以|不可|除外|排除|就算了|算了|免了|不用|不需要|不予考虑|暂不考虑|不在考虑|" +
    "去不了|不能去|没法去|太远|太偏|太贵|(?:有点|有些|比较|稍微|稍)(?:远|偏|贵)|不合适|不适合|不太(?:合适|行|方便|考虑|想)|不大(?:合适|方便|行)|不理想|不方便|不接受|以外|之外|" +
    // English after the place (places32, attack F7): "Jiangning is not ok", "Jiangning doesn't work for us", "Jiangning no".
    "pass|is\\s+out|is\\s+excluded|is\\s+off\\s+the\\s+table|(?:is|would\\s+be|will\\s+be)\\s+(?:a\\s+)?no(?:-|\\s+)go|is\\s+too\\s+(?:far|remote|expensive)|" +
    "(?:is|are|would\\s+be|will\\s+be)\\s+not\\b|(?:isn['’]t|aren['’]t|wouldn['’]t\\s+be|won['’]t\\s+be)\\b|not\\s+(?:ok|okay|good|possible|acceptable|an\\s+option|suitable|wanted)\\b|" +
    "(?:does\\s+not|doesn['’]t|do\\s+not|don['’]t|will\\s+not|won['’]t|would\\s+not|wouldn['’]t|can(?:not|['’]t))\\s+(?:really\\s+)?(?:work|suit|fit|do)\\b|" +
    // "NG" (no good) after a place, as ticks' opposite in lists (attack 12-05g H12: "江宁区OK，浦口区NG").
    // …also after "is" (attack 12-05h H1: "Jiangning is OK, Liuhe is NG" stored Liuhe as wanted).
    "(?:please\\s+)?no\\b|(?:(?:is|are|=|是|为|属于)\\s*)?(?:a\\s+)?(?:ng\\b|n\\.\\s?g\\b\\.?)|(?:is|are)\\s+(?:a\\s+)?no(?:-|\\s+)go\\b)",
  "iu",
);
/** A place only wished for, before it (最好溧水, 尽量在溧水, 优先考虑溧水, 首选溧水) or after it (溧水优先, 溧水的厂房最好). Not 希望: "希望在溧水" asks. */
const PLACE_WISHED_BEFORE =
  /(?:最好|尽量|尽可能|优先|首选|第一选择|第一志愿|倾向于?|更想|更倾向于?|preferably|ideally|\bprefer(?:red|ence)?|(?:first|top)\s+choice|\bfirst(?:ly)?|\bplan\s+a|would\s+rather(?:\s+be)?)\s*(?:考虑|选择?|要)?\s*(?:在|去|是|is|in)?\s*[:：]?\s*$/i;
/** Where a clause ends, looked for after a rank word ("江宁第一，", "Jiangning first, …"): a rank then anything else is no rank. */
const RANK_END = "(?=\\s*(?:[，。；;,!?！？、\\n)）\\]】]|$))";
/**
 * A Chinese rank ends at blanks too, before the next name (attack 12-05g H7: "江宁第一 浦口第二" kept 浦口 alone): 第一 then a
 * blank and a Han character is no "第一期". English ranks keep RANK_END ("Jiangning first floor" is no rank).
 */
const RANK_END_ZH = "(?=\\s*(?:[，。；;,!?！？、\\n)）\\]】]|$)|[^\\S\\n]+\\p{Script=Han})";
const PLACE_WISHED_AFTER = new RegExp(
  "^\\s*(?:[(（【[:：]|[-—–]+>?|→)?\\s*(?:的)?\\s*(?:厂房|仓库|土地|地方|那边|区域)?\\s*(?:优先|最好(?!不|别)|为佳|更好|(?:为|是|作为|当)?\\s*首选|" +
    "其次(?!\\s*(?:[，。；;,!?！？、\\n]|$))|(?:is\\s+)?(?:preferred|first\\s+choice|ideal)|" +
    // A rank (places34, attack H4/H5): "江宁第一，浦口第二", "江宁为首选", "Jiangning first, Pukou second"; and a fallback after
    // it ("江宁不行的话浦口", "江宁不行就浦口": 江宁 first, the other one wanted too).
    `(?:为|是)?第一(?:选择|志愿|意向|顺位)?${RANK_END_ZH}|(?:is\\s+)?(?:the\\s+|our\\s+|my\\s+)?(?:first|top|1st)(?:\\s+(?:choice|option|pick|preference))?${RANK_END}|` +
    "(?:要是|如果)?\\s*(?:实在)?\\s*不行(?:的话|就|再))",
  "iu",
);
/** A place wanted outright whatever the words around it: 只要溧水, 只考虑溧水, 溧水可以, 溧水也行 (the place finders' own words, `findRuledPlaces`). */
const PLACE_ONLY_BEFORE = new RegExp(
  String.raw`(?:只要|只考虑|只能在|只在|只去|只看|只找|仅限|就要|就在|非得在|非要在|必须在|必须是|一定要在|其次|次选|再次|备选|然后是|再就是|也可以考虑|也考虑|也可以是|only(?:\s+in)?|otherwise|failing\s+that|second(?:\s+choice)?(?:\s+is)?|then|also|` +
    // A fallback before the place (places34, attack H5): "实在不行浦口", "不行就浦口", "要不然浦口", "backup: Pukou".
    String.raw`(?:实在|再|要是|如果)?不行(?:的话)?\s*(?:就|再|那就)?(?:考虑|选|去)?|要不然?|不然(?:的话)?(?:就)?|否则(?:就)?|退而求其次|` +
    String.raw`or\s+else|alternatively|failing\s+which|if\s+not,?|backup|fallback|alternative|plan\s+b)\s*(?:在|去|是|is|in)?\s*[:：]?\s*$`,
  "i",
);
const PLACE_OK_AFTER = new RegExp(
  String.raw`^\s*(?:区|县|市)?\s*(?:[(（【[:：]|[-—–]+>?|→)?\s*(?:的)?\s*(?:厂房|地方|那边|那里)?\s*(?:都|也|就)?\s*(?:(?:作为|当|做|为|是)?\s*(?:备选|备用|次选|第二选择)|次之|(?:其次|再次|第二|第三|其后)(?:选择|志愿)?(?=\s*(?:[，。；;,!?！？、\n)）]|$)|[^\S\n]+\p{Script=Han})|[二两三]选一|任选(?:其)?一|(?:as\s+(?:a|an|the|our)\s+)(?:backup|fallback|alternative|second\s+choice|plan\s+b)\b|(?:is|as)\s+(?:a\s+|the\s+|our\s+)?(?:second\s+choice|backup|fallback)\b|可以|行(?![政业])|可(?!能)|没问题|能接受|ok(?:ay)?\b|(?:is|are|would\s+be)\s+(?:also\s+)?(?:fine|ok|okay|good|acceptable|possible)\b|(?:also\s+|too\s+)?(?:works?|would\s+(?:work|do)|fine|acceptable)\b|` +
    // A yes after the place, a rank after the first (places34): "浦口（要）", "浦口要，江宁不要", "Pukou (yes)", "Pukou second".
    String.raw`要(?=\s*(?:[，。；;,!?！？、\n)）\]】]|$))|yes\b|please\b|不错|(?:is\s+)?(?:the\s+|our\s+|my\s+)?(?:second|third|2nd|3rd)(?:\s+(?:choice|option|pick|preference))?(?=\s*(?:[,.;!?)\]\n]|$)))`,
  "iu",
);
/**
 * A grudging yes after the place (places34): "江宁也不是不行", "江宁倒也不是不可以", "江宁未尝不可", "江宁也还行", "江宁勉强可以",
 * "Jiangning is not bad", "Jiangning wouldn't be a problem" — acceptable, never a refusal (read before PLACE_NEGATED_AFTER,
 * whose 不行 it holds).
 */
const PLACE_GRUDGING_AFTER = new RegExp(
  String.raw`^\s*(?:区|县|市)?\s*(?:的话)?\s*(?:其实|倒|倒也|也|其实也)?\s*(?:(?:也)?不是不|未尝不|并非不|没有不)(?:行|可以|可|能考虑|考虑|能接受|能去)|` +
    String.raw`^\s*(?:区|县|市)?\s*(?:倒|也|倒也)?\s*(?:还行|勉强(?:可以|能接受|行)|凑合)|` +
    String.raw`^\s*(?:is|are|would\s+be)\s+not\s+(?:bad|impossible|out\s+of\s+the\s+question|(?:a\s+)?ng)\b|^\s*(?:isn['’]t|aren['’]t)\s+(?:a\s+)?ng\b|^\s*(?:区|县|市)?\s*(?:也|倒)?不是\s*ng\b|^\s*(?:isn['’]t|wouldn['’]t\s+be)\s+(?:bad|impossible|out\s+of\s+the\s+question|a\s+problem)\b|^\s*(?:is\s+)?(?:also\s+)?not\s+a\s+problem\b`,
  "iu",
);
/**
 * A place wanted, said with a word of wanting before it (places34, attack H3): "要浦口", "不要江宁要浦口", "需要浦口", "想要浦口的厂房",
 * "希望浦口", "选浦口", "找浦口的", "意向浦口", "we want Pukou". Read after the refusals (不要 is no 要) and the wishes (最好要江宁 wishes).
 */
const PLACE_WANT_BEFORE =
  /(?<![不别没需想])(?:需要|想要|要|希望(?:是)?|选(?!址)|选择|找|意向(?:是)?|考虑|看中|看好|相中|选址(?:在|于)?|\bwant|\bneed|\bchoose|\bpick|\blike|\blooking\s+at|\binterested\s+in|\bgo\s+for)\s*(?:在|去|是|is|in)?\s*[:：]?\s*$/iu;
/**
 * A place as an item of a numbered list ("1. 江宁 2. 浦口", "①江宁 ②浦口", "(1) 江宁", "Option 1: Jiangning", "方案一：江宁"): one of the places named, wanted (places34,
 * attack H4: the order is said by the list; none is taken as the one preferred, a list of needs is numbered so too).
 */
const PLACE_NUMBERED_BEFORE =
  /(?:(?:^|[\s，。；;,!?！？、:：])(?:\d{1,2}\s*[.、)）]|(?:option|choice|方案|选项)\s*(?:[1-9]|[a-c一二三]|one|two|three)\s*[:：])|[(（]\d{1,2}[)）]|[①-⑩])\s*$/iu;

/** The words around a place (see `around`); `bracket`: the words after are a bracket's, opened right after the place. */
type Near = { before: string; after: string; bracket: boolean };

/**
 * The words right before a place in its clause, and the start of those after it, folded (Traditional too). A bracket
 * opened right after the place is read whole, to its closing bracket (at most BRACKET_REACH characters: a longer one is
 * about something else): "江宁（不要）" says of 江宁, "江宁、浦口（不要高淳）" and "高淳（不要太偏的）" do not (places34, `says`).
 */
function around(notes: string, [a, b]: readonly [number, number]): Near {
  // English words are longer than Chinese ones: "preferably in " is 14 characters (trial 12-05).
  const reach = isLatinText(notes.slice(a, b)) ? 24 : 10;
  // 、 after a number is a list's ("1、江宁 2、浦口"), not a clause's end.
  const before =
    notes
      .slice(Math.max(0, a - reach), a)
      .split(/[，。；;,!?！？\n]|(?<![0-9０-９])、/u)
      .pop() ?? "";
  const open = /^[^\S\n]*(?:区|县|市)?[^\S\n]*[(（【[]/u.exec(notes.slice(b, b + 8));
  // A line break ends the words after a place (attack 12-05g H9: "江宁区，浦口区\n不要六合区" ruled out 浦口区): the next line's
  // words are its own places', as the words before a place stop at one.
  if (!open) return { before: foldText(before).s, after: foldText(notes.slice(b, b + reach).split("\n")[0]).s, bracket: false };
  const inside = notes.slice(b, b + BRACKET_REACH);
  const close = inside.slice(open[0].length).search(/[)）】\]]/u);
  const after = close >= 0 ? inside.slice(0, open[0].length + close + 1) : b + BRACKET_REACH >= notes.length ? inside : "";
  return { before: foldText(before).s, after: foldText(after).s, bracket: true };
}
/** A bracket after a place is read to this many characters at most (around). */
const BRACKET_REACH = 40;

/**
 * Whether the words after a place (`near.after`) say what `re` holds; in a bracket only when the bracket says nothing more
 * than it (a particle, a full stop): "江宁（不要）", "Jiangning (no)" — not "江宁（不要高淳）", "高淳（不要太偏的）" (a refusal of a
 * quality, not of the place), "Pukou (not Jiangning)". Attack 2026-12-05 H2.
 */
function says(re: RegExp, near: Near): boolean {
  const m = re.exec(near.after);
  if (!m) return false;
  return !near.bracket || /^[^\S\n]*[了啦吧呢哈哦的!！。.~～]*[^\S\n]*(?:[)）】\]]|$)/u.test(near.after.slice(m.index + m[0].length));
}

function placeNegated(notes: string, span: readonly [number, number], near: Near): boolean {
  if (PLACE_NEGATED_BEFORE.test(near.before) || says(PLACE_NEGATED_AFTER, near)) return true;
  // fix31 (attack 31 F6): an English negation earlier in the clause, governing the marker that takes the place.
  return (
    near.before !== "" &&
    isLatinText(notes.slice(span[0], span[1])) &&
    PLACE_REFUSED_EN.test(foldText(clauseAround(notes, span).before.slice(-80)).s)
  );
}

/**
 * Whose are the words between two places of one clause, `p` then `q` (places34, attack H2/H3): "浦口区 江宁区 不要高淳区" — 不要
 * is 高淳区's, not a refusal after 江宁区; "不要江宁要浦口" — 要 is 浦口's; "江宁不要浦口可以" — 不要 is 江宁's. The words touch
 * one and stand apart from the other (blanks): that one's; else the first's when the second has its own words after it,
 * else the second's (a stance word before a place is the more common: 不要X, 要X). "none": a clause's end between them (each
 * has its own words), nothing but blanks and joiners, more than a few words, or words that are no refusal or want.
 */
function wordsBetween(notes: string, p: readonly [number, number], q: readonly [number, number]): "p" | "q" | "none" {
  const between = notes.slice(p[1], q[0]);
  if (between.length > 12 || /[，。；;,!?！？\n]/u.test(between) || JOINED.test(between)) return "none";
  // Only a refusal or a want may be either's: "浦口其次江宁" says of both (浦口 first, 江宁 second; ADR 138).
  const folded = foldText(between.trimEnd()).s;
  if (!PLACE_NEGATED_BEFORE.test(folded) && !PLACE_WANT_BEFORE.test(folded)) return "none";
  const lead = /^\s*/u.exec(between)![0].length;
  const trail = /\s*$/u.exec(between)![0].length;
  if (lead !== trail) return lead > trail ? "q" : "p";
  const near = around(notes, q);
  const own = [PLACE_NEGATED_AFTER, PLACE_OK_AFTER, PLACE_WISHED_AFTER, PLACE_GRUDGING_AFTER].some((re) => says(re, near));
  return own ? "p" : "q";
}

/**
 * An English refusal before a place, over the words of going, wanting and being there only (ADR 129, amended by
 * fix31): "we don't want Jiangning", "we prefer not to be in Jiangning", "we never want to move to Jiangning",
 * "don't consider Pukou", "we would rather not go to Pukou". A negation followed by any other word ("a site that
 * doesn't flood, in Jiangning" has a comma; "doesn't flood in Jiangning" has "flood") does not reach the place.
 */
const PLACE_REFUSED_EN = new RegExp(
  "(?:\\b(?:not|never|avoid(?:ing)?|cannot)|n['’]t)\\s+" +
    "(?:(?:really|ever|even|want|wanna|wish|like|plan|intend|prefer|need|care|consider(?:ing)?|look(?:ing)?|go(?:ing)?|move|moving|relocate|relocating|" +
    "expand(?:ing)?|be|being|stay|settle|base|based|located|locate|set\\s+up|to|for|at|in|into|near|around|something|anything|a|an|the|site|space|" +
    "factory|plant|warehouse|office|place|location|premises|land|plot|anywhere|somewhere|there)\\s+)*$",
  "iu",
);

/** A negation in the rest of an English place's clause (clauseAround's `after`). */
const LATIN_NEGATION_AFTER = /\b(?:not|no|never|none|nothing|cannot)\b|n['’]t\b/iu;

/** "open": a place the enterprise says it need not be in ("不在江北新区也行", "江北新区以外也可以"): neither wanted nor ruled out. */
type Stance = "in" | "wish" | "out" | "open";

/** "不在X也行", "不一定在X都可以" — outside X is fine too: no want, no exclusion. */
const OUTSIDE_OK_BEFORE = /(?:不在|不一定在|不是|不一定是|不限于?)\s*$/u;
const OUTSIDE_OK_AFTER = /^\s*(?:区|县|市)?\s*(?:的话)?\s*(?:也|都)\s*(?:行|可以|可|没问题|没关系|能接受|ok\b)/iu;
/** "X以外也行", "X之外的地方也可以": outside X is fine *too* (也); "X以外的都行" (all but X) rules X out. */
const OUTSIDE_OK_AFTER_ALONE =
  /^\s*(?:区|县|市)?\s*(?:以外|之外)\s*(?:的)?\s*(?:地方|区域|厂房)?\s*也\s*(?:行|可以|可|没问题|没关系|能接受)/u;

/**
 * Not necessarily there (ADR 118): "不一定在江北新区", "不必在江北新区", "不是非要在江宁", "江北新区不一定",
 * "江北新区无所谓", "江宁不强求", "江宁不行也没关系" (places34: it was a refusal) — neither wanted nor ruled out, as "不在江北新区也行" is not.
 */
const NOT_NECESSARILY_BEFORE = /(?:不一定(?:要)?|不必|不用|不需要|未必|不是非要|不非要|不是一定要)\s*(?:在|是|去)\s*$/u;
const NOT_NECESSARILY_AFTER =
  /^\s*(?:区|县|市)?\s*(?:的话|这边|那边)?\s*(?:也|都)?\s*(?:不一定|不是必须|不是非要|不强求|无所谓|可有可无|不必须|(?:不行|去不了|没有)也(?:没关系|无所谓|行|可以))/u;

/** What the words right around one place say of it, or null when they say nothing. */
/**
 * Nothing but the place (docs/decisions/138, attack 32 H5): a refusal after it that a 非 or 除了 before it turns —
 * 非江宁不可, 非江宁不去, 非江宁莫属 (it must be Jiangning), 除了江宁都不考虑, 除了江宁哪都不去 (only Jiangning). Not 除了江宁都行
 * (anywhere but Jiangning) — that is no refusal after it.
 */
const MUST_BEFORE = /(?:(?<![除并])非|非得|非要|除了|除开|除去|除)\s*(?:在|去|是)?\s*$/u;
const MUST_AFTER =
  /^\s*(?:区|县|市)?\s*(?:以外|之外)?\s*(?:的)?\s*(?:地方|区域|厂房|那边)?\s*(?:(?:哪|哪儿|哪里|其他|其它|别的|别处)\s*(?:地方|区|区域)?\s*)?(?:都|也|一律|全都|全部|一概)?\s*(?:不可|不去|莫属|不行|不考虑|不要|不接受|免谈|不予考虑|pass\b)/iu;

function ownStance(
  notes: string,
  span: readonly [number, number],
  prev?: readonly [number, number],
  next?: readonly [number, number],
): Stance | null {
  const marked = markStance(notes, span);
  if (marked) return marked;
  const near = around(notes, span);
  // The words between this place and the next (or the one before) that are the other's (wordsBetween).
  if (next && wordsBetween(notes, span, next) === "q") near.after = "";
  if (prev && wordsBetween(notes, prev, span) === "p") near.before = "";
  // Words then a colon after a place label the next place, not this one ("江宁区 不行：六合区", "首选: 江宁 排除: 六合";
  // attack 12-05g H2: 江宁 was ruled out, 六合 wanted).
  if (LABEL_OF_NEXT.test(near.after)) near.after = "";
  if (says(MUST_AFTER, near)) {
    // "并非江宁不可", "不是非江宁不可": not necessarily there — neither wanted nor ruled out (ADR 118's "open").
    if (/(?:并非|不是非|不一定非)\s*(?:得|要)?\s*(?:在|是|去)?\s*$/u.test(near.before)) return "open";
    if (MUST_BEFORE.test(near.before)) return "in";
  }
  if ((OUTSIDE_OK_BEFORE.test(near.before) && says(OUTSIDE_OK_AFTER, near)) || says(OUTSIDE_OK_AFTER_ALONE, near)) return "open";
  if (NOT_NECESSARILY_BEFORE.test(near.before) || says(NOT_NECESSARILY_AFTER, near)) return "open";
  // "江宁的话6米也行" (a figure said for one place): not the place asked for outright — told unread (attack 12-05h M4).
  if (IF_THERE_FIGURE.test(near.after)) return "open";
  if (says(PLACE_GRUDGING_AFTER, near)) return "in";
  // "江宁，不是浦口", "要江宁的，而不是浦口的": the place contrasted away, ruled out (ADR 154; it was told or not read at all).
  if (NOT_THIS_BEFORE.test(near.before) && NOT_THIS_AFTER.test(near.after)) return "out";
  if (placeNegated(notes, span, near)) return "out";
  if (PLACE_ONLY_BEFORE.test(near.before) || says(PLACE_OK_AFTER, near)) return "in";
  if (PLACE_WISHED_BEFORE.test(near.before) || says(PLACE_WISHED_AFTER, near)) return "wish";
  if (PLACE_WANT_BEFORE.test(near.before) || PLACE_NUMBERED_BEFORE.test(near.before)) return "in";
  // A list after a refusal's label, on its line ("排除区域：六合，高淳"): each is ruled out (attack 12-05g H1).
  const line =
    notes
      .slice(Math.max(0, span[0] - 48), span[0])
      .split("\n")
      .pop() ?? "";
  if (REFUSED_LABEL_LIST.test(foldText(line).s)) return "out";
  return null;
}
/**
 * 不是 opening a clause right before a place that ends it: the place set against the one wanted ("江宁，不是浦口", "而不是浦口的").
 * Read after "不是X也行" (outside X is fine too) and "不是非要在X" (not necessarily there); "不是X就是Y" goes on (no clause's end).
 */
const NOT_THIS_BEFORE = /^[^\S\n]*(?:而|并|可|但|也)?不是[^\S\n]*(?:在|去)?[^\S\n]*$/u;
const NOT_THIS_AFTER =
  /^[^\S\n]*(?:区|县|市)?[^\S\n]*(?:那边|那里|这边)?[^\S\n]*(?:的)?[^\S\n]*(?:厂房|地方|区域)?[^\S\n]*(?:的)?[^\S\n]*(?:[，。；;,!?！？\n)）]|$)/u;
/** A place then "的话" and a figure in its clause: a condition on a figure, not a place wanted (ownStance). */
const IF_THERE_FIGURE = /^[^\S\n]*(?:区|县|市)?[^\S\n]*(?:那边|这边)?的话[^，。；;,!?！？\n]{0,6}?\d/u;
/** Words then a colon after a place, the start of another item: a label of what follows (ownStance). */
const LABEL_OF_NEXT = /^[^\S\n]*(?:区|县|市)?[^\S\n]*(?:\p{Script=Han}{1,6}|[A-Za-z]{1,12}(?: [A-Za-z]{1,12})?)[^\S\n]*[:：][^\S\n]*[^\s]/u;
/** A refusal's label, then places joined by commas up to this one. */
const REFUSED_LABEL_LIST =
  /(?:排除|不要|不考虑|拒绝|不接受|除外|ng|不\s*ok|不行)(?:的)?(?:区域|地区|区县|地点|位置|选址)?\s*[:：]\s*(?:[^，。；;!?！？\n:：]{1,12}\s*[，,、]\s*)+$/iu;

/**
 * Each place's stance, in the order given (docs/decisions/110): its own words, else those of the places it
 * is listed with ("不要高淳或者溧水", "高淳、溧水都不要", "最好溧水或江宁": the first's words before, the
 * last's after), else wanted.
 */
function placeStances(notes: string, places: readonly PlaceMention[]): Stance[] {
  const own = places.map((p, i) => ownStance(notes, p.span, places[i - 1]?.span, places[i + 1]?.span));
  // A name with no words of its own beside a marked one, nothing but blanks and marks between ("Jiangning ✔ Pukou", "✔ Jiangning
  // ✖ Pukou Liuhe"): a mark rules one place, never its neighbour — neither wanted nor ruled out, told unread (ADR 145; attack
  // 12-05g H10: the English names were filled, as no finder flagged them the way findRuledPlaces does the Chinese ones).
  const marked = places.map((p, i) => own[i] !== null && markStance(notes, p.span) !== null);
  for (const [i, p] of places.entries()) {
    if (own[i] !== null) continue;
    const prev = places[i - 1];
    const next = places[i + 1];
    if (
      (prev && marked[i - 1] && onlyMarksBetween(notes.slice(prev.span[1], p.span[0]))) ||
      (next && marked[i + 1] && onlyMarksBetween(notes.slice(p.span[1], next.span[0])))
    )
      own[i] = "open";
  }
  const out: Stance[] = [];
  for (let i = 0; i < places.length;) {
    let j = i;
    while (j + 1 < places.length && JOINED.test(notes.slice(places[j].span[1], places[j + 1].span[0]))) j++;
    // The last's words after it rule the list ("高淳、溧水都不要") — not over a bare English comma, which also ends a
    // clause, unless they speak of several ("in Pukou, Jiangning is not ok" rules out Jiangning alone; places32).
    const bareComma = places.slice(i, j).some((p, k) => /^\s*,\s*$/.test(notes.slice(p.span[1], places[i + k + 1].span[0])));
    const plural = /^\s*(?:are|both|all|neither|none|either|aren['’]t|don['’]t|do\s+not)\b/iu.test(notes.slice(places[j].span[1]));
    // A mark is one place's (place-marks.ts): beside it, a name of the list with none is neither wanted nor ruled out.
    const byMark = (k: number) => own[k] !== null && markStance(notes, places[k].span) !== null;
    const list = own[i] ?? (bareComma && !plural ? null : own[j]) ?? "in";
    const markedList = own[i] !== null ? byMark(i) : own[j] !== null && byMark(j);
    // An English list no word rules, with a negation after it in its clause that none of the words above places
    // ("Jiangning has no metro line"): never wanted, never ruled out — its clause is told unread (places32, attack F7).
    const doubt =
      own[i] === null &&
      own[j] === null &&
      isLatinText(notes.slice(places[j].span[0], places[j].span[1])) &&
      LATIN_NEGATION_AFTER.test(afterInClause(notes, places[j].span, places[j + 1]?.span));
    for (let k = i; k <= j; k++) out.push(own[k] ?? (markedList || (doubt && (k === j || !bareComma || plural)) ? "open" : list));
    i = j + 1;
  }
  // A correction between two places ("要江宁，不对，是浦口", "江宁，说错了，浦口", "Jiangning, I mean Pukou", "江宁，就是浦口"): the place
  // after it is the one meant; the one before is neither wanted nor ruled out — told unread, never filled (attack 12-05h H8).
  // A list before it is corrected whole ("江宁、浦口，不对，六合"). The one rule the live preview reads too (need-places.ts).
  for (const [k, back] of takenBackPlaces(notes, places).entries()) if (back) out[k] = "open";
  return out;
}
/**
 * The rest of a place's clause after it, up to the next place when that is in the clause, without the words before the next
 * that are its own (wordsBetween): "Pukou (not Jiangning)" — the "not" is Jiangning's, nothing is said against Pukou (places34).
 */
function afterInClause(notes: string, span: readonly [number, number], next?: readonly [number, number]): string {
  const after = clauseAround(notes, span).after;
  if (!next || next[0] - span[1] > after.length) return after;
  return wordsBetween(notes, span, next) === "q" ? "" : notes.slice(span[1], next[0]);
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
  /❌|❎|✗|✘|✖|✕|×|╳|[(（]\s*x\s*[)）]|🚫|⛔|🙅|👎|✅|✔|✓|☑|√|👍|⭕|🆗|👌|💯|⭐|🌟|🙆|○|◯|〇|👌|💯|⭐|🌟|🙆|○|◯|〇|的话|第一|第二|第三|其后|不|要|选|找|希望|意向|否则|退而求其次|凑合|考虑|看中|看好|相中|\d[.、)）]|[①-⑩]|方案|选项|option|别|避开|除|排除|算了|免了|太|有点|有些|比较|稍|只|仅限|就要|必须|一定要|就在|非得|非要|莫属|选一|次之|可|行|没问题|能接受|无所谓|未必|最好|尽量|尽可能|优先|首选|其次|次选|备选|倾向|更想|为佳|更好|以外|之外|pass|except|avoid|only|\bno\b|ng\b|ok|fine|prefer|ideally|out\b|backup|fallback|alternative|second|first|third|top\s+choice|then|otherwise|else|yes\b|want|need|choose|pick|like|looking|interested|please|not\b|n['’]t\b|plan\s+[ab]\b/gi;
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
  const first = lookedUp(s, i, budget);
  if (!first) return null;
  const names: NameAt[] = [{ start: i, end: first.end, parts: first.parts, zone: first.zone }];
  while (budget.left > 0) {
    const end = names[names.length - 1].end;
    const joiner = JOINER_AT.exec(s.slice(end, end + JOINER_REACH));
    if (!joiner) break;
    const start = end + joiner[0].length;
    const next = lookedUp(s, start, budget);
    // A word after the joiner that names no division ("高淳和客户谈"): the names so far are the group.
    if (!next) break;
    names.push({ start, end: next.end, parts: next.parts, zone: next.zone });
  }
  return names;
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

/** Whether a place as typed is written in Latin letters only (no Han): an English or pinyin name. */
function isLatinText(text: string): boolean {
  return /[A-Za-z]/.test(text) && !/\p{Script=Han}/u.test(text);
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
