import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSql, type Sql } from "~/db/db.server";
import { openLeadsNamingNearMiss } from "~/matches/match-leads.server";

import { createTestDatabase } from "../support/database";
import { generateHistory } from "../support/generated-history";

// space.match asks, for every space that leaves the inventory, which open leads name it among their near
// misses (openLeadsNamingNearMiss, docs/decisions/127). An import that marks thousands of spaces let asks
// it thousands of times, so it must be an index probe, not a read of every open lead's why-not JSON
// (kilobytes each): index leads_near_miss_spaces (migration 098), checked with EXPLAIN over generated
// data, on the statement the function sends (the driver's `debug` hook records it).

const LEADS = 20_000;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let traced: Sql;
const recorded: { query: string; params: unknown[] }[] = [];

beforeAll(async () => {
  db = await createTestDatabase("near_miss_plan");
  await generateHistory(db.sql, LEADS);
  // Each open lead's why-not list: 30 spaces of the 2,000, spread (entries as lead.match writes them, reasons cut short).
  await db.sql`
    update leads l set excluded = (
      select jsonb_agg(jsonb_build_object('spaceId', 'S' || (1 + (abs(hashtext(l.id::text)) + k * 67) % 2000), 'parkId', 'P01',
                                          'parkName', '园区1', 'title', '厂房', 'rule', 'ceiling', 'reasons', '[]'::jsonb, 'miss', 1.2, 'suggestion', null))
      from generate_series(1, 30) k)
    where status in ('received', 'indexed', 'matched', 'unmatched', 'assigned')`;
  // An import's reverse matching still to do: 20,000 unfinished space.match rows, and a few leads' own re-matches.
  await db.sql`insert into outbox (topic, aggregate_id) select 'space.match', 'S' || (1 + i % 2000) from generate_series(1, 20000) i`;
  await db.sql`insert into outbox (topic, aggregate_id) select 'lead.match', id::text from leads order by id limit 50`;
  await db.sql`vacuum analyze leads`;
  await db.sql`vacuum analyze outbox`;
  traced = createSql(db.url, { max: 1, debug: (_c, query, params) => recorded.push({ query, params: [...params] }) });
}, 300_000);
afterAll(async () => {
  await traced?.end({ timeout: 2 });
  await db?.drop();
});

describe("the open leads naming a space among their near misses", () => {
  it("are found through leads_near_miss_spaces, never by reading every open lead", async () => {
    const [{ open }] = await db.sql<{ open: number }[]>`
      select count(*)::int as open from leads where status in ('received', 'indexed', 'matched', 'unmatched', 'assigned')`;
    expect(open).toBeGreaterThan(1_000);
    const [{ naming }] = await db.sql<{ naming: number }[]>`
      select count(*)::int as naming from leads
      where status in ('received', 'indexed', 'matched', 'unmatched', 'assigned') and excluded @> '[{"spaceId": "S7"}]'`;
    expect(naming).toBeGreaterThan(0);

    const found = await traced.begin((tx) => openLeadsNamingNearMiss(tx, "S7", []));
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThanOrEqual(naming);
    const read = recorded.find((r) => r.query.includes("jsonb_path_query_array"));
    expect(read).toBeDefined();
    const plan = (await db.sql.unsafe(`explain ${read!.query}`, read!.params as never[])).map((r) => r["QUERY PLAN"] as string).join("\n");
    expect(plan).toContain("leads_near_miss_spaces");
    expect(plan).not.toMatch(/Seq Scan on leads/);
    // Each lead's queued re-match by its id, not a read of every unfinished outbox row.
    expect(plan).toContain("outbox_aggregate");
    expect(plan).not.toMatch(/Seq Scan on outbox|outbox_unfinished/);
  });
});
