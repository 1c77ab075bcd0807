import { Redis } from "ioredis";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { callbackScript, routeLead } from "~/assignments/route-lead.server";
import { createSql } from "~/db/db.server";
import type { Exclusion } from "~/domain/matching/why-not";
import { importInventory } from "~/inventory/import.server";

import { formatAdminTime } from "../../app/i18n/admin-messages";
import type { RunningWorker } from "../../worker/runtime";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { outboxDrained } from "../support/pipeline";
import { eventually, startPrivateRedis, startWebServer } from "../support/services";
import { startSmtpServer, type TestServer } from "../support/smtp";
import { startTestWorker } from "../support/worker";

// Routing and notification through the real pipeline: Postgres, a private Redis, Meilisearch, a real
// SMTP server on loopback; msw stands in for the WeCom robot (an outside HTTP service).
const WEBHOOK = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=test-robot-key";
const wecomPosts: { content: string }[] = [];
const msw = setupServer(
  http.post("https://qyapi.weixin.qq.com/cgi-bin/webhook/send", async ({ request }) => {
    const body = (await request.json()) as { msgtype: string; markdown: { content: string } };
    wecomPosts.push({ content: body.markdown.content });
    return HttpResponse.json({ errcode: 0, errmsg: "ok" });
  }),
);

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let smtp: TestServer;
let web: Awaited<ReturnType<typeof startWebServer>>;
let worker: RunningWorker;
let failNextStateUpdate = false;
const suffix = Math.random().toString(36).slice(2, 8);
const indexNames = { leads: `leads_r_${suffix}`, spaces: `spaces_r_${suffix}`, parks: `parks_r_${suffix}` };

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: "bypass" }); // loopback traffic (Meilisearch) passes through
  db = await createTestDatabase("routing");
  redis = await startPrivateRedis();
  smtp = await startSmtpServer();
  web = await startWebServer({ DATABASE_URL: db.url, REDIS_URL: redis.url });
  const inv = demoInventory();
  inv.parks.find((p) => p.id === "JN-IP")!.wecomWebhookUrl = WEBHOOK;
  expect((await importInventory(db.sql, inv)).ok).toBe(true);
  worker = await startWorkerWith({});
  await outboxDrained(db.sql);
});
afterAll(async () => {
  msw.close();
  await worker?.close();
  await web?.stop();
  await smtp?.close();
  await redis?.stop();
  await db?.drop();
});
afterEach(() => msw.resetHandlers());

function startWorkerWith(overrides: { slaMinutes?: number; noticeRetryBudgetMs?: number }) {
  return startTestWorker({
    databaseUrl: db.url,
    redisUrl: redis.url,
    indexNames,
    smtpUrl: smtp.url,
    smtpTimeoutMs: 1_000,
    appUrl: "https://pm.example.cn",
    slaMinutes: overrides.slaMinutes ?? 120,
    noticeRetryBudgetMs: overrides.noticeRetryBudgetMs,
    afterSend: () => {
      // A worker killed between the SMTP server's answer and the state update, once.
      if (failNextStateUpdate) {
        failNextStateUpdate = false;
        throw new Error("simulated crash after SMTP accepted the mail");
      }
    },
  });
}

let phoneCounter = 0;
function uniquePhone() {
  phoneCounter++;
  return `139${String(10_000_000 + phoneCounter * 7919 + Math.floor(Math.random() * 1000)).slice(-8)}`;
}

async function submit(
  need: Record<string, unknown>,
  extra: { company?: string; product?: string; industry?: string; phone?: string } = {},
) {
  const res = await fetch(`${web.url}/api/leads`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      need,
      use: { industry: extra.industry ?? "C35", product: extra.product ?? "数控机床" },
      tax: { annualTaxWan: 300, investmentWan: 6000 },
      company: { name: extra.company ?? "南京路由测试机械有限公司" },
      contact: { name: "王", phone: extra.phone ?? uniquePhone() },
      consent: true,
    }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; reference: string };
}

