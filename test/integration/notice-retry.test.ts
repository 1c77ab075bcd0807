import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { retryDeadLetter } from "~/assignments/dead-letters.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { importInventory } from "~/inventory/import.server";
import { storeLead } from "~/leads/intake.server";

import type { RunningWorker } from "../../worker/runtime";
import { createTestDatabase } from "../support/database";
import { outboxDrained } from "../support/pipeline";
import { eventually, startPrivateRedis } from "../support/services";
import { startSmtpServer, type TestServer } from "../support/smtp";
import { startTestWorker } from "../support/worker";

// Issue 13, defect 3: an SMTP outage must not drop recruiter emails. Temporary refusals retry on a
// time budget, permanent ones dead-letter at once, a notice that finally fails becomes a hotline
// task, and an admin can send a dead letter again. A real SMTP server on loopback whose answer the
// test switches: 451 (busy), 550 (no such mailbox) or accept.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let smtp: TestServer;
let worker: RunningWorker;
let mode: "451" | "550" | "accept" = "accept";
const suffix = Math.random().toString(36).slice(2, 8);
const indexNames = { leads: `leads_nr_${suffix}`, spaces: `spaces_nr_${suffix}`, parks: `parks_nr_${suffix}` };
const schema = createLeadSchema("zh", "api");

function startWorker(noticeRetryBudgetMs: number) {
  return startTestWorker({
    databaseUrl: db.url,
    redisUrl: redis.url,
    indexNames,
    smtpUrl: smtp.url,
    smtpTimeoutMs: 2_000,
    noticeRetryBudgetMs,
    // Retries 100–250 ms apart (the tests' default cap is 1 s): the outage case counts ten attempts of each email,
    // which waited ~6 s of backoff; the attempts, not the wait, are what it shows (ADR 181).
    noticeRetryCapMs: 250,
  });
}

beforeAll(async () => {
  db = await createTestDatabase("notice_retry");
  redis = await startPrivateRedis();
  smtp = await startSmtpServer({
    onRcptTo(_address, _session, callback) {
      if (mode === "451") callback(Object.assign(new Error("4.3.2 service busy, try later"), { responseCode: 451 }));
      else if (mode === "550") callback(Object.assign(new Error("5.1.1 mailbox unavailable"), { responseCode: 550 }));
      else callback();
    },
  });
  const result = await importInventory(db.sql, {
    parks: [
      {
        id: "NR-P",
        name: "重试测试园",
        province: "江苏省",
        city: "南京市",
        district: "六合区",
        industries: ["C35"],
        excludedIndustries: [],
      },
    ],
    spaces: [{ id: "NR-S", parkId: "NR-P", kind: "factory", deals: ["lease"], title: "重试测试厂房", areaSqm: 3000, status: "available" }],
    recruiters: [
      {
        id: "NR-R",
        name: "重试专员",
        email: "retry@example.test",
        phone: "13900000201",
        channel: "email",
        parks: ["NR-P"],
        industries: [],
        capacity: 500,
        active: true,
      },
    ],
  });
  expect(result.ok).toBe(true);
  worker = await startWorker(10 * 60_000);
  await outboxDrained(db.sql); // the space is searchable before the first lead is matched
});
afterAll(async () => {
  await worker?.close();
  await smtp?.close();
  await redis?.stop();
  await db?.drop();
});

