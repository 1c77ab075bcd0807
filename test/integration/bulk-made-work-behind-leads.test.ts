import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSql, type Sql } from "~/db/db.server";
import { enqueue } from "~/db/outbox.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { importInventory } from "~/inventory/import.server";
import { storeLead } from "~/leads/intake.server";

import type { JobContext } from "../../worker/job-context";
import { BULK_PRIORITY } from "../../worker/queue";
import { relayOnce } from "../../worker/relay";
import type { RunningWorker } from "../../worker/runtime";
import { spaceMatchJob } from "../../worker/space-match.job";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { countingJobContext } from "../support/lead-match-job";
import { validLeadJson } from "../support/leads";
import { privateQueue } from "../support/private-queue";
import { eventually } from "../support/services";
import { startTestWorker } from "../support/worker";

// Attack 12-05 (docs/decisions/155): after a bulk inventory import a NEW lead waited 31 s behind 36,199
// match.route rows — the routing of the parks the import's reverse matching (space.match) had offered to
// open leads. space.match itself was bulk work (ADR 103), but what it wrote was not: its match.route and
// lead.match rows went to the relay's first list and BullMQ's wait list, ahead of the new lead. Now the
// rows bulk work writes are bulk (`outbox.bulk`): relayed with the room left, run at BULK_PRIORITY.
// Against the run's Postgres and Redis; the last case with the real worker.

let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase("bulk_made_work");
  const inv = demoInventory();
  expect((await importInventory(db.sql, { parks: inv.parks, recruiters: inv.recruiters })).ok).toBe(true);
}, 120_000);
afterAll(async () => {
  await db?.drop();
});

/** A factory to lease in 高淳区 of 1,000–20,000 ㎡: every space of `spacesIn` fits it. */
async function storeOpenLead(n: number): Promise<string> {
  const json = validLeadJson({ company: `南京批量${n}号机械有限公司`, phone: `139${String(20_000_000 + n)}` });
  const parsed = createLeadSchema("zh", "api").parse({
    ...json,
    need: { kind: "factory", deal: "lease", areaMin: 1000, areaMax: 20000, areaUnit: "sqm", regions: ["高淳区"] },
  });
  return (await storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" })).id;
}

/** `n` factories of 5,000 ㎡ to lease in the three 高淳 parks, ids `${tag}1`…: an import. */
function spacesIn(tag: string, n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: `${tag}${i + 1}`,
    parkId: ["GC-EDZ", "GC-MED", "GC-DB"][i % 3],
    kind: "factory" as const,
    deals: ["lease"],
    title: `批量导入厂房${tag}${i + 1}`,
    areaSqm: 5000,
    ceilingM: 9,
    status: "available",
  }));
}

/** The import's reverse matching, run as the worker runs it (no worker): the rows it writes stay in the outbox. */
async function reverseMatch(tag: string, n: number): Promise<void> {
  expect((await importInventory(db.sql, { spaces: spacesIn(tag, n) })).ok).toBe(true);
  const rows = await db.sql<{ id: string; aggregateId: string }[]>`
    select id::text, aggregate_id from outbox where topic = 'space.match' and aggregate_id like ${`${tag}%`} and done_at is null order by id`;
  const { ctx } = countingJobContext(db.sql, "unused");
  for (const r of rows) await spaceMatchJob(ctx as JobContext, { outboxId: Number(r.id), id: r.aggregateId });
}

const openRows = async (topic: string) =>
  (await db.sql<{ n: number }[]>`select count(*)::int as n from outbox where topic = ${topic} and done_at is null`)[0].n;

/** Nothing of one case left for the next: every open row done (the search index's left for the real worker's index writer). */
const closeAll = () =>
  db.sql`update outbox set done_at = now() where done_at is null and topic not in ('lead.index', 'space.index', 'park.index')`;

