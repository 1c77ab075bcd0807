import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadAssignmentDetails } from "~/assignments/assignment-details.server";
import { routeLead } from "~/assignments/route-lead.server";
import { createSql, type Sql } from "~/db/db.server";
import type { Exclusion } from "~/domain/matching/why-not";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { matchTestLead, storeTestLead, TEST_ROUTING } from "../support/routed-lead";

// The lead's why-not list (`leads.excluded`, up to 30 spaces with both languages' reasons: kilobytes of
// JSON) is read only where it is used (issue 14, docs/benchmarks.md "2026-12-01: the regression since
// 11-30 and its fix"): routing a matched lead does not read it back; a lead with no match still gets
// its nearest misses in the call-back script; an assignment's details carry its own park's part only,
// in the stored order.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let traced: Sql;
const recorded: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase("why_not_reads");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  expect((await importInventory(db.sql, { spaces: listedSpaces })).ok).toBe(true);
  traced = createSql(db.url, { max: 1, debug: (_connection, query) => void recorded.push(query) });
}, 120_000);
afterAll(async () => {
  await traced?.end({ timeout: 2 });
  await db?.drop();
});

function miss(parkId: string, spaceId: string, title: string, gap: number): Exclusion {
  return {
    spaceId,
    parkId,
    parkName: `园区 ${parkId}`,
    title,
    rule: "area",
    reasons: [{ zh: `面积差 ${gap}`, en: `area off by ${gap}`, kind: "area" } as never],
    miss: 1 + gap / 100,
    suggestion: null,
  };
}

// Spaces that are there (available factories, the leads' kind): the details leave out a space no longer
// to be listed (docs/decisions/127).
const EXCLUDED = [
  miss("GC-MED", "WN-1", "医药厂房", 5),
  miss("GC-EDZ", "WN-2", "开发区二号", 10),
  miss("GC-MED", "WN-3", "医药仓库", 20),
  miss("GC-EDZ", "WN-4", "开发区三号", 30),
];
const listedSpaces = EXCLUDED.map((e) => ({
  id: e.spaceId,
  parkId: e.parkId,
  kind: "factory",
  deals: ["lease"],
  title: e.title,
  areaSqm: 3_000,
  status: "available",
}));

async function leadWithExcluded(phone: string): Promise<string> {
  const { id } = await storeTestLead(db.sql, "why-not 读取测试有限公司", phone);
  await db.sql`update leads set status = 'matched', excluded = ${db.sql.json(EXCLUDED as never)} where id = ${id}`;
  return id;
}

describe("the why-not list", () => {
  it("is not read when a matched lead is routed", async () => {
    const id = await leadWithExcluded("13911110001");
    await matchTestLead(db.sql, id, "GC-EDZ", "S1");
    recorded.length = 0;
    await traced.begin((tx) => routeLead(tx, id, TEST_ROUTING));
    expect(recorded.some((q) => /\bfrom leads\b/.test(q))).toBe(true); // the lead was read (and locked)
    expect(recorded.filter((q) => /\bexcluded\b/.test(q))).toEqual([]);
  });

  it("still gives a lead without a match its nearest misses in the call-back script", async () => {
    const id = await leadWithExcluded("13911110002");
    await db.sql.begin((tx) => routeLead(tx, id, TEST_ROUTING));
    const [task] = await db.sql<{ kind: string; script: string }[]>`select kind, script from call_tasks where lead_id = ${id}`;
    expect(task.kind).toBe("callback");
    expect(task.script).toContain("1. 园区 GC-MED 医药厂房：面积差 5");
    expect(task.script).toContain("2. 园区 GC-EDZ 开发区二号：面积差 10");
    expect(task.script).toContain("3. 园区 GC-MED 医药仓库：面积差 20");
  });

  it("is the assignment's own park's part, in the stored order, in its details", async () => {
    const id = await leadWithExcluded("13911110003");
    await matchTestLead(db.sql, id, "GC-EDZ", "S1");
    await db.sql.begin((tx) => routeLead(tx, id, TEST_ROUTING));
    const [a] = await db.sql<{ id: string }[]>`select id from assignments where lead_id = ${id}`;
    const details = await loadAssignmentDetails(db.sql, a.id);
    expect(details?.excluded).toEqual([EXCLUDED[1], EXCLUDED[3]]);
  });
});
