import type { EnqueuedTaskPromise } from "meilisearch";
import type { Sql, TransactionSql } from "~/db/db.server";
import { INDEX_CHANNEL, INDEX_TOPICS, type IndexTopic } from "~/db/outbox.server";
import { loadParkRows, loadSpaceRows } from "~/inventory/inventory-read.server";
import { errorMessage, log } from "~/utils/log.server";
import { isRefusal, waitSucceeded } from "../search/client";
import { toLeadDocument, type LeadRow } from "../search/lead-document";
import { toParkDocument, toSpaceDocument } from "../search/space-document";
import type { JobContext } from "./job-context";
import { cappedBackoff } from "./queue";

type Claimed = { id: number; topic: IndexTopic; aggregate_id: string; attempts: number };
/** A Meilisearch write, started only once everything was read from Postgres. */
type Write = () => EnqueuedTaskPromise;

/**
 * Keeps the search indexes in step with Postgres: takes due `lead.index`, `space.index` and
 * `park.index` outbox rows in one batch, writes each index once, and marks the rows done in the
 * transaction that claimed them. Meilisearch pays a fixed cost per task (tens of ms of CPU), not per
 * document, so one task per batch is what lets intake run at tens of leads a second (docs/decisions/013).
 *
 * A batch that Meilisearch refuses is not retried as a whole: its rows come back one by one, so a bad
 * document delays only itself. When Meilisearch is unreachable nothing changes and the writer backs off.
 */
const BATCH_LIMIT = 500;

export async function writeIndexBatch(ctx: JobContext, limit = BATCH_LIMIT): Promise<number> {
  let claimed: Claimed[] = [];
  try {
    return await ctx.sql.begin(async (tx) => {
      claimed = await claim(tx, "fresh", limit);
      if (claimed.length === 0) claimed = await claim(tx, "retried", 1);
      if (claimed.length === 0) return 0;
      const ids = (topic: IndexTopic) => [...new Set(claimed.filter((r) => r.topic === topic).map((r) => r.aggregate_id))];
      const leadIds = ids("lead.index");
      const writes = [
        ...(await leadWrites(ctx, tx, leadIds)),
        ...(await spaceWrites(ctx, tx, ids("space.index"))),
        ...(await parkWrites(ctx, tx, ids("park.index"))),
      ];
      // All tasks are enqueued together, so Meilisearch can take them in one of its own batches.
      await Promise.all(writes.map((write) => waitSucceeded(write(), 120_000)));
      if (leadIds.length) {
        await tx`update leads set status = case when status = 'received' then 'indexed' else status end,
                                  indexed_at = now(), updated_at = now()
                 where id in ${tx(leadIds)}`;
      }
      await tx`update outbox set done_at = now() where id in ${tx(claimed.map((r) => r.id))}`;
      return claimed.length;
    });
  } catch (error) {
    if (claimed.length && isRefusal(error)) await setAside(ctx.sql, claimed, errorMessage(error));
    throw error;
  }
}

/** Fresh rows come in a batch; a row that was refused before comes alone. */
function claim(tx: TransactionSql, which: "fresh" | "retried", limit: number) {
  return tx<Claimed[]>`
    select id, topic, aggregate_id, attempts from outbox
    where relayed_at is null and done_at is null and coalesce(not_before, created_at) <= now()
      and topic = any (${INDEX_TOPICS as unknown as string[]}::text[])
      and ${which === "fresh" ? tx`attempts = 0` : tx`attempts > 0`}
    order by id
    limit ${limit}
    for update skip locked`;
}

/** The rows of a refused batch come back later, each on its own, with a growing delay. */
async function setAside(sql: Sql, rows: Claimed[], reason: string) {
  const backoff = cappedBackoff(1_000, 5 * 60_000);
  for (const row of rows) {
    await sql`update outbox set attempts = attempts + 1, last_error = ${reason},
                               not_before = now() + ${backoff(row.attempts + 1)}::float8 * interval '1 millisecond'
              where id = ${row.id}`;
  }
  log.warn("search index batch refused; its rows are retried one by one", { rows: rows.length, error: reason });
}

async function leadWrites(ctx: JobContext, tx: TransactionSql, leadIds: string[]): Promise<Write[]> {
  if (leadIds.length === 0) return [];
  const rows = await tx<LeadRow[]>`select id, reference, status, source, lead, created_at from leads where id in ${tx(leadIds)}`;
  // The status the lead will have once this batch is committed.
  const docs = rows.map((row) => toLeadDocument({ ...row, status: row.status === "received" ? "indexed" : row.status }));
  return docs.length ? [() => ctx.search.index(ctx.indexNames.leads).addDocuments(docs, { primaryKey: "id" })] : [];
}

async function spaceWrites(ctx: JobContext, tx: TransactionSql, spaceIds: string[]): Promise<Write[]> {
  if (spaceIds.length === 0) return [];
  const rows = await loadSpaceRows(tx, { spaceIds });
  const gone = spaceIds.filter((id) => !rows.some((r) => r.id === id));
  const index = () => ctx.search.index(ctx.indexNames.spaces);
  return [
    ...(rows.length ? [() => index().addDocuments(rows.map(toSpaceDocument), { primaryKey: "id" })] : []),
    ...(gone.length ? [() => index().deleteDocuments(gone)] : []),
  ];
}

/** A park's facts are copied onto each of its spaces: the park and all its spaces are written. */
async function parkWrites(ctx: JobContext, tx: TransactionSql, parkIds: string[]): Promise<Write[]> {
  if (parkIds.length === 0) return [];
  const parks = await loadParkRows(tx, parkIds);
  const gone = parkIds.filter((id) => !parks.some((p) => p.id === id));
  const spaces = parks.length ? await loadSpaceRows(tx, { parkIds: parks.map((p) => p.id) }) : [];
  const parksIndex = () => ctx.search.index(ctx.indexNames.parks);
  return [
    ...(parks.length ? [() => parksIndex().addDocuments(parks.map(toParkDocument), { primaryKey: "id" })] : []),
    ...(spaces.length ? [() => ctx.search.index(ctx.indexNames.spaces).addDocuments(spaces.map(toSpaceDocument), { primaryKey: "id" })] : []),
    ...(gone.length ? [() => parksIndex().deleteDocuments(gone)] : []),
  ];
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
};

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
          const n = await writeIndexBatch(ctx, BATCH_LIMIT);
          failures = 0;
          // Caught up (a short batch): what arrives meanwhile gathers during the next linger. A row
          // retried alone (n = 1) may have others behind it: go on while there are any.
          if (n === 0 || (n > 1 && n < BATCH_LIMIT)) break;
        } catch (error) {
          if (isRefusal(error)) continue; // those rows were set aside; the others can go on
          failures++;
          pausedUntil = Date.now() + backoff(failures);
          log.warn("search index write failed; rows stay in the outbox", { error: errorMessage(error), failures });
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
