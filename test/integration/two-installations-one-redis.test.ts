import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { defaultQueuePrefix } from "~/utils/env.server";

import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { type ManagedProcess, startProcess } from "../support/processes";
import { storeTestLead } from "../support/routed-lead";
import { eventually, startPrivateRedis } from "../support/services";

// Two installations on one machine — two checkouts, or a demo beside a dev copy — each with its own
// DATABASE_URL, share the machine's Redis and leave QUEUE_PREFIX unset. With one fixed default prefix
// both workers took jobs from one BullMQ queue: a lead.match job of database A ran against database B,
// whose outbox row of the same id then ended as a dead letter "lead-missing", and A's lead waited for
// the reconciler. The default is now derived from the database (docs/decisions/082): each worker takes
// only its own installation's jobs, and every key an installation writes in Redis starts with its prefix.
const ROUNDS = 4;
let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let a: Awaited<ReturnType<typeof createTestDatabase>>;
let b: Awaited<ReturnType<typeof createTestDatabase>>;
let processes: ManagedProcess[] = [];
let webA: ManagedProcess;

beforeAll(async () => {
  [redis, a, b] = await Promise.all([startPrivateRedis(), createTestDatabase("install_a"), createTestDatabase("install_b")]);
  const tag = Math.random().toString(36).slice(2, 8);
  // What `npm start` gives each: its own database (and its own Meilisearch, here its own index names),
  // the machine's Redis, no QUEUE_PREFIX ("" is unset, as in a .env file).
  const install = (db: { url: string }, name: string) => ({
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: "",
    MEILI_INDEX_PREFIX: `pm2i_${tag}_${name}_`,
    RELAY_POLL_MS: "200",
    RECONCILE_EVERY_MS: "1000",
  });
  processes = await Promise.all([
    startProcess("worker", "worker-a", install(a, "a")),
    startProcess("worker", "worker-b", install(b, "b")),
    startProcess("web", "web-a", install(a, "a")),
  ]);
  webA = processes[2];
}, 150_000);
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await Promise.all([a?.drop(), b?.drop()]);
  await redis?.stop();
});

type Row = { id: string; aggregateId: string; done: boolean; deadReason: string | null };
const matchRows = (db: typeof a) =>
  db.sql<Row[]>`select id::text, aggregate_id, done_at is not null as done, dead_reason from outbox where topic = 'lead.match' order by id`;

describe("two installations, one Redis, QUEUE_PREFIX unset", () => {
  it("each worker does only its own database's work: every lead of both matched, no row dead", async () => {
    const leadsA: string[] = [];
    const leadsB: string[] = [];
    // A lead in each at the same moment, round after round: the two databases' outbox rows get the same
    // ids (both copies of one template), as two fresh installations' do.
    for (let i = 0; i < ROUNDS; i++) {
      const [res, lead] = await Promise.all([
        fetch(`${webA.url}/api/leads`, {
          method: "POST",
          headers: { "content-type": "application/json", "idempotency-key": crypto.randomUUID() },
          body: JSON.stringify(validLeadJson({ company: `甲园区第${i}号机械有限公司`, phone: `1391230${String(i).padStart(4, "0")}` })),
        }),
        storeTestLead(b.sql, `乙园区第${i}号机械有限公司`, `1391231${String(i).padStart(4, "0")}`),
      ]);
      expect(res.status).toBe(201);
      leadsA.push(((await res.json()) as { id: string }).id);
      leadsB.push(lead.id);
      const settled = async (db: typeof a) => (await matchRows(db)).every((r) => r.done || r.deadReason !== null);
      await eventually(async () => (await settled(a)) && (await settled(b)), `round ${i}: both databases' lead.match rows ended`, 60_000);
    }
    for (const [db, leads] of [
      [a, leadsA],
      [b, leadsB],
    ] as const) {
      const rows = await matchRows(db);
      expect(rows.filter((r) => r.deadReason !== null)).toEqual([]);
      expect(rows.map((r) => r.aggregateId).sort()).toEqual([...leads].sort());
      // No inventory in either: each lead was matched by its own worker and found nothing (a call-back task).
      const statuses = await db.sql<{ status: string }[]>`select status from leads where id = any(${[...leads]}::uuid[])`;
      expect(statuses.map((s) => s.status)).toEqual(leads.map(() => "unmatched"));
    }
    expect(processes.flatMap((p) => p.unexpectedExits)).toEqual([]);
  }, 300_000);

  it("derives a prefix per database, and every key either installation wrote in Redis starts with its own", async () => {
    const prefixA = defaultQueuePrefix(a.url);
    const prefixB = defaultQueuePrefix(b.url);
    expect(prefixA).not.toBe(prefixB);
    const { Redis } = await import("ioredis");
    const probe = new Redis(redis.url);
    try {
      const keys = await probe.keys("*");
      const ofA = keys.filter((k) => k.startsWith(`${prefixA}:`));
      const ofB = keys.filter((k) => k.startsWith(`${prefixB}:`));
      expect(keys.filter((k) => !ofA.includes(k) && !ofB.includes(k))).toEqual([]);
      // Both queues were used, and the web's rate limit counted the API's posts under A's prefix.
      expect(ofA.some((k) => k.startsWith(`${prefixA}:pipeline:`))).toBe(true);
      expect(ofB.some((k) => k.startsWith(`${prefixB}:pipeline:`))).toBe(true);
      expect(ofA.some((k) => k.startsWith(`${prefixA}:rl:`))).toBe(true);
    } finally {
      probe.disconnect();
    }
  });
});
