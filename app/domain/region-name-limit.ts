// The regions field's caps on one name and on the names, apart from field-limits.ts: that table goes with the form's
// first-load script (ADR 041), this only with the schema's later chunk and the server (ADR 123).
/**
 * Longest name in the regions field, per entry, in characters (UTF-16 units): 40 for Chinese, 80 for a
 * name in Latin letters only — English and pinyin names run two to three times their Chinese ("Nanjing
 * Jiangbei New Area Industrial Park", 41, is 南京江北新区产业园, 9; ADR 123). Beyond them the resolver is not
 * asked (its work grows with the text). Used by the lead schema, GET /api/regions and the picker alike.
 */
export function regionNameMax(text: string): number {
  return /\p{Script=Han}/u.test(text) || !/[a-z]/i.test(text) ? 40 : 80;
}

/**
 * Most names in the regions field (the schema refuses more, "最多 10 项"). A box of more is read no further than split
 * (lead-schema.ts splitRegions, note-regions.ts planNoteRegions, region-picker.server.ts regionFixes): the resolver's
 * work grows with each name, and 3,000 short names in one 27 KB body held the web two minutes before its 400 (attack36 H1).
 */
export const REGIONS_MAX = 10;
