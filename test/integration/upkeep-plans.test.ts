import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { recordRoutingEvent } from "~/assignments/routing-events.server";
import { type Sql, SQL_TRANSFORM } from "~/db/db.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { storeTestLead, TEST_ROUTING } from "../support/routed-lead";

// The upkeep triggers on the lead's path (matches, assignments and routing_events inserts, the SLA row
// an offer writes) plan their statements once a connection (migration 056, docs/decisions/063). Before,
// they called two SQL-language functions PostgreSQL cannot inline, dashboard_mark_days (with
// dashboard_day_may_be_built inside) and lead_sla_due, ~11 times a routed lead, and the body of such a
// function is parsed and planned again at every call: ~0.1 ms each, ~1 ms of Postgres's CPU a lead in
// the e2e bench. The statements are counted on one connection, as the worker's connection runs them.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let conn: Sql;
const notices: string[] = [];
let n = 0;

beforeAll(async () => {
  db = await createTestDatabase("upkeep_plans");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  conn = postgres(db.url, {
    max: 1,
    transform: SQL_TRANSFORM,
    onnotice: (m) => {
      notices.push(String(m.message));
    },
  }) as unknown as Sql;
}, 120_000);
afterAll(async () => {
  await conn?.end();
  await db?.drop();
});

/** One lead down the path the worker takes: five matches, routed (offer and notice; its SLA row comes with its deadline, ADR 100), a line added. */
async function leadDownThePath(): Promise<string> {
  n += 1;
  const { id } = await storeTestLead(db.sql, `南京维护计划测试${n}有限公司`, `139222${String(30_000 + n)}`);
  await conn`insert into matches (lead_id, space_id, park_id, score, reasons, found_by)
             select ${id}, s.id, s.park_id, 80, '[]', 'lead' from spaces s where s.status = 'available' order by s.id limit 5`;
  const [{ assignmentId }] = await conn.begin(async (tx) => {
    await routeLead(tx, id, TEST_ROUTING);
    return tx<{ assignmentId: string }[]>`select id as assignment_id from assignments where lead_id = ${id} and status = 'offered' limit 1`;
  });
  await recordRoutingEvent(conn, { assignmentId, leadId: id, event: "contacted", reason: { zh: "已联系", en: "contacted" } });
  return id;
}

describe("the upkeep triggers on the lead's path", () => {
  it("run no SQL-language function body as a statement of its own", async () => {
    await leadDownThePath();
    await conn`load 'auto_explain'`;
    await conn`set auto_explain.log_min_duration = 0`;
    await conn`set auto_explain.log_nested_statements = on`;
    await conn`set auto_explain.log_level = notice`;
    await conn`set client_min_messages = notice`;
    notices.length = 0;
    const id = await leadDownThePath();
    await conn`set auto_explain.log_min_duration = -1`;

    const bodies = await db.sql<{ proname: string; prosrc: string }[]>`
      select p.proname, p.prosrc from pg_proc p join pg_language l on l.oid = p.prolang join pg_namespace s on s.oid = p.pronamespace
      where l.lanname = 'sql' and s.nspname = 'public'`;
    const squash = (s: string) => s.replace(/\s+/g, " ").trim();
    // auto_explain's notice: "duration: … plan:", "Query Text: …" (one or more lines), then the plan
    const queryText = (m: string) => {
      const lines = m.split("\n");
      const from = lines.findIndex((l) => l.startsWith("Query Text: "));
      if (from < 0) return "";
      const to = lines.findIndex((l, i) => i > from && /\(cost=/.test(l));
      return lines
        .slice(from, to < 0 ? undefined : to)
        .join("\n")
        .slice("Query Text: ".length);
    };
    const ran = notices.map(queryText).map(squash);
    expect(ran.some((q) => q.includes("dashboard_lead_stages"))).toBe(true); // the triggers did run, and were seen
    const sqlBodies = bodies.map((b) => ({ name: b.proname, body: squash(b.prosrc) }));
    const called = sqlBodies.filter((b) => ran.some((q) => q === b.body)).map((b) => b.name);
    expect(called).toEqual([]);

    // and what they keep is there (the dashboard, lead_parks and SLA files test it in full)
    const [parks] = await db.sql<{ n: number; due: number }[]>`
      select count(*)::int as n, count(sla_due_at)::int as due from lead_parks where lead_id = ${id}`;
    expect(parks.n).toBeGreaterThan(0); // one a park of its five matches
    // No deadline yet: the offer's lead_sla row is written when its deadline comes (migration 074, ADR 100).
    expect(parks.due).toBe(0);
  }, 60_000);

  it("plan each of their statements once a connection, not at every call", async (ctx) => {
    const [{ libs }] = await db.sql<{ libs: string }[]>`select current_setting('shared_preload_libraries') as libs`;
    if (
      !libs
        .split(",")
        .map((s) => s.trim())
        .includes("pg_stat_statements")
    )
      ctx.skip();
    await db.sql`create extension if not exists pg_stat_statements`;
    await conn`set pg_stat_statements.track = 'all'`;
    await conn`set pg_stat_statements.track_planning = on`;
    for (let i = 0; i < 2; i++) await leadDownThePath();
    await conn`select pg_stat_statements_reset(0, (select oid from pg_database where datname = current_database()), 0)`;
    const leads = 6;
    for (let i = 0; i < leads; i++) await leadDownThePath();

    const nested = await db.sql<{ query: string; calls: number; plans: number }[]>`
      select s.query, s.calls::int as calls, s.plans::int as plans
      from pg_stat_statements s join pg_database d on d.oid = s.dbid
      where d.datname = current_database() and not s.toplevel and s.calls >= ${leads}`;
    expect(nested.some((s) => /dashboard_lead_stages/.test(s.query))).toBe(true); // the triggers' statements were counted
    const replanned = nested
      .filter((s) => s.plans >= s.calls)
      .map((s) => `${s.plans}/${s.calls}: ${s.query.replace(/\s+/g, " ").slice(0, 100)}`);
    expect(replanned).toEqual([]);
  }, 120_000);
});
