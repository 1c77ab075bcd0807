import { type HardCheck, hardCheckOf, type HardOptions } from "~/domain/matching/hard";
import { rankMatches, unitParks } from "~/domain/matching/rank";
import type { MatchNeed, MatchResult, SpaceCandidate } from "~/domain/matching/types";
import { type Exclusion, explainExclusions, failureReason } from "~/domain/matching/why-not";
import { auditMessages } from "~/i18n/audit-messages";
import { type SpaceRow, toSpaceCandidate } from "~/inventory/inventory-rows";
import { OUTRANKED, type Withdrawal } from "~/matches/match-store.server";

/** A live match of the lead as the job reads it (app/matches/match-leads.server.ts, liveMatchesOfLead). */
export type LiveMatch = { spaceId: string; foundBy: "lead" | "space" };

/**
 * The spaces one lead.match job matches against (worker/lead-match.job.ts, docs/decisions/018): the rows
 * read from Postgres by id, the one row kept per space, and the matching done on them — ranking, the
 * re-ranking after the offered spaces were locked and re-read, the withdrawals and why-not. No I/O here:
 * the job reads, this decides.
 *
 * Each row is converted to the matcher's candidate once, and each candidate hard-checked once, for the
 * whole job (issue 14: the job converted every row two or three times and checked most of them three
 * times). A row re-read with another version is converted again, and its new candidate checked again.
 */
export class LeadMatchSpaces {
  private readonly held = new Map<string, { row: SpaceRow; candidate: SpaceCandidate }>();
  private readonly check: HardCheck;

  /** `rows`: every space read; a space read twice keeps its last row. */
  constructor(
    private readonly lead: MatchNeed,
    rows: Iterable<SpaceRow>,
    private readonly options: HardOptions,
  ) {
    const last = new Map<string, SpaceRow>();
    for (const r of rows) last.set(r.id, r);
    for (const [id, row] of last) this.held.set(id, { row, candidate: candidateOf(row) });
    this.check = hardCheckOf(lead, options);
  }

  /**
   * Takes in rows of spaces not held yet (a park's other spaces of a unit's size: parkUnitIds,
   * docs/decisions/130); a space held keeps its row.
   */
  add(rows: Iterable<SpaceRow>): void {
    for (const row of rows) if (!this.held.has(row.id)) this.held.set(row.id, { row, candidate: candidateOf(row) });
  }

  /** The parks with a space held that passes as one of the lead's units (rank.ts unitParks; [] without a count). */
  unitParks(): string[] {
    return unitParks(this.lead, this.candidates(), this.check);
  }

  /** The best `limit` spaces, best first (rankMatches). */
  rank(limit: number): MatchResult[] {
    return rankMatches(this.lead, this.candidates(), { limit, ...this.options, check: this.check });
  }

  /**
   * Takes in the rows of the offered spaces re-read after locking them: a row whose version (or its park's) differs
   * from the one held (or that was not held) replaces it, an offered space missing from `now` is
   * dropped. true when anything changed (rank again).
   */
  update(offered: readonly string[], now: readonly SpaceRow[]): boolean {
    // Either version: a park's change (its terms, its retirement) is a change of each of its spaces' rows.
    const changed = now.filter((r) => {
      const held = this.held.get(r.id)?.row;
      return held?.version !== r.version || held.parkVersion !== r.parkVersion;
    });
    const gone = offered.filter((id) => !now.some((n) => n.id === id));
    if (changed.length === 0 && gone.length === 0) return false;
    for (const r of changed) this.held.set(r.id, { row: r, candidate: candidateOf(r) });
    for (const id of gone) this.held.delete(id);
    return true;
  }

  /** The version of the row held for `spaceId` (docs/decisions/018); the space must be held. */
  version(spaceId: string): string {
    return this.held.get(spaceId)!.row.version;
  }

  /** Every space held, as the matcher's candidates, in the order first read. */
  candidates(): SpaceCandidate[] {
    return Array.from(this.held.values(), (h) => h.candidate);
  }

