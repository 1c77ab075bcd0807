// The region resolver for the lead schema, behind a `.server` file on purpose: the division dataset,
// OpenCC and pinyin-pro (≈ 230 KB gzipped) stay out of the browser bundle. The classic compiler
// empties this file in the browser build, so the form's in-browser check leaves regions to the server
// (docs/decisions/017-regions-as-division-codes.md).
import { divisionByCode, resolveRegions, standardPlaceNames, zoneNamed } from "./regions";
import { englishDivisionLabel, englishZoneLabel } from "./regions-en";

export {
  divisionByCode,
  divisionNameAt,
  latinNearlyNamed,
  latinOneLetterOff,
  namesZone,
  placeNameAt,
  resolveRegions,
  standardPlaceNames,
  zoneNamed,
} from "./regions";
export { englishPathLabel } from "./regions-en";

/**
 * A need's places as a page in `lng` shows them: in Chinese the names the enterprise typed ("高淳、溧水");
 * in English each division they were resolved to, by its English label ("Gaochun District (高淳区), Lishui
 * District (溧水区)") — a zone typed by the zone's ("Nanjing Jiangbei New Area (南京江北新区)") —, the typed
 * names only when none was resolved. One reader for every staff page; a stored
 * need that is not the shape it should be (an old row, a hand edit) shows what it can.
 */
export function needRegionsText(need: { regions?: unknown; regionCodes?: unknown }, lng: "zh" | "en"): string {
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  const typed = strings(need.regions);
  // A place typed in English or pinyin ("Jiangning", "jiangning pukou") by the Chinese names of the divisions
  // it resolved to on a Chinese page (江宁区、浦口区); as typed when it names none (trial 12-05).
  if (lng === "zh") return typed.flatMap((t) => (/\p{Script=Han}/u.test(t) ? [t] : chineseNamesOf(t))).join("、");
  return englishPlaceLabels(typed, strings(need.regionCodes)).join(", ");
}

/**
 * The English labels of a need's places: a zone typed ("江北新区") by its English label, "Nanjing Jiangbei New
 * Area (南京江北新区)", not as the districts it lies in (ADR 123); the divisions no zone typed covers by
 * theirs; the typed names when none was resolved.
 */
function englishPlaceLabels(typed: string[], stored: string[]): string[] {
  const codes = inTypedOrder(typed, stored);
  const zones = codes.length > 0 ? typed.flatMap((t) => (zoneNamed(t) ? [t] : [])) : [];
  const covered = new Set(zones.flatMap((t) => zoneNamed(t)?.codes ?? []));
  const labels = [
    ...zones.map((t) => englishZoneLabel(t) ?? t),
    ...codes
      .filter((c) => !covered.has(c))
      .map(divisionByCode)
      .flatMap((d) => (d ? [englishDivisionLabel(d)] : [])),
  ];
  return labels.length > 0 ? labels : typed;
}

/**
 * A need's division codes in the order their places were typed (trial 12-05f: "高淳或者溧水" was listed "Lishui …,
 * Gaochun …" — the codes are stored sorted, for matching); a code no typed name gives (a hand edit) after them.
 */
function inTypedOrder(typed: readonly string[], codes: readonly string[]): string[] {
  const rank = new Map<string, number>();
  typed.forEach((t, i) => {
    for (const c of resolveRegions([t]).codes) if (!rank.has(c)) rank.set(c, i);
  });
  const at = (c: string) => rank.get(c) ?? typed.length;
  return [...codes].sort((a, b) => at(a) - at(b));
}

/** A Latin place name's divisions by their Chinese names ("Jiangbei New Area" → its three districts), or the name itself. */
function chineseNamesOf(typed: string): string[] {
  const r = resolveRegions([typed]);
  const names = r.problems.length ? [] : r.codes.flatMap((c) => divisionByCode(c)?.name ?? []);
  return names.length ? names : [typed];
}

/**
 * Names of places as the notes' flags hold them (as typed: "江宁", "Jiangning", "浦口区"), as a page in `lng` says them
 * (ADR 140, attack L4): in English each by its standard English name when it names one division or zone ("Jiangning
 * District (江宁区)", a zone by its label), several divisions by theirs; in Chinese a Latin name by its Chinese names
 * (江宁区). A name that names nothing one can tell (a typo, 鼓楼) stays as typed. Joined by the page's list word.
 */
export function placeNamesText(names: readonly string[], lng: "zh" | "en"): string {
  const said = names.flatMap((name) => {
    if (lng === "zh") return /\p{Script=Han}/u.test(name) ? [name] : chineseNamesOf(name);
    const zone = zoneNamed(name);
    if (zone) return [englishZoneLabel(name) ?? name];
    const r = resolveRegions([name]);
    const labels = r.problems.length ? [] : r.codes.flatMap((c) => (divisionByCode(c) ? [englishDivisionLabel(divisionByCode(c)!)] : []));
    return labels.length ? labels : [name];
  });
  return [...new Set(said)].join(lng === "zh" ? "、" : ", ");
}

/**
 * A need's places by their standard names (GB/T 2260, ADR 143), for a list that leaves the page (the lead
 * export): in Chinese each zone typed by the zone's name ("江北新区" → 南京江北新区) and each division the need
 * resolved to that no such zone covers, with its city ("江宁" → 南京市江宁区; "浦东" → 上海市浦东新区; a city
 * as itself, 南京市); in English as needRegionsText says them. The codes are the need's stored ones (what
 * matching read); an old row without codes is resolved now; a place that resolves to nothing is as typed.
 */
export function needPlaceNames(need: { regions?: unknown; regionCodes?: unknown }, lng: "zh" | "en"): string[] {
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.trim() !== "") : []);
  const typed = strings(need.regions);
  const stored = strings(need.regionCodes);
  const codes = inTypedOrder(typed, stored.length || Array.isArray(need.regionCodes) ? stored : resolveRegions(typed).codes);
  if (lng === "en") return englishPlaceLabels(typed, codes);
  const zones = codes.length > 0 ? typed.flatMap((t) => zoneNamed(t) ?? []) : [];
  const covered = new Set(zones.flatMap((z) => z.codes));
  const names = [
    ...zones.map((z) => z.name),
    ...codes
      .filter((c) => !covered.has(c))
      .flatMap((c) => {
        const d = divisionByCode(c);
        if (!d) return [];
        const std = standardPlaceNames(c);
        return [std && std.city !== std.district ? `${std.city}${std.district}` : d.name];
      }),
  ];
  const unique = [...new Set(names)];
  return unique.length ? unique : typed;
}
