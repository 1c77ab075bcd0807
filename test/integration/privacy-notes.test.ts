import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { addLeadNote } from "~/hotline/lead-notes.server";
import { importInventory } from "~/inventory/import.server";
import { storeLead } from "~/leads/intake.server";
import { eraseLeads } from "~/privacy/anonymise.server";
import { exportPersonData, findPerson } from "~/privacy/requests.server";
import { applyAssignmentAction } from "~/recruiter-desk/assignment-actions.server";
import { addNote, declineWithReason, markLost, recordVisit, setFollowUp } from "~/recruiter-desk/lead-work.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";

// Issue 12 × PIPL (ADR 022): what staff wrote about a person — hotline call notes, recruiter and admin
// notes, the recruiter's follow-up and visit dates and free-text close reason — is that person's data:
// in their export, and gone on erasure (the reason code and the routing trail's shape stay for the
// figures). Another person's notes are neither exported nor touched.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
const ROUTING = { slaMinutes: 120, noticeFallbackMs: 0 };
const SEARCH = { index: () => ({ getDocument: async () => ({}) }) } as never;
let staff: { hotline: string; recruiter: string; admin: string };

beforeAll(async () => {
  db = await createTestDatabase("privacy_notes");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const rows = await db.sql<{ id: string; role: string }[]>`
    insert into users (email, name, role, recruiter_id, password_hash) values
      ('desk@example.test', '热线坐席', 'hotline', null, 'x'),
      ('zhoumin@example.test', '周敏', 'recruiter', 'R1', 'x'),
      ('admin@example.test', '管理员', 'admin', null, 'x')
    returning id, role`;
  const id = (role: string) => rows.find((r) => r.role === role)!.id;
  staff = { hotline: id("hotline"), recruiter: id("recruiter"), admin: id("admin") };
});
afterAll(async () => {
  await db?.drop();
});

/** A lead of `phone`, matched to GC-EDZ and routed to R1, accepted; and a call-back task of the hotline on it. */
async function workedLead(company: string, phone: string) {
  const parsed = createLeadSchema("zh", "api").parse(validLeadJson({ company, phone }));
  const { id, reference } = await storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" });
  await db.sql`insert into matches (lead_id, space_id, park_id, score, reasons, found_by) values (${id}, 'S1', 'GC-EDZ', 80, '[]', 'lead')`;
  await db.sql.begin((tx) => routeLead(tx, id, ROUTING));
  const [a] = await db.sql<{ id: string }[]>`select id from assignments where lead_id = ${id} and recruiter_id = 'R1'`;
  expect((await applyAssignmentAction(db.sql, { assignmentId: a.id, recruiterId: "R1", intent: "accept" }, ROUTING)).ok).toBe(true);
  const [task] = await db.sql<{ id: string }[]>`
    insert into call_tasks (kind, lead_id, phone, script, dedupe_key) values ('callback', ${id}, ${phone}, '回访', ${`t:${id}`}) returning id`;
  return { id, reference, assignmentId: a.id, taskId: task.id };
}

