import { formatMu, formatSqm, sqmToMu } from "~/domain/area";
import { divisionCodesOf, regionCovers } from "~/domain/division-codes";
import { isIndustryExcluded } from "~/domain/industries";
import { formatWan } from "~/domain/money-format";

import { AREA_LOWER, AREA_UPPER, unitCountOf } from "./area-window";
import { dealWanted } from "./deal-wanted";
import type { MatchNeed, Reason, SpaceCandidate } from "./types";

// Hard constraints (DESIGN.md "Matching"): a space failing any of them is never offered, whatever its
// score. Missing data on a space is "unknown": it passes and leaves a "check" note for the recruiter.

/** Land purchase: below this share of a park minimum fails; from it up to 100 % is "conditional". */
export const THRESHOLD_FLOOR = 0.5;

// Stored areas are rounded to 0.01 ㎡ and 0.8/1.25 are inexact in binary: "exactly 0.8×" must pass.
const EPS = 1e-6;
// Ratios: absorbs float error only ("exactly 50 %" passes), far below any real difference in figures.
const RATIO_EPS = 1e-12;

export type HardFailure =
  | "status"
  | "stale"
  | "kind"
  | "deal"
  | "area"
  | "ceiling"
  | "floorLoad"
  | "power"
  | "crane"
  | "singleStorey"
  | "industry"
  | "region"
  | "taxPerMu"
  | "investmentPerMu";

/**
 * A need of several units (docs/decisions/130) against one park: how many units it wants (unitsWanted) and
 * how many of the park's available spaces pass every hard constraint as one of them (`fitting`).
 */
export type UnitsFit = { wanted: number; fitting: number };

/**
 * `units`: set by rankMatches on a space that fits as one of the need's units (areaFitOf "unit"), with the
 * park's count; hardCheck alone, which sees one space, never sets it.
 */
export type HardResult = { pass: true; conditional: boolean; notes: Reason[]; units?: UnitsFit } | { pass: false; failures: HardFailure[] };

/**
 * When listings go stale (issue 10): `now` (ISO) and `verifyDays` (SPACE_VERIFY_DAYS). A listing not
 * confirmed for 2 × verifyDays is no longer offered; without `now` the check is off (pure tests).
 */
export type HardOptions = { now?: string; verifyDays?: number };

/** One lead's hard check with fixed options, as `hardCheckOf` makes it. */
export type HardCheck = (s: SpaceCandidate) => HardResult;

/**
 * `hardCheck(n, s, options)` for one lead and one set of options, remembered per candidate object:
 * ranking, scoring, why-not and the job's withdrawals ask it about the same ~80 spaces (issue 14).
 * The results are shared, not copies; neither the lead nor a candidate may change while it is in use.
 */
export function hardCheckOf(n: MatchNeed, options: HardOptions = {}): HardCheck {
  const memo = new Map<SpaceCandidate, HardResult>();
  return (s) => {
    let result = memo.get(s);
    if (result === undefined) {
      result = hardCheck(n, s, options);
      memo.set(s, result);
    }
    return result;
  };
}

export function hardCheck(n: MatchNeed, s: SpaceCandidate, options: HardOptions = {}): HardResult {
  const need = n.need;
  const failures: HardFailure[] = [];
  const notes: Reason[] = [];
  let conditional = false;

  if (s.status !== "available") failures.push("status");
  if (listingFreshness(s.verifiedAt, options) === "stale") failures.push("stale");
  if (s.kind !== need.kind) failures.push("kind");
  // "Either" less a deal the notes refuse ("只租不买": docs/decisions/162).
  if (!dealOffered(dealWanted(n), s.deals)) failures.push("deal");
  if (!areaFits(n, s)) failures.push("area");

  for (const spec of SPECS) {
    const min = askedMin(need[spec.need]);
    if (min === null) continue;
    const has = s[spec.space];
    if (has === null || has === undefined) {
      if (specApplies(spec, s)) notes.push(specUnknownReason(spec));
    } else if (!specMet(has, min)) failures.push(spec.failure);
  }

  if (need.singleStorey === true) {
    const single = singleStoreyOf(s);
    if (single === false) failures.push("singleStorey");
    else if (single === null && s.kind !== "land") notes.push(SINGLE_STOREY_UNKNOWN);
  }

  if (isIndustryExcluded(n.use.industry, s.park.excludedIndustries)) failures.push("industry");
  if (!regionMatches(need, s.park.districtCode)) failures.push("region");

  if (isLandPurchase(n, s)) {
    for (const m of thresholdMetrics(n, s)) {
      if (m.ratio === null) notes.push(thresholdReason(m));
      else if (m.ratio < THRESHOLD_FLOOR - RATIO_EPS) failures.push(m.key === "taxPerMu" ? "taxPerMu" : "investmentPerMu");
      else if (m.ratio < 1 - RATIO_EPS) {
        conditional = true;
        notes.push(thresholdReason(m, true));
      }
    }
  }

  return failures.length > 0 ? { pass: false, failures } : { pass: true, conditional, notes };
}

