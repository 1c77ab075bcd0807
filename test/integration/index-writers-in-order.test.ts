import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { enqueue } from "~/db/outbox.server";
import { importInventory } from "~/inventory/import.server";
import { eraseLeads } from "~/privacy/anonymise.server";

import { createSearchClient, type SearchClient, waitSucceeded } from "../../search/client";
import { refillIndex, rewriteChangedSince } from "../../search/reindex";
import { writeIndexBatch } from "../../worker/index-writer";
import type { JobContext } from "../../worker/job-context";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { indexWriterContext } from "../support/index-writer-context";
import { storeTestLead } from "../support/routed-lead";
import { eventually } from "../support/services";

// Attack 41: two index writers (two worker processes) that claim two rows of one document — a lead's re-index and its
// erasure, a space's two changes, a park's and one of its spaces' — wrote it in the order Meilisearch took their tasks,
// not the order of what they read: the first writer's older read, written after the second's, put an erased person's
// name and phone back in the leads index, or hid a space's change while its version was acknowledged (so matching
// trusted the stale document). Writers now take each document's lock before they read it.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let ctx: JobContext;
const search = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
const suffix = Math.random().toString(36).slice(2, 8);
const indexNames = { leads: `leads_io_${suffix}`, spaces: `spaces_io_${suffix}`, parks: `parks_io_${suffix}` };

beforeAll(async () => {
  db = await createTestDatabase("index_writers_in_order");
  ctx = await indexWriterContext(db.sql, search, indexNames);
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await drain();
});
afterAll(async () => {
  for (const uid of Object.values(indexNames)) await waitSucceeded(search.deleteIndex(uid)).catch(() => {});
  await db?.drop();
});

/** Writes every due index row, one writer. */
async function drain() {
  while ((await writeIndexBatch(ctx)).claimed > 0);
}

/**
 * A first writer that claims the due rows now, reads them, and writes them `delayMs` later (the writer's test seam);
 * resolves, with its batch's end, once it has read them: its transaction then waits, idle, for the delay.
 */
async function slowWriter(delayMs = 1_500): Promise<{ done: Promise<unknown> }> {
  const done = writeIndexBatch(ctx, { writeDelayMs: delayMs });
  await eventually(async () => {
    const [{ n }] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'idle in transaction'`;
    return n > 0;
  }, "the first writer to have read its rows");
  return { done };
}

const document = (uid: string, id: string) =>
  search
    .index(uid)
    .getDocument(id)
    .then(
      (d) => d as Record<string, unknown>,
      () => null,
    );

describe("two index writers, one document", () => {
  it("a lead re-indexed while it is erased ends out of the index, its name and phone not searchable", async () => {
    const { id } = await storeTestLead(db.sql, "南京两个写入者擦除测试有限公司", "13900004242");
    await drain();
    expect(await document(indexNames.leads, id)).not.toBeNull();

    await enqueue(db.sql, "lead.index", [id]);
    const first = await slowWriter();
    await eraseLeads(db.sql, { leadIds: [id], actor: "attack41", subject: "139****4242" });
    await writeIndexBatch(ctx); // the erasure's row: the second writer
    await first.done;

    expect(await document(indexNames.leads, id)).toBeNull();
    expect((await search.index(indexNames.leads).search("13900004242")).hits).toEqual([]);
  });

  it("a space changed while a writer holds its older read ends in the index as it is, its version acknowledged", async () => {
    const inventory = demoInventory();
    const spaceId = String(inventory.spaces.find((s) => s.status === "available")!.id);

    await enqueue(db.sql, "space.index", [spaceId]);
    const first = await slowWriter();
    const changed = { ...inventory, spaces: inventory.spaces.map((s) => (s.id === spaceId ? { ...s, status: "let" } : s)) };
    expect((await importInventory(db.sql, changed)).ok).toBe(true);
    await drain(); // the import's rows: the second writer
    await first.done;

    expect((await document(indexNames.spaces, spaceId))?.status).toBe("let");
    const [row] = await db.sql<{ pending: boolean }[]>`select indexed_version < version as pending from spaces where id = ${spaceId}`;
    expect(row.pending).toBe(false);
  });

  it("a park's write (all its spaces) and a change of one of its spaces end with the space as it is", async () => {
    const inventory = demoInventory();
    const space = inventory.spaces.find((s) => s.status === "let" || s.status === "available")!;
    const spaceId = String(space.id);
    const parkId = String(space.parkId);
    const [{ status }] = await db.sql<{ status: string }[]>`select status from spaces where id = ${spaceId}`;
    const next = status === "available" ? "reserved" : "available";

    await enqueue(db.sql, "park.index", [parkId]);
    const first = await slowWriter();
    await db.sql.begin(async (tx) => {
      await tx`update spaces set status = ${next} where id = ${spaceId}`;
      await enqueue(tx, "space.index", [spaceId]);
    });
    await drain();
    await first.done;

    expect((await document(indexNames.spaces, spaceId))?.status).toBe(next);
    const [row] = await db.sql<{ pending: boolean }[]>`select indexed_version < version as pending from spaces where id = ${spaceId}`;
    expect(row.pending).toBe(false);
  });
});

// Attack 42 (ADR 213): a worker refilling a lost index (ADR 183) and `npm run reindex`'s rewrite of what changed while it
// ran (ADR 201) read Postgres, then wrote the live index, without these locks: another worker process's writer erased a
// lead (or wrote a space's change) between that read and that write, and the older read, written last, put the erased
// person's name and phone back (or hid the change while the space's version was acknowledged). They lock each page now.

/**
 * `search`, but the first `addDocuments` to `uid` first runs `meanwhile` (what another worker process does between the
 * caller's read and its write).
 */
function gatedClient(uid: string, meanwhile: () => Promise<void>): SearchClient {
  let gated = false;
  const bound = (target: object, prop: string | symbol) => {
    const value = Reflect.get(target, prop) as unknown;
    return typeof value === "function" ? value.bind(target) : value;
  };
  return new Proxy(search, {
    get(target, prop) {
      if (prop !== "index") return bound(target, prop);
      return (name: string) => {
        const index = target.index(name);
        if (name !== uid) return index;
        return new Proxy(index, {
          get(t, p) {
            if (p !== "addDocuments" || gated) return bound(t, p);
            gated = true;
            return (...args: Parameters<typeof t.addDocuments>) => {
              let task: ReturnType<typeof t.addDocuments> | undefined;
              const sent = meanwhile().then(() => (task = t.addDocuments(...args)));
              return Object.assign(sent, { waitTask: (o?: object) => sent.then(() => task!.waitTask(o)) });
            };
          },
        });
      };
    },
  });
}

/** Runs the other process's writer until it is done or waits for a document's lock; its end, to await later. */
async function otherWriter(): Promise<{ writing: Promise<unknown> }> {
  let done = false;
  const writing = writeIndexBatch(ctx).finally(() => (done = true));
  await eventually(async () => {
    if (done) return true;
    const [{ n }] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'`;
    return n > 0;
  }, "the other writer to finish or to wait for the document's lock");
  return { writing }; // not the promise itself: an async function would wait for it
}

