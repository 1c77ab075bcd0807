import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";

import { createTestDatabase } from "../../support/database";
import { startWebServer } from "../../support/services";

// Defect 8 of issue 13: every cookie-authenticated state change needs the session's CSRF token
// (form field `csrf`, or X-CSRF-Token for scripts on a cookie); bearer-authenticated API calls need
// no cookie. The requests here carry no Origin, like a client that hides it: the token is what stops them.
const TOKEN = process.env.ADMIN_API_TOKEN!;
const PASSWORD = "csrf-秘密-2026";
const UNKNOWN = "00000000-0000-4000-8000-000000000000";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;

beforeAll(async () => {
  db = await createTestDatabase("http_csrf");
  web = await startWebServer({ DATABASE_URL: db.url });
  await db.sql`insert into recruiters (id, name, email, phone, channel, parks, capacity, active) values ('R1', '周敏', 'r1@example.test', '+8613900000001', 'email', '{}', 5, true)`;
  const hash = await hashPassword(PASSWORD);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values
    ('desk@example.test', '坐席', 'hotline', null, ${hash}), ('zhoumin@example.test', '周敏', 'recruiter', 'R1', ${hash}), ('boss@example.test', '管理员', 'admin', null, ${hash})`;
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

const form = (path: string, body: Record<string, string>, cookie: string) =>
  fetch(`${web.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams(body),
  });
async function staffCookie(email: string): Promise<string> {
  const res = await form("/login", { email, password: PASSWORD }, "");
  expect(res.status).toBe(303);
  return (res.headers.get("set-cookie") ?? "").split(";")[0];
}
/** An admin's browser session: a staff account with the admin role, signed in at /login (the token sign-in page is gone, ADR 025). */
const adminCookie = () => staffCookie("boss@example.test");
const csrfOn = async (path: string, cookie: string) =>
  /name="csrf" value="([^"]+)"/.exec(await (await fetch(`${web.url}${path}`, { headers: { cookie } })).text())?.[1] ?? "";

describe("every cookie-authenticated POST route refuses a request without the session's token (403)", () => {
  it("/hotline (lookup and outcome), as hotline staff", async () => {
    const cookie = await staffCookie("desk@example.test");
    expect((await form("/hotline", { intent: "lookup", phone: "13812345678" }, cookie)).status).toBe(403);
    expect((await form("/hotline", { task: UNKNOWN, outcome: "done", csrf: "wrong" }, cookie)).status).toBe(403);
    expect(
      (await form("/hotline", { intent: "lookup", phone: "13812345678", csrf: await csrfOn("/hotline", cookie) }, cookie)).status,
    ).toBe(200);
  });

  it("/queue/assignments/<id>, as a recruiter", async () => {
    const cookie = await staffCookie("zhoumin@example.test");
    expect((await form(`/queue/assignments/${UNKNOWN}`, { intent: "accept" }, cookie)).status).toBe(403);
    expect(
      (await form(`/queue/assignments/${UNKNOWN}`, { intent: "accept", csrf: await csrfOn("/queue", cookie) }, cookie)).status,
    ).not.toBe(403);
  });

  it("/logout, as staff", async () => {
    const cookie = await staffCookie("zhoumin@example.test");
    expect((await form("/logout", {}, cookie)).status).toBe(403);
    expect((await fetch(`${web.url}/queue`, { redirect: "manual", headers: { cookie } })).status).toBe(200); // still signed in
    expect((await form("/logout", { csrf: await csrfOn("/queue", cookie) }, cookie)).status).toBe(303);
  });

  it("/admin/logout, with two sessions of a staff admin", async () => {
    for (const cookie of [await adminCookie(), await staffCookie("boss@example.test")]) {
      expect((await form("/admin/logout", {}, cookie)).status).toBe(403);
      expect((await fetch(`${web.url}/admin`, { redirect: "manual", headers: { cookie } })).status).toBe(200);
      expect((await form("/admin/logout", { csrf: await csrfOn("/admin", cookie) }, cookie)).status).toBe(303);
    }
  });

  it("/api/call-tasks/<id>/outcome with the admin cookie: text/plain is refused (415), JSON without X-CSRF-Token 403, with it the call goes through", async () => {
    const cookie = await adminCookie();
    const call = (headers: Record<string, string>) =>
      fetch(`${web.url}/api/call-tasks/${UNKNOWN}/outcome`, {
        method: "POST",
        headers: { cookie, ...headers },
        body: JSON.stringify({ outcome: "done" }),
      });
    expect((await call({ "content-type": "text/plain" })).status).toBe(415);
    expect((await call({ "content-type": "application/json" })).status).toBe(403);
    expect((await call({ "content-type": "application/json", "x-csrf-token": "forged" })).status).toBe(403);
    expect((await call({ "content-type": "application/json", "x-csrf-token": await csrfOn("/admin", cookie) })).status).toBe(404); // through to the route: no such task
  });
});

describe("bearer-authenticated API calls need no cookie and no token", () => {
  it("/api/call-tasks/<id>/outcome and /api/import with Authorization: Bearer", async () => {
    const outcome = await fetch(`${web.url}/api/call-tasks/${UNKNOWN}/outcome`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ outcome: "done" }),
    });
    expect(outcome.status).toBe(404);
    const imported = await fetch(`${web.url}/api/import`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ parks: [], spaces: [], recruiters: [] }),
    });
    expect(imported.status).toBe(200);
  });
});
