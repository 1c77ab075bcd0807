import {
  areaBoundsFor,
  areaFitOf,
  type HardCheck,
  hardCheckOf,
  type HardOptions,
  type HardResult,
  takenAreaSqm,
  unitsWanted,
} from "./hard";
import { DEFAULT_WEIGHTS, scoreOnly, scoreSpace, type Weights } from "./score";
import type { MatchNeed, MatchResult, Reason, SpaceCandidate } from "./types";

export { describeFailures } from "./hard";

export const DEFAULT_LIMIT = 5;

/**
 * `check`: the lead's hard check when the caller shares one between calls (hardCheckOf(n, options) with
 * this call's lead and options; lead.match shares it with why-not and withdrawals). Made here otherwise.
 */
export type RankOptions = {
  limit?: number;
  weights?: Partial<Weights>;
  today?: string;
  check?: HardCheck;
  /**
   * More spaces counted among their parks' units that fit (docs/decisions/130), not ranked: reverse matching
   * ranks the one space changed, beside the other spaces of its park (worker/space-match.job.ts).
   */
  alsoInParks?: readonly SpaceCandidate[];
} & HardOptions;

const REASON_ORDER: Record<Reason["kind"], number> = { fit: 0, warn: 1, check: 2 };

/**
 * The best spaces for a lead. Every candidate is hard-checked again even though the search pre-filters
 * (defence in depth: an index can lag or a filter can be looser); only passes are scored. Order: score,
 * then the area closest to what was asked, then id — the same input always gives the same list.
 *
 * A need of n ≥ 2 units (need.unitCount, docs/decisions/130): a space that passes as one unit (areaFitOf
 * "unit") is weighed with its park's count of such spaces among `candidates` and `alsoInParks` (each space
 * once): fewer than n makes the match conditional (CONDITIONAL_PENALTY; the size reason says so). The caller
 * passes every available space of the park that may fit as a unit (app/inventory/nearby-spaces.server.ts
 * parkUnitIds), so the count is the park's, not the search's. For such a need `limit` counts parks, each
 * with up to n of its spaces (byParks, docs/decisions/135).
 */
export function rankMatches(n: MatchNeed, candidates: SpaceCandidate[], options: RankOptions = {}): MatchResult[] {
  const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const today = options.today ?? new Date().toISOString().slice(0, 10);

  const check = options.check ?? hardCheckOf(n, options);

  const seen = new Set<string>();
  const passed: { s: SpaceCandidate; hard: HardResult & { pass: true } }[] = [];
  for (const s of candidates) {
    if (seen.has(s.id)) continue; // the search can return one space from several queries
    seen.add(s.id);
    const hard = check(s);
    if (hard.pass) passed.push({ s, hard });
  }
  const units = unitsByPark(n, passed, options.alsoInParks ?? [], seen, check);
  const ranked: { s: SpaceCandidate; hard: HardResult & { pass: true }; score: number; closeness: [number, number] }[] = [];
  for (const { s, hard: checked } of passed) {
    const fitting = units?.get(s.parkId);
    const hard =
      fitting === undefined || areaFitOf(n, s) !== "unit"
        ? checked
        : { ...checked, conditional: checked.conditional || fitting < units!.wanted, units: { wanted: units!.wanted, fitting } };
    ranked.push({ s, hard, score: scoreOnly(n, s, weights, today, hard), closeness: closeness(n, s) });
  }
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      a.closeness[0] - b.closeness[0] ||
      a.closeness[1] - b.closeness[1] ||
      (a.s.id < b.s.id ? -1 : a.s.id > b.s.id ? 1 : 0),
  );
  // Reasons in words for the spaces returned only (scoreSpace's score is scoreOnly's).
  return (units ? byParks(ranked, limit, Math.min(units.wanted, limit)) : ranked.slice(0, limit)).map(({ s, hard, score }) => ({
    spaceId: s.id,
    parkId: s.parkId,
    score,
    conditional: hard.conditional,
    reasons: orderReasons(scoreSpace(n, s, weights, today, hard).reasons),
  }));
}

