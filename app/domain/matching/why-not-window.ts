import type { SpaceKind } from "~/domain/statuses";

import { AREA_LOWER, AREA_UPPER, unitCountOf } from "./area-window";
import type { MatchNeed } from "./types";

// Which spaces the why-not listing looks at (issue 10): the available spaces of the lead's kind around its
// area window, whatever the other rules say, so that the spaces a rule kept out near the lead show up.
// Postgres answers it (app/inventory/nearby-spaces.server.ts, docs/decisions/126).

/** How far beyond the area window the listing looks: 20 % below the lower edge, 50 % above the upper. */
const WHY_NOT_BELOW = 0.8;
const WHY_NOT_ABOVE = 1.5;
/** Spaces listed, nearest the lead's target area first. */
export const WHY_NOT_LIMIT = 30;

/** The middle of what the lead wants (㎡), to look for the closest sizes on both sides; 0 when no size is given yet (a phone lead). */
export function targetArea(n: MatchNeed): number {
  return middleOf(n.need.areaMinSqm, n.need.areaMaxSqm);
}

function middleOf(min: number | undefined, max: number | undefined): number {
  if (min !== undefined && max !== undefined) return (min + max) / 2;
  return min ?? max ?? 0;
}

/**
 * The area bounds the why-not listing looks around (㎡): the need's own, or for a need of n ≥ 2 units
 * (need.unitCount, docs/decisions/130) each unit's — the total over n: the spaces a recruiter would offer
 * such a lead one by one are unit-sized.
 */
function listedBounds(n: MatchNeed): { min?: number; max?: number } {
  const { areaMinSqm: min, areaMaxSqm: max } = n.need;
  const k = unitCountOf(n.need.unitCount);
  return k === 1 ? { min, max } : { min: min === undefined ? undefined : min / k, max: max === undefined ? undefined : max / k };
}

/**
 * The why-not listing's window for a need (a unit's, for a need of several units: listedBounds): spaces of `kind` with an area of at least `minAreaSqm` (㎡; 20 %
 * below the area window's lower edge, or half the target when only a maximum is given), and — when the lead
 * gives a maximum — whose smallest offer (the divisible minimum, else the whole area) is at most
 * `maxOfferSqm` (㎡; 50 % above the window's upper edge); null: no upper bound. The listing is the
 * WHY_NOT_LIMIT spaces of the window nearest `targetSqm` (targetArea; DESIGN.md: "nearest misses first").
 * Stale listings are in on purpose (their rule is one of the reasons shown).
 */
export function whyNotWindow(n: MatchNeed): { kind: SpaceKind; targetSqm: number; minAreaSqm: number; maxOfferSqm: number | null } {
  const { min, max } = listedBounds(n);
  const target = middleOf(min, max);
  return {
    kind: n.need.kind,
    targetSqm: target,
    minAreaSqm: (min ?? target * 0.5) * AREA_LOWER * WHY_NOT_BELOW,
    maxOfferSqm: max === undefined ? null : max * AREA_UPPER * WHY_NOT_ABOVE,
  };
}
