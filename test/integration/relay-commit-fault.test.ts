import { UnrecoverableError, Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { importInventory } from "~/inventory/import.server";

import { jobIdFor, QUEUE_NAME } from "../../worker/queue";
import { reconcileOnce } from "../../worker/reconciler";
import { createRedis } from "../../worker/redis";
import { relayOnce } from "../../worker/relay";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { privateQueue } from "../support/private-queue";
import { storeTestLead } from "../support/routed-lead";
import { eventually } from "../support/services";
import { startTestWorker } from "../support/worker";

// A relay pass whose commit fails after Redis took its jobs (Postgres dropped the connection at COMMIT)
// leaves a group's job in Redis and its rows unrelayed. The next pass takes those rows again with any
// that came due since and, the group's first row being the same, the same job id: Redis keeps the
// job it has, which does not carry the new rows (docs/decisions/073). The reconciler must hand such a
// row back to the relay, whatever state the job is in (docs/decisions/074).

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const { prefix, queue, close } = privateQueue("rcf");

beforeAll(async () => {
  db = await createTestDatabase("relay_commit_fault");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`update outbox set done_at = now() where done_at is null`; // the inventory's own work is not this test's
}, 120_000);
afterAll(async () => {
  await close();
  await db?.drop();
});

/** The next commit of a transaction that marks a lead.match row relayed fails, once (a deferred trigger raises at COMMIT). */
async function failNextRelayCommit(): Promise<void> {
  await db.sql.unsafe(`
    create sequence pm_commit_fault;
    create function pm_commit_fault() returns trigger language plpgsql as $$
    begin if nextval('pm_commit_fault') = 1 then raise exception 'injected fault at commit'; end if; return null; end $$;
    create constraint trigger pm_commit_fault after update of relayed_at on outbox deferrable initially deferred
      for each row when (new.relayed_at is not null and new.topic = 'lead.match') execute function pm_commit_fault();`);
}

async function leads(tag: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++)
    ids.push(
      (await storeTestLead(db.sql, `南京提交故障${tag}${i}测试有限公司`, `135${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`))
        .id,
    );
  return ids;
}

/**
 * Two leads relayed by a pass whose commit failed after Redis took their group's job, then a third that
 * came due before the next pass, which relays all three under the same job id. Returns the ids, first
 * pass's two first, and the job Redis kept.
 */
async function groupOverAFailedCommit(tag: string) {
  const first = await leads(`${tag}a`, 2);
  await failNextRelayCommit();
  try {
    await expect(relayOnce(db.sql, queue)).rejects.toThrow("injected fault at commit");
  } finally {
    await db.sql.unsafe(`drop trigger pm_commit_fault on outbox; drop function pm_commit_fault(); drop sequence pm_commit_fault;`);
  }
  const ids = [...first, ...(await leads(`${tag}b`, 1))];
  expect(await relayOnce(db.sql, queue)).toBe(3);
  const rows = await db.sql<{ relayJobKey: string }[]>`
    select relay_job_key from outbox where topic = 'lead.match' and aggregate_id = any(${ids}::text[]) order by id`;
  expect(new Set(rows.map((r) => r.relayJobKey)).size).toBe(1); // one group, the first pass's job id
  const job = (await queue.getJob(jobIdFor(rows[0].relayJobKey)))!;
  expect(job.data.items?.map((i) => i.id)).toEqual(first); // Redis kept the first pass's job
  return { ids, job };
}

/** Every lead.match row of `ids` done (a worker on the queue does them). */
async function allDone(ids: string[]): Promise<void> {
  const worker = await startTestWorker({ databaseUrl: db.url, queuePrefix: prefix, reconcileEveryMs: 60_000 });
  try {
    await eventually(
      async () =>
        (await db.sql`select 1 from outbox where topic = 'lead.match' and aggregate_id = any(${ids}::text[]) and done_at is null`)
          .length === 0,
      "every row of the group done",
    );
  } finally {
    await worker.close();
  }
}

describe("a relay pass whose commit failed after Redis took the group's job", () => {
  it("the job waiting: only the row it does not carry goes back to the relay", async () => {
    const { ids } = await groupOverAFailedCommit("w");
    expect(await reconcileOnce(db.sql, queue, 0)).toMatchObject({ redriven: 1, retried: 0 });
    await allDone(ids);
  });

  it("the job failed: the row it does not carry goes back to the relay, the job is retried for its own", async () => {
    const { ids, job } = await groupOverAFailedCommit("f");
    // A worker that fails it for good (what a lead that cannot be matched does to its group's job).
    const failing = new Worker(QUEUE_NAME, () => Promise.reject(new UnrecoverableError("failed for good (test)")), {
      connection: createRedis("redis://127.0.0.1:6379", "worker"),
      prefix,
    });
    await eventually(() => job.isFailed(), "the group's job failed");
    await failing.close();
    expect(await reconcileOnce(db.sql, queue, 0)).toMatchObject({ redriven: 1, retried: 2 });
    await allDone(ids);
  });

  it("rows whose jobs failed again and again do not hold back a row Redis forgot (the reconciler reads 1,000 rows a pass)", async () => {
    // 1,000 rows relayed an hour ago, each retried by the reconciler before (attempts), then one row whose job Redis forgot.
    const stuck = await db.sql<{ id: string }[]>`
      insert into outbox (topic, aggregate_id, relayed_at, attempts, created_at)
      select 'match.route', 'stuck-' || i, now() - interval '1 hour', 3, now() - interval '1 hour' from generate_series(1, 1000) i
      returning id`;
    const [forgotten] = await db.sql<{ id: string }[]>`
      insert into outbox (topic, aggregate_id, relayed_at) values ('match.route', 'forgotten', now() - interval '1 minute') returning id`;
    try {
      await reconcileOnce(db.sql, queue, 0);
      const [row] = await db.sql<{ relayed: boolean }[]>`select relayed_at is not null as relayed from outbox where id = ${forgotten.id}`;
      expect(row.relayed).toBe(false); // handed back to the relay in the first pass
    } finally {
      await db.sql`update outbox set done_at = now() where id = any(${[...stuck.map((r) => r.id), forgotten.id]}::bigint[])`;
    }
  });
});
