import { routeLead } from "~/assignments/route-lead.server";
import { markDone } from "~/db/outbox.server";

import { deliverNotices } from "./deliver-notices";
import type { JobContext } from "./job-context";

/**
 * Routes a lead to recruiters park by park for the parks that have no assignment yet (reverse
 * matching brought a new park), then delivers the notices.
 */
export async function matchRouteJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  const { notices } = await ctx.sql.begin(async (tx) => {
    const routed = await routeLead(tx, data.id, ctx.routing);
    await markDone(tx, data.outboxId);
    return routed;
  });
  await deliverNotices(ctx, notices);
}
