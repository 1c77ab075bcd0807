// The search documents of the spaces and parks index, built from the inventory's rows (app/inventory/inventory-rows.ts).

import { divisionCodesOf } from "~/domain/division-codes";
import { industryLabel } from "~/domain/industries";
import { parkPlace, type ParkRow, parkTerms, type SpaceRow, toSpaceCandidate } from "~/inventory/inventory-rows";

import type { ParkDocument } from "./parks.index";
import type { SpaceDocument } from "./spaces.index";

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
    ...parkPlace(r),
    divisionCodes: divisionCodesOf(r.district_code),
    ...parkTerms(r),
    industryNames: r.industries.map((c) => industryLabel(c, "zh")),
    policies: r.policies,
    availableSpaces: r.available_spaces,
    ...(r.lat !== null && r.lng !== null ? { _geo: { lat: r.lat, lng: r.lng } } : {}),
  };
}

function industryText(codes: string[]): string {
  return codes.map((c) => industryLabel(c, "zh")).join(" ");
}
