import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { retryDeadLetter } from "~/assignments/dead-letters.server";
import type { Sql } from "~/db/db.server";
import { importInventory } from "~/inventory/import.server";
import { createMailer, type Mailer } from "~/notify/mailer.server";

import { MAX_UNCONFIRMED_SENDS, notifyEmailJob } from "../../worker/notify-email.job";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { emailJobContext } from "../support/email-job-context";
import { routedTestLead } from "../support/routed-lead";
import { startSmtpServer, type TestServer } from "../support/smtp";

// An attack of 2026-12-04: an SMTP server that stores each mail and then stays silent past the timeout
// before its reply to the final dot got five copies of one assignment email in 90 s (and would have got
// ~50 over NOTICE_RETRY_HOURS), while the admin saw it undelivered. A send that fails without the
// server's verdict once the session began may have delivered: after MAX_UNCONFIRMED_SENDS of them the
// notice dead-letters and the recruiter is phoned (a hand-over task), instead of re-sending blindly.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const closers: (() => unknown)[] = [];
beforeAll(async () => {
  db = await createTestDatabase("email_unconfirmed");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
}, 120_000);
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await db?.drop();
});

let phone = 13900007700;
/** A routed lead's assignment notice: its id, its outbox row's id and its assignment. */
async function routedNotice(company: string) {
  const [space] = await db.sql<{ id: string; parkId: string }[]>`
    select id, park_id from spaces where status = 'available' order by id limit 1`;
  const routed = await routedTestLead(db.sql, { company, phone: String(phone++) }, space.id, space.parkId);
  const [n] = await db.sql<{ id: string; outboxId: string }[]>`
    select n.id::text, o.id::text as outbox_id from notifications n
    join outbox o on o.topic = 'notify.email' and o.aggregate_id = n.id::text
    where n.assignment_id = ${routed.assignmentId} and n.kind = 'assignment'`;
  return { ...routed, notificationId: n.id, outboxId: Number(n.outboxId) };
}

const contextWith = (sql: Sql, mailer: Mailer) => emailJobContext(sql, mailer, { budgetMs: 3_600_000, baseMs: 1_000, capMs: 10_000 });

/** A server that takes every mail whole and then never answers the final dot (the mail is stored first). */
async function silentAfterData(): Promise<TestServer> {
  const held: (() => void)[] = [];
  const server: TestServer = await startSmtpServer({
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        server.received.push({
          mailFrom: "",
          rcptTo: session.envelope.rcptTo.map((a) => a.address),
          raw: Buffer.concat(chunks).toString(),
          parsed: {} as never,
        });
        held.push(() => callback(null));
      });
    },
  });
  closers.push(
    () => server.close(),
    () => held.forEach((reply) => reply()),
  );
  return server;
}

async function noticeState(id: string) {
  const [row] = await db.sql<{ status: string; unconfirmedSends: number; lastError: string | null }[]>`
    select status, unconfirmed_sends, last_error from notifications where id = ${id}`;
  return row;
}

describe("an assignment email whose sends the server never confirms", () => {
  it(`goes at most ${MAX_UNCONFIRMED_SENDS} times, then dead-letters and the recruiter is phoned`, { timeout: 60_000 }, async () => {
    const server = await silentAfterData();
    const mailer = createMailer({ smtpUrl: server.url, timeoutMs: 200 }); // silent 600 ms = a timeout
    closers.push(() => mailer.close());
    const notice = await routedNotice("南京未确认投递测试有限公司");
    const ctx = contextWith(db.sql, mailer);
    for (let attempt = 1; attempt <= MAX_UNCONFIRMED_SENDS + 3; attempt++) {
      await notifyEmailJob(ctx, { outboxId: notice.outboxId, id: notice.notificationId });
      if ((await noticeState(notice.notificationId)).status === "dead") break;
    }
    const state = await noticeState(notice.notificationId);
    expect(state).toMatchObject({ status: "dead", unconfirmedSends: MAX_UNCONFIRMED_SENDS });
    expect(state.lastError).toContain("maybe delivered, not sent again");
    expect(server.received).toHaveLength(MAX_UNCONFIRMED_SENDS);
    const tasks = await db.sql`select kind from call_tasks where assignment_id = ${notice.assignmentId} and status = 'open'`;
    expect(tasks.map((t) => t.kind)).toEqual(["handover"]);
    // The admin's retry is a new decision: the count starts again.
    expect(await retryDeadLetter(notice.notificationId, "admin@example.test", db.sql)).toMatchObject({ ok: true });
    expect(await noticeState(notice.notificationId)).toMatchObject({ status: "pending", unconfirmedSends: 0 });
  });

  it("a server that refuses for now (451) is retried as before: it said it has no copy", { timeout: 60_000 }, async () => {
    const busy = await startSmtpServer({
      onData: (stream, _session, callback) => {
        stream.resume();
        stream.on("end", () => callback(Object.assign(new Error("try again later"), { responseCode: 451 })));
      },
    });
    closers.push(() => busy.close());
    const mailer = createMailer({ smtpUrl: busy.url, timeoutMs: 200 });
    closers.push(() => mailer.close());
    const notice = await routedNotice("南京暂拒投递测试有限公司");
    for (let attempt = 1; attempt <= MAX_UNCONFIRMED_SENDS + 2; attempt++)
      await notifyEmailJob(contextWith(db.sql, mailer), { outboxId: notice.outboxId, id: notice.notificationId });
    const state = await noticeState(notice.notificationId);
    expect(state.status).not.toBe("dead");
    expect(state.unconfirmedSends).toBe(0);
  });
});
