import { UnrecoverableError } from "bullmq";

import { routeLead } from "~/assignments/route-lead.server";
import { enqueue, markDone } from "~/db/outbox.server";
import type { Lead } from "~/domain/lead-schema";
import { hardCheck } from "~/domain/matching/hard";
import { rankMatches } from "~/domain/matching/rank";
import type { SpaceCandidate } from "~/domain/matching/types";
import { explainExclusions, failureReason } from "~/domain/matching/why-not";
import { withRegionCodes } from "~/domain/regions";
import { auditMessages } from "~/i18n/audit-messages";
import { inventoryVersion, loadSpaceRows } from "~/inventory/inventory-read.server";
import { type SpaceRow, toSpaceCandidate } from "~/inventory/inventory-rows";
import { leadForMatching, liveMatchesOfLead, lockLeadForMatching, recordMatchOutcome } from "~/matches/match-leads.server";
import { lockSpacesShared, OUTRANKED, saveLeadMatches, type VersionedMatch, type Withdrawal } from "~/matches/match-store.server";

import { findCandidateIds } from "../search/spaces.query";
import { deliverNotices } from "./deliver-notices";
import type { JobContext } from "./job-context";
import { matchingOptions } from "./matching-options";

const CLOSED = ["won", "lost"];
/** Pending spaces (changed, not yet confirmed in the index) read per lead at most; normally a handful. */
const PENDING_LIMIT = 1_000;
const MATCH_LIMIT = 5;

/**
 * A lead's matching, against a known state of the inventory (docs/decisions/018):
 * 1. Meilisearch finds the candidates (hard filters) and the spaces near the lead (why-not).
 * 2. In one transaction, with the lead locked, every candidate is re-read from Postgres, together
 *    with every space of the lead's kind whose change the index has not confirmed yet ("pending") and
 *    the lead's live matches. So a change the index lags behind is still seen, and nothing the index
 *    shows stale is offered.
 * 3. The spaces to offer are locked (shared) and re-read; a change committed meanwhile is taken in,
 *    and one committed later waits for this commit and is then handled by space.match.
 * 4. Top 5 stored (each with the space version), matches that no longer hold withdrawn with their
 *    reason, why-not stored on the lead, routed, and the notices delivered after commit (ADR 013).
 */
export async function leadMatchJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  const row = await leadForMatching(ctx.sql, data.id);
  if (!row) throw new UnrecoverableError(`lead ${data.id} does not exist`);
  // Won, lost, or erased at the person's request before it was matched: nobody is to call about it.
  if (CLOSED.includes(row.status) || row.anonymised) {
    await markDone(ctx.sql, data.outboxId);
    return;
  }
  const options = matchingOptions(ctx);
  const found = await findCandidateIds(ctx.search, withRegionCodes(row.lead), { indexUid: ctx.indexNames.spaces, ...options });

  const { notices } = await ctx.sql.begin(async (tx) => {
    const locked = await lockLeadForMatching(tx, data.id);
    if (!locked || CLOSED.includes(locked.status)) {
      await markDone(tx, data.outboxId);
      return { notices: [] };
    }
    const lead = withRegionCodes(locked.lead); // an edit committed since the search is matched too (its own re-match follows)
    const [live, pending, version] = await Promise.all([
      liveMatchesOfLead(tx, data.id).execute(),
      loadSpaceRows(tx, { pendingKind: lead.need.kind, limit: PENDING_LIMIT }),
      inventoryVersion(tx).execute(),
    ]);
    const searched = [...found.candidates, ...found.nearby];
    const read = await loadSpaceRows(tx, { spaceIds: [...new Set([...searched, ...live.map((m) => m.spaceId)])] });
    const rows = new Map<string, SpaceRow>([...read, ...pending].map((r) => [r.id, r]));

    let results = rankMatches(lead, [...rows.values()].map(toSpaceCandidate), { limit: MATCH_LIMIT, ...options });
    // Lock what is offered, then make sure it did not change since it was read.
    for (let round = 0; round < 3 && results.length > 0; round++) {
      await lockSpacesShared(
        tx,
        results.map((r) => r.spaceId),
      );
      const now = await loadSpaceRows(tx, { spaceIds: results.map((r) => r.spaceId) });
      const changed = now.filter((r) => rows.get(r.id)?.version !== r.version || !rows.has(r.id));
      const gone = results.filter((r) => !now.some((n) => n.id === r.spaceId));
      if (changed.length === 0 && gone.length === 0) break;
      for (const r of changed) rows.set(r.id, r);
      for (const r of gone) rows.delete(r.spaceId);
      results = rankMatches(lead, [...rows.values()].map(toSpaceCandidate), { limit: MATCH_LIMIT, ...options });
    }

    const candidates = [...rows.values()].map(toSpaceCandidate);
    const offered = new Set(results.map((r) => r.spaceId));
    const versioned: VersionedMatch[] = results.map((r) => ({ ...r, spaceVersion: rows.get(r.spaceId)!.version }));
    const withdrawals = withdrawalsOf(lead, live, offered, candidates, options);
    const excluded = explainExclusions(lead, candidates, offered, options);

    await saveLeadMatches(tx, data.id, versioned, withdrawals);
    const routed = await routeLead(tx, data.id, ctx.routing, { excluded, statusByCaller: true });
    // One round trip: the outcome (with the status routing led to), the outbox row, the index update.
    await Promise.all([
      recordMatchOutcome(tx, data.id, version[0]?.v ?? null, excluded),
      markDone(tx, data.outboxId),
      enqueue(tx, "lead.index", [data.id]), // the search document follows the new status
    ]);
    return routed;
  });
  await deliverNotices(ctx, notices);
}

/**
 * Live matches that stop being live: any that fails a hard constraint now (the reason names it),
 * and the lead's own earlier picks that are no longer in its top 5. Reverse matches that still hold
 * stay (they were found for a reason the search may not rank).
 */
function withdrawalsOf(
  lead: Lead,
  live: { spaceId: string; foundBy: "lead" | "space" }[],
  offered: ReadonlySet<string>,
  candidates: SpaceCandidate[],
  options: ReturnType<typeof matchingOptions>,
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
