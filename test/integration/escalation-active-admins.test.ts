import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { changeStaffAccount } from "~/admin/staff-accounts.server";
import { importInventory } from "~/inventory/import.server";
import { createMailer } from "~/notify/mailer.server";

import { assignmentSlaJob } from "../../worker/assignment-sla.job";
import type { JobContext } from "../../worker/job-context";
import { notifyEmailJob } from "../../worker/notify-email.job";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { emailJobContext } from "../support/email-job-context";
import { routedTestLead, TEST_ROUTING } from "../support/routed-lead";

// Attack 38 (ADR 182): an admin whose account was deactivated kept receiving every escalation email — the
// company, the park, the need and a link — because the escalation went to every account with the admin
// role, active or not, and the email job sent to whoever the notice named. Someone who can no longer sign
// in must receive no more leads' details: escalations go to active admins only, and a notice queued
// before the deactivation is not sent.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let outboxDir: string;
const admins: Record<"stays" | "left" | "leavesLater", string> = { stays: "", left: "", leavesLater: "" };

beforeAll(async () => {
  db = await createTestDatabase("escalation_active_admins");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  for (const [key, email] of [
    ["stays", "stays@admins.test"],
    ["left", "left@admins.test"],
    ["leavesLater", "later@admins.test"],
  ] as const) {
    const [u] = await db.sql<{ id: string }[]>`insert into users (email, name, role) values (${email}, ${key}, 'admin') returning id`;
    admins[key] = u.id;
  }
  // Deactivated the way an admin does it at /admin/staff (sessions ended, invitations used up).
  const result = await changeStaffAccount(db.sql, admins.left, { kind: "active", active: false }, { actor: "test", userId: admins.stays });
  expect(result.ok).toBe(true);
  outboxDir = mkdtempSync(join(tmpdir(), "pm-escalation-"));
}, 120_000);
afterAll(async () => {
  await db?.drop();
  if (outboxDir) rmSync(outboxDir, { recursive: true, force: true });
});

/** A routed lead whose offer lapsed after two re-routes: the SLA job escalates it now. */
async function escalated(company: string, phone: string) {
  const [space] = await db.sql<
    { id: string; parkId: string }[]
  >`select id, park_id from spaces where status = 'available' order by id limit 1`;
  const routed = await routedTestLead(db.sql, { company, phone }, space.id, space.parkId);
  await db.sql`update assignments set reroutes = 2, accept_by = now() - interval '1 minute' where id = ${routed.assignmentId}`;
  const [sla] = await db.sql<{ id: string }[]>`
    select id::text from outbox where topic = 'assignment.sla' and aggregate_id = ${routed.assignmentId} and done_at is null`;
  const ctx = { sql: db.sql, routing: TEST_ROUTING } as unknown as JobContext;
  await assignmentSlaJob(ctx, { outboxId: Number(sla.id), id: routed.assignmentId });
  const notices = await db.sql<{ id: string; recipient: string; outboxId: string }[]>`
    select n.id::text, n.recipient, o.id::text as outbox_id from notifications n
    join outbox o on o.topic = 'notify.email' and o.aggregate_id = n.id::text
    where n.assignment_id = ${routed.assignmentId} and n.kind = 'escalation' order by n.id`;
  return { ...routed, notices };
}

const mailsTo = (email: string) =>
  readdirSync(outboxDir).filter((f) => readFileSync(join(outboxDir, f), "utf8").includes(`To: ${email}`)).length;

describe("escalations reach active admins only", () => {
  it("queues no escalation for a deactivated admin, one for each active one", async () => {
    const { notices } = await escalated("南京停用管理员测试有限公司", "13900001111");
    expect(notices.map((n) => n.recipient).sort()).toEqual([admins.leavesLater, admins.stays].sort());
  });

  it("does not send an escalation queued before its admin was deactivated", async () => {
    const { notices, assignmentId } = await escalated("南京稍后停用测试有限公司", "13900002222");
    const later = notices.find((n) => n.recipient === admins.leavesLater)!;
    const stays = notices.find((n) => n.recipient === admins.stays)!;
    expect(later).toBeDefined();
    const off = await changeStaffAccount(
      db.sql,
      admins.leavesLater,
      { kind: "active", active: false },
      { actor: "test", userId: admins.stays },
    );
    expect(off.ok).toBe(true);

    const ctx = emailJobContext(db.sql, createMailer({ outboxDir }));
    await notifyEmailJob(ctx, { outboxId: Number(later.outboxId), id: later.id });
    await notifyEmailJob(ctx, { outboxId: Number(stays.outboxId), id: stays.id });

    expect(mailsTo("later@admins.test")).toBe(0);
    expect(mailsTo("left@admins.test")).toBe(0);
    expect(mailsTo("stays@admins.test")).toBeGreaterThan(0);
    const [n] = await db.sql<{ status: string }[]>`select status from notifications where id = ${later.id}`;
    expect(n.status).not.toBe("sent");
    expect(assignmentId).toBeTruthy();
  });
});
