import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { routedTestLead, storeTestLead } from "../support/routed-lead";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// The staff desks never silently ignore or mis-answer what a request says (a tester's crafted addresses
// and posts): a list filter it cannot use is named on the page, a step on a row that does not exist is a
// 404 of its own (not a 303 to a 404 page, not a 409 said nowhere), and a change form that leaves its
// field out or sends it twice is refused with a message, nothing changed.
const PASSWORD = "staff-said-秘密-2026";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let client: ReturnType<typeof webClient>;
let admin = "";
let recruiter = "";
let hotline = "";
let recruiterAccountId = "";

beforeAll(async () => {
  db = await createTestDatabase("staff_requests_said");
  web = await startWebServer({ DATABASE_URL: db.url });
  client = webClient(web.url);
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const hash = await hashPassword(PASSWORD);
  [{ id: recruiterAccountId }] = await db.sql<{ id: string }[]>`
    insert into users (email, name, role, recruiter_id, password_hash) values
      ('boss@example.test', '主管', 'admin', null, ${hash}),
      ('zhoumin@example.test', '周敏', 'recruiter', 'R1', ${hash}),
      ('desk@example.test', '坐席', 'hotline', null, ${hash})
    returning id`.then((rows) => rows.slice(1, 2));
  admin = await client.signIn("boss@example.test", PASSWORD);
  recruiter = await client.signIn("zhoumin@example.test", PASSWORD);
  hotline = await client.signIn("desk@example.test", PASSWORD);
}, 180_000);
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

/** The text of an input's value attribute as React writes it (& " < > escaped). */
const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

describe("the admin lead list's address", () => {
  it("keeps search words over 100 characters in the box, searches the first 100 and says so; names a bad status and page", async () => {
    const long = `${"苏州精密机械有限公司".repeat(12)}尾巴`; // 122 characters
    const res = await client.get(`/admin/leads?q=${encodeURIComponent(long)}&status=bogus&page=-1`, admin);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`value="${attr(long)}"`);
    expect(html).toContain('data-testid="filters-adjusted"');
    expect(html).toContain("搜索词超过 100 字，只用了前 100 字搜索。");
    expect(html).toContain("状态“bogus”无法识别，已显示全部状态。");
    expect(html).toContain("页码“-1”无法识别（应为 1 到 10000 的整数），已显示第 1 页。");
    const en = await (await client.get(`/admin/leads?lng=en&status=bogus&page=abc&park=NOPE&from=2026-13-01`, admin)).text();
    expect(en).toContain("Status “bogus” is not one we know; all statuses are shown.");
    expect(en).toContain("Page “abc” could not be read");
    expect(en).toContain("There is no park “NOPE”; all parks are shown.");
    expect(en).toContain("The start date “2026-13-01” could not be read");
  });

  // ADR 093: on a phone the filter form is a screen long; the notices come first, under the heading.
  it("shows the notices before the filter form, on the lead list and the inventory lists", async () => {
    for (const path of ["/admin/leads?status=bogus", "/admin/parks?state=gone", "/admin/spaces?kind=castle", "/admin/recruiters?state=x"]) {
      const html = await (await client.get(path, admin)).text();
      const notices = html.indexOf('data-testid="filters-adjusted"');
      expect(notices, path).toBeGreaterThan(html.indexOf("<h1"));
      expect(notices, path).toBeLessThan(html.indexOf('role="search"'));
    }
  });

  it("says when a page past the end was read as the last one, and says nothing for a clean address", async () => {
    const deep = await (await client.get("/admin/leads?page=7", admin)).text();
    expect(deep).toContain("没有第 7 页，已显示最后一页（第 1 页）。");
    const clean = await (await client.get("/admin/leads?status=won&park=GC-EDZ&page=1", admin)).text();
    expect(clean).not.toContain('data-testid="filters-adjusted"');
  });

  it("an address with a hostile value answers 200 with it quoted as text, never a 500", async () => {
    const res = await client.get(`/admin/leads?status=${encodeURIComponent("<script>alert(1)</script>")}&section=%E4%B8%AD`, admin);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("行业门类“中”无法识别");
  });
  it("next-page links carry the search words whole, as the box holds them, so the notice stays true on every page", async () => {
    // 30 leads a long text finds by its first 100 characters: their phones hold its digits 1390 (page size 25).
    for (let i = 0; i < 30; i++) await storeTestLead(db.sql, `翻页测试${i}号机械有限公司`, `1390000${String(i).padStart(4, "0")}`);
    const long = `1390 ${"翻".repeat(120)}`; // 125 characters
    const first = await (await client.get(`/admin/leads?q=${encodeURIComponent(long)}&channel=api`, admin)).text();
    expect(first).toContain("第 1 页，共 30 条");
    const next = [...first.matchAll(/href="([^"]*page=2[^"]*)"/g)].map((m) => new URL(m[1].replace(/&amp;/g, "&"), web.url));
    expect(next.length).toBe(1);
    expect(next[0].searchParams.get("q")).toBe(long);
    expect(next[0].searchParams.get("channel")).toBe("api");
    const exportLink = /data-testid="leads-export"[^>]*href="([^"]*)"|href="([^"]*)"[^>]*data-testid="leads-export"/.exec(first)!;
    expect(new URL((exportLink[1] ?? exportLink[2]).replace(/&amp;/g, "&"), web.url).searchParams.get("q")).toBe(long);
    const second = await (await client.get(`${next[0].pathname}${next[0].search}`, admin)).text();
    expect(second).toContain("第 2 页，共 30 条");
    expect(second).toContain(`value="${attr(long)}"`);
    expect(second).toContain("搜索词超过 100 字，只用了前 100 字搜索。");
  });
});

