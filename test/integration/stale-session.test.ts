import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { matchTestLead, storeTestLead } from "../support/routed-lead";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// A stale or ended staff session, a person without the role, an unknown address: every answer says
// what happened in the page's language, under a <title>, with a way on — and a form sent from a page
// of an earlier sign-in comes back with what was typed and the session's new token.

const PASSWORD = "stale-秘密-2026";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let client: ReturnType<typeof webClient>;
let assignmentId: string;
let leadId: string;
let admin: string;

const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? null;
const tokenOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1];

beforeAll(async () => {
  db = await createTestDatabase("stale_session");
  web = await startWebServer({ DATABASE_URL: db.url });
  client = webClient(web.url);
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const hash = await hashPassword(PASSWORD);
  await db.sql`
    insert into users (email, name, role, recruiter_id, password_hash) values
      ('rec@example.test', '周敏', 'recruiter', 'R1', ${hash}),
      ('hot@example.test', '热线', 'hotline', null, ${hash}),
      ('adm@example.test', '管理员', 'admin', null, ${hash})`;
  const lead = await storeTestLead(db.sql, "南京过期测试有限公司", "13812345678");
  leadId = lead.id;
  await matchTestLead(db.sql, lead.id, "GC-EDZ");
  await db.sql.begin((tx) => routeLead(tx, lead.id, { slaMinutes: 120, noticeFallbackMs: 90_000 }));
  [{ id: assignmentId }] = await db.sql<{ id: string }[]>`select id from assignments where lead_id = ${lead.id}`;
  admin = await client.signIn("adm@example.test", PASSWORD);
}, 180_000);

afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

describe("a form sent from a page of an earlier sign-in", () => {
  it.each([
    ["zh", "", "页面已过期（您可能在别处重新登录过）。内容已保留，请再次提交。", "联系过了，周三再打"],
    ["en", "?lng=en", "This page has expired (you may have signed in again elsewhere).", "Called, ring again Wednesday"],
  ])("answers 403 in %s with the page, the note as typed and the session's new token", async (_lng, q, message, note) => {
    const first = await client.signIn("rec@example.test", PASSWORD);
    const page = `/queue/assignments/${assignmentId}${q}`;
    const oldToken = tokenOf(await (await client.get(page, first)).text())!;
    expect(oldToken).toBeTruthy();
    // Signed out and in again in another tab: the cookie is the new session's, the page still holds the old token.
    await client.post(`/logout`, { csrf: oldToken }, first);
    const second = await client.signIn("rec@example.test", PASSWORD);
    const res = await client.post(page, { csrf: oldToken, intent: "note", body: note }, second);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain(note);
    expect(titleOf(html)).toBeTruthy();
    const newToken = tokenOf(html);
    expect(newToken).toBeTruthy();
    expect(newToken).not.toBe(oldToken);
    expect(await db.sql`select 1 from lead_notes where body = ${note}`).toHaveLength(0);
    // Sent again from the page as it came back: it goes through.
    const again = await client.post(page, { csrf: newToken!, intent: "note", body: note }, second);
    expect(again.status).toBe(303);
  });

  it("without any session: the sign-in page says what was not saved, and brings the person back", async () => {
    const page = `/queue/assignments/${assignmentId}`;
    const res = await client.post(page, { csrf: "whatever", intent: "note", body: "丢了吗" });
    expect(res.status).toBe(303);
    const to = res.headers.get("location")!;
    expect(to).toContain("expired=1");
    expect(new URL(to, web.url).searchParams.get("next")).toBe(page);
    const login = await (await client.get(to)).text();
    expect(login).toContain("登录已失效，刚才提交的内容没有保存");
    const en = await (await client.get(`${to}&lng=en`)).text();
    expect(en).toContain("what you just sent was not saved");
  });

  it("a form without its own keeping (admin) answers a titled 403 page that says so, with a way back", async () => {
    const res = await client.post(`/admin/leads/${leadId}`, { csrf: "old-token", intent: "rematch" }, admin);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(titleOf(html)).toBe("页面已过期");
    expect(html).toContain("页面已过期（您可能在别处重新登录过）");
    expect(html).toContain(`href="/admin/leads/${leadId}"`);
  });
});

