import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { expect } from "vitest";

import { importInventory } from "~/inventory/import.server";
import { createMailer } from "~/notify/mailer.server";

import { createSearchClient, type SearchClient } from "../../search/client";
import { ensureSpacesIndex } from "../../search/spaces.index";
import type { JobContext } from "../../worker/job-context";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "./database";

/**
 * A test database with the demo inventory and an empty spaces index of its own: nothing indexed, so
 * every space is pending (its change not confirmed by the index) and lead.match reads it from Postgres.
 * `context(search)` is a job context on it (mails to a folder); `drop()` removes the index and the database.
 */
export async function pendingInventory(name: string) {
  const search = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
  const spacesIndex = `spaces_${name.slice(0, 12)}_${Math.random().toString(36).slice(2, 8)}`;
  const db = await createTestDatabase(name);
  await ensureSpacesIndex(search, spacesIndex);
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const context = (searchClient: SearchClient = search): JobContext => ({
    sql: db.sql,
    search: searchClient,
    indexNames: { leads: "unused", spaces: spacesIndex, parks: "unused" },
    mailer: createMailer({ outboxDir: mkdtempSync(join(tmpdir(), "pm-pending-")) }),
    appUrl: "http://localhost",
    routing: { slaMinutes: 120, noticeFallbackMs: 90_000 },
    noticeRetry: { budgetMs: 3_600_000, baseMs: 100, capMs: 1_000 },
    sendLeaseMs: 12_000,
  });
  const drop = async () => {
    await search
      .deleteIndex(spacesIndex)
      .waitTask()
      .catch(() => {});
    await db.drop();
  };
  return { db, search, context, drop };
}
