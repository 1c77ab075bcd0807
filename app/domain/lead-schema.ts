import { z } from "zod";

import type { Lng } from "~/i18n/lng";
import { moveInExamplesText } from "~/i18n/move-in-examples";
import { punctuationMessages } from "~/i18n/punctuation-messages";
import { ui } from "~/i18n/ui-messages";
import { type ValidationKey, validationMessage } from "~/i18n/validation-messages";

import { formatMu, formatSqm, muToSqm, parseArea, sqmToMu } from "./area";
import { type AreaBound, areaBound, areaBoxText, PLAUSIBLE_AREA_SQM_BY_KIND, resolveAreaBounds } from "./area-bounds";
import { areaRemarksToNotes } from "./area-box-words";
import { creditCodeFormFault, type CreditCodeProblem, readCreditCode } from "./credit-code";
import { dealRefusalFlags, refusedDeals } from "./deal-refusal";
import { eiaNeedFromNotes } from "./eia-need";
import { normalizeEmail } from "./email";
import { FIELD_LIMITS, FIGURE_BOX_MAX, NOTES_MAX, PHONE_INPUT_MAX, PLAUSIBLE_AREA_SQM, PLAUSIBLE_MAX } from "./field-limits";
import { fieldPath } from "./field-path";
import { type FieldRole, looksNegative, readFieldNumber } from "./field-value";
import { areaRefusal, bareFloorLoad, ceilingRefusal, countedRefusal, type FigureRefusal, floorLoadRefusal } from "./figure-refusal";
import { fold } from "./fold-text";
import { cleanTyped } from "./format-chars";
import { findIndustry, normalizeIndustryCode } from "./industries";
import { refusedKinds } from "./kind-refusal";
import { AREA_UNITS, CHOICE_WORDS, choiceCode, EIA_LEVELS, NEED_DEALS, NEED_KINDS } from "./lead-fields";
import type { LeadFlag } from "./lead-flags";
import { UNIT_COUNT_MAX, unitCountOf } from "./matching/area-window";
import { parseCount, parseWan } from "./money";
import { type MoneyField, moneyPeriodRefusal, pastMoneyLabel, saysAmountUnknown } from "./money-labels";
import { isPastMoveInMonth, type MoveInRead, noSuchDateParams, readMoveIn } from "./move-in";
import {
  ASSIST_FIELDS,
  type AssistField,
  assistFormField,
  type AssistPlan,
  notesAreaInMu,
  planAssist,
  withNewerNotes,
} from "./need-assist";
import { extractMoney } from "./need-money";
import { REGION_JOINER, REGION_TRAILER } from "./need-places";
import { UNCLEAR_DIGITS } from "./need-text";
import { type NoteRegionsPlan, planNoteRegions, readPlaceList } from "./note-regions";
import { notesAreaDiffer } from "./notes-area-differ";
import { normalizePhone, wechatBoxIsPhone, wechatIsThisNumber } from "./phone";
import { regionNameMax, REGIONS_MAX } from "./region-name-limit";
import type { RegionProblem } from "./regions";
import { englishPathLabel, resolveRegions } from "./regions.server";
import { isRefused, MADE, refusal, type Refused } from "./schema-made";
import { accessWishes } from "./site-access";
import { taxRangeLow } from "./tax-box-reading";
import { readUnitCount } from "./unit-count-read";
import { unitWord } from "./unit-count-text";
import {
  FIGURE_LABELS,
  FIGURE_NOUNS_AFTER,
  parseCeilingM,
  parseCraneT,
  parseFloorLoadKg,
  parsePowerKva,
  readPastLabel,
  saysNoRequirement,
} from "./units";
import { wechatSameRefusals } from "./wechat";
import { readYesNo } from "./yes-no";

// The one lead schema: the inquiry form (browser and server), the JSON API and the hotline desk all
// parse with it. Values arrive as strings (forms) or JSON values (API); both are accepted.

export type LeadChannel = "web" | "api" | "hotline";

const LIMITS = {
  shortText: 100,
  longText: NOTES_MAX,
  regions: REGIONS_MAX,
  ...FIELD_LIMITS,
} as const;

/** Options of the schema; `now` is the clock that relative move-in dates ("下个月", "年底") count from. */
export type LeadSchemaOptions = {
  now?: () => Date;
  /**
   * Need fields (form names: areaMin, ceilingMinM, regions, …) the notes must not fill although blank:
   * on an edit, the fields that held a value when the form was filled — emptied, they are the person's
   * answer, not a blank for the assist (ADR 091). First intake passes none.
   */
  keepBlank?: ReadonlySet<string>;
  /**
   * On an edit, the notes' text added in it (need-edit.ts `newerNotes`), read as newer than the boxes
   * (docs/decisions/109): it fills the boxes in `over` (form names: the boxes left as they were loaded),
   * though they hold a value, and what it says replaces what the older notes say.
   */
  newerNotes?: { text: string; over: ReadonlySet<string> };
  /**
   * On an edit, the deal as stored before it: a deal box changed to one the notes refuse is the staff member's answer
   * (kept, told); one left as loaded is matched on the deal the notes leave (docs/decisions/185).
   */
  loadedDeal?: string;
  /** On an edit, the stored deal is a staff correction (need-corrections.ts): it stands, never overruled by the notes. */
  dealCorrected?: boolean;
};

/** A filled-in blank: which field the free-text assist set, to what, and from which words. */
export type AssistFill = { field: string; value: string | number | boolean; text: string };

type Msg = (key: ValidationKey, params?: Record<string, string | number>) => string;

/** The first GB 32100 rule a refused credit code breaks → its message. */
const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, ValidationKey> = {
  format: "creditCode",
  authority: "creditCodeAuthority",
  orgType: "creditCodeOrgType",
  division: "creditCodeDivision",
  orgCode: "creditCodeOrgCode",
  idCard: "creditCodeIdCard",
};

/**
 * A refused credit code's messages, one per fault. A code of the wrong form says what a person checking it against
 * the licence needs (trial42: a hotline staffer keying 17 characters read "18 digits or letters", and had to count):
 * how many characters were typed, and which characters at which positions are never in a code.
 */
function creditCodeRefusals(m: Msg, lng: Lng, code: string, problem: CreditCodeProblem): string[] {
  const fault = problem === "format" ? creditCodeFormFault(code) : null;
  // More than a few characters no code has is no typo (a name in the box): the rule itself says what to type.
  if (!fault || (fault.length === null && !fault.strays.length) || fault.strays.length > MAX_STRAYS_SAID)
    return [m(CREDIT_CODE_MESSAGES[problem])];
  // Each fault its own message, as every other refusal is one template (test/unit/validation-languages.test.ts).
  return [
    ...(fault.length !== null ? [m("creditCodeLength", { n: fault.length })] : []),
    ...(fault.strays.length
      ? [
          m("creditCodeChars", {
            where: fault.strays.map(({ at, char }) => m("creditCodeCharAt", { at, char })).join(punctuationMessages.t(lng, "list")),
          }),
        ]
      : []),
  ];
}

/** Stray characters named one by one up to this many (a mistyped O or I); beyond, the code's rule is said instead. */
const MAX_STRAYS_SAID = 3;

/** Blank → undefined; text is what the person meant (`cleanTyped`: no characters nobody types, no stray format characters, no surrounding spaces). */
function blankToUndefined(value: unknown): unknown {
  if (value === null) return undefined;
  if (typeof value === "string") {
    const trimmed = cleanTyped(value);
    return trimmed === "" ? undefined : trimmed;
  }
  return value;
}

function optionalText(m: Msg, max: number) {
  return z.preprocess(
    blankToUndefined,
    z
      .string({ error: m("invalid") })
      .max(max, m("tooLong", { max }))
      .optional(),
  );
}

function requiredText(m: Msg, max: number) {
  return z.preprocess(
    blankToUndefined,
    z.string({ error: (issue) => (issue.input === undefined ? m("required") : m("invalid")) }).max(max, m("tooLong", { max })),
  );
}

/**
 * One of `values` — its code, any case ("Factory"), or a word it goes by (lead-fields.ts CHOICE_WORDS:
 * "厂房", "租", "报告表"). Anything else is refused naming what was sent and every choice with its name
 * ("“厂房房”不是可选项；可选：factory（厂房）、land（土地）…"), so an API client can see what to send.
 */
