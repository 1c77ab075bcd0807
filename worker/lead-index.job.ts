import { UnrecoverableError } from "bullmq";
import { waitSucceeded } from "../search/client";
import { toLeadDocument, type LeadRow } from "../search/lead-document";
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
    await tx`update leads set status = case when status = 'received' then 'indexed' else status end,
                              indexed_at = now(), updated_at = now()
             where id = ${data.id}`;
    await tx`update outbox set done_at = now() where id = ${data.outboxId} and done_at is null`;
  });
}
