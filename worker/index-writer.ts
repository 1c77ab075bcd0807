import type { EnqueuedTaskPromise } from "meilisearch";

import type { Sql, TransactionSql } from "~/db/db.server";
import { INDEX_CHANNEL, type IndexTopic, indexTopicsSql } from "~/db/outbox.server";
import { acknowledgeIndexedVersions, loadParkRows, loadSpaceRows } from "~/inventory/inventory-read.server";
import { errorMessage, log } from "~/utils/log.server";

import { isRefusal, waitSucceeded } from "../search/client";
import { lockDocuments } from "../search/document-locks";
import { type LeadRow, toLeadDocument } from "../search/lead-document";
import { toParkDocument, toSpaceDocument } from "../search/space-document";
import type { JobContext } from "./job-context";
import { failureText, scrubPersonal } from "./job-failure";
import { cappedBackoff } from "./queue";

type Claimed = { id: number; topic: IndexTopic; aggregateId: string; attempts: number };
/** A Meilisearch write, started only once everything was read from Postgres. */
type Write = () => EnqueuedTaskPromise;

/**
 * Keeps the search indexes in step with Postgres: takes due `lead.index`, `space.index` and
 * `park.index` outbox rows in one batch, writes each index once, and marks the rows done in the
 * transaction that claimed them. Meilisearch pays a fixed cost per task (tens of ms of CPU), not per
 * document, so one task per batch is what lets intake run at tens of leads a second (docs/decisions/013).
 *
 * A batch that Meilisearch refuses (or a row whose document cannot be built) is not retried as a
 * whole: its rows are set aside and come back one by one, so a bad document delays only itself. When
 * Meilisearch is unreachable or failing on its side, nothing changes: the error is thrown and the
 * writer backs off.
 */
export const BATCH_LIMIT = 500;

export type BatchResult = { claimed: number; setAside: number };

export async function writeIndexBatch(
  ctx: JobContext,
  options: { retried?: boolean; limit?: number; writeDelayMs?: number } = {},
): Promise<BatchResult> {
  let claimed: Claimed[] = [];
  try {
    return await ctx.sql.begin(async (tx) => {
      claimed = await claim(tx, options.retried ? "retried" : "fresh", options.retried ? 1 : (options.limit ?? BATCH_LIMIT));
      if (claimed.length === 0) return { claimed: 0, setAside: 0 };
      const ids = (topic: IndexTopic) => [...new Set(claimed.filter((r) => r.topic === topic).map((r) => r.aggregateId))];
      // Each claimed document locked before it is read (search/document-locks.ts).
      await lockDocuments(tx, ids("lead.index"), ids("space.index"), ids("park.index"));
      const leads = await leadWrites(ctx, tx, ids("lead.index"));
      const spaces = await spaceWrites(ctx, tx, ids("space.index"));
      const parks = await parkWrites(ctx, tx, ids("park.index"));
      const writes = [...leads.writes, ...spaces.writes, ...parks.writes];
      if (options.writeDelayMs) await new Promise((r) => setTimeout(r, options.writeDelayMs)); // test seam: a slow writer
      // All tasks are enqueued together, so Meilisearch can take them in one of its own batches.
      await Promise.all(writes.map((write) => waitSucceeded(write(), 120_000)));
      // Only now that Meilisearch confirmed them: the versions the index shows (docs/decisions/018).
      await acknowledgeIndexedVersions(tx, [...spaces.versions, ...parks.spaceVersions], parks.versions);
      // Only a lead's first document changes its row (indexed_at, and `received` → `indexed`): a lead is
      // indexed again after every edit of its need, and each update of the row moves its 15 indexes
      // (three trigram GIN) unless Postgres can keep it on the page (docs/decisions/050).
      if (leads.written.length) {
        // The rows locked in id order, as space.match and lead.match lock leads: two writers of several leads each,
        // locking in different orders, deadlocked (attack 12-05g L1: this update against space.match's).
        await tx`with locked as (select id from leads where id = any(${leads.written}::uuid[]) and (indexed_at is null or status = 'received')
                                 order by id for no key update)
                 update leads set status = case when status = 'received' then 'indexed' else status end,
                                  indexed_at = now(), updated_at = now()
                 where id in (select id from locked)`;
      }
      const unbuildable = claimed.filter((r) => r.topic === "lead.index" && leads.failed.has(r.aggregateId));
      const done = claimed.filter((r) => !unbuildable.includes(r));
      if (done.length) await tx`update outbox set done_at = now() where id = any(${done.map((r) => r.id)}::bigint[])`;
      if (unbuildable.length) await setAside(tx, unbuildable, `search document not built: ${[...leads.failed.values()][0]}`);
      return { claimed: claimed.length, setAside: unbuildable.length };
    });
  } catch (error) {
    if (claimed.length === 0 || !isRefusal(error)) throw error;
    await setAside(ctx.sql, claimed, errorMessage(error));
    return { claimed: claimed.length, setAside: claimed.length };
  }
}

