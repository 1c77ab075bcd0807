import { markDone } from "~/db/outbox.server";
import { loadParkRows, loadSpaceRows } from "~/inventory/inventory-read.server";
import { waitSucceeded } from "../search/client";
import { toParkDocument, toSpaceDocument } from "../search/space-document";
import type { JobContext } from "./job-context";

/** Keeps the `spaces` document in step with Postgres. */
export async function spaceIndexJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  const [row] = await loadSpaceRows(ctx.sql, { spaceIds: [data.id] });
  const index = ctx.search.index(ctx.indexNames.spaces);
  if (row) await waitSucceeded(index.addDocuments([toSpaceDocument(row)], { primaryKey: "id" }));
  else await waitSucceeded(index.deleteDocument(data.id));
  await markDone(ctx.sql, data.outboxId);
}

/** A park's facts are copied onto each of its spaces: re-index the park and all its spaces. */
export async function parkIndexJob(ctx: JobContext, data: { outboxId: number; id: string }): Promise<void> {
  const [park] = await loadParkRows(ctx.sql, [data.id]);
  if (park) {
    await waitSucceeded(ctx.search.index(ctx.indexNames.parks).addDocuments([toParkDocument(park)], { primaryKey: "id" }));
    const spaces = await loadSpaceRows(ctx.sql, { parkIds: [data.id] });
    if (spaces.length) await waitSucceeded(ctx.search.index(ctx.indexNames.spaces).addDocuments(spaces.map(toSpaceDocument), { primaryKey: "id" }), 120_000);
  } else {
    await waitSucceeded(ctx.search.index(ctx.indexNames.parks).deleteDocument(data.id));
  }
  await markDone(ctx.sql, data.outboxId);
}
