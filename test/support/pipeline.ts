import type { Sql } from "~/db/db.server";
import { importInventory } from "~/inventory/import.server";

import type { RunningWorker } from "../../worker/runtime";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "./database";
import { eventually, startWebServer } from "./services";
import { startTestWorker } from "./worker";

/** Waits until the outbox has no unfinished row (everything relayed and done). */
export async function outboxDrained(sql: Sql, timeoutMs = 60_000): Promise<void> {
  await eventually(
    async () => {
      const [{ n }] = await sql<
        { n: number }[]
      >`select count(*)::int as n from outbox where done_at is null and (not_before is null or not_before <= now())`;
      return n === 0;
    },
    "the outbox to drain",
    timeoutMs,
  );
}

/**
 * The whole pipeline on the demo inventory: a fresh test database named after `dbName`, the web server,
 * a worker writing to search indexes private to the caller (`<index>_<tag>_<random>`), and the
 * inventory imported and relayed into those indexes. `stop()` ends the worker, the web server and the
 * database; a start that fails part-way stops what it had started before throwing.
 */
export async function startDemoPipeline(dbName: string, tag: string) {
  const suffix = Math.random().toString(36).slice(2, 8);
  const indexNames = { leads: `leads_${tag}_${suffix}`, spaces: `spaces_${tag}_${suffix}`, parks: `parks_${tag}_${suffix}` };
  const db = await createTestDatabase(dbName);
  let web: Awaited<ReturnType<typeof startWebServer>> | undefined;
  let worker: RunningWorker | undefined;
  const stop = async () => {
    await worker?.close();
    await web?.stop();
    await db.drop();
  };
  try {
    web = await startWebServer({ DATABASE_URL: db.url });
    worker = await startTestWorker({ databaseUrl: db.url, indexNames });
    const imported = await importInventory(db.sql, demoInventory());
    if (!imported.ok) throw new Error(`the demo inventory did not import: ${JSON.stringify(imported)}`);
    await outboxDrained(db.sql);
  } catch (error) {
    await stop();
    throw error;
  }
  return { db, web, worker, indexNames, stop };
}

/**
 * A fresh test database named after `dbName` with the demo inventory imported, and a worker on it writing to the
 * search indexes `indexNames` (filled before this returns). `stop()` ends the worker and the database.
 */
export async function startInventoryWorker(dbName: string, indexNames: { leads: string; spaces: string; parks: string }) {
  const db = await createTestDatabase(dbName);
  const worker = await startTestWorker({ databaseUrl: db.url, indexNames });
  const imported = await importInventory(db.sql, demoInventory());
  if (!imported.ok) throw new Error(`the demo inventory did not import: ${JSON.stringify(imported)}`);
  await outboxDrained(db.sql);
  return {
    db,
    worker,
    stop: async () => {
      await worker.close();
      await db.drop();
    },
  };
}
