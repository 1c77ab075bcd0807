import type { SpaceCandidate } from "~/domain/matching/types";

// The inventory's rows as Postgres returns them (app/inventory/inventory-read.server.ts reads them) and
// the one mapping from a row to the matcher's candidate. The search documents (search/space-document.ts)
// and the jobs build on these; this side never imports search/.

/** One row of `spaces join parks`, as Postgres returns it. */
export type SpaceRow = {
  id: string;
  park_id: string;
  kind: SpaceCandidate["kind"];
  deals: ("lease" | "buy")[];
  title: string;
  area_sqm: number;
  divisible_min_sqm: number | null;
  floors: number | null;
  single_storey: boolean | null;
  ceiling_m: number | null;
  floor_load_kg: number | null;
  power_kva: number | null;
  crane_t: number | null;
  rent_yuan_per_sqm_month: number | null;
  price_yuan_per_sqm: number | null;
  land_price_wan_per_mu: number | null;
  available_from: string | null;
  status: SpaceCandidate["status"];
  notes: string | null;
  /** Inventory versions (docs/decisions/018): this row's, and its park's. */
  version: string;
  park_version: string;
  verified_at: Date;
  park_name: string;
  park_district: string;
  park_district_code: string | null;
  park_industries: string[];
  park_excluded: string[];
  min_tax_per_mu_wan: number | null;
  min_investment_per_mu_wan: number | null;
  min_tax_per_1000sqm_wan: number | null;
  lat: number | null;
  lng: number | null;
};

export type ParkRow = {
  id: string;
  name: string;
  province: string;
  city: string;
  district: string;
  district_code: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  industries: string[];
  excluded_industries: string[];
  min_tax_per_mu_wan: number | null;
  min_investment_per_mu_wan: number | null;
  min_tax_per_1000sqm_wan: number | null;
  policies: string | null;
  available_spaces: number;
  version: string;
};

/** The space columns the matcher's candidate and the import format both carry, as a row holds them. */
export type SpaceColumns = Pick<
  SpaceRow,
  | "id"
  | "park_id"
  | "kind"
  | "deals"
  | "title"
  | "area_sqm"
  | "divisible_min_sqm"
  | "floors"
  | "single_storey"
  | "ceiling_m"
  | "floor_load_kg"
  | "power_kva"
  | "crane_t"
  | "rent_yuan_per_sqm_month"
  | "price_yuan_per_sqm"
  | "land_price_wan_per_mu"
  | "available_from"
  | "status"
>;

/**
 * A space row's own columns, snake_case → camelCase (areas in m², rents in yuan/m²/month, land in
 * 万元/亩, `availableFrom` as the row's text): the one mapping that the matcher's candidate
 * (`toSpaceCandidate`) and the import format (inventory-rows.server.ts `fromDbRow`) share.
 */
export function spaceFields(r: SpaceColumns) {
  return {
    id: r.id,
    parkId: r.park_id,
    kind: r.kind,
    deals: r.deals,
    title: r.title,
    areaSqm: r.area_sqm,
    divisibleMinSqm: r.divisible_min_sqm,
    floors: r.floors,
    singleStorey: r.single_storey,
    ceilingM: r.ceiling_m,
    floorLoadKg: r.floor_load_kg,
    powerKva: r.power_kva,
    craneT: r.crane_t,
    rentYuanPerSqmMonth: r.rent_yuan_per_sqm_month,
    priceYuanPerSqm: r.price_yuan_per_sqm,
    landPriceWanPerMu: r.land_price_wan_per_mu,
    availableFrom: r.available_from,
    status: r.status,
  };
}

/** A park's name and place, camelCase (the import format and the park document start alike). */
export function parkPlace(r: Pick<ParkRow, "id" | "name" | "province" | "city" | "district" | "district_code" | "address">) {
  return {
    id: r.id,
    name: r.name,
    province: r.province,
    city: r.city,
    district: r.district,
    districtCode: r.district_code,
    address: r.address,
  };
}

/** A park's entry terms (industries it takes and refuses, minimum tax and investment in 万元), camelCase. */
export function parkTerms(
  r: Pick<ParkRow, "industries" | "excluded_industries" | "min_tax_per_mu_wan" | "min_investment_per_mu_wan" | "min_tax_per_1000sqm_wan">,
) {
  return {
    industries: r.industries,
    excludedIndustries: r.excluded_industries,
    minTaxPerMuWan: r.min_tax_per_mu_wan,
    minInvestmentPerMuWan: r.min_investment_per_mu_wan,
    minTaxPer1000SqmWan: r.min_tax_per_1000sqm_wan,
  };
}

/** The matcher's view of a space row (app/domain/matching/types.ts): camelCase, `verifiedAt` as ISO text. */
export function toSpaceCandidate(r: SpaceRow): SpaceCandidate {
  return {
    ...spaceFields(r),
    verifiedAt: r.verified_at.toISOString(),
    park: {
      id: r.park_id,
      name: r.park_name,
      district: r.park_district,
      districtCode: r.park_district_code,
      industries: r.park_industries,
      excludedIndustries: r.park_excluded,
      minTaxPerMuWan: r.min_tax_per_mu_wan,
      minInvestmentPerMuWan: r.min_investment_per_mu_wan,
      minTaxPer1000SqmWan: r.min_tax_per_1000sqm_wan,
    },
  };
}
