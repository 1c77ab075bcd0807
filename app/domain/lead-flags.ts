import { storedCountIn, ZH_UNIT_WORDS } from "./unit-count-text";

/**
 * A note the intake leaves for the recruiter: something it read but doubts, never dropped silently.
 * `field` is the dotted field name (`tax.annualTaxWan`, `need.notes`, `company.creditCode`, …).
 */
export type LeadFlagCode =
  | "unread"
  | "implausible"
  | "areaForKind"
  | "notesDiffer"
  | "creditCodeCheck"
  | "phoneNote"
  | "budget"
  | "repeat"
  // docs/decisions/110: figures the notes give that are no requirement, places the notes rule out or only wish for.
  | "ownPremises"
  | "notNeeded"
  // docs/decisions/112: an area the notes tie to another use (办公楼, 宿舍 …) than the lead's kind.
  | "otherUse"
  // docs/decisions/112 (amended): an area figure the notes rule out ("不要5000平", "5000平的不行").
  | "areaRuledOut"
  | "placeExcluded"
  | "placeExcludedOpen"
  | "placeWished"
  // docs/decisions/131: a place preferred among the places filled ("浦口优先，其次江宁": both filled, 浦口 first).
  | "placePreferred"
  // docs/decisions/113 (amended): the regions box typed, the notes name places it does not cover (the box wins).
  | "placesNotInBox"
  // docs/decisions/132: the notes' area is a ceiling only, read from a refusal of the side above ("6000平以上…太大了，不用").
  | "areaCeilingOnly"
  // docs/decisions/141: units of different sizes ("一栋3000平一栋5000平"): each unit matched between the sizes.
  | "unitSizesDiffer"
  // docs/decisions/153: a figure the notes wish for, not require ("最好带行车（10t）"): no filter, said apart from the unread.
  | "wished"
  // docs/decisions/150: a box staff corrected on a call that the notes contradict — said as the correction, not a doubt.
  | "staffCorrected"
  // docs/decisions/162: a deal the notes refuse ("只租不买", "no purchase"): the words as typed; no advice toward it.
  | "dealRefused"
  // docs/decisions/185: the deal box says a deal the notes refuse ("我们要买地不租" beside 租赁): matched on the other deal.
  | "dealBoxRefused"
  // docs/decisions/197: the kind box is one the notes refuse ("不要厂房，要地" beside 厂房), from the API or a desk: told.
  | "kindBoxRefused"
  // docs/decisions/168: a tax typed or said as a range ("800-1000"): its lower figure stored, the range as typed kept.
  | "taxRange"
  // docs/decisions/189: the investment or output box typed as a range ("5000-8000万"): its lower figure stored, the range kept.
  | "amountRange";
/** The desk a member of staff worked at (a note's or a correction's source). */
export type StaffDesk = "hotline" | "recruiter" | "admin";
/**
 * `by` (a name), `source` and `at` (ISO time) only on a `staffCorrected` flag: who corrected the box, at which desk,
 * and when (need-corrections.ts).
 */
export type LeadFlag = { field: string; code: LeadFlagCode; text: string; by?: string; source?: StaffDesk; at?: string };

const CODES: readonly LeadFlagCode[] = [
  "unread",
  "implausible",
  "areaForKind",
  "notesDiffer",
  "creditCodeCheck",
  "phoneNote",
  "budget",
  "repeat",
  "ownPremises",
  "notNeeded",
  "otherUse",
  "areaRuledOut",
  "placeExcluded",
  "placeExcludedOpen",
  "placeWished",
  "placePreferred",
  "placesNotInBox",
  "areaCeilingOnly",
  "unitSizesDiffer",
  "wished",
  "staffCorrected",
  "dealRefused",
  "dealBoxRefused",
  "kindBoxRefused",
  "taxRange",
  "amountRange",
];

/**
 * The flags of a stored lead (`lead.flags` in the lead's JSON). Leads stored before flags existed have
 * none; anything malformed is skipped rather than shown.
 */
export function leadFlags(lead: unknown): LeadFlag[] {
  const flags = (lead as { flags?: unknown } | null)?.flags;
  if (!Array.isArray(flags)) return [];
  return flags.filter(
    (f): f is LeadFlag =>
      typeof f === "object" && f !== null && typeof f.field === "string" && typeof f.text === "string" && CODES.includes(f.code),
  );
}

/**
 * The reference of the earlier lead this one likely repeats (the intake's `repeat` flag: same phone and
 * same need within a short window, app/leads/intake.server.ts, ADR 102), or null.
 */
export function repeatOf(lead: unknown): string | null {
  return leadFlags(lead).find((f) => f.code === "repeat")?.text ?? null;
}

/** The deal codes a `notesDiffer` flag on need.deal carries (lead-schema.ts boxesNotesDiffer), as words of each language. */
const DEAL_WORDS: Record<string, { zh: string; en: string }> = {
  lease: { zh: "租赁", en: "lease" },
  buy: { zh: "购买", en: "buy" },
  either: { zh: "租买均可", en: "lease or buy" },
};

/** A box's deal as the flag's text writes it: its Chinese words and its code ("购买（buy）"). */
const BOX_DEAL = new RegExp(
  `(?:${Object.values(DEAL_WORDS)
    .map((w) => w.zh)
    .join("|")})（(lease|buy|either)）`,
  "g",
);

/**
 * A flag's text as a page in `lng` shows it. The stored text is one for both languages; a deal in it is
 * written with its code ("只租（lease） ≠ 购买（buy）", lead-schema.ts), which put English words in a Chinese
 * page (trial 12-05): the box's deal is said in the reader's words ("购买" / "buy"), the notes' reading after
 * their words likewise ("只租（租赁）" / "只租 (lease)"). Any other text is returned as stored.
 */
export function flagTextIn(lng: "zh" | "en", text: string): string {
  // A count's flag ("3栋 ≠ 2栋", docs/decisions/135): each side in the reader's words ("3 buildings ≠ 2 buildings").
  const counts = new RegExp(`^(\\d+[${ZH_UNIT_WORDS}])(?: ≠ (\\d+[${ZH_UNIT_WORDS}]))?$`).exec(text);
  if (counts)
    return [counts[1], counts[2]]
      .filter(Boolean)
      .map((c) => storedCountIn(c!, lng))
      .join(" ≠ ");
  return text
    .replace(BOX_DEAL, (_, code: string) => DEAL_WORDS[code][lng])
    .replace(/（(lease|buy|either)）/g, (_, code: string) => (lng === "zh" ? `（${DEAL_WORDS[code].zh}）` : ` (${DEAL_WORDS[code].en})`));
}
