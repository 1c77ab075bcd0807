/**
 * Figures whose digits say no one number, in every unit the need's readers take (docs/decisions/153 for the area, 161 for the
 * rest). Browser-safe: patterns only.
 */

/**
 * Digits that say no one number (docs/decisions/153): three or more digits after a point ("1.5000平": 1.5, 15000, or item 1 then
 * 5000? "5.000平": 5 or, in European writing, 5000?) or commas not in groups of three ("3,0000平": 30000 grouped by 万, or 3,000?).
 * A point after 0 ("0.125亩") is a decimal whatever its digits.
 */
export const UNCLEAR_DIGITS = "(?:[1-9][0-9]*\\.[0-9]{3,}|[0-9]{1,3}(?:,[0-9]{3})*,(?:[0-9]{4,}|[0-9]{1,2}(?![0-9])))(?![0-9])";

/** A figure of unclear digits found: the words to tell (`span`) and its digits (`digits`), as [start, end) in the text searched. */
export type UnclearFigure = { span: [number, number]; digits: [number, number] };

/**
 * A reader of unclear digits (UNCLEAR_DIGITS) said as a figure of one of `units` ("1.000kva", "5.000吨", "8.000米"), or right
 * after one of `keywords` with no unit ("层高8.000", "配电1.000") — the area's rule for every other figure (docs/decisions/161:
 * "8.500米" is no longer 8.5 m; neither 8.5 nor 8500 is assumed). Regex sources in, built once; the reader takes the (folded,
 * lower-case) text and gives the figures in order.
 *
 * @param units alternatives of the units, e.g. kVA, t, m, kg/㎡
 * @param keywords alternatives of the figures' keywords, e.g. 层高, 配电, 行车
 * @param gap what may stand between a keyword and its figure
 * @param notAfter units a keyword's figure may not be followed by (the area's: read by the area's own rule)
 */
export function unclearFigureReader(units: string, keywords: string, gap: string, notAfter: string): (s: string) => UnclearFigure[] {
  const withUnit = new RegExp(`(?<![a-z0-9.,])(?<d>${UNCLEAR_DIGITS})\\s*(?:${units})`, "gdi");
  const afterKeyword = new RegExp(`(?:${keywords})${gap}(?<![0-9.,])(?<d>${UNCLEAR_DIGITS})(?!\\s*(?:${notAfter}))`, "gdi");
  return (s) => {
    const found: UnclearFigure[] = [];
    for (const re of [withUnit, afterKeyword])
      for (const m of s.matchAll(re)) {
        const d = m.indices!.groups!.d;
        if (found.some((f) => f.digits[0] === d[0])) continue; // "层高8.000米": one figure, told once
        found.push({ span: [m.index, m.index + m[0].length], digits: [d[0], d[1]] });
      }
    return found.sort((a, b) => a.span[0] - b.span[0]);
  };
}
