import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { createSql, type Sql } from "~/db/db.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { matchTestLead, storeTestLead, TEST_ROUTING } from "../support/routed-lead";

// A recruiter's last free slot (relay38's finding, session 38): routing read the park's recruiters with their
// open-assignment count and locked them in one statement. A lead routed while another held those rows waited for
// the lock, then counted the open assignments in the snapshot it took BEFORE the wait — without the offer the
// other lead had just committed — and offered a recruiter at capacity a second lead. Held open here on purpose:
// the first routing commits only once the second is seen waiting on the lock.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let other: Sql;

beforeAll(async () => {
  db = await createTestDatabase("routing_capacity_race");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  other = createSql(db.url, { max: 2 });
}, 120_000);
afterAll(async () => {
  await other?.end();
  await db?.drop();
});

/** Resolves once a backend of this database waits on a lock (the second routing, blocked by the first). */
async function someoneWaitsOnALock(): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const rows = await db.sql`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
    if (rows.length > 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the second routing never waited on the recruiters' lock");
}

describe("two leads routed at once to a park whose only recruiter has one free slot", () => {
  it.each([1, 2])("offers the slot once; the other lead goes to the unassigned queue (capacity %i)", async (capacity) => {
    const park = "JN-IP";
    const recruiters = await db.sql<{ id: string }[]>`select id from recruiters where ${park} = any (parks)`;
    expect(recruiters).toHaveLength(1);
    const [{ id: recruiter }] = recruiters;
    await db.sql`update assignments set status = 'lost' where recruiter_id = ${recruiter}`;
    await db.sql`update recruiters set capacity = ${capacity} where id = ${recruiter}`;
    // capacity − 1 slots already taken, by leads routed one after another.
    for (let n = 1; n < capacity; n++) {
      const { id } = await storeTestLead(db.sql, `容量竞争既有${capacity}-${n}有限公司`, `1370002${capacity}${String(100 + n)}`);
      await matchTestLead(db.sql, id, park);
      await db.sql.begin((tx) => routeLead(tx, id, TEST_ROUTING));
    }
    const a = await storeTestLead(db.sql, `容量竞争甲${capacity}有限公司`, `1370003${capacity}001`);
    const b = await storeTestLead(db.sql, `容量竞争乙${capacity}有限公司`, `1370003${capacity}002`);
    for (const lead of [a, b]) await matchTestLead(db.sql, lead.id, park);

    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let firstRouted!: () => void;
    const routedFirst = new Promise<void>((r) => (firstRouted = r));
    const first = db.sql.begin(async (tx) => {
      await routeLead(tx, a.id, TEST_ROUTING);
      firstRouted();
      await held; // the first routing's offer is made, not yet committed
    });
    await routedFirst;
    const second = other.begin((tx) => routeLead(tx, b.id, TEST_ROUTING));
    await someoneWaitsOnALock();
    release();
    await Promise.all([first, second]);

    const open = await db.sql<{ leadId: string }[]>`
      select lead_id from assignments where recruiter_id = ${recruiter} and status in ('offered', 'accepted', 'contacted', 'visit')`;
    expect(open).toHaveLength(capacity);
    const [late] = await db.sql<{ status: string; recruiterId: string | null }[]>`
      select status, recruiter_id from assignments where lead_id = ${b.id}`;
    expect(late).toEqual({ status: "unassigned", recruiterId: null });
  });
});
