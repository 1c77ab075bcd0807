import type { Lead } from "~/domain/lead-schema";
import { hardCheck, type HardOptions } from "~/domain/matching/hard";
import { rankMatches } from "~/domain/matching/rank";
import type { MatchResult, SpaceCandidate } from "~/domain/matching/types";
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
 */
export class LeadMatchSpaces {
  private readonly rows = new Map<string, SpaceRow>();

  /** `rows`: every space read; a space read twice keeps its last row. */
  constructor(
    private readonly lead: Lead,
    rows: Iterable<SpaceRow>,
    private readonly options: HardOptions,
  ) {
    for (const r of rows) this.rows.set(r.id, r);
  }

  /** The best `limit` spaces, best first (rankMatches). */
  rank(limit: number): MatchResult[] {
    return rankMatches(this.lead, this.candidates(), { limit, ...this.options });
  }

  /**
   * Takes in the rows of the offered spaces re-read after locking them: a row whose version differs
   * from the one held (or that was not held) replaces it, an offered space missing from `now` is
   * dropped. true when anything changed (rank again).
   */
  update(offered: readonly string[], now: readonly SpaceRow[]): boolean {
    const changed = now.filter((r) => this.rows.get(r.id)?.version !== r.version || !this.rows.has(r.id));
    const gone = offered.filter((id) => !now.some((n) => n.id === id));
    if (changed.length === 0 && gone.length === 0) return false;
    for (const r of changed) this.rows.set(r.id, r);
    for (const id of gone) this.rows.delete(id);
    return true;
  }

  /** The version of the row held for `spaceId` (docs/decisions/018); the space must be held. */
  version(spaceId: string): string {
    return this.rows.get(spaceId)!.version;
  }

  /** Every space held, as the matcher's candidates, in the order first read. */
  candidates(): SpaceCandidate[] {
    return [...this.rows.values()].map(toSpaceCandidate);
  }

  /**
   * What follows from `results` (the spaces offered): the live matches that stop being live, and why-not
   * (the spaces not offered, with the rule that left each out).
   */
  outcome(live: readonly LiveMatch[], results: readonly MatchResult[]): { withdrawals: Withdrawal[]; excluded: Exclusion[] } {
    const candidates = this.candidates();
    const offered = new Set(results.map((r) => r.spaceId));
    return {
      withdrawals: withdrawalsOf(this.lead, live, offered, candidates, this.options),
      excluded: explainExclusions(this.lead, candidates, offered, this.options),
    };
  }
}

/**
 * Live matches that stop being live: any that fails a hard constraint now (the reason names it),
 * and the lead's own earlier picks that are no longer in its top 5. Reverse matches that still hold
 * stay (they were found for a reason the search may not rank).
 */
function withdrawalsOf(
  lead: Lead,
  live: readonly LiveMatch[],
  offered: ReadonlySet<string>,
  candidates: SpaceCandidate[],
  options: HardOptions,
): Withdrawal[] {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const out: Withdrawal[] = [];
  for (const m of live) {
    if (offered.has(m.spaceId)) continue;
    const s = byId.get(m.spaceId);
    if (!s) {
      out.push({ spaceId: m.spaceId, reason: auditMessages.both("space.removed") });
      continue;
    }
    const hard = hardCheck(lead, s, options);
    if (!hard.pass) {
      const r = failureReason(lead, s, hard.failures[0], options);
      out.push({ spaceId: m.spaceId, reason: { zh: r.zh, en: r.en } });
    } else if (m.foundBy === "lead") out.push({ spaceId: m.spaceId, reason: OUTRANKED });
  }
  return out;
}
