import { enqueue, markDone } from "~/db/outbox.server";
import type { Lead } from "~/domain/lead-schema";
import { hardCheck } from "~/domain/matching/hard";
import { rankMatches } from "~/domain/matching/rank";
import { failureReason } from "~/domain/matching/why-not";
import { withRegionCodes } from "~/domain/regions";
import { loadSpaceRows } from "~/inventory/inventory-read.server";
import { toSpaceCandidate } from "~/inventory/inventory-rows";
import { lockSpaceExclusive, lockSpacesShared, upsertSpaceMatch, withdrawMatch } from "~/matches/match-store.server";

import type { JobContext } from "./job-context";
import { matchingOptions } from "./matching-options";

export const OPEN_LEAD_DAYS = 90;

/**
 * Reverse matching after any change to a space (or to its park), straight from Postgres — it never
 * waits for the search index (docs/decisions/018):
 * 1. Matches the change invalidates are withdrawn (kept as history with the reason: "已出租", "层高
 *    6m < 需求 8m") and their leads re-matched. Taken under the space's exclusive lock, so a lead.match
 *    that is offering this space right now has committed before we look.
 * 2. If the space is available, every open lead it fits — including leads received a moment ago and
 *    not indexed yet — gets it as a match; new parks are routed by match.route.
 */
export async function spaceMatchJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  const options = matchingOptions(ctx);

  await ctx.sql.begin(async (tx) => {
    await lockSpaceExclusive(tx, data.id);
    const [row] = await loadSpaceRows(tx, { spaceIds: [data.id] });
    const live = await tx<{ lead_id: string; lead: Lead }[]>`
      select m.lead_id, l.lead from matches m join leads l on l.id = m.lead_id
      where m.space_id = ${data.id} and m.withdrawn_at is null and l.status not in ('won', 'lost', 'closed')`;
    const rematch: string[] = [];
    for (const m of live) {
      const lead = withRegionCodes(m.lead);
      const hard = row ? hardCheck(lead, toSpaceCandidate(row), options) : null;
      if (hard?.pass) continue;
      const reason =
        !row || !hard || hard.pass
          ? { zh: "房源已下架", en: "Space removed" }
          : pick(failureReason(lead, toSpaceCandidate(row), hard.failures[0], options));
      await withdrawMatch(tx, m.lead_id, { spaceId: data.id, reason });
      rematch.push(m.lead_id);
    }
    if (rematch.length) {
      const reason = tx.json({
        zh: `房源 ${row?.title ?? data.id} 不再符合，重新匹配`,
        en: `Space ${row?.title ?? data.id} no longer fits; re-matching`,
      } as never);
      await tx`insert into routing_events (lead_id, event, rule, reason)
               select id, 'rematch', 'inventory-changed', ${reason} from unnest(${rematch}::uuid[]) as id`;
      await enqueue(tx, "lead.match", rematch);
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
    // Kind and area narrow the leads in SQL; every hard constraint is then checked in code. 'received'
    // counts: a lead that arrived a moment ago may have been matched against an older inventory.
    const leads = await tx<{ id: string; lead: Lead }[]>`
      select id, lead from leads
      where status in ('received', 'indexed', 'matched', 'unmatched', 'assigned')
        and created_at > now() - make_interval(days => ${OPEN_LEAD_DAYS})
        and lead->'need'->>'kind' = ${space.kind}
        and coalesce((lead->'need'->>'areaMinSqm')::float8, 0) * 0.8 <= ${space.areaSqm}`;
    const fits = leads
      .map((l) => ({ id: l.id, result: rankMatches(withRegionCodes(l.lead), [space], { limit: 1, ...options })[0] }))
      .filter((f) => f.result !== undefined);
    for (const f of fits) {
      await upsertSpaceMatch(tx, f.id, { ...f.result, spaceVersion: row.version });
      await tx`update leads set status = 'matched', updated_at = now() where id = ${f.id} and status = 'unmatched'`;
    }
    // A new park among a lead's matches gets its own assignment.
    await enqueue(
      tx,
      "match.route",
      fits.map((f) => f.id),
    );
    await markDone(tx, data.outboxId);
  });
}

const pick = (r: { zh: string; en: string }) => ({ zh: r.zh, en: r.en });
