import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Sql } from "~/db/db.server";
import { enqueue } from "~/db/outbox.server";

import { jobIdFor, type OutboxItem, type PipelineQueue } from "../../worker/queue";
import { LEAD_MATCH_BATCH, relayOnce } from "../../worker/relay";
import { createTestDatabase } from "../support/database";
import { tracedSql } from "../support/traced-sql";

// The relay's pass (issue 14, the worker's CPU per lead; docs/benchmarks.md, End to end): the due rows
// are taken and marked relayed in one statement, inside the transaction that commits only once Redis
// took the jobs. Statements are recorded with the driver's `debug` hook; Redis is a stand-in queue.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let traced: Sql;
let recorded: string[];
let ours: () => string[];

beforeAll(async () => {
  db = await createTestDatabase("relay_statements");
  ({ sql: traced, recorded, ours } = await tracedSql(db.url));
}, 120_000);
afterAll(async () => {
  await traced?.end({ timeout: 2 });
  await db?.drop();
});

type Added = { name: string; data: OutboxItem & { items?: OutboxItem[] }; opts: { jobId?: string; delay?: number } };

function queueThat(add: (jobs: Added[]) => Promise<void>): PipelineQueue {
  return { addBulk: add } as unknown as PipelineQueue;
}

const relayedOf = async (ids: number[]) =>
  (
    await db.sql<{ id: string; relayed: boolean }[]>`
    select id, relayed_at is not null as relayed from outbox where id = any(${ids}::bigint[]) order by id`
  ).map((r) => r.relayed);

describe("relayOnce", () => {
  it("takes the due rows and marks them relayed in one statement, and hands them over earliest due first", async () => {
    const later = await enqueue(db.sql, "assignment.sla", ["R-later"], { afterMs: 2_000 });
    const now = await enqueue(db.sql, "match.route", ["R-1", "R-2"]);
    const added: Added[] = [];
    recorded.length = 0;
    const n = await relayOnce(
      traced,
      queueThat(async (jobs) => void added.push(...jobs)),
    );
    expect(n).toBe(3);
    expect(ours()).toHaveLength(1);
    expect(added.map((j) => [j.name, j.data.id, j.data.outboxId])).toEqual([
      ["match.route", "R-1", now[0]],
      ["match.route", "R-2", now[1]],
      ["assignment.sla", "R-later", later[0]],
    ]);
    expect(added[0].opts.delay).toBeUndefined();
    expect(added[2].opts.delay).toBeGreaterThan(0); // the rest of its wait, as BullMQ delay
    expect(await relayedOf([...now, ...later])).toEqual([true, true, true]);
    expect(
      await relayOnce(
        traced,
        queueThat(async () => {}),
      ),
    ).toBe(0); // nothing due is left
  });

  it("leaves the rows unrelayed when Redis does not take the jobs", async () => {
    const ids = await enqueue(db.sql, "match.route", ["R-down"]);
    await expect(
      relayOnce(
        traced,
        queueThat(async () => {
          throw new Error("Redis is down");
        }),
      ),
    ).rejects.toThrow("Redis is down");
    expect(await relayedOf(ids)).toEqual([false]);
    const added: Added[] = [];
    expect(
      await relayOnce(
        traced,
        queueThat(async (jobs) => void added.push(...jobs)),
      ),
    ).toBe(1);
    expect(added.map((j) => j.data.id)).toEqual(["R-down"]);
    expect(await relayedOf(ids)).toEqual([true]);
  });

  it("hands the lead.match rows due in one pass over as jobs of up to LEAD_MATCH_BATCH rows, in the same statement (docs/decisions/073)", async () => {
    const leads = Array.from({ length: LEAD_MATCH_BATCH + 3 }, (_, i) => `G-${i}`);
    const due = await enqueue(db.sql, "lead.match", leads);
    const [route] = await enqueue(db.sql, "match.route", ["G-route"]);
    const [later] = await enqueue(db.sql, "lead.match", ["G-later"], { afterMs: 2_000 });
    const added: Added[] = [];
    recorded.length = 0;
    expect(
      await relayOnce(
        traced,
        queueThat(async (jobs) => void added.push(...jobs)),
      ),
    ).toBe(leads.length + 2);
    expect(ours()).toHaveLength(1);

    const keys = await db.sql<{ id: string; jobKey: string; relayJobKey: string | null }[]>`
      select id, job_key, relay_job_key from outbox where id = any(${[...due, route, later]}::bigint[]) order by id`;
    const keyOf = new Map(keys.map((k) => [Number(k.id), k]));
    const first = keyOf.get(due[0])!.jobKey;
    const second = keyOf.get(due[LEAD_MATCH_BATCH])!.jobKey;
    // Two groups of the rows due now (in order), each one job named by its first row's key.
    const groups = added.filter((j) => j.data.items);
    expect(groups.map((j) => [j.name, j.opts.jobId, j.data.items!.map((i) => i.id)])).toEqual([
      ["lead.match", jobIdFor(first), leads.slice(0, LEAD_MATCH_BATCH)],
      ["lead.match", jobIdFor(second), leads.slice(LEAD_MATCH_BATCH)],
    ]);
    expect(groups[0].data.items!.map((i) => i.outboxId)).toEqual(due.slice(0, LEAD_MATCH_BATCH));
    expect(groups[0].data).toMatchObject({ outboxId: due[0], id: leads[0] });
    // Every row of a group records its group's key (the reconciler finds the job by it); the rest none.
    expect(due.map((id) => keyOf.get(id)!.relayJobKey)).toEqual(due.map((_, i) => (i < LEAD_MATCH_BATCH ? first : second)));
    expect([keyOf.get(route)!.relayJobKey, keyOf.get(later)!.relayJobKey]).toEqual([null, null]);
    // Other topics, and a lead.match row still waiting (its BullMQ delay), are a job each.
    const single = added.filter((j) => !j.data.items);
    expect(single.map((j) => [j.name, j.data.id, j.opts.jobId])).toEqual([
      ["match.route", "G-route", jobIdFor(keyOf.get(route)!.jobKey)],
      ["lead.match", "G-later", jobIdFor(keyOf.get(later)!.jobKey)],
    ]);
    expect(single[1].opts.delay).toBeGreaterThan(0);
    await db.sql`update outbox set done_at = now() where id = any(${[...due, route, later]}::bigint[])`;
  });
});
