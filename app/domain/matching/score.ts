import { sqmToMu } from "~/domain/area";
import { type IndustryFit, industryFit, industryLabel, sectionOf } from "~/domain/industries";
import { unitCountText, unitWord } from "~/domain/unit-count-text";

import { AREA_LOWER, AREA_UPPER } from "./area-window";
import { rentBudgets } from "./budget";
import {
  areaBoundsFor,
  areaText,
  areaTextEn,
  askedMin,
  cny,
  divisibleMin,
  hardCheck,
  type HardResult,
  isLandPurchase,
  num,
  SINGLE_STOREY_MET,
  SINGLE_STOREY_UNKNOWN,
  singleStoreyOf,
  specApplies,
  specMet,
  specMetReason,
  SPECS,
  specUnknownReason,
  takenAreaSqm,
  type ThresholdMetric,
  thresholdMetrics,
  thresholdReason,
  type UnitsFit,
  unitsWanted,
} from "./hard";
import type { MatchNeed, Reason, SpaceCandidate } from "./types";

// Soft preferences (DESIGN.md "Matching"): each factor is 0..1 × its weight, and every factor that
// says something gets a sentence a recruiter can read aloud, with the figures on both sides.

export type Weights = { industry: number; size: number; specs: number; threshold: number; price: number; availability: number };
export const DEFAULT_WEIGHTS: Readonly<Weights> = Object.freeze({
  industry: 30,
  size: 25,
  specs: 15,
  threshold: 15,
  price: 5,
  availability: 10,
});

/** Points a conditional match (land threshold 50–100 %) loses, on top of its lower threshold factor. */
export const CONDITIONAL_PENALTY = 10;

const INDUSTRY_CREDIT: Record<IndustryFit, number> = { division: 1, "section-focus": 0.9, "same-section": 0.6, none: 0.2 };
/** Size credit at the edge of the hard window (0.8 × min, 1.25 × max); 1.0 inside the wanted range. */
const SIZE_EDGE_CREDIT = 0.3;
/** Unknown figures earn half: better than a known miss, worse than a known fit. */
const UNKNOWN_CREDIT = 0.5;
/** Months late at which availability earns nothing. */
const LATE_MONTHS_ZERO = 6;

/**
 * Price is a mild factor with no lead budget to compare against: full credit up to a typical figure for
 * the region, falling linearly to nothing at `zero`. Tunable here.
 */
export const PRICE_REFERENCE = {
  rent: { full: 20, zero: 40 }, // 元/㎡/月
  buildingPrice: { full: 3000, zero: 6000 }, // 元/㎡
  landPrice: { full: 25, zero: 50 }, // 万元/亩
};

type Factor = { value: number; reasons: Reason[] };

/**
 * `hard`: the space's hardCheck result when the caller already has it (rankMatches does). Options only
 * add failures (a stale listing), so a passing result carries the same notes and conditional flag as
 * `hardCheck(n, s)` here; a failing one is checked again without options, as before.
 */
export function scoreSpace(
  n: MatchNeed,
  s: SpaceCandidate,
  weights: Partial<Weights> = DEFAULT_WEIGHTS,
  today: string = new Date().toISOString().slice(0, 10),
  hard?: HardResult,
): { score: number; reasons: Reason[] } {
  const w = weights === DEFAULT_WEIGHTS ? DEFAULT_WEIGHTS : { ...DEFAULT_WEIGHTS, ...weights };
  const factors: [number, Factor][] = [
    [w.industry, industryFactor(n, s)],
    [w.size, sizeFactor(n, s, hard?.pass ? hard.units : undefined)],
    [w.specs, specsFactor(n, s)],
    [w.threshold, thresholdFactor(n, s)],
    [w.price, priceFactor(n, s)],
    [w.availability, availabilityFactor(n, s, today)],
  ];
  const checked = hard?.pass ? hard : hardCheck(n, s);
  const reasons = factors.flatMap(([, f]) => f.reasons);
  if (checked.pass) reasons.push(...checked.notes);
  return {
    score: weighted(
      factors.map(([weight, f]) => [weight, f.value]),
      checked,
    ),
    reasons: dedupe(reasons),
  };
}

