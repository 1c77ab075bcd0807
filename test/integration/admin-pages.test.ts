import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import type { Sql } from "~/db/db.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { storeLead } from "~/leads/intake.server";
import { composeMail } from "~/notify/mime-message.server";

import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { startWebServer } from "../support/services";

// The admin pages against the real web process, a database of their own and a temp outbox folder.
const TOKEN = process.env.ADMIN_API_TOKEN!;
let sql: Sql;
let drop: () => Promise<void>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let outboxDir: string;
let lead: { id: string; reference: string };
let cookie: string;

const MAIL_FILE = "assignment-7f3c@parkmatch.eml";
const MAIL_SUBJECT = "新需求待接单 PM-测试";

beforeAll(async () => {
  const db = await createTestDatabase("admin_pages");
  sql = db.sql;
  drop = db.drop;
  outboxDir = mkdtempSync(join(tmpdir(), "parkmatch-admin-outbox-"));
  web = await startWebServer({
    DATABASE_URL: db.url,
    MEILI_URL: process.env.MEILI_URL!,
    MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY!,
    ADMIN_API_TOKEN: TOKEN,
    MAIL_OUTBOX_DIR: outboxDir,
  });

  // Fixtures, straight into the tables: two parks, two recruiters, one lead routed to nobody in one park
  // and escalated in the other, a dead notification, an open call task and a match.
  await sql`insert into parks (id, name, province, city, district) values
    ('GC-IP', '高淳经济开发区', '江苏省', '南京市', '高淳区'), ('LS-IP', '溧水产业园', '江苏省', '南京市', '溧水区')`;
  await sql`insert into spaces (id, park_id, kind, deals, title, area_sqm, status) values ('GC-F1', 'GC-IP', 'factory', '{lease}', '高淳1号标准厂房', 5000, 'available')`;
  await sql`insert into recruiters (id, name, email, phone, channel, parks, capacity, active) values
    ('r-wang', '王招商', 'wang@example.cn', '+8613900000001', 'email', '{GC-IP}', 5, false),
    ('r-li', '李招商', 'li@example.cn', '+8613900000002', 'email', '{GC-IP,LS-IP}', 1, true)`;
  const body = validLeadJson({ company: "南京后台测试机械有限公司", phone: "13812345678" });
  const parsed = createLeadSchema("zh", "api").parse(body);
  lead = await storeLead(sql, { ...parsed, raw: body, source: "api", lng: "zh" });

  const reason = {
    zh: "本园区 2 名招商专员均不可分配，转入待分配队列",
    en: "None of the park's 2 recruiter(s) is eligible; sent to the unassigned queue",
  };
  const considered = [
    { recruiterId: "r-wang", eligible: false, why: { zh: "已停用", en: "inactive" } },
    { recruiterId: "r-li", eligible: false, why: { zh: "待办已满（1/1）", en: "at capacity (1/1)" } },
  ];
  const [unassigned] = await sql<{ id: string }[]>`
    insert into assignments (lead_id, park_id, status, rule, reason)
    values (${lead.id}, 'GC-IP', 'unassigned', 'nobody-eligible', ${sql.json(reason)}) returning id`;
  await sql`insert into routing_events (assignment_id, lead_id, event, rule, reason, considered)
            values (${unassigned.id}, ${lead.id}, 'unassigned', 'nobody-eligible', ${sql.json(reason)}, ${sql.json(considered)})`;
  const [escalated] = await sql<{ id: string }[]>`
    insert into assignments (lead_id, park_id, recruiter_id, channel, status, rule, reason, reroutes)
    values (${lead.id}, 'LS-IP', 'r-li', 'email', 'escalated', 'least-loaded', ${sql.json({ zh: "待办最少", en: "least loaded" })}, 2) returning id`;
  await sql`insert into notifications (assignment_id, lead_id, kind, channel, recipient, dedupe_key, status, attempts, last_error)
            values (${escalated.id}, ${lead.id}, 'assignment', 'email', 'r-li', 'assignment:test:r0', 'dead', 5, '550 5.1.1 <li@example.cn>: mailbox unavailable')`;
  await sql`insert into call_tasks (kind, lead_id, phone, script, dedupe_key) values ('callback', ${lead.id}, '+8613812345678', '回访', 'callback:test')`;
  // Background work that failed three times (a search write Meilisearch refused), and one due long ago.
  await sql`insert into outbox (topic, aggregate_id, attempts, last_error) values ('space.index', 'GC-F1', 3, 'Meilisearch task 12 failed: Could not parse latitude')`;
  await sql`insert into outbox (topic, aggregate_id, created_at) values ('assignment.sla', ${escalated.id}, now() - interval '20 minutes')`;
  await sql`insert into matches (lead_id, space_id, park_id, score, reasons, found_by)
            values (${lead.id}, 'GC-F1', 'GC-IP', 87, ${sql.json([{ zh: "面积合适", en: "size fits", kind: "fit" }])}, 'lead')`;

  // A development mail as the mailer writes it: encoded subject, HTML that must never be rendered.
  const subject = `=?UTF-8?B?${Buffer.from(MAIL_SUBJECT).toString("base64")}?=`;
  writeFileSync(
    join(outboxDir, MAIL_FILE),
    [
      `From: parkmatch <noreply@parkmatch.local>`,
      `To: li@example.cn`,
      `Subject: ${subject}`,
      `Date: Tue, 03 Mar 2026 09:15:00 +0800`,
      `Message-ID: <assignment-7f3c@parkmatch>`,
      ``,
      `请尽快联系企业。`,
      `<script>alert("x")</script>`,
      ``,
    ].join("\r\n"),
  );
});
afterAll(async () => {
  await web?.stop();
  await drop?.();
  if (outboxDir) rmSync(outboxDir, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${web.url}${path}`, { redirect: "manual", headers });
}
function post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${web.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(form),
  });
}
const asAdmin = (path: string) => get(path, { cookie });

// People sign in at /login with a staff account (ADR 025); the admin token is for machines only.
const ADMIN_EMAIL = "boss@example.test";
const RECRUITER_EMAIL = "li@example.test";
const PASSWORD = "后台-密码-2026-long";
const signIn = (email: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}, path = "/login") =>
  post(path, { email, password: PASSWORD, ...extra }, headers);

describe("admin access", () => {
  beforeAll(async () => {
    const hash = await hashPassword(PASSWORD);
    await sql`insert into users (email, name, role, recruiter_id, password_hash) values
      (${ADMIN_EMAIL}, '管理员', 'admin', null, ${hash}), (${RECRUITER_EMAIL}, '李招商', 'recruiter', 'r-li', ${hash})`;
  });

  it("sends an unauthenticated visitor of /admin to /login with 303, remembering the page", async () => {
    const res = await get("/admin");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login?next=%2Fadmin");
    const deep = await get(`/admin/leads/${lead.id}?lng=en`);
    expect(deep.status).toBe(303);
    expect(deep.headers.get("location")).toBe(`/login?next=${encodeURIComponent(`/admin/leads/${lead.id}?lng=en`)}&lng=en`);
    expect((await get(`/admin/outbox/${MAIL_FILE}`)).status).toBe(303);
  });

  it("has no token sign-in page for people any more: /admin/login is gone and sets no cookie", async () => {
    expect((await get("/admin/login")).status).toBe(404);
    const posted = await post("/admin/login", { token: TOKEN });
    expect(posted.status).toBeGreaterThanOrEqual(400);
    expect(posted.status).toBeLessThan(500);
    expect(posted.headers.get("set-cookie")).toBeNull();
  });

  it("signs an admin in at /login: an httpOnly, SameSite=Lax session cookie and 303 to /admin", async () => {
    const res = await signIn(ADMIN_EMAIL);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin");
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^pm_staff=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/;\s*Secure/i); // plain http here
    expect(setCookie).not.toContain(PASSWORD);
    cookie = setCookie.split(";")[0];
    expect((await asAdmin("/admin")).status).toBe(200);
    // Signed in already: the login page goes straight on.
    const again = await get("/login", { cookie });
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe("/admin");
  });

  it("marks the cookie Secure behind an https proxy and honours a local ?next= only", async () => {
    const https = await signIn(ADMIN_EMAIL, { next: `/admin/leads/${lead.id}?lng=en` }, { "x-forwarded-proto": "https" }, "/login?lng=en");
    expect(https.status).toBe(303);
    expect(https.headers.get("location")).toBe(`/admin/leads/${lead.id}?lng=en`);
    expect(https.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
    const offsite = await signIn(ADMIN_EMAIL, { next: "//evil.example/admin" });
    expect(offsite.headers.get("location")).toBe("/admin");
  });

  it("refuses a tampered cookie", async () => {
    const [name, value] = cookie.split("=");
    const tampered = `${name}=${value.slice(0, -3)}${value.slice(-3) === "abc" ? "abd" : "abc"}`;
    expect((await get("/admin", { cookie: tampered })).status).toBe(303);
  });

  it("refuses a recruiter's session (403), and accepts Authorization: Bearer $ADMIN_API_TOKEN without a cookie", async () => {
    const recruiter = (await signIn(RECRUITER_EMAIL)).headers.get("set-cookie")!.split(";")[0];
    expect((await get("/admin", { cookie: recruiter })).status).toBe(403);
    const res = await get("/admin", { authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(lead.reference);
    expect((await get("/admin", { authorization: "Bearer wrong-token-wrong-token" })).status).toBe(303);
  });

  it("signs out on POST /admin/logout (and not on GET): the session ends for good", async () => {
    const session = (await signIn(ADMIN_EMAIL)).headers.get("set-cookie")!.split(";")[0];
    const viaGet = await get("/admin/logout", { cookie: session });
    expect(viaGet.status).toBe(303);
    expect(viaGet.headers.get("set-cookie")).toBeNull();
    // The sign-out form carries the session's CSRF token (ADR 021); without it nothing happens.
    expect((await post("/admin/logout", {}, { cookie: session })).status).toBe(403);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await (await get("/admin", { cookie: session })).text())?.[1] ?? "";
    expect(csrf).not.toBe("");
    const res = await post("/admin/logout", { csrf }, { cookie: session });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login");
    expect(res.headers.get("set-cookie")).toMatch(/^pm_staff=;.*Expires=Thu, 01 Jan 1970/i);
    // Revoked in the database: the old cookie, replayed, opens nothing.
    expect((await get("/admin", { cookie: session })).status).toBe(303);
  });
});

describe("admin pages", () => {
  it("/admin shows the unassigned lead, the dead letter's error, open call tasks and the escalation", async () => {
    const res = await asAdmin("/admin");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN"');
    expect(html).toContain("待分配队列");
    expect(html).toContain(lead.reference);
    expect(html).toContain(`href="/admin/leads/${lead.id}"`);
    expect(html).toContain("南京后台测试机械有限公司");
    expect(html).toContain("高淳经济开发区");
    expect(html).toContain("550 5.1.1 &lt;li@example.cn&gt;: mailbox unavailable");
    expect(html).toContain("李招商 (r-li)");
    expect(html).toMatch(/<caption>没有可分配招商专员的需求/);
    expect(html).toMatch(/<th scope="col">需求编号<\/th>/);
    expect(html).toMatch(/data-testid="count-unassigned">1</);
    expect(html).toMatch(/data-testid="count-dead">1</);
    expect(html).toMatch(/data-testid="count-calls">1</);
    expect(html).toMatch(/data-testid="count-escalated">1</);
    expect(html).toContain("溧水产业园");
    expect(html).not.toContain("13812345678");
  });

  it("/admin lists background work that is being retried or is long overdue, with its error, and not fresh work", async () => {
    const html = await (await asAdmin("/admin")).text();
    expect(html).toMatch(/data-testid="count-stuck">2</);
    expect(html).toContain("后台任务：重试中或积压");
    expect(html).toContain("Meilisearch task 12 failed: Could not parse latitude");
    // Each kind of work in words (ADR 090's codes-in-words), not its topic code.
    expect(html).toMatch(/<th scope="row"[^>]*>空间索引<\/th>/);
    expect(html).toMatch(/<th scope="row"[^>]*>接单时限检查<\/th>/);
    expect(html).not.toMatch(/<th scope="row"[^>]*>线索匹配<\/th>/); // due a moment ago, never failed: not stuck
    expect(html).not.toMatch(/<th scope="row"[^>]*>[a-z]+\.[a-z.]+<\/th>/);
  });

  it("/admin/leads/<id> shows the audit trail: every recruiter considered and why, matches and assignments", async () => {
    const res = await asAdmin(`/admin/leads/${lead.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(lead.reference);
    expect(html).toContain("路由审计记录");
    expect(html).toContain("王招商 (r-wang) — 不可分配：已停用");
    expect(html).toContain("李招商 (r-li) — 不可分配：待办已满（1/1）");
    expect(html).toContain("nobody-eligible");
    expect(html).toContain("本园区 2 名招商专员均不可分配，转入待分配队列");
    expect(html).toContain("高淳1号标准厂房");
    expect(html).toContain("面积合适");
    expect(html).toContain("已升级");
    // The phone masked, the contact's name and full number nowhere (not even in the page's data).
    expect(html).toContain("+86 138****5678");
    expect(html).not.toContain("13812345678");
    expect(html).not.toContain("王经理");
  });

  it("/admin/leads/<unknown> is a 404", async () => {
    expect((await asAdmin("/admin/leads/00000000-0000-0000-0000-000000000000")).status).toBe(404);
    expect((await asAdmin("/admin/leads/not-a-uuid")).status).toBe(404);
  });

  it("/admin/outbox lists the development mail and /admin/outbox/<file> shows it raw, escaped", async () => {
    const list = await asAdmin("/admin/outbox");
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain(MAIL_SUBJECT);
    expect(listHtml).toContain("li@example.cn");
    expect(listHtml).toContain(`href="/admin/outbox/${encodeURIComponent(MAIL_FILE)}"`);
    expect(listHtml).toContain(outboxDir);

    const one = await asAdmin(`/admin/outbox/${encodeURIComponent(MAIL_FILE)}`);
    expect(one.status).toBe(200);
    const html = await one.text();
    expect(html).toContain(MAIL_SUBJECT);
    expect(html).toContain("请尽快联系企业。");
    expect(html).toMatch(/<pre[^>]*>[^]*Message-ID: &lt;assignment-7f3c@parkmatch&gt;/);
    expect(html).toContain("&lt;script&gt;alert(");
    expect(html).not.toContain('<script>alert("x")');

    // A mail as the mailer writes it (base64 bodies, an encoded subject): read decoded, its HTML as text (trial 12-05 L16).
    const composed = composeMail({
      from: "园区招商 <noreply@parkmatch.local>",
      to: "李招商 <li@example.cn>",
      subject: "新需求待接单 PM-解码",
      text: "李招商，您好：请在 14:00 前接单 👍🏻",
      html: '<p>请接单</p><script>alert("y")</script>',
      messageId: "assignment-decoded@parkmatch",
    })!;
    writeFileSync(join(outboxDir, "assignment-decoded@parkmatch.eml"), composed.raw);
    const decoded = await (await asAdmin("/admin/outbox/assignment-decoded%40parkmatch.eml")).text();
    expect(decoded).toContain("<h1>新需求待接单 PM-解码</h1>");
    expect(decoded).toMatch(/<dt>To<\/dt><dd>李招商 &lt;li@example.cn&gt;<\/dd>/);
    expect(decoded).toMatch(/data-testid="mail-text">李招商，您好：请在 14:00 前接单 👍🏻<\/pre>/);
    expect(decoded).toContain("&lt;p&gt;请接单&lt;/p&gt;&lt;script&gt;alert(");
    expect(decoded).not.toContain('<script>alert("y")');
    const en = await (await asAdmin("/admin/outbox/assignment-decoded%40parkmatch.eml?lng=en")).text();
    expect(en).toContain("HTML body (source, not rendered)");
    expect(en).toContain("Raw message (.eml)");
  });

  it("answers 400 for a path-like or malformed outbox file name and 404 for a missing one", async () => {
    for (const bad of ["..%2F..%2F..%2Fetc%2Fpasswd", "..%2Fetc%2Fpasswd.eml", "passwd", "%2Fetc%2Fpasswd.eml", ".hidden.eml"]) {
      const res = await asAdmin(`/admin/outbox/${bad}`);
      expect(res.status, bad).toBe(400);
      const html = await res.text();
      expect(html).toContain("文件名无效");
      expect(html).not.toContain("root:");
    }
    const missing = await asAdmin("/admin/outbox/nothing-here@parkmatch.eml");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("找不到这封邮件");
  });

  it("speaks English at ?lng=en", async () => {
    const dash = await asAdmin("/admin?lng=en");
    const html = await dash.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain("Unassigned queue");
    expect(html).toContain("Dead letters");
    expect(html).toContain(`href="/admin/leads/${lead.id}?lng=en"`);
    const leadHtml = await (await asAdmin(`/admin/leads/${lead.id}?lng=en`)).text();
    expect(leadHtml).toContain("Routing audit trail");
    expect(leadHtml).toContain("王招商 (r-wang) — not eligible: inactive");
    expect(leadHtml).toContain("None of the park&#x27;s 2 recruiter(s) is eligible");
    const login = await (await post("/login?lng=en", { email: ADMIN_EMAIL, password: "wrong-password-xxxx" })).text();
    expect(login).toContain("Email or password is not correct");
    expect(await asAdmin("/admin/outbox?lng=en").then((r) => r.text())).toContain("Development mails");
  });
});