describe("the inventory lists' addresses", () => {
  it("keep long search words typed and name a state, park, kind, status or stale value they could not use", async () => {
    const long = "高淳经济开发区".repeat(20); // 140 characters
    const parks = await client.get(`/admin/parks?q=${encodeURIComponent(long)}&state=gone`, admin);
    expect(parks.status).toBe(200);
    const html = await parks.text();
    expect(html).toContain(`value="${attr(long)}"`);
    expect(html).toContain("搜索词超过 100 字，只用了前 100 字搜索。");
    expect(html).toContain("“gone”不是可选的范围（在用、已下架、全部），已显示在用的。");
    const spaces = await (await client.get("/admin/spaces?lng=en&park=NOPE&kind=castle&status=sold&stale=yes", admin)).text();
    expect(spaces).toContain("There is no park “NOPE”; all parks are shown.");
    expect(spaces).toContain("Kind “castle” is not one we know; all kinds are shown.");
    expect(spaces).toContain("Status “sold” is not one we know; all statuses are shown.");
    expect(spaces).toContain("“To confirm as still available” had a value we do not know (“yes”)");
    const clean = await (await client.get("/admin/spaces?park=GC-EDZ&kind=factory&status=available&stale=1&state=all", admin)).text();
    expect(clean).not.toContain('data-testid="filters-adjusted"');
    const recruiters = await (await client.get("/admin/recruiters?state=x", admin)).text();
    expect(recruiters).toContain("“x”不是可选的范围");
    // A name that is no filter of the list: named, not ignored without a word (the spaces' park is one).
    const unknown = await (await client.get("/admin/spaces?industry=ZZ&park=GC-EDZ", admin)).text();
    expect(unknown).toContain("地址里的“industry=ZZ”不是这个列表的筛选条件，已忽略。");
    expect(unknown).not.toContain("“park=");
    expect(await (await client.get("/admin/parks?sort=name", admin)).text()).toContain("地址里的“sort=name”不是这个列表的筛选条件");
  });
});