function choice<T extends readonly [string, ...string[]]>(m: Msg, lng: Lng, values: T, required: true): z.ZodType<T[number]>;
function choice<T extends readonly [string, ...string[]]>(m: Msg, lng: Lng, values: T, required: false): z.ZodType<T[number] | undefined>;
function choice<T extends readonly [string, ...string[]]>(m: Msg, lng: Lng, values: T, required: boolean) {
  const options = values.map((v) => (lng === "zh" ? `${v}（${CHOICE_WORDS[v]?.[0] ?? v}）` : v)).join(lng === "zh" ? "、" : ", ");
  const e = z.enum(values, {
    error: (issue) =>
      issue.input === undefined
        ? m(required ? "choose" : "invalid")
        : typeof issue.input === "string"
          ? m("chooseFrom", { typed: issue.input.slice(0, 20), options })
          : m("choose"),
  });
  return z.preprocess(
    (v) => {
      const b = blankToUndefined(v);
      // No choice is spelt in more than a few words: a longer text is refused as typed, unfolded (attack37, ADR 171).
      if (typeof b !== "string" || b.length > LIMITS.shortText) return b;
      return choiceCode(values, b, fold) ?? b;
    },
    required ? e : e.optional(),
  );
}

/** The message of a refusal; a spoken range in an area field says which end goes into which area field. */
function refusedMessage(m: Msg, r: Refused, area = false): string {
  if (r.refused === "own") return m(r.key, r.params ?? {});
  if (r.refused === "minOnly" && area) return m("areaMinOnly");
  if (r.refused !== "range") return m(r.refused);
  return m(area ? "areaRange" : "range", { low: r.low, high: r.high });
}

/**
 * Reads a typed figure with its qualifiers ("约3000万元", "9米以上"); a refusal or the text itself when unread.
 * `why`: the field's own reason for a text it could not read (a counted figure's problem), if any.
 */
function readTyped(v: string, parse: (s: string) => number | null, role: FieldRole, why?: (s: string) => Refused | null): unknown {
  if (looksNegative(v)) return -1;
  const r = readFieldNumber(v, parse, role);
  if (r.ok) return r.value;
  if (r.reason === "number") return why?.(v) ?? v;
  return refusal(r.reason === "range" ? { refused: "range", low: r.low, high: r.high } : { refused: r.reason });
}

/**
 * A non-negative measure typed as people type it: "5千", "５０００", "9米", "9米以上", "约3000万元"; the
 * parser knows the unit, the role says which qualifiers fit (field-value.ts).
 */
function measureNumber(
  m: Msg,
  parse: (s: string) => number | null,
  max: number,
  badKey: ValidationKey,
  required: boolean,
  role: FieldRole = "amount",
  why?: (s: string) => Refused | null,
  requiredKey: ValidationKey = "required",
) {
  const number = z
    .number({
      error: (issue) => (issue.input === undefined ? m(requiredKey) : isRefused(issue.input) ? refusedMessage(m, issue.input) : m(badKey)),
    })
    .refine(Number.isFinite, m(badKey))
    .refine((n) => n >= 0, m("negative"))
    .refine((n) => n <= max, m("tooLarge"));
  // The optional sits inside the pipe: a blank field ("") becomes undefined only after preprocessing.
  return z.preprocess(
    (value) => {
      const v = blankToUndefined(value);
      return typeof v === "string" ? readTyped(v, parse, role, why) : v;
    },
    required ? number : number.optional(),
  );
}

function measure(
  m: Msg,
  parse: (s: string) => number | null,
  max: number,
  role: FieldRole = "amount",
  badKey: ValidationKey = "number",
  why?: (s: string) => Refused | null,
) {
  return measureNumber(m, parse, max, badKey, false, role, why);
}

/** A figure the field refuses for a reason of its own, with the inventory's words (figure-refusal.ts). */
function own(refuse: (s: string) => FigureRefusal | null) {
  return (s: string): Refused | null => {
    const r = refuse(s);
    return r ? refusal({ refused: "own", key: r.key, params: r.params }) : null;
  };
}

/**
 * A spec figure's lower bound (ceiling, floor load, power, crane), optional: read past its name before and
 * after the figure (units.ts readPastLabel), and blank when it says there is no requirement
 * (units.ts saysNoRequirement: "不需要", "无行车", "层高不限").
 */
function specFigure(
  m: Msg,
  name: keyof typeof FIGURE_NOUNS_AFTER,
  parse: (s: string) => number | null,
  max: number,
  badKey: ValidationKey,
  why?: (s: string) => Refused | null,
) {
  const label = FIGURE_LABELS[name];
  const after = FIGURE_NOUNS_AFTER[name];
  return z.preprocess(
    (v) => {
      if (typeof v !== "string") return v;
      // "8.000米", "1,0000kva": no one figure (docs/decisions/161: unclear digits in every unit) — refused with its words, never read.
      if (UNCLEAR_BOX.test(fold(v))) return refusal({ refused: "own", key: "figureUnclear", params: { typed: v.trim() } });
      return saysNoRequirement(v, label, after) ? undefined : v;
    },
    measure(m, readPastLabel(parse, label, after), max, "min", badKey, why),
  );
}

/** The move-in field's message for words that name no one month, or a date that does not exist (move-in.ts readMoveIn). */
function moveInProblem(m: Msg, typed: string, r: Exclude<MoveInRead, { ok: true }>): string {
  switch (r.problem) {
    case "whichYear":
      return m("monthWhichYear", { typed, example: r.example });
    case "spans":
      return m("monthSpans", { typed, from: r.from, to: r.to });
    default:
      return m(r.problem === "noSuchDay" ? "monthNoSuchDay" : "monthNoSuchMonth", noSuchDateParams(typed, r));
  }
}

/**
 * An area as typed. A bare number means the unit chosen in need.areaUnit, which a field cannot see,
 * so both readings are kept, with the unit the text writes, and resolveAreaBounds (area-bounds.ts) picks one:
 * "50亩" reads the same either way, and a bare "50" beside "80亩" in the other bound is 50 亩.
 */
type AreaReading = AreaBound & { [MADE]: true };
/** An area box's reading, marked as the schema's own (MADE: an API client's object is no reading). */
const reading = (b: AreaBound): AreaReading => ({ ...b, [MADE]: true });
const isReading = (v: unknown): v is AreaReading =>
  typeof v === "object" && v !== null && (v as Partial<AreaReading>)[MADE] === true && Number.isFinite((v as AreaReading).asSqm);
/** An area box's figure whose digits say no one number ("1.5000平", "5.000", "3,0000"): UNCLEAR_DIGITS, not inside a longer figure. */
const UNCLEAR_BOX = new RegExp(`(?<![0-9.,])${UNCLEAR_DIGITS}`);

function areaField(m: Msg, role: "min" | "max") {
  return z.preprocess(
    (value) => {
      const typed = blankToUndefined(value);
      if (typeof typed === "number") return reading(areaBound(typed, typed, muToSqm(typed)));
      if (typeof typed !== "string") return typed;
      // "8k", "5000/8000平" read as the notes read them (area-bounds.ts areaBoxText; docs/decisions/146, amended).
      const v = areaBoxText(typed);
      // "1.5000平", "5.000", "3,0000": no one figure (need-text.ts UNCLEAR_DIGITS, docs/decisions/153) — refused with its words, never read.
      if (UNCLEAR_BOX.test(fold(v))) return refusal({ refused: "own", key: "areaUnclear", params: { typed: typed.trim() } });
      // A figure with a word after it that is no area ("500坪", "3栋", "5000米"): refused naming it, as typed (figure-refusal.ts).
      const notArea = () => own(areaRefusal)(typed);
      const asSqm = readTyped(v, (s) => parseArea(s, "sqm"), role, notArea);
      const asMu = readTyped(v, (s) => parseArea(s, "mu"), role, notArea);
      if (isRefused(asSqm)) return asSqm;
      // "2000平左右": about it, read as the notes read it when the other box is blank (area-bounds.ts).
      const read = readFieldNumber(v, (s) => parseArea(s, "sqm"), role);
      const about = read.ok && read.about === true;
      if (typeof asSqm === "number" && typeof asMu === "number") return reading(areaBound(v, asSqm, asMu, about));
      // Not read: said back as typed, with what to write (session 41: the plain "请输入面积" named neither).
      return typeof asSqm === "string" ? refusal({ refused: "own", key: "areaUnread", params: { typed: typed.trim() } }) : v;
    },
    z
      .custom<AreaReading>(isReading, {
        error: (issue) => (isRefused(issue.input) ? refusedMessage(m, issue.input, true) : m("area")),
      })
      .refine((v) => v.asSqm >= 0, m("negative"))
      .refine((v) => v.asSqm <= LIMITS.areaSqm, m("tooLarge"))
      .optional(),
  );
}

