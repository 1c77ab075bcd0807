import type { Lng } from "~/i18n/lng";

import { parseQuantity } from "./numbers";

/** 1 亩 is defined as 2000/3 ㎡ (≈ 666.67); keep the exact fraction, never the rounded 666.67. */
export const SQM_PER_MU = 2000 / 3;

/** No rounding here: conversions are chained (form ↔ storage) and rounding twice drifts. */
export function muToSqm(mu: number): number {
  return (mu * 2000) / 3;
}

export function sqmToMu(sqm: number): number {
  return (sqm * 3) / 2000;
}

/** Display-only: at most 2 decimals, no trailing zeros, no thousands separator ("5200㎡"). */
function format2(n: number): string {
  const r = Math.round(n * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

export function formatSqm(n: number): string {
  return `${format2(n)}㎡`;
}

/** `n` is already in 亩 (use sqmToMu first for a stored area): "30亩", on English pages "30 mu". */
export function formatMu(n: number, lng: Lng): string {
  return lng === "en" ? `${format2(n)} mu` : `${format2(n)}亩`;
}

/**
 * Land's size in 亩 with its ㎡ after it, each already worded: "30–50亩（20000–33333㎡）", on English pages
 * "30–50 mu (20000–33333㎡)" — no full-width bracket on an English page (trial of 12-05).
 */
export function muWithSqm(mu: string, sqm: string, lng: Lng): string {
  return lng === "en" ? `${mu} (${sqm})` : `${mu}（${sqm}）`;
}

/**
 * Whether a need's area is said back in 亩: land (people who buy land think in 亩), or an area the person gave in 亩 —
 * the unit box (`areaUnit` "mu"; the schema stores "mu" too when the notes gave the area in 亩). A figure is said back in
 * the unit it was typed in, so the person recognises their own number ("要50亩地" beside a factory: trial M2, ADR 180).
 */
export function areaSaidInMu(need: { kind?: string | null; areaUnit?: string | null }): boolean {
  return need.kind === "land" || need.areaUnit === "mu";
}

/** True when the text of an area gives its unit as 亩 ("50亩", "二十畝" folded, "30 mu"): ADR 180. */
export function saysMu(text: string): boolean {
  return /亩|畝|\bmu\b/iu.test(text);
}

/**
 * An area in 亩 with its ㎡ after it, as the person said it (ADR 180): "约50亩（约33333㎡）" for the ±10 % an "about"
 * figure reads as (need-text.ts aboutRange: 45–55), "30–50亩（20000–33333㎡）", "≥ 30亩（20000㎡）", "50亩（33333.33㎡）"; in
 * English "about 50 mu (about 33333㎡)". Stored bounds in ㎡; "" when neither is known. `sayAbout` false: the range
 * always (a reading that says what the "about" became).
 */
export function muAreaText(lo: number | null | undefined, hi: number | null | undefined, lng: Lng, sayAbout = true): string {
  const mu = (sqm: number) => format2(sqmToMu(sqm));
  const unit = lng === "en" ? " mu" : "亩";
  const sqm = (n: number) => formatSqm(Math.round(n));
  const pair = (m: string, q: string) => muWithSqm(`${m}${unit}`, q, lng);
  if (lo != null && hi != null) {
    if (lo === hi) return pair(mu(lo), formatSqm(lo));
    const mid = (lo + hi) / 2;
    // Stored bounds are rounded to 0.01 ㎡ (unit-count-text.ts reads "about" the same way).
    if (sayAbout && Math.abs(lo - mid * 0.9) <= 0.02 && Math.abs(hi - mid * 1.1) <= 0.02) {
      const about = lng === "en" ? "about " : "约";
      return pair(`${about}${mu(mid)}`, `${about}${sqm(mid)}`);
    }
    return pair(`${mu(lo)}–${mu(hi)}`, `${String(Math.round(lo))}–${sqm(hi)}`);
  }
  if (lo != null) return `≥ ${pair(mu(lo), sqm(lo))}`;
  if (hi != null) return `≤ ${pair(mu(hi), sqm(hi))}`;
  return "";
}

/**
 * A space's size as the desks list it: land in 亩 with its ㎡ after it ("52亩（34666.67㎡）", English
 * "52 mu (34666.67㎡)"), buildings in ㎡ ("5200㎡"). `sqm`: the stored area (㎡); `land`: the space's kind is
 * land — people who sell land think in 亩 (trial 12-05 L8: a 52-亩 plot listed as "34667㎡").
 */
export function spaceAreaText(sqm: number, land: boolean, lng: Lng): string {
  return land ? muWithSqm(formatMu(sqmToMu(sqm), lng), formatSqm(sqm), lng) : formatSqm(sqm);
}

/**
 * A need's size on one short line, as people speak of it: land in 亩 ("20–30亩", "≥ 20亩"; 1 亩 =
 * SQM_PER_MU ㎡; on English pages "20–30 mu"), buildings in ㎡ ("4000–6000㎡", "≤ 800㎡"); whole numbers of
 * ㎡. "" when neither bound is known. Stored bounds are ㎡ (areaMinSqm, areaMaxSqm). `lng`: the page's.
 */
export function needAreaShort(minSqm: number | null | undefined, maxSqm: number | null | undefined, land: boolean, lng: Lng): string {
  const n = (sqm: number) => (land ? format2(sqmToMu(sqm)) : String(Math.round(sqm)));
  const unit = land ? (lng === "en" ? " mu" : "亩") : "㎡";
  if (minSqm != null && maxSqm != null) return minSqm === maxSqm ? `${n(minSqm)}${unit}` : `${n(minSqm)}–${n(maxSqm)}${unit}`;
  if (minSqm != null) return `≥ ${n(minSqm)}${unit}`;
  if (maxSqm != null) return `≤ ${n(maxSqm)}${unit}`;
  return "";
}

/**
 * Area suffixes → ㎡ per unit. 万/千 prefixes (万方, 万平方米, 千平) are deliberately absent: the number
 * parser owns them ("3万" = 30000), so "3万方" and "1万2千平" read correctly. Listing "千平" as a unit
 * would turn "1万2千平" into (1万2 = 12000) × 1000.
 */
export const AREA_UNITS: ReadonlyArray<readonly [string, number]> = [
  ["平方米", 1],
  ["平方公尺", 1],
  ["平米", 1],
  ["平方", 1],
  ["平", 1],
  ["方", 1],
  ["㎡", 1],
  ["m2", 1],
  ["m²", 1],
  ["sqm", 1],
  ["sq m", 1],
  ["sq. m", 1],
  ["sq.m", 1],
  ["sq.m.", 1],
  ["square meter", 1],
  ["square meters", 1],
  ["square metre", 1],
  ["square metres", 1],
  // Square feet (US/HK listings): 1 ft² = 0.09290304 ㎡ exactly.
  ["sq ft", 0.09290304],
  ["sq. ft", 0.09290304],
  ["sq.ft", 0.09290304],
  ["sqft", 0.09290304],
  ["square feet", 0.09290304],
  ["sq feet", 0.09290304],
  ["square foot", 0.09290304],
  ["ft2", 0.09290304],
  ["ft²", 0.09290304],
  ["平方英尺", 0.09290304],
  // Acres (US/UK land; 英亩): 1 acre = 4046.8564224 ㎡ exactly. Without it "10 acres" was refused, in the notes unread.
  ["acre", 4046.8564224],
  ["acres", 4046.8564224],
  ["英亩", 4046.8564224],
  ["亩", SQM_PER_MU],
  ["mu", SQM_PER_MU],
  // Larger land units: rare in a request, but misreading "5平方公里" as 5 ㎡ would be far worse.
  ["公顷", 10_000],
  ["ha", 10_000],
  ["hectare", 10_000],
  ["hectares", 10_000],
  ["平方公里", 1_000_000],
  ["km2", 1_000_000],
  ["km²", 1_000_000],
];

/**
 * An area as typed ("5000", "５０００平米", "五千平", "3万方", "1.5万平方米", "50亩", "5,000 m2") → ㎡.
 * A bare number is read in `defaultUnit`. Negative or not a number → null.
 */
export function parseArea(input: string, defaultUnit: "sqm" | "mu"): number | null {
  return parseQuantity(input, AREA_UNITS, defaultUnit === "mu" ? SQM_PER_MU : 1);
}

/** ㎡ in one 坪 (ping/tsubo: 6 尺 squared, 400/121 ㎡ ≈ 3.3058). */
export const SQM_PER_PING = 400 / 121;

/**
 * The words after an area's figure that are no unit of area we take (figure-refusal.ts areaRefusal; session 41, "500坪"): 坪 (Taiwan's
 * and Japan's ping — and, typed by pinyin, often 平 mistyped), a count of buildings or rooms, storeys, a length. `label`: an area's
 * name before its figure; `figureThenWord`: a figure, the word after it (at most four characters, or a Latin word), a qualifier.
 */
export const AREA_NOT_UNIT = {
  label: /^(?:面积|建筑面积|占地面积|占地|area)\s*[:：]?\s*/u,
  figureThenWord:
    /^(?<n>[0-9.,一二两三四五六七八九十百千万零〇]+)\s*(?<u>[^\s0-9.,，]{1,4}?|[a-z]+)\s*(?:左右|上下|以上|以下|以内|之内|多|余)?$/u,
  ping: /^坪$/u,
  count: /^(?:栋|幢|座|间|套|个|处|块|家|所|排|号|buildings?|units?|rooms?|blocks?)$/u,
  storeys: /^(?:层|楼|floors?|storeys?|stories)$/u,
  length: /^(?:米|公尺|m|meters?|metres?|公里|千米|km|尺|英尺|ft|feet|foot)$/u,
  /** 来/把 ("about") before an area's unit after a figure that is not round ("5来亩"): an area's words, not an unknown unit. */
  aboutUnit: /^[来把多余]\s*(?:亩|平|方|㎡)/u,
} as const;
