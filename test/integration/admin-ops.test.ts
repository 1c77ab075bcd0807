import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { addWorkingMinutes, isWorkdayFor } from "~/domain/routing/working-time";
import { opsLabel } from "~/i18n/admin-ops-messages";
import { importInventory } from "~/inventory/import.server";

import { createSearchClient, waitSucceeded } from "../../search/client";
import { toLeadDocument } from "../../search/lead-document";
import { ensureLeadsIndex, LEADS_INDEX } from "../../search/leads.index";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { followFlash } from "../support/flash";
import { deadAssignmentNotice, matchTestLead, storeTestLead } from "../support/routed-lead";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// The admin's workplace against the real web process, Postgres and Meilisearch (ADR 028): staff
// accounts, the lead list's search, the lead actions, dead letters and office hours — each action
// leaves its audit line with the admin's name.
const PASSWORD = "admin-ops-秘密-2026";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let client: ReturnType<typeof webClient>;
let admin: string;
let adminId: string;

beforeAll(async () => {
  db = await createTestDatabase("admin_ops");
  web = await startWebServer({ DATABASE_URL: db.url, APP_URL: "https://parkmatch.example" });
  client = webClient(web.url);
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  [{ id: adminId }] = await db.sql<{ id: string }[]>`
    insert into users (email, name, role, password_hash) values ('boss@example.test', '主管', 'admin', ${await hashPassword(PASSWORD)}) returning id`;
  admin = await client.signIn("boss@example.test", PASSWORD);
}, 180_000);
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

async function adminPost(path: string, form: Record<string, string>, cookie = admin) {
  const csrf = await client.csrfOf("/admin", cookie);
  return client.post(path, { csrf, ...form }, cookie);
}

const newLead = (company: string, phone = "13812345678") => storeTestLead(db.sql, company, phone);

