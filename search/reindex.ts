import type { Settings } from "meilisearch";

import type { Sql } from "~/db/db.server";
import { acknowledgeIndexedVersions, loadParkRows, loadSpaceRows } from "~/inventory/inventory-read.server";

import { ensureIndex, type SearchClient, waitSucceeded } from "./client";
import type { IndexNames } from "./index-names";
import { type LeadRow, toLeadDocument } from "./lead-document";
import { leadsSettings } from "./leads.index";
import { parksSettings } from "./parks.index";
import { toParkDocument, toSpaceDocument } from "./space-document";
import { spacesSettings } from "./spaces.index";

const BATCH = 5_000;

/**
 * Rebuilds an index from Postgres without search going blank: documents go into a temporary index
 * with the same settings, which is then swapped with the live one in one step.
 */
export async function rebuildIndex<T extends Record<string, unknown>>(
  client: SearchClient,
  uid: string,
  settings: Settings,
  docs: T[],
): Promise<number> {
  return rebuildIndexFrom(client, uid, settings, inBatches(docs));
}

async function* inBatches<T>(docs: T[]): AsyncIterable<T[]> {
  for (let i = 0; i < docs.length; i += BATCH) yield docs.slice(i, i + BATCH);
}

/** rebuildIndex from batches read as they are sent (the leads: never all in memory at once). Documents written. */
export async function rebuildIndexFrom<T extends Record<string, unknown>>(
  client: SearchClient,
  uid: string,
  settings: Settings,
  batches: AsyncIterable<T[]>,
): Promise<number> {
  await ensureIndex(client, uid, "id", settings); // a swap needs both sides to exist
  const tmp = `${uid}_rebuild_${Date.now()}`;
  await ensureIndex(client, tmp, "id", settings);
  let written = 0;
  try {
    for await (const batch of batches) {
      if (batch.length === 0) continue;
      await waitSucceeded(client.index(tmp).addDocuments(batch, { primaryKey: "id" }), 300_000);
      written += batch.length;
    }
    await waitSucceeded(client.swapIndexes([{ indexes: [uid, tmp], rename: false }]));
  } finally {
    await waitSucceeded(client.deleteIndex(tmp)).catch(() => {});
  }
  return written;
}

/**
 * The leads to index, oldest first, a page at a time by keyset on (created_at, id) (index leads_created,
 * migration 039): reading all of them at once took 1.66 GB of RSS at 1,000,000 leads
 * (docs/benchmarks.md, Reindex), and a cursor would hold one snapshot open for the whole rebuild.
 */
async function* leadDocuments(sql: Sql): AsyncIterable<ReturnType<typeof toLeadDocument>[]> {
  // The position as text, sent as text (a timestamptz parameter goes through a JS Date): a Date keeps
  // milliseconds, created_at has microseconds, and a page could come again forever.
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const rows: (LeadRow & { at: string })[] = await sql<(LeadRow & { at: string })[]>`
      select id, reference, status, source, lead, created_at, created_at::text as at from leads
      where anonymised_at is null ${after ? sql`and (created_at, id) > (${after.at}::text::timestamptz, ${after.id}::uuid)` : sql``}
      order by created_at, id limit ${BATCH}`;
    if (rows.length === 0) return;
    yield rows.map(toLeadDocument);
    const last = rows[rows.length - 1];
    after = { at: last.at, id: last.id };
  }
}

/** The three indexes by what they hold. */
export type IndexKind = keyof IndexNames;

/**
 * Fills the live index `uid` of `kind` from Postgres, creating it with its settings when missing — no
 * temporary index and no swap: the index was lost (deleted, renamed, Meilisearch restarted without its
 * data) and holds nothing worth keeping, and a write made meanwhile by the index writer is never undone by
 * a swap (a newer row has its own outbox row, written after; ADR 183). Returns the documents written.
 */
export async function refillIndex(sql: Sql, client: SearchClient, kind: IndexKind, uid: string): Promise<number> {
  await ensureIndex(client, uid, "id", INDEX_SETTINGS[kind]);
  let written = 0;
  for await (const batch of documentsOf(sql, kind)) {
    if (batch.length === 0) continue;
    await waitSucceeded(client.index(uid).addDocuments(batch, { primaryKey: "id" }), 300_000);
    written += batch.length;
  }
  return written;
}

/** Each index's settings by kind. */
export const INDEX_SETTINGS: Record<IndexKind, Settings> = { leads: leadsSettings, spaces: spacesSettings, parks: parksSettings };

async function* documentsOf(sql: Sql, kind: IndexKind): AsyncIterable<Record<string, unknown>[]> {
  if (kind === "leads") {
    yield* leadDocuments(sql);
    return;
  }
  if (kind === "spaces") yield* inBatches((await loadSpaceRows(sql)).map(toSpaceDocument));
  else yield* inBatches((await loadParkRows(sql)).map(toParkDocument));
}

export async function reindexAll(sql: Sql, client: SearchClient, names: IndexNames) {
  const spaces = await loadSpaceRows(sql);
  const parks = await loadParkRows(sql);
  const counts = {
    leads: await rebuildIndexFrom(client, names.leads, leadsSettings, leadDocuments(sql)),
    spaces: await rebuildIndex(client, names.spaces, spacesSettings, spaces.map(toSpaceDocument)),
    parks: await rebuildIndex(client, names.parks, parksSettings, parks.map(toParkDocument)),
  };
  // The index now shows these versions (a row changed meanwhile keeps a newer one: still pending).
  await acknowledgeIndexedVersions(
    sql,
    spaces.map((r) => [r.id, r.version]),
    parks.map((p) => [p.id, p.version]),
  );
  return counts;
}
