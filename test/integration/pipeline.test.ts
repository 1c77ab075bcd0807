import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSearchClient } from "../../search/client";
import { LEADS_INDEX } from "../../search/leads.index";
import { createQueue, jobIdFor, QUEUE_NAME } from "../../worker/queue";
import { reconcileOnce } from "../../worker/reconciler";
import { createRedis } from "../../worker/redis";
import type { RunningWorker } from "../../worker/runtime";
import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { eventually, startPrivateRedis, startWebServer } from "../support/services";
import { startTestWorker } from "../support/worker";

// The backbone end to end: intake → outbox → index writer → Meilisearch, intake → outbox → relay →
// BullMQ → lead.match, and the reconciler re-driving work that a Redis restart forgot. A private Redis
// keeps FLUSHALL away from others.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const search = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);

beforeAll(async () => {
  db = await createTestDatabase("pipeline");
  redis = await startPrivateRedis();
  web = await startWebServer({ DATABASE_URL: db.url, REDIS_URL: redis.url });
});
afterAll(async () => {
  await web?.stop();
  await redis?.stop();
  await db?.drop();
});

async function submit(company: string) {
  const res = await fetch(`${web.url}/api/leads`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(validLeadJson({ company })),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; reference: string };
}

/** Indexed, whatever the later stages (matching, routing) did to the status since. */
async function isIndexed(id: string) {
  const [row] = await db.sql<{ indexed: boolean }[]>`select indexed_at is not null as indexed from leads where id = ${id}`;
  return row.indexed;
}

describe("lead.index", () => {
  let worker: RunningWorker;
  beforeAll(async () => {
    worker = await startTestWorker({ databaseUrl: db.url, redisUrl: redis.url });
  });
  afterAll(async () => worker?.close());

  it("indexes a lead so that its Chinese company name finds it, and records it in Postgres", async () => {
    const { id, reference } = await submit("高淳绿能新材料科技有限公司");
    await eventually(() => isIndexed(id), "lead indexed");
    const result = await search.index(LEADS_INDEX).search("绿能新材料", { locales: ["cmn"] });
    const hit = result.hits.find((h) => h.id === id);
    expect(hit).toMatchObject({ reference, companyName: "高淳绿能新材料科技有限公司" });
    // The intake's lead.index row, done in the transaction that set indexed_at. (Not "any row of the lead":
    // lead.match's own row and the lead.index row it adds may still be pending, and without an order a
    // scan returns whichever an update moved first on the page.)
    const [outbox] = await db.sql`select done_at from outbox where aggregate_id = ${id} and topic = 'lead.index' order by id limit 1`;
    expect(outbox.doneAt).not.toBeNull();
  });

  it("applied the Chinese settings to the leads index before documents", async () => {
    const settings = await search.index(LEADS_INDEX).getSettings();
    expect(settings.localizedAttributes).toEqual([{ attributePatterns: ["*"], locales: ["cmn"] }]);
    expect(settings.filterableAttributes).toEqual([]); // nothing filters on it (docs/decisions/055)
  });
});

describe("reconciler", () => {
  it("re-drives a relayed job that Redis forgot (FLUSHALL) and the lead is still matched", async () => {
    const { id, queue, producer, jobKey } = await relayedLeadMatch(`pmtest-rec-${Date.now()}`, "溧水智造装备有限公司");

    // Redis restarts empty.
    const admin = new Redis(redis.url);
    await admin.flushall();
    admin.disconnect();
    expect(await queue.getJob(jobIdFor(jobKey))).toBeUndefined();

    await redrivenAndMatched(queue, producer, [id]);
  });
});

describe("reconciler and a group of lead.match rows (docs/decisions/073)", () => {
  it("re-drives every row of a group whose job Redis forgot, and each lead is matched", async () => {
    const producer = createRedis(redis.url, "producer");
    const queue = createQueue(producer, `pmtest-group-${Date.now()}`);
    const ids: string[] = [];
    for (const company of ["高淳分组一号科技有限公司", "高淳分组二号科技有限公司", "高淳分组三号科技有限公司"])
      ids.push((await submit(company)).id);
    const { relayOnce } = await import("../../worker/relay");
    while ((await relayOnce(db.sql, queue)) > 0) {
      // drain whatever is due
    }
    const rows = await db.sql<{ jobKey: string; relayJobKey: string }[]>`
      select job_key, relay_job_key from outbox where aggregate_id = any(${ids}::text[]) and topic = 'lead.match' order by id`;
    // One job holds the three rows; none has a job of its own.
    expect(new Set(rows.map((r) => r.relayJobKey)).size).toBe(1);
    const job = await queue.getJob(jobIdFor(rows[0].relayJobKey));
    expect(job?.data.items?.map((i) => i.id)).toEqual(ids);
    for (const r of rows.slice(1)) expect(await queue.getJob(jobIdFor(r.jobKey))).toBeUndefined();
    // While the job is known, nothing is re-driven.
    expect((await reconcileOnce(db.sql, queue, 0)).redriven).toBe(0);

    const admin = new Redis(redis.url);
    await admin.flushall();
    admin.disconnect();
    await redrivenAndMatched(queue, producer, ids);
  });
});

