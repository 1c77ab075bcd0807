import { parseArea, saysMu } from "./area";
import { refusedDeals } from "./deal-refusal";
import { FIGURE_BOX_MAX, NOTES_MAX } from "./field-limits";
import type { LeadFlag } from "./lead-flags";
import { UNIT_COUNT_MAX } from "./matching/area-window";
import { type NeedHints, type NotesExtractor, parseNeedText, type SetAsideWhy, type UnreadArea } from "./need-text";
import { amountTextIsRange, taxTextIsRange } from "./tax-box-reading";
import { readUnitCount } from "./unit-count-read";

/**
 * Which blanks the free-text assist fills, decided in ONE place: the lead schema stores exactly this, and
 * the form shows exactly this ("the assist understood: …"), so the two can never differ.
 *
 * Rules: the notes never override a field the person filled; the area comes from the notes only when
 * both area bounds are blank; the kind is never taken from the notes (a required choice the person makes);
 * the deal is, where its box may be left blank (the hotline's forms: "只租不买", "不考虑购买" — it was
 * stored as 租买均可, docs/decisions/109), and a chosen deal the notes contradict is flagged. The unit count
 * ("3栋厂房，每栋5000平": 3, docs/decisions/130) fills a blank count box, beside typed area boxes too (docs/decisions/165). Everything the notes parser saw a number in but could not use comes back as an
 * `unread` flag for the recruiter ("未能识别：…").
 */
export const ASSIST_FIELDS = [
  "deal",
  "areaMinSqm",
  "areaMaxSqm",
  "ceilingMinM",
  "floorLoadMinKg",
  "powerMinKva",
  "craneMinT",
  "singleStorey",
  "moveInBy",
  "unitCount",
] as const;
export type AssistField = (typeof ASSIST_FIELDS)[number];

/** The form field (name under `need.`) that holds an assist field: the area bounds are typed as areaMin/areaMax. */
export function assistFormField(field: AssistField): string {
  return field === "areaMinSqm" ? "areaMin" : field === "areaMaxSqm" ? "areaMax" : field;
}

export type AssistPlan = {
  /** The values the assist will store (area in ㎡), each with the words it came from. */
  fills: Array<{ field: AssistField; value: number | boolean | string; text: string }>;
  unread: LeadFlag[];
  /** The area the notes say when the fields hold one (the fields win; the schema flags a contradiction: notesDiffer). */
  notesArea?: { minSqm?: number; maxSqm?: number; text: string };
  /**
   * What the notes say of the other need fields the person filled: the box wins, and the schema flags a
   * box the notes contradict (notesDiffer, docs/decisions/101: "层高至少10米" beside a box of 6).
   */
  notesSay: Array<{ field: Exclude<AssistField, "areaMinSqm" | "areaMaxSqm">; value: number | boolean | string; text: string }>;
  /**
   * The expected annual tax the notes give (tax.annualTaxWan): it fills a blank box, else it is compared with the box.
   * `range`: the notes gave a range ("年纳税800到1000万") and `value` is its lower figure (docs/decisions/168).
   */
  tax?: { value: number; text: string; range?: true };
  /**
   * The investment and the expected annual output the notes give (tax.investmentWan, tax.annualOutputWan): each fills its blank
   * box, else is compared with it, as the tax is (docs/decisions/203). `range`: a range was said, `value` its lower figure (ADR 189).
   */
  amounts?: AmountFromNotes[];
  /** Budget, rent and price words (no field holds them), as typed: `budget` flags on need.notes for the recruiter. */
  budget: LeadFlag[];
  /**
   * Figures read but kept out of the need (docs/decisions/110): the enterprise's own or present premises
   * (`ownPremises`: "我们自己有10吨行车", "原厂房层高12米") and items said not to be needed (`notNeeded`:
   * "不需要行车，…"), each its clause as typed, and areas tied to another use than the lead's kind
   * (`otherUse`: "1000平办公楼" on a factory lead, docs/decisions/112), the figure with its use word —
   * readings for the recruiter (flag-messages.ts isReadingFlag).
   */
  setAside: LeadFlag[];
  /**
   * The notes' area is a ceiling only, read from a refusal of the side above ("6000平以上的车间，太大了，不用"): stored as
   * at most that figure, and told — the size needed was not said (`areaCeilingOnly`, docs/decisions/132). Empty when
   * the area boxes were typed (the boxes are the area).
   */
  ceilingOnly: LeadFlag[];
  /**
   * Units of different sizes the area was read from ("一栋3000平一栋5000平": 2 units, each 3000–5000 ㎡): told, so the recruiter
   * checks which sizes a park's units must have (`unitSizesDiffer`, docs/decisions/141). Empty when the area boxes were typed
   * (its words say each unit was matched between the sizes; beside typed boxes the boxes' total is matched).
   */
  unitSizes: LeadFlag[];
  /**
   * Figures the notes wish for, not require ("最好带行车（10t）", "ideally a 10t crane", "crane 10t (optional)"): no field filled —
   * a wish is never a filter (ADR 097) — and said apart from the words not read (`wished`, docs/decisions/153).
   */
  wished: LeadFlag[];
};

