import type { MultiSearchQuery } from "meilisearch";

import { sectionOf } from "~/domain/industries";
import { AREA_LOWER, AREA_UPPER } from "~/domain/matching/area-window";
import { DEFAULT_VERIFY_DAYS, type HardOptions, unitsWanted } from "~/domain/matching/hard";
import type { MatchNeed } from "~/domain/matching/types";
import { targetArea } from "~/domain/matching/why-not-window";
import { orError, toError } from "~/utils/or-error";

import { filterValue, isRefusal, type SearchClient } from "./client";

const SPEC_FIELDS = [
  ["ceilingMinM", "ceilingM"],
  ["floorLoadMinKg", "floorLoadKg"],
  ["powerMinKva", "powerKva"],
  ["craneMinT", "craneT"],
] as const;

/**
 * The hard constraints that Meilisearch can apply, as filter expressions (ANDed). A space that does
 * not state a figure passes ("unknown" is not a failure). Land-purchase thresholds depend on the
 * space's own area and the park's minimums, so the matcher re-checks every candidate in code.
 */
export function hardFilters(n: MatchNeed, options: HardOptions = {}): string[] {
  const { before, lowerEdge, upperEdge, after } = hardFilterClauses(n, options);
  return [...before, lowerEdge, ...(upperEdge ? [upperEdge] : []), ...after];
}

/**
 * hardFilters' clauses with the two area edges named, so that each side of the candidate search
 * (candidateQueries) can leave out the edge its own bound implies.
 */
function hardFilterClauses(n: MatchNeed, options: HardOptions) {
  const need = n.need;
  const before: string[] = [`status = ${filterValue("available")}`, `kind = ${filterValue(need.kind)}`];
  const cutoff = staleCutoff(options);
  // "NOT below" rather than "at least, or unknown": a space with no figure is in no range, so the NOT
  // lets it in, and one range over the few failing spaces is cheaper than a range, IS NULL and NOT
  // EXISTS over the many passing ones (ADR 079: ~0.25 ms of ~1.5 a search at 100,000 spaces).
  if (cutoff !== null) before.push(`NOT verifiedAtTs < ${filterValue(cutoff)}`);
  if (need.deal !== "either") before.push(`deals = ${filterValue(need.deal)}`);

  const lowerEdge = `areaSqm >= ${filterValue((need.areaMinSqm ?? 0) * AREA_LOWER)}`;
  // Too big is fine when the space can be divided down to what the lead wants.
  const upperEdge =
    need.areaMaxSqm === undefined
      ? null
      : `(areaSqm <= ${filterValue(need.areaMaxSqm * AREA_UPPER)} OR offerMinSqm <= ${filterValue(need.areaMaxSqm)})`;

  const after: string[] = [];
  for (const [want, has] of SPEC_FIELDS) {
    const min = need[want];
    if (min !== undefined) after.push(`NOT ${has} < ${filterValue(min)}`);
  }
  if (need.singleStorey === true) after.push(`NOT singleStorey = false`);
  const section = sectionOf(n.use.industry);
  after.push(
    `NOT park.excludedIndustries IN [${[n.use.industry, section]
      .filter(Boolean)
      .map((c) => filterValue(c!))
      .join(", ")}]`,
  );
  // Regions compare GB/T 2260 codes: a document lists its district's province, city and district codes.
  // Regions given but no codes (a stored name that no longer resolves) match nothing, as in hardCheck.
  if (need.regions?.length || need.regionCodes?.length) {
    const codes = need.regionCodes?.length ? need.regionCodes : ["none"];
    after.push(`divisionCodes IN [${codes.map(filterValue).join(", ")}]`);
  }
  return { before, lowerEdge, upperEdge, after };
}

/** Epoch seconds before which a listing is stale (not offered): 2 × SPACE_VERIFY_DAYS ago; null = no check. */
function staleCutoff(options: HardOptions): number | null {
  if (!options.now) return null;
  return Math.floor(Date.parse(options.now) / 1000) - 2 * (options.verifyDays ?? DEFAULT_VERIFY_DAYS) * 86_400;
}

/**
 * Candidates for one lead, as ids: the spaces that pass the hard filters and are closest in size to the
 * target on either side, plus spaces in parks that focus on the lead's industry (within the hard area
 * window, smallest first) — the two strongest soft factors — so neither is starved when thousands of
 * spaces pass the filters. A one-sided range with a numeric sort is cheap in Meilisearch, while sorting
 * by distance to a point was 5× slower at 100,000 spaces (docs/benchmarks.md). Ids only: every caller
 * re-reads the spaces from Postgres (the lead.match job, the hotline's dry run; ADR 018), and the index
 * displays nothing else (search/spaces.index.ts); deduplicated, in the order found. The why-not listing's
 * spaces come from Postgres (app/inventory/nearby-spaces.server.ts, docs/decisions/126). Throws when
 * Meilisearch fails.
 */
export async function findCandidateIds(client: SearchClient, n: MatchNeed, options: CandidateOptions): Promise<string[]> {
  const [found] = await findCandidateIdsOfEach(client, [n], options);
  if (found instanceof Error) throw found;
  return found;
}

/**
 * findCandidateIds for several leads in one call (the leads of one lead.match job: docs/decisions/073):
 * each lead's queries in turn, split over two multi-search requests sent at once (searchInTwo), each
 * lead's answer at its index. A lead that cannot be
 * searched is answered with its own Error and holds back none of the others (docs/decisions/074): an
 * Error given in `needs` (a lead the caller could not read), a need whose queries cannot be built (a
 * stored lead this code cannot read), or — when Meilisearch refuses the request (isRefusal) — a lead
 * whose own queries are refused when each lead is asked alone. Throws when Meilisearch fails (down,
 * 5xx, timeout): nothing was learnt about any lead.
 */
