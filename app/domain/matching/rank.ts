import { type HardCheck, hardCheckOf, type HardOptions, type HardResult, takenAreaSqm } from "./hard";
import { DEFAULT_WEIGHTS, scoreOnly, scoreSpace, type Weights } from "./score";
import type { MatchNeed, MatchResult, Reason, SpaceCandidate } from "./types";

export { describeFailures } from "./hard";

export const DEFAULT_LIMIT = 5;

/**
 * `check`: the lead's hard check when the caller shares one between calls (hardCheckOf(n, options) with
 * this call's lead and options; lead.match shares it with why-not and withdrawals). Made here otherwise.
 */
export type RankOptions = { limit?: number; weights?: Partial<Weights>; today?: string; check?: HardCheck } & HardOptions;

const REASON_ORDER: Record<Reason["kind"], number> = { fit: 0, warn: 1, check: 2 };

/**
 * The best spaces for a lead. Every candidate is hard-checked again even though the search pre-filters
 * (defence in depth: an index can lag or a filter can be looser); only passes are scored. Order: score,
 * then the area closest to what was asked, then id — the same input always gives the same list.
 */
export function rankMatches(n: MatchNeed, candidates: SpaceCandidate[], options: RankOptions = {}): MatchResult[] {
  const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const today = options.today ?? new Date().toISOString().slice(0, 10);

  const check = options.check ?? hardCheckOf(n, options);

  const seen = new Set<string>();
  const ranked: { s: SpaceCandidate; hard: HardResult & { pass: true }; score: number; closeness: [number, number] }[] = [];
  for (const s of candidates) {
    if (seen.has(s.id)) continue; // the search can return one space from several queries
    seen.add(s.id);
    const hard = check(s);
    if (!hard.pass) continue;
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
  return ranked.slice(0, limit).map(({ s, hard, score }) => ({
    spaceId: s.id,
    parkId: s.parkId,
    score,
    conditional: hard.conditional,
    reasons: orderReasons(scoreSpace(n, s, weights, today, hard).reasons),
  }));
}

/** fit → warn → check, each group in the order the factors produced it. */
export function orderReasons(reasons: Reason[]): Reason[] {
  return reasons
    .map((r, i) => [r, i] as const)
    .sort((a, b) => REASON_ORDER[a[0].kind] - REASON_ORDER[b[0].kind] || a[1] - b[1])
    .map(([r]) => r);
}

/** [share outside the wanted range, share away from its middle]: smaller is closer. */
function closeness(n: MatchNeed, s: SpaceCandidate): [number, number] {
  const { areaMinSqm: min, areaMaxSqm: max } = n.need;
  const a = takenAreaSqm(n, s);
  const outside = min !== undefined && a < min ? (min - a) / min : max !== undefined && a > max ? (a - max) / max : 0;
  const target = min !== undefined && max !== undefined ? (min + max) / 2 : (min ?? max);
  return [outside, target ? Math.abs(a - target) / target : 0];
}