/**
 * scoreSpace's `score` without its sentences: rankMatches scores every candidate that passes (~40 a
 * lead) and words the reasons of the top 5 only (issue 14). Each factor's value comes from the same
 * function in both (`*Value` below), so the two scores are the same number.
 */
export function scoreOnly(
  n: MatchNeed,
  s: SpaceCandidate,
  weights: Partial<Weights> = DEFAULT_WEIGHTS,
  today: string = new Date().toISOString().slice(0, 10),
  hard?: HardResult,
): number {
  const w = weights === DEFAULT_WEIGHTS ? DEFAULT_WEIGHTS : { ...DEFAULT_WEIGHTS, ...weights };
  return weighted(
    [
      [w.industry, industryValue(n, s)],
      [w.size, sizeValue(n, s)],
      [w.specs, specsValue(n, s)],
      [w.threshold, thresholdValue(n, s)],
      [w.price, priceValue(n, s)],
      [w.availability, availabilityValue(n, s, today)],
    ],
    hard?.pass ? hard : hardCheck(n, s),
  );
}

/** 0–100, integer: the factors' values by weight, less the conditional penalty. */
function weighted(values: [number, number][], hard: HardResult): number {
  let total = 0;
  let sum = 0;
  for (const [weight, value] of values) {
    const wt = Number.isFinite(weight) && weight > 0 ? weight : 0;
    total += wt * clamp01(value);
    sum += wt;
  }
  // Normalised by the weight sum, so tuned weights that do not add up to 100 still give 0–100.
  let score = sum > 0 ? (total / sum) * 100 : 0;
  if (hard.pass && hard.conditional) score -= CONDITIONAL_PENALTY;
  return Math.max(0, Math.min(100, Math.round(score)));
}

/** industryFactor's value: the credit of the lead's industry against the park's focus. */
function industryValue(n: MatchNeed, s: SpaceCandidate): number {
  const code = n.use.industry;
  if (!code || s.park.industries.length === 0) return INDUSTRY_CREDIT["same-section"];
  return INDUSTRY_CREDIT[industryFit(code, s.park.industries)];
}

export function industryFactor(n: MatchNeed, s: SpaceCandidate): Factor {
  const code = n.use.industry;
  const focus = s.park.industries;
  const value = industryValue(n, s);
  if (!code) {
    // A phone lead whose industry was not given yet (docs/decisions/029): neither rewarded nor punished.
    return {
      value,
      reasons: [{ kind: "check", zh: "行业未填，是否适合园区需核实", en: "Industry not given yet — fit with the park to be checked" }],
    };
  }
  const zh = industryLabel(code, "zh");
  const en = industryLabel(code, "en");
  if (focus.length === 0) {
    // A park that lists no focus has no preference to go against: neither rewarded nor punished.
    return {
      value,
      reasons: [
        {
          kind: "check",
          zh: `园区未列主导产业，行业 ${zh} 是否适合需核实`,
          en: `Park lists no focus industries — fit of ${en} to be checked`,
        },
      ],
    };
  }
  const fit = industryFit(code, focus);
  const list = { zh: focus.join("、"), en: focus.join(", ") };
  const section = sectionOf(code) ?? "";
  const reason: Reason =
    fit === "division"
      ? { kind: "fit", zh: `行业 ${zh} 属园区主导产业`, en: `Industry ${en} is a focus industry of the park` }
      : fit === "section-focus"
        ? {
            kind: "fit",
            zh: `行业 ${zh} 属园区主导门类 ${industryLabel(section, "zh")}`,
            en: `Industry ${en} is in the park's focus section ${industryLabel(section, "en")}`,
          }
        : fit === "same-section"
          ? {
              kind: "fit",
              zh: `行业 ${zh} 与园区主导产业（${list.zh}）同属 ${industryLabel(section, "zh")}`,
              en: `Industry ${en} shares section ${industryLabel(section, "en")} with the park's focus (${list.en})`,
            }
          : {
              kind: "warn",
              zh: `行业 ${zh} 不在园区主导产业（${list.zh}）内`,
              en: `Industry ${en} is not among the park's focus industries (${list.en})`,
            };
  return { value, reasons: [reason] };
}

