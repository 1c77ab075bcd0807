import { sqmToMu } from "~/domain/area";
import { industryLabel, isIndustryExcluded } from "~/domain/industries";
import { resolveRegion } from "~/domain/regions";
import { englishDivisionLabel, englishZoneLabel } from "~/domain/regions-en";
import { unitCountText, unitWord } from "~/domain/unit-count-text";

import { AREA_LOWER, AREA_UPPER } from "./area-window";
import {
  areaBoundsFor,
  areaGap,
  askedMin,
  cny,
  daysSinceVerified,
  divisibleMin,
  type HardCheck,
  hardCheck,
  hardCheckOf,
  type HardFailure,
  type HardOptions,
  isLandPurchase,
  num,
  SPECS,
  takenTotalSqm,
  THRESHOLD_FLOOR,
  thresholdMetrics,
} from "./hard";
import { refusalsOf, refusedPlaceOf } from "./refusals";
import type { MatchNeed, Reason, SpaceCandidate } from "./types";

// Why not (issue 10): for a space the lead was not offered, the hard constraints it failed with both
// figures side by side, how far off it is, and — when one figure of the need is all that stands in
// the way — the smallest change to that figure that lets the space in.

/** A change to one figure of the need; `value` replaces the need's field. */
export type Suggestion = {
  field:
    | "areaMinSqm"
    | "areaMaxSqm"
    | "ceilingMinM"
    | "floorLoadMinKg"
    | "powerMinKva"
    | "craneMinT"
    | "singleStorey"
    | "regions"
    | "deal"
    | "annualTaxWan"
    | "investmentWan";
  value: number | boolean | string | string[];
  /** For `regions`: the GB/T 2260 code added with the district's name. */
  regionCode?: string;
  zh: string;
  en: string;
};

export type Exclusion = {
  spaceId: string;
  parkId: string;
  parkName: string;
  title: string;
  /** The first hard constraint the space failed (hardCheck's order). */
  rule: HardFailure;
  /** Every failed constraint with both figures, the first one first. */
  reasons: Reason[];
  /** How far off: the number of failed constraints plus the relative gap of each; smaller is nearer. */
  miss: number;
  suggestion: Suggestion | null;
  /**
   * A near miss (isNearMiss): the space fails exactly one hard rule, and when that rule is the region, the
   * park is in a city the lead names (another district of it). Absent on exclusions stored before it.
   */
  near?: boolean;
};

/** `check`: the lead's shared hard check, as in RankOptions (hardCheckOf with this call's lead and options). */
export type WhyNotOptions = HardOptions & { perPark?: number; maxParks?: number; check?: HardCheck };

/** Spaces listed per park, and parks listed: enough to answer "why not X?", bounded for the page. */
export const WHY_NOT_PER_PARK = 3;
export const WHY_NOT_MAX_PARKS = 10;

/**
 * The spaces of the lead's kind that were not offered, each with the rule that left it out, grouped
 * by park (parks by their nearest miss), the nearest misses first, `perPark` per park. Spaces that
 * pass every hard constraint (out-ranked) and spaces no longer available are not listed.
 */
export function explainExclusions(
  n: MatchNeed,
  candidates: readonly SpaceCandidate[],
  offered: ReadonlySet<string>,
  options: WhyNotOptions = {},
): Exclusion[] {
  const perPark = options.perPark ?? WHY_NOT_PER_PARK;
  const maxParks = options.maxParks ?? WHY_NOT_MAX_PARKS;
  const shared = { ...options, check: options.check ?? hardCheckOf(n, options) };
  const seen = new Set<string>();
  const byPark = new Map<string, Exclusion[]>();
  for (const s of candidates) {
    if (seen.has(s.id) || offered.has(s.id)) continue;
    seen.add(s.id);
    const e = explainExclusion(n, s, shared);
    if (!e || e.rule === "status" || e.rule === "kind") continue;
    byPark.set(s.parkId, [...(byPark.get(s.parkId) ?? []), e]);
  }
  const groups = [...byPark.values()].map((list) => list.sort(nearestFirst).slice(0, perPark));
  groups.sort((a, b) => nearestFirst(a[0], b[0]));
  return groups.slice(0, maxParks).flat();
}

/**
 * The nearest misses across all parks (the call-back task carries three, the hotline's dry run shows
 * three under 只差一点): only near misses (isNearMiss), nearest first. A space that misses on two or three
 * rules — another city, another size and too low — is no "只差一点" to offer on a call (trial 12-05,
 * finding 2); the lead page's why-not still lists it.
 */
