import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { enqueue } from "~/db/outbox.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { updateLeadNeed } from "~/hotline/desk-lead.server";
import { importInventory } from "~/inventory/import.server";
import { storeLead } from "~/leads/intake.server";
import { recordMatchOutcome } from "~/matches/match-leads.server";

import { createSearchClient } from "../../search/client";
import { startIndexWriter, writeIndexBatch } from "../../worker/index-writer";
import type { JobContext } from "../../worker/job-context";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { indexWriterContext } from "../support/index-writer-context";
import { validLeadJson } from "../support/leads";
import { eventually } from "../support/services";

// The index writer against the real Meilisearch: a burst of outbox rows becomes one task per index,
// and a document Meilisearch refuses holds back only its own row.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let ctx: JobContext;
const search = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
const suffix = Math.random().toString(36).slice(2, 8);
const indexNames = { leads: `leads_iw_${suffix}`, spaces: `spaces_iw_${suffix}`, parks: `parks_iw_${suffix}` };

beforeAll(async () => {
  db = await createTestDatabase("index_writer");
  ctx = await indexWriterContext(db.sql, search, indexNames);
});
afterAll(async () => {
  await Promise.all(
    Object.values(indexNames).map((uid) =>
      search
        .deleteIndex(uid)
        .waitTask()
        .catch(() => {}),
    ),
  );
  await db?.drop();
});