/**
 * sizeFactor's value: 1 for the area taken inside the wanted range, down to SIZE_EDGE_CREDIT at the hard
 * window's edges (0 beyond them); 0.5 when no size is given.
 */
function sizeValue(n: MatchNeed, s: SpaceCandidate): number {
  // A space judged as one of the need's units is judged against a unit's size (docs/decisions/130).
  const { min, max } = areaBoundsFor(n, s);
  if (min === undefined && max === undefined) return 0.5;
  const taken = takenAreaSqm(n, s);
  let value = 1;
  if (min !== undefined && taken < min) value = 1 - ((1 - SIZE_EDGE_CREDIT) * (min - taken)) / (min * (1 - AREA_LOWER));
  else if (max !== undefined && taken > max) value = 1 - ((1 - SIZE_EDGE_CREDIT) * (taken - max)) / (max * (AREA_UPPER - 1));
  return value >= 1 ? 1 : Math.max(0, value);
}

/**
 * `units`: for a need of several units (docs/decisions/130), how many it wants and how many of the park's
 * spaces fit as one (rankMatches counts them: UnitsFit); the reason says which the space fits — a unit
 * ("单栋面积 5000㎡ 在需求 4500–5500㎡ 内（需3栋，本园区符合的有 3 栋）") or the total in one space — and when
 * the park has fewer units that fit than wanted (a warning: the match is conditional).
 */
export function sizeFactor(n: MatchNeed, s: SpaceCandidate, units?: UnitsFit): Factor {
  const bounds = areaBoundsFor(n, s);
  const { min, max } = bounds;
  const land = s.kind === "land";
  const taken = takenAreaSqm(n, s);
  const d = divisibleMin(s);
  const split = d !== null && taken !== s.areaSqm;
  const asUnit = bounds.units > 1;
  const wanted = unitsWanted(n);
  const [w, one] = unitWord(n.need.kind);
  const zhArea =
    (asUnit ? `单${w}` : "") +
    (split
      ? `可分割面积 ${areaText(taken, land)}（整体 ${areaText(s.areaSqm, land)}，最小可分 ${areaText(d, land)}）`
      : `面积 ${areaText(taken, land)}`);
  const enArea =
    (asUnit ? `Each ${one}: ` : "") +
    (split
      ? `${asUnit ? "divisible" : "Divisible"}: ${areaTextEn(taken, land)} of ${areaTextEn(s.areaSqm, land)} (min ${areaTextEn(d, land)})`
      : `${asUnit ? "area" : "Area"} ${areaTextEn(taken, land)}`);
  // What the need's count says of this space: one of its units (with the park's count), or the total in one.
  const short = asUnit && units !== undefined && units.fitting < units.wanted;
  const [zhN, enN] = [unitCountText(wanted, n.need.kind, "zh"), unitCountText(wanted, n.need.kind, "en")];
  // The total in one space says how it was compared, not that it meets the total (docs/decisions/135): the
  // sentence before it says whether it does ("小于需求 13500–16500㎡（小 11%）"); zh and en the same claim.
  const zhUnits = !asUnit
    ? wanted > 1
      ? `（按合计面积比较：一处代替${zhN}）`
      : ""
    : units === undefined
      ? `（需${zhN}）`
      : short
        ? `，但需${zhN}，本园区符合的只有 ${units.fitting} ${w}（有条件匹配）`
        : `（需${zhN}，本园区符合的有 ${units.fitting} ${w}）`;
  const enUnits = !asUnit
    ? wanted > 1
      ? ` (compared with the total: one space in place of ${enN})`
      : ""
    : units === undefined
      ? ` (${enN} wanted)`
      : short
        ? `, but ${enN} are wanted and this park has only ${units.fitting} that fit (conditional)`
        : ` (${enN} wanted; this park has ${units.fitting} that fit)`;
  if (min === undefined && max === undefined) {
    // A phone lead whose size is not known yet (docs/decisions/029): half credit, and the recruiter asks.
    return {
      value: sizeValue(n, s),
      reasons: [{ kind: "check", zh: `${zhArea}，需求面积未定，需核实`, en: `${enArea}; wanted size not given yet — to be checked` }],
    };
  }
  const range = rangeText(min, max, land);

  const value = sizeValue(n, s);
  if (value >= 1) {
    const zhTail =
      min !== undefined && max !== undefined
        ? `在需求 ${range.zh} 内`
        : min !== undefined
          ? `≥ 需求 ${range.zh}`
          : `≤ 需求上限 ${range.zh}`;
    const enTail =
      min !== undefined && max !== undefined
        ? `within the wanted ${range.en}`
        : min !== undefined
          ? `≥ wanted ${range.en}`
          : `≤ wanted maximum ${range.en}`;
    return {
      value,
      reasons: [{ kind: short ? "warn" : "fit", zh: `${zhArea} ${zhTail}${zhUnits}`, en: `${enArea} ${enTail}${enUnits}` }],
    };
  }
  const below = min !== undefined && taken < min;
  const bound = below ? min! : max!;
  const pct = Math.round((Math.abs(taken - bound) / bound) * 100);
  const want = min !== undefined && max !== undefined ? range : rangeText(bound, bound, land);
  // Inside the window (the hard rule's [min × 0.8, max × 1.25]) a space that misses the range still fits: said
  // so, or "小于需求（小 13%）" reads as a failure beside "符合的有 3 栋" (docs/decisions/135).
  const [zhTol, enTol] = value > 0 ? ["，在容差内", ", within tolerance"] : ["", ""];
  return {
    value,
    reasons: [
      {
        kind: "warn",
        zh: `${zhArea} ${below ? "小于" : "大于"}需求 ${want.zh}（${below ? "小" : "大"} ${pct}%${zhTol}）${zhUnits}`,
        en: `${enArea} ${below ? "smaller" : "larger"} than the wanted ${want.en} (${pct}% ${below ? "short" : "over"}${enTol})${enUnits}`,
      },
    ],
  };
}

