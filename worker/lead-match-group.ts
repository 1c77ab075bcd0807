import type { Notice } from "~/assignments/notifications.server";
import { lockRecruitersOfParks, routeLead, type RoutingLead, routingReadsOfLeads } from "~/assignments/route-lead.server";
import { repeatOf } from "~/domain/lead-flags";
import type { Lead } from "~/domain/lead-schema";
import { MATCH_LIMIT } from "~/domain/matching/top-matches";
import type { MatchResult } from "~/domain/matching/types";
import type { Exclusion } from "~/domain/matching/why-not";
import { withRegionCodes } from "~/domain/regions";
import { loadGroupSpaceRows, loadSpaceRows } from "~/inventory/inventory-read.server";
import type { SpaceRow } from "~/inventory/inventory-rows";
import { leadMatchStates, type LeadToMatch, lockLeadsForMatching, recordMatchOutcomes } from "~/matches/match-leads.server";
import { lockSpacesShared, saveGroupMatches, type VersionedMatch, type Withdrawal } from "~/matches/match-store.server";

import type { FoundIds } from "../search/found-spaces";
import type { JobContext } from "./job-context";
import { LeadMatchSpaces, type LiveMatch } from "./lead-match-spaces";
import type { matchingOptions } from "./matching-options";

/** A lead of a group as the job hands it over: its row, its lead as first read, its search's answer. */
export type GroupMember = { row: LeadToMatch & { lead: Lead }; found: FoundIds };

/** Nobody is to be told about these any more (lead-match.job.ts's CLOSED). */
const CLOSED = ["won", "lost", "closed"];

/** What one lead of the shared path carries from its reads to its writes. */
type Shared = {
  member: GroupMember;
  routing: RoutingLead;
  live: LiveMatch[];
  spaces: LeadMatchSpaces;
  results: MatchResult[];
  excluded: Exclusion[];
};

/**
 * The common path of a lead.match group's leads in ONE transaction of shared statements (docs/decisions/193;
 * ADR 177 point 3): the leads locked in id order in one statement and their states read in one; the spaces of
 * all (found, live matches', pending of each lead's kind) in one read; the offered and listed spaces of all
 * locked (shared, in one order) and re-read together; the matches of all in one insert (and one update for
 * the withdrawals); the recruiters of every park any of them may be routed to locked in one statement, in id
 * order, before any load is read (ADR 187); each lead routed as before, against the loads its group's earlier
 * leads left; the outcomes of all in one update. Ranking stays per lead, in JS (LeadMatchSpaces).
 *
 * Leads of a rare path are only locked here and handed back in `perLead`, for the job to match each in its own
 * transaction once this one committed (the per-lead path, lead-match.job.ts matchOne): a lead gone, closed or
 * erased, edited since the search, a likely repeat, one a recruiter holds (held parks: endUnfitAssignments,
 * handover scripts), one of several units (a second read of its parks), a second row of a lead already here.
 * Throws on any failure, and then nothing of the group is kept: the caller matches every lead one by one.
 */
