import { UnrecoverableError } from "bullmq";

import { routeLead } from "~/assignments/route-lead.server";
import { markDone } from "~/db/outbox.server";
import { withRegionCodes } from "~/domain/regions";
import { inventoryVersion, loadSpaceRows } from "~/inventory/inventory-read.server";
import { leadForMatching, liveMatchesOfLead, lockLeadForMatching, recordMatchOutcome } from "~/matches/match-leads.server";
import { lockSpacesShared, saveLeadMatches, type VersionedMatch } from "~/matches/match-store.server";

import { findCandidateIds } from "../search/spaces.query";
import { deliverNotices } from "./deliver-notices";
import type { JobContext } from "./job-context";
import { LeadMatchSpaces } from "./lead-match-spaces";
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
    // The lock and the reads in one round trip: the reads run after the lock, on the state it sees.
    const [locked, live, pendingOfKind, version] = await Promise.all([
      lockLeadForMatching(tx, data.id),
      liveMatchesOfLead(tx, data.id).execute(),
      loadSpaceRows(tx, { pendingKind: row.lead.need.kind, limit: PENDING_LIMIT }),
      inventoryVersion(tx).execute(),
    ]);
    if (!locked || CLOSED.includes(locked.status)) {
      await markDone(tx, data.outboxId);
      return { notices: [] };
    }
    const lead = withRegionCodes(locked.lead); // an edit committed since the search is matched too (its own re-match follows)
    // An edit that changed the kind: the pending spaces of the new kind.
    const pending =
      lead.need.kind === row.lead.need.kind
        ? pendingOfKind
        : await loadSpaceRows(tx, { pendingKind: lead.need.kind, limit: PENDING_LIMIT });
    const searched = [...found.candidates, ...found.nearby];
    const read = await loadSpaceRows(tx, { spaceIds: [...new Set([...searched, ...live.map((m) => m.spaceId)])] });
    const spaces = new LeadMatchSpaces(lead, [...read, ...pending], options);

    let results = spaces.rank(MATCH_LIMIT);
    // Lock what is offered, then make sure it did not change since it was read.
    for (let round = 0; round < 3 && results.length > 0; round++) {
      const offered = results.map((r) => r.spaceId);
      // Sent together: the read runs after the lock statement on this connection, so it sees what was committed before the lock.
      const [, now] = await Promise.all([lockSpacesShared(tx, offered), loadSpaceRows(tx, { spaceIds: offered })]);
      if (!spaces.update(offered, now)) break;
      results = spaces.rank(MATCH_LIMIT);
    }

    const versioned: VersionedMatch[] = results.map((r) => ({ ...r, spaceVersion: spaces.version(r.spaceId) }));
    const { withdrawals, excluded } = spaces.outcome(live, results);

    await saveLeadMatches(tx, data.id, versioned, withdrawals);
    const routed = await routeLead(tx, data.id, ctx.routing, { excluded, lead: locked.routing });
    // One statement: the outcome (with the status routing led to), the outbox row done, the index update.
    await recordMatchOutcome(tx, data.id, version[0]?.v ?? null, excluded, data.outboxId);
    return routed;
  });
  await deliverNotices(ctx, notices);
}
