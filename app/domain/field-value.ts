import { HEDGE_AFTER, INFIX_ABOUT, INFIX_MORE, splitQualifier } from "./comparison";
import { fold } from "./fold-text";
import { spokenRangeEnds } from "./numbers";

/**
 * What a number field does with a typed value: it takes what the notes parser takes. Qualifiers are
 * read with the shared grammar (comparison.ts): "约3000万元" is 3000, "200余人" 200, "十来亩" and "千把平"
 * (about) 10 亩 and 1000 ㎡, "9米以上" in a *Min field is simply the minimum 9, "≥9" 9, "50亩地" 50 亩; a hedge at
 * the end ("大概三千平吧", "三千平的样子", "3000 sqm or so": comparison.ts HEDGE_AFTER) is "about" too.
 * A qualifier that says the opposite of the field ("6米以下" in ceilingMinM, "5000平以上" in areaMax) is
 * refused: storing it would invert the need.
 *
 * A spoken range ("两三千平", "三四十亩", "五六千平米": numbers.ts spokenRangeEnds, the reading the notes
 * parser gives as low–high), and a written one ("20到30亩", "5000-8000平", "3~5万平": writtenRangeEnds), is
 * two figures in a field that holds one: refused as "range" with both ends
 * as text in the person's own words ("两千平", "三千平"), so the message can say where each one goes.
 * Taking one end would store a need the person did not state.
 *
 * `role`: "min" for a lower bound (…Min, areaMin), "max" for areaMax, "amount" for figures (tax, staff).
 * Returns the number in the parser's unit, or why it was refused.
 */
export type FieldRead =
  /** `about`: the figure came with a word of "about" (左右, 上下, 约, 大概, 来, 把): the area boxes read it as the notes do. */
  | { ok: true; value: number; about?: true }
  | { ok: false; reason: "number" | "minOnly" | "maxOnly" }
  | { ok: false; reason: "range"; low: string; high: string };
export type FieldRole = "min" | "max" | "amount";

const NUMBER_CHAR = "0-9零〇一二两三四五六七八九十百千万亿";
/** 余/多 after a figure ("200余人", "3000多平") means "a little more than". */
const MORE_THAN = new RegExp(`(?<=[${NUMBER_CHAR}])\\s*${INFIX_MORE}(?=\\s*(?:[^0-9零〇一二两三四五六七八九十]|$))`);
/** 来/把 after a round figure ("十来亩", "千把平") means "about". */
const ABOUT = new RegExp(`\\s*${INFIX_ABOUT}(?=\\s*(?:[^0-9零〇一二两三四五六七八九十]|$))`);

/**
 * A figure typed with a minus sign in front ("-500", "－500平米", "−3吨/㎡", "-五千"): every number field
 * says "negative" for it, not "not a number" (the lead schema and the inventory's columns, which then
 * read the figure after the sign to say what was read).
 */
export function looksNegative(s: string): boolean {
  return NEGATIVE.test(s);
}
const NEGATIVE = /^\s*[-−－]\s*[\d０-９一二两三四五六七八九十]/;

/** `s` without its minus sign (looksNegative), as typed otherwise. */
export function withoutMinus(s: string): string {
  return s.replace(/^\s*[-−－]\s*/, "");
}

export function readFieldNumber(input: string, parse: (s: string) => number | null, role: FieldRole): FieldRead {
  const direct = parse(input);
  if (direct !== null) return { ok: true, value: direct };
  const read = readQualified(input, parse, role);
  if (read.ok || read.reason !== "number") return read;
  const folded = fold(input).trim();
  const spoken = spokenRangeEnds(folded);
  for (const ends of spoken ? [spoken] : writtenRangeEnds(folded)) {
    const [lo, hi] = ends.map((end) => readQualified(end, parse, role));
    if (lo.ok && hi.ok && lo.value < hi.value) return { ok: false, reason: "range", low: ends[0], high: ends[1] };
  }
  return read;
}

/** A written range: two figures with a separator between them (every dash and tilde is folded to - and ~). */
const WRITTEN_RANGE = /^(.+?)\s*(?:-|~|到|至)\s*(.+)$/;
/** The high end's figure, its magnitude (万, 千…) and what follows it (the unit, a qualifier). */
const HIGH_END = /^((?:[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九]+))([十百千万亿kw]*)(.*)$/i;
const MAGNITUDE = /[十百千万亿kw]/i;

/**
 * The ends of a written range ("20到30亩", "5000-8000平", "3~5万平", "三到五千平") as text, each a figure the
 * field could take: the low end borrows the high end's unit, and its magnitude when it has none ("3-5万平"
 * → "3万平"), as the notes read it (need-text.ts readRange); when that does not stay below the high end
 * the low end is tried alone ("5000-1万"). Candidates in that order; none when the high end holds more
 * than one figure ("2-3台500kva": a count of transformers has its own reading).
 */
function writtenRangeEnds(s: string): [low: string, high: string][] {
  const m = WRITTEN_RANGE.exec(s);
  if (!m) return [];
  const [, low, high] = m;
  const h = HIGH_END.exec(high);
  if (!h || /[0-9零〇一二两三四五六七八九]/.test(h[3])) return [];
  const [, , magnitude, tail] = h;
  const candidates: [string, string][] = [];
  if (!MAGNITUDE.test(low) && magnitude) candidates.push([low + magnitude + tail, high]);
  candidates.push([low + tail, high], [low, high]);
  return candidates;
}

function readQualified(input: string, parse: (s: string) => number | null, role: FieldRole): FieldRead {
  let s = fold(input).trim();
  let infix: "min" | "about" | null = null;
  // "大概三千平吧", "3000 sqm or so": a hedge at the end (comparison.ts HEDGE_AFTER) says "about" unless a bound was said.
  let hedged = false;
  if (HEDGE_AFTER.test(s)) {
    s = s.replace(HEDGE_AFTER, "");
    hedged = true;
  }
  if (MORE_THAN.test(s)) {
    s = s.replace(MORE_THAN, "");
    infix = "min";
  } else if (ABOUT.test(s)) {
    // "百来亩", "千把平": the magnitude alone is one of it (一百, 一千).
    s = s.replace(ABOUT, "").replace(/^([百佰千仟万萬])(?![0-9零〇一二两三四五六七八九十百佰千仟万萬亿])/, "一$1");
    infix = "about";
  }
  // "50亩地", "3000平的", "200人左右" — a trailing noun is not part of the figure.
  s = s.replace(/(?:的)?(?:土地|用地|地块|地|的)$/, "");
  const { body, cmp } = splitQualifier(s);
  const direction = cmp ?? (infix === "min" ? "min" : null);
  if (role === "min" && direction === "max") return { ok: false, reason: "minOnly" };
  if (role === "max" && direction === "min") return { ok: false, reason: "maxOnly" };
  const n = parse(body.replace(/(?:的)?(?:土地|用地|地块|地)$/, ""));
  if (n === null) return { ok: false, reason: "number" };
  return cmp === "about" || (cmp === null && (infix === "about" || (hedged && infix === null)))
    ? { ok: true, value: n, about: true }
    : { ok: true, value: n };
}
