import type { Sql } from "~/db/db.server";
import { DEFAULT_VERIFY_DAYS } from "~/domain/matching/hard";
import { rankMatches } from "~/domain/matching/rank";
import type { MatchNeed, Reason } from "~/domain/matching/types";
import { withRegionCodes } from "~/domain/regions";
import { loadSpaceRows } from "~/inventory/inventory-read.server";
import { type SpaceRow, toSpaceCandidate } from "~/inventory/inventory-rows";

import type { SearchClient } from "../../search/client";
import { findCandidateIds } from "../../search/spaces.query";

// The matcher without storing anything (issue 12 item 1): while the caller is still on the line, the
// agent sees which spaces the need fits — the same search, the same Postgres re-read of candidates and
// of spaces the index has not caught up with, the same ranking as worker/lead-match.job.ts — so
// "yes, we have a 5,000㎡ single-storey building in 高淳" can be said on the call. Nothing is written:
// no match, no assignment, no audit row. The lead's real matching runs after it is saved.

/** One space the need fits, as the desk shows it (area in ㎡, reasons in both languages). */
export type DryRunMatch = {
  spaceId: string;
  parkId: string;
  parkName: string;
  district: string;
  title: string;
  kind: string;
  areaSqm: number;
  score: number;
  conditional: boolean;
  reasons: Reason[];
};

export type DryRunDeps = { sql: Sql; search: SearchClient; spacesIndex: string; verifyDays?: number; now?: Date };

/** Spaces of the need's kind changed since the index confirmed them, read besides the search hits (as the job does). */
const PENDING_LIMIT = 1_000;
export const DRY_RUN_LIMIT = 5;

/**
 * The top DRY_RUN_LIMIT spaces for `need` (a parsed lead's need/use/tax), best first. Throws when
 * Meilisearch or Postgres fail (the desk shows "matches unavailable"; saving the lead does not need this).
 */
export async function dryRunMatches(deps: DryRunDeps, need: MatchNeed): Promise<DryRunMatch[]> {
  const n = withRegionCodes(need);
  const options = { now: (deps.now ?? new Date()).toISOString(), verifyDays: deps.verifyDays ?? DEFAULT_VERIFY_DAYS };
  const [found, pending] = await Promise.all([
    findCandidateIds(deps.search, n, { indexUid: deps.spacesIndex, whyNot: false, ...options }),
    loadSpaceRows(deps.sql, { pendingKind: n.need.kind, limit: PENDING_LIMIT }),
  ]);
  const read = await loadSpaceRows(deps.sql, { spaceIds: found.candidates });
  const rows = new Map<string, SpaceRow>([...read, ...pending].map((r) => [r.id, r]));
  const ranked = rankMatches(n, [...rows.values()].map(toSpaceCandidate), { limit: DRY_RUN_LIMIT, ...options });
  return ranked.map((r) => {
    const row = rows.get(r.spaceId)!;
    return {
      spaceId: r.spaceId,
      parkId: r.parkId,
      parkName: row.parkName,
      district: row.parkDistrict,
      title: row.title,
      kind: row.kind,
      areaSqm: row.areaSqm,
      score: r.score,
      conditional: r.conditional,
      reasons: r.reasons,
    };
  });
}