export function nearestMisses(excluded: readonly Exclusion[], count: number): Exclusion[] {
  return excluded.filter(isNearMiss).sort(nearestFirst).slice(0, count);
}

/**
 * Whether an exclusion is a near miss: it failed exactly one hard rule, and a region miss is of a park in a
 * city the lead names (inWantedCity). An exclusion stored before `near` was kept: by its one reason.
 */
export function isNearMiss(e: Pick<Exclusion, "near" | "reasons">): boolean {
  return e.near ?? e.reasons.length === 1;
}

/**
 * Whether the park's district lies in a city (地级, or a municipality) one of the lead's region codes is in:
 * 320115 江宁区 for a lead wanting 320118 高淳区 — another district of the city asked for, a near miss; a park
 * in 苏州 for that lead is not. A lead with no region codes: true (no region rule fails then anyway).
 */
function inWantedCity(n: MatchNeed, s: SpaceCandidate): boolean {
  const codes = n.need.regionCodes ?? [];
  const park = s.park.districtCode;
  if (codes.length === 0) return true;
  if (!park || !/^\d{6}$/.test(park)) return false;
  return codes.some((c) => /^\d{6}$/.test(c) && !c.endsWith("0000") && c.slice(0, 4) === park.slice(0, 4));
}

function nearestFirst(a: Exclusion, b: Exclusion): number {
  return a.miss - b.miss || (a.suggestion ? 0 : 1) - (b.suggestion ? 0 : 1) || (a.spaceId < b.spaceId ? -1 : a.spaceId > b.spaceId ? 1 : 0);
}

/** Why one space was left out, or null when it passes every hard constraint. */
export function explainExclusion(n: MatchNeed, s: SpaceCandidate, options: HardOptions & { check?: HardCheck } = {}): Exclusion | null {
  const hard = options.check ? options.check(s) : hardCheck(n, s, options);
  if (hard.pass) return null;
  const reasons = hard.failures.map((f) => failureReason(n, s, f, options));
  const miss = hard.failures.reduce((sum, f) => sum + 1 + gap(n, s, f), 0);
  // DECISION (docs/decisions/158): a space in a place the enterprise refused is never advice — no suggestion,
  // no near miss — and its reasons say the refusal ("企业已明确不考虑高淳"), in the region's reason or after the others.
  const refused = refusedPlaceOf(refusalsOf(n), s.park.district, s.park.districtCode);
  if (refused !== null) {
    const said = refusedPlaceReason(s, refused);
    const at = hard.failures.indexOf("region");
    if (at >= 0) reasons[at] = said;
    else reasons.push(said);
  }
  // A space above a maximum that is itself a refusal ("6000平以上不要", ADR 132): the side the enterprise refused.
  const aboveRefused = hard.failures.includes("area") && refusalsOf(n).areaAbove && !belowMin(n, s);
  // A space offered only under a deal the enterprise refused ("只租不买", docs/decisions/162): the refusal said in the
  // deal's reason; never advice.
  const deal = refusedDealOnly(n, s);
  if (deal !== null) {
    const at = hard.failures.indexOf("deal");
    if (at >= 0) reasons[at] = refusedDealReason(s, deal);
  }
  const advisable = refused === null && !aboveRefused && deal === null;
  return {
    spaceId: s.id,
    parkId: s.parkId,
    parkName: s.park.name,
    title: s.title,
    rule: hard.failures[0],
    reasons,
    miss,
    suggestion: advisable && hard.failures.length === 1 ? suggestNearMiss(n, s, hard.failures[0], options) : null,
    near: advisable && hard.failures.length === 1 && (hard.failures[0] !== "region" || inWantedCity(n, s)),
  };
}

/** The refused deal (with its words) when the space is offered under nothing else: "仅购买" for "只租不买"; else null. */
function refusedDealOnly(n: MatchNeed, s: SpaceCandidate): { deal: "lease" | "buy"; text: string } | null {
  const refused = refusalsOf(n).deal;
  return refused && s.deals.length > 0 && s.deals.every((d) => d === refused.deal) ? refused : null;
}

