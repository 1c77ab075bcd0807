import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { closeLead } from "~/admin/lead-actions.server";
import { routeLead } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";
import { editFormShape } from "~/inventory/inventory-edit.server";
import { createShortlist } from "~/recruiter-desk/shortlists.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { matchTestLead, storeTestLead, TEST_ROUTING } from "../support/routed-lead";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// The staff desks' attack (session 27, ADR 107) against the real web process: a sign-in ends the
// session the browser brought along, weak passwords and ids in another case are refused at their
// field in both languages, and an admin's closing reaches the recruiter's pages and the enterprise's link.

const PASSWORD = "desks-网页-2026-秘密";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let client: ReturnType<typeof webClient>;
let admin: string;

beforeAll(async () => {
  db = await createTestDatabase("desks_web");
  web = await startWebServer({ DATABASE_URL: db.url });
  client = webClient(web.url);
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const hash = await hashPassword(PASSWORD);
  for (const [email, role, recruiterId] of [
    ["zhengjie@example.test", "recruiter", "R3"],
    ["hot@example.test", "hotline", null],
    ["adm@example.test", "admin", null],
  ])
    await db.sql`insert into users (email, role, recruiter_id, password_hash) values (${email}, ${role}, ${recruiterId}, ${hash})`;
  admin = await client.signIn("adm@example.test", PASSWORD);
}, 180_000);
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

async function adminPost(path: string, form: Record<string, string>) {
  const csrf = await client.csrfOf("/admin", admin);
  return client.post(path, { csrf, ...form }, admin);
}

describe("signing in ends the session the browser brought along (finding 6)", () => {
  it.each([
    ["another person", "hot@example.test", "/hotline"],
    ["the same person again", "zhengjie@example.test", "/queue"],
  ])("as %s: the earlier cookie no longer works, the new one does", async (_who, email, desk) => {
    const earlier = await client.signIn("zhengjie@example.test", PASSWORD);
    expect((await client.get("/queue", earlier)).status).toBe(200);
    const res = await client.post("/login", { email, password: PASSWORD }, earlier);
    expect(res.status).toBe(303);
    const now = (res.headers.get("set-cookie") ?? "").split(";")[0];
    expect(now).toMatch(/^pm_staff=/);
    expect(now).not.toBe(earlier);
    expect((await client.get("/queue", earlier)).status).toBe(303); // to /login: ended in the database
    expect((await client.get(desk, now)).status).toBe(200);
  });

  it("a wrong password leaves the earlier session as it was", async () => {
    const earlier = await client.signIn("zhengjie@example.test", PASSWORD);
    const res = await client.post("/login", { email: "hot@example.test", password: "wrong-password-1" }, earlier);
    // Refused (the page, re-rendered for a signed-in person, sends them back to their desk): no new session.
    expect(res.headers.get("set-cookie") ?? "").not.toMatch(/pm_staff=[^;]/);
    expect((await client.get("/queue", earlier)).status).toBe(200);
  });
});

describe("field-level refusals on the admin's forms (findings 1, 3)", () => {
  it.each([
    ["", "1234567890", "这个密码太容易被猜到：是常见密码或常用词。"],
    ["?lng=en", "new.agent@example.test", "This password is too easy to guess: it contains the person's own email"],
    ["", "          ", "这个密码太容易被猜到：由重复的字符组成。"],
  ])("a new account with a weak password%s: 400 beside the password, nothing made", async (q, password, said) => {
    const res = await adminPost(`/admin/staff${q}`, { email: "new.agent@example.test", role: "hotline", access: "password", password });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(said);
    expect(html).toMatch(/id="[^"]*password-error"/);
    expect(html).toContain('value="new.agent@example.test"'); // what was typed is kept (never the password)
    expect(await db.sql`select 1 from users where email = 'new.agent@example.test'`).toHaveLength(0);
  });

  it("a password reset to a weak one is refused beside the field; a strong one goes through", async () => {
    const [{ id }] = await db.sql<{ id: string }[]>`select id from users where email = 'hot@example.test'`;
    const weak = await adminPost(`/admin/staff/${id}`, { intent: "password", password: "hot@example.test" });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain("含有本人的邮箱、姓名或本系统的名字");
    expect((await adminPost(`/admin/staff/${id}`, { intent: "password", password: "七棵树-早班-蓝色厂房" })).status).toBe(303);
  });

  it("a new park whose id is a stored one in another case: 400 at the id, in the page's language", async () => {
    const csrf = await client.csrfOf("/admin/parks/new", admin);
    const page = await (await client.get("/admin/parks/GC-EDZ", admin)).text();
    expect(page).toContain("GC-EDZ");
    const blank = Object.fromEntries(editFormShape("parks").fields.map((k) => [k, ""]));
    const form = { ...blank, csrf, intent: "save", id: "gc-edz", name: "小写园区", province: "江苏省", city: "南京市", district: "高淳区" };
    const res = await client.post("/admin/parks/new?lng=en", form, admin);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("id gc-edz differs from the existing GC-EDZ only in case");
    expect(await db.sql`select 1 from parks where id = 'gc-edz'`).toHaveLength(0);
  });
});

