import { childDivisions, divisionByCode } from "~/domain/regions";

/** One entry of a picker list; `path` is what gets added to the regions field. */
export type DivisionOption = { code: string; name: string; path: string };
/** What the picker shows after a submit without JavaScript: the choices and the lists under them. */
export type RegionPickerState = {
  province?: string;
  city?: string;
  district?: string;
  cities: DivisionOption[];
  districts: DivisionOption[];
};

const option = ({ code, name, path }: DivisionOption): DivisionOption => ({ code, name, path });

let provinces: DivisionOption[] | undefined;

/** The provinces for the picker's first list (built once: the inquiry form renders it on every request). */
export function provinceOptions(): DivisionOption[] {
  return (provinces ??= childDivisions().map(option));
}

/**
 * The picker's state after a submit without JavaScript: the lists under what was chosen, and the
 * division to add (the deepest one chosen, or the search text as typed — the schema resolves it).
 */
export function pickRegion(chosen: { province: string; city: string; district: string; search: string }): {
  state: RegionPickerState;
  path?: string;
} {
  const code = (c: string) => (/^\d{6}$/.test(c) ? c : "");
  const province = code(chosen.province);
  const cities = province ? childDivisions(province).map(option) : [];
  const city = cities.some((c) => c.code === code(chosen.city)) ? code(chosen.city) : "";
  const districts = city ? childDivisions(city).map(option) : [];
  const district = districts.some((d) => d.code === code(chosen.district)) ? code(chosen.district) : "";
  const search = chosen.search.trim().slice(0, 40);
  const deepest = district || city || province;
  const path = search || (deepest ? divisionByCode(deepest)?.path : undefined);
  return { state: { province, city, district, cities, districts }, path };
}
