import type { Settings } from "meilisearch";
import type { SpaceCandidate } from "~/domain/matching/types";
import { ensureIndex, type SearchClient } from "./client";

export const SPACES_INDEX = "spaces";

/**
 * A space with its park's facts copied in, so one query can apply every hard constraint.
 * `offerMinSqm` is the smallest part that can be let (divisibleMinSqm, else the whole area).
 * `_geo` does not hold a location: it encodes the area on the equator (see areaToGeo), so that
 * Meilisearch can sort by closeness of size to what a lead wants — one query instead of several.
 * The park's real location stays in the `parks` index.
 */
export type SpaceDocument = SpaceCandidate & {
  offerMinSqm: number;
  text: string;
  _geo: { lat: number; lng: number };
};

/**
 * log10 of the area spread over longitudes −80…+80 on the equator: distance grows with the ratio
 * between two areas (4000 vs 5000 ㎡ is as far as 40000 vs 50000), which is how size fit is judged.
 */
export function areaToGeo(areaSqm: number): { lat: number; lng: number } {
  const log = Math.log10(Math.min(Math.max(areaSqm, 1), 1e8));
  return { lat: 0, lng: Math.round((log * 20 - 80) * 1e6) / 1e6 };
}

export const spacesSettings: Settings = {
  searchableAttributes: ["title", "park.name", "park.district", "text", "notes"],
  filterableAttributes: [
    "status", "kind", "deals", "areaSqm", "offerMinSqm", "ceilingM", "floorLoadKg", "powerKva", "craneT", "singleStorey",
    "availableFrom", "park.id", "park.district", "park.industries", "park.excludedIndustries", "_geo",
  ],
  sortableAttributes: ["areaSqm", "rentYuanPerSqmMonth", "_geo"],
  localizedAttributes: [{ attributePatterns: ["*"], locales: ["cmn"] }],
  pagination: { maxTotalHits: 10_000 },
};

export async function ensureSpacesIndex(client: SearchClient, uid = SPACES_INDEX): Promise<void> {
  await ensureIndex(client, uid, "id", spacesSettings);
}
