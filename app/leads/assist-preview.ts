import { ASSIST_FIELDS, assistFormField, notesAreaInMu, planAssist, planHints, type TypedArea } from "~/domain/need-assist";
// The inquiry form's script takes the preview and the boxes' reading from one chunk fetched as the page is up (docs/decisions/128).
export { typedAreaOf } from "~/domain/need-assist";
import { refusedDeals } from "~/domain/deal-refusal";
import { NOTES_MAX } from "~/domain/field-limits";
import { refusedKinds } from "~/domain/kind-refusal";
import { NEED_KINDS } from "~/domain/lead-fields";
import { formatWan } from "~/domain/money-format";
import { describeNeedHints } from "~/domain/need-hints-text";
import { findListedPlaceCandidates, findPlaceMentions, JOINED, takenBackPlaces } from "~/domain/need-places";
import { findLatinPlaceMentions } from "~/domain/need-places-en";
import type { NotesExtractor } from "~/domain/need-text";
import { notesAreaDiffer } from "~/domain/notes-area-differ";
import { clausesNotRead } from "~/domain/notes-clauses-not-read";
import { placePhrasesAsMarks } from "~/domain/place-phrases";
import { findRuledPlaceCandidates, ownStance, placeStances } from "~/domain/place-stance";
// A refusal right before an English place ("not in Liuhe", "except Gaochun"): the server's words (ADR 154), not a copy.
import { REFUSED_BEFORE_EN } from "~/domain/place-words-en";
import { unitWord } from "~/domain/unit-count-text";
import type { Lng } from "~/i18n/lng";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { refusalMessages } from "~/i18n/refusal-messages";
import { ui } from "~/i18n/ui-messages";
import { looksLikePlaceName } from "~/leads/place-like";
import type { PickProblem, RegionFix } from "~/leads/region-picker";
import { type SetAsideSaid, setAsideText } from "~/leads/set-aside-text";

/**
 * The form's need fields that stop the assist from filling them when typed in (need-assist.ts: `filled`),
 * and the regions field, which stops the notes' places from filling it (note-regions.ts).
 */
export const ASSIST_FORM_FIELDS = [...ASSIST_FIELDS.map(assistFormField), "regions"];

/** The tax box (its full form name): typed in, the notes' tax does not fill it (`filled` may hold it beside ASSIST_FORM_FIELDS). */
export const TAX_FIELD = "tax.annualTaxWan";
/** The investment and output boxes, in `filled` when typed: the notes' figure then fills nothing (docs/decisions/203). */
export const AMOUNT_FIELDS = ["tax.investmentWan", "tax.annualOutputWan"] as const;

/**
 * The assist's preview under the notes, each one line of text, "" when empty: "understood" and "unread"
 * (the figures), and "places" — the places named in the notes, to be checked on sending.
 */
export type AssistPreview = {
  understood: string;
  unread: string;
  /** Figures wished for, not required (docs/decisions/153): "希望有（非必须）：行车（10t）" — a line of its own, "" when none. */
  wished: string;
  /**
   * What the notes say against the boxes typed (docs/decisions/165): the area ("两栋厂房，每栋3000平左右 ≠ ≤ 3000㎡") by the
   * schema's rule (notes-area-differ.ts), the unit count ("3栋 ≠ 2栋") — as the lead's `notesDiffer` flags will; "" when none.
   */
  differs: string;
  places: string;
  /**
   * The notes' clauses no reader used, as the confirmation page and the hotline list them (notes-clauses-not-read.ts, the one
   * rule; docs/decisions/180): "要有月台；双回路供电". "" when none — and until the money reader has come (`extras`): a budget
   * would be listed otherwise.
   */
  notRead: string;
  /** Names said without a marker that only the server can tell to be places (`known` had no answer): to look up (ADR 131). */
  lookUp: string[];
  /**
   * Names several places share ("Lishui": 溧水区 or 丽水市; `known` answered with the resolver's suggestions): the question and a
   * choice per place, each the regions box's text with that place (ADR 154). Empty while the regions box is typed in.
   */
  choices: PlaceChoice[];
};