export async function matchGroup(
  ctx: JobContext,
  members: readonly GroupMember[],
  options: ReturnType<typeof matchingOptions>,
): Promise<{ perLead: GroupMember[]; notices: Notice[]; shared: number }> {
  const perLead: GroupMember[] = [];
  const seen = new Set<string>();
  const mine: GroupMember[] = [];
  for (const m of members) {
    if (seen.has(m.row.id)) perLead.push(m);
    else {
      seen.add(m.row.id);
      mine.push(m);
    }
  }
  const ids = mine.map((m) => m.row.id);
  const { notices, shared } = await ctx.sql.begin(async (tx) => {
    const [locked, states] = await Promise.all([lockLeadsForMatching(tx, ids), leadMatchStates(tx, ids).execute()]);
    const stateOf = new Map(states.map((s) => [s.leadId, s]));
    const version = states[0]?.version ?? null;
    ctx.spaceRows?.seeInventoryVersion(version);

    const leads: { member: GroupMember; lead: Lead; routing: Shared["routing"]; live: LiveMatch[] }[] = [];
    for (const m of mine) {
      const now = locked.get(m.row.id);
      const state = stateOf.get(m.row.id);
      if (
        !now ||
        !state ||
        CLOSED.includes(now.status) ||
        now.anonymised ||
        !sameMatchInput(now.lead, m.row.lead) ||
        repeatOf(now.lead) ||
        state.heldParks.length > 0
      ) {
        perLead.push(m);
        continue;
      }
      let lead: Lead;
      try {
        lead = withRegionCodes(now.lead);
      } catch {
        perLead.push(m); // a lead this code cannot read (edited since its search) fails alone, in its own transaction
        continue;
      }
      leads.push({ member: m, lead, routing: now.routing, live: state.live });
    }
    if (leads.length === 0) return { notices: [] as Notice[], shared: 0 };

    const spaceIds = new Set<string>();
    for (const l of leads) {
      for (const id of [...l.member.found.candidates, ...l.member.found.nearby]) spaceIds.add(id);
      for (const m of l.live) spaceIds.add(m.spaceId);
    }
    const read = await loadGroupSpaceRows(tx, [...spaceIds], ctx.spaceRows, {
      kinds: [...new Set(leads.map((l) => l.lead.need.kind))],
      limit: PENDING_LIMIT,
    });

    const work: Shared[] = [];
    for (const l of leads) {
      const own = new Set([...l.member.found.candidates, ...l.member.found.nearby, ...l.live.map((m) => m.spaceId)]);
      const rows = read.rows.filter((r) => own.has(r.id) || (read.pending.has(r.id) && r.kind === l.lead.need.kind));
      const spaces = new LeadMatchSpaces(l.lead, rows, options);
      // A lead of several units reads its parks' other spaces (ADR 130): its own transaction.
      if (spaces.unitParks().length > 0) {
        perLead.push(l.member);
        continue;
      }
      const results = spaces.rank(MATCH_LIMIT);
      work.push({ member: l.member, routing: l.routing, live: l.live, spaces, results, excluded: spaces.excluded(results) });
    }
    if (work.length === 0) return { notices: [] as Notice[], shared: 0 };

    // Lock what is offered and what the why-not lists name, of every lead at once, and re-read it (lead-match.job.ts
    // matchOne, ADR 127); the leads whose spaces changed are ranked again and take another round.
    let changing = work.filter((w) => w.results.length + w.excluded.length > 0);
    for (let round = 0; round < 3 && changing.length > 0; round++) {
      const lockedOf = new Map(changing.map((w) => [w, [...w.results.map((r) => r.spaceId), ...w.excluded.map((e) => e.spaceId)]]));
      const all = [...new Set([...lockedOf.values()].flat())];
      const [, now] = await Promise.all([lockSpacesShared(tx, all), loadSpaceRows(tx, { spaceIds: all, cache: ctx.spaceRows })]);
      const byId = new Map<string, SpaceRow>(now.map((r) => [r.id, r]));
      changing = changing.filter((w) => {
        const mineNow = lockedOf.get(w)!;
        const rows = mineNow.map((id) => byId.get(id)).filter((r): r is SpaceRow => r !== undefined);
        if (!w.spaces.update(mineNow, rows)) return false;
        w.results = w.spaces.rank(MATCH_LIMIT);
        w.excluded = w.spaces.excluded(w.results);
        return w.results.length + w.excluded.length > 0;
      });
    }

    const saved = work.map((w) => {
      const versioned: VersionedMatch[] = w.results.map((r) => ({ ...r, spaceVersion: w.spaces.version(r.spaceId) }));
      const withdrawals: Withdrawal[] = w.spaces.withdrawals(w.live, w.results);
      return { leadId: w.member.row.id, results: versioned, withdrawals };
    });
    await saveGroupMatches(tx, saved);

    // Every park any lead may be routed to (its results' and its live matches' still live), every recruiter of
    // them locked in ONE statement, in id order, before any load is read (ADR 187): a group takes its recruiters
    // in one order, so two groups (or a group and a lead's own transaction) sharing recruiters cannot deadlock
    // on them. routeLead's own lock then finds them locked and sends nothing.
    const parks = new Set<string>();
    work.forEach((w, i) => {
      for (const r of w.results) parks.add(r.parkId);
      const gone = new Set(saved[i].withdrawals.map((x) => x.spaceId));
      for (const c of w.spaces.candidates()) if (w.live.some((m) => m.spaceId === c.id) && !gone.has(c.id)) parks.add(c.parkId);
    });
    // Sent together: the reads run after the lock statement (and see what was committed before it).
    const [, reads] = await Promise.all([
      lockRecruitersOfParks(tx, [...parks].sort()),
      routingReadsOfLeads(
        tx,
        work.map((w) => w.member.row.id),
      ),
    ]);

    const notices: Notice[] = [];
    for (const w of work) {
      const read = reads.get(w.member.row.id);
      const routed = await routeLead(tx, w.member.row.id, ctx.routing, { excluded: w.excluded, lead: w.routing, read });
      notices.push(...routed.notices);
    }
    await recordMatchOutcomes(
      tx,
      work.map((w) => ({ leadId: w.member.row.id, inventoryVersion: version, excluded: w.excluded, outboxId: w.member.row.outboxId })),
    );
    return { notices, shared: work.length };
  });
  return { perLead, notices, shared };
}

/** Pending spaces (changed, not yet confirmed in the index) read per kind at most (lead-match.job.ts's PENDING_LIMIT). */
const PENDING_LIMIT = 1_000;

/** Whether two reads of a lead ask the same of the matcher (lead-match.job.ts's sameMatchInput). */
function sameMatchInput(a: Lead, b: Lead): boolean {
  return JSON.stringify([a.need, a.use, a.tax]) === JSON.stringify([b.need, b.use, b.tax]);
}
