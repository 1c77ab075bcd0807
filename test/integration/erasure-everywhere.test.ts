import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { closeLead } from "~/admin/lead-actions.server";
import { handoverScript, loadAssignmentDetails } from "~/assignments/assignment-details.server";
import { claimNotification, finishNotice, noteNoticeError, releaseForRetry } from "~/assignments/notifications.server";
import { routeLead } from "~/assignments/route-lead.server";
import { recordRoutingEvent } from "~/assignments/routing-events.server";
import { openCallTask } from "~/hotline/call-tasks.server";
import { addLeadNote } from "~/hotline/lead-notes.server";
import { auditMessages } from "~/i18n/audit-messages";
import { importInventory } from "~/inventory/import.server";
import { createMailer } from "~/notify/mailer.server";
import { eraseLeads } from "~/privacy/anonymise.server";
import { applyAssignmentAction } from "~/recruiter-desk/assignment-actions.server";
import { addNote, markLost } from "~/recruiter-desk/lead-work.server";
import { createShortlist } from "~/recruiter-desk/shortlists.server";

import { leadJobIds } from "../../worker/forget-lead-jobs.job";
import { createQueue, type PipelineQueue } from "../../worker/queue";
import { createRedis } from "../../worker/redis";
import type { RunningWorker } from "../../worker/runtime";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { outboxDrained } from "../support/pipeline";
import { matchTestLead, storeTestLead } from "../support/routed-lead";
import { eventually, startWebServer } from "../support/services";
import { startSmtpServer, type TestServer } from "../support/smtp";
import { startTestWorker } from "../support/worker";