async function storeLeads(n: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const parsed = createLeadSchema("zh", "api").parse(validLeadJson({ company: `南京${tag}${i}号批量索引有限公司` }));
    ids.push((await storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" })).id);
  }
  return ids;
}

async function documentTasks(uid: string) {
  return (await search.tasks.getTasks({ indexUids: [uid], types: ["documentAdditionOrUpdate"], limit: 1000 })).results;
}

describe("writeIndexBatch", () => {
  it("writes a burst of 25 leads as one Meilisearch task and records each lead as indexed", async () => {
    const ids = await storeLeads(25, "甲");
    const before = (await documentTasks(indexNames.leads)).length;

    expect(await writeIndexBatch(ctx)).toEqual({ claimed: 25, setAside: 0 });

    const all = await documentTasks(indexNames.leads); // newest first
    const tasks = all.slice(0, all.length - before);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ status: "succeeded", details: { receivedDocuments: 25, indexedDocuments: 25 } });
    const rows = await db.sql<{ status: string; indexed: boolean }[]>`
      select status, indexed_at is not null as indexed from leads where id in ${db.sql(ids)}`;
    expect(rows.every((r) => r.indexed && r.status === "indexed")).toBe(true);
    const [{ open }] = await db.sql<
      { open: number }[]
    >`select count(*)::int as open from outbox where topic = 'lead.index' and done_at is null`;
    expect(open).toBe(0);
    const hits = await search.index(indexNames.leads).search("甲7号批量索引", { locales: ["cmn"] });
    expect(hits.hits.map((h) => h.id)).toContain(ids[7]);
    expect(await writeIndexBatch(ctx)).toEqual({ claimed: 0, setAside: 0 });

    // Indexed again (after a match, an edit): the document is rewritten, the lead row is left alone.
    const versions = async () =>
      (await db.sql<{ v: string }[]>`select xmin::text as v from leads where id in ${db.sql(ids)} order by id`).map((r) => r.v);
    const unchanged = await versions();
    await enqueue(db.sql, "lead.index", ids.slice(0, 5));
    expect(await writeIndexBatch(ctx)).toEqual({ claimed: 5, setAside: 0 });
    expect(await versions()).toEqual(unchanged);
  });

  it("running, it gathers a stream of leads into a few tasks (it wakes on NOTIFY and lingers)", async () => {
    const writer = await startIndexWriter(ctx, { lingerMs: 200, pollMs: 1_000, whenReady: async () => {} });
    try {
      const before = (await documentTasks(indexNames.leads)).length;
      const ids = await storeLeads(20, "流");
      await eventually(async () => {
        const [{ n }] = await db.sql<
          { n: number }[]
        >`select count(*)::int as n from leads where id in ${db.sql(ids)} and indexed_at is not null`;
        return n === 20;
      }, "the stream indexed");
      const tasks = (await documentTasks(indexNames.leads)).length - before;
      expect(tasks).toBeGreaterThanOrEqual(1);
      expect(tasks).toBeLessThanOrEqual(10); // one task per lead without batching
    } finally {
      await writer.stop();
    }
  });

  it("sets aside a lead whose stored JSON cannot become a document, and indexes the rest of its batch", async () => {
    const ids = await storeLeads(3, "丙");
    await db.sql`update leads set lead = lead - 'company' where id = ${ids[1]}`; // damaged behind our back
    expect(await writeIndexBatch(ctx)).toEqual({ claimed: 3, setAside: 1 });
    const rows = await db.sql<{ aggregateId: string; done: boolean; attempts: number; lastError: string | null }[]>`
      select aggregate_id, done_at is not null as done, attempts, last_error from outbox
      where topic = 'lead.index' and aggregate_id in ${db.sql(ids)} order by id`;
    expect(rows.map((r) => [r.aggregateId, r.done, r.attempts])).toEqual([
      [ids[0], true, 0],
      [ids[1], false, 1],
      [ids[2], true, 0],
    ]);
    expect(rows[1].lastError).toMatch(/search document not built/);
    await db.sql`update outbox set done_at = now() where topic = 'lead.index' and aggregate_id = ${ids[1]}`; // out of the next test's way
  });

  it("records the inventory version Meilisearch confirmed: written rows stop being pending, a later change is pending again", async () => {
    const pending = async () =>
      (
        await db.sql<{ spaces: number; parks: number }[]>`
        select (select count(*)::int from spaces where version > indexed_version) as spaces,
               (select count(*)::int from parks where version > indexed_version) as parks`
      )[0];
    const inv = demoInventory();
    expect((await importInventory(db.sql, inv)).ok).toBe(true);
    expect((await pending()).spaces).toBeGreaterThan(0);
    while ((await writeIndexBatch(ctx)).claimed > 0) {
      // index the demo inventory
    }
    expect(await pending()).toEqual({ spaces: 0, parks: 0 });

    inv.spaces[0] = { ...inv.spaces[0], ceilingM: 11 };
    expect((await importInventory(db.sql, inv)).ok).toBe(true);
    expect(await pending()).toEqual({ spaces: 1, parks: 0 });
    // The index displays ids only (search/spaces.index.ts): a space's ceiling is read through its filter.
    const filedAt11 = async () =>
      (await search.index(indexNames.spaces).search<{ id: string }>("", { filter: "ceilingM = 11", limit: 1000 })).hits.some(
        (h) => h.id === String(inv.spaces[0].id),
      );
    expect(await filedAt11()).toBe(false); // the index does not show it yet: pending is the truth
    while ((await writeIndexBatch(ctx)).claimed > 0) {
      // write the change
    }
    expect(await pending()).toEqual({ spaces: 0, parks: 0 });
    expect(await filedAt11()).toBe(true);
    // Hits are ids and nothing else, whatever is asked (each reader re-reads Postgres; ~25 µs a hit saved).
    const { hits } = await search.index(indexNames.spaces).search("", { limit: 5, attributesToRetrieve: ["*"] });
    expect(hits.map((h) => Object.keys(h))).toEqual(hits.map(() => ["id"]));
    expect(hits).toHaveLength(5);
  });

  it("holds back only the row whose document Meilisearch refuses; the rest of its batch is retried one by one", async () => {
    expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
    while ((await writeIndexBatch(ctx)).claimed > 0) {
      // index the demo inventory
    }
    // A park row the import would refuse (latitude NaN), written behind its back: its _geo is invalid.
    await db.sql`update parks set lat = 'NaN' where id = 'GC-EDZ'`;
    await enqueue(db.sql, "park.index", ["GC-EDZ"]);
    const ids = await storeLeads(3, "乙");

    expect(await writeIndexBatch(ctx)).toEqual({ claimed: 4, setAside: 4 });
    const setAside = await db.sql<{ attempts: number; lastError: string }[]>`
      select attempts, last_error from outbox where done_at is null and topic like '%.index' order by id`;
    expect(setAside).toHaveLength(4);
    expect(setAside.every((r) => r.attempts === 1 && r.lastError.length > 0)).toBe(true);

    // Each row alone, as it comes due: the leads go through, the park row keeps failing by itself.
    await eventually(
      async () => {
        await writeIndexBatch(ctx, { retried: true });
        const [{ n }] = await db.sql<
          { n: number }[]
        >`select count(*)::int as n from leads where id in ${db.sql(ids)} and indexed_at is not null`;
        return n === 3;
      },
      "the three leads indexed on their own",
      30_000,
    );
    const [park] = await db.sql<{ attempts: number; lastError: string; done: boolean }[]>`
      select attempts, last_error, done_at is not null as done from outbox where topic = 'park.index' and aggregate_id = 'GC-EDZ' order by id desc limit 1`;
    expect(park.done).toBe(false);
    expect(park.lastError).toMatch(/latitude/);
    expect(park.attempts).toBeGreaterThanOrEqual(1);
  });
});

