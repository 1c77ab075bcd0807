import { childDivisions, type Division } from "~/domain/regions";

/** Every list the region picker shows: the provinces, each province's cities (or districts), each city's districts. */
export function everyPickerList(): Division[][] {
  const lists: Division[][] = [childDivisions()];
  for (const p of childDivisions()) {
    const cities = childDivisions(p.code);
    lists.push(cities);
    for (const c of cities) if (c.level === "city") lists.push(childDivisions(c.code));
  }
  return lists;
}

/** `found` is `d` itself, or the county-level unit of the same name a city without districts is also listed as (嘉峪关市 620200 → 620201). */
export function sameDivision(found: Division, d: Division): boolean {
  return found.code === d.code || (found.name === d.name && found.code.slice(0, 4) === d.code.slice(0, 4));
}
