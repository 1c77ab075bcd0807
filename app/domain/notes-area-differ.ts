import { needAreaShort } from "./area";
import type { LeadFlag } from "./lead-flags";
import { AREA_LOWER, AREA_UPPER } from "./matching/area-window";

/** The area the notes say beside typed area boxes, in ㎡ (need-assist.ts AssistPlan.notesArea): their total over every unit. */
export type NotesArea = { minSqm?: number; maxSqm?: number; text: string };

/**
 * The area in the notes against the area typed in the fields (㎡): when the two ranges do not meet even with
 * the match search's window around the typed one ([min × AREA_LOWER, max × AREA_UPPER], matching/hard.ts),
 * the fields are kept (the notes never override them, need-assist.ts) and the contradiction is one
 * `notesDiffer` flag on need.notes: "50亩 ≠ 2000–3000㎡". [] when the notes say no area or agree. One rule for
 * the lead schema (what is stored) and the forms' live reading (app/leads/assist-preview.ts, docs/decisions/165).
 * The notes' area of several units ("两栋，每栋3000平左右") is their total, as the boxes' is (docs/decisions/130).
 */
export function notesAreaDiffer(
  notesArea: NotesArea | undefined,
  kind: string | undefined,
  minSqm: number | undefined,
  maxSqm: number | undefined,
): LeadFlag[] {
  if (!notesArea || (minSqm === undefined && maxSqm === undefined)) return [];
  // One bound typed is the figure the person named (docs/decisions/101): "2000" in the minimum box beside
  // notes of "5000平" is a contradiction to check, though 5000 is more than 2000.
  const typedLow = (minSqm ?? maxSqm ?? 0) * AREA_LOWER;
  const typedHigh = (maxSqm ?? minSqm ?? Infinity) * AREA_UPPER;
  // A bound the notes state alone on a side the boxes leave open ("5000平以上的不要" beside 最小面积 3000 only) is
  // told too: what the notes say that no box holds is never dropped because a box is filled (docs/decisions/159).
  const onlyMax = notesArea.minSqm === undefined && notesArea.maxSqm !== undefined && maxSqm === undefined;
  const onlyMin = notesArea.maxSqm === undefined && notesArea.minSqm !== undefined && minSqm === undefined;
  if (!onlyMax && !onlyMin && (notesArea.maxSqm ?? Infinity) >= typedLow && (notesArea.minSqm ?? 0) <= typedHigh) return [];
  return [
    { field: "need.notes", code: "notesDiffer", text: `${notesArea.text} ≠ ${needAreaShort(minSqm, maxSqm, kind === "land", "zh")}` },
  ];
}