/**
 * One name several places share: what is asked (in the page's language), the buttons' group name (`group`: never the regions box's
 * label, which a look-up by label must find once; ADR 140) and a button per place.
 */
export type PlaceChoice = { name: string; question: string; group: string; options: RegionFix[] };

/**
 * The server's answer for one name (GET /api/regions?resolve=, resolvePicked): the divisions' full names, or why it was not
 * taken with the places it may be. The preview asks it of the names it cannot settle itself.
 */
export type PlaceAnswer = { resolved: string[] } | { problem: PickProblem };

/**
 * What the inquiry form shows under the notes: exactly what the schema will store from them (the one rule
 * in app/domain/need-assist.ts), never more — no kind or deal, nothing for a field the person filled in.
 * Places are the exception the browser cannot settle: which division a place names needs the server's
 * resolver (note-regions.ts), so "places" names them with the rule that decides on sending, and only
 * while the regions field is blank (the rule's first condition). The hotline desk replaces that line
 * with the server's answer (app/hotline/desk.server.ts notesPlaces).
 * `filled`: names from ASSIST_FORM_FIELDS with something typed (a ticked box counts), and TAX_FIELD when the
 * tax box holds something (a form with no tax box, the hotline's, never does); `kind` the need's
 * kind as chosen ("land" words the area for land); `extras`: the money reader (need-money.ts
 * extractMoney) where the page has it — the hotline's form always, the inquiry form's script once its
 * later chunk has come (lead-form-validation.ts). Worked out by the server render and, as the person
 * types, by the form's script (app/leads/inquiry-form-script.ts) — the same function for both.
 * `known`: the server's answer for a name (PlaceAnswer; `true`/`false` for named or not), undefined while not asked.
 * `typedArea`: the area boxes in ㎡ (need-assist.ts typedAreaOf), so that the notes' unread area words are
 * dropped only when they say the same as the boxes (docs/decisions/122).
 */
