import { markDone } from "~/db/outbox.server";
import { routeLead } from "~/routing/route-lead.server";
import type { JobContext } from "./job-context";

/** Routes a matched lead to recruiters park by park (or queues a call-back when nothing matched). */
export async function matchRouteJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    await routeLead(tx, data.id, ctx.slaMinutes);
    await markDone(tx, data.outboxId);
  });
}
