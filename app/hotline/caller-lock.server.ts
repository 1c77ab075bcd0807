import type { Sql, TransactionSql } from "~/db/db.server";

// One save of a caller's number at a time (attack40 #7): the hotline's "this number already has open leads —
// confirm it is a new need" check reads the leads before the new one is stored, so saves of one new caller at
// once from two tabs or two agents all passed it and stored a lead each (3 at once → 3 leads, each matched and
// offered). The web and API intake check repeats inside their insert; the hotline's check asks the agent first,
// so it is serialised here instead: the check and the store run while a lock on the number's main part is held.

/** Saves of one number waiting in this process, so a burst holds one Postgres connection a number, not one a save. */
const waiting = new Map<string, Promise<unknown>>();

/**
 * Runs `work` — the open-leads check (on `tx`, the lock's connection) and the store (which must have committed when
 * `work` resolves: storeLead does) — while no other save of `phone`'s main number (the part before ";ext=") runs, in
 * this process (a queue by number) or any other (a transaction advisory lock on the number, released at its commit).
 * Resolves with what `work` resolved; rejects with its error (the lock is released either way).
 */
export async function oneSaveOfCaller<T>(sql: Sql, phone: string, work: (tx: TransactionSql) => Promise<T>): Promise<T> {
  const main = phone.split(";")[0] ?? phone;
  const before = waiting.get(main) ?? Promise.resolve();
  const mine = before
    .catch(() => undefined)
    .then(() =>
      sql.begin(async (tx) => {
        await tx`select pg_advisory_xact_lock(hashtextextended(${`hotline-caller:${main}`}, 0))`;
        return work(tx);
      }),
    );
  waiting.set(main, mine);
  try {
    return (await mine) as T;
  } finally {
    if (waiting.get(main) === mine) waiting.delete(main);
  }
}
