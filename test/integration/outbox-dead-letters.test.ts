import { type Job, UnrecoverableError, Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { retryDeadWork } from "~/admin/dead-letter-actions.server";
import { enqueue } from "~/db/outbox.server";
import { importInventory } from "~/inventory/import.server";

import { jobIdFor, type OutboxJobData, QUEUE_NAME } from "../../worker/queue";
import { DEAD_AFTER_STRIKES, reconcileOnce } from "../../worker/reconciler";
import { createRedis } from "../../worker/redis";
import { relayOnce } from "../../worker/relay";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { privateQueue } from "../support/private-queue";
import { storeTestLead } from "../support/routed-lead";
import { eventually, startPrivateMeili } from "../support/services";
import { startTestWorker } from "../support/worker";

// Outbox rows have an end (docs/decisions/077): a lead.match row whose lead does not exist is dead at
// once; any other row is dead after DEAD_AFTER_STRIKES failed rounds of its job that counted — and a
// round counts only while the pipeline works (Meilisearch answers, and a row of the same topic was done
// since the row's last strike). An outage, however long, counts none. A dead row is kept and an admin
// can send it back to work.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const { prefix, queue, close } = privateQueue("odl");

beforeAll(async () => {
  db = await createTestDatabase("outbox_dead_letters");
}, 120_000);
afterAll(async () => {
  await close();
  await db?.drop();
});

type OutboxState = {
  done: boolean;
  dead: boolean;
  deadReason: string | null;
  strikes: number;
  attempts: number;
  relayed: boolean;
  lastError: string | null;
  jobKey: string;
};
const stateOf = async (id: number | string): Promise<OutboxState> =>
  (
    await db.sql<OutboxState[]>`
      select done_at is not null as done, dead_at is not null as dead, dead_reason, strikes, attempts,
             relayed_at is not null as relayed, last_error, job_key::text
      from outbox where id = ${id}`
  )[0];

describe("a lead.match row whose lead does not exist", () => {
  it("ends at once as a dead letter with its reason, beside the leads of its group that are matched; the reconciler leaves it be", async () => {
    expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
    const meiliPrefix = `odl_${Math.random().toString(36).slice(2, 8)}_`;
    const worker = await startTestWorker({
      databaseUrl: db.url,
      queuePrefix: prefix,
      reconcileEveryMs: 60_000,
      relayLingerMs: 300, // the three rows below in one group
      indexNames: { leads: `${meiliPrefix}leads`, spaces: `${meiliPrefix}spaces`, parks: `${meiliPrefix}parks` },
    });
    try {
      const good = await storeTestLead(db.sql, "南京死信测试有限公司", "13912345670");
      const [missing] = await enqueue(db.sql, "lead.match", ["00000000-0000-4000-8000-00000000d1e0"]);
      const [goodRow] = await db.sql<{ id: string }[]>`select id from outbox where topic = 'lead.match' and aggregate_id = ${good.id}`;
      await eventually(
        async () => (await stateOf(goodRow.id)).done && (await stateOf(missing)).dead,
        "the lead matched, the other row dead",
      );
      const dead = await stateOf(missing);
      expect(dead).toMatchObject({ done: false, dead: true, deadReason: "lead-missing", strikes: 0 });
      expect(dead.lastError).toContain("does not exist");
      // Not a failed job to retry: nothing is attempted again, now or by the reconciler.
      const before = await stateOf(missing);
      expect(await reconcileOnce(db.sql, queue, 0)).toMatchObject({ retried: 0, struck: 0, dead: 0 });
      expect(await stateOf(missing)).toEqual(before);
    } finally {
      await worker.close();
    }
  }, 90_000);
});

describe("a row whose job fails again and again", () => {
  // A BullMQ worker that fails every job of this queue for good at once: each failure is a round.
  let failing: Worker<OutboxJobData>;
  beforeAll(() => {
    failing = new Worker<OutboxJobData>(QUEUE_NAME, () => Promise.reject(new UnrecoverableError("poison (test)")), {
      connection: createRedis("redis://127.0.0.1:6379", "worker"),
      prefix,
    });
  });
  afterAll(() => failing.close());

  const jobOf = async (row: number): Promise<Job<OutboxJobData>> => (await queue.getJob(jobIdFor((await stateOf(row)).jobKey)))!;
  /** Waits for the row's job to have failed, then runs one reconciler pass. */
  const round = async (row: number, healthy: boolean) => {
    const job = await jobOf(row);
    await eventually(() => job.isFailed(), "the job failed");
    return reconcileOnce(db.sql, queue, 0, { healthy: () => Promise.resolve(healthy) });
  };
  /** Another row of the topic done now: the pipeline is making progress. */
  const progress = () =>
    db.sql`insert into outbox (topic, aggregate_id, relayed_at, done_at) values ('space.match', 'healthy-peer', now(), now())`;

  it("counts no strike in an outage — nothing else of its kind done, or Meilisearch down — however many rounds; then one a round, dead after the last", async () => {
    await db.sql`update outbox set done_at = now() where done_at is null and dead_at is null`; // earlier work is not this test's
    const [row] = await enqueue(db.sql, "space.match", ["poison-space"]);
    expect(await relayOnce(db.sql, queue)).toBe(1);

    // Everything of its kind failing (a systemic failure: a bad release, a dependency nobody probes):
    // Postgres, Redis and Meilisearch answer, but no space.match row is done. Twice the strikes needed.
    for (let i = 0; i < 2 * DEAD_AFTER_STRIKES; i++) expect(await round(row, true)).toMatchObject({ retried: 1, struck: 0, dead: 0 });
    // Others of its kind done, but Meilisearch does not answer the reconciler's probe.
    for (let i = 0; i < 2 * DEAD_AFTER_STRIKES; i++) {
      await progress();
      expect(await round(row, false)).toMatchObject({ retried: 1, struck: 0, dead: 0 });
    }
    const outage = await stateOf(row);
    expect(outage).toMatchObject({ dead: false, strikes: 0, attempts: 4 * DEAD_AFTER_STRIKES, lastError: "poison (test)" });

    // The pipeline works and this row alone keeps failing: a strike a round.
    for (let i = 1; i < DEAD_AFTER_STRIKES; i++) {
      await progress();
      expect(await round(row, true)).toMatchObject({ retried: 1, struck: 1, dead: 0 });
      expect((await stateOf(row)).strikes).toBe(i);
    }
    // A round without progress since the last strike (only the same failure seen again) counts none.
    expect(await round(row, true)).toMatchObject({ struck: 0, dead: 0 });
    await progress();
    expect(await round(row, true)).toMatchObject({ retried: 0, struck: 1, dead: 1 });
    const dead = await stateOf(row);
    expect(dead).toMatchObject({ done: false, dead: true, deadReason: "strikes", strikes: DEAD_AFTER_STRIKES, relayed: true });

    // Ended: the reconciler neither retries it nor hands it back to the relay, and the relay does not take it.
    const job = await jobOf(row);
    expect(await job.isFailed()).toBe(true);
    await progress();
    expect(await reconcileOnce(db.sql, queue, 0)).toEqual({ redriven: 0, retried: 0, struck: 0, dead: 0 });
    expect(await relayOnce(db.sql, queue)).toBe(0);
    expect(await stateOf(row)).toEqual(dead);

    // It shows on the admin's list; the admin's retry sends it back to work with a fresh job and strike count, audited.
    expect(await retryDeadWork(db.sql, String(row), "admin@example.test", { note: "修好了" })).toEqual({ ok: true });
    const revived = await stateOf(row);
    expect(revived).toMatchObject({ dead: false, deadReason: null, strikes: 0, relayed: false });
    expect(revived.jobKey).not.toBe(dead.jobKey); // the failed job Redis still holds keeps its id
    const [audit] = await db.sql<{ actor: string; action: string; detail: { note: string } }[]>`
      select actor, action, detail from admin_audit where target = ${`outbox:${row}`}`;
    expect(audit).toMatchObject({ actor: "admin@example.test", action: "dead-work-retry", detail: { note: "修好了" } });
    expect(await retryDeadWork(db.sql, String(row), "admin@example.test")).toEqual({ ok: false, reason: "not-dead" });
    expect(await relayOnce(db.sql, queue)).toBe(1);
    await eventually(async () => (await jobOf(row)).isFailed(), "the new job ran (and failed: the poison is still there)");
    await db.sql`update outbox set done_at = now() where id = ${row}`; // not for the next test's worker
  }, 120_000);
});

describe("a long Meilisearch outage under the real worker", () => {
  it("burns no strike: after many failed rounds the leads are alive, and matched once it is back", async () => {
    const meili = await startPrivateMeili();
    const meiliPrefix = `odlo_${Math.random().toString(36).slice(2, 8)}_`;
    try {
      await meili.stop();
      // Fast rounds: 30 attempts back to back (no backoff: a round took ~3 s with 10–50 ms between attempts, now
      // under 1 s; ADR 181), a reconciler pass every 300 ms.
      const worker = await startTestWorker({
        databaseUrl: db.url,
        meiliUrl: meili.current().url,
        meiliKey: meili.current().masterKey,
        reconcileEveryMs: 300,
        backoffBaseMs: 0,
        backoffCapMs: 0,
        indexNames: { leads: `${meiliPrefix}leads`, spaces: `${meiliPrefix}spaces`, parks: `${meiliPrefix}parks` },
      });
      try {
        const leads: { id: string }[] = [];
        for (let i = 0; i < 3; i++) leads.push(await storeTestLead(db.sql, `南京停机测试${i}有限公司`, `1371234567${i}`));
        const rowsOf = () =>
          db.sql<{ id: string; attempts: number; strikes: number; dead: boolean; done: boolean }[]>`
            select id, attempts, strikes, dead_at is not null as dead, done_at is not null as done
            from outbox where topic = 'lead.match' and aggregate_id = any(${leads.map((l) => l.id)}::text[])`;
        // More failed attempts than DEAD_AFTER_STRIKES rounds of 30: a limit on attempts alone would have ended them.
        await eventually(async () => (await rowsOf()).every((r) => r.attempts > DEAD_AFTER_STRIKES * 30), "many failed rounds", 120_000);
        for (const r of await rowsOf()) expect(r).toMatchObject({ strikes: 0, dead: false, done: false });

        await meili.restart();
        await eventually(async () => (await rowsOf()).every((r) => r.done), "every lead matched after the outage", 60_000);
        for (const r of await rowsOf()) expect(r).toMatchObject({ strikes: 0, dead: false });
      } finally {
        await worker.close();
      }
    } finally {
      await meili.cleanup();
    }
  }, 240_000);
});

describe("a release that breaks the matching of every open lead, while closed leads' rows are done", () => {
  // lead.match marks a closed (or erased) lead's row done without searching or matching: nothing is left
  // to do. Such rows were counted as "progress of the topic" (ADR 077's rule 3), so during a failure
  // nobody probes (a bad release, here a trigger refusing every match outcome) an admin closing spam
  // leads struck every good lead's row, and five rounds later the good leads were dead letters. Rows
  // ended without the work are `skipped` and count nothing (docs/decisions/080).
  it("strikes no good row however many rounds; every lead is matched once the release is fixed", async () => {
    await db.sql`update outbox set done_at = now() where done_at is null and dead_at is null`; // earlier work is not this test's
    const meiliPrefix = `odlb_${Math.random().toString(36).slice(2, 8)}_`;
    await db.sql`
      create function pm_test_bad_release() returns trigger language plpgsql as $$
      begin raise exception 'bad release (test)'; end $$`;
    await db.sql`
      create trigger pm_test_bad_release before update of status on leads for each row
      when (new.status in ('matched', 'unmatched', 'assigned')) execute function pm_test_bad_release()`;
    const spam = await storeTestLead(db.sql, "广告推销有限公司", "13812345671");
    await db.sql`update leads set status = 'closed', closed_as = 'spam' where id = ${spam.id}`;
    const worker = await startTestWorker({
      databaseUrl: db.url,
      reconcileEveryMs: 300,
      backoffBaseMs: 0, // rounds of 30 attempts back to back, as above
      backoffCapMs: 0,
      indexNames: { leads: `${meiliPrefix}leads`, spaces: `${meiliPrefix}spaces`, parks: `${meiliPrefix}parks` },
    });
    // Spam leads closed by an admin while the release is out: their rows are done, the good ones fail.
    let closing = true;
    const closer = (async () => {
      while (closing) {
        await enqueue(db.sql, "lead.match", [spam.id]);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    try {
      const good = await storeTestLead(db.sql, "南京好线索有限公司", "13912345672");
      const rowOf = async () =>
        (
          await db.sql<{ attempts: number; strikes: number; dead: boolean; done: boolean }[]>`
            select attempts, strikes, dead_at is not null as dead, done_at is not null as done
            from outbox where topic = 'lead.match' and aggregate_id = ${good.id}`
        )[0];
      const spamDone = async () =>
        (await db.sql`select 1 from outbox where topic = 'lead.match' and aggregate_id = ${spam.id} and done_at is not null`).length;
      // More failed attempts than DEAD_AFTER_STRIKES rounds of 30, while closed leads' rows were done all
      // along (more of them than strikes needed): each round had progress to count a strike by.
      await eventually(
        async () =>
          ((r) => r.dead || (r.attempts > DEAD_AFTER_STRIKES * 30 && r.doneBeside > DEAD_AFTER_STRIKES))({
            ...(await rowOf()),
            doneBeside: await spamDone(),
          }),
        "many failed rounds (or the row dead)",
        120_000,
      );
      expect(await spamDone()).toBeGreaterThan(DEAD_AFTER_STRIKES);
      expect(await rowOf()).toMatchObject({ strikes: 0, dead: false, done: false });

      await db.sql`drop trigger pm_test_bad_release on leads`; // the release is fixed
      await eventually(async () => (await rowOf()).done, "the good lead matched after the fix", 60_000);
      expect(await rowOf()).toMatchObject({ strikes: 0, dead: false });
    } finally {
      closing = false;
      await closer;
      await worker.close();
      await db.sql`drop trigger if exists pm_test_bad_release on leads`;
      await db.sql`drop function if exists pm_test_bad_release()`;
    }
  }, 240_000);
});
