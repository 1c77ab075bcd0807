import type { Lead } from "~/domain/lead-schema";
import type { SpaceKind, SpaceStatus } from "~/domain/statuses";

/** The park facts matching needs (joined onto each space, so a candidate is self-contained). */
export type ParkFacts = {
  id: string;
  name: string;
  district: string;
  /** GB/T 2260 code of the park's district (app/domain/regions.ts); null when it could not be resolved. */
  districtCode?: string | null;
  industries: string[];
  excludedIndustries: string[];
  minTaxPerMuWan?: number | null;
  minInvestmentPerMuWan?: number | null;
  minTaxPer1000SqmWan?: number | null;
};

export type SpaceCandidate = {
  id: string;
  parkId: string;
  kind: SpaceKind;
  deals: ("lease" | "buy")[];
  title: string;
  areaSqm: number;
  divisibleMinSqm?: number | null;
  floors?: number | null;
  singleStorey?: boolean | null;
  ceilingM?: number | null;
  floorLoadKg?: number | null;
  powerKva?: number | null;
  craneT?: number | null;
  rentYuanPerSqmMonth?: number | null;
  priceYuanPerSqm?: number | null;
  landPriceWanPerMu?: number | null;
  /** YYYY-MM-DD; missing = available now. */
  availableFrom?: string | null;
  /**
   * The listing's state; `retired` when an admin retired it or its park (migration 035): derived by the
   * inventory readers, never stored, never offered.
   */
  status: SpaceStatus | "retired";
  /** ISO time the listing was last confirmed available; missing = not tracked (never stale). */
  verifiedAt?: string | null;
  park: ParkFacts;
};

/**
 * What matching reads of a lead. `flags` (optional: a need typed on the desk has none yet) carry what the
 * enterprise refused, which no advice may propose (refusals.ts, docs/decisions/158).
 */
export type MatchNeed = Pick<Lead, "need" | "use" | "tax"> & Partial<Pick<Lead, "flags">>;

/** fit = positive; check = unknown, the recruiter must verify; warn = conditional or penalised. */
export type Reason = { zh: string; en: string; kind: "fit" | "check" | "warn" };

export type MatchResult = {
  spaceId: string;
  parkId: string;
  /** 0–100, integer. */
  score: number;
  conditional: boolean;
  reasons: Reason[];
};