/**
 * The spaces offered for a need of several units (docs/decisions/135): `limit` counts parks, not spaces — the
 * best `limit` parks in `ranked`'s order, each with its best `perPark` spaces (the need's count, at most
 * `limit`), in `ranked`'s order. Cut at `limit` spaces, one park of n units took every place of a need of
 * n ≥ limit units and most of a smaller one's, and a park of fewer units — offered as conditional, ADR 130 —
 * was left out or not by the order of the inventory. At most limit × min(n, limit) spaces.
 */
function byParks<T extends { s: SpaceCandidate }>(ranked: readonly T[], limit: number, perPark: number): T[] {
  const taken = new Map<string, number>();
  const out: T[] = [];
  for (const r of ranked) {
    const had = taken.get(r.s.parkId);
    if (had === undefined ? taken.size >= limit : had >= perPark) continue;
    taken.set(r.s.parkId, (had ?? 0) + 1);
    out.push(r);
  }
  return out;
}

/**
 * The parks with a space among `candidates` that passes every hard constraint as one of the need's units
 * (docs/decisions/130), in the order first seen; [] for a need without a count. Their other spaces of a
 * unit's size are read (parkUnitIds) so that rankMatches counts the park's units, not the search's.
 */
export function unitParks(n: MatchNeed, candidates: Iterable<SpaceCandidate>, check: HardCheck): string[] {
  if (unitsWanted(n) === 1) return [];
  const parks = new Set<string>();
  for (const s of candidates) if (!parks.has(s.parkId) && check(s).pass && areaFitOf(n, s) === "unit") parks.add(s.parkId);
  return [...parks];
}

/** fit → warn → check, each group in the order the factors produced it. */
export function orderReasons(reasons: Reason[]): Reason[] {
  return reasons
    .map((r, i) => [r, i] as const)
    .sort((a, b) => REASON_ORDER[a[0].kind] - REASON_ORDER[b[0].kind] || a[1] - b[1])
    .map(([r]) => r);
}

/**
 * For a need of n ≥ 2 units (docs/decisions/130): per park, how many of its spaces pass every hard
 * constraint as one unit — among `passed`, and `more` not seen yet (checked here); null for a need without a
 * count. Map entries carry the count; `wanted` is n.
 */
function unitsByPark(
  n: MatchNeed,
  passed: readonly { s: SpaceCandidate }[],
  more: readonly SpaceCandidate[],
  seen: ReadonlySet<string>,
  check: HardCheck,
): (Map<string, number> & { wanted: number }) | null {
  const wanted = unitsWanted(n);
  if (wanted === 1) return null;
  const counts = Object.assign(new Map<string, number>(), { wanted });
  const count = (s: SpaceCandidate) => {
    if (areaFitOf(n, s) === "unit") counts.set(s.parkId, (counts.get(s.parkId) ?? 0) + 1);
  };
  for (const { s } of passed) count(s);
  const extra = new Set<string>();
  for (const s of more) {
    if (seen.has(s.id) || extra.has(s.id)) continue;
    extra.add(s.id);
    if (check(s).pass) count(s);
  }
  return counts;
}

/** [share outside the wanted range, share away from its middle]: smaller is closer (a unit's range for a space judged as one). */
function closeness(n: MatchNeed, s: SpaceCandidate): [number, number] {
  const { min, max } = areaBoundsFor(n, s);
  const a = takenAreaSqm(n, s);
  const outside = min !== undefined && a < min ? (min - a) / min : max !== undefined && a > max ? (a - max) / max : 0;
  const target = min !== undefined && max !== undefined ? (min + max) / 2 : (min ?? max);
  return [outside, target ? Math.abs(a - target) / target : 0];
}
