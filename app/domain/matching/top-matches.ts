/** The matches a lead keeps live: its best MATCH_LIMIT by score (DESIGN.md "Matching": the top 5 matches). */
export const MATCH_LIMIT = 5;

/** A live match as the top is weighed: which space, in which park, with what score (0–100). */
export type Standing = { spaceId: string; parkId: string; score: number };

/**
 * Whether a space that reverse matching found to fit a lead joins its live matches, and which live matches it
 * pushes out of the top (docs/decisions/152). The lead's live matches and the found one are ranked by score,
 * the ones already live first among equal scores (a space as good as those held displaces none); the top
 * `limit` stay. A live match in a park the lead is held in (`heldParks`: an open assignment, ADR 108) stays live
 * whatever its rank, as lead.match keeps them; a found space joins only by its rank, in a held park too (else an
 * import of thousands of spaces into the park a recruiter holds the lead in would add them all).
 *
 * Without this, every space that fit became one more live match: 10,000 spaces imported into one park gave a
 * lead 5,174 matches and a 4.6 MB `GET /api/leads/<id>` (attack 12-05g M1).
 *
 * @returns `offer`: whether `found` is to be stored as a live match; `displaced`: the space ids of live matches
 * that fall out of the top (to withdraw as outranked). `displaced` is empty when `offer` is false.
 */
export function placeAmongTop(
  live: readonly Standing[],
  found: Standing,
  heldParks: ReadonlySet<string>,
  limit = MATCH_LIMIT,
): { offer: boolean; displaced: string[] } {
  const others = live.filter((m) => m.spaceId !== found.spaceId);
  const ranked = [...others, found].sort((a, b) => b.score - a.score); // stable: the live ones first among equals
  const top = new Set(ranked.slice(0, limit).map((m) => m.spaceId));
  const offer = top.has(found.spaceId);
  if (!offer) return { offer, displaced: [] };
  return { offer, displaced: others.filter((m) => !top.has(m.spaceId) && !heldParks.has(m.parkId)).map((m) => m.spaceId) };
}
