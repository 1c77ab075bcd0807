// The regions field's cap on one name, apart from field-limits.ts: that table goes with the form's
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
