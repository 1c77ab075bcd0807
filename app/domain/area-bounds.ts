import { AREA_UNITS, parseArea, SQM_PER_MU } from "./area";
import { areaBoxWords } from "./area-box-words";
import { englishFiguresAsDigits } from "./english-figures";
import { PLAUSIBLE_AREA_SQM } from "./field-limits";
import { fold } from "./fold-text";
import { aboutRange, THOUSAND_K } from "./need-text";

// The two bounds of a wanted area read together (docs/decisions/084). Apart from area.ts, which the
// form's first-load script imports through the notes assist: only the lead schema (a later chunk) needs this.

/** Longest first, so "平方米" is found before "平" and "km2" before "m2". */
const UNITS_LONGEST_FIRST = [...AREA_UNITS].sort((a, b) => b[0].length - a[0].length);
const FIGURE_BEFORE_UNIT = /(?:[0-9]|[零〇一二两三四五六七八九十百千万亿])\s*$/;
const MAGNITUDES: Record<string, number> = { 百: 100, 千: 1000, 万: 10_000, 亿: 100_000_000 };

/**
 * The unit written after an area bound's figure ("80亩", "80畝地", "约80亩以上" → 亩; "2万平方米" → ㎡ with
 * the magnitude 万; "5公顷"), as ㎡ per unit and the magnitude (百/千/万/亿) right before the unit, or null
 * when the figure is bare ("80", "五万"). Text is folded first (Traditional, full-width: fold-text.ts).
 * What a bare bound beside it means is resolveAreaBounds's rule.
 */
export function writtenAreaUnit(input: string): { perUnit: number; magnitude: number } | null {
  const s = fold(input).trim();
  for (const [suffix, perUnit] of UNITS_LONGEST_FIRST) {
    let at = s.lastIndexOf(suffix);
    while (at > 0) {
      const before = s.slice(0, at);
      if (FIGURE_BEFORE_UNIT.test(before)) {
        const magnitude = MAGNITUDES[before.trimEnd().slice(-1)] ?? 1;
        return { perUnit, magnitude };
      }
      at = s.lastIndexOf(suffix, at - 1);
    }
  }
  return null;
}

/** Two figures of area with a slash between them ("5000/8000平", "5000平/8000平", "30亩/50亩"): either — a range. */
const SLASH_PAIR = new RegExp(
  `^([0-9.]+|[零〇一二两三四五六七八九十百千万]+)\\s*(${UNITS_LONGEST_FIRST.map(([u]) => u.replace(/[.]/g, "\\.")).join("|")})?\\s*/\\s*([0-9.]+|[零〇一二两三四五六七八九十百千万]+)\\s*(\\S*)$`,
);

/**
 * An area box's text as the notes read it (docs/decisions/146, amended: one reader): folded, k after a figure a thousand ("8k",
 * "8K平", "1.5k平" → "8千", need-text.ts THOUSAND_K), and a slash between two figures either — written as the range it is
 * ("5000/8000平" → "5000-8000平", the smaller first, "8000/5000平" too), which the boxes read as any range typed in one box.
 * Other text as typed.
 */
export function areaBoxText(typed: string): string {
  const folded = fold(typed).trim();
  // "3000到5000平米之间", "5000左右平米", "5000平方米（可分割）": the words around the figure as read (area-box-words.ts).
  // "about two thousand sqm": English number words as their digits, as the notes read them (english-figures.ts).
  const s = englishFiguresAsDigits(areaBoxWords(folded).text).replace(THOUSAND_K, "$1千$2");
  const m = SLASH_PAIR.exec(s);
  if (!m) return s === folded ? typed : s;
  const [, a, unitA = "", b, tail] = m;
  if (/^[0-9]$/.test(a) && /^[0-9]$/.test(b) && !unitA) return s === folded ? typed : s; // "1/2亩": a fraction
  // The first borrows the second's unit ("5000/8000平"); ordered by their areas.
  const [sqmA, sqmB] = [parseArea(`${a}${unitA || tail}`, "sqm"), parseArea(`${b}${tail}`, "sqm")];
  if (sqmA === null || sqmB === null) return s;
  const first = `${a}${unitA}`;
  const second = `${b}${tail}`;
  return sqmA <= sqmB ? `${first}-${second}` : `${b}${unitA || tail}-${a}${tail}`;
}

/** One area bound as read: ㎡ if the bare figure means ㎡ (`asSqm`) or 亩 (`asMu`), what its text says of its unit. */
export type AreaBound = {
  asSqm: number;
  asMu: number;
  /** The unit written after the figure (writtenAreaUnit); null for a bare figure (a JSON number is bare). */
  unit: { perUnit: number; magnitude: number } | null;
  /** The bare figure carries its own magnitude ("1.5万", "五千"): it borrows none from the other bound. */
  ownMagnitude: boolean;
  /** Typed with a word of "about" ("2000平左右", "约2000平", "两千平上下"; field-value.ts): alone, it is a range (resolveAreaBounds). */
  about?: true;
};

const OWN_MAGNITUDE = /[百千万亿]/;

/** An area bound's reading from its text and its two readings (a bound whose unit is written reads the same either way). */
export function areaBound(typed: string | number, asSqm: number, asMu: number, about = false): AreaBound {
  if (typeof typed === "number") return { asSqm, asMu, unit: null, ownMagnitude: false };
  const unit = writtenAreaUnit(typed);
  const bound: AreaBound = { asSqm, asMu, unit: unit && asSqm === asMu ? unit : null, ownMagnitude: OWN_MAGNITUDE.test(fold(typed)) };
  return about ? { ...bound, about } : bound;
}

