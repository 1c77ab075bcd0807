/** The highest rate bench:e2e offers (BENCH_RATES is validated against it too). */
export const KNEE_MAX_RATE = 200;

/**
 * The next rate of bench:e2e's knee search (issue 14: "the highest rate whose p99 stays under 2 s"),
 * or null when done. `rounds`: each rate measured (leads/s) and whether it held. The next rate is the
 * middle (whole leads/s) between the highest rate that held and the lowest rate above it that did not,
 * while they are more than `step` leads/s apart; with nothing held, the gap runs from 0. When nothing
 * above the highest rate that held has failed, the knee lies higher: the next rate is twice it, up to
 * `max` (at `max` and holding: null, the knee is at least `max`). `step` ≤ 0 or no rounds: null. A rate
 * that held above one that did not (a noisy machine) is taken as it is: the search goes on above the
 * highest rate that held.
 */
export function kneeProbe(rounds: readonly { rate: number; held: boolean }[], step: number, max = KNEE_MAX_RATE): number | null {
  if (step <= 0 || rounds.length === 0) return null;
  const low = Math.max(0, ...rounds.filter((r) => r.held).map((r) => r.rate));
  const high = Math.min(...rounds.filter((r) => !r.held && r.rate > low).map((r) => r.rate));
  if (!Number.isFinite(high)) return low >= max ? null : Math.min(max, low * 2);
  if (high - low <= step) return null;
  return Math.round((low + high) / 2);
}
