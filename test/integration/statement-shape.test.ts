import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSql, type Sql } from "~/db/db.server";
import { loadSpaceRows } from "~/inventory/inventory-read.server";

import { createTestDatabase } from "../support/database";

// The lead.match job's space reads send one statement text whatever the number of ids (issue 14,
// docs/benchmarks.md "2026-12-01: the regression since 11-30 and its fix"): the driver prepares a
// statement per distinct text and connection, so a list spelled out as `in ($1, …, $n)` made Postgres
// parse and plan a new one for every list length the searches returned. Recorded with the driver's
// `debug` hook: the SQL checked is the code's.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let traced: Sql;
const recorded: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase("statement_shape");
  // Only the space reads: the driver's own first statement on a connection (array types) is not ours.
  traced = createSql(db.url, { max: 1, debug: (_connection, query) => void (query.includes("from spaces s") && recorded.push(query)) });
}, 120_000);
afterAll(async () => {
  await traced?.end({ timeout: 2 });
  await db?.drop();
});

describe("loadSpaceRows", () => {
  it("sends the same statement for 2, 7 and 80 space ids, and one of its own for one id", async () => {
    recorded.length = 0;
    for (const n of [2, 7, 80, 1, 1]) await loadSpaceRows(traced, { spaceIds: Array.from({ length: n }, (_, i) => `S${i}`) });
    expect(recorded).toHaveLength(5);
    expect(new Set(recorded.slice(0, 3)).size).toBe(1);
    // One id keeps the many-id statement's plan history apart (test/integration/space-reads-plans.test.ts).
    expect(new Set(recorded.slice(3)).size).toBe(1);
    expect(recorded[3]).not.toBe(recorded[0]);
  });

  it("sends the same statement for any number of park ids", async () => {
    recorded.length = 0;
    for (const n of [1, 3, 12]) await loadSpaceRows(traced, { parkIds: Array.from({ length: n }, (_, i) => `P${i}`) });
    expect(new Set(recorded).size).toBe(1);
  });
});
