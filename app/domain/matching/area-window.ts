// The area window of a match (DESIGN.md "Matching"), in a file of its own: the lead's schema reads it
// (how far a typed range reaches) without importing the matcher, which imports the lead's types.

/** Area window around the wanted range: [areaMin × 0.8, areaMax × 1.25]. */
export const AREA_LOWER = 0.8;
export const AREA_UPPER = 1.25;

/** The most units a need may ask for (need.unitCount: "需要3栋厂房，每栋5000平", docs/decisions/130). */
export const UNIT_COUNT_MAX = 99;

/** A stored or given unit count as matching reads it: an integer 2–UNIT_COUNT_MAX, anything else 1 (one space for the whole area). */
export function unitCountOf(c: unknown): number {
  return typeof c === "number" && Number.isInteger(c) && c >= 2 && c <= UNIT_COUNT_MAX ? c : 1;
}