describe("steps on rows that do not exist", () => {
  it("a recruiter's note (or any step) on an assignment that does not exist is a 404 itself, not a 303", async () => {
    const csrf = await client.csrfOf("/queue", recruiter);
    for (const form of <Record<string, string>[]>[
      { intent: "note", body: "这条备注没有去处" },
      { intent: "accept" },
      { intent: "note", body: "" }, // not judged as a form first: there is nothing to write it to
    ]) {
      const res = await client.post(`/queue/assignments/${randomUUID()}`, { csrf, ...form }, recruiter);
      expect(res.status, form.intent).toBe(404);
      const page = await res.text();
      expect(page).toContain("页面不存在");
      // What was not found, said, under the recruiter's own header (their menu and sign-out).
      expect(page).toContain("找不到这条分配，或它已不在您的名下。");
      expect(page).toContain('action="/logout"');
    }
    expect(await db.sql`select 1 from lead_notes`).toHaveLength(0);
    // Opening such a page (an old link) says the same.
    const opened = await client.get(`/queue/assignments/${randomUUID()}`, recruiter);
    expect(opened.status).toBe(404);
    expect(await opened.text()).toContain("找不到这条分配，或它已不在您的名下。");
  });

  it("a hotline outcome on a call task that does not exist is a 404, not 'closed already'", async () => {
    const csrf = await client.csrfOf("/hotline", hotline);
    const res = await client.post("/hotline", { csrf, task: randomUUID(), outcome: "no-answer", note: "" }, hotline);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("找不到这条呼叫任务。");
  });

  it("a dead-letter action on a notice or work that never existed is a 404 with the message on the page", async () => {
    const csrf = await client.csrfOf("/admin/dead-letters", admin);
    const notice = await client.post("/admin/dead-letters", { csrf, noticeId: "987654321", intent: "retry" }, admin);
    expect(notice.status).toBe(404);
    const html = await notice.text();
    expect(html).toContain('data-testid="dead-action-error"');
    expect(html).toContain("找不到这条通知。");
    const work = await client.post("/admin/dead-letters?lng=en", { csrf, workId: "987654321", intent: "retry-work" }, admin);
    expect(work.status).toBe(404);
    expect(await work.text()).toContain("No such work.");
    const madeUp = await client.post("/admin/dead-letters", { csrf, noticeId: "abc", intent: "handled" }, admin);
    expect(madeUp.status).toBe(404);
    expect(await madeUp.text()).toContain("找不到这条通知。");
  });
});

