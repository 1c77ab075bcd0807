/**
 * The area a lead needs when a wished size follows a lone figure (docs/decisions/161, item 1): "需要5000平，最好6000平",
 * "need 5000 sqm, ideally 6000 sqm". The wish is never a filter (ADR 097, 153); what it tells is the side the need leans to —
 * a larger wish says the figure needed is the least that will do, a smaller one the most.
 */

/** Words that say a figure is approximate on purpose ("5000平左右", "约5000平", "around 5000 sqm"): such a figure stays about. */
const ABOUT_SAID = /左右|上下|大约|大概|约|差不多|\b(?:about|around|approx(?:imately|\.)?|roughly)\b|~|～/i;

/**
 * Which bound a lone area figure becomes beside a wished one.
 *
 * @param needed the figure needed, in ㎡ (read "about": ±10 %, ADR 070)
 * @param wished the figure wished for, in ㎡ (its low end when a range)
 * @param words the needed figure's words as typed (an about word there keeps it about)
 * @returns "min" when the wish is larger (at least the figure needed), "max" when smaller (at most), null when the figure
 *   stays about: the same size wished, or the figure said approximate in its own words ("5000平左右，最好6000平").
 */
export function needBesideWish(needed: number, wished: number, words: string): "min" | "max" | null {
  if (ABOUT_SAID.test(words) || wished === needed) return null;
  return wished > needed ? "min" : "max";
}
