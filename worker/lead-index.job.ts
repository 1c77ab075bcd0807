import { UnrecoverableError } from "bullmq";
import { waitSucceeded } from "../search/client";
import { toLeadDocument, type LeadRow } from "../search/lead-document";
import { markDone } from "~/db/outbox.server";
import type { JobContext } from "./job-context";

/**
 * Upserts the lead into Meilisearch `leads` with its current status, then records it in Postgres
 * (received → indexed). Runs again after matching, so the search document follows the status.
 */
export async function leadIndexJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  const [row] = await ctx.sql<LeadRow[]>`
    select id, reference, status, source, lead, created_at from leads where id = ${data.id}`;
  if (!row) throw new UnrecoverableError(`lead ${data.id} does not exist`);
  // Index the status the lead will have once this job is done.
  const doc = toLeadDocument({ ...row, status: row.status === "received" ? "indexed" : row.status });
  await waitSucceeded(ctx.search.index(ctx.indexNames.leads).addDocuments([doc], { primaryKey: "id" }));
  await ctx.sql.begin(async (tx) => {
    await tx`update leads set status = case when status = 'received' then 'indexed' else status end,
                              indexed_at = now(), updated_at = now()
             where id = ${data.id}`;
    await markDone(tx, data.outboxId);
  });
}
