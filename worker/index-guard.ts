import type { Sql } from "~/db/db.server";
import { errorMessage, log } from "~/utils/log.server";

import { meiliErrorCode, type SearchClient } from "../search/client";
import { INDEX_SETTINGS as SETTINGS, type IndexKind, refillIndex } from "../search/reindex";
import type { IndexNames } from "./job-context";

/**
 * The worker's gate to its search indexes (ADR 183). `whenReady` resolves once the three indexes exist
 * with their settings — jobs and the index writer wait on it, so no document ever creates an index bare.
 *
 * An index that disappears while the worker runs (deleted or renamed by hand, Meilisearch restarted
 * without its data) made every lead.match fail with index_not_found until someone ran `npm run reindex`,
 * and the next index write created the index again with Meilisearch's defaults and only that write's
 * documents. `check` looks at each index: one gone, or without our searchable attributes (created bare by
 * a write; `npm run reindex`'s swap keeps them), is filled again from Postgres with its settings
 * (refillIndex), and `whenReady` waits for that, so a job never searches a half-filled index. `check` runs
 * every `everyMs` and at once after a job met a missing index (`noticeFailure`). At start, an index missing
 * or bare while Postgres holds its rows is filled too (lost while the worker was stopped). Each worker
 * process keeps its own view; two that refill one index write the same documents, each page under the documents' locks
 * the index writers take (ADR 213).
 */
export type IndexGuard = {
  whenReady: () => Promise<void>;
  /** Refills every index lost since it was last seen; returns their kinds (empty: all in place). */
  check: () => Promise<IndexKind[]>;
  /** A job's failure: an index_not_found starts a check now rather than at the next tick. */
  noticeFailure: (error: unknown) => void;
  stop: () => Promise<void>;
};

const KINDS: IndexKind[] = ["leads", "spaces", "parks"];

async function hasRows(sql: Sql, kind: IndexKind): Promise<boolean> {
  const [row] =
    kind === "leads"
      ? await sql`select 1 from leads where anonymised_at is null limit 1`
      : kind === "spaces"
        ? await sql`select 1 from spaces limit 1`
        : await sql`select 1 from parks limit 1`;
  return row !== undefined;
}

export function startIndexGuard(
  sql: Sql,
  search: SearchClient,
  names: IndexNames,
  ensure: () => Promise<unknown>,
  everyMs: number,
): IndexGuard {
  let ready: Promise<void> | undefined;
  let checking: Promise<IndexKind[]> | undefined;
  let stopped = false;

  /** False when the index is gone or was created without our settings (by a document written to a missing index). */
  const inPlace = async (kind: IndexKind): Promise<boolean> => {
    try {
      const searchable = await search.index(names[kind]).getSearchableAttributes();
      return JSON.stringify(searchable) === JSON.stringify(SETTINGS[kind].searchableAttributes);
    } catch (error) {
      if (meiliErrorCode(error) === "index_not_found") return false;
      throw error;
    }
  };
  // A failed attempt is forgotten, so the next caller tries again (Meilisearch may be down for now).
  const gate = (work: () => Promise<void>): Promise<void> =>
    (ready = work().catch((error: unknown) => {
      ready = undefined;
      throw error;
    }));

  /** Indexes found lost and not yet filled again: a refill that failed is tried again by the next caller. */
  const lost = new Set<IndexKind>();
  let started = false;
  const prepare = async () => {
    if (!started) {
      // At start too: an index missing or bare while Postgres holds its rows was lost while the worker was
      // stopped (Meilisearch started again without its data); a new installation's empty tables fill nothing.
      for (const kind of KINDS) if (!(await inPlace(kind)) && (await hasRows(sql, kind))) lost.add(kind);
      started = true;
    }
    await ensure(); // every index exists with its settings (a lost one now empty)
    for (const kind of [...lost]) {
      const documents = await refillIndex(sql, search, kind, names[kind]);
      lost.delete(kind);
      log.warn("search index was missing or created anew: filled again from Postgres", { index: names[kind], documents });
    }
  };
  const whenReady = (): Promise<void> => ready ?? gate(prepare);

  const checkOnce = async (): Promise<IndexKind[]> => {
    if (stopped) return [];
    await whenReady().catch(() => undefined); // not ready yet (Meilisearch down): nothing seen to compare
    if (!ready) return [];
    const found: IndexKind[] = [];
    for (const kind of KINDS) if (!(await inPlace(kind))) found.push(kind);
    if (found.length === 0) return [];
    for (const kind of found) lost.add(kind);
    // Jobs and the index writer wait until the lost indexes are whole again.
    await gate(prepare);
    return found;
  };
  const check = () =>
    (checking ??= checkOnce().finally(() => {
      checking = undefined;
    }));

  const timer = setInterval(() => {
    check().catch((error) => log.warn("search index check failed", { error: errorMessage(error) }));
  }, everyMs);
  timer.unref();

  return {
    whenReady,
    check,
    noticeFailure: (error) => {
      if (meiliErrorCode(error) !== "index_not_found") return;
      check().catch((e) => log.warn("search index check failed", { error: errorMessage(e) }));
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await checking?.catch(() => undefined);
    },
  };
}