/** Days after which a listing is shown with a warning; twice that, it is no longer offered. */
export const DEFAULT_VERIFY_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * fresh → warn (not confirmed for `verifyDays`) → stale (for 2 × `verifyDays`: not offered until
 * confirmed). A listing without `verifiedAt`, or a check without `now`, is fresh.
 */
export function listingFreshness(verifiedAt: string | null | undefined, options: HardOptions): "fresh" | "warn" | "stale" {
  if (!verifiedAt || !options.now) return "fresh";
  const days = options.verifyDays ?? DEFAULT_VERIFY_DAYS;
  const age = isoTime(options.now) - isoTime(verifiedAt);
  if (!(age >= 0)) return "fresh";
  if (age > 2 * days * DAY_MS) return "stale";
  return age > days * DAY_MS ? "warn" : "fresh";
}

/** Whole days since the listing was last confirmed. */
export function daysSinceVerified(verifiedAt: string, now: string): number {
  return Math.floor((isoTime(now) - isoTime(verifiedAt)) / DAY_MS);
}

/** Entries the parsed-time memo holds at most (~100 bytes each) before it starts over. */
const TIME_MEMO_MAX = 20_000;
const timeByIso = new Map<string, number>();

/**
 * `Date.parse(iso)`, remembered by text: ~1 µs a call on this machine, twice per hard check of every
 * candidate (issue 14), for the same `now` and the same spaces' `verifiedAt` lead after lead.
 */
function isoTime(iso: string): number {
  let t = timeByIso.get(iso);
  if (t === undefined) {
    t = Date.parse(iso);
    if (timeByIso.size >= TIME_MEMO_MAX) timeByIso.clear();
    timeByIso.set(iso, t);
  }
  return t;
}

// ── the pieces, exported for the scorer (one definition of each rule and of each sentence) ──

export function dealOffered(deal: MatchNeed["need"]["deal"], offered: readonly ("lease" | "buy")[]): boolean {
  return deal === "either" ? offered.length > 0 : offered.includes(deal);
}

/** A usable divisible minimum: a positive figure smaller than the whole (anything else is not a split). */
export function divisibleMin(s: SpaceCandidate): number | null {
  const d = s.divisibleMinSqm;
  return typeof d === "number" && d > 0 && d < s.areaSqm ? d : null;
}

export function areaFits(n: MatchNeed, s: SpaceCandidate): boolean {
  return areaFitOf(n, s) !== null;
}

/** Whether `s` is in the area window of [min, max] (㎡; either open): [min × 0.8, max × 1.25], or divisible down to ≤ max. */
function inAreaWindow(min: number | undefined, max: number | undefined, s: SpaceCandidate): boolean {
  const lo = min === undefined ? 0 : min * AREA_LOWER;
  const hi = max === undefined ? Infinity : max * AREA_UPPER;
  if (s.areaSqm < lo - EPS) return false;
  if (s.areaSqm <= hi + EPS) return true;
  // Too big as a whole is fine when the space can be split down to what the lead wants.
  const d = divisibleMin(s);
  return d !== null && max !== undefined && d <= max + EPS;
}

/**
 * How many spaces the need asks for (need.unitCount, docs/decisions/130: "需要3栋厂房，每栋5000平"): an
 * integer 2–99 (area-window.ts unitCountOf); anything else (none, 1, a stored value this code cannot read)
 * is 1 — one space for the whole area.
 */
