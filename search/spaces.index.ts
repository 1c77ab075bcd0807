import type { Settings } from "meilisearch";

import type { SpaceCandidate } from "~/domain/matching/types";

import { ensureIndex, type SearchClient } from "./client";

export const SPACES_INDEX = "spaces";

/**
 * A space with its park's facts copied in, so one query can apply every hard constraint.
 * `offerMinSqm` is the smallest part that can be let (divisibleMinSqm, else the whole area);
 * `divisionCodes` are the GB/T 2260 codes the park's district lies in (province, city, district) so that a
 * lead's regions at any level filter with one `IN`; `verifiedAtTs` is when the listing was last
 * confirmed (epoch seconds); `_geo` is the park's location.
 */
export type SpaceDocument = SpaceCandidate & {
  offerMinSqm: number;
  divisionCodes: string[];
  /** verifiedAt in epoch seconds, for the stale-listing filter. */
  verifiedAtTs?: number;
  text: string;
  _geo?: { lat: number; lng: number };
};

export const spacesSettings: Settings = {
  searchableAttributes: ["title", "park.name", "park.district", "text", "notes"],
  filterableAttributes: [
    "status",
    "kind",
    "deals",
    "areaSqm",
    "offerMinSqm",
    "ceilingM",
    "floorLoadKg",
    "powerKva",
    "craneT",
    "singleStorey",
    "availableFrom",
    "verifiedAtTs",
    "park.id",
    "park.district",
    "divisionCodes",
    "park.industries",
    "park.excludedIndustries",
    "_geo",
  ],
  sortableAttributes: ["areaSqm", "rentYuanPerSqmMonth", "_geo"],
  // A hit carries its id alone: every reader re-reads the spaces it finds from Postgres (ADR 018), and
  // Meilisearch builds each hit from all displayed fields before it picks the asked ones — ~25 µs a hit,
  // 80 hits a lead (issue 14). The documents' other fields are there to filter and sort on.
  displayedAttributes: ["id"],
  localizedAttributes: [{ attributePatterns: ["*"], locales: ["cmn"] }],
  pagination: { maxTotalHits: 10_000 },
};

export async function ensureSpacesIndex(client: SearchClient, uid: string): Promise<void> {
  await ensureIndex(client, uid, "id", spacesSettings);
}