/**
 * How many buildings, plots or units the area is for (need.unitCount, docs/decisions/130: "3栋 × 约5000平"):
 * optional, a whole number 2–UNIT_COUNT_MAX in digits (half or full width) or Chinese numerals 二…九十九 and 两
 * (docs/decisions/135), a measure word after it taken: "3", "３", "3栋", "两栋", "三"; the area boxes hold the
 * total. Anything else — 1, 一, 0, 1.5, 1000, "几栋", true — is refused on the field (blank is one space).
 */
function unitCountField(m: Msg) {
  return z.preprocess(
    (value) => {
      const v = blankToUndefined(value);
      // Digits or Chinese numerals, a measure word after them (unit-count-read.ts; "两栋", "三": docs/decisions/135).
      const d = typeof v === "string" ? readUnitCount(v) : null;
      return d ?? v;
    },
    z
      .number({ error: (issue) => (isRefused(issue.input) ? refusedMessage(m, issue.input) : m("unitCount")) })
      .int(m("unitCount"))
      .min(2, m("unitCount"))
      .max(UNIT_COUNT_MAX, m("unitCount"))
      .optional(),
  );
}

function integerMeasure(m: Msg, max: number) {
  return measure(m, parseCount, max).refine((n) => n === undefined || Number.isInteger(n), m("integer"));
}

/**
 * Single storey required (need.singleStorey): a yes/no (yes-no.ts readYesNo: true/"on"/"是" …, false/"否" …)
 * or the words people use for it — "单层", "要单层", "必须单层" yes; "不限", "都可以", "多层也行" no
 * requirement (false). "要多层", "不要单层" ask for something this field cannot hold: refused with a message
 * that says what it holds and where the wish goes (the notes), never read as "not required".
 */
function singleStoreyFlag(m: Msg) {
  return z.preprocess(
    (value) => {
      const v = blankToUndefined(value);
      const yesNo = readYesNo(v);
      if (yesNo !== null || typeof v !== "string") return yesNo ?? v;
      const t = fold(v)
        .trim()
        .replace(/[。.!！]$/, "");
      if (/^(?:(?:要|需要|必须|只要|只能|最好)(?:是)?)?单层(?:厂房|的|建筑)?$/.test(t)) return true;
      if (/^(?:不限|不限制|都可以|都行|无所谓|不要求|无要求|没要求|单层多层都(?:可以|行)|(?:单层)?多层也(?:行|可以)|楼层不限)$/.test(t))
        return false;
      return refusal({ refused: "own", key: "singleStoreyOnly", params: {} });
    },
    z.boolean({ error: (issue) => (isRefused(issue.input) ? refusedMessage(m, issue.input) : m("singleStoreyOnly")) }).optional(),
  );
}

/** "Anywhere" typed as the regions: no region asked for, the box as if left blank. */
const ANY_REGION =
  /^(?:不限|都可以|都行|哪里|哪儿|不限区域|不限地区|不限地点|区域不限|地点不限|全国|全国各地|全国范围|哪里都行|哪里都可以|哪都行|随便|无|无要求|没要求|不要求|any|anywhere|no preference)$/iu;

/**
 * What separates the names of a list in a regions box, or in one element of the API's regions array: a
 * comma, 、, a semicolon, a slash, a line break, or 或者 / 或是 / 还是 / 或 (REGION_JOINER). A space is no
 * list separator: "两江新区 江北区" is the district within the zone, read by the resolver (regions.ts, ADR 118, 123).
 */
const REGION_LIST = new RegExp(`[,，、;；/\n]+|${REGION_JOINER.source}`, "u");

/**
 * The regions field as a list of names (comma, 、, ;, / or 或者 between them, "都行" / "优先" after them cut
 * off: REGION_TRAILER; a JSON array as it is), blanks
 * dropped: the names the field holds, for the schema and for the hotline's preview (note-regions.ts
 * reads the notes' places only when this is empty). Anything else is returned for the schema to refuse.
 */
export function splitRegions(value: unknown): unknown {
  const v = blankToUndefined(value);
  if (typeof v === "string") return runTogether(namesOf(v));
  // An API array's element is split as the form's box is ("江宁、浦口" → 江宁, 浦口; ADR 123): the same
  // words are the same places whichever way they came. Anything but a string is left for the schema.
  if (Array.isArray(v))
    return runTogether(v.map(blankToUndefined).flatMap((x) => (x === undefined ? [] : typeof x === "string" ? namesOf(x) : [x])));
  return v ?? [];
}

/**
 * One text's names: split at the list separators (REGION_LIST), trailers cut, "anywhere" and blanks dropped.
 */
function namesOf(text: string): string[] {
  return text
    .split(REGION_LIST)
    .map((s) => s.trim().replace(REGION_TRAILER, "").trim())
    .filter((s) => s !== "" && !ANY_REGION.test(s));
}

/**
 * A name that does not resolve but is names run together or joined by 和/与/及 ("江宁浦口都行", "江宁和浦口") is those
 * names, read by the notes' own list reader (note-regions.ts readPlaceList, ADR 140); in the browser (no resolver) as
 * split. Only what the field can hold is read so (REGIONS_MAX names, each within regionNameMax): the schema refuses
 * the rest with its own message, and the readers' work grows with each name (attack36 H1).
 */
function runTogether(names: unknown[]): unknown[] {
  if (typeof resolveRegions !== "function" || names.length > REGIONS_MAX) return names;
  return names.flatMap((name) => {
    if (typeof name !== "string" || name.length > regionNameMax(name) || resolveRegions([name]).problems.length === 0) return [name];
    return readPlaceList(name)?.map((p) => p.text) ?? [name];
  });
}

/**
 * Regions as typed (comma, 、 or ; between them) → GB/T 2260 division codes (app/domain/regions.ts).
 * A name that resolves to nothing, or to several divisions, is an error on the field with suggestions.
 * In the browser the resolver is absent (regions.server.ts) and the server decides.
 */
function regions(m: Msg, lng: Lng) {
  return z
    .preprocess(
      splitRegions,
      z
        .array(
          z.string({ error: m("invalid") }).superRefine((name, ctx) => {
            const max = regionNameMax(name);
            if (name.length > max) ctx.addIssue({ code: "custom", message: m("tooLong", { max }) });
          }),
          { error: m("invalid") },
        )
        .max(LIMITS.regions, m("tooMany", { max: LIMITS.regions })),
    )
    .transform((typed, ctx) => {
      if (typeof resolveRegions !== "function") return { typed, codes: [] as string[] };
      const { codes, problems } = resolveRegions(typed);
      for (const p of problems) ctx.addIssue({ code: "custom", message: regionProblemMessage(lng, p) });
      return { typed: onceEach(typed), codes };
    });
}

/**
 * The regions typed, each division once: a name that resolves to the one division an earlier name did
 * ("江宁区, 南京江宁", "江宁、江宁区") is dropped, as the notes' places are (note-regions.ts, ADR 101).
 */
function onceEach(typed: string[]): string[] {
  if (typed.length < 2) return typed;
  const seen = new Set<string>();
  return typed.filter((name) => {
    const r = resolveRegions([name]);
    if (r.problems.length > 0 || r.codes.length !== 1) return true;
    if (seen.has(r.codes[0])) return false;
    seen.add(r.codes[0]);
    return true;
  });
}

/**
 * Why a typed region was not taken, with the resolver's suggestions: the regions field's error at submit
 * and the region picker's answer as one adds (app/leads/region-picker.server.ts) say the same. English
 * readers get each suggestion named in English too, the path to type kept in brackets. Server only
 * (the English names come with the division dataset).
 */
export function regionProblemMessage(lng: Lng, p: RegionProblem): string {
  const key =
    p.kind === "ambiguous"
      ? "regionAmbiguous"
      : p.kind === "generic"
        ? "regionGeneric"
        : p.kind === "spans"
          ? "regionSpans"
          : p.kind === "zone"
            ? p.suggestions.length
              ? "regionZoneSuggest"
              : "regionZone"
            : p.suggestions.length
              ? "regionUnknownSuggest"
              : "regionUnknown";
  const shown = lng === "en" ? p.suggestions.map(englishPathLabel) : p.suggestions;
  return validationMessage(lng, key, { name: p.input, suggestions: shown.join(punctuationMessages.t(lng, "list")) });
}

/**
 * A range typed in one area box while the other is blank ("3000-5000平" in areaMin, "两三千平" in areaMax,
 * "50到80亩"): the person gave both bounds, so each end goes to its own box, as text, and is read there
 * (and a bound typed in the other's box, "不超过5000平" in areaMin, "3000平以上" in areaMax, goes to its own)
 * like any figure (its unit, the chosen unit, the plausibility rules). With both boxes filled the range
 * stays where it was typed and is refused there ("areaRange": which end goes where). The need as it came
 * for anything else.
 */
