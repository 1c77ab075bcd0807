import { recordRoutingEvent } from "~/assignments/routing-events.server";
import { enqueue, markDone } from "~/db/outbox.server";
import { areaFitOf, hardCheck, unitsWanted } from "~/domain/matching/hard";
import { rankMatches } from "~/domain/matching/rank";
import { placeAmongTop } from "~/domain/matching/top-matches";
import type { MatchResult, SpaceCandidate } from "~/domain/matching/types";
import { failureReason } from "~/domain/matching/why-not";
import { withRegionCodes } from "~/domain/regions";
import { auditMessages } from "~/i18n/audit-messages";
import { loadSpaceRows } from "~/inventory/inventory-read.server";
import { toSpaceCandidate } from "~/inventory/inventory-rows";
import {
  liveMatchesOfSpace,
  liveStandings,
  markLeadMatched,
  openLeadsForSpace,
  openLeadsNamingNearMiss,
} from "~/matches/match-leads.server";
import { lockSpaceExclusive, lockSpacesShared, OUTRANKED, upsertSpaceMatch, withdrawMatch } from "~/matches/match-store.server";

import type { JobContext } from "./job-context";
import { matchingOptions } from "./matching-options";

export const OPEN_LEAD_DAYS = 90;

/**
 * The work reverse matching makes (re-matches, routing of the parks it brought) is bulk like itself: an
 * import of many spaces against many open leads makes thousands of rows, none of which a new lead's own
 * work may wait behind (docs/decisions/155).
 */
const BULK = { bulk: true } as const;

/**
 * Reverse matching after any change to a space (or to its park), straight from Postgres — it never
 * waits for the search index (docs/decisions/018):
 * 1. Matches the change invalidates are withdrawn (kept as history with the reason: "已出租", "层高
 *    6m < 需求 8m") and their leads re-matched. Taken under the space's exclusive lock, so a lead.match
 *    that is offering this space right now has committed before we look.
 * 2. If the space is no longer available, the open leads whose stored why-not list names it as a near
 *    miss are re-matched too (docs/decisions/127): their list and the hotline's call-back script stop
 *    offering it (the pages leave it out at once). Under the same lock.
 * 3. If the space is available, every open lead it fits — including leads received a moment ago and
 *    not indexed yet — gets it as a match when it ranks among the lead's top MATCH_LIMIT, the live matches it
 *    outranks withdrawn except in a park the lead is held in (docs/decisions/152); new parks are routed by
 *    match.route.
 */
export async function spaceMatchJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  const options = matchingOptions(ctx);

  await ctx.sql.begin(async (tx) => {
    await lockSpaceExclusive(tx, data.id);
    const [row] = await loadSpaceRows(tx, { spaceIds: [data.id] });
    const live = await liveMatchesOfSpace(tx, data.id);
    const rematch: string[] = [];
    for (const m of live) {
      const lead = withRegionCodes(m.lead);
      const hard = row ? hardCheck(lead, toSpaceCandidate(row), options) : null;
      if (hard?.pass) continue;
      const reason =
        !row || !hard || hard.pass
          ? auditMessages.both("space.removed")
          : pick(failureReason(lead, toSpaceCandidate(row), hard.failures[0], options));
      await withdrawMatch(tx, m.leadId, { spaceId: data.id, reason });
      rematch.push(m.leadId);
    }
    if (rematch.length) {
      const reason = auditMessages.both("space.noLongerFits", { space: row?.title ?? data.id });
      for (const leadId of rematch) await recordRoutingEvent(tx, { leadId, event: "rematch", rule: "inventory-changed", reason });
      await enqueue(tx, "lead.match", rematch, BULK);
    }
    // No longer a near miss of anyone: gone, or not available (let, reserved, retired, its park retired). Asked only
    // then, not after every edit of an available space (an import's thousands of space.match jobs).
    if (!row || row.status !== "available") {
      const listed = await openLeadsNamingNearMiss(tx, data.id, rematch);
      const reason = auditMessages.both("space.nearMissGone", { space: row?.title ?? data.id });
      // Sent together (one round trip): a space let can be a near miss of hundreds of leads.
      await Promise.all(
        listed.map((leadId) => recordRoutingEvent(tx, { leadId, event: "rematch", rule: "inventory-changed", reason }).execute()),
      );
      await enqueue(tx, "lead.match", listed, BULK);
    }
  });

  await ctx.sql.begin(async (tx) => {
    await lockSpacesShared(tx, [data.id]);
    const [row] = await loadSpaceRows(tx, { spaceIds: [data.id] });
    if (!row || row.status !== "available") {
      await markDone(tx, data.outboxId);
      return;
    }
    const space = toSpaceCandidate(row);
    // The SQL narrows the leads by the hard constraints it can compare cheaply; all of them are checked in code.
    const leads = await openLeadsForSpace(tx, space, OPEN_LEAD_DAYS);
    // A lead of several units (docs/decisions/130) is weighed with the park's other spaces (its count of units
    // that fit): read once, only when such a lead is among them.
    let park: SpaceCandidate[] | undefined;
    const parkSpaces = async () =>
      (park ??= (await loadSpaceRows(tx, { parkIds: [space.parkId] })).filter((r) => r.id !== space.id).map(toSpaceCandidate));
    const fits: { id: string; result: MatchResult; units: boolean; displaced: string[] }[] = [];
    for (const l of leads) {
      const lead = withRegionCodes(l.lead);
      const units = unitsWanted(lead) > 1;
      const [result] = rankMatches(lead, [space], { limit: 1, ...options, ...(units ? { alsoInParks: await parkSpaces() } : {}) });
      if (result) fits.push({ id: l.id, result, units: units && areaFitOf(lead, space) === "unit", displaced: [] });
    }
    // Only into a lead's top MATCH_LIMIT, pushing out what it outranks outside a held park (docs/decisions/152):
    // every space that fit used to become one more live match, thousands after a large import (attack 12-05g M1).
    const standings = await liveStandings(
      tx,
      fits.map((f) => f.id),
    );
    const offered = fits.filter((f) => {
      const s = standings.get(f.id) ?? { live: [], heldParks: new Set<string>() };
      const place = placeAmongTop(s.live, f.result, s.heldParks);
      if (place.offer) f.displaced = place.displaced;
      return place.offer;
    });
    for (const f of offered) {
      await upsertSpaceMatch(tx, f.id, { ...f.result, spaceVersion: row.version });
      for (const spaceId of f.displaced) await withdrawMatch(tx, f.id, { spaceId, reason: OUTRANKED });
      await markLeadMatched(tx, f.id);
    }
    // The lead's other matches in the park were weighed with one unit fewer: matched again, they say the count now.
    await enqueue(
      tx,
      "lead.match",
      offered.filter((f) => f.units).map((f) => f.id),
      BULK,
    );
    // A new park among a lead's matches gets its own assignment.
    await enqueue(
      tx,
      "match.route",
      offered.map((f) => f.id),
      BULK,
    );
    await markDone(tx, data.outboxId);
  });
}

const pick = (r: { zh: string; en: string }) => ({ zh: r.zh, en: r.en });