// ADR 090: erasure (PIPL art. 47) reaches every copy of a person's data, and ends the lead's work.
// A lead is taken down every path that copies its words — routed to three parks (an email recruiter
// who accepts, notes and shares a shortlist; a phone recruiter, handed over by the hotline with a script
// in both languages; a park with a WeCom group), noted by the hotline and an admin, a second lead of the
// same person closed by an admin with a note — then erased. Every text, jsonb and array column of every
// table (information_schema: a column added later is read too) must hold none of the phone's digits,
// the contact's name or the company's name; and nobody works the lead any more.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const ROUTING = { slaMinutes: 120, noticeFallbackMs: 0 };
const BEARER = { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` };
const PHONE = "13957881234";
const COMPANY = "苏州抹除测试科技有限公司";
const CONTACT = "王经理"; // validLeadJson's contact

beforeAll(async () => {
  db = await createTestDatabase("erasure_everywhere");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`update parks set wecom_webhook_url = 'http://127.0.0.1:9/hook' where id = 'GC-MED'`;
  web = await startWebServer({ DATABASE_URL: db.url });
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

/** The columns (table.column) that hold `needle`: as written, or (digits) in a value's digits with every separator dropped. */
async function columnsHolding(needle: string, digits = false): Promise<string[]> {
  const cols = await db.sql<{ table: string; column: string }[]>`
    select c.table_name as table, c.column_name as column
    from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb') or c.udt_name in ('_text', '_varchar'))
    order by 1, 2`;
  expect(cols.length).toBeGreaterThan(100);
  const found: string[] = [];
  for (const { table, column } of cols) {
    const value = digits ? `regexp_replace("${column}"::text, '\\D', '', 'g')` : `"${column}"::text`;
    const [row] = await db.sql.unsafe<{ n: number }[]>(`select count(*)::int as n from "${table}" where strpos(${value}, $1) > 0`, [
      needle,
    ]);
    if (row.n > 0) found.push(`${table}.${column}`);
  }
  return found;
}

describe("erasure reaches every copy and ends the lead's work", () => {
  let lead: { id: string; reference: string };
  let offered: string; // the phone recruiter's assignment, still offered with a deadline
  let accepted: string; // the email recruiter's, accepted

  beforeAll(async () => {
    lead = await storeTestLead(db.sql, COMPANY, PHONE);
    const space = await matchTestLead(db.sql, lead.id, "GC-EDZ");
    await matchTestLead(db.sql, lead.id, "GC-DB");
    await matchTestLead(db.sql, lead.id, "GC-MED");
    await db.sql.begin((tx) => routeLead(tx, lead.id, ROUTING));
    const as = await db.sql<{ id: string; recruiterId: string; status: string }[]>`
      select id, recruiter_id, status from assignments where lead_id = ${lead.id} order by park_id`;
    expect(as.map((a) => a.recruiterId).sort()).toEqual(["R1", "R2", "R3"]);
    accepted = as.find((a) => a.recruiterId === "R1")!.id;
    offered = as.find((a) => a.recruiterId === "R2")!.id;
    // The hotline's hand-over of the phone recruiter's offer: the script names company, contact and phone.
    const d = (await loadAssignmentDetails(db.sql, offered))!;
    await openCallTask(db.sql, {
      kind: "handover",
      leadId: lead.id,
      assignmentId: offered,
      recruiterId: "R2",
      phone: d.recruiter!.phone,
      script: { zh: handoverScript(d, 120, "zh"), en: handoverScript(d, 120, "en") },
      dedupeKey: `handover:test:${offered}`,
    });
    const [task] = await db.sql<{ scriptEn: string }[]>`select script_en from call_tasks where lead_id = ${lead.id}`;
    expect(task.scriptEn).toContain(CONTACT);
    // The email recruiter accepts, writes a note and shares a shortlist; the hotline and an admin write notes.
    const who = { assignmentId: accepted, recruiterId: "R1" };
    expect((await applyAssignmentAction(db.sql, { ...who, intent: "accept" }, ROUTING)).ok).toBe(true);
    const [recruiter] = await db.sql<{ id: string }[]>`
      insert into users (email, name, role, recruiter_id, password_hash) values ('r1@example.test', '周敏', 'recruiter', 'R1', 'x') returning id`;
    expect((await addNote(db.sql, { ...who, staffId: recruiter.id, body: `${CONTACT}说${COMPANY}要配电，手机${PHONE}` })).ok).toBe(true);
    expect((await createShortlist(db.sql, { ...who, spaceIds: [space], days: 14 })).ok).toBe(true);
    await addLeadNote(db.sql, { leadId: lead.id, authorId: null, body: `来电：${CONTACT} 0${PHONE}`, source: "hotline" });
    // A second lead of the person, closed by an admin with a note that names them.
    const second = await storeTestLead(db.sql, `${COMPANY}二部`, PHONE);
    expect(
      (await closeLead(db.sql, second.id, { as: "spam", note: `${CONTACT} ${PHONE} 重复来电`, duplicateOf: null }, "admin-token")).ok,
    ).toBe(true);
    // The mail server refuses the mail with an answer that echoes it (a content filter quoting what it
    // refused), WeCom's answer likewise: that error text is kept where the worker keeps it — the notice,
    // its outbox row, a dead notice's routing event — and a failed job's reason on the lead's other
    // outbox rows (the reconciler's copy of BullMQ's failedReason, a dead letter among them; ADR 093).
    const smtp = await startSmtpServer({
      onData(stream, _session, callback) {
        stream.resume();
        stream.on("end", () =>
          callback(Object.assign(new Error(`4.7.1 held by content filter: "${COMPANY} ${CONTACT} 手机${PHONE}"`), { responseCode: 451 })),
        );
      },
    });
    const mailer = createMailer({ smtpUrl: smtp.url, timeoutMs: 2_000 });
    const sent = await mailer.send({
      to: "r1@example.test",
      subject: "新线索",
      html: "<p>x</p>",
      text: "x",
      messageId: "<erasure@parkmatch>",
    });
    mailer.close();
    await smtp.close();
    expect(sent.ok).toBe(false);
    const smtpError = sent.ok ? "" : sent.error;
    expect(smtpError).toContain(PHONE);
    const notices = await db.sql<{ id: string; channel: string; outboxId: string | null }[]>`
      select n.id::text, n.channel, (select o.id::text from outbox o where o.aggregate_id = n.id::text and o.topic like 'notify.%' order by o.id limit 1) as outbox_id
      from notifications n where n.lead_id = ${lead.id}`;
    const email = notices.find((n) => n.channel === "email")!;
    const claimed = await claimNotification(db.sql, email.id, 60_000);
    expect(claimed && claimed !== "held").toBe(true);
    if (claimed && claimed !== "held") await releaseForRetry(db.sql, claimed, Number(email.outboxId), smtpError, 60_000);
    const wecom = notices.find((n) => n.channel === "wecom")!;
    await noteNoticeError(db.sql, Number(wecom.id), `errcode 40058: ${COMPANY} ${PHONE}`);
    await db.sql.begin(async (tx) => {
      expect(await finishNotice(tx, Number(wecom.id), "dead", `errcode 93000: ${CONTACT} ${PHONE}`)).toBe(true);
      await recordRoutingEvent(tx, {
        leadId: lead.id,
        event: "dead-letter",
        reason: auditMessages.both("notice.wecomFailed", { error: `errcode 93000: ${CONTACT} ${PHONE}` }),
      });
    });
    await db.sql`update outbox set last_error = ${smtpError} where aggregate_id in (${lead.id}, ${offered}) and done_at is null`;
    await db.sql`update outbox set dead_at = now(), dead_reason = 'strikes', last_error = ${smtpError}
                 where topic = 'lead.match' and aggregate_id = ${lead.id}`;
    // Before: the person is in many columns (the scan reads them).
    expect(await columnsHolding(PHONE, true)).toEqual(
      expect.arrayContaining([
        "call_tasks.script_en",
        "leads.phone",
        "lead_notes.body",
        "notifications.last_error",
        "outbox.last_error",
        "routing_events.reason",
      ]),
    );
    expect(await columnsHolding(COMPANY)).toEqual(expect.arrayContaining(["notifications.last_error", "outbox.last_error"]));

    const erased = await eraseLeads(db.sql, { leadIds: [lead.id, second.id], actor: "admin-token", subject: "+86 139****1234" });
    expect(erased.leads.length).toBe(2);
  }, 60_000);

  it("no text, jsonb or array column of any table holds the phone's digits, the contact's name or the company's name", async () => {
    expect(await columnsHolding(PHONE, true)).toEqual([]);
    expect(await columnsHolding(PHONE.slice(3), true)).toEqual([]); // the last eight digits, as a script may group them
    expect(await columnsHolding(CONTACT)).toEqual([]);
    expect(await columnsHolding(COMPANY)).toEqual([]);
  });

  it("its open assignments end (reason: erased, with a routing event), call tasks and pending notices close, the lead is closed", async () => {
    const as = await db.sql<{ id: string; status: string; closeReason: string | null; acceptBy: Date | null; closedFrom: string | null }[]>`
      select id, status, close_reason, accept_by, closed_from from assignments where lead_id = ${lead.id}`;
    for (const a of as) expect(a).toMatchObject({ status: "lost", closeReason: "erased", closedFrom: null });
    const events = await db.sql<{ assignmentId: string; reason: { zh: string; en: string } }[]>`
      select assignment_id, reason from routing_events where lead_id = ${lead.id} and event = 'erased'`;
    expect(events.map((e) => e.assignmentId).sort()).toEqual(as.map((a) => a.id).sort());
    expect(events[0].reason.zh).toContain("已按个人信息删除请求匿名化");
    expect(events[0].reason.en).toContain("Anonymised on a request to delete personal data");
    expect(await db.sql`select 1 from call_tasks where lead_id = ${lead.id} and status in ('open', 'no-answer')`).toEqual([]);
    expect(await db.sql`select 1 from notifications where lead_id = ${lead.id} and status in ('pending', 'sending', 'dead')`).toEqual([]);
    const [row] = await db.sql<{ status: string }[]>`select status from leads where id = ${lead.id}`;
    expect(row.status).toBe("closed");
  });

  it("its notices' work is over: their outbox rows are done, and a send still under way writes no error text back", async () => {
    const open = await db.sql`
      select o.id from outbox o join notifications n on o.aggregate_id = n.id::text
      where n.lead_id = ${lead.id} and o.topic like 'notify.%' and o.done_at is null`;
    expect(open).toEqual([]);
    const notices = await db.sql<{ id: string }[]>`select id::text from notifications where lead_id = ${lead.id}`;
    for (const n of notices) {
      expect(await claimNotification(db.sql, n.id, 60_000)).toBeNull(); // handled: finished, not "held"
      await noteNoticeError(db.sql, Number(n.id), `451 ${PHONE}`);
      expect(await db.sql.begin((tx) => finishNotice(tx, Number(n.id), "dead", `550 ${PHONE}`))).toBe(false);
    }
    expect(await columnsHolding(PHONE, true)).toEqual([]);
    const events = await db.sql<{ reason: { zh: string; en: string } }[]>`
      select reason from routing_events where lead_id = ${lead.id} and event = 'dead-letter'`;
    expect(events.map((e) => e.reason.zh)).toEqual(["通知发送失败（错误信息已按个人信息删除要求清除）"]);
  });

  it("no step on it is taken: accept, lost, a note — refused, nothing written", async () => {
    expect((await applyAssignmentAction(db.sql, { assignmentId: offered, recruiterId: "R2", intent: "accept" }, ROUTING)).ok).toBe(false);
    const who = { assignmentId: accepted, recruiterId: "R1" };
    expect((await markLost(db.sql, { ...who, reason: "price", note: null, label: { zh: "价格", en: "Price" } })).ok).toBe(false);
    expect((await addNote(db.sql, { ...who, staffId: "00000000-0000-0000-0000-000000000000", body: "再记一条" })).ok).toBe(false);
    expect(await db.sql`select 1 from lead_notes where lead_id = ${lead.id}`).toEqual([]);
  });

  it("the lead page says it was anonymised (zh, en) instead of blank fields and step buttons", async () => {
    const zh = await (await fetch(`${web.url}/queue/assignments/${accepted}`, { headers: BEARER })).text();
    expect(zh).toContain("已按个人信息删除请求匿名化");
    expect(zh).toContain("结束原因：已按个人信息删除请求匿名化");
    expect(zh).not.toContain('id="enterprise-h"');
    const en = await (await fetch(`${web.url}/queue/assignments/${accepted}?lng=en`, { headers: BEARER })).text();
    expect(en).toContain("Anonymised on a request to delete personal data");
    // The admin's lead page too: the state said, its status in words.
    const admin = await (await fetch(`${web.url}/admin/leads/${lead.id}`, { headers: BEARER })).text();
    expect(admin).toContain("已按个人信息删除请求匿名化：企业名称、联系人和电话已删除");
    expect(admin).toContain("已关闭");
    const adminEn = await (await fetch(`${web.url}/admin/leads/${lead.id}?lng=en`, { headers: BEARER })).text();
    expect(adminEn).toContain("Anonymised on a request to delete personal data: the company, contact and phone are gone");
    // No number to reveal (no link, no view recorded), and the actions section says why it offers nothing.
    expect(admin).not.toContain("显示完整号码");
    expect(admin).toContain("这条线索已按个人信息删除请求匿名化，没有可做的操作。");
    expect(admin).not.toContain('value="rematch"');
    const views = (await db.sql`select count(*)::int as n from phone_access_log where lead_id = ${lead.id}`)[0].n;
    const revealed = await (await fetch(`${web.url}/admin/leads/${lead.id}?reveal=phone`, { headers: BEARER })).text();
    expect(revealed).not.toContain('data-testid="phone-full"');
    expect((await db.sql`select count(*)::int as n from phone_access_log where lead_id = ${lead.id}`)[0].n).toBe(views);
  });
});

// ADR 096: Redis too. BullMQ keeps a failed job's reason and stack (and the events stream its reason)
// for days. A real worker sends the lead's notice to a mail server that refuses it with a reply quoting
// the company, the contact and the phone (after another sender took the notice over, so the job fails
// with what the server said). The failure must reach Redis scrubbed — no key of the installation's
// prefix holds the person, before the erasure as after — and the erasure removes every job of the lead
// from BullMQ, the grouped lead.match job that carries it among other leads' rows included.
describe("erasure reaches Redis: the lead's jobs are removed, no failure in Redis quotes the person", () => {
  let db2: Awaited<ReturnType<typeof createTestDatabase>>;
  let smtp: TestServer;
  let worker: RunningWorker;
  let queue: PipelineQueue;
  let producer: ReturnType<typeof createRedis>;
  const prefix = `pmtest-erasure-${Math.random().toString(36).slice(2, 8)}`;
  const suffix = Math.random().toString(36).slice(2, 8);
  const indexNames = { leads: `leads_er_${suffix}`, spaces: `spaces_er_${suffix}`, parks: `parks_er_${suffix}` };
  let lead: { id: string; reference: string };
  let jobsBefore: string[] = [];

  /** Every value under the prefix, whatever the key's type, as text (hashes, lists, sets, sorted sets, streams). */
  async function redisText(): Promise<{ key: string; text: string }[]> {
    const out: { key: string; text: string }[] = [];
    let cursor = "0";
    do {
      const [next, keys] = await producer.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      cursor = next;
      for (const key of keys) {
        const type = await producer.type(key);
        const value =
          type === "string"
            ? await producer.get(key)
            : type === "hash"
              ? await producer.hgetall(key)
              : type === "list"
                ? await producer.lrange(key, 0, -1)
                : type === "set"
                  ? await producer.smembers(key)
                  : type === "zset"
                    ? await producer.zrange(key, 0, -1)
                    : type === "stream"
                      ? await producer.xrange(key, "-", "+")
                      : null;
        out.push({ key, text: JSON.stringify(value) });
      }
    } while (cursor !== "0");
    return out;
  }
  /** The keys whose text holds the person: the phone's digits (separators dropped), its last eight, the contact, the company. */
  async function keysHoldingThePerson(): Promise<string[]> {
    return (await redisText())
      .filter(({ text }) => {
        const digits = text.replace(/\D/g, "");
        return digits.includes(PHONE) || digits.includes(PHONE.slice(3)) || text.includes(CONTACT) || text.includes(COMPANY);
      })
      .map(({ key }) => key);
  }

  beforeAll(async () => {
    db2 = await createTestDatabase("erasure_redis");
    expect((await importInventory(db2.sql, demoInventory())).ok).toBe(true);
    // Every recruiter by email (the notice the mail server refuses), no WeCom robot (no call leaves the machine).
    await db2.sql`update recruiters set channel = 'email'`;
    await db2.sql`update parks set wecom_webhook_url = null`;
    smtp = await startSmtpServer({
      onData(stream, _session, callback) {
        stream.resume();
        stream.on("end", () => {
          // Another sender takes the notice over while the server thinks, then the server refuses,
          // quoting the message: the job that sent it fails with the server's answer. That sender's lease is a
          // second (a quick send's): the notice's job then claims it at once instead of waiting out the 17 s
          // lease of a 2 s SMTP timeout (17.6 s of this file's 22.7; ADR 181).
          void db2.sql`update notifications set lease_token = gen_random_uuid(), lease_until = now() + interval '1 second'
                       where status = 'sending'`.then(() =>
            callback(Object.assign(new Error(`4.7.1 held by content filter: "${COMPANY} ${CONTACT} 手机${PHONE}"`), { responseCode: 451 })),
          );
        });
      },
    });
    producer = createRedis("redis://127.0.0.1:6379", "producer");
    queue = createQueue(producer, prefix);
    worker = await startTestWorker({
      databaseUrl: db2.url,
      queuePrefix: prefix,
      indexNames,
      smtpUrl: smtp.url,
      smtpTimeoutMs: 2_000,
      relayLingerMs: 1_500, // the two leads below are relayed in one lead.match job, even on a busy machine
      noticeFallbackMs: 0,
    });
    await outboxDrained(db2.sql); // the spaces are searchable before the leads are matched
    const other = await storeTestLead(db2.sql, "南京另一家精密机械有限公司", "13812345670");
    lead = await storeTestLead(db2.sql, COMPANY, PHONE);
    // The notice's job has failed at least once (its reason and stack are in Redis).
    await eventually(
      async () => {
        const jobs = await queue.getJobs(["failed", "delayed", "wait", "active", "completed"]);
        return jobs.some((j) => j.name === "notify.email" && (j.stacktrace ?? []).some((t) => t.includes("email not sent")));
      },
      "the lead's email job failed with the server's refusal",
      60_000,
    );
    jobsBefore = await leadJobIds(db2.sql, lead.id);
    const present = (await Promise.all(jobsBefore.map((id) => queue.getJob(id)))).filter((j) => j !== undefined);
    expect(present.map((j) => j!.name)).toEqual(expect.arrayContaining(["lead.match", "notify.email"]));
    // The lead.match job of both leads carries ours in `items` under the other lead's row's key.
    const group = present.find((j) => j!.name === "lead.match")!;
    expect(group.data.items?.map((i) => i.id).sort()).toEqual([other.id, lead.id].sort());
    expect(group.data.id).toBe(other.id);
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await queue?.obliterate({ force: true }).catch(() => {});
    await queue?.close();
    producer?.disconnect();
    await smtp?.close();
    await db2?.drop();
  });

  it("a job's failure reaches Redis and the log scrubbed: the server's quote is not in any key, even before the erasure", async () => {
    expect(await keysHoldingThePerson()).toEqual([]);
    const failed = (await queue.getJobs(["failed", "delayed", "wait", "completed"])).filter(
      (j) => j.name === "notify.email" && j.failedReason,
    );
    expect(failed.length).toBeGreaterThan(0);
    for (const j of failed)
      expect(`${j.failedReason} ${(j.stacktrace ?? []).join(" ")}`).not.toMatch(/\p{Script=Han}|held by content filter/u);
  });

  it("the erasure removes every job of the lead from BullMQ (the grouped lead.match included), and its own record goes too", async () => {
    const erased = await eraseLeads(db2.sql, { leadIds: [lead.id], actor: "admin-token", subject: "+86 139****1234" });
    expect(erased.leads.length).toBe(1);
    await eventually(
      async () => (await Promise.all(jobsBefore.map((id) => queue.getJob(id)))).every((j) => j === undefined),
      "every job of the lead removed from BullMQ",
      60_000,
    );
    // The job that removed them is done, and left no record of its own.
    await eventually(
      async () =>
        (await db2.sql`select 1 from outbox where topic = 'lead.forget' and aggregate_id = ${lead.id} and done_at is not null`).length > 0,
      "the lead.forget row done",
      30_000,
    );
    expect((await queue.getJobs(["completed", "failed"])).filter((j) => j.name === "lead.forget")).toEqual([]);
    // No job in Redis names the lead, its notices or its assignments any more.
    const about = [
      lead.id,
      ...(
        await db2.sql<{ id: string }[]>`select id::text from notifications where lead_id = ${lead.id}
                                         union all select id::text from assignments where lead_id = ${lead.id}`
      ).map((r) => r.id),
    ];
    const jobs = await queue.getJobs(["failed", "delayed", "wait", "active", "completed", "prioritized", "waiting-children"]);
    const naming = jobs.filter((j) => [j.data.id, ...(j.data.items ?? []).map((i) => i.id)].some((id) => about.includes(id)));
    expect(naming.map((j) => `${j.name} ${j.id}`)).toEqual([]);
    expect(await keysHoldingThePerson()).toEqual([]);
  }, 90_000);
});