async function view(id: string) {
  return (await fetch(`${web.url}/api/leads/${id}`, { headers: { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` } })).json();
}

/** The outbox rows of a lead's assignment notices to the GC-EDZ recruiter: relayed to BullMQ or not, done or not. */
async function noticeRows(reference: string) {
  return db.sql<{ topic: string; relayed: boolean; done: boolean }[]>`
    select o.topic, o.relayed_at is not null as relayed, o.done_at is not null as done
    from notifications n join leads l on l.id = n.lead_id
    join outbox o on o.aggregate_id = n.id::text and o.topic like 'notify.%'
    where l.reference = ${reference} and n.kind = 'assignment' and n.recipient = 'R1'
    order by o.id`;
}

function mailsTo(address: string, reference: string) {
  return smtp.received
    .filter((m) => m.rcptTo.includes(address))
    .map((m) => m.parsed)
    .filter((p) => p.subject.includes(reference));
}

const GC_FACTORY = { kind: "factory", deal: "lease", areaMin: 4000, areaMax: 6000, ceilingMinM: 8, regions: ["高淳区"] };

describe("email recruiter", () => {
  it("routes the GC-EDZ match to its recruiter and emails them once: subject, both parts, escaped hostile input", async () => {
    const hostile = `<script>alert(1)</script>"><img src=x onerror=alert(1)>`;
    const { id, reference } = await submit(GC_FACTORY, { company: `恶意${hostile}公司`, product: `产品${hostile}` });
    const [mail] = await eventually(async () => {
      const m = mailsTo("zhoumin@example.test", reference);
      return m.length ? m : null;
    }, "the email at the SMTP server");
    expect(mail.subject).toContain(`【新线索 ${reference}】`);
    expect(mail.subject).toContain("租赁厂房");
    expect(mail.subject).toContain("4000–6000㎡");
    const html = mail.parts.get("text/html")!;
    const text = mail.parts.get("text/plain")!;
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain("单层厂房1号");
    expect(html).toContain("https://pm.example.cn/queue/assignments/");
    expect(text).toContain(reference);
    // The offer's own deadline, as stored (working time can put it on the next morning), not "within N minutes".
    const [offer] = await db.sql<{ acceptBy: Date }[]>`
      select a.accept_by from assignments a join leads l on l.id = a.lead_id where l.reference = ${reference} and a.accept_by is not null`;
    const due = formatAdminTime(offer.acceptBy.toISOString());
    expect(text).toContain(`请在 ${due}（北京时间）前在招商工作台接单`);
    expect(mail.headers.get("message-id")?.[0]).toMatch(/^<assignment-[0-9a-f-]+-n\d+@parkmatch>$/);

    const lead = await eventually(async () => {
      const v = await view(id);
      return v.assignments.length && v.status === "assigned" ? v : null;
    }, "lead assigned");
    const a = lead.assignments.find((x: { parkId: string }) => x.parkId === "GC-EDZ");
    expect(a).toMatchObject({ recruiterId: "R1", parkId: "GC-EDZ", channel: "email", status: "offered" });
    expect(a.reason.zh.length).toBeGreaterThan(0);
    await outboxDrained(db.sql);
    expect(mailsTo("zhoumin@example.test", reference)).toHaveLength(1);
    // Sent by the worker that routed it, in the same job: its fallback row never went through BullMQ.
    expect(await noticeRows(reference)).toEqual([{ topic: "notify.email", relayed: false, done: true }]);
    const events = await db.sql`select event, rule, considered from routing_events where lead_id = ${id} and event = 'assigned'`;
    expect(events.length).toBeGreaterThan(0);
    expect(events[0].considered.length).toBeGreaterThan(0);
  });

  it("sends at most one duplicate, with the same Message-ID, when the worker dies between the SMTP answer and the state update", async () => {
    failNextStateUpdate = true;
    const { reference } = await submit(GC_FACTORY, { company: "南京崩溃重试机械有限公司" });
    await eventually(async () => mailsTo("zhoumin@example.test", reference).length >= 2 || null, "the retried email");
    await outboxDrained(db.sql);
    const mails = mailsTo("zhoumin@example.test", reference);
    expect(mails).toHaveLength(2);
    expect(mails[0].headers.get("message-id")).toEqual(mails[1].headers.get("message-id"));
    const [n] =
      await db.sql`select n.status, n.attempts from notifications n join leads l on l.id = n.lead_id where l.reference = ${reference} and n.kind = 'assignment' and n.channel = 'email'`;
    expect(n).toMatchObject({ status: "sent", attempts: 2 });
    expect(await noticeRows(reference)).toEqual([{ topic: "notify.email", relayed: true, done: true }]); // the fallback job took over
  });

  it("sends a notice through its fallback job when the worker died after routing, before delivering it", async () => {
    const { id, reference } = await submit(GC_FACTORY, { company: "南京路由后宕机机械有限公司" });
    await eventually(async () => mailsTo("zhoumin@example.test", reference).length > 0 || null, "the first email");
    // What a worker that died right after its routing transaction leaves behind: the assignment and its
    // notice committed, nobody delivering it. (Routed again from scratch here, with a short fallback.)
    await db.sql`delete from assignments where lead_id = ${id}`;
    await db.sql.begin((tx) => routeLead(tx, id, { slaMinutes: 120, noticeFallbackMs: 300 }));
    await eventually(async () => mailsTo("zhoumin@example.test", reference).length >= 2 || null, "the email sent by the fallback job");
    await outboxDrained(db.sql);
    const mails = mailsTo("zhoumin@example.test", reference);
    expect(mails).toHaveLength(2);
    expect(mails[0].headers.get("message-id")).not.toEqual(mails[1].headers.get("message-id")); // a new assignment, a new message
    expect(await noticeRows(reference)).toContainEqual({ topic: "notify.email", relayed: true, done: true });
  });

  it("sends the returning customer's next lead to the recruiter who had them", async () => {
    const phone = uniquePhone();
    const first = await submit(GC_FACTORY, { phone, company: "南京回头客机械有限公司" });
    await eventually(async () => (await view(first.id)).status === "assigned" || null, "first lead assigned");
    // Its next need (another area): the same need again within the hour would be a repeat, worked once (ADR 108).
    const second = await submit({ ...GC_FACTORY, areaMin: 4500 }, { phone, company: "南京回头客机械有限公司" });
    const lead = await eventually(async () => {
      const v = await view(second.id);
      return v.assignments.length ? v : null;
    }, "second lead assigned");
    expect(lead.assignments.find((a: { parkId: string }) => a.parkId === "GC-EDZ")).toMatchObject({
      recruiterId: "R1",
      rule: "returning-customer",
    });
    expect(lead.assignments.find((a: { parkId: string }) => a.parkId === "GC-DB")).toMatchObject({
      recruiterId: "R2",
      rule: "returning-customer",
    });
  });
});

describe("the lead row and the worker's commits (docs/decisions/050)", () => {
  it("moves a routed lead to 'assigned' in the one update that records its match outcome", async () => {
    // Every update of the lead row, as a trigger sees it: a status change moves all of the lead's indexes.
    await db.sql`create table lead_updates (lead_id uuid, old_status text, new_status text, outcome boolean)`;
    await db.sql`create function lead_updates_log() returns trigger language plpgsql as $$
                 begin insert into lead_updates values (new.id, old.status, new.status, old.matched_at is distinct from new.matched_at);
                 return new; end $$`;
    await db.sql`create trigger lead_updates_log after update on leads for each row execute function lead_updates_log()`;
    try {
      const { id } = await submit(GC_FACTORY, { company: "南京一次更新机械有限公司" });
      await eventually(async () => (await view(id)).status === "assigned", "assigned");
      const rows = await db.sql<{ oldStatus: string; newStatus: string; outcome: boolean }[]>`
        select old_status, new_status, outcome from lead_updates where lead_id = ${id}`;
      expect(rows.filter((r) => r.outcome)).toEqual([expect.objectContaining({ newStatus: "assigned" })]);
      expect(rows.filter((r) => r.newStatus !== r.oldStatus && r.newStatus !== "indexed")).toHaveLength(1);
    } finally {
      await db.sql`drop trigger lead_updates_log on leads`;
    }
  });

  it("gives a lead without a match its call-back script from the why-not list written in the same update", async () => {
    const { id, reference } = await submit({ ...GC_FACTORY, ceilingMinM: 30 }); // no space that high: near misses only
    await eventually(async () => (await view(id)).status === "unmatched", "unmatched");
    const [task] = await db.sql<{ script: string }[]>`select script from call_tasks where lead_id = ${id} and kind = 'callback'`;
    const [lead] = await db.sql<{ excluded: Exclusion[] }[]>`select excluded from leads where id = ${id}`;
    expect(lead.excluded.length).toBeGreaterThan(0);
    expect(task.script).toBe(callbackScript(reference, lead.excluded));
    expect(task.script).toContain("1. ");
  });

  it("commits the worker's writes without waiting for the WAL flush; a pool made as the web makes its own still waits", async () => {
    const [own] = await worker.sql<{ synchronousCommit: string }[]>`show synchronous_commit`;
    expect(own.synchronousCommit).toBe("off");
    const web = createSql(db.url, { max: 1, applicationName: "parkmatch-web" });
    try {
      const [intake] = await web<{ synchronousCommit: string }[]>`show synchronous_commit`;
      expect(intake.synchronousCommit).toBe("on");
    } finally {
      await web.end({ timeout: 2 });
    }
  });
});

describe("hotline recruiter and leads without a match", () => {
  it("creates a hand-over call task for a hotline recruiter with their phone and the matched spaces", async () => {
    // 东坝 (GC-DB) is covered by R2, who works through the hotline.
    const { id } = await submit(
      { kind: "factory", deal: "lease", areaMin: 5500, areaMax: 7000, regions: ["高淳区"] },
      { industry: "C33", product: "金属制品" },
    );
    const task = await eventually(async () => {
      const [t] = await db.sql`select kind, phone, script, recruiter_id from call_tasks where lead_id = ${id} and kind = 'handover'`;
      return t;
    }, "hand-over task");
    expect(task.recruiterId).toBe("R2");
    expect(task.phone).toBe("+8613900000002");
    expect(task.script).toContain("转交线索");
    expect(task.script).toMatch(/匹配空间/);
    const lead = await view(id);
    expect(lead.assignments.find((a: { parkId: string }) => a.parkId === "GC-DB")).toMatchObject({ recruiterId: "R2", channel: "hotline" });
  });

  it("gives a lead that matches nothing a hotline call-back task (回访)", async () => {
    const { id } = await submit({ kind: "warehouse", deal: "buy", areaMin: 200000 });
    const task = await eventually(async () => {
      const [t] = await db.sql`select kind, script from call_tasks where lead_id = ${id}`;
      return t;
    }, "call-back task");
    expect(task.kind).toBe("callback");
    expect(task.script).toMatch(/回访/);
    expect((await view(id)).status).toBe("unmatched");
  });

  it("records call outcomes: no answer brings the task back later, a wrong number closes it with a note", async () => {
    const { id } = await submit({ kind: "warehouse", deal: "buy", areaMin: 300000 });
    const task = await eventually(async () => (await db.sql`select id, due_at from call_tasks where lead_id = ${id}`)[0], "call-back task");
    const outcome = (body: unknown, token = process.env.ADMIN_API_TOKEN) =>
      fetch(`${web.url}/api/call-tasks/${task.id}/outcome`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });

    expect((await outcome({ outcome: "no-answer" }, "not-the-admin-token-at-all")).status).toBe(401);
    expect((await outcome({ outcome: "maybe" })).status).toBe(400);
    // Due 45 minutes after the request was handled: between 45 minutes after it was sent and 45 minutes
    // after it was answered (the same machine's clock; 1 ms either side for rounding), however long it took.
    const sent = Date.now();
    const noAnswer = await outcome({ outcome: "no-answer", retryMinutes: 45 });
    const answered = Date.now();
    expect(noAnswer.status).toBe(200);
    const [later] = await db.sql`select status, attempts, due_at from call_tasks where id = ${task.id}`;
    expect(later).toMatchObject({ status: "no-answer", attempts: 1 });
    expect(later.dueAt.getTime()).toBeGreaterThanOrEqual(sent - 1 + 45 * 60_000);
    expect(later.dueAt.getTime()).toBeLessThanOrEqual(answered + 1 + 45 * 60_000);

    expect((await outcome({ outcome: "wrong-number" })).status).toBe(200);
    const [event] = await db.sql`select reason from routing_events where lead_id = ${id} and event = 'wrong-number'`;
    expect(event.reason.zh).toMatch(/号码错误/);
    expect((await outcome({ outcome: "done" })).status).toBe(409); // closed already
  });
});

