import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { rebuildDashboardRollup } from "~/admin/dashboard-rollup.server";
import { markEmailSent } from "~/assignments/notifications.server";
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
// The days are read from the database: a lead's China day from its own created_at, and "today" from the
// clock the marks are decided by (clock_timestamp() in dashboard_mark_days), never from this process's
// clock at another moment — a run that crosses China's midnight (16:00 UTC) then fails no expectation.
const leadDay = async (id: string) =>
  (
    await db.sql<
      { day: string }[]
    >`select to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day from leads where id = ${id}`
  )[0].day;
const chinaToday = async () =>
  (await db.sql<{ day: string }[]>`select to_char(clock_timestamp() at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day`)[0].day;

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
    // Read after the changes: when the lead's day is still today, it was today at every change before.
    // (Only a run that crossed China's midnight meanwhile may see the lead's day marked, as it then should.)
    const day = await leadDay(leadId);
    const marked = await staleDays();
    if (day === (await chinaToday())) expect(marked).toEqual([]);
    else expect([[], [day]]).toContainEqual(marked);
  });

  it("are written for a lead of an earlier day, on each kind of change", async () => {
    await db.sql`delete from dashboard_stale`;
    const { id } = await storeTestLead(db.sql, "南京昨日标记测试有限公司", "13911120002");
    await db.sql`update leads set created_at = now() - interval '3 days' where id = ${id}`;
    await db.sql`delete from dashboard_stale`; // the moved arrival marked both days; only the changes below count
    await matchTestLead(db.sql, id, "GC-EDZ", "S1");
    const day = await leadDay(id); // three days before it arrived
    expect(await staleDays()).toEqual([day]);
    await db.sql`delete from dashboard_stale`;
    await recordRoutingEvent(db.sql, { leadId: id, event: "contacted", reason: { zh: "已联系", en: "contacted" } });
    expect(await staleDays()).toEqual([day]);
  });

  it("are not written for an audit line the dashboard does not read, on a built day (migration 057)", async () => {
    const { leadId, assignmentId, recruiterId } = await routedTestLead(
      db.sql,
      { company: "南京通知标记测试有限公司", phone: "13911120004" },
      "S1",
      "GC-EDZ",
    );
    await db.sql`update leads set created_at = now() - interval '3 days' where id = ${leadId}`;
    const day = await leadDay(leadId);
    expect(await rebuildDashboardRollup(db.sql, { days: [day] })).toEqual([day]);
    const built = () => db.sql`
      select to_jsonb(d) as r from dashboard_daily d where d.day = ${day}
      union all select to_jsonb(r) from dashboard_recruiter_daily r where r.day = ${day}
      union all select to_jsonb(c) from dashboard_contact_daily c where c.day = ${day} order by 1`;
    const before = await built();
    expect(before.length).toBeGreaterThan(0);
    await db.sql`delete from dashboard_stale`;
    // The email went out (the sender's one statement writes the `notified` line), and a desk note: no stage, no time.
    const [n] = await db.sql<{ id: number; outboxId: number }[]>`
      select n.id, o.id as outbox_id from notifications n join outbox o on o.aggregate_id = n.id::text
      where n.assignment_id = ${assignmentId} and n.kind = 'assignment'`;
    await markEmailSent(db.sql, { id: n.id, kind: "assignment", recipient: recruiterId }, "<m1@test>", n.outboxId, {
      zh: "已发送",
      en: "sent",
    });
    await recordRoutingEvent(db.sql, { assignmentId, leadId, recruiterId, event: "note", reason: { zh: "备注", en: "note" } });
    expect(await db.sql`select event from routing_events where lead_id = ${leadId} and event in ('notified', 'note')`).toHaveLength(2);
    expect(await staleDays()).toEqual([]);
    // The day rebuilt from the facts is what it was: the lines changed nothing the rollup holds.
    expect(await rebuildDashboardRollup(db.sql, { days: [day] })).toEqual([day]);
    expect(await built()).toEqual(before);
    // A line with a stage still marks it.
    await recordRoutingEvent(db.sql, { assignmentId, leadId, recruiterId, event: "contacted", reason: { zh: "已联系", en: "contacted" } });
    expect(await staleDays()).toEqual([day]);
  });

  it("are written for today once today was built on purpose (a repair)", async () => {
    // The lead first, then its day built: the day built is the lead's, whenever China's midnight falls.
    const { id } = await storeTestLead(db.sql, "南京修复标记测试有限公司", "13911120003");
    const today = await leadDay(id);
    expect(await rebuildDashboardRollup(db.sql, { days: [today] })).toEqual([today]);
    await db.sql`delete from dashboard_stale`;
    await matchTestLead(db.sql, id, "GC-EDZ", "S1");
    expect(await staleDays()).toEqual([today]);
  });
});