export function assistPreview(
  notes: string,
  filled: ReadonlySet<string>,
  lng: Lng,
  kind: string | undefined,
  extras?: readonly NotesExtractor[],
  typedArea?: TypedArea,
  known?: (name: string) => PlaceAnswer | boolean | undefined,
): AssistPreview {
  const plan = planAssist(notes, filled, new Date(), extras, kind, typedArea);
  const between = punctuationMessages.t(lng, "clauses");
  // A typed regions box wins (ADR 091), the notes' places still said (ADR 113 amended; the server flags those it leaves out).
  // Names said without a marker ("江宁、浦口都行", "浦口优先，其次江宁") are shown once the server's resolver named them
  // (`known`: the form's script asks GET /api/regions?resolve=, ADR 131); the others are to look up.
  // Places named in English after in/near/move to ("in Jiangning or Pukou"), capitalised: shown as the Chinese ones are
  // (trial 12-05f: the confirmation listed them, the live preview did not). Lower-case candidates stay the server's.
  // The notes as the server's place reader reads them (note-regions.ts): the place phrases written as marks ("江宁 哦不 浦口",
  // "不是江宁就是浦口", "Jiangning rather than Pukou"; place-phrases.ts, ADR 161) — the same length, so every span is one into the
  // notes as typed, and each place is quoted from them (docs/decisions/168: the preview read the phrases as typed, the save did not).
  const read = notes.length > NOTES_MAX ? notes : placePhrasesAsMarks(notes);
  const typed = <T extends { text: string; span: [number, number] }>(m: T): T => ({ ...m, text: notes.slice(m.span[0], m.span[1]) });
  const refused = (m: { span: readonly [number, number] }) => REFUSED_BEFORE_EN.test(read.slice(Math.max(0, m.span[0] - 24), m.span[0]));
  // Capitalised English names (need-places-en.ts); `named` false: one alone beside a stance or a size ("Need 5000 sqm, Lishui").
  const latin = findLatinPlaceMentions(read)
    .filter((m) => !refused(m))
    .map(typed);
  const marked = [...findPlaceMentions(read).map(typed), ...latin.filter((m) => m.named && !m.bare)];
  // English names the server reads without a marker — a list or a name alone in its clause ("Need 5000 sqm, Gaochun") — are
  // listed as the Chinese ones are: shown once the resolver named them (ADR 154: English places named live, not only on sending).
  // Names a ruling word touches ("江宁除外", "除江宁区外", "江宁、浦口都不要"): asked too, as the server finds them by the division names
  // (note-regions.ts findRuledPlaces) — the preview showed none of them, and listed their clause as not read (readers40).
  const listedZh = findListedPlaceCandidates(read).map(typed);
  const ruled = findRuledPlaceCandidates(read)
    .map(typed)
    .filter((c) => !listedZh.some((l) => l.span[0] === c.span[0] && l.span[1] === c.span[1]));
  const listed = [...listedZh, ...ruled, ...latin.filter((m) => !m.named || m.bare)].filter(
    (c) => !marked.some((m) => c.span[0] < m.span[1] && m.span[0] < c.span[1]),
  );
  // Only names that look like places are sent (place-like.ts, docs/decisions/137): a person's name never leaves the page.
  // English names after a marker too: the server's answer tells a name several places share (ADR 154).
  const asked = [...listed, ...marked];
  const lookUp = known ? asked.filter((c) => known(c.text) === undefined && looksLikePlaceName(c.text)).map((c) => c.text) : [];
  // `true`/`false`: named or not, no more said (the hotline's and the tests' resolvers).
  const answer = (text: string): PlaceAnswer | undefined => {
    const a = known?.(text);
    return a === true ? { resolved: [] } : a === false ? { problem: { message: "", suggestions: [] } } : a;
  };
  // A run named whole ("江宁浦口") is shown by its parts when they are the places; a name several share is shown, and asked.
  const resolvedName = (c: { text: string }) => {
    const a = answer(c.text);
    return a !== undefined && ("resolved" in a || a.problem.suggestions.length > 1);
  };
  // A ruled candidate is a place read only where words rule it or a name listed with it (the server's rule: findRuledPlaces).
  const ruledHere = (c: (typeof ruled)[number]) =>
    ownStance(read, c.span) !== null ||
    ruled.some((o) => o !== c && resolvedName(o) && ownStance(read, o.span) !== null && joinedWith(read, c.span, o.span));
  const named = listed.filter((c) => resolvedName(c) && (!ruled.includes(c) || ruledHere(c)));
  const parts = named.filter((c) => !named.some((o) => o !== c && c.span[0] <= o.span[0] && o.span[1] <= c.span[1]));
  // A place a correction takes back ("在江宁，哦不，在浦口", "江宁，就是浦口") is not one to check: the save fills the one meant and
  // tells the other (need-places.ts takenBackPlaces, the server's own rule).
  const shown = [...marked, ...parts].sort((a, b) => a.span[0] - b.span[0]);
  const back = takenBackPlaces(read, shown);
  // Every place the notes name reads its clause with its stance words, as the server's rule counts its places (ADR 180): the
  // marked ones (refused ones too), and a name without a marker once the resolver named it — until then its clause is listed,
  // as the server would list a name it does not know ("要独门独院" is a candidate, no place).
  // A place its words leave open ("江宁以外也行", "不一定在江宁") is not one the preview reads: its clause stays listed, as the server
  // tells it unread (ADR 118; readers40: the preview said it nowhere).
  const placeTexts = [
    ...findPlaceMentions(read).map(typed),
    ...findLatinPlaceMentions(read)
      .filter((m) => m.named && !m.bare)
      .map(typed),
    ...named,
  ]
    .filter((m) => ownStance(read, m.span) !== "open")
    .map((m) => m.text);
  const notRead =
    extras && notes.length <= NOTES_MAX ? clausesNotRead(notes, { kind, at: new Date(), extras, said: placeTexts }).join(between) : "";
  // What the words around each place say of it, by the server's own stance rules (place-stance.ts, docs/decisions/188; trial39
  // M3: "不要江宁", "江宁除外", "别在江宁" were shown as places to fill): one ruled out is said as such, never as one to check; one
  // neither wanted nor ruled out ("不一定在江宁") is not one to check either (the server tells its clause as unread).
  const stance = placeStances(read, shown);
  const once = (l: string[]) => l.filter((t, i, all) => all.indexOf(t) === i);
  const places = once(shown.filter((_, i) => !back[i] && (stance[i] === "in" || stance[i] === "wish")).map((p) => p.text));
  const refusedPlaces = once(shown.filter((_, i) => stance[i] === "out").map((p) => p.text)).filter((t) => !places.includes(t));
  // Which of the places it may be (ADR 154): only while the regions box is blank — typed, the box decides (ADR 091).
  const choices = filled.has("regions") ? [] : placeChoices(places, answer, lng);
  const placesKey = filled.has("regions") ? "need.placesBesideBox" : "need.placesToCheck";
  // The tax the notes give fills a blank tax box (the hotline has none); budgets are read out, never stored as a field.
  const taxFills = plan.tax && !filled.has(TAX_FIELD) ? plan.tax : undefined;
  // So do the investment and output (docs/decisions/203): a range's lower figure, said with the range as the tax's is.
  const amountFills = (plan.amounts ?? []).filter((a) => !filled.has(`tax.${a.field}`));
  const hints = {
    ...planHints(plan),
    ...(taxFills && !taxFills.range ? { annualTaxWan: taxFills.value } : {}),
    ...Object.fromEntries(amountFills.filter((a) => !a.range).map((a) => [a.field, a.value])),
  };
  // A range of tax ("年纳税800到1000万") fills its lower figure, said as such (docs/decisions/168): never as if 800 were said.
  const taxRange = taxFills?.range
    ? [ui(lng, "need.taxRangeRead", { text: taxFills.text, amount: formatWan(lng, taxFills.value, "year") })]
    : [];
  const amountRanges = amountFills
    .filter((a) => a.range)
    .map((a) =>
      ui(lng, "need.amountRangeRead", { text: a.text, amount: formatWan(lng, a.value, a.field === "annualOutputWan" ? "year" : "") }),
    );
  const budget = plan.budget.map((f) => ui(lng, "need.budgetRead", { text: f.text }));
  // Figures read but no requirement (docs/decisions/110): said, so the person sees why they were not filled.
  const aside = plan.setAside.map((f) => setAsideText(lng, { code: f.code as SetAsideSaid["code"], text: f.text }));
  // A deal the notes refuse ("只租不买", "lease only"): said live as the save will flag it (`dealRefused`, docs/decisions/162, 168),
  // with the staff pages' words (refusal-messages.ts) — the agent and the person hear that buying will never be suggested.
  const dealsRefused = (notes.length > NOTES_MAX ? [] : refusedDeals(notes)).map((r) =>
    ui(lng, "need.dealRefusedRead", { text: refusalMessages.t(lng, `deal.${r.deal}`, { text: r.text }) }),
  );
  // Units of different sizes (docs/decisions/141, 147): said with the words they were read from, as the page says them after sending.
  const sizes = plan.unitSizes.map((f) => ui(lng, "need.unitSizesRead", { text: f.text }));
  // Figures wished for (docs/decisions/153): on a line of their own, never as "not read" — the person sees the wish was heard.
  const wished = plan.wished.length
    ? ui(lng, "need.wishedRead", { text: plan.wished.map((f) => f.text).join(punctuationMessages.t(lng, "list")) })
    : "";
  // What the notes say against the boxes (docs/decisions/165): live, as the schema flags it on sending — the hotline agent
  // hears it while the caller is on the line (trial36 HIGH-1: "两栋厂房，每栋3000平左右" beside 6000 said nothing).
  const [w] = unitWord(kind ?? "");
  const countSaid = plan.notesSay.find((f) => f.field === "unitCount");
  // The kind ticked is one the notes refuse ("不要厂房，要地" beside 厂房, docs/decisions/197): said live, as the save asks or flags it.
  const kindRefused = notes.length > NOTES_MAX ? undefined : refusedKinds(notes).find((r) => r.kind === kind);
  const differs = [
    ...(kindRefused ? [`${kindRefused.text} ≠ ${ui(lng, `need.kind.${kindRefused.kind}`)}`] : []),
    ...notesAreaDiffer(plan.notesArea, kind, typedArea?.minSqm, typedArea?.maxSqm).map((f) => f.text),
    ...(countSaid && typedArea?.count !== undefined && countSaid.value !== typedArea.count
      ? [`${String(countSaid.value)}${w} ≠ ${String(typedArea.count)}${w}`]
      : []),
  ];
  return {
    differs: differs.length ? ui(lng, "need.notesDifferRead", { text: differs.join(between) }) : "",
    understood: [
      ...describeNeedHints(
        hints,
        lng,
        NEED_KINDS.find((k) => k === kind),
        kind === "land" || notesAreaInMu(plan.fills),
      ),
      ...taxRange,
      ...amountRanges,
      ...dealsRefused,
      ...sizes,
      ...budget,
      ...aside,
    ].join(between),
    unread: plan.unread.map((f) => f.text).join(between),
    notRead,
    wished,
    places: [
      places.length ? ui(lng, placesKey, { places: places.join(punctuationMessages.t(lng, "list")) }) : "",
      refusedPlaces.length ? ui(lng, "need.placesExcluded", { places: refusedPlaces.join(punctuationMessages.t(lng, "list")) }) : "",
    ]
      .filter(Boolean)
      .join(between),
    lookUp,
    choices,
  };
}