describe("an admin's spam close, as the recruiter and the enterprise see it (finding 4)", () => {
  it("the queue and the lead page say 管理员已关闭, the shortlist form is gone and the shared link says the list is closed", async () => {
    const lead = await storeTestLead(db.sql, "垃圾线索测试有限公司", "13600001234");
    const spaceId = await matchTestLead(db.sql, lead.id, "GC-MED");
    await db.sql.begin((tx) => routeLead(tx, lead.id, TEST_ROUTING));
    const [a] = await db.sql<{ id: string; recruiterId: string }[]>`select id, recruiter_id from assignments where lead_id = ${lead.id}`;
    expect(a.recruiterId).toBe("R3");
    const made = await createShortlist(db.sql, { assignmentId: a.id, recruiterId: "R3", spaceIds: [spaceId], days: 30 });
    if (!made.ok) throw new Error(made.error);
    expect((await client.get(`/s/${made.shortlist.token}`)).status).toBe(200);
    expect(await closeLead(db.sql, lead.id, { as: "spam", note: "广告", duplicateOf: null }, "adm@example.test")).toEqual({ ok: true });

    const rec = await client.signIn("zhengjie@example.test", PASSWORD);
    const history = await (await client.get("/queue?view=history", rec)).text();
    expect(history).toContain("管理员已关闭：垃圾或无效信息");
    const page = await (await client.get(`/queue/assignments/${a.id}`, rec)).text();
    expect(page).toContain("管理员已关闭：垃圾或无效信息");
    expect(page).toContain("管理员说明：广告");
    expect(page).toContain("这条线索已被管理员关闭，不能再向企业分享推荐清单");
    expect(page).not.toContain('value="shortlist"');
    const en = await (await client.get(`/queue/assignments/${a.id}?lng=en`, rec)).text();
    expect(en).toContain("Closed by an admin: spam or not a real inquiry");

    for (const [q, said] of [
      ["", "这份推荐清单已关闭"],
      ["?lng=en", "This shortlist is closed"],
    ]) {
      const link = await client.get(`/s/${made.shortlist.token}${q}`);
      expect(link.status).toBe(410);
      const html = await link.text();
      expect(html).toContain(said);
      expect(html).not.toContain(spaceId);
    }
  });
});

describe("the lead page's shortlist section (trial 12-05, low)", () => {
  it("says 分享推荐清单 once, as its heading; the form's legend names what is chosen in it (zh, en)", async () => {
    const lead = await storeTestLead(db.sql, "清单标题测试有限公司", "13600001299");
    await matchTestLead(db.sql, lead.id, "GC-MED");
    await db.sql.begin((tx) => routeLead(tx, lead.id, TEST_ROUTING));
    const [a] = await db.sql<{ id: string }[]>`select id from assignments where lead_id = ${lead.id}`;
    const rec = await client.signIn("zhengjie@example.test", PASSWORD);
    const zh = await (await client.get(`/queue/assignments/${a.id}`, rec)).text();
    expect(zh).toContain('value="shortlist"'); // the form is there
    expect(zh.match(/分享推荐清单/g)).toHaveLength(1);
    expect(zh).toMatch(/<legend>选择要推荐的空间<\/legend>/);
    const en = await (await client.get(`/queue/assignments/${a.id}?lng=en`, rec)).text();
    expect(en.match(/Share a shortlist/g)).toHaveLength(1);
    expect(en).toMatch(/<legend>Choose the spaces to recommend<\/legend>/);
  });
});