function rangeText(min: number | undefined, max: number | undefined, land: boolean): { zh: string; en: string } {
  const f = (x: number) => num(land ? sqmToMu(x) : x);
  const unitZh = land ? "亩" : "㎡";
  const unitEn = land ? " mu" : "㎡";
  const body = min !== undefined && max !== undefined && min !== max ? `${f(min)}–${f(max)}` : f((min ?? max)!);
  return { zh: `${body}${unitZh}`, en: `${body}${unitEn}` };
}

/** specsFactor's value: the average credit of the figures the lead asked for (1 when it asked none). */
function specsValue(n: MatchNeed, s: SpaceCandidate): number {
  const credits: number[] = [];
  for (const spec of SPECS) {
    const min = askedMin(n.need[spec.need]);
    if (min === null) continue;
    const has = s[spec.space];
    if (has === null || has === undefined) {
      // Land: the lead puts up its own building, so ceiling / load / crane are not a question.
      if (specApplies(spec, s)) credits.push(UNKNOWN_CREDIT);
    } else {
      credits.push(specMet(has, min) ? 1 : 0); // 0 only for a space that failed the hard check
    }
  }
  if (n.need.singleStorey === true && s.kind !== "land") {
    const single = singleStoreyOf(s);
    credits.push(single === true ? 1 : single === null ? UNKNOWN_CREDIT : 0);
  }
  return credits.length ? average(credits) : 1;
}

export function specsFactor(n: MatchNeed, s: SpaceCandidate): Factor {
  const reasons: Reason[] = [];
  for (const spec of SPECS) {
    const min = askedMin(n.need[spec.need]);
    if (min === null) continue;
    const has = s[spec.space];
    if (has === null || has === undefined) {
      if (specApplies(spec, s)) reasons.push(specUnknownReason(spec));
    } else if (specMet(has, min)) {
      reasons.push(specMetReason(spec, has, min));
    }
  }
  if (n.need.singleStorey === true && s.kind !== "land") {
    const single = singleStoreyOf(s);
    if (single === true) reasons.push(SINGLE_STOREY_MET);
    if (single === null) reasons.push(SINGLE_STOREY_UNKNOWN);
  }
  return { value: specsValue(n, s), reasons };
}