/** The kind a city's name ends in, in a full path (市): a code point, as it is no text a person reads (ADR 026). */
const CITY_KIND = String.fromCodePoint(0x5e02);

/**
 * The names of `places` the server answered with two or more places (a name several share), each with a button per place: its
 * value the places as the regions box will hold them, that name replaced by the place's full name (the others as typed: the box
 * resolves them). Pressed, the box is filled and wins over the notes (ADR 091), so nothing is guessed.
 */
function placeChoices(places: readonly string[], answer: (name: string) => PlaceAnswer | undefined, lng: Lng): PlaceChoice[] {
  const list = punctuationMessages.t(lng, "list");
  // The server reads a name in Latin letters several share as the one in the city all the others lie in ("Jiangning or Lishui":
  // 溧水区 of 南京; note-regions.ts inCity): not asked here either. A path's city: all but its last division ("江苏省南京市").
  const cityOf = (path: string) => path.slice(0, path.lastIndexOf(CITY_KIND, path.length - 2) + 1);
  const cities = new Set(
    places.flatMap((p) => {
      const a = answer(p);
      return a && "resolved" in a ? a.resolved.map(cityOf) : [];
    }),
  );
  const out: PlaceChoice[] = [];
  for (const name of places) {
    const a = answer(name);
    if (!a || "resolved" in a || a.problem.suggestions.length < 2) continue;
    const city = [...cities][0];
    const inCity = cities.size === 1 && city !== "" && a.problem.suggestions.filter((s) => cityOf(s.path) === city).length === 1;
    if (inCity && /^[A-Za-z][A-Za-z' -]*$/u.test(name)) continue;
    out.push({
      name,
      question: ui(lng, "need.placeWhich", { name }),
      group: ui(lng, "need.placeWhichGroup", { name }),
      options: a.problem.suggestions.map((s) => ({ label: s.label, value: places.map((p) => (p === name ? s.path : p)).join(list) })),
    });
  }
  return out;
}

/** Whether two names are one list: nothing but a joiner between them (need-places.ts JOINED). */
function joinedWith(notes: string, a: readonly [number, number], b: readonly [number, number]): boolean {
  const [p, q] = a[0] < b[0] ? [a, b] : [b, a];
  return p[1] <= q[0] && JOINED.test(notes.slice(p[1], q[0]));
}
