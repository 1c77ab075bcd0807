import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, expect } from "vitest";

import type { Sql } from "~/db/db.server";
import { enqueue } from "~/db/outbox.server";
import { importInventory } from "~/inventory/import.server";
import { createMailer } from "~/notify/mailer.server";

import { createSearchClient, type SearchClient } from "../../search/client";
import { ensureSpacesIndex } from "../../search/spaces.index";
import type { JobContext } from "../../worker/job-context";
import type { OutboxItem } from "../../worker/queue";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "./database";
import { storeTestLead } from "./routed-lead";

// lead.match run straight from a test (docs/decisions/073): a job context on the test's database and
// the run's Meilisearch, and leads with their open lead.match rows to give it as one group.

/**
 * A job context whose search client (the run's Meilisearch unless `search` is given) counts its
 * multi-search requests (the queries in each, in `requests`; how many were in flight as each was sent,
 * itself included, in `inFlight`); `beforeSearch`, when given, runs (and is awaited) before each request
 * is sent: a change committed while a group is being searched.
 */
export function countingJobContext(
  sql: Sql,
  spacesIndex: string,
  beforeSearch?: () => Promise<void>,
  search: SearchClient = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!),
): { ctx: JobContext; requests: number[]; inFlight: number[] } {
  const requests: number[] = [];
  const inFlight: number[] = [];
  let open = 0;
  const counting: SearchClient = Object.create(search);
  counting.multiSearch = (async (...args: Parameters<SearchClient["multiSearch"]>) => {
    await beforeSearch?.();
    requests.push(args[0]?.queries.length ?? 0);
    inFlight.push(++open);
    try {
      return await search.multiSearch(...args);
    } finally {
      open--;
    }
  }) as SearchClient["multiSearch"];
  const ctx: JobContext = {
    sql,
    search: counting,
    indexNames: { leads: "unused", spaces: spacesIndex, parks: "unused" },
    mailer: createMailer({ outboxDir: mkdtempSync(join(tmpdir(), "pm-lmj-")) }),
    appUrl: "http://localhost",
    routing: { slaMinutes: 120, noticeFallbackMs: 90_000 },
    noticeRetry: { budgetMs: 3_600_000, baseMs: 100, capMs: 1_000 },
    sendLeaseMs: 12_000,
  };
  return { ctx, requests, inFlight };
}

/** `n` leads (factories of 4,000–6,000 ㎡ in 高淳区, each matchable), each with its open lead.match row. */
export async function leadsWithMatchRows(sql: Sql, tag: string, n: number): Promise<OutboxItem[]> {
  const items: OutboxItem[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = await storeTestLead(
      sql,
      `南京分组${tag}${i}测试有限公司`,
      `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`,
    );
    const [open] = await sql<{ id: string }[]>`
      select id from outbox where aggregate_id = ${id} and topic = 'lead.match' and done_at is null order by id limit 1`;
    items.push({ outboxId: open ? Number(open.id) : (await enqueue(sql, "lead.match", [id]))[0], id });
  }
  return items;
}

/**
 * A test file's set-up for lead.match run straight: a database `name` with the demo inventory and a
 * spaces index of its own left empty, so every space is pending (its change not confirmed by the
 * index) and read from Postgres; both removed after the file. `sql` once the file's beforeAll ran.
 */
export function leadMatchJobSuite(name: string) {
  const search = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
  const spacesIndex = `spaces_${name.slice(0, 12)}_${Math.random().toString(36).slice(2, 8)}`;
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(name);
    await ensureSpacesIndex(search, spacesIndex);
    expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  }, 120_000);
  afterAll(async () => {
    await search
      .deleteIndex(spacesIndex)
      .waitTask()
      .catch(() => {});
    await db?.drop();
  });
  return {
    spacesIndex,
    get sql(): Sql {
      return db!.sql;
    },
    get url(): string {
      return db!.url;
    },
    context: (beforeSearch?: () => Promise<void>) => countingJobContext(db!.sql, spacesIndex, beforeSearch),
    leads: (tag: string, n: number) => leadsWithMatchRows(db!.sql, tag, n),
  };
}