/** Fresh rows come in a batch; a row that was set aside before comes alone. */
function claim(tx: TransactionSql, which: "fresh" | "retried", limit: number) {
  // The topic list is literal SQL so that the planner can use the partial index outbox_index_due.
  return tx<Claimed[]>`
    select id, topic, aggregate_id, attempts from outbox
    where relayed_at is null and done_at is null and topic in ${indexTopicsSql(tx)}
      and coalesce(not_before, created_at) <= now()
      and ${which === "fresh" ? tx`attempts = 0` : tx`attempts > 0`}
    order by id
    limit ${limit}
    for update skip locked`;
}

/** Rows that were refused come back later, each on its own, with a growing delay. */
async function setAside(sql: Sql | TransactionSql, rows: Claimed[], reason: string) {
  const backoff = cappedBackoff(1_000, 5 * 60_000);
  for (const row of rows) {
    await sql`update outbox set attempts = attempts + 1, last_error = ${reason},
                               not_before = now() + ${backoff(row.attempts + 1)}::float8 * interval '1 millisecond'
              where id = ${row.id}`;
  }
  log.warn("search index rows set aside; each is retried on its own", { rows: rows.length, error: scrubPersonal(reason) });
}

/** Lead documents, each built on its own: a lead whose stored JSON cannot become a document fails alone. */
async function leadWrites(ctx: JobContext, tx: TransactionSql, leadIds: string[]) {
  const failed = new Map<string, string>();
  if (leadIds.length === 0) return { writes: [] as Write[], written: [] as string[], failed };
  const all = await tx<(LeadRow & { anonymised: boolean })[]>`
    select id, reference, source, lead, created_at, anonymised_at is not null as anonymised from leads where id = any(${leadIds}::uuid[])`;
  // An anonymised lead (docs/decisions/022) has no search document: it is deleted, never rewritten.
  const erased = all.filter((row) => row.anonymised).map((row) => row.id);
  const rows = all.filter((row) => !row.anonymised);
  const docs = rows.flatMap((row) => {
    try {
      return [toLeadDocument(row)];
    } catch (error) {
      failed.set(row.id, errorMessage(error));
      return [];
    }
  });
  const writes: Write[] = [
    ...(docs.length ? [() => ctx.search.index(ctx.indexNames.leads).addDocuments(docs, { primaryKey: "id" })] : []),
    ...(erased.length ? [() => ctx.search.index(ctx.indexNames.leads).deleteDocuments(erased)] : []),
  ];
  return { writes, written: docs.map((d) => d.id), failed };
}

type Versions = [string, string][];

async function spaceWrites(ctx: JobContext, tx: TransactionSql, spaceIds: string[]): Promise<{ writes: Write[]; versions: Versions }> {
  if (spaceIds.length === 0) return { writes: [], versions: [] };
  const rows = await loadSpaceRows(tx, { spaceIds });
  const gone = spaceIds.filter((id) => !rows.some((r) => r.id === id));
  const index = () => ctx.search.index(ctx.indexNames.spaces);
  return {
    writes: [
      ...(rows.length ? [() => index().addDocuments(rows.map(toSpaceDocument), { primaryKey: "id" })] : []),
      ...(gone.length ? [() => index().deleteDocuments(gone)] : []),
    ],
    versions: rows.map((r) => [r.id, r.version]),
  };
}

