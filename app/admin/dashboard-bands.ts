// The size bands of the dashboard's unmet needs (ADR 099), shared by the loader and the tables (no
// server code here: the tables module reaches the browser bundle through dashboard-forms).

import { SQM_PER_MU } from "~/domain/area";

/**
 * Size bands of unmet needs other than land, in ㎡: the edges between them. A band holds its lower edge and
 * not its upper one (ADR 143: [3000, 5000) is "3000–5000㎡", 5000 is in "5000–10000㎡"); the first band is
 * "< 1000㎡", the last "≥ 20000㎡" (dashboard_size_bands, migration 063; the rule: dashboard_need_band_of,
 * migration 105).
 */
export const SIZE_BANDS = [1000, 3000, 5000, 10000, 20000] as const;
/** Size bands of unmet LAND needs, in 亩 (1 亩 = 2000/3 ㎡), the same way (dashboard_land_bands_mu, migration 073): land is spoken of in 亩. */
export const LAND_BANDS_MU = [10, 20, 50, 100, 200] as const;

/** Two decimals, as the bounds are stored (lead-schema's round2) and as migration 105 rounds: 13333.33 ㎡ is 20 亩. */
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The band (0 … edges.length) of a need of `kind` with stored bounds in ㎡ (ADR 143; the SQL of migration 105,
 * dashboard_need_band_of, is this rule, test/integration/dashboard-lows-12-05d.test.ts compares the two):
 * - both bounds: the band holding the range's middle ("5000平左右", 4,500–5,500 ㎡ → 5000–10000㎡);
 * - a lower bound only ("5000平以上"): the band it starts — the range lies above it;
 * - an upper bound only ("不超过5000平"): the band it ends — the range lies below it ("up to 5000" is 3000–5000㎡);
 * - neither: the first band.
 * Land is compared in 亩 (two decimals), everything else in ㎡. A band holds its lower edge, not its upper one.
 */
export function needBand(kind: string, minSqm: number | null | undefined, maxSqm: number | null | undefined): number {
  const land = kind === "land";
  const edges: readonly number[] = land ? LAND_BANDS_MU : SIZE_BANDS;
  const inUnit = (sqm: number) => round2(land ? sqm / SQM_PER_MU : sqm);
  const min = typeof minSqm === "number" && Number.isFinite(minSqm) ? minSqm : null;
  const max = typeof maxSqm === "number" && Number.isFinite(maxSqm) ? maxSqm : null;
  if (min === null && max === null) return 0;
  if (min === null) {
    const x = inUnit(max!);
    return edges.filter((e) => e < x).length; // the band whose upper edge is at or above it
  }
  const x = inUnit(max === null ? min : (min + max) / 2);
  return edges.filter((e) => e <= x).length;
}