async function submitLeads(n: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const parsed = schema.parse({
      need: { kind: "factory", deal: "lease", areaMin: 2500, areaMax: 3500 },
      use: { industry: "C35", product: "数控机床" },
      tax: { annualTaxWan: 300 },
      company: { name: `南京${tag}${i}机械有限公司` },
      contact: { name: "王", phone: `137${String(20_000_000 + ids.length * 13 + tag.length * 1000 + i).slice(-8)}` },
      consent: true,
    });
    ids.push((await storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" })).id);
  }
  return ids;
}

type Notice = { id: string; leadId: string; status: string; attempts: number; lastError: string | null; assignmentId: string };
async function notices(leadIds: string[]): Promise<Notice[]> {
  return db.sql<Notice[]>`select id::text, lead_id, status, attempts, last_error, assignment_id from notifications
                          where lead_id in ${db.sql(leadIds)} and channel = 'email' and kind = 'assignment' order by id`;
}

/** How many distinct notices arrived at the SMTP server (their Message-ID names the notification). */
const delivered = (ns: Notice[]) =>
  new Set(smtp.received.flatMap((m) => ns.filter((n) => m.raw.includes(`-n${n.id}@parkmatch`)).map((n) => n.id))).size;

describe("SMTP outage", () => {
  it("a server answering 451 for a while, then recovering: every email is delivered, none dead-lettered", async () => {
    mode = "451";
    const ids = await submitLeads(20, "暂拒");
    // Well past the 8 attempts after which these emails used to be dead-lettered for good.
    await eventually(
      async () => {
        const ns = await notices(ids);
        return ns.length === 20 && ns.every((n) => n.attempts >= 10 || n.status === "dead");
      },
      "every email tried 10 times against the busy server",
      // Generous: on a loaded machine ten backoffs of twenty emails take a while; the assertion is the count.
      240_000,
    );
    expect((await notices(ids)).filter((n) => n.status === "dead")).toEqual([]);
    mode = "accept";
    await eventually(async () => (await notices(ids)).every((n) => n.status === "sent"), "every email sent after recovery", 180_000);
    const ns = await notices(ids);
    expect(ns.every((n) => n.lastError === null)).toBe(true);
    expect(delivered(ns)).toBe(20);
    const [{ fallbacks }] = await db.sql<
      { fallbacks: number }[]
    >`select count(*)::int as fallbacks from call_tasks where lead_id in ${db.sql(ids)}`;
    expect(fallbacks).toBe(0);
  }, 480_000);

  it("a permanent refusal (550) dead-letters at once and a hotline task tells the recruiter; an admin's retry sends it", async () => {
    mode = "550";
    const [id] = await submitLeads(1, "永拒");
    const dead = await eventually(async () => (await notices([id])).find((n) => n.status === "dead"), "the dead letter", 60_000);
    expect(dead.attempts).toBe(1);
    expect(dead.lastError).toMatch(/550/);
    const [task] = await db.sql<{ kind: string; recruiterId: string; phone: string; script: string; status: string }[]>`
      select kind, recruiter_id, phone, script, status from call_tasks where assignment_id = ${dead.assignmentId}`;
    expect(task).toMatchObject({ kind: "handover", recruiterId: "NR-R", status: "open" });
    expect(task.phone).toMatch(/13900000201/);
    expect(task.script).toContain("邮件未送达");
    const [assignment] = await db.sql<{ status: string }[]>`select status from assignments where id = ${dead.assignmentId}`;
    expect(assignment.status).toBe("offered");
    const events = await db.sql<{ event: string }[]>`select event from routing_events where lead_id = ${id} order by id`;
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(["dead-letter", "email-fallback"]));

    // The admin fixes the mailbox and sends it again: audited, then delivered.
    mode = "accept";
    expect(await retryDeadLetter(dead.id, "admin@example.test", db.sql)).toEqual({ ok: true });
    // Pressed again: no longer dead, and what it became (retried: pending, or already sending or sent by the worker).
    expect(await retryDeadLetter(dead.id, "admin@example.test", db.sql)).toEqual({
      ok: false,
      reason: "not-dead",
      status: expect.stringMatching(/^(pending|sending|sent)$/),
    });
    expect(await retryDeadLetter("999999999", "admin@example.test", db.sql)).toEqual({ ok: false, reason: "not-found" });
    await eventually(async () => (await notices([id]))[0].status === "sent", "the retried email sent", 60_000);
    const [retry] = await db.sql<
      { actor: string }[]
    >`select actor from routing_events where lead_id = ${id} and event = 'dead-letter-retry'`;
    expect(retry.actor).toBe("admin@example.test");
    expect(delivered(await notices([id]))).toBe(1);
  }, 120_000);

  it("temporary failures past the retry budget dead-letter with the reason and fall back to a hotline task", async () => {
    await worker.close();
    worker = await startWorker(3_000);
    mode = "451";
    const [id] = await submitLeads(1, "超时");
    const dead = await eventually(
      async () => (await notices([id])).find((n) => n.status === "dead"),
      "the dead letter after the budget",
      60_000,
    );
    expect(dead.attempts).toBeGreaterThan(1);
    expect(dead.lastError).toMatch(/451.*given up/);
    const [{ tasks }] = await db.sql<
      { tasks: number }[]
    >`select count(*)::int as tasks from call_tasks where assignment_id = ${dead.assignmentId} and kind = 'handover'`;
    expect(tasks).toBe(1);
    mode = "accept";
  }, 120_000);
});