describe("WeCom group (msw plays the robot)", () => {
  it("posts each new assignment of a park with a webhook, phone masked, and retries a rate limit (45009) instead of dropping", async () => {
    let calls = 0;
    msw.use(
      http.post("https://qyapi.weixin.qq.com/cgi-bin/webhook/send", async ({ request }) => {
        calls++;
        expect(new URL(request.url).searchParams.get("key")).toBe("test-robot-key");
        const body = (await request.json()) as { msgtype: string; markdown: { content: string } };
        expect(body.msgtype).toBe("markdown");
        if (calls === 1) return HttpResponse.json({ errcode: 45009, errmsg: "api freq out of limit" });
        wecomPosts.push({ content: body.markdown.content });
        return HttpResponse.json({ errcode: 0, errmsg: "ok" });
      }),
    );
    const { reference } = await submit(
      { kind: "factory", deal: "lease", areaMin: 2500, areaMax: 3500, regions: ["江宁区"] },
      { industry: "C39", product: "传感器" },
    );
    const post = await eventually(async () => wecomPosts.find((p) => p.content.includes(reference)), "the WeCom post", 20_000);
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(post.content).toMatch(/139＊＊＊＊0005|\*\*\*\*|＊/);
    expect(post.content).not.toContain("13900000005");
  });
});