describe("a staff account change that is not what its form sends", () => {
  it("refuses a link change without its recruiterId field (it unlinked the account) and a role sent twice", async () => {
    const path = `/admin/staff/${recruiterAccountId}`;
    const csrf = await client.csrfOf(path, admin);
    const missing = await client.post(path, { csrf, intent: "recruiter" }, admin);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("表单不完整，请刷新页面后重试");
    const body = new URLSearchParams([
      ["csrf", csrf],
      ["intent", "role"],
      ["role", "admin"],
      ["role", "recruiter"],
    ]);
    const twice = await fetch(`${web.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: admin },
      body,
    });
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain("此项只能填一个值，但提交了 2 个");
    const [u] = await db.sql<
      { role: string; recruiterId: string | null }[]
    >`select role, recruiter_id from users where id = ${recruiterAccountId}`;
    expect(u).toEqual({ role: "recruiter", recruiterId: "R1" });
    // The whole form still works: an emptied select unlinks on purpose.
    expect((await client.post(path, { csrf, intent: "recruiter", recruiterId: "" }, admin)).status).toBe(303);
  });
});

describe("every staff form refuses a single-valued field sent twice, in our words", () => {
  // A crafted post with one field twice was refused by Zod in the library's English ("expected string,
  // received array"), joined, or with a bare 400 and no page (the hotline need edit, the office hours,
  // the desk's call task). Every staff form action answers 400 with "此项只能填一个值…" beside the field
  // (formShapeRefusal, ADR 086), in the page's language, and changes nothing.
  let leadId = "";
  let assignmentId = "";
  beforeAll(async () => {
    ({ leadId, assignmentId } = await routedTestLead(db.sql, { company: "两次提交测试厂", phone: "13912345678" }, "S1", "GC-EDZ"));
    // The signed-in recruiter's (the account test above unlinked the account: linked again here).
    await db.sql`update users set recruiter_id = 'R1' where id = ${recruiterAccountId}`;
    await db.sql`update assignments set recruiter_id = 'R1' where id = ${assignmentId}`;
  });

  const FORMS: [who: "admin" | "hotline" | "recruiter", path: () => string, entries: [string, string][]][] = [
    [
      "admin",
      () => "/admin/office-hours",
      [
        ["start", "08:00"],
        ["start", "09:00"],
        ["end", "18:00"],
      ],
    ],
    [
      "admin",
      () => "/admin/office-hours",
      [
        ["intent", "override-add"],
        ["day", "2027-01-04"],
        ["day", "2027-01-05"],
        ["kind", "off"],
        ["name", ""],
      ],
    ],
    [
      "admin",
      () => "/admin/office-hours",
      [
        ["intent", "override-remove"],
        ["day", "2027-01-04"],
        ["day", "2027-01-05"],
      ],
    ],
    [
      "admin",
      () => `/admin/leads/${leadId}`,
      [
        ["intent", "close"],
        ["as", "spam"],
        ["as", "duplicate"],
        ["note", "x"],
        ["duplicateOf", ""],
      ],
    ],
    [
      "admin",
      () => "/admin/staff",
      [
        ["email", "a@example.test"],
        ["email", "b@example.test"],
        ["name", "两个"],
        ["role", "hotline"],
        ["recruiterId", ""],
        ["password", ""],
      ],
    ],
    [
      "hotline",
      () => `/hotline/leads/${leadId}`,
      [
        ["intent", "note"],
        ["body", "一"],
        ["body", "二"],
      ],
    ],
    [
      "hotline",
      () => `/hotline/leads/${leadId}`,
      [
        ["intent", "note"],
        ["intent", "need"],
        ["body", "一"],
      ],
    ],
    [
      "hotline",
      () => `/hotline/leads/${leadId}`,
      [
        ["intent", "need"],
        ["base", ""],
        ["need.kind", "factory"],
        ["need.deal", "lease"],
        ["need.areaUnit", "sqm"],
        ["need.areaMin", "4000"],
        ["need.areaMin", "6000"],
        ["need.areaMax", ""],
        ["need.unitCount", ""],
        ["need.regions", ""],
        ["need.moveInBy", ""],
        ["need.ceilingMinM", ""],
        ["need.floorLoadMinKg", ""],
        ["need.powerMinKva", ""],
        ["need.craneMinT", ""],
        ["need.notes", ""],
        ["use.industry", "C34"],
        ["use.product", "零件"],
        ["note", ""],
      ],
    ],
    [
      "hotline",
      () => "/hotline",
      [
        ["task", randomUUID()],
        ["outcome", "no-answer"],
        ["outcome", "done"],
        ["note", ""],
      ],
    ],
    [
      "recruiter",
      () => `/queue/assignments/${assignmentId}`,
      [
        ["intent", "note"],
        ["body", "一"],
        ["body", "二"],
      ],
    ],
  ];

  it.each(FORMS.map(([who, path, entries]) => [`${who} ${entries.map(([k]) => k).join(",")}`, who, path, entries] as const))(
    "%s: 400, the message beside the field in zh and en, nothing written",
    async (_name, who, path, entries) => {
      const cookie = { admin, hotline, recruiter }[who];
      const csrf = await client.csrfOf(who === "recruiter" ? "/queue" : who === "hotline" ? "/hotline" : "/admin/office-hours", cookie);
      const before = await db.sql`select (select count(*) from lead_notes) as notes, (select count(*) from users) as users,
        (select count(*) from calendar_overrides) as days, (select row_to_json(o) from office_hours o) as hours,
        (select status from leads where id = ${leadId}) as lead`;
      for (const lng of ["zh", "en"] as const) {
        const res = await fetch(`${web.url}${path()}${lng === "en" ? "?lng=en" : ""}`, {
          method: "POST",
          redirect: "manual",
          headers: { "content-type": "application/x-www-form-urlencoded", cookie },
          body: new URLSearchParams([["csrf", csrf], ...entries]),
        });
        const html = await res.text();
        expect(res.status, html.slice(-3000)).toBe(400);
        // Said above the form (the repeated field may be a hidden one: the step's intent, the task's outcome) …
        expect(html).toContain(lng === "en" ? "sent with more than one value" : "表单中有一项提交了不止一个值");
        // … and beside the field where the page shows one.
        if (entries.some(([k]) => ["start", "day", "body", "email", "need.areaMin"].includes(k)))
          expect(html).toContain(lng === "en" ? "takes one value" : "此项只能填一个值，但提交了 2 个");
        expect(html).not.toMatch(/expected string|received array|Invalid input/);
      }
      const after = await db.sql`select (select count(*) from lead_notes) as notes, (select count(*) from users) as users,
        (select count(*) from calendar_overrides) as days, (select row_to_json(o) from office_hours o) as hours,
        (select status from leads where id = ${leadId}) as lead`;
      expect(after).toEqual(before);
    },
  );
});
