import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { createSearchClient, waitSucceeded } from "../../search/client";
import { leadsSettings } from "../../search/leads.index";
import { spacesSettings } from "../../search/spaces.index";
import type { RunningWorker } from "../../worker/runtime";
import { createTestDatabase } from "../support/database";
import { outboxDrained, startInventoryWorker } from "../support/pipeline";
import { storeTestLead } from "../support/routed-lead";
import { eventually } from "../support/services";
import { startTestWorker } from "../support/worker";

// Attack 38 (ADR 183): a search index lost while the worker runs (or while it was stopped) — deleted or renamed by hand, or
// Meilisearch started again without its data. Before, the worker checked its indexes once, at start:
// every lead.match then failed with index_not_found until someone ran `npm run reindex` (the lead never
// matched, then a dead letter), and the next index write made Meilisearch create the index again bare —
// default settings, only that write's documents — so searches missed every earlier document. The
// worker now finds such an index and fills it again from Postgres, with its settings, before jobs go on.

const search = createSearchClient(inject("meiliUrl"), inject("meiliKey"));
const suffix = Math.random().toString(36).slice(2, 8);
const indexNames = { leads: `leads_lost_${suffix}`, spaces: `spaces_lost_${suffix}`, parks: `parks_lost_${suffix}` };
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let worker: RunningWorker;
let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, worker, stop } = await startInventoryWorker("lost_search_index", indexNames));
}, 120_000);
afterAll(async () => {
  await stop?.();
  for (const uid of Object.values(indexNames)) await waitSucceeded(search.deleteIndex(uid)).catch(() => {});
});

const documents = async (uid: string) => (await search.index(uid).getStats()).numberOfDocuments;

describe("a search index lost while the worker runs", () => {
  it("is filled again from Postgres: a lead stored after the spaces index was deleted is matched", async () => {
    const [{ n: spaces }] = await db.sql<{ n: number }[]>`select count(*)::int as n from spaces`;
    expect(await documents(indexNames.spaces)).toBe(spaces);
    await waitSucceeded(search.deleteIndex(indexNames.spaces));

    const { id } = await storeTestLead(db.sql, "南京索引丢失测试有限公司", "13900003333");
    const matched = await eventually(
      async () => (await db.sql<{ n: number }[]>`select count(*)::int as n from matches where lead_id = ${id}`)[0].n || null,
      "the lead to be matched against the refilled spaces index",
      30_000,
    );
    expect(matched).toBeGreaterThan(0);
    expect(await documents(indexNames.spaces)).toBe(spaces);
    expect(await search.index(indexNames.spaces).getFilterableAttributes()).toEqual(expect.arrayContaining(["status", "kind"]));
    expect(await search.index(indexNames.spaces).getSearchableAttributes()).toEqual(spacesSettings.searchableAttributes);
  });

  it("is filled again when a write created it bare: earlier leads are found again, with the index's settings", async () => {
    const { id } = await storeTestLead(db.sql, "南京裸建索引测试有限公司", "13900004444");
    await outboxDrained(db.sql);
    await waitSucceeded(search.deleteIndex(indexNames.leads));
    // What the index writer's next document does to a missing index: Meilisearch creates it with its defaults.
    await waitSucceeded(
      search.index(indexNames.leads).addDocuments([{ id: "00000000-0000-0000-0000-000000000000" }], { primaryKey: "id" }),
    );

    const [{ n: leads }] = await db.sql<{ n: number }[]>`select count(*)::int as n from leads where anonymised_at is null`;
    await eventually(
      async () =>
        JSON.stringify(await search.index(indexNames.leads).getSearchableAttributes()) ===
        JSON.stringify(leadsSettings.searchableAttributes),
      "the leads index to get its settings back",
      30_000,
    );
    await eventually(async () => (await documents(indexNames.leads)) >= leads, "the leads to be indexed again", 30_000);
    const found = await search
      .index(indexNames.leads)
      .getDocument(id)
      .catch(() => null);
    expect(found?.id).toBe(id);
  });

  it("is filled again at start when it was lost while the worker was stopped", async () => {
    const { id } = await storeTestLead(db.sql, "南京停机丢索引测试有限公司", "13900005555");
    await outboxDrained(db.sql);
    await worker.close();
    await waitSucceeded(search.deleteIndex(indexNames.spaces));
    await waitSucceeded(search.deleteIndex(indexNames.leads));
    worker = await startTestWorker({ databaseUrl: db.url, indexNames });

    // The admin's spaces search and the desks' lead search read these: before, both came back empty.
    const [{ n: spaces }] = await db.sql<{ n: number }[]>`select count(*)::int as n from spaces`;
    await eventually(async () => (await documents(indexNames.spaces).catch(() => 0)) === spaces, "the spaces to be indexed again", 30_000);
    await eventually(
      async () =>
        (
          await search
            .index(indexNames.leads)
            .getDocument(id)
            .catch(() => null)
        )?.id === id,
      "the lead to be indexed again",
      30_000,
    );
  });
});