export async function findCandidateIdsOfEach(
  client: SearchClient,
  needs: readonly (MatchNeed | Error)[],
  options: CandidateOptions,
): Promise<(string[] | Error)[]> {
  const perLead = needs.map((n) => (n instanceof Error ? n : orError(() => candidateQueries(n, options))));
  const asked = perLead.filter((q): q is ReturnType<typeof candidateQueries> => !(q instanceof Error));
  if (asked.length === 0) return perLead as Error[];
  let results: { hits: unknown[] }[];
  try {
    results = await searchInTwo(client, asked.flat());
  } catch (error) {
    if (!isRefusal(error)) throw error;
    // One lead's queries may be what Meilisearch refused: each lead alone, so only the refused fail.
    if (asked.length === 1) return perLead.map((q) => (q instanceof Error ? q : toError(error)));
    return Promise.all(
      perLead.map((q) =>
        q instanceof Error
          ? q
          : client.multiSearch({ queries: q }).then(
              (alone) => foundOf(alone.results),
              (e: unknown) => {
                if (!isRefusal(e)) throw e;
                return toError(e);
              },
            ),
      ),
    );
  }
  let at = 0;
  return perLead.map((queries) => (queries instanceof Error ? queries : foundOf(results.slice(at, (at += queries.length)))));
}

/**
 * `queries` as two multi-search requests sent at once, their answers in order. Meilisearch runs the
 * queries of one request one after another on one thread; two requests run side by side on two cores,
 * so a lead's three searches take about two searches' time (issue 14: ≤ 2× one raw query). The second
 * request costs Meilisearch a request's parsing and authorising, once per call (docs/decisions/079).
 * Exported so that bench:match can send the matcher's very requests raw. Throws as multiSearch does.
 */
export async function searchInTwo(client: SearchClient, queries: MultiSearchQuery[]): Promise<{ hits: unknown[] }[]> {
  if (queries.length < 2) return (await client.multiSearch({ queries })).results;
  const half = Math.ceil(queries.length / 2);
  const answers = await Promise.all([
    client.multiSearch({ queries: queries.slice(0, half) }),
    client.multiSearch({ queries: queries.slice(half) }),
  ]);
  return answers.flatMap((a) => a.results);
}

/** One lead's answers (its three candidate searches, four with a unit count) as ids, each once. */
function foundOf(results: { hits: unknown[] }[]): string[] {
  const candidates = new Set<string>();
  for (const r of results) for (const hit of r.hits as { id: string }[]) candidates.add(hit.id);
  return [...candidates];
}

export type CandidateOptions = HardOptions & { indexUid: string; perQuery?: number };

/**
 * The three candidate searches (a fourth for a need of several units), as multi-search queries. Every clause is a bitmap Meilisearch builds per query, and an area range is among the
 * dearest (~0.3 ms at 100,000 spaces, issue 14): each side of the target leaves out the edge its own
 * bound implies (above: the lower edge, below: the upper one), and the upper edge is one range on
 * offerMinSqm, a superset of the exact rule's two (docs/decisions/079); every candidate is hard-checked
 * in code.
 * Exported so that bench:match can send the very same requests raw (searchInTwo), as a second baseline.
 */
export function candidateQueries(n: MatchNeed, options: CandidateOptions) {
  const indexUid = options.indexUid;
  const closest = options.perQuery ?? 20;
  const { before, lowerEdge, after } = hardFilterClauses(n, options);
  // offerMinSqm ≤ areaSqm, so this holds for every space the exact upper edge lets in; half its bitmap work.
  const max = n.need.areaMaxSqm;
  const upper = max === undefined ? [] : [`offerMinSqm <= ${filterValue(max * AREA_UPPER)}`];
  const target = filterValue(targetArea(n));
  const section = sectionOf(n.use.industry);
  const focus = `park.industries IN [${[n.use.industry, section]
    .filter(Boolean)
    .map((c) => filterValue(c!))
    .join(", ")}]`;
  const query = (filter: string[], sort: string, limit: number) => ({
    indexUid,
    q: "",
    filter,
    sort: [sort],
    limit,
    attributesToRetrieve: ["id"],
  });
  const queries = [
    // target ≥ the lower edge (the middle of [min, max] ≥ min ≥ min × AREA_LOWER), so "≥ target" implies it
    query([...before, ...upper, ...after, `areaSqm >= ${target}`], "areaSqm:asc", closest),
    // target ≤ max ≤ max × AREA_UPPER, so "< target" implies the upper edge
    query([...before, lowerEdge, ...after, `areaSqm < ${target}`], "areaSqm:desc", closest),
    query([...before, lowerEdge, ...upper, ...after, focus], "areaSqm:asc", Math.ceil(closest / 2)),
  ];
  // A need of n ≥ 2 units (docs/decisions/130: "3栋 × 约5000平"): a fourth search, for spaces of one unit's size
  // (the total over n) — from the unit's wanted minimum upwards, smallest first (else from its maximum
  // downwards), within the unit's upper edge. Leads without a count send the three above only (issue 14).
  const k = unitsWanted(n);
  const { areaMinSqm: min } = n.need;
  if (k > 1 && (min !== undefined || max !== undefined)) {
    const unitUpper = max === undefined ? [] : [`offerMinSqm <= ${filterValue((max / k) * AREA_UPPER)}`];
    queries.push(
      min !== undefined
        ? query([...before, ...unitUpper, ...after, `areaSqm >= ${filterValue(min / k)}`], "areaSqm:asc", closest)
        : query([...before, ...after, `areaSqm <= ${filterValue(max! / k)}`], "areaSqm:desc", closest),
    );
  }
  return queries;
}