export function unitsWanted(n: MatchNeed): number {
  return unitCountOf(n.need.unitCount);
}

/**
 * The area bounds (㎡) a space is judged against, and the units they are of: the need's own (the total,
 * `units` 1), or — for a need of n ≥ 2 units (unitsWanted) — each unit's, the total's bounds over n
 * (`units` n). A space that fits the total is judged as the total (one space for the whole need); else one
 * that fits a unit as a unit; one that fits neither against whichever it is nearer (areaGap), so that why-not
 * names the closer rule. The same tolerances apply to both (AREA_LOWER, AREA_UPPER).
 */
export type AreaBounds = { min?: number; max?: number; units: number };

export function areaBoundsFor(n: MatchNeed, s: SpaceCandidate): AreaBounds {
  const { areaMinSqm: min, areaMaxSqm: max } = n.need;
  const whole = { min, max, units: 1 };
  const k = unitsWanted(n);
  if (k === 1 || (min === undefined && max === undefined) || inAreaWindow(min, max, s)) return whole;
  const unit = { min: min === undefined ? undefined : min / k, max: max === undefined ? undefined : max / k, units: k };
  if (inAreaWindow(unit.min, unit.max, s)) return unit;
  return areaGap(unit, s) < areaGap(whole, s) ? unit : whole;
}

/**
 * How the space fits the need's area: `whole` (the total, as every need without a count), `unit` (one of
 * its n units, docs/decisions/130), or null (neither).
 */
export function areaFitOf(n: MatchNeed, s: SpaceCandidate): "whole" | "unit" | null {
  const b = areaBoundsFor(n, s);
  if (!inAreaWindow(b.min, b.max, s)) return null;
  return b.units > 1 ? "unit" : "whole";
}

/** How far `s` is outside the window of `b`, relative to the edge it misses (0 inside). */
export function areaGap(b: Pick<AreaBounds, "min" | "max">, s: SpaceCandidate): number {
  if (b.min !== undefined && s.areaSqm < b.min * AREA_LOWER) return (b.min * AREA_LOWER - s.areaSqm) / (b.min * AREA_LOWER);
  if (b.max === undefined) return 0;
  const hi = b.max * AREA_UPPER;
  const d = divisibleMin(s);
  const over = Math.min(s.areaSqm - hi, d !== null ? d - b.max : Infinity);
  return hi > 0 ? Math.max(0, over / hi) : 1;
}

/**
 * The area the lead would actually take of this space: the whole space, or for a divisible space that is
 * bigger than wanted, the part up to the maximum it is judged against (areaBoundsFor: the total's, or a
 * unit's) — never below the divisible minimum. Size fit is judged on this part, not on a whole plot the
 * lead does not take.
 */
export function takenAreaSqm(n: MatchNeed, s: SpaceCandidate): number {
  const d = divisibleMin(s);
  const max = areaBoundsFor(n, s).max;
  if (d === null || max === undefined || s.areaSqm <= max) return s.areaSqm;
  return Math.max(d, max);
}

/**
 * The area the lead would take in all when it takes this space (㎡): takenAreaSqm, times the units wanted
 * when the space is judged as one unit (n such spaces: docs/decisions/130). The per-mu and per-1000㎡
 * figures divide the lead's tax and investment by this, not by one unit of it.
 */
export function takenTotalSqm(n: MatchNeed, s: SpaceCandidate): number {
  return takenAreaSqm(n, s) * areaBoundsFor(n, s).units;
}

type SpecKey = "ceiling" | "floorLoad" | "power" | "crane";
export type Spec = {
  key: SpecKey;
  need: "ceilingMinM" | "floorLoadMinKg" | "powerMinKva" | "craneMinT";
  space: "ceilingM" | "floorLoadKg" | "powerKva" | "craneT";
  failure: HardFailure;
  /** Describes a building: on a bare plot the lead builds it, so "unknown" is not a question to ask. */
  building: boolean;
  zh: string;
  en: string;
  unit: string;
};

