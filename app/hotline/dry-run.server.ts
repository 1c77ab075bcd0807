import type { Sql } from "~/db/db.server";
import { DEFAULT_VERIFY_DAYS, hardCheckOf } from "~/domain/matching/hard";
import { rankMatches, unitParks } from "~/domain/matching/rank";
import type { MatchNeed, Reason } from "~/domain/matching/types";
import { explainExclusions, nearestMisses } from "~/domain/matching/why-not";
import { withRegionCodes } from "~/domain/regions";
import { loadSpaceRows } from "~/inventory/inventory-read.server";
import { type SpaceRow, toSpaceCandidate } from "~/inventory/inventory-rows";
import { parkUnitIds } from "~/inventory/nearby-spaces.server";

import type { SearchClient } from "../../search/client";
import { findSpaces } from "../../search/found-spaces";

// The matcher without storing anything (issue 12 item 1): while the caller is still on the line, the
// agent sees which spaces the need fits — the same search, the same Postgres re-read of candidates and
// of spaces the index has not caught up with, the same ranking as worker/lead-match.job.ts — so
// "yes, we have a 5,000㎡ single-storey building in 高淳" can be said on the call. Nothing is written:
// no match, no assignment, no audit row. The lead's real matching runs after it is saved.
// Beside the matches, the nearest misses (why-not, as the job stores it in `excluded`): the spaces the
// need just fails ("层高 8m < 需求 8.5m"), worth naming on the call when nothing fits or little does.

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

/** A space the need just fails, as the desk shows it: every hard rule it failed, both figures in both languages. */
export type DryRunNearMiss = {
  spaceId: string;
  parkName: string;
  district: string;
  title: string;
  areaSqm: number;
  reasons: Reason[];
};

export type DryRunDeps = { sql: Sql; search: SearchClient; spacesIndex: string; verifyDays?: number; now?: Date };

/** Spaces of the need's kind changed since the index confirmed them, read besides the search hits (as the job does). */
const PENDING_LIMIT = 1_000;
export const DRY_RUN_LIMIT = 5;
/** Near misses shown: a few to offer on the call, not the lead page's full why-not. */
export const NEAR_MISS_LIMIT = 3;

/**
 * The top DRY_RUN_LIMIT spaces for `need` (a parsed lead's need/use/tax), best first, and the
 * NEAR_MISS_LIMIT nearest misses among the spaces not offered (why-not.ts explainExclusions over the
 * same spaces the job reads: the candidates, the why-not listing's `nearby`, the pending ones; nearest
 * first, every park). Throws when Meilisearch or Postgres fail (the desk shows "matches unavailable";
 * saving the lead does not need this).
 */
export async function dryRunMatches(deps: DryRunDeps, need: MatchNeed): Promise<{ matches: DryRunMatch[]; nearMisses: DryRunNearMiss[] }> {
  const n = withRegionCodes(need);
  const options = { now: (deps.now ?? new Date()).toISOString(), verifyDays: deps.verifyDays ?? DEFAULT_VERIFY_DAYS };
  const [found, pending] = await Promise.all([
    findSpaces(deps, n, { indexUid: deps.spacesIndex, ...options }),
    loadSpaceRows(deps.sql, { pendingKind: n.need.kind, limit: PENDING_LIMIT }),
  ]);
  const read = await loadSpaceRows(deps.sql, { spaceIds: [...new Set([...found.candidates, ...found.nearby])] });
  const rows = new Map<string, SpaceRow>([...read, ...pending].map((r) => [r.id, r]));
  const candidates = [...rows.values()].map(toSpaceCandidate);
  // A need of several units: the parks' other spaces of a unit's size, as the job reads them (docs/decisions/130).
  const parks = unitParks(n, candidates, hardCheckOf(n, options));
  if (parks.length > 0)
    for (const r of await loadSpaceRows(deps.sql, { spaceIds: await parkUnitIds(deps.sql, n, parks) }))
      if (!rows.has(r.id)) {
        rows.set(r.id, r);
        candidates.push(toSpaceCandidate(r));
      }
  const ranked = rankMatches(n, candidates, { limit: DRY_RUN_LIMIT, ...options });
  const offered = new Set(ranked.map((r) => r.spaceId));
  // A listing not confirmed lately or a park that refuses the industry is nothing to offer on a call.
  const excluded = explainExclusions(n, candidates, offered, options).filter((e) => e.rule !== "stale" && e.rule !== "industry");
  const misses = nearestMisses(excluded, NEAR_MISS_LIMIT);
  // What the desk shows of a space, match or near miss alike.
  const shown = (spaceId: string) => {
    const row = rows.get(spaceId)!;
    return { spaceId, parkName: row.parkName, district: row.parkDistrict, title: row.title, areaSqm: row.areaSqm, kind: row.kind };
  };
  const nearMisses = misses.map((e): DryRunNearMiss => {
    const { kind: _kind, ...space } = shown(e.spaceId);
    return { ...space, reasons: e.reasons };
  });
  const matches = ranked.map((r) => ({
    ...shown(r.spaceId),
    parkId: r.parkId,
    score: r.score,
    conditional: r.conditional,
    reasons: r.reasons,
  }));
  return { matches, nearMisses };
}
