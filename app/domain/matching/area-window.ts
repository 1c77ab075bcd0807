// The area window of a match (DESIGN.md "Matching"), in a file of its own: the lead's schema reads it
// (how far a typed range reaches) without importing the matcher, which imports the lead's types.

/** Area window around the wanted range: [areaMin × 0.8, areaMax × 1.25]. */
export const AREA_LOWER = 0.8;
export const AREA_UPPER = 1.25;