/** An amount of the tax group the notes give (AssistPlan.amounts). */
export type AmountFromNotes = { field: "investmentWan" | "annualOutputWan"; value: number; text: string; range?: true };

/**
 * `filled`: the need fields the person typed something into (areaMin/areaMax count for both area hints).
 * `now`: the clock relative move-in words count from ("明年3月前", "下个月"); without it no move-in month
 * is read from the notes. `extras`: more readers of the notes (need-money.ts extractMoney: the tax and
 * budgets), which the inquiry form's first load leaves out; without them `tax` and `budget` stay empty.
 * `kind`: the need's kind as chosen (need.kind); an area figure the notes tie to another use ("1000平办公楼
 * +5000平厂房" on a factory lead) never fills the area and is set aside as `otherUse` (docs/decisions/112).
 * Without it (nothing chosen yet) no figure is set aside for its use: the first figure is read, as before.
 */
export function planAssist(
  notes: string | undefined,
  filled: ReadonlySet<string>,
  now?: Date,
  extras?: readonly NotesExtractor[],
  kind?: string,
  typedArea?: TypedArea,
): AssistPlan {
  // Notes over the box's limit are refused by the schema: read, they cost seconds (NOTES_MAX).
  if (!notes || notes.length > NOTES_MAX)
    return { fills: [], unread: [], notesSay: [], budget: [], setAside: [], ceilingOnly: [], unitSizes: [], wished: [] };
  const { hints, found, unread, unreadArea, budget, setAside, ceilingOnly, unitSizes, wished } = parseNeedText(notes, now, extras, kind);
  // A deal the notes refuse is never in the deal they give ("租的不要，只买" read both words as 租买均可): "either" less the refused
  // one, by the refusal's one reader (deal-refusal.ts, docs/decisions/162, 168) — the box, the flag and the live reading agree.
  const refused = refusedDeals(notes);
  if (hints.deal === "either" && refused.length === 1) hints.deal = refused[0].deal === "lease" ? "buy" : "lease";
  const textOf = (field: keyof NeedHints) => found.find((f) => f.field === field)?.text ?? "";
  const fills: AssistPlan["fills"] = [];
  const areaTyped = filled.has("areaMin") || filled.has("areaMax");
  // A typed count the notes' count contradicts (docs/decisions/135): the box wins, as every box does, and the
  // notes' area — read as each unit's size times their count — is kept as each unit's size, times the box's
  // count. Their total beside the box's count would be a size per unit nobody said ("3栋，每栋5000平" with 2
  // typed: 2 × 7500). Flagged on the count (notesSay → lead-schema.ts boxesNotesDiffer).
  // One rule for every channel (the form, the hotline, the API: the schema's plan): each unit's size is the one the notes
  // said (`unitAreaMinSqm`/`unitAreaMaxSqm`), not their total over their count — "每栋5000平，共16000平" with 2 typed is
  // 2 × 5000, not 2 × 16000/3 (docs/decisions/141). A typed count that is no count (refused on its field) changes nothing.
  const typedCount = filled.has("unitCount") ? typedArea?.count : undefined;
  const notesCount = hints.unitCount;
  const recount =
    !areaTyped &&
    notesCount !== undefined &&
    typedCount !== undefined &&
    Number.isInteger(typedCount) &&
    typedCount >= 2 &&
    typedCount <= UNIT_COUNT_MAX &&
    typedCount !== notesCount;
  const areaOf = (field: "areaMinSqm" | "areaMaxSqm", value: number): number => {
    if (!recount) return value;
    const unit = field === "areaMinSqm" ? hints.unitAreaMinSqm : hints.unitAreaMaxSqm;
    return Math.round((unit ?? value / notesCount!) * typedCount! * 100) / 100;
  };
  let notesArea: AssistPlan["notesArea"];
  const notesSay: AssistPlan["notesSay"] = [];
  for (const field of ASSIST_FIELDS) {
    const value = hints[field];
    if (value === undefined) continue;
    const area = field === "areaMinSqm" || field === "areaMaxSqm";
    // The notes' count fills a blank count box beside typed area boxes too (docs/decisions/165, trial36 HIGH-1: "两栋厂房，
    // 每栋3000平" beside 最小面积 6000 was dropped and the lead matched one 12,000 ㎡ building): the boxes stay the area,
    // the notes' total (each unit's size × the count) is compared with them (notesArea → lead-schema.ts notesDiffer).
    if (area && areaTyped)
      notesArea = { ...notesArea, [field === "areaMinSqm" ? "minSqm" : "maxSqm"]: value, text: notesArea?.text || textOf(field) };
    else if (!area && filled.has(assistFormField(field))) notesSay.push({ field, value, text: textOf(field) });
    if (area ? areaTyped : filled.has(assistFormField(field))) continue;
    fills.push({ field, value: area ? areaOf(field, value as number) : value, text: textOf(field) });
  }
  const taxText = textOf("annualTaxWan");
  const tax =
    hints.annualTaxWan === undefined
      ? undefined
      : { value: hints.annualTaxWan, text: taxText, ...(taxTextIsRange(taxText) ? { range: true as const } : {}) };
  const amounts = (["investmentWan", "annualOutputWan"] as const).flatMap((field): AmountFromNotes[] => {
    const value = hints[field];
    if (value === undefined) return [];
    const text = textOf(field);
    return [{ field, value, text, ...(amountTextIsRange(text) ? { range: true as const } : {}) }];
  });
  return {
    fills,
    ...(amounts.length ? { amounts } : {}),
    // Area words the notes could not read ("几千平") are no doubt once a person typed the area boxes: the boxes
    // are the area (a trial, 2026-12-04: the flag stayed after staff typed the area by hand; docs/decisions/117).
    // Only those that say the same as the boxes (docs/decisions/122): not another use's ("宿舍要几百平"), nor of
    // another order of size than typed ("要上万平" beside 1000).
    unread: unread
      .filter((text) => !(areaTyped && unreadArea.some((u) => u.text === text && sameAsTyped(u, typedArea))))
      .map((text) => ({ field: "need.notes", code: "unread" as const, text })),
    notesArea,
    notesSay,
    ...(tax ? { tax } : {}),
    budget: budget.map((text) => ({ field: "need.notes", code: "budget" as const, text })),
    setAside: setAside.map(({ text, why }) => ({ field: "need.notes", code: ASIDE_CODES[why], text })),
    ceilingOnly: areaTyped ? [] : ceilingOnly.map((text) => ({ field: "need.notes", code: "areaCeilingOnly" as const, text })),
    unitSizes: areaTyped ? [] : unitSizes.map((text) => ({ field: "need.notes", code: "unitSizesDiffer" as const, text })),
    wished: wished.map((text) => ({ field: "need.notes", code: "wished" as const, text })),
  };
}

