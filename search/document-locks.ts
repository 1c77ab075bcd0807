import type { TransactionSql } from "~/db/db.server";

/**
 * Locks the search documents a writer of a live index is about to read and write, to the end of `tx` (ADR 201,
 * 213): the worker's index writer (one per worker process), a worker's refill of a lost index and
 * `npm run reindex`'s rewrite of what changed meanwhile. Two writers of one document each read Postgres, then
 * write, and Meilisearch applies their tasks in the order it gets them, not the order of their reads: without
 * the lock the older read, written last, put an erased person's name and phone back in the leads index, or hid a
 * space's change while its version was acknowledged. Hold the lock from before the read until Meilisearch has
 * confirmed the write.
 *
 * A transaction advisory lock per lead, space and park (`search-doc:<kind>:<id>`): only writers take them, so
 * intake, matching and the desks never wait. A park's write rewrites its spaces: it holds its park's lock
 * exclusively and a space's write the space's park's shared. Keys are taken sorted, in one statement, so two
 * writers never deadlock. Each key is an entry in Postgres's shared lock table (max_locks_per_transaction ×
 * max_connections, 6,400 by default): lock a page of at most a thousand documents at a time.
 */
export async function lockDocuments(tx: TransactionSql, leadIds: string[], spaceIds: string[], parkIds: string[]): Promise<void> {
  const spaceParks = spaceIds.length
    ? await tx<{ parkId: string }[]>`select distinct park_id from spaces where id = any(${spaceIds}::text[])`
    : [];
  const exclusive = [...leadIds.map((id) => `lead:${id}`), ...spaceIds.map((id) => `space:${id}`), ...parkIds.map((id) => `park:${id}`)];
  const shared = spaceParks.map((p) => `park:${p.parkId}`).filter((key) => !exclusive.includes(key));
  const keys = [...exclusive.map((key) => ({ key, shared: false })), ...shared.map((key) => ({ key, shared: true }))].sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
  if (keys.length === 0) return;
  await tx`
    select case when k.mode = 'shared' then pg_advisory_xact_lock_shared(hashtextextended('search-doc:' || k.key, 0))
                else pg_advisory_xact_lock(hashtextextended('search-doc:' || k.key, 0)) end
    from unnest(${keys.map((k) => k.key)}::text[], ${keys.map((k) => (k.shared ? "shared" : "exclusive"))}::text[]) with ordinality as k (key, mode, n)
    order by k.n`;
}
