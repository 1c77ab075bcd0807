import type { Settings } from "meilisearch";

import type { ParkRow } from "~/inventory/inventory-rows";

import { ensureIndex, type SearchClient } from "./client";

export const PARKS_INDEX = "parks";

/** A park as the index holds it: its row's own columns, plus what search filters and ranks on. */
export type ParkDocument = Omit<ParkRow, "lat" | "lng" | "minTaxPer1000sqmWan" | "version"> & {
  /** GB/T 2260 codes the park's district lies in (province, city, district). */
  divisionCodes: string[];
  industryNames: string[];
  minTaxPer1000SqmWan: number | null;
  _geo?: { lat: number; lng: number };
};

export const parksSettings: Settings = {
  searchableAttributes: ["name", "district", "city", "industryNames", "policies", "address"],
  filterableAttributes: [
    "district",
    "districtCode",
    "divisionCodes",
    "city",
    "province",
    "industries",
    "excludedIndustries",
    "availableSpaces",
    "_geo",
  ],
  sortableAttributes: ["name", "availableSpaces", "_geo"],
  localizedAttributes: [{ attributePatterns: ["*"], locales: ["cmn"] }],
};

export async function ensureParksIndex(client: SearchClient, uid: string): Promise<void> {
  await ensureIndex(client, uid, "id", parksSettings);
}
