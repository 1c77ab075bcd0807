import { UnrecoverableError } from "bullmq";
import { waitSucceeded } from "../search/client";
import { toLeadDocument, type LeadRow } from "../search/lead-document";
import { enqueue, markDone } from "~/db/outbox.server";
import type { JobContext } from "./job-context";

/** Upserts the lead into Meilisearch `leads`, then records it in Postgres: received → indexed. */
export async function leadIndexJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  const [row] = await ctx.sql<LeadRow[]>`
    select id, reference, status, source, lead, created_at from leads where id = ${data.id}`;
  if (!row) throw new UnrecoverableError(`lead ${data.id} does not exist`);
  // Index the status the lead will have once this job is done.
  const doc = toLeadDocument({ ...row, status: row.status === "received" ? "indexed" : row.status });
  await waitSucceeded(ctx.search.index(ctx.indexNames.leads).addDocuments([doc], { primaryKey: "id" }));
  await ctx.sql.begin(async (tx) => {
    const [updated] = await tx<{ matched_at: Date | null }[]>`
      update leads set status = case when status = 'received' then 'indexed' else status end,
                       indexed_at = now(), updated_at = now()
      where id = ${data.id}
      returning matched_at`;
    await markDone(tx, data.outboxId);
    // Matching follows the first indexing; a later re-index (reindex, status change) does not re-match.
    if (updated.matched_at === null) await enqueue(tx, "lead.match", [data.id]);
  });
}
