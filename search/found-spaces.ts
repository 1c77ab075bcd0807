import type { Sql } from "~/db/db.server";
import type { MatchNeed } from "~/domain/matching/types";
import { nearbySpaceIdsOfEach } from "~/inventory/nearby-spaces.server";

import type { SearchClient } from "./client";
import { type CandidateOptions, findCandidateIdsOfEach } from "./spaces.query";

/** What was found for one lead: the candidates' ids (Meilisearch) and the why-not listing's (`nearby`, Postgres). */
export type FoundIds = { candidates: string[]; nearby: string[] };

/**
 * The spaces to read for each need, both asked at once: the candidates from Meilisearch
 * (findCandidateIdsOfEach, search/spaces.query.ts) and the why-not listing from Postgres
 * (nearbySpaceIdsOfEach; docs/decisions/126). Each answer at its need's index; a need either side could
 * not answer is answered with that side's Error (docs/decisions/074). Throws when Meilisearch or Postgres
 * fails: nothing was learnt about any need.
 */
export async function findSpacesOfEach(
  deps: { sql: Sql; search: SearchClient },
  needs: readonly (MatchNeed | Error)[],
  options: CandidateOptions,
): Promise<(FoundIds | Error)[]> {
  const [candidates, nearby] = await Promise.all([
    findCandidateIdsOfEach(deps.search, needs, options),
    nearbySpaceIdsOfEach(deps.sql, needs),
  ]);
  return needs.map((_, at) => {
    const [c, n] = [candidates[at], nearby[at]];
    if (c instanceof Error) return c;
    if (n instanceof Error) return n;
    return { candidates: c, nearby: n };
  });
}

/** findSpacesOfEach for one need; throws its Error. */
export async function findSpaces(deps: { sql: Sql; search: SearchClient }, need: MatchNeed, options: CandidateOptions): Promise<FoundIds> {
  const [found] = await findSpacesOfEach(deps, [need], options);
  if (found instanceof Error) throw found;
  return found;
}
