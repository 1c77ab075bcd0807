import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { addLeadNote } from "~/hotline/lead-notes.server";
import { importInventory } from "~/inventory/import.server";
import { addNote } from "~/recruiter-desk/lead-work.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { routedTestLead } from "../support/routed-lead";

// A note's button pressed twice (a double click, a slow page, Enter and a click): the two posts arrive
// together and each stored the note — five presses, five identical notes in the lead's record and its
// audit trail. The same author's same text on the same lead within a few seconds is one note.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let staffId: string;

beforeAll(async () => {
  db = await createTestDatabase("note_double_press");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  [{ id: staffId }] = await db.sql<{ id: string }[]>`
    insert into users (email, name, role, recruiter_id) values ('rec@example.test', '周敏', 'recruiter', 'R1') returning id`;
});
afterAll(async () => {
  await db?.drop();
});

const notes = (leadId: string, body: string) => db.sql`select id from lead_notes where lead_id = ${leadId} and body = ${body}`;

describe("a note sent twice at once is one note", () => {
  it("the recruiter desk: five presses together, one note and one audit line; another text is another note", async () => {
    const l = await routedTestLead(db.sql, { company: "南京双击备注有限公司", phone: "13812349001" }, "S1", "GC-EDZ");
    const who = { assignmentId: l.assignmentId, recruiterId: l.recruiterId, staffId };
    const results = await Promise.all(Array.from({ length: 5 }, () => addNote(db.sql, { ...who, body: "已电话联系，周三看厂" })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await notes(l.leadId, "已电话联系，周三看厂")).toHaveLength(1);
    expect(await db.sql`select 1 from routing_events where lead_id = ${l.leadId} and event = 'note'`).toHaveLength(1);
    await addNote(db.sql, { ...who, body: "企业要求先发平面图" });
    expect(await notes(l.leadId, "企业要求先发平面图")).toHaveLength(1);
  });

  it("the hotline's call note: five presses together, one note", async () => {
    const l = await routedTestLead(db.sql, { company: "南京双击来电有限公司", phone: "13812349002" }, "S1", "GC-EDZ");
    const ids = await Promise.all(
      Array.from({ length: 5 }, () =>
        addLeadNote(db.sql, { leadId: l.leadId, authorId: staffId, body: "来电询问进度", source: "hotline" }),
      ),
    );
    expect(await notes(l.leadId, "来电询问进度")).toHaveLength(1);
    expect(new Set(ids.filter(Boolean)).size).toBe(1);
  });
});