export const SPECS: readonly Spec[] = [
  {
    key: "ceiling",
    need: "ceilingMinM",
    space: "ceilingM",
    failure: "ceiling",
    building: true,
    zh: "层高",
    en: "Ceiling height",
    unit: "m",
  },
  {
    key: "floorLoad",
    need: "floorLoadMinKg",
    space: "floorLoadKg",
    failure: "floorLoad",
    building: true,
    zh: "承重",
    en: "Floor load",
    unit: "kg/㎡",
  },
  { key: "power", need: "powerMinKva", space: "powerKva", failure: "power", building: false, zh: "配电", en: "Power", unit: "kVA" },
  { key: "crane", need: "craneMinT", space: "craneT", failure: "crane", building: true, zh: "行车", en: "Crane", unit: "t" },
];

/** A minimum the lead actually asked for (0 or blank asks nothing). */
export function askedMin(v: number | undefined): number | null {
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : null;
}

export function specMet(has: number, min: number): boolean {
  return has >= min - EPS;
}

export function specApplies(spec: Spec, s: SpaceCandidate): boolean {
  return !(spec.building && s.kind === "land");
}

export function specUnknownReason(spec: Spec): Reason {
  return { kind: "check", zh: `${spec.zh}未知，需核实`, en: `${spec.en} unknown — to be checked` };
}

export function specMetReason(spec: Spec, has: number, min: number): Reason {
  return {
    kind: "fit",
    zh: `${spec.zh} ${num(has)}${spec.unit} ≥ 需求 ${num(min)}${spec.unit}`,
    en: `${spec.en} ${num(has)}${spec.unit} ≥ required ${num(min)}${spec.unit}`,
  };
}

/** true / false / null (unknown). An explicit flag wins; otherwise the storey count tells. */
export function singleStoreyOf(s: SpaceCandidate): boolean | null {
  if (typeof s.singleStorey === "boolean") return s.singleStorey;
  if (typeof s.floors === "number" && s.floors >= 1) return s.floors === 1;
  return null;
}

export const SINGLE_STOREY_UNKNOWN: Reason = { kind: "check", zh: "是否单层未知，需核实", en: "Single storey unknown — to be checked" };
export const SINGLE_STOREY_MET: Reason = { kind: "fit", zh: "单层厂房，符合需求", en: "Single storey, as required" };

/**
 * The lead's regions (GB/T 2260 codes resolved at intake, app/domain/regions.ts) against the park's
 * district code. No regions = anywhere. Regions typed but no codes (a lead stored before codes, whose
 * names no longer resolve) match nothing rather than everything.
 */
export function regionMatches(
  need: { regions?: readonly string[]; regionCodes?: readonly string[] },
  districtCode: string | null | undefined,
): boolean {
  if (!need.regions?.length && !need.regionCodes?.length) return true;
  return regionCovers(need.regionCodes ?? [], districtCode);
}

/**
 * The land-purchase thresholds gate the deal only when buying is the way the lead would take the plot:
 * lead wants to buy, or takes either and the plot is for sale only. A plot also offered on lease to an
 * "either" lead is not failed by a sale threshold; the scorer still weighs the figures.
 */
export function isLandPurchase(n: MatchNeed, s: SpaceCandidate): boolean {
  if (s.kind !== "land" || !s.deals.includes("buy")) return false;
  if (n.need.deal === "buy") return true;
  return n.need.deal === "either" && !s.deals.includes("lease");
}

export type ThresholdMetric = {
  key: "taxPerMu" | "investmentPerMu" | "taxPer1000Sqm";
  /** The lead's figure per unit of area; null = the lead gave no figure. */
  value: number | null;
  min: number;
  ratio: number | null;
};

/**
 * The park minimums that apply to this space, with the lead's figure against each: 亩均税收 and 投资强度
 * for land, tax per 1000 ㎡ for buildings. A park without a minimum sets no constraint.
 */
