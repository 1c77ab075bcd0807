import { routeLead } from "~/assignments/route-lead.server";
import { endUnfitAssignments } from "~/assignments/unfit-assignments.server";
import { markDead, markSkipped } from "~/db/outbox.server";
import { repeatOf } from "~/domain/lead-flags";
import type { Lead } from "~/domain/lead-schema";
import { MATCH_LIMIT } from "~/domain/matching/top-matches";
import { withRegionCodes } from "~/domain/regions";
import type { LeadStatus } from "~/domain/statuses";
import { refreshHandoverScripts } from "~/hotline/handover-refresh.server";
import { loadSpaceRows } from "~/inventory/inventory-read.server";
import { parkUnitIds } from "~/inventory/nearby-spaces.server";
import {
  laterMatchQueued,
  leadMatchState,
  leadsToMatch,
  type LeadToMatch,
  lockLeadForMatching,
  recordMatchOutcome,
} from "~/matches/match-leads.server";
import { lockSpacesShared, saveLeadMatches, type VersionedMatch } from "~/matches/match-store.server";
import { attachRepeat } from "~/matches/repeat.server";
import { errorMessage, log } from "~/utils/log.server";
import { orError } from "~/utils/or-error";

import { findSpacesOfEach, type FoundIds } from "../search/found-spaces";
import { deliverNotices } from "./deliver-notices";
import type { JobContext } from "./job-context";
import { failureText } from "./job-failure";
import { LeadMatchSpaces } from "./lead-match-spaces";
import { matchingOptions } from "./matching-options";
import type { OutboxJobData } from "./queue";

/** Nobody is to be told about these any more: won, lost, or closed by an admin as spam or a duplicate (terminal). */
const CLOSED = ["won", "lost", "closed"];
/** Pending spaces (changed, not yet confirmed in the index) read per lead at most; normally a handful. */
const PENDING_LIMIT = 1_000;

/**
 * Leads of one job matched at once, each in its own transaction. Two, not more: the worker already runs
 * WORKER_CONCURRENCY jobs, and leads of the same parks wait for each other's recruiter locks (routing),
 * so more lanes only queue on the locks and the connection pool (docs/benchmarks.md, "lead.match in groups").
 */
const PARALLEL = 2;

/**
 * A lead's matching, against a known state of the inventory (docs/decisions/018), for every row of
 * the job (one, or the group a relay pass made: `items`, docs/decisions/073):
 * 1. Meilisearch finds the candidates (hard filters) and the spaces near the lead (why-not): one
 *    multi-search for all the job's leads.
 * 2. For each lead, in its own transaction, with the lead locked, every candidate is re-read from
 *    Postgres, together with every space of the lead's kind whose change the index has not confirmed
 *    yet ("pending") and the lead's live matches. So a change the index lags behind is still seen, and
 *    nothing the index shows stale is offered.
 * 3. The spaces to offer and those the why-not list names are locked (shared) and re-read; a change
 *    committed meanwhile is taken in, and one committed later waits for this commit and is then handled
 *    by space.match (which re-matches a lead whose list names a space that left: docs/decisions/127).
 * 4. Top 5 stored (each with the space version), matches that no longer hold withdrawn with their
 *    reason, why-not stored on the lead; after a need edit, the assignments of parks that no longer fit
 *    ended (ADR 108); routed, the row marked done, and the notices delivered after that lead's commit
 *    (ADR 013).
 * A lead that fails does not hold back the others: the job throws once all were tried, and its retry
 * does only the rows not done. A row whose lead does not exist ends at once as a dead letter (no retry
 * can make the lead exist: docs/decisions/077); the job does not fail for it.
 */