/**
 * The area boxes as typed, in ㎡ (either may be missing: an open side), and the unit-count box's number
 * (`count`; missing when blank or unreadable); see typedAreaOf.
 */
export type TypedArea = { minSqm?: number; maxSqm?: number; count?: number };

/**
 * The area boxes' text (`min`, `max`) in `unit` (sqm | mu) as ㎡ for planAssist, each read by area.ts parseArea
 * (unreadable: open), and the count box's text (`count`, unit-count-read.ts: "2", "两栋"), read as the schema reads it.
 */
export function typedAreaOf(min: string, max: string, unit: string, count = ""): TypedArea {
  // A box longer than FIGURE_BOX_MAX is refused by the schema unread, and is no figure here either: a refused form's page
  // read it again for its preview (attack37: a 60,000-character box, 2.5 s of the web process; ADR 171).
  const boxed = (v: string) => (v.length > FIGURE_BOX_MAX ? "" : v);
  const read = (v: string) => parseArea(boxed(v), unit === "mu" ? "mu" : "sqm") ?? undefined;
  return { minSqm: read(min), maxSqm: read(max), count: readUnitCount(boxed(count)) ?? undefined };
}

/**
 * Whether an unread area figure of the notes says the same as the typed area boxes (docs/decisions/122): not
 * tied to another use, and of sizes that meet the typed figures (one box typed: that figure; "上万平" beside a
 * typed 1000 is another order of size, told). Without the boxes'
 * values (`typed` undefined) only the use is looked at.
 */