describe("a refill or a rewrite of the live index beside another worker process's writer", () => {
  it("a lead erased while the lost leads index is refilled ends out of the index, its phone not searchable", async () => {
    const { id } = await storeTestLead(db.sql, "南京补建索引擦除测试有限公司", "13900004242");
    await drain();
    await waitSucceeded(search.deleteIndex(indexNames.leads)); // lost

    let writing: Promise<unknown> = Promise.resolve();
    const client = gatedClient(indexNames.leads, async () => {
      await eraseLeads(db.sql, { leadIds: [id], actor: "attack42", subject: "139****4242" });
      ({ writing } = await otherWriter());
    });
    await refillIndex(db.sql, client, "leads", indexNames.leads);
    await writing;

    expect(await document(indexNames.leads, id)).toBeNull();
    expect((await search.index(indexNames.leads).search("13900004242")).hits).toEqual([]);
  });

  it("a space changed while the lost spaces index is refilled ends in the index as it is, its version acknowledged", async () => {
    const inventory = demoInventory();
    const space = inventory.spaces.find((s) => s.status === "available")!;
    await waitSucceeded(search.deleteIndex(indexNames.spaces));

    let writing: Promise<unknown> = Promise.resolve();
    const client = gatedClient(indexNames.spaces, async () => {
      const changed = { ...inventory, spaces: inventory.spaces.map((s) => (s.id === space.id ? { ...s, status: "let" } : s)) };
      expect((await importInventory(db.sql, changed)).ok).toBe(true);
      ({ writing } = await otherWriter());
    });
    await refillIndex(db.sql, client, "spaces", indexNames.spaces);
    await writing;
    await drain();

    expect((await document(indexNames.spaces, String(space.id)))?.status).toBe("let");
    const [row] = await db.sql<
      { pending: boolean }[]
    >`select indexed_version < version as pending from spaces where id = ${String(space.id)}`;
    expect(row.pending).toBe(false);
  });

  it("a lead erased while a reindex writes again what changed during it ends out of the index", async () => {
    const { id } = await storeTestLead(db.sql, "南京重写索引擦除测试有限公司", "13900004343");
    await drain();
    const [{ since }] = await db.sql<{ since: string }[]>`select (now() - interval '1 minute')::text as since`;

    let writing: Promise<unknown> = Promise.resolve();
    const client = gatedClient(indexNames.leads, async () => {
      await eraseLeads(db.sql, { leadIds: [id], actor: "attack42", subject: "139****4343" });
      ({ writing } = await otherWriter());
    });
    await rewriteChangedSince(db.sql, client, indexNames, since);
    await writing;

    expect(await document(indexNames.leads, id)).toBeNull();
    expect((await search.index(indexNames.leads).search("13900004343")).hits).toEqual([]);
  });
});