function rangeInOneAreaBox(need: unknown): unknown {
  if (typeof need !== "object" || need === null || Array.isArray(need)) return need;
  const n = need as Record<string, unknown>;
  const blank = (v: unknown) => blankToUndefined(v) === undefined;
  for (const [box, other] of [
    ["areaMin", "areaMax"],
    ["areaMax", "areaMin"],
  ] as const) {
    const raw = blankToUndefined(n[box]);
    if (typeof raw !== "string" || !blank(n[other])) continue;
    const typed = areaBoxText(raw); // "5000/8000平" is the range "5000-8000平" (area-bounds.ts)
    const r = readFieldNumber(typed, (s) => parseArea(s, "sqm"), "amount");
    if (!r.ok && r.reason === "range") return { ...n, areaMin: r.low, areaMax: r.high };
    // "不超过5000平" in the minimum box, "3000平以上" in the maximum one: the bound goes to the box it names.
    const asBound = readFieldNumber(typed, (s) => parseArea(s, "sqm"), box === "areaMin" ? "min" : "max");
    if (!asBound.ok && (asBound.reason === "minOnly" || asBound.reason === "maxOnly")) return { ...n, [box]: undefined, [other]: typed };
  }
  return need;
}

/** The figure boxes of the need and tax groups: their text is bounded before any reader (FIGURE_BOX_MAX). */
const FIGURE_BOXES = new Set([
  ...["areaMin", "areaMax", "unitCount", "moveInBy", "ceilingMinM", "floorLoadMinKg", "powerMinKva", "craneMinT", "singleStorey"],
  ...["annualTaxWan", "investmentWan", "annualOutputWan", "employees"],
]);

/**
 * A group's figure boxes whose text is longer than FIGURE_BOX_MAX, refused as too long on their field before
 * any reader sees them (each reader folds and scans the whole text: ADR 166). The group as it came otherwise.
 */
function boundFigureBoxes(group: unknown): unknown {
  if (typeof group !== "object" || group === null || Array.isArray(group)) return group;
  const g = group as Record<string, unknown>;
  const long = Object.keys(g).filter((k) => FIGURE_BOXES.has(k) && typeof g[k] === "string" && (g[k] as string).length > FIGURE_BOX_MAX);
  if (!long.length) return group;
  const tooLong = refusal({ refused: "own", key: "tooLong", params: { max: FIGURE_BOX_MAX } });
  return { ...g, ...Object.fromEntries(long.map((k) => [k, tooLong])) };
}