describe("staff notes are the person's data", () => {
  it("are in the export (call notes with their outcome, recruiter and admin notes, dates, close reason) and erased on request", async () => {
    const mine = await workedLead("南京隐私备注机械有限公司", "13812348801");
    const other = await workedLead("南京隐私旁人机械有限公司", "13812348802");
    const who = { assignmentId: mine.assignmentId, recruiterId: "R1" };
    await addLeadNote(db.sql, {
      leadId: mine.id,
      authorId: staff.hotline,
      body: "来电：王总说下周三可以看厂，手机尾号8801",
      source: "hotline",
      callTaskId: mine.taskId,
      callOutcome: "no-answer",
    });
    expect((await addNote(db.sql, { ...who, staffId: staff.recruiter, body: "王总关心配电，老家是溧水的" })).ok).toBe(true);
    await addLeadNote(db.sql, { leadId: mine.id, authorId: staff.admin, body: "管理员：该企业曾投诉过", source: "admin" });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await setFollowUp(db.sql, { ...who, on: today })).ok).toBe(true);
    expect((await recordVisit(db.sql, { ...who, on: today })).ok).toBe(true);
    const label = { zh: "价格不合适", en: "Price" };
    expect((await markLost(db.sql, { ...who, reason: "price", note: "王总嫌贵，他太太在隔壁园区上班", label })).ok).toBe(true);
    await addLeadNote(db.sql, { leadId: other.id, authorId: staff.hotline, body: "旁人的来电备注", source: "hotline" });

    const person = await findPerson(db.sql, "13812348801");
    // The reference as read out over the phone finds the same person (trial 38: only upper case with dashes did).
    const [{ reference }] = await db.sql<{ reference: string }[]>`select reference from leads where id = ${mine.id}`;
    expect((await findPerson(db.sql, reference.toLowerCase().replace(/-/g, "")))?.leads.map((l) => l.reference)).toEqual(
      person?.leads.map((l) => l.reference),
    );
    const exported = (await exportPersonData(db.sql, SEARCH, { person: person!, actor: "test", leadsIndex: "leads" })) as {
      leads: {
        notes: { source: string; body: string; callOutcome: string | null }[];
        assignments: { followUpOn: string; visitOn: string; closeReason: string; closeNote: string }[];
      }[];
    };
    expect(exported.leads).toHaveLength(1);
    const [lead] = exported.leads;
    expect(lead.notes.map((n) => [n.source, n.body, n.callOutcome])).toEqual([
      ["hotline", "来电：王总说下周三可以看厂，手机尾号8801", "no-answer"],
      ["recruiter", "王总关心配电，老家是溧水的", null],
      ["admin", "管理员：该企业曾投诉过", null],
    ]);
    expect(lead.assignments.find((a) => a.closeReason === "price")).toMatchObject({
      followUpOn: null, // closing clears the follow-up
      visitOn: today,
      closeNote: "王总嫌贵，他太太在隔壁园区上班",
    });
    const text = JSON.stringify(exported);
    expect(text).not.toContain("旁人的来电备注");
    expect(text).not.toContain("周敏"); // which staff member wrote a note is not the person's data

    await eraseLeads(db.sql, { leadIds: [mine.id], actor: "test", subject: "138****8801" });
    expect(await db.sql`select 1 from lead_notes where lead_id = ${mine.id}`).toHaveLength(0);
    const [closed] = await db.sql<{ closeReason: string; closeNote: string | null }[]>`
      select close_reason, close_note from assignments where id = ${mine.assignmentId}`;
    expect(closed).toEqual({ closeReason: "price", closeNote: null });
    const trail = await db.sql<{ event: string; reason: Record<string, unknown> }[]>`
      select event, reason from routing_events where lead_id = ${mine.id} order by id`;
    expect(JSON.stringify(trail)).not.toMatch(/王总|太太|溧水|8801/);
    expect(trail.find((e) => e.event === "lost")?.reason).toMatchObject({ code: "price", erased: true });
    expect(trail.map((e) => e.event)).toEqual(expect.arrayContaining(["assigned", "accepted", "note", "follow-up", "visit", "lost"]));
    const [task] = await db.sql<{ phone: string }[]>`select phone from call_tasks where id = ${mine.taskId}`;
    expect(task.phone).toBe("");
    // A second export after erasure holds none of it.
    const again = JSON.stringify(
      await exportPersonData(db.sql, SEARCH, { person: (await findPerson(db.sql, mine.reference))!, actor: "test", leadsIndex: "leads" }),
    );
    expect(again).not.toMatch(/王总|太太|管理员：/);
    // The other person's note is untouched.
    expect(await db.sql`select body from lead_notes where lead_id = ${other.id}`).toEqual([{ body: "旁人的来电备注" }]);
  });

  it("erases the free-text reason of a decline from the routing trail too, keeping its code", async () => {
    const l = await workedLead("南京隐私拒绝机械有限公司", "13812348803");
    // A fresh offer to decline: back to offered, as the desk's decline needs.
    await db.sql`update assignments set status = 'offered' where id = ${l.assignmentId}`;
    const label = { zh: "重复线索", en: "Duplicate" };
    expect(
      (
        await declineWithReason(
          db.sql,
          { assignmentId: l.assignmentId, recruiterId: "R1", reason: "duplicate", note: "和赵女士的另一条重复", label },
          ROUTING,
        )
      ).ok,
    ).toBe(true);
    expect(JSON.stringify(await db.sql`select reason from routing_events where lead_id = ${l.id} and event = 'declined'`)).toContain(
      "赵女士",
    );
    await eraseLeads(db.sql, { leadIds: [l.id], actor: "test", subject: "138****8803" });
    const [declined] = await db.sql<{ reason: Record<string, unknown> }[]>`
      select reason from routing_events where lead_id = ${l.id} and event = 'declined'`;
    expect(JSON.stringify(declined.reason)).not.toContain("赵女士");
    expect(declined.reason).toMatchObject({ code: "duplicate", erased: true });
  });
});
