import { childDivisions, type Division, divisionByCode } from "~/domain/regions";
import { englishDivisionLabel } from "~/domain/regions-en";
import type { Lng } from "~/i18n/lng";

/** One entry of a picker list; `label` is what the list shows (English pages: "Gaochun District (高淳区)"), `path` what gets added to the regions field. */
export type DivisionOption = { code: string; name: string; label: string; path: string };
/** What the picker shows after a submit without JavaScript: the choices and the lists under them. */
export type RegionPickerState = {
  province?: string;
  city?: string;
  district?: string;
  cities: DivisionOption[];
  districts: DivisionOption[];
};

/** A division as the picker shows it in `lng` (the Chinese name stays what is added and stored). */
export function divisionOption({ code, name, path }: Division, lng: Lng): DivisionOption {
  return { code, name, label: lng === "en" ? englishDivisionLabel({ code, name }) : name, path };
}

const provinces = new Map<Lng, DivisionOption[]>();

/** The provinces for the picker's first list (built once a language: the inquiry form renders it on every request). */
export function provinceOptions(lng: Lng): DivisionOption[] {
  let list = provinces.get(lng);
  if (!list) provinces.set(lng, (list = childDivisions().map((d) => divisionOption(d, lng))));
  return list;
}

/**
 * The picker's state after a submit without JavaScript: the lists under what was chosen, and the
 * division to add (the deepest one chosen, or the search text as typed — the schema resolves it).
 */
export function pickRegion(
  chosen: { province: string; city: string; district: string; search: string },
  lng: Lng,
): {
  state: RegionPickerState;
  path?: string;
} {
  const code = (c: string) => (/^\d{6}$/.test(c) ? c : "");
  const province = code(chosen.province);
  const cities = province ? childDivisions(province).map((d) => divisionOption(d, lng)) : [];
  const city = cities.some((c) => c.code === code(chosen.city)) ? code(chosen.city) : "";
  const districts = city ? childDivisions(city).map((d) => divisionOption(d, lng)) : [];
  const district = districts.some((d) => d.code === code(chosen.district)) ? code(chosen.district) : "";
  const search = chosen.search.trim().slice(0, 40);
  const deepest = district || city || province;
  const path = search || (deepest ? divisionByCode(deepest)?.path : undefined);
  return { state: { province, city, district, cities, districts }, path };
}
