import { areaSaidInMu, muAreaText, needAreaShort } from "./area";
import { unitCountOf } from "./matching/area-window";

// A need of several units in words (need.unitCount, docs/decisions/130: "3栋 × 约5000㎡（共约15000㎡）"), for the
// pages, the emails and the matcher's reasons. A module of its own, not area.ts: the inquiry form's first load
// carries area.ts (its shared chunk holds every export a browser route uses), and none of this.

/** Each unit of a need's kind counted (docs/decisions/130): 栋 of buildings, 块 of land, 处 of offices; English singular and plural. */
const UNIT_WORDS: Record<string, { zh: string; en: [one: string, many: string] }> = {
  land: { zh: "块", en: ["plot", "plots"] },
  office: { zh: "处", en: ["unit", "units"] },
};
const BUILDINGS = { zh: "栋", en: ["building", "buildings"] as [string, string] };
/** The Chinese measure words of the units (栋块处), as a regular expression's character class holds them. */
export const ZH_UNIT_WORDS = [BUILDINGS, ...Object.values(UNIT_WORDS)].map((w) => w.zh).join("");

/** The measure word of one unit of a need of `kind` (factory | land | office | warehouse): [zh, en singular, en plural]. */
export function unitWord(kind: string | null | undefined): [zh: string, one: string, many: string] {
  const w = UNIT_WORDS[kind ?? ""] ?? BUILDINGS;
  return [w.zh, ...w.en];
}

/**
 * A count as stored words say it ("3栋", "2块", "4处": a flag's text, docs/decisions/135) in `lng`: "3 buildings",
 * "2 plots", "4 units" in English, as it is in Chinese; any other text as it is.
 */
export function storedCountIn(text: string, lng: "zh" | "en"): string {
  const m = new RegExp(`^(\\d+)([${ZH_UNIT_WORDS}])$`).exec(text.trim());
  if (!m || lng === "zh") return text;
  const kind = ["factory", "land", "office"].find((k) => unitWord(k)[0] === m[2]);
  return unitCountText(Number(m[1]), kind, "en");
}

/** "3栋", "3 buildings": `count` units of a need of `kind` (factory | land | office | warehouse). */
export function unitCountText(count: number, kind: string | null | undefined, lng: "zh" | "en"): string {
  const [zh, one, many] = unitWord(kind);
  return lng === "zh" ? `${count}${zh}` : `${count} ${count === 1 ? one : many}`;
}

/** "单栋", "per building": of each unit of a need of `kind`. */
export function eachUnitText(kind: string | null | undefined, lng: "zh" | "en"): string {
  const [zh, one] = unitWord(kind);
  return { zh: `单${zh}`, en: `per ${one}` }[lng];
}

/**
 * A need of `count` units (need.unitCount, docs/decisions/130) on one line: each unit's size, then the
 * total the need stores — "3栋 × 约5000㎡（共约15000㎡）", "3 buildings × about 5000㎡ (about 15000㎡ in all)".
 * `text(min, max)` words a range in ㎡ as the caller's page does (needAreaShort, needAreaText); a range
 * of ±10 % about its middle (how a lone figure is read, ADR 070) is said "约" / "about" its middle instead.
 * `minSqm`/`maxSqm` are the stored total's bounds (㎡; either may be missing).
 */
export function unitsAreaText(
  minSqm: number | null | undefined,
  maxSqm: number | null | undefined,
  count: number,
  kind: string | null | undefined,
  lng: "zh" | "en",
  text: (min: number | undefined, max: number | undefined) => string,
): string {
  const lo = minSqm ?? undefined;
  const hi = maxSqm ?? undefined;
  const mid = lo !== undefined && hi !== undefined ? (lo + hi) / 2 : undefined;
  // Stored bounds are rounded to 0.01 ㎡.
  const about = mid !== undefined && lo !== mid && Math.abs(lo! - mid * 0.9) <= 0.02 && Math.abs(hi! - mid * 1.1) <= 0.02;
  // The range times `f` (1 / count: each unit's).
  const say = (f: number) =>
    about
      ? `${{ zh: "约", en: "about " }[lng]}${text(mid! * f, mid! * f)}`
      : text(lo === undefined ? undefined : lo * f, hi === undefined ? undefined : hi * f);
  const [n, each, total] = [unitCountText(count, kind, lng), say(1 / count), say(1)];
  return { zh: `${n} × ${each}（共${total}）`, en: `${n} × ${each} (${total} in all)` }[lng];
}

/**
 * A stored need's area on one short line (needAreaShort), each unit's and the total when it counts several
 * units (unitsAreaText, docs/decisions/130): "13500–16500㎡", "3栋 × 约5000㎡（共约15000㎡）". "" without a bound.
 */
export function needAreaLine(
  need: { kind?: string | null; areaUnit?: string | null; areaMinSqm?: number | null; areaMaxSqm?: number | null; unitCount?: unknown },
  lng: "zh" | "en",
): string {
  // In 亩 with its ㎡ when given in 亩 or of land ("约50亩（约33333㎡）"): the person's own figure (docs/decisions/180).
  const land = areaSaidInMu(need);
  const units = unitCountOf(need.unitCount);
  if (units === 1 || (need.areaMinSqm == null && need.areaMaxSqm == null))
    return land ? muAreaText(need.areaMinSqm, need.areaMaxSqm, lng) : needAreaShort(need.areaMinSqm, need.areaMaxSqm, land, lng);
  return unitsAreaText(need.areaMinSqm, need.areaMaxSqm, units, need.kind, lng, (lo, hi) => needAreaShort(lo, hi, land, lng));
}
