import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSearchClient } from "../../search/client";
import { LEADS_INDEX } from "../../search/leads.index";
import type { RunningWorker } from "../../worker/runtime";
import { createTestDatabase } from "../support/database";
import { validLeadForm } from "../support/leads";
import { eventually, startPrivateMeili, startPrivateRedis, startWebServer } from "../support/services";
import { startTestWorker } from "../support/worker";

// Intake never waits for Redis or Meilisearch. Real servers of our own are stopped and started again,
// so the machine's shared Redis and the run's Meilisearch stay up for every other test.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let meili: Awaited<ReturnType<typeof startPrivateMeili>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let worker: RunningWorker;

beforeAll(async () => {
  db = await createTestDatabase("outages");
  redis = await startPrivateRedis();
  meili = await startPrivateMeili();
  const m = meili.current();
  web = await startWebServer({ DATABASE_URL: db.url, REDIS_URL: redis.url, MEILI_URL: m.url, MEILI_MASTER_KEY: m.masterKey });
  worker = await startTestWorker({ databaseUrl: db.url, redisUrl: redis.url, meiliUrl: m.url, meiliKey: m.masterKey });
});
afterAll(async () => {
  await worker?.close();
  await web?.stop();
  await redis?.stop();
  await meili?.cleanup();
  await db?.drop();
});

function form(company: string): URLSearchParams {
  return new URLSearchParams(
    validLeadForm({
      "use.product": "储能电池",
      "tax.annualTaxWan": "200",
      "company.name": company,
      "contact.phone": "025-8345 6789",
      submissionKey: crypto.randomUUID(),
    }),
  );
}

async function postForm(company: string): Promise<string> {
  const res = await fetch(`${web.url}/?index`, { method: "POST", body: form(company), redirect: "manual" });
  expect(res.status).toBe(303);
  const location = res.headers.get("location") ?? "";
  expect(location).toMatch(/^\/inquiry\/PM-\d{8}-\d{4}\?k=[\w-]{22}$/);
  return location.split("/").pop()!.split("?")[0];
}

async function health() {
  const res = await fetch(`${web.url}/healthz`);
  return { status: res.status, body: (await res.json()) as { down: string[] } };
}

async function statusByReference(reference: string) {
  const [row] = await db.sql<{ status: string; id: string; indexed: boolean; matched: boolean }[]>`
    select status, id, indexed_at is not null as indexed, matched_at is not null as matched from leads where reference = ${reference}`;
  return row;
}

describe("with everything up", () => {
  it("/healthz answers 200", async () => {
    expect(await health()).toEqual({ status: 200, body: expect.objectContaining({ down: [] }) });
  });
});

describe("Redis down", () => {
  it("POST / still answers 303; /healthz names redis; the lead is searchable meanwhile and matched once Redis is back", async () => {
    await redis.stop();
    const reference = await postForm("高淳断线测试储能有限公司");
    const h = await health();
    expect(h.status).toBe(503);
    expect(h.body.down).toEqual(["redis"]);
    // Search indexing goes from Postgres straight to Meilisearch; matching waits for its queue.
    await eventually(async () => (await statusByReference(reference)).indexed, "indexed while Redis is down");
    expect((await statusByReference(reference)).matched).toBe(false);

    redis = await startPrivateRedis(redis.port);
    await eventually(async () => (await statusByReference(reference)).matched, "matched after Redis returned", 30_000);
  });
});

describe("Meilisearch down", () => {
  it("intake still works; /healthz names meilisearch; the lead is indexed when Meilisearch returns", async () => {
    await meili.stop();
    const reference = await postForm("溧水断线测试电气有限公司");
    // Meilisearch is named, and only it: Redis, restarted by the test before, answers again.
    const h = await eventually(async () => {
      const r = await health();
      return r.body.down.includes("meilisearch") && r.body.down.length === 1 ? r : null;
    }, "/healthz naming meilisearch alone");
    expect(h.status).toBe(503);
    // Indexing is tried and fails while Meilisearch is away: the lead stays received, nothing is lost,
    // and an outage is not held against the row (it is not set aside as refused).
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await statusByReference(reference)).status).toBe("received");
    const [row] = await db.sql<{ attempts: number; done: boolean }[]>`
      select o.attempts, o.done_at is not null as done from outbox o join leads l on o.aggregate_id = l.id::text
      where l.reference = ${reference} and o.topic = 'lead.index'`;
    expect(row).toEqual({ attempts: 0, done: false });

    await meili.restart();
    const { id } = await eventually(
      async () => {
        const row = await statusByReference(reference);
        return row.indexed ? row : null;
      },
      "indexed after Meilisearch returned",
      30_000,
    );
    const m = meili.current();
    const hits = await createSearchClient(m.url, m.masterKey)
      .index(LEADS_INDEX)
      .search("断线测试电气", { locales: ["cmn"] });
    expect(hits.hits.map((h) => h.id)).toContain(id);
  });
});

describe("Postgres down", () => {
  it("/healthz names postgres when the database cannot be reached", async () => {
    // A second web process pointed at a port where no Postgres listens.
    const broken = await startWebServer({
      DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere",
      REDIS_URL: redis.url,
      MEILI_URL: meili.current().url,
      MEILI_MASTER_KEY: meili.current().masterKey,
    });
    try {
      // Postgres is named, and only it, once the new process's first checks of the others have answered.
      const res = await eventually(async () => {
        const r = await fetch(`${broken.url}/healthz`);
        const down = ((await r.clone().json()) as { down: string[] }).down;
        return down.length === 1 && down[0] === "postgres" ? r : null;
      }, "/healthz naming postgres alone");
      expect(res.status).toBe(503);
      // The form still renders, and a submission gets a plain answer that keeps what was typed.
      const post = await fetch(`${broken.url}/?index`, { method: "POST", body: form("无库测试有限公司"), redirect: "manual" });
      expect(post.status).toBe(503);
      const html = await post.text();
      expect(html).toContain("无库测试有限公司");
      expect(html).toMatch(/暂时无法保存/);
      expect(html).not.toMatch(/at .*\.js:\d+/); // no stack trace
    } finally {
      await broken.stop();
    }
  });
});