describe("staff accounts", () => {
  it("creates a recruiter account with a one-time invitation that signs the person in", async () => {
    const res = await adminPost("/admin/staff", {
      email: "New.Rec@Example.test",
      name: "新专员",
      role: "recruiter",
      recruiterId: "R3",
      access: "invite",
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    const link = /data-testid="invite-url">([^<]+)</.exec(html)?.[1];
    expect(link).toMatch(/^https:\/\/parkmatch\.example\/invite\/[A-Za-z0-9_-]{43}$/);
    const path = new URL(link!).pathname;
    const [user] = await db.sql`select role, recruiter_id, password_hash from users where email = 'new.rec@example.test'`;
    expect(user).toMatchObject({ role: "recruiter", recruiterId: "R3", passwordHash: null });

    expect((await client.get(path)).status).toBe(200);
    const short = await client.post(path, { password: "short" });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("密码至少 10 个字符");
    const accepted = await client.post(path, { password: "a-new-password-2026" });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toBe("/queue");
    const cookie = (accepted.headers.get("set-cookie") ?? "").split(";")[0];
    expect((await client.get("/queue", cookie)).status).toBe(200);
    // once only
    expect((await client.get(path)).status).toBe(404);
    expect((await client.post(path, { password: "another-password-2026" })).status).toBe(404);
    const [audit] = await db.sql`select actor, detail from admin_audit where action = 'account-created'`;
    expect(audit).toMatchObject({ actor: "boss@example.test", detail: { email: "new.rec@example.test", by: "invitation" } });
  });

  it("refuses a taken email and a recruiter record another account has, beside the fields", async () => {
    const taken = await adminPost("/admin/staff", { email: "boss@example.test", role: "hotline", access: "invite" });
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain("这个邮箱已有账号");
    const linked = await adminPost("/admin/staff", {
      email: "second@example.test",
      role: "recruiter",
      recruiterId: "R3",
      access: "invite",
    });
    expect(linked.status).toBe(400);
    expect(await linked.text()).toContain("已关联到另一个启用的账号");
    const noPassword = await adminPost("/admin/staff", { email: "third@example.test", role: "hotline", access: "password", password: "" });
    expect(noPassword.status).toBe(400);
    expect((await db.sql`select 1 from users where email in ('second@example.test', 'third@example.test')`).length).toBe(0);
  });

  it("deactivating an account ends its sessions and its sign-in; a new password ends sessions too", async () => {
    const res = await adminPost("/admin/staff", {
      email: "agent@example.test",
      role: "hotline",
      access: "password",
      password: "hotline-pass-2026",
    });
    expect(res.status).toBe(200);
    const [{ id }] = await db.sql<{ id: string }[]>`select id from users where email = 'agent@example.test'`;
    const agent = await client.signIn("agent@example.test", "hotline-pass-2026");
    expect((await client.get("/hotline", agent)).status).toBe(200);

    expect((await adminPost(`/admin/staff/${id}`, { intent: "password", password: "hotline-pass-2027" })).status).toBe(303);
    expect((await client.get("/hotline", agent)).status).toBe(303); // the old cookie no longer works
    const again = await client.signIn("agent@example.test", "hotline-pass-2027");

    const changed = await followFlash(web.url, await adminPost(`/admin/staff/${id}`, { intent: "role", role: "recruiter" }), admin);
    expect(changed).toMatchObject({ location: `/admin/staff/${id}`, role: "status", shownAgain: false });
    expect(changed.text).toContain("角色已修改");
    expect((await client.get("/queue", again)).status).toBe(303); // a new role ends the sessions
    const third = await client.signIn("agent@example.test", "hotline-pass-2027");

    expect((await adminPost(`/admin/staff/${id}`, { intent: "deactivate" })).status).toBe(303);
    expect((await client.get("/queue", third)).status).toBe(303);
    expect((await client.post("/login", { email: "agent@example.test", password: "hotline-pass-2027" })).status).toBe(400);
    const actions = await db.sql<{ action: string }[]>`select action from admin_audit where target = ${`user:${id}`} order by id`;
    expect(actions.map((a) => a.action)).toEqual(["account-created", "password-reset", "role-changed", "deactivated"]);
  });

  it("an admin cannot deactivate themselves (nor the last admin)", async () => {
    const res = await adminPost(`/admin/staff/${adminId}`, { intent: "deactivate" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("不能停用自己的账号");
    expect((await db.sql`select active from users where id = ${adminId}`)[0].active).toBe(true);
  });
});

describe("leads", () => {
  it("finds a landline however its number is typed: with the area code's 0, dashes, spaces, +86 or full-width digits", async () => {
    const lead = await newLead("南京座机查找测试有限公司", "+862584561234");
    for (const typed of ["025-8456", "02584561234", "025 8456 1234", "+86 25 8456 1234", "０２５－８４５６１２３４", "84561234"]) {
      const html = await (await client.get(`/admin/leads?q=${encodeURIComponent(typed)}`, admin)).text();
      expect(html, typed).toContain(lead.reference);
    }
    const other = await (await client.get(`/admin/leads?q=${encodeURIComponent("010-8456 1234")}`, admin)).text();
    expect(other).not.toContain(lead.reference); // another city's number with the same local digits
    const mobile = await newLead("南京手机中段测试有限公司", "13801234567");
    const middle = await (await client.get("/admin/leads?q=0123", admin)).text();
    expect(middle).toContain(mobile.reference); // a middle part beginning with 0 is not read as a trunk 0
  });

  it("finds a lead by its company typed in Traditional characters, by part of its phone, and filters unmatched", async () => {
    const lead = await newLead("南京繁体测试机械有限公司", "13955501234");
    await db.sql`update leads set status = 'unmatched' where id = ${lead.id}`;
    const [row] = await db.sql<{ id: string; reference: string; status: string; source: string; lead: never; createdAt: Date }[]>`
      select id, reference, status, source, lead, created_at from leads where id = ${lead.id}`;
    const search = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
    await ensureLeadsIndex(search, LEADS_INDEX);
    await waitSucceeded(search.index(LEADS_INDEX).addDocuments([toLeadDocument(row)], { primaryKey: "id" }));

    const traditional = await (await client.get(`/admin/leads?q=${encodeURIComponent("繁體測試機械")}`, admin)).text();
    expect(traditional).toContain(lead.reference);
    expect(traditional).not.toContain("搜索服务暂时不可用"); // found by Meilisearch, not the Postgres fallback
    const phone = await (await client.get("/admin/leads?q=5550", admin)).text();
    expect(phone).toContain(lead.reference);
    const other = await (await client.get(`/admin/leads?q=${encodeURIComponent("不存在的公司名称")}`, admin)).text();
    expect(other).not.toContain(lead.reference);
    const unmatched = await (await client.get("/admin/leads?unmatched=1", admin)).text();
    expect(unmatched).toContain(lead.reference);
    const assignedOnly = await (await client.get("/admin/leads?status=assigned", admin)).text();
    expect(assignedOnly).not.toContain(lead.reference);
    // the overview links to the unmatched leads with their count
    expect(await (await client.get("/admin", admin)).text()).toMatch(/href="\/admin\/leads\?unmatched=1"/);
  });

  it("assigns an unmatched lead by hand, with who and why in the routing audit, and a notice and SLA check queued", async () => {
    const lead = await newLead("南京手动分配有限公司");
    await db.sql`update leads set status = 'unmatched' where id = ${lead.id}`;
    const missing = await adminPost(`/admin/leads/${lead.id}`, { intent: "assign", target: "R1|GC-EDZ", why: "" });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("请写明原因");
    const wrongPark = await adminPost(`/admin/leads/${lead.id}`, { intent: "assign", target: "R1|JN-IP", why: "试试" });
    expect(wrongPark.status).toBe(400);

    const res = await adminPost(`/admin/leads/${lead.id}`, { intent: "assign", target: "R1|GC-EDZ", why: "老客户介绍" });
    expect(await followFlash(web.url, res, admin)).toEqual({
      location: `/admin/leads/${lead.id}`,
      role: "status",
      text: "已保存。",
      shownAgain: false,
    });
    const [a] = await db.sql`select id, recruiter_id, status, rule, accept_by from assignments where lead_id = ${lead.id}`;
    expect(a).toMatchObject({ recruiterId: "R1", status: "offered", rule: "manual" });
    expect(a.acceptBy).not.toBeNull();
    const [event] = await db.sql`select event, rule, actor, reason from routing_events where lead_id = ${lead.id} and event = 'assigned'`;
    expect(event).toMatchObject({ rule: "manual", actor: "boss@example.test" });
    expect(event.reason.zh).toContain("老客户介绍");
    expect((await db.sql`select 1 from notifications where assignment_id = ${a.id} and kind = 'assignment'`).length).toBe(1);
    expect((await db.sql`select 1 from outbox where topic = 'assignment.sla' and aggregate_id = ${a.id}`).length).toBe(1);
    expect((await db.sql`select status from leads where id = ${lead.id}`)[0].status).toBe("assigned");
    const page = await (await client.get(`/admin/leads/${lead.id}`, admin)).text();
    expect(page).toContain("boss@example.test");

    // re-route hands it to the park's next eligible recruiter (none: the unassigned queue), audited
    const reroute = await adminPost(`/admin/leads/${lead.id}`, { intent: "reroute", assignmentId: a.id });
    expect(reroute.status).toBe(303);
    const [after] = await db.sql`select status, reroutes from assignments where id = ${a.id}`;
    expect(after).toMatchObject({ status: "unassigned", reroutes: 1 });
    expect((await db.sql`select actor from routing_events where assignment_id = ${a.id} and event = 'admin-reroute'`)[0].actor).toBe(
      "boss@example.test",
    );
  });

  it("closes a duplicate with a link to the lead it repeats, and its open work ends", async () => {
    const original = await newLead("南京重复原始有限公司");
    const copy = await newLead("南京重复原始有限公司");
    await db.sql`insert into call_tasks (kind, lead_id, phone, script, dedupe_key) values ('callback', ${copy.id}, '+8613812345678', '回访', ${`callback:${copy.id}`})`;
    const unknown = await adminPost(`/admin/leads/${copy.id}`, {
      intent: "close",
      as: "duplicate",
      duplicateOf: "PM-20000101-0001",
      note: "同一企业",
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("找不到这个编号的线索");
    const res = await adminPost(`/admin/leads/${copy.id}`, {
      intent: "close",
      as: "duplicate",
      // As an admin types it from a call (trial 38): "pm 20261206 0001" is PM-20261206-0001.
      duplicateOf: original.reference.toLowerCase().replace(/-/g, " "),
      note: "同一企业重复提交",
    });
    expect(res.status).toBe(303);
    const [row] = await db.sql`select status, closed_as, duplicate_of, closed_note from leads where id = ${copy.id}`;
    expect(row).toMatchObject({ status: "closed", closedAs: "duplicate", duplicateOf: original.id, closedNote: "同一企业重复提交" });
    expect((await db.sql`select status from call_tasks where lead_id = ${copy.id}`)[0].status).toBe("done");
    const page = await (await client.get(`/admin/leads/${copy.id}`, admin)).text();
    expect(page).toContain(`href="/admin/leads/${original.id}"`);
    // The actions section of an ended lead says so instead of standing empty under its heading.
    expect(page).toContain("这条线索已结束（已关闭），没有可做的操作。");
    expect((await db.sql`select actor from routing_events where lead_id = ${copy.id} and event = 'closed'`)[0].actor).toBe(
      "boss@example.test",
    );
  });

  it("over 10,000 leads the list says 'more than 10,000' (zh and en), asks to narrow the filters, and pages stop at 400", async () => {
    // 10,001 old leads (2020, behind every other test's leads), removed again at the end.
    await db.sql`
      insert into leads (reference, status, source, lead, raw, phone, company_name, industry, consent_method, created_at, updated_at)
      select 'PM-20200101-' || lpad(i::text, 6, '0'), 'lost', 'web', '{}'::jsonb, '{}'::jsonb, '+8613900000000', '南京旧线索' || i || '有限公司', 'C35',
             'unrecorded', timestamptz '2020-01-01 00:00+08' + make_interval(secs => i), timestamptz '2020-01-01 00:00+08'
      from generate_series(1, 10001) i`;
    try {
      const zh = await (await client.get("/admin/leads", admin)).text();
      expect(zh).toContain("第 1 页，超过 10,000 条");
      expect(zh).toContain("符合条件的线索超过 10,000 条，只能翻看最新的 400 页。请缩小筛选范围");
      expect(zh).toMatch(/1(<!-- -->)? \/ (<!-- -->)?400/);
      const en = await (await client.get("/admin/leads?lng=en", admin)).text();
      expect(en).toContain("page 1, more than 10,000 in all");
      expect(en).toContain("More than 10,000 leads match; only the newest 400 pages can be paged through. Narrow the filters");
      // A deeper page is read as the last one (page 400: the 9,976th–10,000th newest).
      const deep = await (await client.get("/admin/leads?page=401", admin)).text();
      expect(deep).toMatch(/400(<!-- -->)? \/ (<!-- -->)?400/);
      // Narrowed below the cap (a reference prefix finds at most 1,000), the total is exact again and the note is gone.
      const narrowed = await (await client.get("/admin/leads?q=PM-2020010", admin)).text();
      expect(narrowed).toContain("第 1 页，共 1,000 条");
      expect(narrowed).not.toContain('data-testid="leads-too-many"');
    } finally {
      await db.sql`delete from leads where created_at < '2021-01-01'`;
    }
  });
});

describe("lead export", () => {
  /** The workbook at `path`, read back with exceljs: each sheet's rows as arrays of cell text. */
  async function workbook(path: string): Promise<Record<string, string[][]>> {
    const res = await client.get(path, admin);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toContain(encodeURIComponent("线索导出"));
    expect(res.headers.get("content-disposition")).toMatch(/filename="leads-\d{8}\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const out: Record<string, string[][]> = {};
    wb.eachSheet((ws) => {
      const rows: string[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
      out[ws.name] = rows;
    });
    return out;
  }

  it("exports the filtered leads (not one page) to .xlsx with Chinese headers and a sheet naming the filters", async () => {
    const unmatched = await newLead("南京导出未匹配有限公司");
    await db.sql`update leads set status = 'unmatched' where id = ${unmatched.id}`;
    const assigned = await newLead("南京导出已分配有限公司");
    await matchTestLead(db.sql, assigned.id, "GC-EDZ");
    await db.sql.begin((tx) => routeLead(tx, assigned.id, { slaMinutes: 120, noticeFallbackMs: 90_000 }));

    // the list links to the export with the same filters
    const list = await (await client.get("/admin/leads?unmatched=1&channel=api", admin)).text();
    expect(list).toMatch(
      /data-testid="leads-export"[^>]*href="\/admin\/leads\/export\?channel=api&amp;unmatched=1"|href="\/admin\/leads\/export\?channel=api&amp;unmatched=1"[^>]*data-testid="leads-export"/,
    );

    const only = await workbook("/admin/leads/export?unmatched=1&channel=api");
    expect(Object.keys(only)).toEqual(["线索", "筛选条件"]);
    const [header, ...rows] = only["线索"];
    expect(header).toEqual([
      "编号",
      "企业名称",
      "产品",
      "行业",
      "需求类型",
      "最小面积（平方米）",
      "最大面积（平方米）",
      "几栋/几处（多处时面积为合计）",
      "意向区域",
      "状态",
      "来源",
      "分配园区",
      "招商专员",
      "提交时间（北京时间）",
      "接单截止（北京时间）",
      "是否超时",
    ]);
    const refs = rows.map((r) => r[0]);
    expect(refs).toContain(unmatched.reference);
    expect(refs).not.toContain(assigned.reference);
    const total = (await db.sql<{ n: number }[]>`select count(*)::int as n from leads where status = 'unmatched' and source = 'api'`)[0].n;
    expect(rows.length).toBe(total);
    const mine = rows.find((r) => r[0] === unmatched.reference)!;
    expect(mine[1]).toBe("南京导出未匹配有限公司");
    expect(mine[9]).toBe("未匹配");
    expect(mine[10]).toBe("接口");
    expect(mine[13]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const filters = Object.fromEntries(only["筛选条件"].slice(1));
    expect(filters).toMatchObject({ 来源: "接口", 仅未匹配: "是", 导出条数: String(total) });

    const [{ status }] = await db.sql<{ status: string }[]>`select status from leads where id = ${assigned.id}`;
    const byStatus = await workbook(`/admin/leads/export?status=${status}&park=GC-EDZ`);
    const row = byStatus["线索"].find((r) => r[0] === assigned.reference)!;
    expect(row).toBeDefined();
    expect(row[9]).toBe(opsLabel("zh", "status", status));
    expect(row[11]).toContain("高淳");
    expect(row[12]).not.toBe("");
    expect(byStatus["线索"].map((r) => r[0])).not.toContain(unmatched.reference);
    expect(Object.fromEntries(byStatus["筛选条件"].slice(1))["状态"]).toBe(opsLabel("zh", "status", status));
    expect(byStatus["线索"].slice(1).every((r) => r[9] === opsLabel("zh", "status", status))).toBe(true);

    // every lead, more than one list page, and a reference search (Postgres prefix) narrows to one
    const all = await workbook("/admin/leads/export");
    expect(all["线索"].length - 1).toBe((await db.sql<{ n: number }[]>`select count(*)::int as n from leads`)[0].n);
    expect(Object.fromEntries(all["筛选条件"].slice(1))["条件"]).toBe("（无，全部线索）");
    const one = await workbook(`/admin/leads/export?q=${unmatched.reference}`);
    expect(one["线索"].slice(1).map((r) => r[0])).toEqual([unmatched.reference]);

    // English headers on request; refused to anyone but an admin
    const enRes = await client.get("/admin/leads/export?unmatched=1&lng=en", admin);
    expect(enRes.headers.get("content-disposition")).toContain("leads-");
    const enBook = new ExcelJS.Workbook();
    await enBook.xlsx.load(await enRes.arrayBuffer());
    expect(enBook.getWorksheet("Leads")!.getRow(1).getCell(2).value).toBe("Company");
    expect((await client.get("/admin/leads/export")).status).not.toBe(200);
  });
});

describe("dead letters", () => {
  it("the page is titled for both of its lists (failed notices and background work no longer retried, ADR 077), as its menu entry", async () => {
    const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
    const h1 = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1];
    const navEntry = (html: string) => /<a[^>]*href="\/admin\/dead-letters(?:\?lng=en)?"[^>]*>([^<]*)<\/a>/.exec(html)?.[1];
    const zh = await (await client.get("/admin/dead-letters", admin)).text();
    expect(h1(zh)).toBe("失败的通知和后台任务");
    expect(title(zh)).toBe("失败的通知和后台任务");
    expect(zh).toContain('<h2 id="dead-h">发送失败的通知</h2>'); // the notices' list keeps its own words
    expect(zh).toContain('<h2 id="dead-work-h">不再自动重试的后台任务</h2>');
    expect(navEntry(zh)).toBe("失败处理");
    const en = await (await client.get("/admin/dead-letters?lng=en", admin)).text();
    expect(h1(en)).toBe("Failed notices and background work");
    expect(title(en)).toBe("Failed notices and background work");
    expect(en).toContain('<h2 id="dead-h">Failed notices</h2>'); // "notice" throughout the page, as its title and intro
    expect(navEntry(en)).toBe("Failures");
    // The overview's count of both lists links to the page under the same words.
    const overview = await (await client.get("/admin", admin)).text();
    expect(overview).toMatch(/<a[^>]*href="\/admin\/dead-letters"[^>]*>待处理的失败<\/a><\/dt><dd data-testid="count-dead">/);
  });

  it("retries with the error shown, sends through the hotline instead, or marks handled — each audited", async () => {
    const lead = await newLead("南京死信测试有限公司");
    await matchTestLead(db.sql, lead.id, "GC-EDZ");
    await db.sql.begin((tx) => routeLead(tx, lead.id, { slaMinutes: 120, noticeFallbackMs: 90_000 }));
    const n = { id: await deadAssignmentNotice(db.sql, lead.id, "550 5.1.1 mailbox unavailable") };

    const page = await (await client.get("/admin/dead-letters", admin)).text();
    expect(page).toContain("550 5.1.1 mailbox unavailable");
    const retried = await followFlash(web.url, await adminPost("/admin/dead-letters", { noticeId: n.id, intent: "retry" }), admin);
    expect(retried).toMatchObject({ location: "/admin/dead-letters", role: "status", shownAgain: false });
    expect(retried.text).toContain("已重新发送");
    expect((await db.sql`select status from notifications where id = ${n.id}`)[0].status).toBe("pending");
    // Pressed again (a double press, another tab, the back button): not an error, and nothing changes —
    // the page says plainly that it was already sent again and is no longer waiting.
    const again = await followFlash(web.url, await adminPost("/admin/dead-letters", { noticeId: n.id, intent: "retry" }), admin);
    expect(again).toMatchObject({ location: "/admin/dead-letters", role: "status", text: "这条通知已经重发过了，不再等待处理。" });
    const handledAfter = await followFlash(
      web.url,
      await adminPost("/admin/dead-letters?lng=en", { noticeId: n.id, intent: "handled" }),
      admin,
    );
    expect(handledAfter).toMatchObject({ role: "status", text: "This notice was already sent again; it is no longer waiting." });
    expect((await db.sql`select status from notifications where id = ${n.id}`)[0].status).toBe("pending");
    const unknown = await adminPost("/admin/dead-letters", { noticeId: "999999999", intent: "retry" });
    expect(unknown.status).toBe(404); // no such notice at all: said above the lists, there is no row form for it (ADR 086)
    expect(await unknown.text()).toContain("找不到这条通知。");

    await db.sql`update notifications set status = 'dead' where id = ${n.id}`;
    expect((await adminPost("/admin/dead-letters", { noticeId: n.id, intent: "hotline" })).status).toBe(303);
    expect((await db.sql`select status, handled_by from notifications where id = ${n.id}`)[0]).toMatchObject({
      status: "handled",
      handledBy: "boss@example.test",
    });
    const [task] = await db.sql`select kind, recruiter_id, script from call_tasks where dedupe_key = ${`dead-letter-hotline:${n.id}`}`;
    expect(task).toMatchObject({ kind: "handover", recruiterId: "R1" });

    const afterHotline = await followFlash(web.url, await adminPost("/admin/dead-letters", { noticeId: n.id, intent: "retry" }), admin);
    expect(afterHotline).toMatchObject({ role: "status", text: "这条通知已经处理过了（已标记处理或改由热线转告），不再等待处理。" });

    await db.sql`update notifications set status = 'dead' where id = ${n.id}`;
    expect((await adminPost("/admin/dead-letters", { noticeId: n.id, intent: "handled", note: "专员已电话确认" })).status).toBe(303);
    const audit = await db.sql<
      { action: string; actor: string }[]
    >`select action, actor from admin_audit where target = ${`notification:${n.id}`} order by id`;
    expect(audit.map((a) => a.action)).toEqual(["dead-letter-retry", "dead-letter-hotline", "dead-letter-handled"]);
    expect(audit.every((a) => a.actor === "boss@example.test")).toBe(true);
  });
});

describe("dead background work (an outbox row that ended: docs/decisions/077)", () => {
  it("is listed beside the dead letters with its reason, in either language, and the admin's retry queues it again, audited", async () => {
    const lead = await newLead("南京后台死信测试有限公司");
    const [{ id: missing }] = await db.sql<{ id: string }[]>`
      insert into outbox (topic, aggregate_id, relayed_at, dead_at, dead_reason, last_error, attempts)
      values ('lead.match', '00000000-0000-4000-8000-0000000000aa', now(), now(), 'lead-missing',
              'lead 00000000-0000-4000-8000-0000000000aa does not exist', 1) returning id::text`;
    const [{ id: struck }] = await db.sql<{ id: string }[]>`
      insert into outbox (topic, aggregate_id, relayed_at, dead_at, dead_reason, last_error, attempts, strikes)
      values ('lead.match', ${lead.id}, now(), now(), 'strikes', 'injected: cannot read this lead', 150, 5) returning id::text`;

    const page = await (await client.get("/admin/dead-letters", admin)).text();
    expect(page).toContain("不再自动重试的后台任务");
    expect(page).toContain(`data-dead-work="${missing}"`);
    expect(page).toContain("线索不存在，重试也不会成功");
    expect(page).toContain("系统其他部分正常时仍反复失败");
    expect(page).toContain(lead.reference); // the lead it is about, linked
    expect(page).toContain("injected: cannot read this lead");
    const en = await (await client.get("/admin/dead-letters?lng=en", admin)).text();
    expect(en).toContain("The lead does not exist; retrying cannot help");
    // The overview counts them with the dead letters.
    const overview = await (await client.get("/admin", admin)).text();
    const dead = Number(/data-testid="count-dead">(\d+)</.exec(overview)?.[1]);
    expect(dead).toBeGreaterThanOrEqual(2);

    const retried = await followFlash(
      web.url,
      await adminPost("/admin/dead-letters", { workId: struck, intent: "retry-work", note: "数据已修正" }),
      admin,
    );
    expect(retried).toMatchObject({ location: "/admin/dead-letters", role: "status", shownAgain: false });
    expect(retried.text).toContain("已重新排队");
    const [row] = await db.sql`select dead_at, strikes, relayed_at, attempts, job_key from outbox where id = ${struck}`;
    expect(row).toMatchObject({ deadAt: null, strikes: 0, relayedAt: null, attempts: 150 });
    // Retry pressed again (the row is gone from the list): a plain notice that it was already queued again, no error.
    const again = await followFlash(web.url, await adminPost("/admin/dead-letters", { workId: struck, intent: "retry-work" }), admin);
    expect(again).toMatchObject({ location: "/admin/dead-letters", role: "status", text: "这项任务已经重新排队过了，不再等待处理。" });
    const againEn = await followFlash(
      web.url,
      await adminPost("/admin/dead-letters?lng=en", { workId: struck, intent: "retry-work" }),
      admin,
    );
    expect(againEn).toMatchObject({
      location: "/admin/dead-letters?lng=en",
      role: "status",
      text: "This work was already queued again; it is no longer waiting.",
    });
    const [still] = await db.sql`select job_key from outbox where id = ${struck}`;
    expect(still.jobKey).toBe(row.jobKey); // the second press changed nothing
    expect((await adminPost("/admin/dead-letters", { workId: "999999999", intent: "retry-work" })).status).toBe(404); // no such row at all (ADR 086)
    const [audit] = await db.sql`select action, actor, detail from admin_audit where target = ${`outbox:${struck}`}`;
    expect(audit).toMatchObject({
      action: "dead-work-retry",
      actor: "boss@example.test",
      detail: { note: "数据已修正", reason: "strikes" },
    });
    await db.sql`update outbox set done_at = now() where id = any(${[missing, struck]}::bigint[])`;
  });
});

describe("office hours and the SLA on working time", () => {
  it("the admin sets office hours (bad times refused beside the field), and offers get deadlines on them", async () => {
    const bad = await adminPost("/admin/office-hours", { start: "25:00", end: "17:30" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("请按 时:分 填写");
    const backwards = await adminPost("/admin/office-hours", { start: "18:00", end: "09:00" });
    expect(backwards.status).toBe(400);
    // the outcome comes back as a flash message, shown once; the address carries no ?done= (ADR 025)
    const saved = await followFlash(web.url, await adminPost("/admin/office-hours", { start: "08:30", end: "17:30" }), admin);
    expect(saved).toEqual({ location: "/admin/office-hours", role: "status", text: "已保存。", shownAgain: false });
    // The worked example is of the coming Friday, not a date already past.
    const page = await (await client.get("/admin/office-hours", admin)).text();
    const due = /需在 (\d{4}-\d{2}-\d{2})/.exec(page)?.[1];
    expect(due).toBeTruthy();
    expect(due! >= new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)).toBe(true);
    expect((await db.sql`select start_minute, end_minute, updated_by from office_hours`)[0]).toMatchObject({
      startMinute: 510,
      endMinute: 1050,
      updatedBy: "boss@example.test",
    });

    const lead = await newLead("南京工作时间测试有限公司");
    await matchTestLead(db.sql, lead.id, "GC-EDZ");
    const now = await db.sql.begin(async (tx) => {
      const [{ now }] = await tx<{ now: Date }[]>`select now() as now`;
      await routeLead(tx, lead.id, { slaMinutes: 120, noticeFallbackMs: 90_000, slaClock: "office-hours" });
      return now;
    });
    const [a] = await db.sql<{ id: string; acceptBy: Date }[]>`select id, accept_by from assignments where lead_id = ${lead.id}`;
    expect(a.acceptBy.toISOString()).toBe(addWorkingMinutes(now, 120, { startMinute: 510, endMinute: 1050 }).toISOString());
    const [sla] = await db.sql<
      { notBefore: Date }[]
    >`select not_before from outbox where topic = 'assignment.sla' and aggregate_id = ${a.id}`;
    expect(sla.notBefore.toISOString()).toBe(a.acceptBy.toISOString());
  });
});

describe("the SLA on the recruiter's own calendar", () => {
  it("an offer to a recruiter with working hours of their own is due on their hours, not the office's", async () => {
    // Evening hours every day: a deadline on them is never one on the office's hours (they do not overlap).
    const own = { days: [1, 2, 3, 4, 5, 6, 7], start: "19:00", end: "23:00" };
    await db.sql`update recruiters set working_hours = ${db.sql.json(own)} where id = 'R1'`;
    try {
      const lead = await newLead("南京专员日历测试有限公司", "13955507777");
      await matchTestLead(db.sql, lead.id, "GC-EDZ");
      const now = await db.sql.begin(async (tx) => {
        const [{ now }] = await tx<{ now: Date }[]>`select now() as now`;
        await routeLead(tx, lead.id, { slaMinutes: 120, noticeFallbackMs: 90_000, slaClock: "office-hours" });
        return now;
      });
      const [a] = await db.sql<
        { recruiterId: string; acceptBy: Date }[]
      >`select recruiter_id, accept_by from assignments where lead_id = ${lead.id}`;
      expect(a.recruiterId).toBe("R1");
      const theirs = addWorkingMinutes(now, 120, { startMinute: 19 * 60, endMinute: 23 * 60 }, (d) => isWorkdayFor(d, own.days));
      expect(a.acceptBy.toISOString()).toBe(theirs.toISOString());
      // and not the office's (08:30–17:30 from the test above)
      expect(a.acceptBy.toISOString()).not.toBe(addWorkingMinutes(now, 120, { startMinute: 510, endMinute: 1050 }).toISOString());
    } finally {
      await db.sql`update recruiters set working_hours = null where id = 'R1'`;
    }
  });
});

describe("dashboard", () => {
  it("draws every figure with ECharts as server-side SVG, with a table and a CSV export; the funnel counts leads per stage", async () => {
    // Leads of this file so far: some assigned, one closed; give one assignment the whole path.
    const [a] = await db.sql<
      { id: string; leadId: string }[]
    >`select id, lead_id from assignments where recruiter_id = 'R1' order by created_at limit 1`;
    for (const [event, minutes] of [
      ["accepted", 2],
      ["contacted", 4],
      ["visit", 60],
    ] as const) {
      await db.sql`insert into routing_events (assignment_id, lead_id, event, recruiter_id, at)
                   values (${a.id}, ${a.leadId}, ${event}, 'R1',
                           (select min(at) from routing_events where assignment_id = ${a.id} and event in ('assigned', 'rerouted')) + make_interval(mins => ${minutes}))`;
    }
    // A lead closed as a duplicate of another is on no stage (ADR 143): the first lead counts once.
    const [{ received, duplicates }] = await db.sql<{ received: number; duplicates: number }[]>`
      select count(*) filter (where closed_as is distinct from 'duplicate')::int as received,
             count(*) filter (where closed_as = 'duplicate')::int as duplicates from leads`;
    expect(duplicates).toBeGreaterThan(0);
    const res = await client.get("/admin/dashboard", admin);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const figure of ["perDay", "funnel", "firstContact", "perRecruiter", "load", "unmet", "queues"])
      expect(html).toContain(`data-figure="${figure}"`);
    expect((html.match(/<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/g) ?? []).length).toBeGreaterThanOrEqual(5);
    expect(html).toContain("5 分钟"); // the marks on time to first contact
    const funnel = /data-figure="funnel"[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
    const cells = [...funnel.matchAll(/<tr><th scope="row"[^>]*>([^<]+)<\/th><td class="num"[^>]*>(\d+)<\/td>/g)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    expect(cells[0]).toEqual(["收到", received]);
    expect(cells.find((c) => c[0] === "已联系")?.[1]).toBe(1);
    expect(cells.find((c) => c[0] === "已签约")?.[1]).toBe(0);

    const csv = await client.get("/admin/dashboard/export?figure=funnel", admin);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
    const text = bytes.toString("utf8");
    expect(text).toContain(`"收到","${received}"`);
    // Without a figure, or an unknown one: 400 saying which figures there are, in the admin's language.
    for (const [q, said] of [
      ["", "请指明要导出的图表"],
      ["?figure=bogus", "funnel（转化漏斗）"],
      ["?lng=en", "Say which figure to export"],
      ["?figure=bogus&lng=en", "funnel (Funnel)"],
    ]) {
      const bad = await client.get(`/admin/dashboard/export${q}`, admin);
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain(said);
    }
  });

  it("says when it changed the range asked for: a range past today ends today, a date it cannot read gives the default", async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const future = await (await client.get(`/admin/dashboard?from=${today}&to=2999-12-31`, admin)).text();
    expect(future).toContain(`日期范围已调整为 ${today} 至 ${today}`); // not a year from 2999, with no lead in it
    const wide = await (await client.get(`/admin/dashboard?from=1900-01-01&to=${today}&lng=en`, admin)).text();
    expect(wide).toContain("The range was adjusted to");
    const bad = await (await client.get("/admin/dashboard?from=abc", admin)).text();
    expect(bad).toContain("有日期无法识别，已改用默认范围");
    const asked = await (await client.get(`/admin/dashboard?from=${today}&to=${today}`, admin)).text();
    expect(asked).not.toContain('role="status"'); // as asked: nothing to say
  });
});
