import type { Settings } from "meilisearch";

import { ensureIndex, type SearchClient } from "./client";

export const PARKS_INDEX = "parks";

export type ParkDocument = {
  id: string;
  name: string;
  province: string;
  city: string;
  district: string;
  /** GB/T 2260 code of the district, and the codes it lies in (province, city, district). */
  districtCode: string | null;
  divisionCodes: string[];
  address: string | null;
  industries: string[];
  industryNames: string[];
  excludedIndustries: string[];
  minTaxPerMuWan: number | null;
  minInvestmentPerMuWan: number | null;
  minTaxPer1000SqmWan: number | null;
  policies: string | null;
  availableSpaces: number;
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

export async function ensureParksIndex(client: SearchClient, uid = PARKS_INDEX): Promise<void> {
  await ensureIndex(client, uid, "id", parksSettings);
}