describe("the rows reverse matching writes are bulk work", () => {
  it("its match.route rows are relayed after a new lead's row due later, and run at BULK_PRIORITY", async () => {
    const q = privateQueue("bulk-made");
    try {
      const leads = [];
      for (let i = 0; i < 3; i++) leads.push(await storeOpenLead(i));
      await closeAll(); // the leads' own work done: open, not matched
      await reverseMatch("BA", 2);
      const routes = await db.sql<{ id: string; bulk: boolean }[]>`
        select id::text, bulk from outbox where topic = 'match.route' and done_at is null order by id`;
      expect(routes).toHaveLength(6); // each space offered to each lead
      expect(routes.every((r) => r.bulk)).toBe(true);

      const [late] = await enqueue(db.sql, "lead.match", ["BA-new-lead"]);
      // A pass of 3 rows: the new lead's row first although due after all six routings.
      expect(await relayOnce(db.sql, q.queue, 3)).toBe(3);
      const relayed = await db.sql<{ id: string; topic: string }[]>`
        select id::text, topic from outbox where relayed_at is not null and done_at is null order by id`;
      expect(relayed.map((r) => r.topic)).toEqual(["match.route", "match.route", "lead.match"]);
      expect(Number(relayed[2].id)).toBe(late);
      const jobs = await q.queue.getJobs(["prioritized", "waiting"]);
      expect(jobs.map((j) => [j.name, j.opts.priority ?? 0]).sort()).toEqual([
        ["lead.match", 0],
        ["match.route", BULK_PRIORITY],
        ["match.route", BULK_PRIORITY],
      ]);
    } finally {
      await q.close();
      await closeAll();
    }
  }, 60_000);

  it("a re-match it asks for (a match withdrawn: the space let) is bulk too; a lead's own rows are not", async () => {
    const lead = await storeOpenLead(10);
    await closeAll();
    await reverseMatch("BL", 1);
    await closeAll();
    const let1 = { ...spacesIn("BL", 1)[0], status: "let" };
    expect((await importInventory(db.sql, { spaces: [let1] })).ok).toBe(true);
    const [row] = await db.sql<{ id: string }[]>`
      select id::text from outbox where topic = 'space.match' and aggregate_id = 'BL1' and done_at is null`;
    const { ctx } = countingJobContext(db.sql, "unused");
    await spaceMatchJob(ctx as JobContext, { outboxId: Number(row.id), id: "BL1" });
    const rematch = await db.sql<{ bulk: boolean }[]>`
      select bulk from outbox where topic = 'lead.match' and aggregate_id = ${lead} and done_at is null`;
    expect(rematch).toEqual([{ bulk: true }]);
    const own = await storeOpenLead(11);
    const ownRows = await db.sql<{ topic: string; bulk: boolean }[]>`
      select topic, bulk from outbox where aggregate_id = ${own} order by id`;
    expect(ownRows.filter((r) => r.topic !== "lead.index")).toEqual([{ topic: "lead.match", bulk: false }]);
    await closeAll();
  }, 60_000);
});