/** thresholdFactor's value: the average share of each park minimum the lead reaches (1 without minimums). */
function thresholdValue(n: MatchNeed, s: SpaceCandidate): number {
  return metricsValue(thresholdMetrics(n, s));
}

function metricsValue(metrics: ThresholdMetric[]): number {
  if (metrics.length === 0) return 1;
  return average(metrics.map((m) => (m.ratio === null ? UNKNOWN_CREDIT : Math.min(1, Math.max(0, m.ratio)))));
}

export function thresholdFactor(n: MatchNeed, s: SpaceCandidate): Factor {
  const metrics = thresholdMetrics(n, s);
  if (metrics.length === 0) return { value: metricsValue(metrics), reasons: [] };
  const gate = isLandPurchase(n, s);
  return { value: metricsValue(metrics), reasons: metrics.map((m) => thresholdReason(m, gate)) };
}

type PriceBasis = keyof typeof PRICE_REFERENCE;

/** The figure for the deal the lead would make: rent when it can lease, else the sale price. */
function priceBasis(n: MatchNeed, s: SpaceCandidate): { key: PriceBasis; figure: number | null | undefined } {
  if (n.need.deal !== "buy" && s.deals.includes("lease")) return { key: "rent", figure: s.rentYuanPerSqmMonth };
  return s.kind === "land" ? { key: "landPrice", figure: s.landPriceWanPerMu } : { key: "buildingPrice", figure: s.priceYuanPerSqm };
}

/** Each basis in words, with its figure's unit (module-level: no closures made per space). */
const PRICE_TEXT: Record<PriceBasis, { zh: string; en: string; zhOf: (x: number) => string; enOf: (x: number) => string }> = {
  rent: { zh: "租金", en: "Rent", zhOf: (x) => `${num(x)}元/㎡/月`, enOf: (x) => `${num(x)} CNY/㎡/month` },
  landPrice: { zh: "地价", en: "Land price", zhOf: (x) => `${num(x)}万元/亩`, enOf: (x) => `${cny(x)}/mu` },
  buildingPrice: { zh: "售价", en: "Price", zhOf: (x) => `${num(x)}元/㎡`, enOf: (x) => `${num(x)} CNY/㎡` },
};

/** priceFactor's value: full credit up to the reference, none from `zero` on, linear between; unknown half. */
function priceValue(n: MatchNeed, s: SpaceCandidate): number {
  const { key, figure: x } = priceBasis(n, s);
  if (typeof x !== "number" || !Number.isFinite(x)) return UNKNOWN_CREDIT;
  const { full, zero } = PRICE_REFERENCE[key];
  return x <= full ? 1 : x >= zero ? 0 : (zero - x) / (zero - full);
}

export function priceFactor(n: MatchNeed, s: SpaceCandidate): Factor {
  const { key, figure: x } = priceBasis(n, s);
  const p = PRICE_TEXT[key];
  const value = priceValue(n, s);
  if (typeof x !== "number" || !Number.isFinite(x)) {
    return { value, reasons: [{ kind: "check", zh: `${p.zh}未知，需核实`, en: `${p.en} unknown — to be checked` }] };
  }
  const { full } = PRICE_REFERENCE[key];
  // A rent above a budget the notes gave (trial39 M6, docs/decisions/189): a warning, in place of the green "≤ reference" — the
  // budget is the enterprise's own ceiling. Whether the space matches and its score are unchanged (a budget is no filter, ADR 101).
  const over = key === "rent" ? rentOverBudget(n, s, x) : [];
  if (over.length) return { value, reasons: over };
  const reason: Reason =
    x <= full
      ? { kind: "fit", zh: `${p.zh} ${p.zhOf(x)} ≤ 参考价 ${p.zhOf(full)}`, en: `${p.en} ${p.enOf(x)} ≤ reference ${p.enOf(full)}` }
      : { kind: "warn", zh: `${p.zh} ${p.zhOf(x)} 高于参考价 ${p.zhOf(full)}`, en: `${p.en} ${p.enOf(x)} above reference ${p.enOf(full)}` };
  return { value, reasons: [reason] };
}

