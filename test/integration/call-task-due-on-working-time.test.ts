import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { loadDashboard } from "~/admin/admin-data.server";
import { routeLead } from "~/assignments/route-lead.server";
import { workCallTask } from "~/hotline/call-outcome.server";
import { loadOpenCallTasks } from "~/hotline/call-task-list.server";
import { openCallTask } from "~/hotline/call-tasks.server";

import { createTestDatabase } from "../support/database";
import { storeTestLead } from "../support/routed-lead";

// Trial 35, L6 (docs/decisions/158): call tasks made out of hours were due at once and counted overdue on the admin's
// dashboard and the hotline's list. On the office-hours clock (SLA_CLOCK, the default) a call task is due at the next
// working moment of the office's calendar read from Postgres (office_hours, calendar_overrides); on the wall clock now.
// The database's clock cannot be fixed, so the office hours are set around it: a window that excludes now, or one
// that contains it on a day an override makes a working day.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let phone = 13900035600;
let authorId: string;
const MIN = 60_000;

beforeAll(async () => {
  db = await createTestDatabase("call_task_due");
  [{ id: authorId }] = await db.sql<{ id: string }[]>`
    insert into users (email, name, role, password_hash) values ('agent@example.test', '坐席', 'hotline', 'x') returning id`;
}, 180_000);
afterAll(async () => {
  await db?.drop();
});
beforeEach(async () => {
  await db.sql`delete from calendar_overrides`;
});

/** Now in China time: its minute of the day and its day. */
async function chinaNow(): Promise<{ minute: number; day: string }> {
  const [r] = await db.sql<{ minute: number; day: string }[]>`
    select (extract(hour from now() at time zone 'Asia/Shanghai') * 60 + extract(minute from now() at time zone 'Asia/Shanghai'))::int as minute,
           (now() at time zone 'Asia/Shanghai')::date::text as day`;
  return r;
}
/** Office hours an hour long that do not contain now (later today, or earlier: then tomorrow or after). */
async function hoursExcludingNow(): Promise<number> {
  const { minute } = await chinaNow();
  const start = minute < 720 ? minute + 60 : minute - 180;
  await db.sql`update office_hours set start_minute = ${start}, end_minute = ${start + 60}`;
  return start;
}
async function openTask(kind: "callback" | "handover", clock: "office-hours" | "wall" | undefined) {
  const lead = await storeTestLead(db.sql, `南京到期时间${phone}有限公司`, String(phone++));
  await openCallTask(db.sql, {
    kind,
    leadId: lead.id,
    phone: "+8613900000000",
    script: { zh: "回访", en: "Call back" },
    dedupeKey: `due-test:${lead.id}`,
    clock,
  });
  const [task] = await db.sql<{ id: string; dueAt: Date; dueMinute: number; now: Date }[]>`
    select id, due_at, (extract(hour from due_at at time zone 'Asia/Shanghai') * 60 + extract(minute from due_at at time zone 'Asia/Shanghai'))::int as due_minute, now() as now
    from call_tasks where lead_id = ${lead.id}`;
  return { leadId: lead.id, ...task };
}
const dueCounts = async () => (await loadDashboard(db.sql)).callTasks;

describe("a call task's due time follows the hotline's working time", () => {
  it("made out of office hours: due at the next opening, not overdue on the dashboard or the hotline's list", async () => {
    const start = await hoursExcludingNow();
    const task = await openTask("handover", "office-hours");
    expect(task.dueAt.getTime()).toBeGreaterThan(task.now.getTime() + 30 * MIN);
    expect(task.dueMinute).toBe(start);
    expect((await dueCounts()).find((c) => c.kind === "handover")).toMatchObject({ open: 1, due: 0 });
    const list = await loadOpenCallTasks(db.sql, "zh");
    expect(list.rows.find((r) => r.id === task.id)).toMatchObject({ due: false });
    // On the wall clock (a 24/7 desk, or no clock given) the same moment is due at once.
    for (const clock of ["wall", undefined] as const) {
      const wall = await openTask("callback", clock);
      expect(Math.abs(wall.dueAt.getTime() - wall.now.getTime())).toBeLessThan(MIN);
    }
    expect((await dueCounts()).find((c) => c.kind === "callback")).toMatchObject({ open: 2, due: 2 });
  });

  it("inside office hours: due at once on a working day (an override makes today one), later on a holiday (an override)", async () => {
    const { day } = await chinaNow();
    await db.sql`update office_hours set start_minute = 0, end_minute = 1440`;
    await db.sql`insert into calendar_overrides (day, work, created_by) values (${day}, true, 'test')`;
    const working = await openTask("callback", "office-hours");
    expect(Math.abs(working.dueAt.getTime() - working.now.getTime())).toBeLessThan(MIN);
    await db.sql`update calendar_overrides set work = false, name = '测试假日' where day = ${day}`;
    const holiday = await openTask("callback", "office-hours");
    expect(holiday.dueAt.getTime()).toBeGreaterThan(holiday.now.getTime());
    expect(holiday.dueMinute).toBe(0);
  });

  it("routing's call-back for an unmatched lead is due on working time too", async () => {
    const start = await hoursExcludingNow();
    const lead = await storeTestLead(db.sql, "南京无匹配回访到期有限公司", String(phone++));
    await db.sql.begin((tx) => routeLead(tx, lead.id, { slaMinutes: 120, noticeFallbackMs: 0, slaClock: "office-hours" }));
    const [task] = await db.sql<{ dueAt: Date; now: Date; dueMinute: number }[]>`
      select due_at, now() as now, (extract(hour from due_at at time zone 'Asia/Shanghai') * 60 + extract(minute from due_at at time zone 'Asia/Shanghai'))::int as due_minute
      from call_tasks where lead_id = ${lead.id} and kind = 'callback'`;
    expect(task.dueAt.getTime()).toBeGreaterThan(task.now.getTime() + 30 * MIN);
    expect(task.dueMinute).toBe(start);
  });

  it("a no-answer's next try counts working minutes from the office's hours", async () => {
    const start = await hoursExcludingNow();
    const task = await openTask("callback", "office-hours");
    const routing = { slaMinutes: 120, noticeFallbackMs: 0, slaClock: "office-hours" as const };
    const answer = await workCallTask(db.sql, { taskId: task.id, outcome: "no-answer", note: "", confirmed: true, authorId, routing });
    expect(answer).toMatchObject({ kind: "recorded" });
    const [after] = await db.sql<{ dueMinute: number }[]>`
      select (extract(hour from due_at at time zone 'Asia/Shanghai') * 60 + extract(minute from due_at at time zone 'Asia/Shanghai'))::int as due_minute
      from call_tasks where id = ${task.id}`;
    // NO_ANSWER_RETRY_MINUTES (30) after the next opening.
    expect(after.dueMinute).toBe(start + 30);
  });
});
