import type { ReservedSql } from "postgres";

import type { Sql } from "~/db/db.server";

// A reader — a function, or a page the web process draws — that reads a lead and then the rows beside it must show
// one moment. To test that deterministically, a "worker" commits exactly between two of its statements: it locks a
// table the reader touches after its first read, waits until the reader waits on that lock (pg_stat_activity), then
// writes and commits; the reader's waiting statement then runs on. Read apart, the reader shows the commit in its
// later reads only — a state that never existed; read in one snapshot (inOneSnapshot), none of it
// (docs/decisions/170).

/**
 * Runs `read` while `change` commits between its statements: before `read` starts, a connection of `sql` takes
 * `lockTable` in ACCESS EXCLUSIVE mode in a transaction; once a backend waits for a lock that connection holds and no
 * other statement runs (what the reader sent beside it has read), `change` writes on that connection (plain
 * statements on the reserved connection, inside the transaction) and the transaction commits. Returns what `read`
 * returned. `lockTable` must be a table `read` touches after its first statement and not before (else it waits before
 * reading anything); `change` writes what the reader's later reads would show. Fails when nothing waits within 30 s,
 * or when `read` ends without waiting.
 */
export async function commitBetweenReads<T>(
  sql: Sql,
  lockTable: string,
  read: () => Promise<T>,
  change: (worker: ReservedSql) => Promise<unknown>,
): Promise<T> {
  const worker = await sql.reserve();
  let open = false;
  try {
    await worker`begin`;
    open = true;
    const [{ pid }] = await worker<{ pid: number }[]>`select pg_backend_pid() as pid`;
    await worker`lock table ${worker(lockTable)} in access exclusive mode`;
    const reading = read();
    let settled = false;
    reading.then(
      () => (settled = true),
      () => (settled = true), // awaited below: its error is thrown there
    );
    for (const deadline = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 25))) {
      if (settled) {
        await reading;
        throw new Error(`the reader finished without waiting for ${lockTable}: it never touched it after its first read`);
      }
      // Waiting, and nothing else of the reader still running (a statement it sent beside the waiting one, on another
      // connection, must have read before the commit).
      const [{ waiting, running }] = await sql<{ waiting: number; running: number }[]>`
        select count(*) filter (where wait_event_type = 'Lock' and ${pid}::int = any(pg_blocking_pids(pid)))::int as waiting,
               count(*) filter (where state = 'active' and wait_event_type is distinct from 'Lock')::int as running
        from pg_stat_activity
        where datname = current_database() and backend_type = 'client backend' and pid not in (${pid}, pg_backend_pid())`;
      if (waiting > 0 && running === 0) break;
      if (Date.now() > deadline) throw new Error(`no reader waited for ${lockTable} within 30 s`);
    }
    await change(worker);
    await worker`commit`;
    open = false;
    return await reading;
  } finally {
    if (open) await worker`rollback`.catch(() => {});
    worker.release();
  }
}