describe("the relay's two lists are read from their partial indexes (migration 107)", () => {
  let traced: Sql;
  const recorded: { query: string; params: unknown[] }[] = [];
  beforeAll(async () => {
    traced = createSql(db.url, { max: 1, debug: (_c, query, params) => void recorded.push({ query, params: [...params] }) });
  });
  afterAll(async () => {
    await traced?.end({ timeout: 2 });
  });

  it("over 60,000 done rows, 20,000 bulk match.route rows, 5,000 space.match rows and a few urgent ones", async () => {
    await closeAll();
    await db.sql`
      insert into outbox (topic, aggregate_id, relayed_at, done_at)
      select (array['lead.match', 'match.route', 'notify.email', 'space.match'])[1 + i % 4], 'done-' || i, now(), now()
      from generate_series(1, 60000) i`;
    await db.sql`insert into outbox (topic, aggregate_id, bulk) select 'match.route', 'bulk-' || i, true from generate_series(1, 20000) i`;
    await db.sql`insert into outbox (topic, aggregate_id) select 'space.match', 'sm-' || i from generate_series(1, 5000) i`;
    await db.sql`insert into outbox (topic, aggregate_id) select 'notify.email', 'urgent-' || i from generate_series(1, 20) i`;
    await db.sql`vacuum analyze outbox`;
    try {
      recorded.length = 0;
      const q = privateQueue("bulk-plan");
      try {
        expect(await relayOnce(traced, q.queue, 200)).toBe(200);
      } finally {
        await q.close();
      }
      const statement = recorded.find((r) => /with urgent as/.test(r.query))!;
      expect(statement).toBeDefined();
      const [plan] = await db.sql.unsafe<{ "QUERY PLAN": { Plan: PlanNode }[] }[]>(
        `explain (format json) ${statement.query}`,
        statement.params as never[],
      );
      const scans = nodes(plan["QUERY PLAN"][0].Plan).filter((n) => n["Relation Name"] === "outbox" && n["Node Type"] !== "ModifyTable");
      const read = scans.map((n) => `${n["Node Type"]} ${n["Index Name"] ?? ""}`.trim());
      // Each list from its own index, in its order (no sort, no scan of the other list's rows); the update by id.
      expect(read.filter((r) => /Seq Scan|Bitmap/.test(r))).toEqual([]);
      expect(read).toContain("Index Scan outbox_relay_due");
      expect(read).toContain("Index Scan outbox_relay_due_bulk");
      // The 20 urgent rows first, then 180 of the bulk ones, earliest first: match.route before space.match.
      const taken = await db.sql<{ topic: string; n: number }[]>`
        select topic, count(*)::int as n from outbox where relayed_at is not null and done_at is null group by topic order by topic`;
      expect(taken).toEqual([
        { topic: "match.route", n: 180 },
        { topic: "notify.email", n: 20 },
      ]);
    } finally {
      await closeAll();
    }
  }, 120_000);
});

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

describe("the real worker: a lead posted while thousands of an import's routings wait", () => {
  let worker: RunningWorker | undefined;
  afterAll(async () => {
    await worker?.close();
  });

  it("is matched, routed and its recruiter emailed while most of them still wait", async () => {
    // 500 open leads, then an import of 6 spaces that fit them all: reverse matching offers each lead the
    // spaces among its top five, and writes a match.route row for each offer. Recruiters with room for all.
    await db.sql`update recruiters set capacity = 10000`;
    for (let i = 0; i < 500; i++) await storeOpenLead(1000 + i);
    await closeAll();
    await reverseMatch("BW", 6);
    const total = await openRows("match.route");
    expect(total).toBeGreaterThanOrEqual(2_500);

    const suffix = Math.random().toString(36).slice(2, 8);
    worker = await startTestWorker({
      databaseUrl: db.url,
      indexNames: { leads: `leads_bm_${suffix}`, spaces: `spaces_bm_${suffix}`, parks: `parks_bm_${suffix}` },
    });
    // The worker is busy with the routings when the lead comes.
    await eventually(async () => (await openRows("match.route")) < total, "the worker to start on the routings", 60_000);
    const id = await storeOpenLead(99_999);
    const waiting = await eventually(
      async () => {
        const [row] = await db.sql<{ sent: boolean; waiting: number }[]>`
          select exists (select 1 from notifications where lead_id = ${id} and channel = 'email' and status = 'sent') as sent,
                 (select count(*)::int from outbox where topic = 'match.route' and done_at is null) as waiting`;
        return row.sent ? { n: row.waiting } : null;
      },
      "the new lead's recruiter to be emailed",
      150_000,
    );
    const [{ assigned }] = await db.sql<{ assigned: number }[]>`
      select count(*)::int as assigned from assignments where lead_id = ${id} and status = 'offered'`;
    expect(assigned).toBeGreaterThan(0);
    // Without the fix the lead's work came after every one of them (waiting 0).
    expect(waiting.n).toBeGreaterThan(total / 2);
  }, 300_000);
});
