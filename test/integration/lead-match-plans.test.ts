import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSql, type Sql } from "~/db/db.server";
import type { MatchNeed } from "~/domain/matching/types";
import { nearbySpaceIdsOfEach } from "~/inventory/nearby-spaces.server";
import { leadsToMatch } from "~/matches/match-leads.server";

import { createTestDatabase } from "../support/database";

// A prepared statement's history decides whether PostgreSQL re-plans it at every call: it keeps making
// custom plans while those cost less on average than the generic plan. A statement given arrays is
// estimated by their length in a custom plan only, so lead.match's group statements were planned anew
// at every call (bench:e2e's "planned anew" list: 0.66–0.8 ms a plan); given one JSON record set, both
// plans are estimated alike and the generic one is kept (docs/decisions/126).

let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase("lead_match_plans");
  await db.sql`insert into parks (id, name, province, city, district) select 'PP' || i, '园' || i, '江苏省', '南京市', '江宁区' from generate_series(1, 100) i`;
  await db.sql`insert into spaces (id, park_id, kind, deals, title, area_sqm, status)
    select 'PS-' || i, 'PP' || (1 + i % 100), (array['factory','warehouse','office','land'])[1 + i % 4], '{lease}', 'g', 300 + (i * 37) % 60000, 'available'
      from generate_series(1, 5000) i`;
  await db.sql`analyze spaces`;
}, 120_000);
afterAll(async () => {
  await db?.drop();
});

const need = (kind: string, areaMinSqm?: number, areaMaxSqm?: number): MatchNeed =>
  ({ need: { kind, deal: "either", areaUnit: "sqm", areaMinSqm, areaMaxSqm }, use: { industry: "C27" }, tax: {} }) as unknown as MatchNeed;

describe("lead.match's group statements", () => {
  it("plans the listing once it has a generic plan, whatever the group's size", async () => {
    const conn = createSql(db.url, { max: 1 });
    try {
      for (let i = 0; i < 40; i++) {
        const group = Array.from({ length: 1 + (i % 7) }, (_, k) => need(k % 2 ? "warehouse" : "factory", 500 + 100 * k, 900 + 100 * k));
        expect(await nearbySpaceIdsOfEach(conn, group)).toHaveLength(group.length);
      }
      const [stats] = await planCounts(conn, "select k.ord, n.ids");
      expect(stats.customPlans).toBeLessThanOrEqual(5);
      expect(stats.genericPlans).toBeGreaterThanOrEqual(35);
    } finally {
      await conn.end({ timeout: 2 });
    }
  });

  it("plans lead.match's first read of its rows once it has a generic plan, whatever the group's size", async () => {
    const conn = createSql(db.url, { max: 1 });
    try {
      // An outbox of a server in use (bench:e2e's had 14,000 rows): on a handful of rows any plan is cheap.
      await db.sql`insert into outbox (topic, aggregate_id, done_at) select 'lead.index', gen_random_uuid()::text, now() from generate_series(1, 20000)`;
      const rows = await db.sql<{ id: string }[]>`
        insert into outbox (topic, aggregate_id) select 'lead.match', gen_random_uuid()::text from generate_series(1, 10) returning id::text`;
      await db.sql`analyze outbox`;
      for (let i = 0; i < 40; i++) {
        const items = rows
          .slice(0, 1 + (i % 7))
          .map((r, k) => ({ outboxId: Number(r.id), id: k === 0 ? "not-a-uuid" : crypto.randomUUID() }));
        await leadsToMatch(conn, items);
      }
      const [stats] = await planCounts(conn, "from outbox o left join leads");
      expect(stats.customPlans).toBeLessThanOrEqual(5);
      expect(stats.genericPlans).toBeGreaterThanOrEqual(35);
    } finally {
      await conn.end({ timeout: 2 });
    }
  });
});

/** pg_prepared_statements' plan counts of the statements on `conn` whose text holds `marker`. */
function planCounts(conn: Sql, marker: string) {
  return conn<{ customPlans: number; genericPlans: number }[]>`
    select custom_plans::int, generic_plans::int from pg_prepared_statements where statement like ${"%" + marker + "%"}`;
}