/** The warnings of a rent (元/㎡/月) above the notes' budgets: per ㎡, or in all for the area the lead takes of the space. */
function rentOverBudget(n: MatchNeed, s: SpaceCandidate, rent: number): Reason[] {
  const out: Reason[] = [];
  for (const b of rentBudgets(n)) {
    if (b.perSqmMonth !== undefined && rent > b.perSqmMonth)
      out.push({
        kind: "warn",
        zh: `租金 ${num(rent)}元/㎡/月 超出备注中的预算（“${b.text}”）`,
        en: `Rent ${num(rent)} CNY/㎡/month is above the notes' budget of ${num(b.perSqmMonth)} CNY/㎡/month`,
      });
    else if (b.perMonth !== undefined) {
      const monthly = Math.round(rent * takenAreaSqm(n, s));
      if (monthly > b.perMonth)
        out.push({
          kind: "warn",
          zh: `月租约 ${num(monthly)}元 超出备注中的预算（“${b.text}”）`,
          en: `Monthly rent about ${num(monthly)} CNY is above the notes' budget of ${num(b.perMonth)} CNY a month`,
        });
    }
  }
  return out;
}

/** "YYYY-MM" from which the space is available, when after `today`; null = available now. */
function availableMonth(s: SpaceCandidate, today: string): string | null {
  const from = dateOf(s.availableFrom);
  return from !== null && from > today ? from.slice(0, 7) : null;
}

/** availabilityFactor's value: 1 when in time (or no date asked), down to 0 at LATE_MONTHS_ZERO months late. */
function availabilityValue(n: MatchNeed, s: SpaceCandidate, today: string): number {
  const future = availableMonth(s, today);
  const by = n.need.moveInBy;
  if (!by || future === null || future <= by) return 1;
  return Math.max(0, 1 - (monthIndex(future) - monthIndex(by)) / LATE_MONTHS_ZERO);
}

export function availabilityFactor(n: MatchNeed, s: SpaceCandidate, today: string): Factor {
  const future = availableMonth(s, today);
  const by = n.need.moveInBy;
  const value = availabilityValue(n, s, today);
  if (!by) {
    if (future === null) return { value, reasons: [] };
    return {
      value,
      reasons: [
        {
          kind: "check",
          zh: `${future} 起可用，入驻时间需与企业确认`,
          en: `Available from ${future} — confirm timing with the enterprise`,
        },
      ],
    };
  }
  if (future === null)
    return { value, reasons: [{ kind: "fit", zh: `现可入驻，满足 ${by} 前入驻`, en: `Available now — in time for ${by}` }] };
  if (future <= by)
    return {
      value,
      reasons: [{ kind: "fit", zh: `${future} 起可用，可于 ${by} 前入驻`, en: `Available from ${future} — in time for ${by}` }],
    };
  return {
    value,
    reasons: [{ kind: "warn", zh: `${future} 起可用，晚于需求 ${by}`, en: `Available from ${future}, later than the wanted ${by}` }],
  };
}

/** "YYYY-MM-DD" from what a store hands over (a string, or a Date from a driver); junk = unknown = now. */
function dateOf(v: unknown): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v !== "string") return null;
  const m = /^(\d{4}-\d{2})(-\d{2})?/.exec(v.trim());
  return m ? `${m[1]}${m[2] ?? "-01"}` : null;
}

function monthIndex(ym: string): number {
  return Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7));
}

function average(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.max(0, Math.min(1, x)) : 0;
}

/** The same sentence can come from the hard check and from a factor: say it once. */
function dedupe(reasons: Reason[]): Reason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => (seen.has(r.zh) ? false : (seen.add(r.zh), true)));
}
