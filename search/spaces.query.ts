import { sectionOf } from "~/domain/industries";
import { AREA_LOWER, AREA_UPPER } from "~/domain/matching/hard";
import type { MatchNeed, SpaceCandidate } from "~/domain/matching/types";
import { filterValue, type SearchClient } from "./client";
import { SPACES_INDEX, type SpaceDocument } from "./spaces.index";

const SPEC_FIELDS = [
  ["ceilingMinM", "ceilingM"],
  ["floorLoadMinKg", "floorLoadKg"],
  ["powerMinKva", "powerKva"],
  ["craneMinT", "craneT"],
] as const;

/**
 * The hard constraints that Meilisearch can apply, as filter expressions (ANDed). A space that does
 * not state a figure passes ("unknown" is not a failure). Land-purchase thresholds depend on the
 * space's own area and the park's minimums, so the matcher re-checks every candidate in code.
 */
export function hardFilters(n: MatchNeed): string[] {
  const need = n.need;
  const f: string[] = [`status = ${filterValue("available")}`, `kind = ${filterValue(need.kind)}`];
  if (need.deal !== "either") f.push(`deals = ${filterValue(need.deal)}`);

  const lo = (need.areaMinSqm ?? 0) * AREA_LOWER;
  f.push(`areaSqm >= ${filterValue(lo)}`);
  if (need.areaMaxSqm !== undefined) {
    // Too big is fine when the space can be divided down to what the lead wants.
    f.push(`(areaSqm <= ${filterValue(need.areaMaxSqm * AREA_UPPER)} OR offerMinSqm <= ${filterValue(need.areaMaxSqm)})`);
  }
  for (const [want, has] of SPEC_FIELDS) {
    const min = need[want];
    if (min !== undefined) f.push(`(${has} >= ${filterValue(min)} OR ${has} IS NULL OR ${has} NOT EXISTS)`);
  }
  if (need.singleStorey === true) f.push(`(singleStorey = true OR singleStorey IS NULL OR singleStorey NOT EXISTS)`);
  const section = sectionOf(n.use.industry);
  f.push(`NOT park.excludedIndustries IN [${[n.use.industry, section].filter(Boolean).map((c) => filterValue(c!)).join(", ")}]`);
  // Regions compare GB/T 2260 codes: a document lists its district's province, city and district codes.
  // Regions given but no codes (a stored name that no longer resolves) match nothing, as in hardCheck.
  if (need.regions?.length || need.regionCodes?.length) {
    const codes = need.regionCodes?.length ? need.regionCodes : ["none"];
    f.push(`divisionCodes IN [${codes.map(filterValue).join(", ")}]`);
  }
  return f;
}

/** The middle of what the lead wants, to look for the closest sizes on both sides. */
export function targetArea(n: MatchNeed): number {
  const { areaMinSqm: min, areaMaxSqm: max } = n.need;
  if (min !== undefined && max !== undefined) return (min + max) / 2;
  return (min ?? max)!;
}

/**
 * Candidates for one lead: the spaces that pass the hard filters and are closest in size to the
 * target on either side, plus spaces in parks that focus on the lead's industry (within the hard area
 * window, smallest first) — the two strongest soft factors — so neither is starved when thousands of
 * spaces pass the filters. Three searches in parallel: a one-sided range with a numeric sort is cheap
 * in Meilisearch, while sorting by distance to a point was 5× slower at 100,000 spaces
 * (docs/benchmarks.md). The score decides among them.
 */
export async function findCandidates(client: SearchClient, n: MatchNeed, options: { indexUid?: string; perQuery?: number } = {}): Promise<SpaceCandidate[]> {
  const index = client.index(options.indexUid ?? SPACES_INDEX);
  const closest = options.perQuery ?? 20;
  const base = hardFilters(n);
  const target = filterValue(targetArea(n));
  const section = sectionOf(n.use.industry);
  const focus = `park.industries IN [${[n.use.industry, section].filter(Boolean).map((c) => filterValue(c!)).join(", ")}]`;
  const search = (extra: string[], sort: string, limit: number) => index.search<SpaceDocument>("", { filter: [...base, ...extra], sort: [sort], limit });
  const results = await Promise.all([
    search([`areaSqm >= ${target}`], "areaSqm:asc", closest),
    search([`areaSqm < ${target}`], "areaSqm:desc", closest),
    search([focus], "areaSqm:asc", Math.ceil(closest / 2)),
  ]);
  const byId = new Map<string, SpaceCandidate>();
  for (const r of results) for (const hit of r.hits) byId.set(hit.id, stripDocument(hit));
  return [...byId.values()];
}

function stripDocument(d: SpaceDocument): SpaceCandidate {
  const { offerMinSqm: _o, text: _t, divisionCodes: _d, _geo, ...candidate } = d;
  return candidate;
}
