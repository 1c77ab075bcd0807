import type { ParksRow, SpacesRow } from "~/db/rows";
import type { SpaceCandidate } from "~/domain/matching/types";

// The inventory's rows as Postgres returns them (app/inventory/inventory-read.server.ts reads them) and
// the one mapping from a row to the matcher's candidate. The search documents (search/space-document.ts)
// and the jobs build on these; this side never imports search/.

/** The space's own columns that the matcher's candidate, the import format and the row all carry. */
type SpaceOwnColumn =
  | "id"
  | "parkId"
  | "kind"
  | "deals"
  | "title"
  | "areaSqm"
  | "divisibleMinSqm"
  | "floors"
  | "singleStorey"
  | "ceilingM"
  | "floorLoadKg"
  | "powerKva"
  | "craneT"
  | "rentYuanPerSqmMonth"
  | "priceYuanPerSqm"
  | "landPriceWanPerMu";

/** One row of `spaces join parks`, as Postgres returns it (the tables' columns from app/db/rows.ts). */
export type SpaceRow = Pick<SpacesRow, SpaceOwnColumn | "notes" | "version" | "verifiedAt"> &
  Pick<ParksRow, "minTaxPerMuWan" | "minInvestmentPerMuWan" | "minTaxPer1000sqmWan" | "lat" | "lng"> & {
    /** `YYYY-MM-DD` (the query formats the date column). */
    availableFrom: string | null;
    /** The column's status, or `retired` for a retired space or park (the query says so). */
    status: SpaceCandidate["status"];
    /** Inventory versions (docs/decisions/018): the row's own is `version`; this is its park's. */
    parkVersion: string;
    parkName: string;
    parkDistrict: string;
    parkDistrictCode: string | null;
    parkIndustries: string[];
    parkExcluded: string[];
  };

/** One park row with its count of available spaces, as Postgres returns it. */
export type ParkRow = Pick<
  ParksRow,
  | "id"
  | "name"
  | "province"
  | "city"
  | "district"
  | "districtCode"
  | "address"
  | "lat"
  | "lng"
  | "industries"
  | "excludedIndustries"
  | "minTaxPerMuWan"
  | "minInvestmentPerMuWan"
  | "minTaxPer1000sqmWan"
  | "policies"
  | "version"
> & { availableSpaces: number };

/** The space columns the matcher's candidate and the import format both carry, as a row holds them. */
export type SpaceColumns = Pick<SpaceRow, SpaceOwnColumn | "availableFrom" | "status">;

/**
 * A space row's own columns, snake_case → camelCase (areas in m², rents in yuan/m²/month, land in
 * 万元/亩, `availableFrom` as the row's text): the one mapping that the matcher's candidate
 * (`toSpaceCandidate`) and the import format (inventory-rows.server.ts `fromDbRow`) share.
 */
export function spaceFields(r: SpaceColumns) {
  return {
    id: r.id,
    parkId: r.parkId,
    kind: r.kind,
    deals: r.deals,
    title: r.title,
    areaSqm: r.areaSqm,
    divisibleMinSqm: r.divisibleMinSqm,
    floors: r.floors,
    singleStorey: r.singleStorey,
    ceilingM: r.ceilingM,
    floorLoadKg: r.floorLoadKg,
    powerKva: r.powerKva,
    craneT: r.craneT,
    rentYuanPerSqmMonth: r.rentYuanPerSqmMonth,
    priceYuanPerSqm: r.priceYuanPerSqm,
    landPriceWanPerMu: r.landPriceWanPerMu,
    availableFrom: r.availableFrom,
    status: r.status,
  };
}

/** A park's name and place, camelCase (the import format and the park document start alike). */
export function parkPlace(r: Pick<ParkRow, "id" | "name" | "province" | "city" | "district" | "districtCode" | "address">) {
  return {
    id: r.id,
    name: r.name,
    province: r.province,
    city: r.city,
    district: r.district,
    districtCode: r.districtCode,
    address: r.address,
  };
}

/** A park's entry terms (industries it takes and refuses, minimum tax and investment in 万元), camelCase. */
export function parkTerms(
  r: Pick<ParkRow, "industries" | "excludedIndustries" | "minTaxPerMuWan" | "minInvestmentPerMuWan" | "minTaxPer1000sqmWan">,
) {
  return {
    industries: r.industries,
    excludedIndustries: r.excludedIndustries,
    minTaxPerMuWan: r.minTaxPerMuWan,
    minInvestmentPerMuWan: r.minInvestmentPerMuWan,
    minTaxPer1000SqmWan: r.minTaxPer1000sqmWan,
  };
}

/**
 * The matcher's view of a space row (app/domain/matching/types.ts): camelCase, `verifiedAt` as ISO text.
 * spaceFields' object with the two properties set on it, not `{ ...spaceFields(r), … }`: a spread into a
 * literal cost ~2.7 µs a row, on every row of every lead (issue 14's profile).
 */
export function toSpaceCandidate(r: SpaceRow): SpaceCandidate {
  const candidate = spaceFields(r) as SpaceCandidate;
  candidate.verifiedAt = isoText(r.verifiedAt);
  candidate.park = {
    id: r.parkId,
    name: r.parkName,
    district: r.parkDistrict,
    districtCode: r.parkDistrictCode,
    industries: r.parkIndustries,
    excludedIndustries: r.parkExcluded,
    minTaxPerMuWan: r.minTaxPerMuWan,
    minInvestmentPerMuWan: r.minInvestmentPerMuWan,
    minTaxPer1000SqmWan: r.minTaxPer1000sqmWan,
  };
  return candidate;
}

/** Entries the ISO-text memo holds at most (~100 bytes each) before it starts over. */
const ISO_MEMO_MAX = 20_000;
const isoByTime = new Map<number, string>();

/**
 * `d.toISOString()`, remembered by instant: it cost ~2 µs a call on this machine (issue 14), and the same
 * spaces — with the same `verified_at` — come back lead after lead. An invalid date throws as before.
 */
function isoText(d: Date): string {
  const t = d.getTime();
  let iso = isoByTime.get(t);
  if (iso === undefined) {
    iso = d.toISOString();
    if (isoByTime.size >= ISO_MEMO_MAX) isoByTime.clear();
    isoByTime.set(t, iso);
  }
  return iso;
}