/**
 * The two bounds of a wanted area in ㎡. A bare figure is read in the unit chosen (`unit`) — except beside
 * a bound written with its unit: then it takes that bound's unit, over the unit choice, as people write
 * "50-80亩" (min "50", max "80亩" → 50–80 亩; min "30亩", max "50" → 30–50 亩). It also borrows that
 * bound's magnitude when it has none of its own ("1" beside "2万平方米" → 1万 ㎡, as "1-2万平方米"). The
 * reading must keep min ≤ max; when the borrowed magnitude does not, the unit alone is tried, and when the
 * unit does not either, the unit chosen — the rule of a range typed in one box (field-value.ts
 * writtenRangeEnds: "5000-1万" → 5000). With the `kind` asked for, the first of these readings that keeps
 * the order *and* is a size that kind takes (PLAUSIBLE_AREA_SQM_BY_KIND) wins, and only when none is, the
 * first that keeps the order: 亩 chosen, land of "30" to "2万平" is 30 亩 (20,000 ㎡), not 30 ㎡ of land,
 * which the written unit alone would give. Both bounds written, or both bare: each read on its own.
 * One bound typed with a word of "about" ("2000平左右", "约2000平", "两千平上下") and the other box blank is
 * about that figure in either box — need-text.ts aboutRange, ±10 %, as the notes read it (docs/decisions/101);
 * beside a typed other bound it is that bound's end, as "约2000到3000平" is in the notes.
 */
export function resolveAreaBounds(
  min: AreaBound | undefined,
  max: AreaBound | undefined,
  unit: "sqm" | "mu",
  kind?: keyof typeof PLAUSIBLE_AREA_SQM_BY_KIND,
): { minSqm?: number; maxSqm?: number } {
  const chosen = (b: AreaBound | undefined) => (b === undefined ? undefined : unit === "mu" ? b.asMu : b.asSqm);
  let minSqm = chosen(min);
  let maxSqm = chosen(max);
  if (min && max && !min.unit !== !max.unit) {
    const bareIsMin = !min.unit;
    const [bare, written] = bareIsMin ? [min, max] : [max, min];
    const w = written.unit!;
    const writtenSqm = written.asSqm;
    // The bare figure in its own terms: its ㎡ reading with the bare factor 1.
    const figure = bare.asSqm;
    const candidates = [
      ...(!bare.ownMagnitude && w.magnitude > 1 ? [figure * w.magnitude * w.perUnit] : []),
      figure * w.perUnit,
      chosen(bare)!,
    ];
    const inOrder = (sqm: number) => (bareIsMin ? sqm <= writtenSqm : writtenSqm <= sqm);
    const forKind = kind ? PLAUSIBLE_AREA_SQM_BY_KIND[kind] : undefined;
    const fitsKind = (sqm: number) => !forKind || (sqm >= forKind.min && sqm <= forKind.max);
    const taken = candidates.find((sqm) => inOrder(sqm) && fitsKind(sqm)) ?? candidates.find(inOrder);
    if (taken !== undefined) {
      if (bareIsMin) minSqm = taken;
      else maxSqm = taken;
    }
  }
  const alone = min && !max ? min : max && !min ? max : undefined;
  if (alone?.about) [minSqm, maxSqm] = aboutRange(chosen(alone)!);
  return { minSqm, maxSqm };
}

/**
 * Areas (㎡) that are possible but implausible for the kind of space asked for: stored as typed, flagged
 * to the recruiter ("面积与需求类型不符，可能填错了单位（亩/平方米）", code `areaForKind`). The slip they
 * catch is the unit: 1 亩 = 666.67 ㎡, so a figure read in the wrong one of the two is off by ×666.67.
 * Thresholds are ours, from no published standard (docs/decisions/084), set so that the sizes people ask for stay clear of them — the
 * demo inventory's factories are 1,200–12,000 ㎡ and its plots 18–80 亩 — and a ×666.67 slip of them does not:
 * - factory, warehouse: 100 ㎡ – 50万 ㎡. Below 100 ㎡ no standard factory unit or warehouse bay is let
 *   (a factory of "30" ㎡ more likely meant 30 亩); above 50万 ㎡ (750 亩 of floor) is most likely a ㎡
 *   figure read in 亩 ("5000" with 亩 chosen is 333万 ㎡, where 5000 ㎡ was meant).
 * - office: 10 ㎡ – 10万 ㎡ (a whole tower); 150 亩 of office is a 亩-for-㎡ slip.
 * - land: 1 亩 (666.67 ㎡) – the general maximum; a plot under 1 亩 is a 平方米-for-亩 slip ("50" ㎡ of land
 *   meant 50 亩). Thousands of 亩 are real for land (a base), so land keeps the general 10 km² bound.
 * A minimum of 0 is "from nothing", not a figure. The general bounds (PLAUSIBLE_AREA_SQM) come first.
 */
export const PLAUSIBLE_AREA_SQM_BY_KIND = {
  factory: { min: 100, max: 500_000 },
  warehouse: { min: 100, max: 500_000 },
  office: { min: 10, max: 100_000 },
  land: { min: SQM_PER_MU, max: PLAUSIBLE_AREA_SQM.max },
} as const;