// docs/decisions/209: a lead's search document holds what only intake, a desk's edit of the need, an erasure
// or a migration changes — not the status, which every match, routing step and close moves. So a match writes
// no document (one document a lead instead of two, issue 14), and an edit queues its own.
describe("what a lead's search document follows", () => {
  const drain = async () => {
    while ((await writeIndexBatch(ctx)).claimed > 0);
  };
  const documentOf = (id: string) => search.index(indexNames.leads).getDocument(id) as Promise<Record<string, unknown>>;
  const found = async (words: string) =>
    (
      await search.index(indexNames.leads).search(words, { locales: ["cmn"], matchingStrategy: "all", attributesToRetrieve: ["id"] })
    ).hits.map((h) => h.id);
  let author = "";
  beforeAll(async () => {
    [{ id: author }] = await db.sql<{ id: string }[]>`
      insert into users (email, name, role, password_hash) values ('desk-209@example.test', '热线坐席', 'hotline', 'x') returning id`;
  });

  it("holds no status, and a match outcome (any of them) queues no document", async () => {
    const ids = await storeLeads(3, "丙");
    await drain();
    for (const id of ids) expect(Object.keys(await documentOf(id))).not.toContain("status");
    // Whatever the status before the outcome, the lead's only lead.index row stays the intake's.
    await db.sql`update leads set status = 'matched' where id = ${ids[1]}`;
    await db.sql`update leads set status = 'assigned' where id = ${ids[2]}`;
    for (const id of ids) {
      const [job] = await enqueue(db.sql, "lead.match", [id]);
      await db.sql.begin((tx) => recordMatchOutcome(tx, id, "1", [], job));
    }
    const rows = await db.sql<{ n: number }[]>`
      select count(*)::int as n from outbox where topic = 'lead.index' and aggregate_id in ${db.sql(ids)} group by aggregate_id`;
    expect(rows.map((r) => r.n)).toEqual([1, 1, 1]);
    expect((await writeIndexBatch(ctx)).claimed).toBe(0);
  });

  it("a need edited on a desk is found by its new words once the writer runs, before any match", async () => {
    const ids = await storeLeads(2, "丁");
    await drain();
    const edits = [
      { use: { industry: "C38", product: "光伏逆变器" }, notes: "需要双回路供电" },
      { use: { industry: "C27", product: "医用敷料" }, notes: "洁净车间十万级" },
    ];
    for (const [i, edit] of edits.entries()) {
      const parsed = createLeadSchema("zh", "api").parse({
        ...validLeadJson({ company: `南京丁${i}号批量索引有限公司` }),
        use: edit.use,
        need: { ...validLeadJson().need, notes: edit.notes },
      });
      expect(
        await updateLeadNeed(db.sql, { leadId: ids[i], parsed: parsed.lead, authorId: author, note: "电话核实", reason: "test" }),
      ).toEqual({
        ok: true,
      });
    }
    await drain(); // the index writer alone: no lead.match job runs here
    expect(await found("光伏逆变器")).toEqual([ids[0]]);
    expect(await found("双回路供电")).toEqual([ids[0]]);
    expect(await found("医用敷料")).toEqual([ids[1]]);
    expect(await found("洁净车间")).toEqual([ids[1]]);
    expect((await documentOf(ids[1])).product).toBe("医用敷料");
  });
});
