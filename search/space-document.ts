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
    offerMinSqm: r.divisibleMinSqm ?? r.areaSqm,
    verifiedAtTs: Math.floor(r.verifiedAt.getTime() / 1000),
    divisionCodes: divisionCodesOf(r.parkDistrictCode),
    text: [r.notes, industryText(r.parkIndustries)].filter(Boolean).join(" "),
    ...(r.lat !== null && r.lng !== null ? { _geo: { lat: r.lat, lng: r.lng } } : {}),
  };
}

export function toParkDocument(r: ParkRow): ParkDocument {
  return {
    ...parkPlace(r),
    divisionCodes: divisionCodesOf(r.districtCode),
    ...parkTerms(r),
    industryNames: r.industries.map((c) => industryLabel(c, "zh")),
    policies: r.policies,
    availableSpaces: r.availableSpaces,
    ...(r.lat !== null && r.lng !== null ? { _geo: { lat: r.lat, lng: r.lng } } : {}),
  };
}

function industryText(codes: string[]): string {
  return codes.map((c) => industryLabel(c, "zh")).join(" ");
}
