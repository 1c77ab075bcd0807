/**
 * The notes readers' work, counted (docs/decisions/142): the texts read by the figure readers (need-text.ts
 * parseNeedText) and the division names looked up without a marker (note-regions.ts findUnmarkedPlaces, at most
 * MAX_UNMARKED_NAMES a text). Tests bound the work by these counts, never by a time (the house rule: a busy
 * machine fails a timed unit test); what it costs in time is the intake bench's (docs/benchmarks.md).
 */
export const readingWork = { textsRead: 0, namesLookedUp: 0, tablesBuilt: 0 };

/**
 * Counts a table the readers build on first use (regions.ts: the divisions' index, its pinyin indexes, the English
 * words, the pinyin library): what the web process builds at start (app/leads/warm-readers.server.ts, ADR 148) so
 * that no enterprise's reading pays for it.
 */
export function countTableBuilt(): void {
  readingWork.tablesBuilt += 1;
}

/**
 * The region resolver's work, counted like the notes readers' (docs/decisions/164): `lookups`, its look-ups of a piece
 * of text in its name tables (regions.ts parseEnds, zoneReading), bounded by the regions field's limits
 * (region-name-limit.ts). Apart from readingWork: a lead's regions box is read whatever its notes hold.
 */
export const regionWork = { lookups: 0 };