export function thresholdMetrics(n: MatchNeed, s: SpaceCandidate): ThresholdMetric[] {
  const area = takenTotalSqm(n, s);
  const tax = figure(n.tax.annualTaxWan);
  const out: ThresholdMetric[] = [];
  const add = (key: ThresholdMetric["key"], min: number | null | undefined, total: number | null, per: number) => {
    if (typeof min !== "number" || !(min > 0)) return;
    const value = total === null || !(per > 0) ? null : total / per;
    out.push({ key, value, min, ratio: value === null ? null : value / min });
  };
  if (s.kind === "land") {
    const mu = sqmToMu(area);
    add("taxPerMu", s.park.minTaxPerMuWan, tax, mu);
    add("investmentPerMu", s.park.minInvestmentPerMuWan, figure(n.tax.investmentWan), mu);
  } else {
    add("taxPer1000Sqm", s.park.minTaxPer1000SqmWan, tax, area / 1000);
  }
  return out;
}

function figure(v: number | undefined): number | null {
  return typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : null;
}

const METRIC_TEXT = {
  taxPerMu: { zh: "亩均税收", en: "Tax per mu", unitZh: "万元/亩", unitEn: "/mu", givenZh: "年纳税额", givenEn: "Annual tax" },
  investmentPerMu: { zh: "投资强度", en: "Investment per mu", unitZh: "万元/亩", unitEn: "/mu", givenZh: "投资额", givenEn: "Investment" },
  taxPer1000Sqm: { zh: "每千㎡税收", en: "Tax per 1000㎡", unitZh: "万元", unitEn: "", givenZh: "年纳税额", givenEn: "Annual tax" },
} as const;

/**
 * The sentence for one threshold: met, short of it (with the share), or not computable. `gate` = the
 * threshold decides the deal (land purchase), so falling short makes the match "conditional".
 */
export function thresholdReason(m: ThresholdMetric, gate = false): Reason {
  const t = METRIC_TEXT[m.key];
  const minZh = `${num(m.min)}${t.unitZh}`;
  const minEn = `${cny(m.min)}${t.unitEn}`;
  if (m.value === null || m.ratio === null) {
    return {
      kind: "check",
      zh: `企业未提供${t.givenZh}，${t.zh}需核实（园区门槛 ${minZh}）`,
      en: `${t.givenEn} not given — ${t.en.toLowerCase()} to be checked (park minimum ${minEn})`,
    };
  }
  const valZh = `${num(m.value)}${t.unitZh}`;
  const valEn = `${cny(m.value)}${t.unitEn}`;
  if (m.ratio >= 1 - RATIO_EPS) {
    return { kind: "fit", zh: `${t.zh} ${valZh} ≥ 园区门槛 ${minZh}`, en: `${t.en} ${valEn} ≥ park minimum ${minEn}` };
  }
  const pct = Math.floor(m.ratio * 100 + 1e-9);
  return {
    kind: "warn",
    zh: `${t.zh} ${valZh} 低于园区门槛 ${minZh}（达 ${pct}%）${gate ? "，有条件匹配，需园区研究" : ""}`,
    en: `${t.en} ${valEn} below park minimum ${minEn} (${pct}%)${gate ? " — conditional, the park must agree" : ""}`,
  };
}

const FAILURE_TEXT: Record<HardFailure, [string, string]> = {
  status: ["房源不在可租售状态", "Space not available"],
  stale: ["房源长期未核实是否仍可租售，暂停推荐", "Listing not confirmed for too long; not offered"],
  kind: ["物业类型不符", "Wrong kind of property"],
  deal: ["租售方式不符", "Deal (lease/buy) not offered"],
  area: ["面积超出需求范围", "Area outside the wanted range"],
  ceiling: ["层高不足", "Ceiling too low"],
  floorLoad: ["承重不足", "Floor load too low"],
  power: ["配电不足", "Power too low"],
  crane: ["行车吨位不足", "Crane too small"],
  singleStorey: ["非单层", "Not single storey"],
  industry: ["园区限制该行业", "Industry excluded by the park"],
  region: ["不在意向区域", "Not in the wanted districts"],
  taxPerMu: ["亩均税收低于园区门槛 50%", "Tax per mu below 50% of the park minimum"],
  investmentPerMu: ["投资强度低于园区门槛 50%", "Investment per mu below 50% of the park minimum"],
};

/** Why a space was left out, for the admin's "why not this one?" view. */
export function describeFailures(failures: readonly HardFailure[]): Reason[] {
  return failures.map((f) => ({ kind: "warn", zh: FAILURE_TEXT[f][0], en: FAILURE_TEXT[f][1] }));
}