/** A missing group reads as empty, so the person sees which fields inside it are missing; its figure boxes bounded. */
function group<T extends z.ZodRawShape>(m: Msg, shape: T) {
  return z.preprocess((v) => (v === undefined || v === null ? {} : boundFigureBoxes(v)), z.object(shape, { error: m("invalid") }));
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function createLeadSchema(lng: Lng, channel: LeadChannel = "web", options: LeadSchemaOptions = {}) {
  const m: Msg = (key, params) => validationMessage(lng, key, params);
  const onWeb = channel === "web";
  // A phone lead needs only what a caller usually gives at once: company, contact, phone, need kind
  // (docs/decisions/029). A deal not said is "either"; area, industry and product may come later.
  const onPhone = channel === "hotline";
  const clock = options.now ?? (() => new Date());
  const keepBlank = options.keepBlank ?? NONE;
  const newer = options.newerNotes?.text ? options.newerNotes : undefined;
  // The clock is read once a lead: the move-in box and the notes' move-in words (compared, ADR 101) count
  // from the same instant. The need's preprocess starts each parse afresh (a parse is synchronous).
  let at: Date | undefined;
  const now = () => (at ??= clock());
  // The tax box's range as typed ("800-1000"), set by its field while this parse reads it (docs/decisions/168).
  let taxRange: string | undefined;
  // The investment and output boxes' ranges as typed ("5000-8000万"), read as the tax box's are (docs/decisions/189).
  const amountRanges = new Map<"investment" | "annualOutput", string>();

  const need = z.preprocess(
    (v) => {
      at = undefined;
      taxRange = undefined;
      amountRanges.clear();
      // A remark bracketed in an area box ("5000平方米（可分割）") is kept in the notes (docs/decisions/165).
      return rangeInOneAreaBox(areaRemarksToNotes(boundFigureBoxes(v)));
    },
    group(m, {
      kind: choice(m, lng, NEED_KINDS, true),
      deal: onPhone ? choice(m, lng, NEED_DEALS, false) : choice(m, lng, NEED_DEALS, true),
      areaUnit: z.preprocess((v) => blankToUndefined(v) ?? "sqm", choice(m, lng, AREA_UNITS, true)),
      areaMin: areaField(m, "min"),
      areaMax: areaField(m, "max"),
      unitCount: unitCountField(m),
      regions: regions(m, lng),
      // "2027-03", "2027年3月", and relative words ("尽快", "年底", "明年3月", "三个月内") from the clock,
      // read once a lead: "as soon as possible" read as this month must not be refused as past by a second
      // reading just after China's midnight on a month's last day.
      moveInBy: z.preprocess(
        (v, ctx) => {
          const b = blankToUndefined(v);
          if (typeof b !== "string") return b;
          const today = now();
          const read = readMoveIn(b, today);
          if (read && !read.ok) {
            ctx.addIssue({ code: "custom", message: moveInProblem(m, b, read), input: v });
            return undefined;
          }
          // Words not read as a month: said with what was typed and one month to write (docs/decisions/173, trial37 M3 — the
          // message once repeated the hint above the box word for word, and said nothing of what it could not read).
          if (!read && !MONTH.test(b.trim())) {
            const china = new Date(today.getTime() + 8 * 3600_000);
            ctx.addIssue({
              code: "custom",
              message: m("monthUnread", { typed: b.trim().slice(0, 30), example: `${china.getUTCFullYear() + 1}-06` }),
              input: v,
            });
            return undefined;
          }
          const month = read?.month ?? b.trim();
          // Checked at that instant, in China time: the current month is still fine.
          if (MONTH.test(month) && isPastMoveInMonth(month, today)) ctx.addIssue({ code: "custom", message: m("monthPast"), input: v });
          return month;
        },
        z
          .string({
            error: (issue) => (isRefused(issue.input) ? refusedMessage(m, issue.input) : m("month", { examples: moveInExamplesText(lng) })),
          })
          .regex(MONTH, m("month", { examples: moveInExamplesText(lng) }))
          .optional(),
      ),
      // Each figure's example is in its own unit (a height is not "5000"); the field's own name typed
      // before the figure ("层高9米", as people write it in the notes) and what it measures after it ("10吨行车")
      // are read past; "不需要" / "无" / "不限" is no requirement, as if left blank (specFigure).
      ceilingMinM: specFigure(m, "ceiling", parseCeilingM, LIMITS.ceilingMinM, "numberHeight", own(ceilingRefusal)),
      // A bare figure under 100 is no kilograms a floor is built for: not read, asked for its unit (floorLoadRefusal).
      floorLoadMinKg: specFigure(
        m,
        "floorLoad",
        (s) => (bareFloorLoad(s) === null ? parseFloorLoadKg(s) : null),
        LIMITS.floorLoadMinKg,
        "numberLoad",
        own(floorLoadRefusal),
      ),
      // Transformers counted add up ("2台500kva" = 1000), a crane's count does not multiply ("2台10吨" = 10):
      // units.ts COUNTED; a count with no size, two sizes or an unclear count get a message of their own.
      powerMinKva: specFigure(
        m,
        "power",
        parsePowerKva,
        LIMITS.powerMinKva,
        "numberPower",
        own((s) => countedRefusal(s, "power")),
      ),
      craneMinT: specFigure(
        m,
        "crane",
        parseCraneT,
        LIMITS.craneMinT,
        "numberCrane",
        own((s) => countedRefusal(s, "crane")),
      ),
      singleStorey: singleStoreyFlag(m),
      notes: optionalText(m, LIMITS.longText),
    }),
  );

  const industryCode = z
    .string({ error: m("industry") })
    .refine((code) => /^[A-T]\d\d$/.test(code) && findIndustry(code) !== undefined, m("industry"));
  const use = group(m, {
    industry: z.preprocess(
      (v) => {
        const b = blankToUndefined(v);
        return typeof b === "string" ? (normalizeIndustryCode(b) ?? b) : b;
      },
      onPhone ? industryCode.optional() : industryCode,
    ),
    product: onPhone ? optionalText(m, LIMITS.shortText * 2) : requiredText(m, LIMITS.shortText * 2),
    eia: choice(m, lng, EIA_LEVELS, false),
  });

  // Zod drops the issues of an optional key that is absent, so required fields are built non-optional.
  // The field's own name and "a year" around the figure are taken off first; an amount per mu or per
  // month is refused as such (money-labels.ts, docs/decisions/097).
  // "待定", "还没算", "unknown": the required tax box says an estimate will do (empty, it says the same); an
  // optional amount box reads them as left blank (docs/decisions/101).
  // `unknownRefused`: "don't know" is refused (the box is required), though a blank may still be filled.
  const money = (field: MoneyField, required: boolean, unknownRefused = required) => {
    const requiredKey: ValidationKey = field === "annualTax" ? "taxEstimate" : "required";
    // "不确定" in the tax box: why the figure is asked and that a rough one will do (docs/decisions/162).
    const unknown = refusal({ refused: "own", key: field === "annualTax" ? "taxUnknown" : requiredKey });
    return z.preprocess(
      (v) => {
        if (field === "annualTax")
          taxRange = undefined; // this parse's own (the tax box is read once a parse)
        else if (field === "investment" || field === "annualOutput") amountRanges.delete(field);
        if (typeof v === "string" && saysAmountUnknown(v)) return unknownRefused ? unknown : undefined;
        const past = pastMoneyLabel(field)(v);
        // A range in the tax box ("800-1000", "800到1000万"): its lower figure is the expected tax, the range kept for the
        // recruiter as a `taxRange` flag and said back beside the box (DECISION, docs/decisions/168). Other amounts: refused.
        // One rule for every money box (trial39 L11, docs/decisions/189): the investment and output boxes read a range as the
        // tax box does — its lower figure stored, the range kept (`amountRange`) and said back on the confirmation page.
        const ranged = field === "annualTax" || field === "investment" || field === "annualOutput";
        const low = ranged && typeof past === "string" ? taxRangeLow(past) : null;
        if (low === null || typeof v !== "string") return past;
        if (field === "annualTax") taxRange = v.trim();
        else if (field === "investment" || field === "annualOutput") amountRanges.set(field, v.trim());
        return low;
      },
      measureNumber(m, parseWan, LIMITS.wan, "numberMoney", required, "amount", own(moneyPeriodRefusal), requiredKey),
    );
  };
  const tax = group(m, {
    // Required on the web form, but the notes' tax ("年纳税三百万") fills it like any blank (checked below).
    annualTaxWan: money("annualTax", false, onWeb),
    investmentWan: money("investment", false),
    annualOutputWan: money("annualOutput", false),
    employees: integerMeasure(m, LIMITS.employees),
  });

  const company = group(m, {
    name: requiredText(m, LIMITS.shortText),
    // A code whose check character alone fails is kept and flagged (see the transform); the rest is refused.
    creditCode: z.preprocess(
      blankToUndefined,
      z
        .string({ error: m("creditCode") })
        .max(40, m("creditCode"))
        .transform((raw, ctx) => {
          const reading = readCreditCode(raw);
          if (!reading.ok) {
            for (const message of creditCodeRefusals(m, lng, reading.code, reading.problem)) ctx.addIssue({ code: "custom", message });
            return z.NEVER;
          }
          return reading;
        })
        .optional(),
    ),
    location: optionalText(m, LIMITS.shortText),
  });

  const contact = group(m, {
    name: requiredText(m, 50),
    // A JSON client may send the number as a number (13912345678): a whole one is read as its digits.
    phone: z.preprocess(
      (v) => blankToUndefined(typeof v === "number" && Number.isSafeInteger(v) && v > 0 ? String(v) : v),
      z
        .string({ error: (issue) => (issue.input === undefined ? m("required") : m("phone")) })
        .max(PHONE_INPUT_MAX, m("phone"))
        .transform((raw, ctx) => {
          const result = normalizePhone(raw);
          if (!result.ok) {
            // Two numbers in one box ("13800138000 13900139000", as callers say them): said as such (finding 12).
            // A number valid outside the mainland: said which numbers are taken (ADR 113), not "invalid".
            const key = severalPhones(raw) ? "phoneTwo" : result.abroad ? PHONE_ABROAD[result.abroad] : "phone";
            ctx.addIssue({ code: "custom", message: m(key) });
            return z.NEVER;
          }
          return result;
        }),
    ),
    // Longer than the box holds: refused as too long before it is read (as a figure box is, ADR 166; attack37, ADR 171).
    email: z.preprocess(
      (v) =>
        typeof v === "string" && v.length > LIMITS.shortText
          ? refusal({ refused: "own", key: "tooLong", params: { max: LIMITS.shortText } })
          : blankToUndefined(typeof v === "string" ? normalizeEmail(v) : v),
      z
        .email({ error: (issue) => (isRefused(issue.input) ? refusedMessage(m, issue.input) : m("email")) })
        .max(LIMITS.shortText, m("tooLong", { max: LIMITS.shortText }))
        .optional(),
    ),
    wechat: optionalText(m, 50),
    title: optionalText(m, 50),
  });

  // Required on every channel (PIPL): the form's box, "consent": true in JSON (or another spelling of
  // yes, yes-no.ts: 1, "1", "yes", "是" …), the hotline agent's confirmation that the caller agreed orally.
  // Anything else — false, 0, "no", "否", missing — is refused.
  const consent = z.preprocess(
    (v) => readYesNo(v) === true,
    z.literal(true, { error: m(channel === "hotline" ? "consentOral" : "consent") }),
  );

  return (
    z
      .object(
        {
          need,
          use,
          tax,
          company,
          contact,
          consent,
        },
        { error: m("invalid") },
      )
      // The area check runs even while other fields still have errors, so every error shows at once.
      .superRefine(
        (lead, ctx) => {
          const issue = areaIssue(resolveArea(lead.need, now, keepBlank, newer), !onPhone);
          if (issue) ctx.addIssue({ code: "custom", path: ["need", "areaMin"], message: m(issue) });
        },
        { when: (payload) => areaFieldsParsed(payload.value) },
      )
      // The deal ticked is one the notes refuse ("我们要买地不租" beside 租赁, the form's default): on the web the person is
      // asked at the box before anything is saved (docs/decisions/185); elsewhere no one can be asked (see the transform).
      .superRefine(
        (lead, ctx) => {
          const refused = refusedDeals(lead.need.notes).find((r) => r.deal === lead.need.deal);
          if (refused)
            ctx.addIssue({
              code: "custom",
              path: ["need", "deal"],
              message: m(`dealRefusedByNotes.${refused.deal}`, { text: refused.text }),
            });
        },
        { when: (payload) => onWeb && dealParsed(payload.value) },
      )
      // Likewise the kind ticked ("不要厂房，要地自建" beside 厂房, docs/decisions/197): asked at the box on the web.
      .superRefine(
        (lead, ctx) => {
          const refused = refusedKinds(lead.need.notes).find((r) => r.kind === lead.need.kind);
          if (refused)
            ctx.addIssue({
              code: "custom",
              path: ["need", "kind"],
              message: m("kindRefusedByNotes", { kind: kindWord(lng, refused.kind), text: refused.text }),
            });
        },
        { when: (payload) => onWeb && kindParsed(payload.value) },
      )
      // The web form's tax box is required, and blank it is filled by the notes' tax when they give one
      // (docs/decisions/101); else "请填写预计年纳税额（估算即可…）". Runs beside the other fields' errors.
      .superRefine(
        (lead, ctx) => {
          if (lead.tax.annualTaxWan === undefined && !planOf(lead.need, now, keepBlank, newer).tax)
            ctx.addIssue({ code: "custom", path: ["tax", "annualTaxWan"], message: m("taxEstimate") });
        },
        { when: (payload) => onWeb && taxBlankBesideNotes(payload.value) },
      )
      // "Same as phone" beside a landline or a 400/800 number (M7, docs/decisions/190): no such number has WeChat —
      // refused at the box that said it (the WeChat box, or the phone's note), beside the other fields' errors.
      .superRefine(
        (lead, ctx) => {
          const { phone, wechat } = lead.contact;
          for (const r of wechatSameRefusals(phone.kind, wechat, phone.note))
            ctx.addIssue({
              code: "custom",
              path: ["contact", r.field],
              message: r.field === "phone" ? m(r.key, { text: r.text }) : m(r.key),
            });
        },
        { when: (payload) => contactPhoneParsed(payload.value) },
      )
      .transform((lead) => {
        const { minSqm, maxSqm, plan } = resolveArea(lead.need, now, keepBlank, newer);
        // The unit the area was said in: the box's, or 亩 when the notes filled the area in 亩 ("要50亩地") — stored so every
        // page says the area back in it (docs/decisions/180).
        const unit = notesAreaInMu(plan.fills) ? "mu" : lead.need.areaUnit;
        const assist: AssistFill[] = [];
        // Free-text assist: numbers in the notes fill the blanks, never what the person filled in
        // (need-assist.ts decides, the form shows the same plan).
        const filled = { ...lead.need };
        for (const fill of plan.fills) {
          if (fill.field === "areaMinSqm" || fill.field === "areaMaxSqm") {
            const field = fill.field === "areaMinSqm" ? "need.areaMin" : "need.areaMax";
            assist.push({ field, value: toUnit(fill.value as number, unit), text: fill.text });
          } else {
            (filled as Record<string, unknown>)[fill.field] = fill.value;
            assist.push({ field: `need.${fill.field}`, value: fill.value, text: fill.text });
          }
        }
        // The notes' text added in an edit that gives a new area without a count, beside a 几栋 box left as
        // loaded: the count was the old area's and goes with it (docs/decisions/133) — never kept silently
        // beside an area it was not said of. A count typed in this edit (not in `over`) is the person's.
        if (newer?.over.has("unitCount") && newerAreaWithoutCount(plan)) delete (filled as Record<string, unknown>).unitCount;
        // Places in the notes fill a blank regions field when each names one division (note-regions.ts decides).
        // A regions box kept as loaded or emptied on purpose (keepBlank) is not filled from the notes, but what the notes
        // rule out, prefer or leave open is read all the same: a staff correction of another box never drops "不要江宁"
        // (trial38 H1, docs/decisions/184).
        const places = notePlacesBeside(lead.need.notes, lead.need.regions.typed, keepBlank.has("regions"));
        const regionsOf = places?.fill ?? lead.need.regions;
        if (places?.fill) assist.push({ field: "need.regions", value: places.fill.codes.join(","), text: places.fill.text });
        // The expected annual tax the notes give ("年纳税三百万") fills a blank tax box — the hotline's form has
        // none — as the notes fill the need's blanks; a box the notes contradict is kept (docs/decisions/101).
        const tax = { ...lead.tax };
        const taxDiffers: LeadFlag[] = [];
        if (plan.tax && tax.annualTaxWan === undefined) {
          tax.annualTaxWan = plan.tax.value;
          assist.push({ field: TAX_FIELD_NAME, value: plan.tax.value, text: plan.tax.text });
          // A range in the notes ("年纳税800到1000万") fills its lower figure: the range told beside it (docs/decisions/168).
          if (plan.tax.range) taxDiffers.push({ field: TAX_FIELD_NAME, code: "taxRange", text: plan.tax.text });
        } else if (plan.tax && tax.annualTaxWan !== plan.tax.value)
          taxDiffers.push({ field: TAX_FIELD_NAME, code: "notesDiffer", text: `${plan.tax.text} ≠ ${tax.annualTaxWan}万元` });
        // The investment and output the notes give ("投资5000-8000万", "年产值5000万") fill their blank boxes as the tax does; a box
        // typed is kept and a figure apart told (docs/decisions/203); a range's lower figure with the range told (ADR 189).
        for (const a of plan.amounts ?? []) {
          const box = `tax.${a.field}`;
          if (tax[a.field] === undefined) {
            tax[a.field] = a.value;
            assist.push({ field: box, value: a.value, text: a.text });
            if (a.range) taxDiffers.push({ field: box, code: "amountRange", text: a.text });
          } else if (tax[a.field] !== a.value)
            taxDiffers.push({ field: box, code: "notesDiffer", text: `${a.text} ≠ ${tax[a.field]}万元` });
        }
        // The EIA category the notes say the project needs ("需要环评报告书", "不需要环评") fills a blank 环评 box, said back as the
        // amounts are; a typed box is kept and a category apart told (docs/decisions/216). What a park offers ("可办环评",
        // "园区有环评") is never read as the need (eia-need.ts).
        const eiaNeed = eiaNeedFromNotes(lead.need.notes);
        let use = lead.use;
        if (eiaNeed && lead.use.eia === undefined && !keepBlank.has("eia")) {
          use = { ...lead.use, eia: eiaNeed.level };
          assist.push({ field: "use.eia", value: eiaNeed.level, text: eiaNeed.text });
        } else if (eiaNeed && lead.use.eia !== undefined && lead.use.eia !== eiaNeed.level)
          taxDiffers.push({ field: "use.eia", code: "notesDiffer", text: `${eiaNeed.text} ≠ ${EIA_SHOWN[lead.use.eia]}` });
        // A range typed in the box: stored as its lower figure, the range as typed kept for the recruiter (docs/decisions/168).
        if (taxRange !== undefined && lead.tax.annualTaxWan !== undefined)
          taxDiffers.unshift({ field: TAX_FIELD_NAME, code: "taxRange", text: taxRange });
        for (const [f, key] of [
          ["investment", "investmentWan"],
          ["annualOutput", "annualOutputWan"],
        ] as const) {
          const range = amountRanges.get(f);
          if (range !== undefined && lead.tax[key] !== undefined)
            taxDiffers.push({ field: `tax.${key}`, code: "amountRange", text: range });
        }
        // A deal box the notes refuse, from the API or a desk (docs/decisions/185): never matched on the deal refused —
        // the deal the notes leave is stored and the box's word told (`dealBoxRefused`), unless staff changed the box to
        // it in this edit (their answer, told as the notes' doubt and said as their correction).
        const boxRefused = refusedDeals(lead.need.notes).find((r) => r.deal === filled.deal);
        const overruled =
          boxRefused !== undefined && (options.dealCorrected || (options.loadedDeal !== undefined && options.loadedDeal !== filled.deal))
            ? undefined
            : boxRefused;
        if (overruled) filled.deal = overruled.deal === "lease" ? "buy" : "lease";
        // A kind box the notes refuse, from the API or a desk (docs/decisions/197): kept — which kind instead is the
        // enterprise's to say — and told, so the recruiter asks before offering (the hotline's call-back card lists it).
        const kindRefused = refusedKinds(lead.need.notes).find((r) => r.kind === filled.kind);
        const flags: LeadFlag[] = [
          ...(kindRefused
            ? [{ field: "need.kind", code: "kindBoxRefused" as const, text: `${kindRefused.text} ≠ ${KIND_SHOWN[kindRefused.kind]}` }]
            : []),
          ...(overruled
            ? [{ field: "need.deal", code: "dealBoxRefused" as const, text: `${overruled.text} ≠ ${DEAL_SHOWN[overruled.deal]}` }]
            : []),
          ...plan.unread,
          // What the site must be near ("靠近地铁", "near metro"): no field holds it — told, never dropped (site-access.ts, readers40).
          ...accessWishes(lead.need.notes).map((w): LeadFlag => ({ field: "need.notes", code: "unread", text: w.text })),
          ...(places?.unread ?? []),
          ...(places?.ruled ?? []),
          ...plan.budget,
          ...plan.setAside,
          // A deal the notes refuse ("只租不买"): shown to staff, never advised (docs/decisions/162).
          ...dealRefusalFlags(lead.need.notes),
          ...plan.ceilingOnly,
          ...plan.unitSizes,
          ...plan.wished,
          ...implausible(tax),
          ...implausibleArea(minSqm, maxSqm, lead.need.kind, unit),
          ...notesAreaDiffer(plan.notesArea, lead.need.kind, minSqm, maxSqm),
          ...boxesNotesDiffer(plan.notesSay, lead.need).filter((f) => !(overruled && f.field === "need.deal")),
          ...taxDiffers,
        ];
        // A credit code whose check character alone fails is kept for the recruiter to verify; a phone's note is kept beside it.
        const credit = lead.company.creditCode;
        if (credit && !credit.checkCharOk) flags.push({ field: "company.creditCode", code: "creditCodeCheck", text: credit.code });
        const phone = lead.contact.phone;
        // "微信同号" beside the number, or "同手机号" / "same as phone" in the WeChat box (trial35 L1, trial37 L2): WeChat is
        // this number. Stored as its meaning, `wechatSameAsPhone` — never the words typed, never the number (M7, docs/
        // decisions/190: the words were shown raw to staff reading the other language); every reader says it through
        // app/domain/wechat.ts and wechat-shown.ts. Beside a number that is no mobile it was refused above (wechatSameRefusals).
        // A WeChat box holding another ID keeps the note as a flag: the two disagree.
        const sameWechat = phone.note !== undefined && wechatIsThisNumber(phone.note);
        const { wechat: box, ...contactRest } = lead.contact;
        const boxSame = box !== undefined && wechatBoxIsPhone(box);
        const typedWechat = boxSame ? undefined : box;
        const wechatIsPhone = typedWechat === undefined && (sameWechat || boxSame);
        const agrees = typedWechat === undefined || typedWechat.replace(/\D/g, "") === phone.value.replace(/^\+86|;.*$|\D/g, "");
        if (phone.note && !(sameWechat && agrees)) flags.push({ field: "contact.phone", code: "phoneNote", text: phone.note });

        return {
          lead: {
            need: {
              ...filled,
              // Not said in the box nor in the notes: either (docs/decisions/029); the notes' deal fills a blank box (ADR 109).
              deal: filled.deal ?? "either",
              // What the person typed, and the GB/T 2260 codes it resolved to (matching compares codes).
              // The notes' places by their standard names (docs/decisions/203); the box's as typed (ADR 017).
              regions: places?.fill ? places.fill.names : regionsOf.typed,
              regionCodes: regionsOf.codes,
              areaUnit: unit,
              areaMin: minSqm === undefined ? undefined : toUnit(minSqm, unit),
              areaMax: maxSqm === undefined ? undefined : toUnit(maxSqm, unit),
              areaMinSqm: minSqm === undefined ? undefined : round2(minSqm),
              areaMaxSqm: maxSqm === undefined ? undefined : round2(maxSqm),
            },
            use,
            tax,
            company: { ...lead.company, creditCode: credit?.code },
            contact: {
              ...contactRest,
              phone: phone.value,
              phoneKind: phone.kind,
              ...(typedWechat === undefined ? {} : { wechat: typedWechat }),
              ...(wechatIsPhone ? { wechatSameAsPhone: true as const } : {}),
            },
            consent: lead.consent,
            flags,
          },
          assist,
        };
      })
  );
}

/**
 * The notes' places beside the regions box (note-regions.ts planNoteRegions). `kept`: the box may not be filled from
 * the notes (it held a value when the edit's form was loaded, or was emptied on purpose): then nothing is filled, and
 * with the box blank the readings are said as for a box the notes did not fill — places ruled out `placeExcludedOpen`,
 * a preferred one `placeWished` — the places wanted told as `unread`. Null where the resolver is absent (the browser).
 */
function notePlacesBeside(notes: string | undefined, typed: readonly string[], kept: boolean): NoteRegionsPlan | null {
  const plan = planNoteRegions(notes, typed);
  if (!plan || !kept || !plan.fill) return plan;
  const open: Partial<Record<LeadFlag["code"], LeadFlag["code"]>> = { placeExcluded: "placeExcludedOpen", placePreferred: "placeWished" };
  return {
    ...plan,
    fill: null,
    ruled: plan.ruled.map((f) => ({ ...f, code: open[f.code] ?? f.code })),
    unread: [...plan.fill.typed.map((text): LeadFlag => ({ field: "need.notes", code: "unread", text })), ...plan.unread],
  };
}

/** Figures that pass the field's limits but not a sanity check: kept as typed, flagged (field-limits.ts). */
function implausible(tax: Partial<Record<string, number | undefined>>): LeadFlag[] {
  const out: LeadFlag[] = [];
  for (const [field, max] of Object.entries(PLAUSIBLE_MAX)) {
    const value = tax[field.slice("tax.".length)];
    if (value !== undefined && value > max)
      out.push({ field, code: "implausible", text: field === "tax.employees" ? String(value) : `${value} 万元` });
  }
  return out;
}

/**
 * The wanted area's bounds (㎡, typed or read from the notes) outside PLAUSIBLE_AREA_SQM (`implausible`),
 * or else outside what the kind asked for takes, PLAUSIBLE_AREA_SQM_BY_KIND (`areaForKind`: likely 亩 and
 * ㎡ mixed up): kept, flagged. The text gives the bound in the unit chosen and in ㎡ ("5000亩 = 3333333.33㎡").
 */
function implausibleArea(
  minSqm: number | undefined,
  maxSqm: number | undefined,
  kind: (typeof NEED_KINDS)[number],
  unit: "sqm" | "mu",
): LeadFlag[] {
  const out: LeadFlag[] = [];
  const forKind = PLAUSIBLE_AREA_SQM_BY_KIND[kind];
  for (const [field, sqm] of [
    ["need.areaMin", minSqm],
    ["need.areaMax", maxSqm],
  ] as const) {
    if (sqm === undefined || (field === "need.areaMin" && sqm === 0)) continue;
    const text = unit === "mu" ? `${formatMu(sqmToMu(sqm), "zh")} = ${formatSqm(sqm)}` : formatSqm(sqm);
    if (sqm < PLAUSIBLE_AREA_SQM.min || sqm > PLAUSIBLE_AREA_SQM.max) out.push({ field, code: "implausible", text: formatSqm(sqm) });
    else if (sqm < forKind.min || sqm > forKind.max) out.push({ field, code: "areaForKind", text });
  }
  return out;
}

/** A typed box's value as the flag's text says it (the unit of the stored field). */
const BOX_UNITS: Record<string, string> = { ceilingMinM: " m", floorLoadMinKg: " kg/㎡", powerMinKva: " kVA", craneMinT: " t" };
/** A deal as the flag's text says it: the stored text is one for both languages, so the word and its code. */
const DEAL_SHOWN: Record<string, string> = { lease: "租赁（lease）", buy: "购买（buy）", either: "租买均可（either）" };
/** A kind as the flag's text says it, one text for both languages (docs/decisions/197). */
const KIND_SHOWN: Record<(typeof NEED_KINDS)[number], string> = {
  factory: "厂房（factory）",
  land: "土地（land）",
  office: "办公（office）",
  warehouse: "仓库（warehouse）",
};

/** An EIA category as the flag's text says it, one text for both languages (docs/decisions/216). */
const EIA_SHOWN: Record<(typeof EIA_LEVELS)[number], string> = {
  none: "无需环评（not required）",
  registration: "登记表（registration form）",
  "report-form": "报告表（report form）",
  "report-book": "报告书（full report）",
};

/**
 * The need boxes the notes contradict (docs/decisions/101): the box is kept — the person typed it there —
 * and flagged `notesDiffer` on its own field with both values, the notes' words first ("层高至少10米 ≠ 6 m",
 * "年底前（2026-12）≠ 2027-06"). A ticked 单层 beside notes that say it is no requirement ("多层也行") is
 * flagged with the notes' words; notes asking for 单层 beside a box left false say nothing against it.
 */
function boxesNotesDiffer(said: AssistPlan["notesSay"], need: Record<string, unknown>): LeadFlag[] {
  const out: LeadFlag[] = [];
  for (const { field, value, text } of said) {
    const typed = need[field];
    if (typed === undefined || typed === value) continue;
    if (field === "singleStorey") {
      if (typed === true && value === false) out.push({ field: "need.singleStorey", code: "notesDiffer", text });
      continue;
    }
    // A count: both as counts of the need's units, "3栋 ≠ 2栋" (flag-messages.ts says "备注说3栋，所填为2栋", docs/decisions/135).
    if (field === "unitCount") {
      const [w] = unitWord(String(need.kind ?? ""));
      out.push({ field: "need.unitCount", code: "notesDiffer", text: `${String(value)}${w} ≠ ${String(typed)}${w}` });
      continue;
    }
    const notes = field === "moveInBy" ? `${text}（${String(value)}）` : field === "deal" ? `${text}（${String(value)}）` : text;
    const box = field === "deal" ? (DEAL_SHOWN[String(typed)] ?? String(typed)) : `${String(typed)}${BOX_UNITS[field] ?? ""}`;
    out.push({ field: `need.${field}`, code: "notesDiffer", text: `${notes} ≠ ${box}` });
  }
  return out;
}

type NeedAreaInput = {
  kind?: (typeof NEED_KINDS)[number];
  areaUnit: "sqm" | "mu";
  areaMin?: AreaReading;
  areaMax?: AreaReading;
  notes?: string;
} & Partial<Record<Exclude<AssistField, "areaMinSqm" | "areaMaxSqm">, unknown>>;

/** The need fields the person typed something into (the assist leaves those alone). */
function filledFields(need: NeedAreaInput, keepBlank: ReadonlySet<string>): Set<string> {
  return new Set(ASSIST_FIELDS.map(assistFormField).filter((n) => (need as Record<string, unknown>)[n] !== undefined || keepBlank.has(n)));
}

const NONE: ReadonlySet<string> = new Set();

/** The tax box, which the notes' tax fills when blank (assist-preview.ts TAX_FIELD is the same name). */
const TAX_FIELD_NAME = "tax.annualTaxWan";

/**
 * The assist's plan of one lead, worked out once for the cross-field check and the transform (both get
 * the same parsed need). The notes' move-in words fill a blank need.moveInBy or are compared with the
 * typed month; `now` is the schema's clock of this parse (read once a lead, shared with the typed month).
 */
const plans = new WeakMap<object, ReturnType<typeof planAssist>>();
/** The schema reads the money in the notes too (need-money.ts): the tax fills a blank box, budgets are read out. */
const NOTES_MONEY = [extractMoney];
function planOf(need: NeedAreaInput, now: () => Date, keepBlank: ReadonlySet<string>, newer?: LeadSchemaOptions["newerNotes"]) {
  let plan = plans.get(need);
  if (!plan) {
    const filled = filledFields(need, keepBlank);
    // The typed area, so that only the notes' unread area words that say the same are dropped (docs/decisions/122).
    // The typed count too: notes' units of another count keep their size, times the box's (docs/decisions/135).
    // Only a count the field takes: one it refuses (1e400, 2.5, -1) is said on its field, never multiplied into the area.
    const count = unitCountOf(need.unitCount) > 1 ? (need.unitCount as number) : undefined;
    const typed = { ...resolveAreaBounds(need.areaMin, need.areaMax, need.areaUnit, need.kind), count };
    plan = planAssist(need.notes, filled, need.notes ? now() : undefined, NOTES_MONEY, need.kind, typed);
    // The text added in an edit is newer than the boxes left as loaded (docs/decisions/109).
    if (newer)
      plan = withNewerNotes(
        plan,
        planAssist(newer.text, new Set([...filled].filter((f) => !newer.over.has(f))), now(), NOTES_MONEY, need.kind, { count }),
      );
    plans.set(need, plan);
  }
  return plan;
}

/**
 * The wanted area in ㎡: typed bounds first, read by the one rule of area-bounds.ts resolveAreaBounds (a bare
 * bound takes the unit written in the other); only when both are blank, the area read from the notes.
 */
function resolveArea(need: NeedAreaInput, now: () => Date, keepBlank: ReadonlySet<string>, newer?: LeadSchemaOptions["newerNotes"]) {
  const plan = planOf(need, now, keepBlank, newer);
  const fromNotes = (f: AssistField) => plan.fills.find((x) => x.field === f)?.value as number | undefined;
  let { minSqm, maxSqm } = resolveAreaBounds(need.areaMin, need.areaMax, need.areaUnit, need.kind);
  // The plan fills the area only when both boxes are blank — or, on an edit, left as loaded beside newer notes.
  if (plan.fills.some((x) => x.field === "areaMinSqm" || x.field === "areaMaxSqm")) {
    minSqm = fromNotes("areaMinSqm");
    maxSqm = fromNotes("areaMaxSqm");
  }
  return { minSqm, maxSqm, plan };
}

/** The plan fills the area and says no count with it (docs/decisions/133: the edit's newer words of the area). */
function newerAreaWithoutCount(plan: ReturnType<typeof planAssist>): boolean {
  return plan.fills.some((f) => f.field === "areaMinSqm" || f.field === "areaMaxSqm") && !plan.fills.some((f) => f.field === "unitCount");
}

/** `boundRequired`: at least one bound (every channel but the hotline's). */
function areaIssue({ minSqm, maxSqm }: { minSqm?: number; maxSqm?: number }, boundRequired: boolean): ValidationKey | null {
  if (Math.max(minSqm ?? 0, maxSqm ?? 0) > LIMITS.areaSqm) return "tooLarge"; // e.g. 200000 read as 亩
  if (minSqm === undefined && maxSqm === undefined) return boundRequired ? "areaBound" : null;
  if (minSqm !== undefined && maxSqm !== undefined && minSqm > maxSqm) return "areaOrder";
  return null;
}

/** True when the tax box parsed blank and the need is there with its notes (text or none) to read. */
function taxBlankBesideNotes(value: unknown): boolean {
  const v = value as { tax?: Record<string, unknown>; need?: Record<string, unknown> } | undefined;
  return (
    typeof v?.tax === "object" &&
    v.tax !== null &&
    v.tax.annualTaxWan === undefined &&
    typeof v.need === "object" &&
    v.need !== null &&
    (v.need.notes === undefined || typeof v.need.notes === "string")
  );
}

/** True when the kind and the notes parsed (a kind box of its own error says that first). */
function kindParsed(value: unknown): boolean {
  const need = (value as { need?: Record<string, unknown> } | undefined)?.need;
  return typeof need === "object" && need !== null && NEED_KINDS.some((k) => k === need.kind) && typeof need.notes === "string";
}

/** A kind as a sentence says it: "厂房"; "factory building" (the English option's words, lower case). */
function kindWord(lng: Lng, kind: (typeof NEED_KINDS)[number]): string {
  const word = ui(lng, `need.kind.${kind}`);
  return lng === "en" ? word.toLowerCase() : word;
}

/** True when the deal and the notes parsed (a deal box of its own error says that first). */
function dealParsed(value: unknown): boolean {
  const need = (value as { need?: Record<string, unknown> } | undefined)?.need;
  return typeof need === "object" && need !== null && (need.deal === "lease" || need.deal === "buy") && typeof need.notes === "string";
}

/** True when the phone and WeChat boxes themselves parsed (their own errors come first). */
function contactPhoneParsed(value: unknown): boolean {
  const contact = (value as { contact?: Record<string, unknown> } | undefined)?.contact;
  if (!contact || typeof contact !== "object") return false;
  const phone = contact.phone as { ok?: unknown; kind?: unknown } | undefined;
  return (
    typeof phone === "object" &&
    phone !== null &&
    phone.ok === true &&
    typeof phone.kind === "string" &&
    (contact.wechat === undefined || typeof contact.wechat === "string")
  );
}

/** True when the area fields themselves parsed (their own errors come first). */
function areaFieldsParsed(value: unknown): boolean {
  const need = (value as { need?: Record<string, unknown> } | undefined)?.need;
  if (!need || typeof need !== "object") return false;
  const ok = (v: unknown) =>
    v === undefined ||
    (isReading(v) &&
      v.asSqm >= 0 &&
      // Over the limit the field has said "too large" already: the cross-field check would say it twice.
      v.asSqm <= LIMITS.areaSqm);
  return (
    (need.areaUnit === "sqm" || need.areaUnit === "mu") &&
    ok(need.areaMin) &&
    ok(need.areaMax) &&
    (need.notes === undefined || typeof need.notes === "string")
  );
}

export type LeadSchema = ReturnType<typeof createLeadSchema>;

const schemas = new Map<string, LeadSchema>();

/**
 * The schema of one language and channel with the real clock, built once per process and reused:
 * building it costs ~5 ms of CPU (Zod compiles each object schema on its first parse) against
 * ~0.3 ms to parse a lead with a built one (docs/benchmarks.md, Intake). The schema keeps no state
 * between parses, so sharing it changes nothing. Use `createLeadSchema` for another clock.
 */
export function leadSchema(lng: Lng, channel: LeadChannel = "web"): LeadSchema {
  const key = `${lng}:${channel}`;
  let schema = schemas.get(key);
  if (!schema) schemas.set(key, (schema = createLeadSchema(lng, channel)));
  return schema;
}
export type ParsedLead = z.output<LeadSchema>;
export type Lead = ParsedLead["lead"];

function toUnit(sqm: number, unit: "sqm" | "mu"): number {
  return round2(unit === "mu" ? sqmToMu(sqm) : sqm);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The message of a number valid outside the mainland, by where it is from (phone.ts PhoneAbroad). */
const PHONE_ABROAD = { HK: "phoneAbroadHK", MO: "phoneAbroadMO", TW: "phoneAbroadTW", other: "phoneAbroad" } as const;

/** Zod issues → the contract's error shape: `{"contact.phone": ["…"]}`. */
export function issuesToFieldErrors(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? fieldPath(issue.path) : "_form";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

/**
 * Whether a phone box that is no one number holds two or more numbers each valid on its own, separated by
 * spaces, commas, slashes, semicolons, 或 or "or" ("13800138000 13900139000", "025-87654321/13800138000").
 */
export function severalPhones(raw: string): boolean {
  const parts = raw.split(/\s*(?:[,，、;；/|]|或|\bor\b)\s*|\s+/i).filter((x) => x.trim() !== "");
  return parts.length >= 2 && parts.filter((x) => normalizePhone(x).ok).length >= 2;
}
