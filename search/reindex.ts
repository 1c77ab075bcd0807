import type { Settings } from "meilisearch";

import type { Sql, TransactionSql } from "~/db/db.server";
import { type IndexTopic, indexTopicsSql } from "~/db/outbox.server";
import { acknowledgeIndexedVersions, loadParkRows, loadSpaceRows } from "~/inventory/inventory-read.server";

import { ensureIndex, meiliErrorCode, type SearchClient, waitSucceeded } from "./client";
import { lockDocuments } from "./document-locks";
import type { IndexNames } from "./index-names";
import { type LeadRow, toLeadDocument } from "./lead-document";
import { type LeadDocument, leadsSettings } from "./leads.index";
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
  beforeSwap?: () => Promise<void>,
): Promise<number> {
  return rebuildIndexFrom(client, uid, settings, inBatches(docs), beforeSwap);
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
  beforeSwap?: () => Promise<void>,
): Promise<number> {
  await ensureIndex(client, uid, "id", settings); // a swap needs both sides to exist
  const tmp = `${uid}${REBUILD_MARK}${Date.now()}`;
  await ensureIndex(client, tmp, "id", settings);
  let written = 0;
  try {
    for await (const batch of batches) {
      if (batch.length === 0) continue;
      await waitSucceeded(client.index(tmp).addDocuments(batch, { primaryKey: "id" }), 300_000);
      written += batch.length;
    }
    await beforeSwap?.();
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
      select id, reference, source, lead, created_at, created_at::text as at from leads
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
 * a swap (ADR 183). It writes the live index beside the index writers of every worker process, so it writes
 * as they do (ADR 213): a page of documents at a time, each page's documents locked (lockDocuments), read
 * again under the lock and written before the lock is let go — a writer that erased a lead, or wrote a
 * space's change, between the page's first read and its write is waited for, never overwritten by the
 * older read. Returns the documents written.
 */
export async function refillIndex(sql: Sql, client: SearchClient, kind: IndexKind, uid: string): Promise<number> {
  await ensureIndex(client, uid, "id", INDEX_SETTINGS[kind]);
  let written = 0;
  for await (const ids of idPages(sql, kind)) {
    written += await sql.begin(async (tx) => {
      await lockDocuments(tx, kind === "leads" ? ids : [], kind === "spaces" ? ids : [], kind === "parks" ? ids : []);
      const docs = await documentsOf(tx, kind, ids);
      if (docs.length) await waitSucceeded(client.index(uid).addDocuments(docs, { primaryKey: "id" }), 300_000);
      return docs.length;
    });
  }
  return written;
}

/** Each index's settings by kind. */
export const INDEX_SETTINGS: Record<IndexKind, Settings> = { leads: leadsSettings, spaces: spacesSettings, parks: parksSettings };

/**
 * Documents written under one lock (a refill's page, a rewrite's chunk): one lock each, and Postgres's
 * shared lock table holds 6,400 by default for every connection together (search/document-locks.ts).
 */
const LOCKED_PAGE = 1_000;

/**
 * The ids of `kind` to index, a page at a time by keyset (leads on (created_at, id), index leads_created: never all
 * in memory at once, nor one snapshot held open for the whole run; spaces and parks by id); erased leads left out.
 */
async function* idPages(sql: Sql, kind: IndexKind): AsyncIterable<string[]> {
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const rows: { id: string; at: string }[] =
      kind === "leads"
        ? await sql<{ id: string; at: string }[]>`
            select id, created_at::text as at from leads
            where anonymised_at is null ${after ? sql`and (created_at, id) > (${after.at}::text::timestamptz, ${after.id}::uuid)` : sql``}
            order by created_at, id limit ${LOCKED_PAGE}`
        : kind === "spaces"
          ? await sql<{ id: string; at: string }[]>`
              select id, '' as at from spaces ${after ? sql`where id > ${after.id}` : sql``} order by id limit ${LOCKED_PAGE}`
          : await sql<{ id: string; at: string }[]>`
              select id, '' as at from parks ${after ? sql`where id > ${after.id}` : sql``} order by id limit ${LOCKED_PAGE}`;
    if (rows.length === 0) return;
    yield rows.map((r) => r.id);
    after = rows[rows.length - 1];
  }
}

/** The documents of `ids` of `kind` as Postgres holds them now (erased leads, gone rows: none). */
async function documentsOf(sql: Sql | TransactionSql, kind: IndexKind, ids: string[]): Promise<Record<string, unknown>[]> {
  if (kind === "spaces") return (await loadSpaceRows(sql, { spaceIds: ids })).map(toSpaceDocument);
  if (kind === "parks") return (await loadParkRows(sql, ids)).map(toParkDocument);
  const leads = await sql<LeadRow[]>`
    select id, reference, source, lead, created_at from leads where id = any(${ids}::uuid[]) and anonymised_at is null`;
  return leads.map(toLeadDocument);
}

/** What a rebuild's temporary index is called after the live one's uid: `leads_rebuild_1733472000000`. */
const REBUILD_MARK = "_rebuild_";

/**
 * One `npm run reindex` at a time (a session advisory lock): a second run would delete the first one's
 * temporary indexes as left over (dropLeftRebuilds). Not a lock any transaction of the app takes.
 */
const REINDEX_LOCK = "parkmatch: npm run reindex";

/** Another `npm run reindex` of this database holds the lock. */
export class ReindexRunningError extends Error {
  constructor() {
    super("another `npm run reindex` of this database is running: wait for it to end, then run it again if still needed");
  }
}

/** Test seams of reindexAll: `beforeSwap` runs once an index's documents are in its temporary index, before the swap. */
export type ReindexHooks = { beforeSwap?: (kind: IndexKind) => Promise<void> };

/**
 * Rebuilds the three indexes (temporary index + swap each), then writes again, from Postgres as it is now,
 * every lead, space and park whose index write may have happened while the rebuild ran (writesSince): the
 * worker's index writer goes on writing the live index meanwhile, and the swap puts back what the temporary
 * index read before — an erasure's delete undone (the person's name and phone searchable again), a space's
 * change lost (its index document older than the version acknowledged, so matching missed it). Temporary
 * indexes a killed run left behind (they hold leads as they were, erased ones too) are deleted first.
 * Throws ReindexRunningError while another run holds the lock.
 */
export async function reindexAll(sql: Sql, client: SearchClient, names: IndexNames, hooks: ReindexHooks = {}) {
  const lock = await sql.reserve();
  try {
    const [{ locked }] = await lock<{ locked: boolean }[]>`select pg_try_advisory_lock(hashtextextended(${REINDEX_LOCK}, 0)) as locked`;
    if (!locked) throw new ReindexRunningError();
    try {
      await deleteLeftRebuilds(client, names);
      const since = await writesMark(sql);
      const swapHook = (kind: IndexKind) => (hooks.beforeSwap ? () => hooks.beforeSwap!(kind) : undefined);
      const leads = await rebuildIndexFrom(client, names.leads, leadsSettings, leadDocuments(sql), swapHook("leads"));
      // Read just before their own rebuild, not before the leads' (minutes at 1,000,000 leads).
      const spaces = await loadSpaceRows(sql);
      const spacesWritten = await rebuildIndex(client, names.spaces, spacesSettings, spaces.map(toSpaceDocument), swapHook("spaces"));
      const parks = await loadParkRows(sql);
      const parksWritten = await rebuildIndex(client, names.parks, parksSettings, parks.map(toParkDocument), swapHook("parks"));
      // The index now shows these versions (a row changed meanwhile keeps a newer one: still pending).
      await acknowledgeIndexedVersions(
        sql,
        spaces.map((r) => [r.id, r.version]),
        parks.map((p) => [p.id, p.version]),
      );
      const rewritten = await rewriteChangedSince(sql, client, names, since);
      return { leads, spaces: spacesWritten, parks: parksWritten, rewritten };
    } finally {
      await lock`select pg_advisory_unlock(hashtextextended(${REINDEX_LOCK}, 0))`.catch(() => {});
    }
  } finally {
    lock.release();
  }
}

/**
 * The moment from which an index write may be lost to a rebuild's swap, on the database's clock: now, less a
 * minute. The index writer marks its rows done at its transaction's start (`now()`), which comes just before
 * it reads what it writes: a write that read a change the rebuild had not yet read is marked after this.
 */
async function writesMark(sql: Sql): Promise<string> {
  const [{ since }] = await sql<{ since: string }[]>`select (clock_timestamp() - interval '1 minute')::text as since`;
  return since;
}

/**
 * Writes into the live indexes, from Postgres as it is now, every lead, space and park an index outbox row
 * names that was finished since `since` or is not finished yet (the index writer may be writing it now):
 * what the writer wrote while a rebuild ran, and the swap put back. A lead erased or gone, a space or park
 * gone, is deleted. Every index write has its outbox row (the writer writes nothing else), so nothing is
 * missed. Returns the documents written or deleted.
 */
export async function rewriteChangedSince(sql: Sql, client: SearchClient, names: IndexNames, since: string): Promise<number> {
  const rows = await sql<{ topic: IndexTopic; aggregateId: string }[]>`
    select distinct topic, aggregate_id from outbox
    where topic in ${indexTopicsSql(sql)} and (done_at is null or done_at >= ${since}::timestamptz)`;
  const ids = (topic: IndexTopic) => rows.filter((r) => r.topic === topic).map((r) => r.aggregateId);
  let count = 0;
  // Each chunk locked, read and written as the index writer does (lockDocuments): a writer's newer write is
  // waited for, never overwritten by this read (ADR 213).
  for (const chunk of chunks(ids("lead.index")))
    count += await sql.begin(async (tx) => {
      await lockDocuments(tx, chunk, [], []);
      const kept = (await documentsOf(tx, "leads", chunk)) as LeadDocument[];
      const gone = chunk.filter((id) => !kept.some((l) => l.id === id));
      if (kept.length) await waitSucceeded(client.index(names.leads).addDocuments(kept, { primaryKey: "id" }), 300_000);
      if (gone.length) await waitSucceeded(client.index(names.leads).deleteDocuments(gone), 300_000);
      return chunk.length;
    });
  // A park's write is its park and all its spaces (as the index writer's).
  const pages: { spaceIds: string[]; parkIds: string[] }[] = [
    ...chunks(ids("park.index")).map((parkIds) => ({ spaceIds: [], parkIds })),
    ...chunks(ids("space.index")).map((spaceIds) => ({ spaceIds, parkIds: [] })),
  ];
  for (const page of pages)
    count += await sql.begin(async (tx) => {
      await lockDocuments(tx, [], page.spaceIds, page.parkIds);
      const parks = await loadParkRows(tx, page.parkIds);
      const spaces = [
        ...(await loadSpaceRows(tx, { spaceIds: page.spaceIds })),
        ...(parks.length ? await loadSpaceRows(tx, { parkIds: parks.map((p) => p.id) }) : []),
      ];
      const spacesGone = page.spaceIds.filter((id) => !spaces.some((s) => s.id === id));
      const parksGone = page.parkIds.filter((id) => !parks.some((p) => p.id === id));
      for (const chunk of chunks(spaces))
        await waitSucceeded(client.index(names.spaces).addDocuments(chunk.map(toSpaceDocument), { primaryKey: "id" }), 300_000);
      if (spacesGone.length) await waitSucceeded(client.index(names.spaces).deleteDocuments(spacesGone), 300_000);
      if (parks.length)
        await waitSucceeded(client.index(names.parks).addDocuments(parks.map(toParkDocument), { primaryKey: "id" }), 300_000);
      if (parksGone.length) await waitSucceeded(client.index(names.parks).deleteDocuments(parksGone), 300_000);
      await acknowledgeIndexedVersions(
        tx,
        spaces.map((r) => [r.id, r.version]),
        parks.map((p) => [p.id, p.version]),
      );
      return spaces.length + spacesGone.length + parks.length + parksGone.length;
    });
  return count;
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += LOCKED_PAGE) out.push(items.slice(i, i + LOCKED_PAGE));
  return out;
}

/**
 * Deletes the temporary indexes of `names` that an earlier rebuild left behind (killed before its `finally`):
 * they hold documents as they were — a lead erased since among them — and nothing reads them. Only while
 * holding the reindex lock, so no running rebuild's index is taken. Returns their uids.
 */
async function deleteLeftRebuilds(client: SearchClient, names: IndexNames): Promise<string[]> {
  const left: string[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await client.getRawIndexes({ offset, limit: 100 });
    for (const { uid } of page.results)
      if (
        Object.values(names).some(
          (name) => uid.startsWith(`${name}${REBUILD_MARK}`) && /^\d+$/.test(uid.slice(name.length + REBUILD_MARK.length)),
        )
      )
        left.push(uid);
    if (page.results.length < 100) break;
  }
  for (const uid of left)
    await waitSucceeded(client.deleteIndex(uid)).catch((error: unknown) => {
      // Gone meanwhile (its run's own `finally`, late): the task fails with index_not_found, which is what was wanted.
      if (meiliErrorCode(error) !== "index_not_found" && !/\bnot found\b/i.test(String((error as Error).message ?? ""))) throw error;
    });
  return left;
}