export async function leadMatchJob(ctx: JobContext, data: OutboxJobData): Promise<void> {
  const items = data.items ?? [{ outboxId: data.outboxId, id: data.id }];
  const rows = await leadsToMatch(ctx.sql, items);
  const missing = rows.filter((r) => r.lead === null);
  if (missing.length > 0) {
    await markDead(
      ctx.sql,
      missing.map((r) => r.outboxId),
      "lead-missing",
      `lead ${missing.map((r) => r.id).join(", ")} does not exist`,
    );
    log.warn("lead.match rows dead: their leads do not exist", { leads: missing.map((r) => r.id) });
  }
  // Won, lost, closed, or erased at the person's request before it was matched: nobody is to call about it.
  const closed = rows.filter((r) => r.lead !== null && (CLOSED.includes(r.status!) || r.anonymised));
  if (closed.length > 0)
    await markSkipped(
      ctx.sql,
      closed.map((r) => r.outboxId),
    );
  const open = rows.filter((r): r is LeadToMatch & { lead: Lead; status: LeadStatus } => r.lead !== null && !closed.includes(r));

  const options = matchingOptions(ctx);
  // A lead this code cannot read fails alone, not its group (docs/decisions/074): its Error is its answer.
  const found = await findSpacesOfEach(
    ctx,
    open.map((r) => orError(() => withRegionCodes(r.lead))),
    { indexUid: ctx.indexNames.spaces, ...options },
  );
  const failures: unknown[] = [];
  let next = 0;
  const lane = async () => {
    while (next < open.length) {
      const at = next++;
      try {
        const searched = found[at];
        if (searched instanceof Error) throw searched;
        await matchOne(ctx, open[at], searched, options);
      } catch (error) {
        failures.push(error);
        if (open.length > 1) log.warn("lead.match failed for one lead of its job", { lead: open[at].id, error: failureText(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, open.length) }, lane));
  if (failures.length > 0)
    throw failures.length === 1
      ? failures[0]
      : new Error(`lead.match: ${failures.length} of ${open.length} leads failed; first: ${errorMessage(failures[0])}`);
}

/** Whether two reads of a lead ask the same of the matcher (what it reads: need, use, tax). */
function sameMatchInput(a: Lead, b: Lead): boolean {
  return JSON.stringify([a.need, a.use, a.tax]) === JSON.stringify([b.need, b.use, b.tax]);
}

async function matchOne(
  ctx: JobContext,
  row: LeadToMatch & { lead: Lead },
  found: FoundIds,
  options: ReturnType<typeof matchingOptions>,
): Promise<void> {
  const data = { outboxId: row.outboxId, id: row.id };
  const { notices } = await ctx.sql.begin(async (tx) => {
    // The lock and the read in one round trip: the read runs after the lock, on the state it sees.
    const [locked, [{ live, version, heldParks: held }]] = await Promise.all([
      lockLeadForMatching(tx, data.id),
      leadMatchState(tx, data.id).execute(),
    ]);
    ctx.spaceRows?.seeInventoryVersion(version);
    // Closed or erased while its group waited (the first read was before the group's search): nobody is to call.
    if (!locked || CLOSED.includes(locked.status) || locked.anonymised) {
      await markSkipped(tx, data.outboxId);
      return { notices: [] };
    }
    // Edited since the search (need, use or tax) and the edit queued its own re-match: that row matches
    // the lead as it is now. Matched here against candidates searched for the old need, the lead could be
    // left unmatched — its matches withdrawn, a call-back task for the hotline — until then (ADR 074).
    if (!sameMatchInput(locked.lead, row.lead) && (await laterMatchQueued(tx, data.id, data.outboxId))) {
      await markSkipped(tx, data.outboxId);
      return { notices: [] };
    }
    // A likely repeat of a lead still being worked is attached to it, not matched and routed a second time
    // (no second call-back task or offer, ADR 108): the outbox row done and the search document updated.
    const first = repeatOf(locked.lead);
    if (first && (await attachRepeat(tx, data.id, first))) {
      await recordMatchOutcome(tx, data.id, version, [], data.outboxId);
      return { notices: [] };
    }
    const lead = withRegionCodes(locked.lead); // an edit committed since the search is matched too (its own re-match follows)
    const searched = [...found.candidates, ...found.nearby];
    // The spaces found, the live matches' and the pending ones of the lead's kind as locked (an edit may have
    // changed the kind), in one statement (ADR 177: the pending read was its own, one statement a lead more).
    const read = await loadSpaceRows(tx, {
      spaceIds: [...new Set([...searched, ...live.map((m) => m.spaceId)])],
      cache: ctx.spaceRows,
      withPending: { kind: lead.need.kind, limit: PENDING_LIMIT },
    });
    const spaces = new LeadMatchSpaces(lead, read, options);
    // A lead of several units (docs/decisions/130): every space of a unit's size in the parks that have one
    // found, so that each park's count of units is the park's, not the search's. Leads without a count read nothing more.
    const parks = spaces.unitParks();
    if (parks.length > 0) spaces.add(await loadSpaceRows(tx, { spaceIds: await parkUnitIds(tx, lead, parks), cache: ctx.spaceRows }));

    let results = spaces.rank(MATCH_LIMIT);
    let excluded = spaces.excluded(results);
    // Lock what is offered and what the why-not list names, then make sure none of it changed since it was
    // read. The listed spaces too (docs/decisions/127): space.match, under a space's exclusive lock, re-matches
    // the leads whose stored list names a space that left the inventory — a list being written now is then
    // either committed before it looks, or written after the change, from rows read after it.
    for (let round = 0; round < 3 && results.length + excluded.length > 0; round++) {
      const locked = [...results.map((r) => r.spaceId), ...excluded.map((e) => e.spaceId)];
      // Sent together: the read runs after the lock statement on this connection, so it sees what was committed before the lock.
      const [, now] = await Promise.all([lockSpacesShared(tx, locked), loadSpaceRows(tx, { spaceIds: locked, cache: ctx.spaceRows })]);
      if (!spaces.update(locked, now)) break;
      results = spaces.rank(MATCH_LIMIT);
      excluded = spaces.excluded(results);
    }

    const versioned: VersionedMatch[] = results.map((r) => ({ ...r, spaceVersion: spaces.version(r.spaceId) }));
    // A park a recruiter (or the admin's queue) holds the lead for keeps its spaces that still fit, even
    // outside the top 5; a park with none left loses the assignment after a need edit (ADR 108).
    const heldParks = new Set(held);
    const withdrawals = spaces.withdrawals(live, results, heldParks);

    await saveLeadMatches(tx, data.id, versioned, withdrawals);
    const ended = heldParks.size > 0 ? await endUnfitAssignments(tx, data.id, spaces.fittingParks(), ctx.routing.noticeFallbackMs) : null;
    const routed = await routeLead(tx, data.id, ctx.routing, { excluded, lead: locked.routing });
    // An offer handed over by phone and not made yet reads out the need and matches as they are now (docs/decisions/135).
    if (heldParks.size > 0) await refreshHandoverScripts(tx, data.id, ctx.routing.slaMinutes);
    // One statement: the outcome (with the status routing led to), the outbox row done, the index update.
    await recordMatchOutcome(tx, data.id, version, excluded, data.outboxId);
    return ended ? { ...routed, notices: [...routed.notices, ...ended.notices] } : routed;
  });
  await deliverNotices(ctx, notices);
}
