import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSql, type Sql } from "~/db/db.server";
import { importInventory } from "~/inventory/import.server";
import { loadSpaceRows } from "~/inventory/inventory-read.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";

// A prepared statement's history decides whether PostgreSQL re-plans it at every call: it keeps making
// custom plans while those it made cost less on average than the generic plan. The worker's
// connections read one space at a time for space.match (two reads a job, 10,000 jobs after an
// import), then lead.match reads its 5–80 candidates with the same function. Sharing one statement,
// the one-id history kept lead.match's reads re-planned (1,820 plans for 2,000 calls in bench:e2e).
// pg_prepared_statements counts each statement's plans on the connection that prepared it.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let conn: Sql;

beforeAll(async () => {
  db = await createTestDatabase("space_reads_plans");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  conn = createSql(db.url, { max: 1 });
}, 120_000);
afterAll(async () => {
  await conn?.end({ timeout: 2 });
  await db?.drop();
});

describe("reading spaces by id", () => {
  it("plans the many-id read once it has a generic plan, whatever one-id reads came before on the connection", async () => {
    const ids = (await db.sql<{ id: string }[]>`select id from spaces order by id`).map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(12);
    for (let i = 0; i < 600; i++) {
      const [row] = await loadSpaceRows(conn, { spaceIds: [ids[i % ids.length]] });
      expect(row.id).toBe(ids[i % ids.length]); // the one-id read still reads that space
    }
    for (let i = 0; i < 40; i++) {
      const some = ids.filter((_, k) => (k + i) % 3 !== 0);
      expect((await loadSpaceRows(conn, { spaceIds: some })).map((r) => r.id)).toEqual(some); // in id order, as before
    }
    const prepared = await conn<{ statement: string; genericPlans: number; customPlans: number }[]>`
      select statement, generic_plans::int, custom_plans::int from pg_prepared_statements`;
    const stats = prepared.filter((p) => p.statement.includes("from spaces s join parks") && p.statement.includes("s.id = any("));
    expect(stats).toHaveLength(1);
    // Five custom plans, then the generic one (at 600 one-id reads before, all 40 were custom plans).
    expect(stats[0].customPlans).toBeLessThanOrEqual(5);
    expect(stats[0].genericPlans).toBeGreaterThanOrEqual(35);
  });
});
