import { enqueue, markDone } from "~/db/outbox.server";
import type { Lead } from "~/domain/lead-schema";
import { rankMatches } from "~/domain/matching/rank";
import { withRegionCodes } from "~/domain/regions";
import { loadSpaceRows } from "~/inventory/inventory-read.server";
import { upsertSpaceMatch } from "~/matching/match-store.server";
import { toSpaceCandidate } from "../search/space-document";
import type { JobContext } from "./job-context";

export const OPEN_LEAD_DAYS = 90;

/** Reverse matching: a space that is (again) available reaches the open leads it fits. */
export async function spaceMatchJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  const [row] = await loadSpaceRows(ctx.sql, { spaceIds: [data.id] });
  if (!row || row.status !== "available") {
    await markDone(ctx.sql, data.outboxId);
    return;
  }
  const space = toSpaceCandidate(row);
  // Kind and area narrow the leads in SQL; every hard constraint is then checked in code.
  const leads = await ctx.sql<{ id: string; lead: Lead }[]>`
    select id, lead from leads
    where status in ('indexed', 'matched', 'unmatched', 'assigned')
      and created_at > now() - make_interval(days => ${OPEN_LEAD_DAYS})
      and lead->'need'->>'kind' = ${space.kind}
      and coalesce((lead->'need'->>'areaMinSqm')::float8, 0) * 0.8 <= ${space.areaSqm}`;
  const fits = leads
    .map((l) => ({ id: l.id, result: rankMatches(withRegionCodes(l.lead), [space], { limit: 1 })[0] }))
    .filter((f) => f.result !== undefined);
  await ctx.sql.begin(async (tx) => {
    for (const f of fits) {
      await upsertSpaceMatch(tx, f.id, f.result);
      await tx`update leads set status = 'matched', updated_at = now() where id = ${f.id} and status = 'unmatched'`;
    }
    // A new park among a lead's matches gets its own assignment.
    await enqueue(tx, "match.route", fits.map((f) => f.id));
    await markDone(tx, data.outboxId);
  });
}