describe("a refusal from a route without a page of its own (sign-out, the privacy export, the desk's lookups)", () => {
  // The framework answers what such a route throws with a bare {"message":"Unexpected Server Error"}:
  // a stale sign-out button, a stale export, a lookup address opened in the browser all showed that.
  it.each([
    ["", "页面已过期", "页面已过期，请刷新页面后重试。"],
    ["?lng=en", "Page expired", "This page has expired; reload it and try again."],
  ])("a post from a page of an earlier sign-in: a titled 403 page that says so%s", async (q, title, message) => {
    const adm = await client.signIn("adm@example.test", PASSWORD);
    for (const [path, form, back] of [
      ["/logout", { csrf: "old-token" }, "/"],
      ["/admin/logout", { csrf: "old-token" }, "/admin"],
      ["/admin/privacy/export", { csrf: "old-token", query: "13812345678" }, "/admin/privacy"],
    ] as const) {
      const res = await client.post(`${path}${q}`, form, adm);
      expect(res.status, path).toBe(403);
      const html = await res.text();
      expect(html, path).not.toContain("Unexpected Server Error");
      expect(titleOf(html), path).toBe(title);
      expect(html, path).toContain(message);
      expect(html, path).toContain(`href="${back}${q}"`);
    }
    // Nothing was done: the session still works.
    expect((await client.get("/admin", adm)).status).toBe(200);
  });

  it.each([
    ["", "不支持此请求方法。"],
    ["?lng=en", "This request method is not supported here."],
  ])("an address that only takes posts, opened in the browser: 405 with Allow: POST%s", async (q, message) => {
    const hot = await client.signIn("hot@example.test", PASSWORD);
    const adm = await client.signIn("adm@example.test", PASSWORD);
    for (const [path, who] of [
      ["/hotline/callers", hot],
      ["/hotline/matches", hot],
      ["/admin/privacy/export", adm],
    ] as const) {
      // As a browser opens it: asking for a page (a script asking for anything gets the JSON shape, ADR 156).
      const res = await client.get(`${path}${q}`, who, { accept: "text/html,application/xhtml+xml,*/*;q=0.8" });
      expect(res.status, path).toBe(405);
      expect(res.headers.get("allow"), path).toBe("POST");
      const html = await res.text();
      expect(html, path).not.toContain("Unexpected Server Error");
      expect(html, path).toContain(message);
      // Styled as the app's pages are: the build's own stylesheet, which the server serves.
      const css = /<link rel="stylesheet" href="(\/build\/[^"]+\.css)"/.exec(html)?.[1];
      expect(css, path).toBeDefined();
      const sheet = await client.get(css!, who);
      expect(sheet.status, css).toBe(200);
      expect(sheet.headers.get("content-type"), css).toMatch(/^text\/css/);
    }
  });
});

describe("a post refused at the door (another site's form)", () => {
  it.each([
    ["", "无法处理此请求", "返回上一页"],
    ["?lng=en", "This request cannot be processed", "Back to the previous page"],
  ])("answers a titled page%s with a way back to the page", async (q, title, back) => {
    const res = await client.post(`/hotline${q}`, { csrf: "x" }, undefined, { origin: "https://elsewhere.example" });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(titleOf(html)).toBe(title);
    expect(html).toContain(`<a href="/hotline${q}">${back}</a>`);
  });
});

describe("the desk's live lookups, refused", () => {
  it("answer JSON in the panel's terms, never a redirect or a thrown page", async () => {
    const anonymous = await client.post("/hotline/callers", { csrf: "x", "contact.phone": "138" });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ state: "signedOut" });
    const hot = await client.signIn("hot@example.test", PASSWORD);
    const stale = await client.post("/hotline/matches", { csrf: "old", "need.kind": "factory" }, hot);
    expect(stale.status).toBe(403);
    const body = (await stale.json()) as { state: string; csrf: string };
    expect(body.state).toBe("stale");
    expect(body.csrf).toBe(await client.csrfOf("/hotline", hot));
    const rec = await client.signIn("rec@example.test", PASSWORD);
    const other = await client.post("/hotline/callers", { csrf: await client.csrfOf("/queue", rec) }, rec);
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual({ state: "forbidden" });
  });
});

describe("a signed-in person without the role", () => {
  it.each([
    ["", "没有权限", "您的账号没有打开这个页面的权限", "返回我的工作台"],
    ["?lng=en", "No permission", "Your account may not open this page", "Back to my desk"],
  ])("at /admin%s: a 403 page without the admin menu, linking to their own desk", async (q, title, body, back) => {
    const rec = await client.signIn("rec@example.test", PASSWORD);
    const res = await client.get(`/admin${q}`, rec);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(titleOf(html)).toBe(title);
    expect(html).toContain(body);
    expect(html).toContain(back);
    expect(html).toContain(q ? 'href="/queue?lng=en"' : 'href="/queue"');
    expect(html).not.toContain('href="/admin/leads');
    expect(html).not.toContain("找不到这个页面或记录");
    const hot = await client.signIn("hot@example.test", PASSWORD);
    expect(await (await client.get(`/admin${q}`, hot)).text()).toContain(q ? 'href="/hotline?lng=en"' : 'href="/hotline"');
  });

  it.each([
    ["", "您已登录，但没有权限使用此接口"],
    ["?lng=en", "You are signed in but have no permission"],
  ])("at /api/leads/<id>%s: 403, told they have no permission (not asked to sign in)", async (q, message) => {
    const rec = await client.signIn("rec@example.test", PASSWORD);
    const res = await client.get(`/api/leads/${leadId}${q}`, rec);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { errors: Record<string, string[]> };
    expect(body.errors._form[0]).toContain(message);
    const anonymous = await client.get(`/api/leads/${leadId}${q}`);
    expect(anonymous.status).toBe(401);
  });
});

describe("error pages have a title in the page's language", () => {
  it.each([
    ["/nonexistent", false, 404, "页面不存在", "Page not found"],
    ["/inquiry/NOPE", false, 404, "页面不存在", "Page not found"],
    ["/admin/spaces/NOPE", true, 404, "页面不存在", "Page not found"],
    ["/admin/leads/not-a-uuid", true, 404, "页面不存在", "Page not found"],
  ])("%s", async (path, asAdmin, status, zh, en) => {
    const res = await client.get(path, asAdmin ? admin : undefined);
    expect(res.status).toBe(status);
    expect(titleOf(await res.text())).toBe(zh);
    const english = await client.get(`${path}?lng=en`, asAdmin ? admin : undefined);
    expect(english.status).toBe(status);
    expect(titleOf(await english.text())).toBe(en);
  });
});
