import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { importInventory } from "~/inventory/import.server";
import { eraseLeads } from "~/privacy/anonymise.server";

import { createSearchClient, waitSucceeded } from "../../search/client";
import { reindexAll, ReindexRunningError } from "../../search/reindex";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { outboxDrained, startInventoryWorker } from "../support/pipeline";
import { storeTestLead } from "../support/routed-lead";
import { eventually } from "../support/services";

// Attack 41: `npm run reindex` fills a temporary index and swaps it in. The worker's index writer goes on writing the
// live index meanwhile, and the swap put back what the temporary index had read before: a lead erased at the person's
// request (PIPL) was searchable again by its name and phone, a space's change was lost from the index while its version
// was acknowledged (matching trusted the old document). And a run killed before its `finally` left its temporary index,
// erased leads and all, for good. The rebuild now writes again what changed while it ran, deletes what killed runs left,
// and runs one at a time.

const search = createSearchClient(inject("meiliUrl"), inject("meiliKey"));
const suffix = Math.random().toString(36).slice(2, 8);
const names = { leads: `leads_rx_${suffix}`, spaces: `spaces_rx_${suffix}`, parks: `parks_rx_${suffix}` };
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, stop } = await startInventoryWorker("reindex_meanwhile", names));
}, 120_000);
afterAll(async () => {
  await stop?.();
  const { results } = await search.getRawIndexes({ limit: 1000 });
  for (const { uid } of results) if (uid.includes(`_rx_${suffix}`)) await waitSucceeded(search.deleteIndex(uid)).catch(() => {});
});

const hasDocument = async (uid: string, id: string) =>
  search
    .index(uid)
    .getDocument(id)
    .then(
      () => true,
      () => false,
    );

describe("npm run reindex while the worker writes the live indexes", () => {
  it("a lead erased while its index was rebuilt stays out of the index (its name and phone not searchable again)", async () => {
    const { id } = await storeTestLead(db.sql, "南京重建索引擦除测试有限公司", "13900004141");
    await outboxDrained(db.sql);
    expect(await hasDocument(names.leads, id)).toBe(true);

    await reindexAll(db.sql, search, names, {
      beforeSwap: async (kind) => {
        if (kind !== "leads") return;
        await eraseLeads(db.sql, { leadIds: [id], actor: "attack41", subject: "139****4141" });
        await eventually(async () => !(await hasDocument(names.leads, id)), "the writer to delete the erased lead's document");
      },
    });

    expect(await hasDocument(names.leads, id)).toBe(false);
    const found = await search.index(names.leads).search("13900004141");
    expect(found.hits).toEqual([]);
  });

  it("a space changed while the spaces index was rebuilt is in the index as it is now, as its acknowledged version says", async () => {
    const inventory = demoInventory();
    const space = inventory.spaces.find((s) => s.status === "available")!;
    const spaceId = String(space.id);

    await reindexAll(db.sql, search, names, {
      beforeSwap: async (kind) => {
        if (kind !== "spaces") return;
        const changed = { ...inventory, spaces: inventory.spaces.map((s) => (s.id === spaceId ? { ...s, status: "let" } : s)) };
        expect((await importInventory(db.sql, changed)).ok).toBe(true);
        await eventually(
          async () => (await search.index(names.spaces).getDocument(spaceId)).status === "let",
          "the writer to write the let space",
        );
        await outboxDrained(db.sql);
      },
    });

    expect((await search.index(names.spaces).getDocument(spaceId)).status).toBe("let");
    const [row] = await db.sql<{ pending: boolean }[]>`select indexed_version < version as pending from spaces where id = ${spaceId}`;
    expect(row.pending).toBe(false);
  });

  it("deletes the temporary indexes a killed run left behind, and refuses a second run while one runs", async () => {
    const left = `${names.leads}_rebuild_1700000000000`;
    await waitSucceeded(search.createIndex(left, { primaryKey: "id" }));
    await waitSucceeded(search.index(left).addDocuments([{ id: "x", companyName: "被擦除的公司" }]));
    // Not a leftover: another index whose name merely starts alike.
    const other = `${names.leads}_rebuild_notes`;
    await waitSucceeded(search.createIndex(other, { primaryKey: "id" }));

    let second: unknown = null;
    await reindexAll(db.sql, search, names, {
      beforeSwap: async (kind) => {
        if (kind === "leads") second = await reindexAll(db.sql, search, names).catch((error: unknown) => error);
      },
    });

    expect(second).toBeInstanceOf(ReindexRunningError);
    const { results } = await search.getRawIndexes({ limit: 1000 });
    const uids = results.map((r) => r.uid);
    expect(uids).not.toContain(left);
    expect(uids).toContain(other);
    expect(uids.filter((uid) => /_rebuild_\d+$/.test(uid) && uid.includes(`_rx_${suffix}`))).toEqual([]);
  });
});