  /**
   * The parks with at least one space held that passes every hard constraint of the lead (ranked or
   * not): a park here still fits the need, even when none of its spaces made the top 5.
   */
  fittingParks(): Set<string> {
    const parks = new Set<string>();
    for (const { candidate } of this.held.values()) if (this.check(candidate).pass) parks.add(candidate.parkId);
    return parks;
  }

  /**
   * What follows from `results` (the spaces offered): the live matches that stop being live, and why-not
   * (the spaces not offered, with the rule that left each out).
   */
  outcome(
    live: readonly LiveMatch[],
    results: readonly MatchResult[],
    keepParks: ReadonlySet<string> = new Set(),
  ): { withdrawals: Withdrawal[]; excluded: Exclusion[] } {
    return { withdrawals: this.withdrawals(live, results, keepParks), excluded: this.excluded(results) };
  }

  /** The live matches that stop being live when `results` are offered (outcome's `withdrawals`). */
  withdrawals(live: readonly LiveMatch[], results: readonly MatchResult[], keepParks: ReadonlySet<string> = new Set()): Withdrawal[] {
    const offered = new Set(results.map((r) => r.spaceId));
    return withdrawalsOf(this.lead, live, offered, (id) => this.held.get(id)?.candidate, this.check, this.options, keepParks);
  }

  /** Why-not when `results` are offered (outcome's `excluded`): the spaces held and not offered, with the rule that left each out. */
  excluded(results: readonly MatchResult[]): Exclusion[] {
    const offered = new Set(results.map((r) => r.spaceId));
    return explainExclusions(this.lead, this.candidates(), offered, { ...this.options, check: this.check });
  }
}

/** The candidates of the rows the worker keeps between jobs (frozen: SpaceRowCache), made once a row. */
const keptCandidates = new WeakMap<SpaceRow, SpaceCandidate>();

/**
 * toSpaceCandidate(row); for a kept (frozen) row, the one candidate made of it, frozen as well, shared
 * by every job that reads the row while it is kept (issue 14: ~80 rows converted a lead).
 */
function candidateOf(row: SpaceRow): SpaceCandidate {
  if (!Object.isFrozen(row)) return toSpaceCandidate(row);
  let candidate = keptCandidates.get(row);
  if (!candidate) {
    candidate = toSpaceCandidate(row);
    Object.freeze(candidate.park);
    keptCandidates.set(row, Object.freeze(candidate));
  }
  return candidate;
}

/**
 * Live matches that stop being live: any that fails a hard constraint now (the reason names it),
 * and the lead's own earlier picks that are no longer in its top 5 — unless their park is in
 * `keepParks` (a recruiter holds the lead for it: a space that still fits stays on their page, ADR 108).
 * Reverse matches that still hold stay (they were found for a reason the search may not rank).
 */
function withdrawalsOf(
  lead: MatchNeed,
  live: readonly LiveMatch[],
  offered: ReadonlySet<string>,
  candidateOf: (spaceId: string) => SpaceCandidate | undefined,
  check: HardCheck,
  options: HardOptions,
  keepParks: ReadonlySet<string>,
): Withdrawal[] {
  const out: Withdrawal[] = [];
  for (const m of live) {
    if (offered.has(m.spaceId)) continue;
    const s = candidateOf(m.spaceId);
    if (!s) {
      out.push({ spaceId: m.spaceId, reason: auditMessages.both("space.removed") });
      continue;
    }
    const hard = check(s);
    if (!hard.pass) {
      const r = failureReason(lead, s, hard.failures[0], options);
      out.push({ spaceId: m.spaceId, reason: { zh: r.zh, en: r.en } });
    } else if (!keepParks.has(s.parkId)) out.push({ spaceId: m.spaceId, reason: OUTRANKED }); // found by either match: the top holds (ADR 152)
  }
  return out;
}