describe("SMTP refusing", () => {
  it("dead-letters a permanently refused email (550) with the reason, visible to the admin", async () => {
    const refusing = await startSmtpServer({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
      },
    });
    await worker.close();
    const previous = smtp;
    smtp = refusing;
    worker = await startWorkerWith({});
    try {
      const { id } = await submit(GC_FACTORY, { company: "南京拒收测试机械有限公司" });
      const dead = await eventually(async () => {
        const [n] = await db.sql`select status, last_error from notifications where lead_id = ${id} and channel = 'email'`;
        return n?.status === "dead" ? n : null;
      }, "dead letter");
      expect(dead.lastError).toMatch(/550|mailbox unavailable/);
      const [event] = await db.sql`select event from routing_events where lead_id = ${id} and event = 'dead-letter'`;
      expect(event).toBeDefined();
    } finally {
      await worker.close();
      smtp = previous;
      await refusing.close();
      worker = await startWorkerWith({});
    }
  });

  it("retries a temporary refusal (450) with backoff and dead-letters once the retry budget is spent (NOTICE_RETRY_HOURS)", async () => {
    let tries = 0;
    const busy = await startSmtpServer({
      onRcptTo(_address, _session, callback) {
        tries++;
        callback(Object.assign(new Error("try again later"), { responseCode: 450 }));
      },
    });
    await worker.close();
    const previous = smtp;
    smtp = busy;
    worker = await startWorkerWith({ noticeRetryBudgetMs: 3_000 });
    try {
      const { id } = await submit(GC_FACTORY, { company: "南京暂拒测试机械有限公司" });
      const dead = await eventually(
        async () => {
          const [n] = await db.sql`select status, attempts, last_error from notifications where lead_id = ${id} and channel = 'email'`;
          return n?.status === "dead" ? n : null;
        },
        "dead letter after retries",
        30_000,
      );
      expect(dead.attempts).toBeGreaterThan(1);
      expect(dead.lastError).toMatch(/450.*given up/);
      expect(tries).toBeGreaterThanOrEqual(dead.attempts);
    } finally {
      await worker.close();
      smtp = previous;
      await busy.close();
      worker = await startWorkerWith({});
    }
  }, 60_000);
});