/** The deal's reason of a space offered only under a refused deal: what it offers, and the refusal in the enterprise's words. */
function refusedDealReason(s: SpaceCandidate, refused: { deal: "lease" | "buy"; text: string }): Reason {
  return {
    kind: "warn",
    zh: `租售方式 仅${DEAL_TEXT[refused.deal][0]}，企业已明确不要${DEAL_TEXT[refused.deal][0]}（“${refused.text}”）`,
    en: `Offered ${DEAL_TEXT[refused.deal][1]} only, which the enterprise has ruled out ("${refused.text}")`,
  };
}

/** Whether the space fails the area rule on its lower side (too small), not above the maximum. */
function belowMin(n: MatchNeed, s: SpaceCandidate): boolean {
  const { min } = areaBoundsFor(n, s);
  return min !== undefined && s.areaSqm < min * AREA_LOWER;
}

/** The reason of a space in a refused place: the park's district, and the refusal in the enterprise's words. */
function refusedPlaceReason(s: SpaceCandidate, refused: string): Reason {
  return {
    kind: "warn",
    zh: `园区位于 ${s.park.district}，企业已明确不考虑${refused}`,
    en: `Park is in ${placeEn(s.park.district, s.park.districtCode)}, which the enterprise has ruled out ("${refused}")`,
  };
}

// ── both figures, side by side ──

const KIND_TEXT = {
  factory: ["厂房", "factory"],
  land: ["土地", "land"],
  office: ["办公", "office"],
  warehouse: ["仓库", "warehouse"],
} as const;
const DEAL_TEXT = { lease: ["租赁", "lease"], buy: ["购买", "buy"], either: ["租买均可", "lease or buy"] } as const;
const STATUS_TEXT = {
  available: ["可租售", "available"],
  // The status labels of app/inventory/inventory-columns.ts (a pure module imports nothing; a unit test compares).
  reserved: ["已预留", "reserved"],
  let: ["已租售", "let or sold"],
  retired: ["已下架", "retired"],
} as const;

