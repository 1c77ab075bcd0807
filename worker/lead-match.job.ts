import { UnrecoverableError } from "bullmq";
import { enqueue, markDone } from "~/db/outbox.server";
import type { Lead } from "~/domain/lead-schema";
import { rankMatches } from "~/domain/matching/rank";
import { loadSpaceRows } from "~/inventory/inventory-read.server";
import { replaceLeadMatches } from "~/matching/match-store.server";
import { routeLead } from "~/routing/route-lead.server";
import { toSpaceCandidate } from "../search/space-document";
import { findCandidates } from "../search/spaces.query";
import { deliverNotices } from "./deliver-notices";
import type { JobContext } from "./job-context";

const CLOSED = ["won", "lost"];

/**
 * Hard constraints as Meilisearch filters find the candidates; they are then re-read from Postgres
 * (the index may lag a change by a moment) and scored in code. Top 5 stored with their reasons.
 * Routing follows in the same transaction (an assignment per park, or a call-back task when nothing
 * matched) and the recruiters' notices are delivered right after it commits: the common path of a
 * lead is this one job (docs/decisions/013).
 */
export async function leadMatchJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  const [row] = await ctx.sql<{ lead: Lead; status: string; anonymised: boolean }[]>`
    select lead, status, anonymised_at is not null as anonymised from leads where id = ${data.id}`;
  if (!row) throw new UnrecoverableError(`lead ${data.id} does not exist`);
  // Won, lost, or erased at the person's request before it was matched: nobody is to call about it.
  if (CLOSED.includes(row.status) || row.anonymised) {
    await markDone(ctx.sql, data.outboxId);
    return;
  }
  const found = await findCandidates(ctx.search, row.lead, { indexUid: ctx.indexNames.spaces });
  const fresh = (await loadSpaceRows(ctx.sql, { spaceIds: found.map((c) => c.id) })).map(toSpaceCandidate);
  const results = rankMatches(row.lead, fresh, { limit: 5 });

  const { notices } = await ctx.sql.begin(async (tx) => {
    await replaceLeadMatches(tx, data.id, results);
    await tx`update leads set status = case when exists (select 1 from matches where lead_id = ${data.id}) then 'matched' else 'unmatched' end,
                              matched_at = now(), updated_at = now()
             where id = ${data.id} and status in ('received', 'indexed', 'matched', 'unmatched')`;
    const routed = await routeLead(tx, data.id, ctx.routing);
    await Promise.all([
      markDone(tx, data.outboxId),
      enqueue(tx, "lead.index", [data.id]), // the search document follows the new status
    ]);
    return routed;
  });
  await deliverNotices(ctx, notices);
}