/** A lead submitted and its lead.match row relayed into a queue of its own (no worker yet: the job sits in Redis). */
async function relayedLeadMatch(prefix: string, company: string) {
  const producer = createRedis(redis.url, "producer");
  const queue = createQueue(producer, prefix);
  const { id } = await submit(company);
  const { relayOnce } = await import("../../worker/relay");
  const relayed = async () =>
    (await db.sql`select 1 from outbox where aggregate_id = ${id} and topic = 'lead.match' and relayed_at is not null`).length > 0;
  await eventually(async () => (await relayOnce(db.sql, queue)) >= 0 && relayed(), "relayed");
  const [row] = await db.sql<{ jobKey: string }[]>`select job_key from outbox where aggregate_id = ${id} and topic = 'lead.match'`;
  return { id, queue, producer, prefix, jobKey: row.jobKey };
}

/** One reconciler pass re-drives the leads' rows; a worker started on the same queue then matches the leads. */
async function redrivenAndMatched(queue: ReturnType<typeof createQueue>, producer: ReturnType<typeof createRedis>, ids: string[]) {
  const { redriven } = await reconcileOnce(db.sql, queue, 0);
  expect(redriven).toBe(ids.length);
  const prefix = queue.opts.prefix!;
  await queue.close();
  producer.disconnect();
  const worker = await startTestWorker({ databaseUrl: db.url, redisUrl: redis.url, queuePrefix: prefix });
  try {
    await eventually(
      async () => (await db.sql`select 1 from leads where id = any(${ids}::uuid[]) and matched_at is not null`).length === ids.length,
      "matched after re-drive",
    );
  } finally {
    await worker.close();
  }
}

describe("a worker commit lost with a Postgres crash (docs/decisions/050)", () => {
  it("re-drives a job BullMQ completed whose transaction left nothing, and the lead is matched", async () => {
    const { id, queue, producer, prefix, jobKey } = await relayedLeadMatch(`pmtest-lost-${Date.now()}`, "溧水丢失提交装备有限公司");

    // A job that ran and completed, but whose commit the crash took back: nothing of it is in Postgres.
    const { Worker } = await import("bullmq");
    const lost = new Worker(QUEUE_NAME, async () => {}, { connection: createRedis(redis.url, "worker"), prefix });
    await eventually(async () => (await queue.getJob(jobIdFor(jobKey)))?.isCompleted() ?? false, "completed without effect");
    await lost.close();
    expect((await db.sql`select 1 from leads where id = ${id} and matched_at is not null`).length).toBe(0);

    await redrivenAndMatched(queue, producer, [id]);
  });
});

describe("relay", () => {
  it("hands BullMQ only work due within seconds: an SLA check hours ahead and a notice's fallback wait in Postgres", async () => {
    const { enqueue } = await import("~/db/outbox.server");
    const { relayOnce, RELAY_HORIZON_MS } = await import("../../worker/relay");
    const producer = createRedis(redis.url, "producer");
    const queue = createQueue(producer, `pmtest-horizon-${Date.now()}`);
    try {
      const [hoursAhead] = await enqueue(db.sql, "assignment.sla", ["sla-later"], { notBefore: new Date(Date.now() + 2 * 3600_000) });
      const [fallback] = await enqueue(db.sql, "notify.email", ["notice-fallback"], { afterMs: 90_000 });
      const [soon] = await enqueue(db.sql, "assignment.sla", ["sla-soon"], { afterMs: RELAY_HORIZON_MS / 2 });
      while ((await relayOnce(db.sql, queue)) > 0) {
        // drain whatever is due
      }
      const rows = await db.sql<{ id: number; relayed: boolean; jobKey: string }[]>`
        select id, relayed_at is not null as relayed, job_key from outbox where id in ${db.sql([hoursAhead, fallback, soon])} order by id`;
      expect(rows.map((r) => [Number(r.id), r.relayed])).toEqual([
        [hoursAhead, false],
        [fallback, false],
        [soon, true],
      ]);
      const job = await queue.getJob(jobIdFor(rows[2].jobKey));
      expect(await job?.isDelayed()).toBe(true); // handed over with the rest of its wait as BullMQ delay
    } finally {
      await db.sql`update outbox set done_at = now() where aggregate_id in ('sla-later', 'notice-fallback', 'sla-soon')`;
      await queue.obliterate({ force: true });
      await queue.close();
      producer.disconnect();
    }
  });
});

describe("a database created again on the same Redis", () => {
  it("does not mistake its new outbox rows for the old database's finished jobs", async () => {
    const prefix = `pmtest-again-${Date.now()}`;
    const { createLeadSchema } = await import("~/domain/lead-schema");
    const { storeLead } = await import("~/leads/intake.server");
    const parsed = createLeadSchema("zh", "api").parse(validLeadJson({ company: "南京重建库测试有限公司" }));
    for (const round of [1, 2]) {
      // Outbox ids start at 1 again each time; Redis still holds round 1's completed jobs.
      const fresh = await createTestDatabase("pipeline_again");
      const worker = await startTestWorker({ databaseUrl: fresh.url, redisUrl: redis.url, queuePrefix: prefix });
      try {
        const { id } = await storeLead(fresh.sql, { ...parsed, raw: {}, source: "api", lng: "zh" });
        const [{ outbox }] = await fresh.sql<{ outbox: number }[]>`select min(id)::int as outbox from outbox`;
        expect(outbox).toBe(1);
        await eventually(
          async () => (await fresh.sql`select 1 from leads where id = ${id} and matched_at is not null`).length > 0,
          `matched in round ${round}`,
        );
      } finally {
        await worker.close();
        await fresh.drop();
      }
    }
  });
});
