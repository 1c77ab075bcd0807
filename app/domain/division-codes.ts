// GB/T 2260 division codes as six digits: 320000 province, 320100 city (地级), 320118 district/county.
// Pure string rules, no dataset: safe to use anywhere (matching, search documents).

/**
 * The codes a district lies in, itself included: 320118 → [320000, 320100, 320118]; a city without
 * districts (441900 东莞市) → [440000, 441900]. Not six digits → [].
 */
export function divisionCodesOf(districtCode: string | null | undefined): string[] {
  if (!districtCode || !/^\d{6}$/.test(districtCode)) return [];
  return [...new Set([`${districtCode.slice(0, 2)}0000`, `${districtCode.slice(0, 4)}00`, districtCode])];
}

/**
 * The hard constraint "the district is one of need.regions" (DESIGN.md "Matching") on codes: true when
 * the park's district lies in one of the lead's divisions (a city covers its districts, a province its
 * cities). A park without a code is in no region.
 */
export function regionCovers(regionCodes: readonly string[], districtCode: string | null | undefined): boolean {
  if (regionCodes.length === 0 || !districtCode || !/^\d{6}$/.test(districtCode)) return false;
  // divisionCodesOf's three codes, without building its array and Set for every candidate (issue 14).
  const province = `${districtCode.slice(0, 2)}0000`;
  const city = `${districtCode.slice(0, 4)}00`;
  return regionCodes.some((c) => c === districtCode || c === city || c === province);
}