describe("SLA", () => {
  it("re-routes an assignment nobody accepted, tells the first recruiter, escalates after two re-routes — also across a Redis flush", async () => {
    const inv = demoInventory();
    inv.parks.push({
      id: "SLA-P",
      name: "时限测试园",
      province: "江苏省",
      city: "南京市",
      district: "六合区",
      industries: ["C35"],
      excludedIndustries: [],
    });
    inv.spaces.push({
      id: "SLA-S",
      parkId: "SLA-P",
      kind: "factory",
      deals: ["lease"],
      title: "时限测试厂房",
      areaSqm: 3000,
      status: "available",
    });
    for (const n of [1, 2, 3])
      inv.recruiters.push({
        id: `SLA-R${n}`,
        name: `时限专员${n}`,
        email: `sla${n}@example.test`,
        phone: `1390000010${n}`,
        channel: "email",
        parks: ["SLA-P"],
        industries: [],
        capacity: 10,
        active: true,
      });
    expect((await importInventory(db.sql, inv)).ok).toBe(true);
    await db.sql`insert into users (email, name, role) values ('admin@example.test', '管理员', 'admin') on conflict do nothing`;
    await outboxDrained(db.sql);

    await worker.close();
    worker = await startWorkerWith({ slaMinutes: 0.05 }); // 3 s
    try {
      const { id, reference } = await submit(
        { kind: "factory", deal: "lease", areaMin: 2800, areaMax: 3200, regions: ["六合区"] },
        { company: "南京时限测试有限公司" },
      );
      const firstRecruiter = await eventually(async () => {
        const [a] = await db.sql`select recruiter_id from assignments where lead_id = ${id} and park_id = 'SLA-P'`;
        return a?.recruiterId as string | undefined;
      }, "first offer");
      await eventually(
        async () => {
          const [a] = await db.sql`select reroutes from assignments where lead_id = ${id} and park_id = 'SLA-P'`;
          return a.reroutes >= 1 || null;
        },
        "first re-route",
        20_000,
      );

      // Redis restarts empty in the middle: the next SLA check is re-derived from Postgres.
      const admin = new Redis(redis.url);
      await admin.flushall();
      admin.disconnect();

      const escalated = await eventually(
        async () => {
          const [a] = await db.sql`select status, reroutes from assignments where lead_id = ${id} and park_id = 'SLA-P'`;
          return a.status === "escalated" ? a : null;
        },
        "escalation",
        40_000,
      );
      expect(escalated.reroutes).toBe(2);

      const offered = await db.sql<
        { recruiterId: string }[]
      >`select recruiter_id from routing_events where lead_id = ${id} and event in ('assigned', 'rerouted') order by id`;
      expect(new Set(offered.map((o) => o.recruiterId)).size).toBe(3); // each recruiter at most once
      await eventually(
        async () => mailsTo(`sla${firstRecruiter.slice(-1)}@example.test`, reference).some((m) => m.subject.includes("已改派")) || null,
        "the first recruiter is told",
      );
      await eventually(
        async () => smtp.received.some((m) => m.rcptTo.includes("admin@example.test") && m.parsed.subject.includes(reference)) || null,
        "the admin escalation email",
      );
      const [task] = await db.sql`select kind from call_tasks where lead_id = ${id} and kind = 'escalation'`;
      expect(task).toBeDefined();
    } finally {
      await worker.close();
      worker = await startWorkerWith({});
    }
  }, 90_000);
});
