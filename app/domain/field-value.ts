import { splitQualifier } from "./comparison";
import { fold } from "./fold-text";

/**
 * What a number field does with a typed value: it takes what the notes parser takes. Qualifiers are
 * read with the shared grammar (comparison.ts): "约3000万元" is 3000, "200余人" 200, "9米以上" in a *Min
 * field is simply the minimum 9, "≥9" 9, "50亩地" 50 亩. A qualifier that says the opposite of the field
 * ("6米以下" in ceilingMinM, "5000平以上" in areaMax) is refused: storing it would invert the need.
 *
 * `role`: "min" for a lower bound (…Min, areaMin), "max" for areaMax, "amount" for figures (tax, staff).
 * Returns the number in the parser's unit, or why it was refused.
 */
export type FieldRead = { ok: true; value: number } | { ok: false; reason: "number" | "minOnly" | "maxOnly" };
export type FieldRole = "min" | "max" | "amount";

/** 余/多 after a figure ("200余人", "3000多平") means "a little more than". */
const MORE_THAN = /(?<=[0-9零〇一二两三四五六七八九十百千万亿])\s*[余多](?=\s*(?:[^0-9零〇一二两三四五六七八九十]|$))/;

export function readFieldNumber(input: string, parse: (s: string) => number | null, role: FieldRole): FieldRead {
  const direct = parse(input);
  if (direct !== null) return { ok: true, value: direct };
  let s = fold(input).trim();
  let more = false;
  if (MORE_THAN.test(s)) {
    s = s.replace(MORE_THAN, "");
    more = true;
  }
  // "50亩地", "3000平的", "200人左右" — a trailing noun is not part of the figure.
  s = s.replace(/(?:的)?(?:土地|用地|地块|地|的)$/, "");
  const { body, cmp } = splitQualifier(s);
  const direction = cmp ?? (more ? "min" : null);
  if (role === "min" && direction === "max") return { ok: false, reason: "minOnly" };
  if (role === "max" && direction === "min") return { ok: false, reason: "maxOnly" };
  const n = parse(body.replace(/(?:的)?(?:土地|用地|地块|地)$/, ""));
  return n === null ? { ok: false, reason: "number" } : { ok: true, value: n };
}
