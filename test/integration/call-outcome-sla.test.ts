import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { addWorkingMinutes, isWorkdayFor } from "~/domain/routing/working-time";
import { openCallTask } from "~/hotline/call-tasks.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { matchTestLead, storeTestLead } from "../support/routed-lead";
import { startWebServer } from "../support/services";

// A hand-over refused through POST /api/call-tasks/<id>/outcome re-routes the offer; with
// SLA_CLOCK=office-hours its new deadline is working time on the next recruiter's calendar (ADR 028),
// as for an offer made anywhere else — not ACCEPT_SLA_MINUTES of wall-clock time.

const SLA_MINUTES = 120;
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  db = await createTestDatabase("call_outcome_sla");
  web = await startWebServer({ DATABASE_URL: db.url, SLA_CLOCK: "office-hours", ACCEPT_SLA_MINUTES: String(SLA_MINUTES) });
  // Two recruiters for 高淳经开区 (GC-EDZ): the one who refuses and the one the offer moves to.
  const inv = demoInventory();
  (inv.recruiters.find((r) => r.id === "R4") as { parks: string[] }).parks.push("GC-EDZ");
  expect((await importInventory(db.sql, inv)).ok).toBe(true);
}, 180_000);
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

describe("a hand-over refused through the API", () => {
  it("re-routes the offer with a deadline in working time when SLA_CLOCK=office-hours", async () => {
    // Working hours on no day of today or tomorrow (China time): wall-clock now + 120 minutes can never
    // be a deadline on this calendar, whatever the hour the test runs at.
    const weekday = (ms: number) => new Date(ms + CHINA_OFFSET_MS).getUTCDay() || 7;
    const off = [weekday(Date.now()), weekday(Date.now() + DAY_MS)];
    const hours = { days: [1, 2, 3, 4, 5, 6, 7].filter((d) => !off.includes(d)), start: "09:00", end: "17:00" };
    await db.sql`update recruiters set working_hours = ${db.sql.json(hours)} where id in ('R1', 'R4')`;

    const lead = await storeTestLead(db.sql, "南京工作时间转交有限公司", "13955508888");
    await matchTestLead(db.sql, lead.id, "GC-EDZ");
    await db.sql.begin((tx) => routeLead(tx, lead.id, { slaMinutes: SLA_MINUTES, noticeFallbackMs: 0, slaClock: "office-hours" }));
    const [offer] = await db.sql<{ id: string; recruiterId: string }[]>`
      select id, recruiter_id from assignments where lead_id = ${lead.id} and status = 'offered'`;
    expect(["R1", "R4"]).toContain(offer.recruiterId);
    await openCallTask(db.sql, {
      kind: "handover",
      leadId: lead.id,
      assignmentId: offer.id,
      recruiterId: offer.recruiterId,
      phone: "+8613900000001",
      script: { zh: "转交线索", en: "Hand-over" },
      dedupeKey: `test-handover:${offer.id}`,
    });
    const [task] = await db.sql<{ id: string }[]>`select id from call_tasks where dedupe_key = ${`test-handover:${offer.id}`}`;

    const before = new Date();
    const res = await fetch(`${web.url}/api/call-tasks/${task.id}/outcome`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` },
      body: JSON.stringify({ outcome: "refused" }),
    });
    const after = new Date();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, handedOver: true });

    const [moved] = await db.sql<{ recruiterId: string; status: string; acceptBy: Date }[]>`
      select recruiter_id, status, accept_by from assignments where id = ${offer.id}`;
    expect(moved.status).toBe("offered");
    expect(moved.recruiterId).toBe(offer.recruiterId === "R1" ? "R4" : "R1");
    const working = (at: Date) =>
      addWorkingMinutes(at, SLA_MINUTES, { startMinute: 9 * 60, endMinute: 17 * 60 }, (d) => isWorkdayFor(d, hours.days));
    // The deadline the web process computed at its transaction's now(), somewhere between before and after (±1 s of clock skew).
    expect(moved.acceptBy.getTime()).toBeGreaterThanOrEqual(working(new Date(before.getTime() - 1_000)).getTime());
    expect(moved.acceptBy.getTime()).toBeLessThanOrEqual(working(new Date(after.getTime() + 1_000)).getTime());
    expect(moved.acceptBy.getTime(), "not wall-clock now + ACCEPT_SLA_MINUTES").toBeGreaterThan(
      after.getTime() + SLA_MINUTES * 60_000 + 60_000,
    );
  });
});
