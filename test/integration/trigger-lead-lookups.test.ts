import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { recordRoutingEvent } from "~/assignments/routing-events.server";
import { type Sql, SQL_TRANSFORM } from "~/db/db.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { storeTestLead, TEST_ROUTING } from "../support/routed-lead";

// The insert triggers of matches, assignments and routing_events (migration 051, docs/decisions/056) read
// each row's lead (and a line's assignment) by primary key whatever the size of `leads`. Before, they
// joined the transition rows to `leads`, and a connection's first call on a young database — a table of a
// few pages, like this test's — planned a sequential scan of `leads` that PL/pgSQL kept as the table grew
// (the e2e bench: 111 + 133 blocks for one lead's five matches). The plans are read with auto_explain on
// one connection (its notices), as the worker's connection runs them: the first call plans them.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let conn: Sql;
const plans: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase("trigger_lookups");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  conn = postgres(db.url, {
    max: 1,
    transform: SQL_TRANSFORM,
    onnotice: (n) => {
      plans.push(String(n.message));
    },
  }) as unknown as Sql;
  await conn`load 'auto_explain'`;
  await conn`set auto_explain.log_min_duration = 0`;
  await conn`set auto_explain.log_nested_statements = on`;
  await conn`set auto_explain.log_level = notice`;
  await conn`set client_min_messages = notice`;
}, 120_000);
afterAll(async () => {
  await conn?.end();
  await db?.drop();
});

/** The plans of statements that read a transition table (the upkeep triggers' own statements). */
const triggerPlans = () => plans.filter((p) => /\bnew_rows\b|\bchanged\b/.test(p));

describe("upkeep triggers on a small leads table", () => {
  it("read each row's lead by leads_pkey, never a scan of leads or assignments", async () => {
    // A young database analyzed with some dozens of leads (a few rows a page): a scan of `leads` costs
    // the planner less than five probes of its key, the matches insert's five rows.
    for (let i = 0; i < 60; i++) await storeTestLead(db.sql, `南京触发器主键测试${i}有限公司`, `139111${String(30_000 + i)}`);
    await db.sql`analyze leads`;
    const { id } = await storeTestLead(db.sql, "南京触发器主键测试有限公司", "13911139999");
    plans.length = 0;
    await conn`insert into matches (lead_id, space_id, park_id, score, reasons, found_by)
               select ${id}, s.id, s.park_id, 80, '[]', 'lead' from spaces s where s.status = 'available' order by s.id limit 5`;
    const parks = await db.sql<{ parkId: string }[]>`select distinct park_id from matches where lead_id = ${id}`;
    const [{ assignmentId }] = await conn.begin(async (tx) => {
      await routeLead(tx, id, TEST_ROUTING);
      return tx<{ assignmentId: string }[]>`select id as assignment_id from assignments where lead_id = ${id} limit 1`;
    });
    await recordRoutingEvent(conn, { assignmentId, leadId: id, event: "contacted", reason: { zh: "已联系", en: "contacted" } });

    const seen = triggerPlans();
    // the matches insert, the assignment insert and the audit lines' inserts each ran their statements
    expect(seen.some((p) => p.includes("dashboard_lead_stages") && p.includes("Index Scan using leads_pkey"))).toBe(true);
    expect(seen.filter((p) => p.includes("Index Scan using leads_pkey")).length).toBeGreaterThanOrEqual(4);
    expect(seen.some((p) => p.includes("Index Scan using assignments_pkey"))).toBe(true);
    for (const p of seen) {
      expect(p).not.toMatch(/Seq Scan on leads\b/);
      expect(p).not.toMatch(/Seq Scan on assignments\b/);
    }

    // what the triggers keep is as before (the dashboard, lead_parks and SLA files test it in full)
    const stages = await db.sql<{ stage: number; n: number }[]>`
      select stage, sum(refs)::int as n from dashboard_lead_stages where lead_id = ${id} and stage <= 1 group by 1 order by 1`;
    const assigned = await db.sql<{ n: number }[]>`select count(*)::int as n from assignments where lead_id = ${id}`;
    expect(stages).toEqual([
      { stage: 0, n: 5 },
      { stage: 1, n: assigned[0].n },
    ]);
    expect((await db.sql<{ n: number }[]>`select count(*)::int as n from lead_parks where lead_id = ${id}`)[0].n).toBe(parks.length);
  });
});