/** The sentence for one failed constraint, with the space's figure and the need's figure. */
export function failureReason(n: MatchNeed, s: SpaceCandidate, f: HardFailure, options: HardOptions = {}): Reason {
  const need = n.need;
  const land = s.kind === "land";
  const r = (zh: string, en: string): Reason => ({ kind: "warn", zh, en });
  switch (f) {
    case "status":
      return r(`房源状态 ${STATUS_TEXT[s.status][0]}，需求为可租售`, `Space is ${STATUS_TEXT[s.status][1]}, not available`);
    case "stale": {
      const days = options.now && s.verifiedAt ? daysSinceVerified(s.verifiedAt, options.now) : 0;
      const limit = 2 * (options.verifyDays ?? 30);
      return r(
        `房源 ${days} 天未核实是否仍可租售 > ${limit} 天，暂停推荐`,
        `Listing not confirmed for ${days} days > ${limit}: not offered until confirmed`,
      );
    }
    case "kind":
      return r(
        `物业类型 ${KIND_TEXT[s.kind][0]} ≠ 需求 ${KIND_TEXT[need.kind][0]}`,
        `Kind ${KIND_TEXT[s.kind][1]} ≠ wanted ${KIND_TEXT[need.kind][1]}`,
      );
    case "deal": {
      const offered = s.deals.length ? s.deals.map((d) => DEAL_TEXT[d]) : [["未标明", "none stated"]];
      return r(
        `租售方式 仅${offered.map((d) => d[0]).join("/")} ≠ 需求 ${DEAL_TEXT[need.deal][0]}`,
        `Offered ${offered.map((d) => d[1]).join("/")} only ≠ wanted ${DEAL_TEXT[need.deal][1]}`,
      );
    }
    case "area": {
      // A need of several units: against the bound it is nearer, a unit's or the total (docs/decisions/130).
      const { min, max, units } = areaBoundsFor(n, s);
      const [w, one] = unitWord(need.kind);
      const [zhOf, enOf] = units > 1 ? [`单${w}`, ` per ${one}`] : ["", ""];
      const [zhN, enN] =
        units > 1 ? [`，需${unitCountText(units, need.kind, "zh")}`, `; ${unitCountText(units, need.kind, "en")} wanted`] : ["", ""];
      if (min !== undefined && s.areaSqm < min * AREA_LOWER) {
        return r(
          `面积 ${areaZh(s.areaSqm, land)} < ${zhOf}需求下限 ${areaZh(min, land)} 的 80%（${areaZh(min * AREA_LOWER, land, false, true)}${zhN}）`,
          `Area ${areaEn(s.areaSqm, land)} < 80% of the wanted minimum${enOf} ${areaEn(min, land)} (${areaEn(min * AREA_LOWER, land, false, true)}${enN})`,
        );
      }
      const d = divisibleMin(s);
      const hi = (max ?? 0) * AREA_UPPER;
      return r(
        `面积 ${areaZh(s.areaSqm, land)}${d !== null ? `（最小可分 ${areaZh(d, land, false, true)}）` : ""} > ${zhOf}需求上限 ${areaZh(max ?? 0, land)} 的 125%（${areaZh(hi, land, false, true)}${zhN}）`,
        `Area ${areaEn(s.areaSqm, land)}${d !== null ? ` (divisible down to ${areaEn(d, land, false, true)})` : ""} > 125% of the wanted maximum${enOf} ${areaEn(max ?? 0, land)} (${areaEn(hi, land, false, true)}${enN})`,
      );
    }
    case "ceiling":
    case "floorLoad":
    case "power":
    case "crane": {
      const spec = SPECS.find((x) => x.failure === f)!;
      const has = s[spec.space] ?? 0;
      const min = askedMin(need[spec.need]) ?? 0;
      return r(
        `${spec.zh} ${num(has)}${spec.unit} < 需求 ${num(min)}${spec.unit}`,
        `${spec.en} ${num(has)}${spec.unit} < required ${num(min)}${spec.unit}`,
      );
    }
    case "singleStorey": {
      const floors = typeof s.floors === "number" && s.floors > 1 ? s.floors : null;
      return r(
        `${floors ? `${floors} 层` : "多层"}，需求为单层`,
        `${floors ? `${floors} storeys` : "Several storeys"}; single storey required`,
      );
    }
    case "industry": {
      const hit = s.park.excludedIndustries.filter((c) => isIndustryExcluded(n.use.industry, [c]));
      return r(
        `园区不接受 ${industryLabel(n.use.industry, "zh")}（园区限制：${hit.map((c) => industryLabel(c, "zh")).join("、")}）`,
        `The park does not accept ${industryLabel(n.use.industry, "en")} (excluded: ${hit.map((c) => industryLabel(c, "en")).join(", ")})`,
      );
    }
    case "region":
      return r(
        `园区位于 ${s.park.district}，不在意向区域 ${need.regions.join("、")}`,
        `Park is in ${placeEn(s.park.district, s.park.districtCode)}, not in the wanted ${need.regions.map((p) => placeEn(p)).join(", ")}`,
      );
    case "taxPerMu":
    case "investmentPerMu": {
      const m = thresholdMetrics(n, s).find((x) => x.key === f)!;
      const [zh, en] = f === "taxPerMu" ? ["亩均税收", "Tax per mu"] : ["投资强度", "Investment per mu"];
      return r(
        `${zh} ${num(m.value ?? 0)}万元/亩 < 园区门槛 ${num(m.min)}万元/亩 的 50%（${num(m.min * THRESHOLD_FLOOR)}万元/亩）`,
        `${en} ${cny(m.value ?? 0)}/mu < 50% of the park minimum ${cny(m.min)}/mu (${cny(m.min * THRESHOLD_FLOOR)}/mu)`,
      );
    }
  }
}

/** Relative gap of one failure (0 = at the edge); rules no figure can change count as far. */
function gap(n: MatchNeed, s: SpaceCandidate, f: HardFailure): number {
  const need = n.need;
  switch (f) {
    case "area": {
      const b = areaBoundsFor(n, s);
      if (b.max === undefined && !(b.min !== undefined && s.areaSqm < b.min * AREA_LOWER)) return 1;
      return areaGap(b, s);
    }
    case "ceiling":
    case "floorLoad":
    case "power":
    case "crane": {
      const spec = SPECS.find((x) => x.failure === f)!;
      const min = askedMin(need[spec.need]) ?? 1;
      return (min - (s[spec.space] ?? 0)) / min;
    }
    case "taxPerMu":
    case "investmentPerMu": {
      const m = thresholdMetrics(n, s).find((x) => x.key === f);
      return m && m.value !== null ? (m.min * THRESHOLD_FLOOR - m.value) / (m.min * THRESHOLD_FLOOR) : 1;
    }
    case "deal":
    case "singleStorey":
    case "region":
    case "stale":
      return 1;
    default:
      return 3; // kind, status, excluded industry: nothing the lead can change
  }
}

// ── near misses ──

/**
 * The smallest change to one figure of the need that lets `s` pass every hard constraint, or null.
 * Each candidate change is checked with hardCheck before it is offered, so applying it always works.
 */