function sameAsTyped(u: UnreadArea, typed: TypedArea | undefined): boolean {
  if (u.otherUse) return false;
  if (!typed || !u.sqm) return true;
  const lo = typed.minSqm ?? typed.maxSqm;
  const hi = typed.maxSqm ?? typed.minSqm;
  return lo === undefined || hi === undefined || (u.sqm[0] <= hi && u.sqm[1] >= lo);
}

const ASIDE_CODES = {
  own: "ownPremises",
  notNeeded: "notNeeded",
  otherUse: "otherUse",
  ruledOut: "areaRuledOut",
} as const satisfies Record<SetAsideWhy, LeadFlag["code"]>;

/**
 * The fills as NeedHints (for describeNeedHints). Units of different sizes (`unitSizes`, docs/decisions/141) add each
 * unit's bounds — the area filled over the count filled — so the preview says "每栋 3000–5000㎡" beside the total
 * (docs/decisions/147): "面积 6000–10000㎡" alone is a figure nobody said.
 */
export function planHints(plan: AssistPlan): NeedHints {
  const h = Object.fromEntries(plan.fills.map((f) => [f.field, f.value])) as NeedHints;
  const n = h.unitCount;
  if (plan.unitSizes.length === 0 || n === undefined || !(n >= 2)) return h;
  const each = (v: number | undefined) => (v === undefined ? undefined : Math.round((v / n) * 100) / 100);
  return { ...h, unitAreaMinSqm: each(h.areaMinSqm), unitAreaMaxSqm: each(h.areaMaxSqm) };
}

/**
 * The plan of an edit's notes with the text added in this edit read as newer than the boxes
 * (docs/decisions/109): `plan` reads the whole notes, `newer` the added text alone (its `filled`: only the
 * boxes the person changed in this edit, so it fills — over what they show — the boxes left as loaded).
 * A field the added text gives replaces what the whole notes say of it (its fill, its comparison with a
 * box); the area as one; the tax. What is unread or a budget stays the whole notes' (the added text is in them),
 * but for a figure the added text's reading used.
 */
export function withNewerNotes(plan: AssistPlan, newer: AssistPlan): AssistPlan {
  const given = new Set<string>([...newer.fills, ...newer.notesSay].map((f) => f.field));
  // The unit count is the area's (docs/decisions/130): newer words of the area replace it too.
  const area = (f: string) => f === "areaMinSqm" || f === "areaMaxSqm" || f === "unitCount";
  const areaGiven = [...given].some(area) || newer.notesArea !== undefined;
  const older = <T extends { field: string }>(xs: T[]) => xs.filter((f) => !given.has(f.field) && !(areaGiven && area(f.field)));
  const tax = newer.tax ?? plan.tax;
  const amounts = [...(plan.amounts ?? []).filter((a) => !newer.amounts?.some((n) => n.field === a.field)), ...(newer.amounts ?? [])];
  const readNow = [...newer.fills, ...newer.notesSay, ...(newer.notesArea ? [newer.notesArea] : []), ...(newer.tax ? [newer.tax] : [])].map(
    (f) => f.text,
  );
  return {
    fills: [...older(plan.fills), ...newer.fills],
    notesSay: [...older(plan.notesSay), ...newer.notesSay],
    ...(areaGiven ? (newer.notesArea ? { notesArea: newer.notesArea } : {}) : plan.notesArea ? { notesArea: plan.notesArea } : {}),
    ...(tax ? { tax } : {}),
    ...(amounts.length ? { amounts } : {}),
    // A figure of the added text the whole notes could not place (it came after an older one) is read now.
    unread: plan.unread.filter((u) => !readNow.some((t) => t.includes(u.text))),
    budget: plan.budget,
    setAside: plan.setAside, // the whole notes' (docs/decisions/110): the added text is in them
    ceilingOnly: areaGiven ? newer.ceilingOnly : plan.ceilingOnly, // the area's (docs/decisions/132)
    unitSizes: areaGiven ? newer.unitSizes : plan.unitSizes, // the area's (docs/decisions/141)
    wished: plan.wished, // the whole notes' (the added text is in them)
  };
}

/**
 * Whether the area the notes fill was said in 亩 ("要50亩地", "土地30-50亩", "约二十亩"): said back in 亩 then, as the schema
 * stores it (areaUnit "mu", lead-schema.ts; docs/decisions/180).
 */
export function notesAreaInMu(fills: readonly { field: string; text: string }[]): boolean {
  return fills.some((f) => (f.field === "areaMinSqm" || f.field === "areaMaxSqm") && saysMu(f.text));
}
