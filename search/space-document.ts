import { divisionCodesOf } from "~/domain/division-codes";
import { industryLabel } from "~/domain/industries";
import type { SpaceCandidate } from "~/domain/matching/types";

import type { ParkDocument } from "./parks.index";
import type { SpaceDocument } from "./spaces.index";

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

export function toSpaceCandidate(r: SpaceRow): SpaceCandidate {
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

export function toSpaceDocument(r: SpaceRow): SpaceDocument {
  const candidate = toSpaceCandidate(r);
  return {
    ...candidate,
    offerMinSqm: r.divisible_min_sqm ?? r.area_sqm,
    verifiedAtTs: Math.floor(r.verified_at.getTime() / 1000),
    divisionCodes: divisionCodesOf(r.park_district_code),
    text: [r.notes, industryText(r.park_industries)].filter(Boolean).join(" "),
    ...(r.lat !== null && r.lng !== null ? { _geo: { lat: r.lat, lng: r.lng } } : {}),
  };
}

export function toParkDocument(r: ParkRow): ParkDocument {
  return {
    id: r.id,
    name: r.name,
    province: r.province,
    city: r.city,
    district: r.district,
    districtCode: r.district_code,
    divisionCodes: divisionCodesOf(r.district_code),
    address: r.address,
    industries: r.industries,
    industryNames: r.industries.map((c) => industryLabel(c, "zh")),
    excludedIndustries: r.excluded_industries,
    minTaxPerMuWan: r.min_tax_per_mu_wan,
    minInvestmentPerMuWan: r.min_investment_per_mu_wan,
    minTaxPer1000SqmWan: r.min_tax_per_1000sqm_wan,
    policies: r.policies,
    availableSpaces: r.available_spaces,
    ...(r.lat !== null && r.lng !== null ? { _geo: { lat: r.lat, lng: r.lng } } : {}),
  };
}

function industryText(codes: string[]): string {
  return codes.map((c) => industryLabel(c, "zh")).join(" ");
}