/** A park's facts are copied onto each of its spaces: the park and all its spaces are written. */
async function parkWrites(
  ctx: JobContext,
  tx: TransactionSql,
  parkIds: string[],
): Promise<{ writes: Write[]; versions: Versions; spaceVersions: Versions }> {
  if (parkIds.length === 0) return { writes: [], versions: [], spaceVersions: [] };
  const parks = await loadParkRows(tx, parkIds);
  const gone = parkIds.filter((id) => !parks.some((p) => p.id === id));
  const spaces = parks.length ? await loadSpaceRows(tx, { parkIds: parks.map((p) => p.id) }) : [];
  const parksIndex = () => ctx.search.index(ctx.indexNames.parks);
  return {
    writes: [
      ...(parks.length ? [() => parksIndex().addDocuments(parks.map(toParkDocument), { primaryKey: "id" })] : []),
      ...(spaces.length
        ? [() => ctx.search.index(ctx.indexNames.spaces).addDocuments(spaces.map(toSpaceDocument), { primaryKey: "id" })]
        : []),
      ...(gone.length ? [() => parksIndex().deleteDocuments(gone)] : []),
    ],
    versions: parks.map((p) => [p.id, p.version]),
    spaceVersions: spaces.map((r) => [r.id, r.version]),
  };
}

export type IndexWriterOptions = {
  /** How long work may gather after a wake-up before a batch is written (ms): fewer, larger tasks. */
  lingerMs: number;
  /** Look for due rows this often besides NOTIFY (ms): rows that were set aside come due this way. */
  pollMs: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Resolves once the indexes exist with their settings (documents must never create them bare). */
  whenReady: () => Promise<void>;
  /** Test seam: hold every batch this long between reading Postgres and writing Meilisearch (ms). */
  writeDelayMs?: number;
};

const RETRIED_PER_CYCLE = 20;

/** Writes batches one after another while rows are due; wakes on NOTIFY and on a poll; backs off on errors. */
export async function startIndexWriter(ctx: JobContext, options: IndexWriterOptions): Promise<{ stop: () => Promise<void> }> {
  const backoff = cappedBackoff(options.backoffBaseMs ?? 500, options.backoffCapMs ?? 30_000);
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let failures = 0;
  let pausedUntil = 0;
  let lingering: { timer: NodeJS.Timeout; resolve: () => void } | null = null;
  const linger = () =>
    new Promise<void>((resolve) => {
      lingering = { timer: setTimeout(resolve, options.lingerMs), resolve };
    }).finally(() => (lingering = null));

  const loop = async () => {
    do {
      again = false;
      await linger();
      while (!stopped && Date.now() >= pausedUntil) {
        try {
          await options.whenReady();
          const fresh = await writeIndexBatch(ctx, { limit: BATCH_LIMIT, writeDelayMs: options.writeDelayMs });
          // Rows set aside earlier get their turn every cycle, one at a time: a busy stream never starves them.
          for (let n = 0; n < RETRIED_PER_CYCLE && !stopped; n++) {
            if ((await writeIndexBatch(ctx, { retried: true, writeDelayMs: options.writeDelayMs })).claimed === 0) break;
          }
          failures = 0;
          if (fresh.claimed < BATCH_LIMIT) break; // caught up: what arrives meanwhile gathers during the next linger
        } catch (error) {
          failures++;
          pausedUntil = Date.now() + backoff(failures);
          log.warn("search index write failed; rows stay in the outbox", { error: failureText(error), failures });
          break;
        }
      }
    } while (again && !stopped);
  };
  const wake = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = loop().finally(() => (running = null));
  };

  const listener = await ctx.sql.listen(INDEX_CHANNEL, wake).catch(() => null); // the poll covers a missing LISTEN
  const timer = setInterval(wake, options.pollMs);
  wake();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await listener?.unlisten().catch(() => {});
      if (lingering) {
        clearTimeout(lingering.timer);
        lingering.resolve();
      }
      await running;
    },
  };
}
