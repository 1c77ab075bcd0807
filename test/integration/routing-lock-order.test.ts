import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { createSql, type Sql } from "~/db/db.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { matchTestLead, storeTestLead, TEST_ROUTING } from "../support/routed-lead";

// Routing locks a park's recruiters (so two leads cannot both take a recruiter's last free slot). A lead
// matched to several parks routes them in its own score order: two leads matched to the same parks in
// opposite orders each held one park's recruiters and waited for the other's, and Postgres aborted one
// of them ("deadlock detected"; the worker's log showed it under a burst of leads, the job retried).
// Leads routed at the same moment, each matched to every demo park in a different order, all commit.

const PARKS = ["GC-EDZ", "GC-MED", "GC-DB", "LS-EDZ", "JN-IP"];
const LEADS = 24;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let wide: Sql;

beforeAll(async () => {
  db = await createTestDatabase("routing_lock_order");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  wide = createSql(db.url, { max: LEADS }); // one connection a lead: every routing transaction runs at once
}, 120_000);
afterAll(async () => {
  await wide?.end();
  await db?.drop();
});

/** The parks rotated by `n` and, every other lead, reversed: many different orders of the same parks. */
function parkOrder(n: number): string[] {
  const rotated = [...PARKS.slice(n % PARKS.length), ...PARKS.slice(0, n % PARKS.length)];
  return n % 2 ? rotated.reverse() : rotated;
}

describe("routing a lead matched to several parks", () => {
  it("locks the recruiters in one order, so leads routed at once never deadlock", async () => {
    const leads: string[] = [];
    for (let n = 0; n < LEADS; n++) {
      const { id } = await storeTestLead(db.sql, `锁序测试${n}有限公司`, `1370000${String(1000 + n)}`);
      const order = parkOrder(n);
      for (const [i, parkId] of order.entries()) {
        await matchTestLead(db.sql, id, parkId);
        await db.sql`update matches set score = ${90 - i} where lead_id = ${id} and park_id = ${parkId}`;
      }
      leads.push(id);
    }
    const results = await Promise.allSettled(leads.map((id) => wide.begin((tx) => routeLead(tx, id, TEST_ROUTING))));
    const failed = results.flatMap((r) => (r.status === "rejected" ? [String((r.reason as Error).message)] : []));
    expect(failed).toEqual([]);
    const [{ n }] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from assignments where lead_id in ${db.sql(leads)}`;
    expect(n).toBe(LEADS * PARKS.length);
  });
});