export function suggestNearMiss(n: MatchNeed, s: SpaceCandidate, f: HardFailure, options: HardOptions = {}): Suggestion | null {
  const need = n.need;
  const land = s.kind === "land";
  const target = `${s.park.name} ${s.title}`;
  const tries: Suggestion[] = [];
  switch (f) {
    case "area": {
      // A need of several units: the unit's bound is relaxed (the need keeps the total: that times the count).
      const { min, max, units } = areaBoundsFor(n, s);
      const [w, one] = unitWord(need.kind);
      const zhOf = units > 1 ? `单${w}` : "";
      const enOf = units > 1 ? ` per ${one}` : "";
      const total = (v: number) =>
        units > 1 ? [`（共 ${areaZh(v * units, land, true, true)}）`, ` (${areaEn(v * units, land, true, true)} in all)`] : ["", ""];
      if (min !== undefined && s.areaSqm < min * AREA_LOWER) {
        const v = roundDown(s.areaSqm / AREA_LOWER);
        const [zhT, enT] = total(v);
        tries.push({
          field: "areaMinSqm",
          value: v * units,
          zh: `${zhOf}面积下限放宽到 ${areaZh(v, land, true)}${zhT} 可匹配 ${target}`,
          en: `Lower the minimum area${enOf} to ${areaEn(v, land, true)}${enT} to match ${target}`,
        });
      } else if (max !== undefined && !refusalsOf(n).areaAbove) {
        // Never above a maximum the enterprise set by refusing the side above (docs/decisions/158).
        const d = divisibleMin(s);
        const bounds = [s.areaSqm / AREA_UPPER, ...(d !== null ? [d] : [])].map(roundUp).sort((a, b) => a - b);
        for (const v of bounds) {
          const [zhT, enT] = total(v);
          tries.push({
            field: "areaMaxSqm",
            value: v * units,
            zh: `${zhOf}面积上限放宽到 ${areaZh(v, land, true)}${zhT} 可匹配 ${target}`,
            en: `Raise the maximum area${enOf} to ${areaEn(v, land, true)}${enT} to match ${target}`,
          });
        }
      }
      break;
    }
    case "ceiling":
    case "floorLoad":
    case "power":
    case "crane": {
      const spec = SPECS.find((x) => x.failure === f)!;
      const has = s[spec.space];
      if (typeof has === "number") {
        tries.push({
          field: spec.need,
          value: has,
          zh: `${spec.zh}要求放宽到 ${num(has)}${spec.unit} 可匹配 ${target}`,
          en: `Accept ${spec.en.toLowerCase()} of ${num(has)}${spec.unit} to match ${target}`,
        });
      }
      break;
    }
    case "singleStorey":
      tries.push({
        field: "singleStorey",
        value: false,
        zh: `若不要求单层，可匹配 ${target}`,
        en: `Without the single-storey requirement, ${target} matches`,
      });
      break;
    case "region":
      // Never a place the enterprise refused (docs/decisions/158).
      if (!s.park.districtCode || refusedPlaceOf(refusalsOf(n), s.park.district, s.park.districtCode) !== null) break;
      tries.push({
        field: "regions",
        value: [...need.regions, s.park.district],
        regionCode: s.park.districtCode,
        zh: `意向区域加上 ${s.park.district} 可匹配 ${target}`,
        en: `Add ${placeEn(s.park.district, s.park.districtCode)} to the wanted districts to match ${target}`,
      });
      break;
    case "deal":
      // Never toward a deal the enterprise refused (docs/decisions/162): "若租买均可" would be just that.
      if (refusalsOf(n).deal !== null) break;
      tries.push({ field: "deal", value: "either", zh: `若租买均可，可匹配 ${target}`, en: `Taking lease or buy, ${target} matches` });
      break;
    case "taxPerMu":
    case "investmentPerMu": {
      if (!isLandPurchase(n, s)) break;
      const m = thresholdMetrics(n, s).find((x) => x.key === f);
      if (!m) break;
      const mu = sqmToMu(takenTotalSqm(n, s));
      const v = Math.ceil(m.min * THRESHOLD_FLOOR * mu);
      tries.push(
        f === "taxPerMu"
          ? {
              field: "annualTaxWan",
              value: v,
              zh: `若年纳税达到 ${thousands(v)} 万元，可进入 ${s.park.name} 的门槛（${s.title}，有条件匹配）`,
              en: `With annual tax of ${cny(v)}, ${s.park.name}'s threshold is within reach (${s.title}, conditional)`,
            }
          : {
              field: "investmentWan",
              value: v,
              zh: `若投资额达到 ${thousands(v)} 万元，可进入 ${s.park.name} 的门槛（${s.title}，有条件匹配）`,
              en: `With an investment of ${cny(v)}, ${s.park.name}'s threshold is within reach (${s.title}, conditional)`,
            },
      );
      break;
    }
    default:
      break; // kind, status, stale, excluded industry: no figure of the need changes them
  }
  return tries.find((t) => hardCheck(applySuggestion(n, t), s, options).pass) ?? null;
}

