import { UnrecoverableError } from "bullmq";
import { enqueue, markDone } from "~/db/outbox.server";
import type { Lead } from "~/domain/lead-schema";
import { rankMatches } from "~/domain/matching/rank";
import { loadSpaceRows } from "~/inventory/inventory-read.server";
import { replaceLeadMatches } from "~/matching/match-store.server";
import { toSpaceCandidate } from "../search/space-document";
import { findCandidates } from "../search/spaces.query";
import type { JobContext } from "./job-context";

const CLOSED = ["won", "lost"];

/**
 * Hard constraints as Meilisearch filters find the candidates; they are then re-read from Postgres
 * (the index may lag a change by a moment) and scored in code. Top 5 stored with their reasons.
 */
export async function leadMatchJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  const [row] = await ctx.sql<{ lead: Lead; status: string }[]>`select lead, status from leads where id = ${data.id}`;
  if (!row) throw new UnrecoverableError(`lead ${data.id} does not exist`);
  if (CLOSED.includes(row.status)) {
    await markDone(ctx.sql, data.outboxId);
    return;
  }
  const found = await findCandidates(ctx.search, row.lead, { indexUid: ctx.indexNames.spaces });
  const fresh = (await loadSpaceRows(ctx.sql, { spaceIds: found.map((c) => c.id) })).map(toSpaceCandidate);
  const results = rankMatches(row.lead, fresh, { limit: 5 });

  await ctx.sql.begin(async (tx) => {
    await replaceLeadMatches(tx, data.id, results);
    const [{ n }] = await tx<{ n: number }[]>`select count(*)::int as n from matches where lead_id = ${data.id}`;
    const next = n > 0 ? "matched" : "unmatched";
    await tx`update leads set status = ${next}, matched_at = now(), updated_at = now()
             where id = ${data.id} and status in ('received', 'indexed', 'matched', 'unmatched')`;
    await markDone(tx, data.outboxId);
    // Routing follows: assignments per park, or a call-back task when nothing matched. The search
    // document is refreshed with the new status off the critical path.
    await enqueue(tx, "match.route", [data.id]);
    await enqueue(tx, "lead.index", [data.id]);
  });
}
