import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { rebuildDashboardRollup } from "~/admin/dashboard-rollup.server";
import { recordRoutingEvent } from "~/assignments/routing-events.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { matchTestLead, routedTestLead, storeTestLead } from "../support/routed-lead";

// The dashboard's stale marks (migration 047, docs/decisions/050) are written only for a day the rollup
// may already hold: a day before today (China time), or one built on purpose before it closed. Today's
// leads — all of intake's traffic — leave none: today is read live and built only after it closed.

let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase("dashboard_marks");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
}, 120_000);
afterAll(async () => {
  await db?.drop();
});

const staleDays = async () =>
  (await db.sql<{ day: string }[]>`select distinct to_char(day, 'YYYY-MM-DD') as day from dashboard_stale order by 1`).map((r) => r.day);
const chinaDay = (daysAgo: number) => new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);

describe("dashboard stale marks", () => {
  it("are not written for a lead of today: matched, routed, audited", async () => {
    await db.sql`delete from dashboard_stale`;
    const { leadId, assignmentId } = await routedTestLead(
      db.sql,
      { company: "南京今日标记测试有限公司", phone: "13911120001" },
      "S1",
      "GC-EDZ",
    );
    await recordRoutingEvent(db.sql, { assignmentId, leadId, event: "contacted", reason: { zh: "已联系", en: "contacted" } });
    expect(await db.sql`select 1 from assignments where id = ${assignmentId}`).toHaveLength(1);
    expect(await staleDays()).toEqual([]);
  });

  it("are written for a lead of an earlier day, on each kind of change", async () => {
    await db.sql`delete from dashboard_stale`;
    const { id } = await storeTestLead(db.sql, "南京昨日标记测试有限公司", "13911120002");
    await db.sql`update leads set created_at = now() - interval '3 days' where id = ${id}`;
    await db.sql`delete from dashboard_stale`; // the moved arrival marked both days; only the changes below count
    await matchTestLead(db.sql, id, "GC-EDZ", "S1");
    expect(await staleDays()).toEqual([chinaDay(3)]);
    await db.sql`delete from dashboard_stale`;
    await recordRoutingEvent(db.sql, { leadId: id, event: "contacted", reason: { zh: "已联系", en: "contacted" } });
    expect(await staleDays()).toEqual([chinaDay(3)]);
  });

  it("are written for today once today was built on purpose (a repair)", async () => {
    const today = chinaDay(0);
    expect(await rebuildDashboardRollup(db.sql, { days: [today] })).toEqual([today]);
    await db.sql`delete from dashboard_stale`;
    const { id } = await storeTestLead(db.sql, "南京修复标记测试有限公司", "13911120003");
    await matchTestLead(db.sql, id, "GC-EDZ", "S1");
    expect(await staleDays()).toEqual([today]);
  });
});
