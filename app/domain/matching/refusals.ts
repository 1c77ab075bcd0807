import type { RefusedDeal } from "~/domain/deal-refusal";
import { leadFlags } from "~/domain/lead-flags";
import { resolveRegion, shortNames } from "~/domain/regions";

import { refusedDealOf } from "./deal-wanted";
import type { MatchNeed } from "./types";

/**
 * What the enterprise explicitly refused, as the matcher's advice must honour it (docs/decisions/158). The lead
 * model stores refusals as flags on need.notes (lead-flags.ts), not as need fields:
 * - `placeExcluded` / `placeExcludedOpen` (ADR 110): places ruled out ("不考虑高淳", "anything but Gaochun"); the
 *   flag's text is the names as typed, joined with "、";
 * - `areaCeilingOnly` (ADR 132): the stored maximum area is the edge of a refusal of the side above ("6000平以上不要");
 * - `dealRefused` (docs/decisions/162): a deal refused ("只租不买", "no purchase"); the flag's text is the words as typed,
 *   read again by deal-refusal.ts for the deal.
 * The features said not to be needed (`notNeeded`: "不需要行车") set no figure, so no advice can raise one; a
 * relaxed requirement only ever moves toward them.
 */
export type Refusals = {
  /** Each refused place: its name as typed, and the division codes it names ([] when it names none or several). */
  places: { name: string; codes: string[] }[];
  /** The maximum area is a refusal of everything above it: no advice raises it. */
  areaAbove: boolean;
  /** The deal refused (never matched under "either", never advised), with its words as typed; null when none. */
  deal: { deal: RefusedDeal; text: string } | null;
};

const memo = new WeakMap<object, Refusals>();

/** The refusals of a lead (its flags; none for a need given without them, as the hotline's dry run of typed boxes). */
export function refusalsOf(n: MatchNeed): Refusals {
  const hit = memo.get(n);
  if (hit) return hit;
  const flags = leadFlags(n);
  const names = flags
    .filter((f) => f.code === "placeExcluded" || f.code === "placeExcludedOpen")
    .flatMap((f) => f.text.split(/[、,，;；]/))
    .map((s) => s.trim())
    .filter(Boolean);
  const places = [...new Set(names)].map((name) => {
    const r = resolveRegion(name);
    return { name, codes: r.ok ? r.divisions.map((d) => d.code) : [] };
  });
  const refusals = { places, areaAbove: flags.some((f) => f.code === "areaCeilingOnly"), deal: refusedDealOf(n) };
  memo.set(n, refusals);
  return refusals;
}

/** A district's name without its kind (高淳区 → 高淳; regions.ts shortNames), for a refused name that resolved to nothing or several. */
const bareName = (name: string): string => shortNames(name, "district")[0] ?? name;

/**
 * The refused place (its name as the enterprise typed it) that covers a park's district, or null. A refused
 * division covers its own code and, a city or a province, every district in it (320100 南京 covers 320118); a
 * refused name that resolved to no single division ("鼓楼": four cities) covers a district of that name.
 */
export function refusedPlaceOf(r: Refusals, district: string, districtCode?: string | null): string | null {
  const code = districtCode && /^\d{6}$/.test(districtCode) ? districtCode : null;
  const bare = bareName(district);
  for (const p of r.places) {
    if (code && p.codes.some((c) => covers(c, code))) return p.name;
    if (p.codes.length === 0 && bare !== "" && bareName(p.name) === bare) return p.name;
  }
  return null;
}

function covers(refused: string, park: string): boolean {
  if (refused === park) return true;
  if (refused.endsWith("0000")) return park.startsWith(refused.slice(0, 2));
  if (refused.endsWith("00")) return park.startsWith(refused.slice(0, 4));
  return false;
}