/** The need with the suggestion applied (the area fields in the lead's own unit follow the ㎡ figure). */
export function applySuggestion(n: MatchNeed, t: Pick<Suggestion, "field" | "value" | "regionCode">): MatchNeed {
  const need = { ...n.need };
  const tax = { ...n.tax };
  switch (t.field) {
    case "areaMinSqm":
    case "areaMaxSqm": {
      const sqm = t.value as number;
      const inUnit = need.areaUnit === "mu" ? Math.round(sqmToMu(sqm) * 100) / 100 : sqm;
      if (t.field === "areaMinSqm") Object.assign(need, { areaMinSqm: sqm, areaMin: inUnit });
      else Object.assign(need, { areaMaxSqm: sqm, areaMax: inUnit });
      break;
    }
    case "annualTaxWan":
    case "investmentWan":
      tax[t.field] = t.value as number;
      break;
    case "regions":
      Object.assign(need, {
        regions: t.value as string[],
        regionCodes: [...(need.regionCodes ?? []), ...(t.regionCode ? [t.regionCode] : [])],
      });
      break;
    default:
      (need as Record<string, unknown>)[t.field] = t.value;
  }
  return { ...n, need, tax };
}

/** Round a relaxed bound to a figure people say (10 ㎡ steps above 1,000 ㎡), never past what is needed. */
function roundDown(x: number): number {
  const step = x >= 1000 ? 10 : 1;
  const v = Math.floor(x / step) * step;
  return v > 0 ? v : Math.floor(x * 100) / 100;
}
function roundUp(x: number): number {
  const step = x >= 1000 ? 10 : 1;
  return Math.ceil(x / step) * step;
}

function thousands(x: number): string {
  return num(x).replace(/^(\d+)/, (d) => d.replace(/\B(?=(\d{3})+(?!\d))/g, ","));
}

/**
 * An area in a reason, land in 亩 with its ㎡: "18亩（12000㎡）"; `inner` (inside a parenthesis already) without
 * one of its own — "21.6亩，合14400㎡" / "21.6 mu = 14400㎡" — no parenthesis in a parenthesis (docs/decisions/135).
 */
function areaZh(sqm: number, land: boolean, grouped = false, inner = false): string {
  const s = `${grouped ? thousands(sqm) : num(sqm)}㎡`;
  return land ? (inner ? `${num(sqmToMu(sqm))}亩，合${s}` : `${num(sqmToMu(sqm))}亩（${s}）`) : s;
}
function areaEn(sqm: number, land: boolean, grouped = false, inner = false): string {
  const s = `${grouped ? thousands(sqm) : num(sqm)}㎡`;
  return land ? (inner ? `${num(sqmToMu(sqm))} mu = ${s}` : `${num(sqmToMu(sqm))} mu (${s})`) : s;
}

/**
 * A place in an English reason: "Gaochun District (高淳区)" for a division (by its code, or the name typed when
 * it resolves to one division); a zone by its English label (ADR 123); anything else — a name of several — as typed (trial of 2026-12-04:
 * English reasons carried the Chinese names alone).
 */
function placeEn(name: string, code?: string | null): string {
  const key = `${code ?? ""}|${name}`;
  let label = placesEn.get(key);
  if (label === undefined) {
    const r = code ? null : resolveRegion(name);
    label = code
      ? englishDivisionLabel({ code, name })
      : r?.ok && r.divisions.length === 1
        ? englishDivisionLabel({ code: r.divisions[0].code, name })
        : (englishZoneLabel(name) ?? name);
    // The same few parks' districts and wanted places come back in every lead's why-not (the lead.match path).
    if (placesEn.size >= 4096) placesEn.clear();
    placesEn.set(key, label);
  }
  return label;
}
const placesEn = new Map<string, string>();
