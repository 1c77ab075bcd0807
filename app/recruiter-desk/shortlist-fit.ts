import { formatMu, formatSqm, needAreaShort, sqmToMu } from "~/domain/area";
import { unitCountOf } from "~/domain/matching/area-window";
import { eachUnitText, unitCountText } from "~/domain/unit-count-text";
import { type DeskKey, deskText } from "~/i18n/desk-messages";

/**
 * Why a space fits, for the enterprise that opens its shortlist (/s/<token>): the space's own figures
 * set against what the enterprise itself asked for, in plain words of the page's catalog (s.fit.*).
 * Built here, never taken from the matcher's reasons: those are the recruiter's screening notes and
 * carry a park's thresholds (tax per mu, reference rent), area-window rules and GB/T industry codes,
 * which are not the enterprise's to see (docs/decisions/099). A figure the need did not ask for, or
 * that the space does not meet, gives no line.
 */

/** The part of a stored lead's need (leads.lead → need) read here: areas in ㎡, moveInBy "YYYY-MM". */
export type FitNeed = {
  /** The unit the area was given in ("sqm" | "mu"; docs/decisions/180). */
  areaUnit?: string | null;
  areaMinSqm?: number | null;
  areaMaxSqm?: number | null;
  ceilingMinM?: number | null;
  floorLoadMinKg?: number | null;
  powerMinKva?: number | null;
  craneMinT?: number | null;
  singleStorey?: boolean | null;
  moveInBy?: string | null;
  /** How many units the area is the total of (docs/decisions/130); anything but a whole number 2–99 is none. */
  unitCount?: unknown;
};

/** The space's figures read here (spaces columns): area ㎡, ceiling m, load kg/㎡, power kVA, crane t, availableFrom YYYY-MM-DD. */
export type FitSpace = {
  kind: string;
  areaSqm: number;
  singleStorey?: boolean | null;
  ceilingM?: number | null;
  floorLoadKg?: number | null;
  powerKva?: number | null;
  craneT?: number | null;
  availableFrom?: string | null;
  status: string;
};

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** The lines in both languages, in the order of the figures on the page. `today` is YYYY-MM-DD (China). */
export function shortlistFit(need: FitNeed | null | undefined, s: FitSpace, today: string): { zh: string; en: string }[] {
  if (!need) return [];
  const out: { zh: string; en: string }[] = [];
  const line = (key: DeskKey, params: Record<string, string | number> = {}) =>
    out.push({ zh: deskText("zh", key, params), en: deskText("en", key, params) });

  const min = num(need.areaMinSqm);
  const max = num(need.areaMaxSqm);
  const units = unitCountOf(need.unitCount);
  // A space of land, or a need given in 亩: said in 亩 (docs/decisions/180).
  const land = s.kind === "land" || need.areaUnit === "mu";
  // Each language's own words for the same figures (亩 / mu).
  const area = (lng: "zh" | "en") => (land ? formatMu(Math.round(sqmToMu(s.areaSqm) * 10) / 10, lng) : formatSqm(Math.round(s.areaSqm)));
  const both = (key: DeskKey, params: (lng: "zh" | "en") => Record<string, string | number>) =>
    out.push({ zh: deskText("zh", key, params("zh")), en: deskText("en", key, params("en")) });
  if ((min !== null || max !== null) && (min === null || s.areaSqm >= min) && (max === null || s.areaSqm <= max)) {
    // One bound in words ("不超过您要的 5000㎡"), never as a sign (≤ reads as a screening rule).
    if (min !== null && max !== null) both("s.fit.area", (lng) => ({ area: area(lng), range: needAreaShort(min, max, land, lng) }));
    else if (max !== null) both("s.fit.areaUpTo", (lng) => ({ area: area(lng), max: needAreaShort(max, max, land, lng) }));
    else both("s.fit.areaAtLeast", (lng) => ({ area: area(lng), min: needAreaShort(min, min, land, lng) }));
  } else if (min !== null && max !== null && units > 1 && s.areaSqm >= min / units && s.areaSqm <= max / units) {
    // One of the several the enterprise asked for ("3栋，每栋5000平"): each unit's range (docs/decisions/130).
    const each = (lng: "zh" | "en") => ({
      area: area(lng),
      range: needAreaShort(min / units, max / units, land, lng),
      each: eachUnitText(s.kind, lng),
      count: unitCountText(units, s.kind, lng),
    });
    out.push({ zh: deskText("zh", "s.fit.areaEach", each("zh")), en: deskText("en", "s.fit.areaEach", each("en")) });
  }
  if (need.singleStorey === true && s.singleStorey === true) line("s.fit.singleStorey");
  const atLeast: [DeskKey, number | null, number | null][] = [
    ["s.fit.ceiling", num(s.ceilingM), num(need.ceilingMinM)],
    ["s.fit.floorLoad", num(s.floorLoadKg), num(need.floorLoadMinKg)],
    ["s.fit.power", num(s.powerKva), num(need.powerMinKva)],
    ["s.fit.crane", num(s.craneT), num(need.craneMinT)],
  ];
  for (const [key, has, wants] of atLeast) if (has !== null && wants !== null && wants > 0 && has >= wants) line(key, { has, wants });
  // Free by the month the enterprise wants to move in (a date already past means now).
  const month = typeof need.moveInBy === "string" && /^\d{4}-\d{2}$/.test(need.moveInBy) ? need.moveInBy : null;
  const from = s.availableFrom && s.availableFrom > today ? s.availableFrom : today;
  if (month && s.status === "available" && from.slice(0, 7) <= month) line("s.fit.moveIn", { month });
  return out;
}
