import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadAssignmentDetails } from "~/assignments/assignment-details.server";
import { claimEmailNotice, claimNotification } from "~/assignments/notifications.server";
import type { Sql } from "~/db/db.server";
import { importInventory } from "~/inventory/import.server";
import type { Mailer, MailMessage } from "~/notify/mailer.server";

import { notifyEmailJob } from "../../worker/notify-email.job";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { emailJobContext } from "../support/email-job-context";
import { routedTestLead } from "../support/routed-lead";
import { tracedSql } from "../support/traced-sql";

// Issue 14, docs/decisions/100: an assignment email costs the worker and Postgres one statement fewer.
// The sender's claim (the lease) and the assignment's details the email shows are read in one
// statement (claimEmailNotice), then the mail goes and one statement records it (markEmailSent).
// Before, the details were a statement of their own between the two. The claim's answers stay those of
// claimNotification: ours (with the details), "held" under another sender's lease, null when finished.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let traced: Sql;
let ours: () => string[];
let recorded: string[];

beforeAll(async () => {
  db = await createTestDatabase("email_claim_statement");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  ({ sql: traced, recorded, ours } = await tracedSql(db.url));
}, 120_000);
afterAll(async () => {
  await traced?.end({ timeout: 2 });
  await db?.drop();
});

/** A routed lead's assignment notice: its id and its fallback outbox row's id. */
async function routedNotice(company: string, phone: string) {
  const [space] = await db.sql<{ id: string; parkId: string }[]>`
    select id, park_id from spaces where status = 'available' order by id limit 1`;
  const routed = await routedTestLead(db.sql, { company, phone }, space.id, space.parkId);
  const [n] = await db.sql<{ id: string; outboxId: string }[]>`
    select n.id::text, o.id::text as outbox_id from notifications n
    join outbox o on o.topic = 'notify.email' and o.aggregate_id = n.id::text
    where n.assignment_id = ${routed.assignmentId} and n.kind = 'assignment'`;
  return { ...routed, notificationId: n.id, outboxId: Number(n.outboxId) };
}

function contextWith(sql: Sql, sent: MailMessage[]) {
  const mailer: Mailer = {
    send: async (m) => {
      sent.push(m);
      return { ok: true, response: "250 ok" };
    },
    maxSendMs: 1_000,
    close: () => {},
  };
  return emailJobContext(sql, mailer);
}

describe("an assignment email's statements", () => {
  it("claims the notice and reads its assignment in one statement, then records the send in one: two in all", async () => {
    const notice = await routedNotice("南京单语句认领测试有限公司", "13900001111");
    const sent: MailMessage[] = [];
    recorded.length = 0;
    await notifyEmailJob(contextWith(traced, sent), { outboxId: notice.outboxId, id: notice.notificationId });
    expect(ours()).toHaveLength(2);
    expect(ours()[0]).toContain("update notifications set status = 'sending'");
    expect(ours()[0]).toContain("from assignments a join parks p");
    // The email is the one the details make: to the offered recruiter, about this lead and park.
    const details = await loadAssignmentDetails(db.sql, notice.assignmentId);
    expect(sent).toHaveLength(1);
    expect(sent[0].to).toBe(details!.recruiter!.email);
    expect(sent[0].subject).toContain(details!.reference);
    expect(sent[0].html).toContain(details!.parkName);
    const [row] = await db.sql<{ status: string; attempts: number; done: boolean }[]>`
      select n.status, n.attempts, o.done_at is not null as done from notifications n, outbox o
      where n.id = ${notice.notificationId} and o.id = ${notice.outboxId}`;
    expect(row).toEqual({ status: "sent", attempts: 1, done: true });
  });

  it("answers as claimNotification does: ours with the details, held under another lease, null once finished or unknown", async () => {
    const notice = await routedNotice("南京认领回答测试有限公司", "13900002222");
    const first = await claimEmailNotice(db.sql, notice.notificationId, 60_000);
    expect(first.claim).toMatchObject({ id: notice.notificationId, status: "sending", attempts: 1, kind: "assignment" });
    expect(typeof first.claim === "object" && first.claim?.leaseToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.details).toEqual(await loadAssignmentDetails(db.sql, notice.assignmentId));
    // Another sender while the lease runs: held, and no details for it.
    expect(await claimEmailNotice(db.sql, notice.notificationId, 60_000)).toEqual({ claim: "held", details: null });
    expect(await claimNotification(db.sql, notice.notificationId, 60_000)).toBe("held");
    // The lease ran out: the next sender takes it (a second attempt counted).
    await db.sql`update notifications set lease_until = now() - interval '1 second' where id = ${notice.notificationId}`;
    const second = await claimEmailNotice(db.sql, notice.notificationId, 60_000);
    expect(second.claim).toMatchObject({ attempts: 2 });
    expect(second.details?.id).toBe(notice.assignmentId);
    // Finished: null, as for a notice that does not exist.
    await db.sql`update notifications set status = 'sent' where id = ${notice.notificationId}`;
    expect(await claimEmailNotice(db.sql, notice.notificationId, 60_000)).toEqual({ claim: null, details: null });
    expect(await claimEmailNotice(db.sql, "999999999", 60_000)).toEqual({ claim: null, details: null });
  });

  it("claims a notice whose assignment is gone without details, so the sender dead-letters it", async () => {
    const notice = await routedNotice("南京分配已删测试有限公司", "13900003333");
    await db.sql`delete from assignments where id = ${notice.assignmentId}`;
    const { claim, details } = await claimEmailNotice(db.sql, notice.notificationId, 60_000);
    // The notice's assignment_id is cleared or kept by the schema's foreign key; either way no details.
    expect(claim === null || typeof claim === "object").toBe(true);
    expect(details).toBeNull();
  });
});
