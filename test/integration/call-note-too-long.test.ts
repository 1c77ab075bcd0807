import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { NOTE_MAX } from "~/domain/call-outcomes";
import { workCallTask } from "~/hotline/call-outcome.server";
import { openCallTask } from "~/hotline/call-tasks.server";
import { addLeadNote } from "~/hotline/lead-notes.server";

import { createTestDatabase } from "../support/database";
import { storeTestLead } from "../support/routed-lead";

// Attack-desks finding 12: a call-task note over NOTE_MAX (a crafted post; the textarea has maxLength) was cut
// silently, and a cut through an emoji stored U+FFFD. Now the outcome is refused with a field message and
// nothing is recorded; addLeadNote's last-guard cut keeps whole code points.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let authorId: string;
const routing = { slaMinutes: 120, slaClock: "wall" as const, noticeFallbackMs: 0 };

beforeAll(async () => {
  db = await createTestDatabase("call_note_too_long");
  [{ id: authorId }] = await db.sql<{ id: string }[]>`
    insert into users (email, name, role, password_hash) values ('agent@example.test', '坐席', 'hotline', 'x') returning id`;
}, 180_000);
afterAll(async () => {
  await db?.drop();
});

async function openTask(name: string, phone: string) {
  const lead = await storeTestLead(db.sql, name, phone);
  await openCallTask(db.sql, {
    kind: "callback",
    leadId: lead.id,
    phone: `+86${phone}`,
    script: { zh: "回访", en: "Call back" },
    dedupeKey: `test-callback:${lead.id}`,
  });
  const [task] = await db.sql<{ id: string }[]>`select id from call_tasks where lead_id = ${lead.id}`;
  return { leadId: lead.id, taskId: task.id };
}

describe("a call-task note over the maximum", () => {
  it.each([
    ["plain text one over", "字".repeat(NOTE_MAX + 1)],
    ["emoji crossing the maximum", `${"a".repeat(NOTE_MAX - 1)}😀`],
    ["far over", "x".repeat(NOTE_MAX * 3)],
  ])("%s is refused and nothing is recorded", async (_label, note) => {
    const { leadId, taskId } = await openTask(
      `南京超长备注${Math.random().toString(36).slice(2, 8)}有限公司`,
      `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`,
    );
    const answer = await workCallTask(db.sql, { taskId, outcome: "no-answer", note, confirmed: true, authorId, routing });
    expect(answer).toEqual({ kind: "bad-request", reason: "note-too-long" });
    const notes = await db.sql`select 1 from lead_notes where lead_id = ${leadId}`;
    expect(notes.length).toBe(0);
    const [task] = await db.sql<{ status: string }[]>`select status from call_tasks where id = ${taskId}`;
    expect(task.status).toBe("open");
  });

  it("a note of exactly the maximum (emoji included) is recorded whole", async () => {
    const { leadId, taskId } = await openTask("南京刚好满额备注有限公司", "13955501234");
    const note = `${"a".repeat(NOTE_MAX - 2)}😀`;
    const answer = await workCallTask(db.sql, { taskId, outcome: "no-answer", note, confirmed: true, authorId, routing });
    expect(answer.kind).toBe("recorded");
    const [row] = await db.sql<{ body: string }[]>`select body from lead_notes where lead_id = ${leadId}`;
    expect(row.body).toBe(note);
  });
});

describe("addLeadNote's last-guard cut", () => {
  it("never splits an emoji into U+FFFD", async () => {
    const lead = await storeTestLead(db.sql, "南京表情截断有限公司", "13955504321");
    await addLeadNote(db.sql, { leadId: lead.id, authorId, body: `${"a".repeat(NOTE_MAX - 1)}😀😀`, source: "hotline" });
    const [row] = await db.sql<{ body: string }[]>`select body from lead_notes where lead_id = ${lead.id}`;
    expect(row.body).not.toContain("\uFFFD");
    expect(row.body.endsWith("😀")).toBe(true);
  });
});