// ── formatting shared by the reasons ──

/** At most 2 decimals, no trailing zeros: 9 → "9", 28.846 → "28.85". */
export function num(x: number): string {
  const r = Math.round(x * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

/**
 * 万元 in English, as every English page says money (formatWan, ADR 134): 33 → "CNY 330,000", 300 → "CNY 3
 * million", 346.15 → "CNY 3,461,500". The figure first rounded as the Chinese reason rounds it (two decimals of
 * 万元, `num`), so both languages say the same amount. It said "CNY 208.3k" / "CNY 3.46m" (ADR 143).
 */
export function cny(wan: number): string {
  return formatWan("en", Math.round(wan * 100) / 100);
}

/** Land is spoken of in 亩: "52亩（34667㎡）"; buildings in ㎡. */
export function areaText(sqm: number, land: boolean): string {
  return land ? `${formatMu(sqmToMu(sqm), "zh")}（${formatSqm(sqm)}）` : formatSqm(sqm);
}

export function areaTextEn(sqm: number, land: boolean): string {
  return land ? `${num(sqmToMu(sqm))} mu (${formatSqm(sqm)})` : formatSqm(sqm);
}

// ── reverse matching's pre-filter (worker/space-match.job.ts) ──

/** Slack on every pre-filter bound: far above float error, far below any real difference in figures. */
const PREFILTER_SLACK = 0.01;

/**
 * What a space's own figures say about the leads that could pass hardCheck against it, as bounds a
 * database can compare a lead's stored fields with (app/matches/match-leads.server.ts, openLeadsForSpace).
 * Loose by construction — a lead outside them fails hardCheck, a lead inside may still fail it:
 * - `deals`: the lead's need.deal must be one of these (`either` when the space offers any deal);
 * - area: need.areaMinSqm (absent = 0) ≤ `areaMinAtMost`; need.areaMaxSqm (absent = ∞) ≥ `areaMaxAtLeast`
 *   (areaFits: [areaMin × 0.8, areaMax × 1.25], or a divisible minimum ≤ areaMax) — or, for a lead of n ≥ 2
 *   units (docs/decisions/130), the same bounds held against each unit's: areaMinSqm / n and areaMaxSqm / n;
 * - `specMax`: for each figure the space states, the lead's *Min (m, kg/㎡, kVA, t) must be ≤ it;
 * - `rejectsSingleStorey`: the space is known not to be single storey, so need.singleStorey = true fails;
 * - `districtCodes`: the GB/T 2260 codes the park's district lies in; a lead whose stored regionCodes is
 *   a non-empty list holding none of them fails (leads with names only are resolved in code).
 * Industry exclusions and land-purchase thresholds are left to hardCheck.
 */
export type ReverseLeadBounds = {
  kind: SpaceCandidate["kind"];
  deals: ("lease" | "buy" | "either")[];
  areaMinAtMost: number;
  areaMaxAtLeast: number;
  specMax: Partial<Record<Spec["need"], number>>;
  rejectsSingleStorey: boolean;
  districtCodes: string[];
};

export function reverseLeadBounds(s: SpaceCandidate): ReverseLeadBounds {
  const d = divisibleMin(s);
  // areaFits passes when area ≤ max × 1.25 + EPS, or when d ≤ max + EPS: max ≥ the smaller of the two.
  const byWhole = (s.areaSqm - PREFILTER_SLACK) / AREA_UPPER;
  const specMax: ReverseLeadBounds["specMax"] = {};
  for (const spec of SPECS) {
    const has = s[spec.space];
    if (typeof has === "number" && Number.isFinite(has)) specMax[spec.need] = Math.max(has + PREFILTER_SLACK, 0);
  }
  return {
    kind: s.kind,
    deals: s.deals.length > 0 ? [...new Set([...s.deals, "either" as const])] : [],
    areaMinAtMost: (s.areaSqm + PREFILTER_SLACK) / AREA_LOWER,
    areaMaxAtLeast: d === null ? byWhole : Math.min(byWhole, d - PREFILTER_SLACK),
    specMax,
    rejectsSingleStorey: singleStoreyOf(s) === false,
    districtCodes: divisionCodesOf(s.park.districtCode),
  };
}
