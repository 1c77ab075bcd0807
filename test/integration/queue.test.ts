import { execFile } from "node:child_process";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { importInventory } from "~/inventory/import.server";
import { storeLead } from "~/leads/intake.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { followFlash } from "../support/flash";
import { validLeadJson } from "../support/leads";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// The recruiter's desk: sign in, the queue, the assignment page the email links to, and every step
// (accept, decline → re-route, contacted, visit, signed) with its audit line — against the real web
// process and Postgres.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const PASSWORD = "zhoumin-秘密-2026";

beforeAll(async () => {
  db = await createTestDatabase("queue");
  web = await startWebServer({ DATABASE_URL: db.url });
  const inv = demoInventory();
  // A second recruiter for GC-EDZ, off duty until the decline test.
  inv.recruiters.push({
    id: "R9",
    name: "钱多多（示例）",
    email: "qian@example.test",
    phone: "13900000009",
    channel: "email",
    parks: ["GC-EDZ"],
    industries: [],
    capacity: 10,
    active: false,
  });
  expect((await importInventory(db.sql, inv)).ok).toBe(true);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values
    ('zhoumin@example.test', '周敏', 'recruiter', 'R1', ${await hashPassword(PASSWORD)}),
    ('wuhao@example.test', '吴昊', 'recruiter', 'R2', ${await hashPassword(PASSWORD)})`;
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

/** A lead matched to a GC-EDZ space and routed (to R1, the park's only active recruiter), as the worker would. */
async function routedLead(company: string, alsoPark?: string): Promise<{ leadId: string; reference: string; assignmentId: string }> {
  const parsed = createLeadSchema("zh", "api").parse(validLeadJson({ company }));
  const { id, reference } = await storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" });
  for (const park of ["GC-EDZ", ...(alsoPark ? [alsoPark] : [])]) {
    const [space] = await db.sql<
      { id: string }[]
    >`select id from spaces where park_id = ${park} and status = 'available' order by id limit 1`;
    await db.sql`insert into matches (lead_id, space_id, park_id, score, reasons, found_by)
                 values (${id}, ${space.id}, ${park}, ${park === "GC-EDZ" ? 88 : 70}, ${db.sql.json([{ zh: "面积 5000㎡ 在需求 4000–6000㎡ 内", en: "area fits", kind: "fit" }] as never)}, 'lead')`;
  }
  await db.sql.begin((tx) => routeLead(tx, id, { slaMinutes: 120, noticeFallbackMs: 90_000 }));
  const [a] = await db.sql<
    { id: string; recruiterId: string }[]
  >`select id, recruiter_id from assignments where lead_id = ${id} and park_id = 'GC-EDZ'`;
  expect(a.recruiterId).toBe("R1");
  return { leadId: id, reference, assignmentId: a.id };
}

const get = (path: string, cookie?: string, headers: Record<string, string> = {}) => webClient(web.url).get(path, cookie, headers);
const post = (path: string, form: Record<string, string>, cookie?: string) => webClient(web.url).post(path, form, cookie);
async function signIn(email: string, password = PASSWORD, next?: string): Promise<{ cookie: string; location: string }> {
  const res = await post(`/login${next ? `?next=${encodeURIComponent(next)}` : ""}`, { email, password, ...(next ? { next } : {}) });
  expect(res.status).toBe(303);
  const setCookie = res.headers.get("set-cookie") ?? "";
  expect(setCookie).toMatch(/HttpOnly/i);
  expect(setCookie).toMatch(/SameSite=Lax/i);
  return { cookie: setCookie.split(";")[0], location: res.headers.get("location") ?? "" };
}
async function csrfOf(path: string, cookie: string): Promise<string> {
  const html = await (await get(path, cookie)).text();
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  expect(token).toBeTruthy();
  return token!;
}
const statusOf = async (assignmentId: string) =>
  (
    await db.sql<{ status: string; recruiterId: string | null; reroutes: number; accepted: boolean }[]>`
    select status, recruiter_id, reroutes, accepted_at is not null as accepted from assignments where id = ${assignmentId}`
  )[0];

describe("signing in", () => {
  it("sends a visitor of the emailed link to /login and back to the assignment after signing in", async () => {
    const { assignmentId } = await routedLead("南京邮件链接机械有限公司");
    const path = `/queue/assignments/${assignmentId}`;
    const res = await get(path);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/login?next=${encodeURIComponent(path)}`);
    const { location } = await signIn("zhoumin@example.test", PASSWORD, path);
    expect(location).toBe(path);
  });

  it("refuses a wrong password or an unknown email with the same message, no cookie, and keeps the email typed", async () => {
    for (const [email, password] of [
      ["zhoumin@example.test", "wrong-password-123"],
      ["nobody@example.test", PASSWORD],
    ]) {
      const res = await post("/login", { email, password });
      expect(res.status).toBe(400);
      expect(res.headers.get("set-cookie")).toBeNull();
      const html = await res.text();
      expect(html).toContain("邮箱或密码不正确");
      expect(html).toContain(`value="${email}"`);
      expect(html).not.toContain(password);
    }
  });

  it("slows down password guessing per account: the 11th try in a minute is 429, another account still gets an answer", async () => {
    for (let i = 0; i < 10; i++)
      expect((await post("/login", { email: "guessed@example.test", password: `guess-number-${i}` })).status).toBe(400);
    const limited = await post("/login", { email: "guessed@example.test", password: "guess-number-10" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0); // until the account's failure window passes
    expect(await limited.text()).toContain("尝试次数过多");
    expect((await post("/login", { email: "other@example.test", password: "not-it-either" })).status).toBe(400);
  });

  it("ignores a `next` that is not a plain local path, and refuses a sign-in posted from another site", async () => {
    for (const next of ["//evil.example/x", "https://evil.example/", "/队列", "/a b"])
      expect((await signIn("zhoumin@example.test", PASSWORD, next)).location).toBe("/queue");
    const crossSite = await fetch(`${web.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "cross-site" },
      body: new URLSearchParams({ email: "zhoumin@example.test", password: PASSWORD }),
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get("set-cookie")).toBeNull();
  });

  it("lets a staff admin into /admin, and signing out there ends the staff session too", async () => {
    await db.sql`insert into users (email, name, role, password_hash) values ('boss@example.test', '管理员', 'admin', ${await hashPassword(PASSWORD)})`;
    const { cookie, location } = await signIn("boss@example.test");
    expect(location).toBe("/admin");
    expect((await get("/admin", cookie)).status).toBe(200);
    expect((await post("/admin/logout", {}, cookie)).status).toBe(403); // no CSRF token (ADR 021)
    expect((await post("/admin/logout", { csrf: await csrfOf("/admin", cookie) }, cookie)).status).toBe(303);
    expect((await get("/admin", cookie)).status).toBe(303);
  });

  it("signs out for good: the old cookie no longer opens the queue", async () => {
    const { cookie } = await signIn("zhoumin@example.test");
    expect((await get("/queue", cookie)).status).toBe(200);
    const csrf = await csrfOf("/queue", cookie);
    expect((await post("/logout", { csrf }, cookie)).status).toBe(303);
    const after = await get("/queue", cookie);
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toMatch(/^\/login\?next=/);
  });
});

describe("the queue and an assignment", () => {
  it("lists the recruiter's offers with the deadline, and shows the enterprise, its phone and the spaces with reasons", async () => {
    const { reference, assignmentId } = await routedLead("南京队列展示机械有限公司");
    const { cookie } = await signIn("zhoumin@example.test");
    const queue = await (await get("/queue", cookie)).text();
    expect(queue).toContain(reference);
    expect(queue).toContain("南京队列展示机械有限公司");
    expect(queue).toContain(`href="/queue/assignments/${assignmentId}"`);
    const page = await (await get(`/queue/assignments/${assignmentId}`, cookie)).text();
    expect(page).toContain("王经理");
    expect(page).toContain("138 1234 5678");
    expect(page).toContain("面积 5000㎡ 在需求 4000–6000㎡ 内");
    expect(page).toMatch(/name="intent" value="accept"/);
    expect(page).toContain(`href="/queue/assignments/${assignmentId}?confirm=decline"`); // a closing step asks first
    expect(page).not.toMatch(/name="intent" value="signed"/); // not before accepting
  });

  it("a card without a product ends with the area, not a dangling ' · '", async () => {
    const { leadId, reference } = await routedLead("南京队列无产品机械有限公司");
    await db.sql`update leads set lead = lead #- '{use,product}' where id = ${leadId}`;
    const { cookie } = await signIn("zhoumin@example.test");
    const queue = await (await get("/queue", cookie)).text();
    const card = queue.slice(queue.indexOf(reference));
    expect(card).toMatch(/<p>厂房 · 租赁 · 4000–6000㎡<\/p>/);
  });

  it("accepts (CSRF token required), then records contacted, visit and signed — each in the audit trail; the lead is won", async () => {
    const { leadId, assignmentId } = await routedLead("南京接单签约机械有限公司");
    const { cookie } = await signIn("zhoumin@example.test");
    const path = `/queue/assignments/${assignmentId}`;
    expect((await post(path, { intent: "accept" }, cookie)).status).toBe(403);
    expect((await post(path, { intent: "accept", csrf: "forged" }, cookie)).status).toBe(403);
    expect((await statusOf(assignmentId)).status).toBe("offered");

    const csrf = await csrfOf(path, cookie);
    const accepted = await post(path, { intent: "accept", csrf }, cookie);
    expect(accepted.status).toBe(303);
    // Back to the page (a clean address), which says what happened once: the flash cookie (ADR 025).
    expect(await followFlash(web.url, accepted, cookie)).toEqual({
      location: path,
      role: "status",
      text: "已记录：已接单",
      shownAgain: false,
    });
    expect(await statusOf(assignmentId)).toMatchObject({ status: "accepted", accepted: true });
    // Accepting twice (another tab) is a stale step, not an error.
    const twice = await followFlash(web.url, await post(path, { intent: "accept", csrf }, cookie), cookie);
    expect(twice).toMatchObject({ location: path, role: "alert", shownAgain: false });
    expect(twice.text).toContain("这条分配的状态已经变了");

    const steps: Record<string, string>[] = [
      { intent: "contacted" },
      { intent: "visit", visitOn: new Date().toISOString().slice(0, 10) },
      { intent: "signed" },
    ];
    for (const step of steps) expect((await post(path, { ...step, csrf }, cookie)).status).toBe(303);
    expect((await statusOf(assignmentId)).status).toBe("signed");
    const events = await db.sql<{ event: string; recruiterId: string }[]>`
      select event, recruiter_id from routing_events where assignment_id = ${assignmentId} and event in ('accepted', 'contacted', 'visit', 'signed') order by id`;
    expect(events.map((e) => [e.event, e.recruiterId])).toEqual([
      ["accepted", "R1"],
      ["contacted", "R1"],
      ["visit", "R1"],
      ["signed", "R1"],
    ]);
    const [lead] = await db.sql<{ status: string }[]>`select status from leads where id = ${leadId}`;
    expect(lead.status).toBe("won");
    expect((await post(path, { intent: "nonsense", csrf }, cookie)).status).toBe(400);
  });

  it("closes the lead's other parks when one signs: nobody re-routes or calls an enterprise that has signed", async () => {
    const { leadId, assignmentId } = await routedLead("南京一园签约机械有限公司", "GC-MED");
    const [other] = await db.sql<
      { id: string; recruiterId: string }[]
    >`select id, recruiter_id from assignments where lead_id = ${leadId} and park_id = 'GC-MED'`;
    expect(other.recruiterId).toBe("R3");
    const { cookie } = await signIn("zhoumin@example.test");
    const path = `/queue/assignments/${assignmentId}`;
    const csrf = await csrfOf(path, cookie);
    for (const intent of ["accept", "signed"]) expect((await post(path, { intent, csrf }, cookie)).status).toBe(303);
    expect((await statusOf(other.id)).status).toBe("lost");
    const [event] = await db.sql<{ recruiterId: string; reason: { zh: string } }[]>`
      select recruiter_id, reason from routing_events where assignment_id = ${other.id} and event = 'lost'`;
    expect(event.recruiterId).toBe("R3");
    expect(event.reason.zh).toContain("已与其他园区签约");
  });

  it("declines: the assignment goes to the park's next recruiter with a notice due now, and leaves the decliner's queue", async () => {
    const { reference, assignmentId } = await routedLead("南京拒单改派机械有限公司");
    await db.sql`update recruiters set active = true where id = 'R9'`;
    try {
      const { cookie } = await signIn("zhoumin@example.test");
      const path = `/queue/assignments/${assignmentId}`;
      const res = await post(path, { intent: "decline", reason: "over-capacity", csrf: await csrfOf(path, cookie) }, cookie);
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/queue");
      expect(await statusOf(assignmentId)).toMatchObject({ status: "offered", recruiterId: "R9", reroutes: 1 });
      const events = await db.sql<{ event: string; recruiterId: string }[]>`
        select event, recruiter_id from routing_events where assignment_id = ${assignmentId} order by id`;
      expect(events.map((e) => [e.event, e.recruiterId])).toEqual([
        ["assigned", "R1"],
        ["declined", "R1"],
        ["rerouted", "R9"],
      ]);
      const [declined] = await db.sql<{ reason: { zh: string; code: string } }[]>`
        select reason from routing_events where assignment_id = ${assignmentId} and event = 'declined'`;
      expect(declined.reason).toMatchObject({ code: "over-capacity" });
      expect(declined.reason.zh).toContain("我手上线索太多");
      const [notice] = await db.sql<{ due: boolean }[]>`
        select o.not_before <= clock_timestamp() as due from notifications n join outbox o on o.aggregate_id = n.id::text and o.topic = 'notify.email'
        where n.assignment_id = ${assignmentId} and n.recipient = 'R9'`;
      expect(notice.due).toBe(true);
      // Gone from the list; only the short undo names it, above the list (ADR 034).
      const queue = await (await get("/queue", cookie)).text();
      expect(queue).not.toContain(`href="${path}"`);
      expect(queue).toContain(`您刚拒绝了 ${reference}`);
      // Its page is no longer theirs: the address leads to their history, filtered to it (not "not found").
      const page = await get(path, cookie);
      expect(page.status).toBe(302);
      expect(page.headers.get("location")).toBe(`/queue?view=history&q=${reference}`);
    } finally {
      await db.sql`update recruiters set active = false where id = 'R9'`;
    }
  });

  // The park's only recruiter declines: the assignment waits for an admin (unassigned), and the lead is no
  // longer "assigned" — the list and the overview's unassigned queue say the same thing.
  it("a decline that leaves the park with nobody to offer it to puts the lead back to matched", async () => {
    const { leadId, assignmentId } = await routedLead("南京拒单无人可派机械有限公司");
    await db.sql`update leads set status = 'assigned' where id = ${leadId}`; // as lead.match records it
    const { cookie } = await signIn("zhoumin@example.test");
    const path = `/queue/assignments/${assignmentId}`;
    const res = await post(path, { intent: "decline", reason: "over-capacity", csrf: await csrfOf(path, cookie) }, cookie);
    expect(res.status).toBe(303);
    expect(await statusOf(assignmentId)).toMatchObject({ status: "unassigned", recruiterId: null });
    expect((await db.sql`select status from leads where id = ${leadId}`)[0].status).toBe("matched");
  });

  it("keeps another recruiter out: 404 on the page, and a POST changes nothing", async () => {
    const { assignmentId } = await routedLead("南京他人线索机械有限公司");
    const { cookie } = await signIn("wuhao@example.test");
    const path = `/queue/assignments/${assignmentId}`;
    expect((await get(path, cookie)).status).toBe(404);
    const res = await post(path, { intent: "accept", csrf: await csrfOf("/queue", cookie) }, cookie);
    // 404 itself, as the page answers (it was a 303 with a flash to that 404 page; ADR 086).
    expect(res.status).toBe(404);
    expect(res.headers.get("location")).toBeNull();
    expect((await statusOf(assignmentId)).status).toBe("offered");
  });

  it("a note typed while the offer left the recruiter (re-routed, declined elsewhere) is kept on the lead and said so; a stranger's is not", async () => {
    const { leadId, reference, assignmentId } = await routedLead("南京备注改派机械有限公司");
    const { cookie } = await signIn("zhoumin@example.test");
    const path = `/queue/assignments/${assignmentId}`;
    const csrf = await csrfOf(path, cookie);
    // Re-routed to R2 meanwhile (the deadline, an admin): the page R1 typed in still posts.
    await db.sql`update assignments set recruiter_id = 'R2' where id = ${assignmentId}`;
    const res = await post(path, { intent: "note", body: "电话联系过，下周看厂", csrf }, cookie);
    expect(await followFlash(web.url, res, cookie)).toEqual({
      location: `/queue?view=history&q=${encodeURIComponent(reference)}`,
      role: "status",
      text: "这条分配已不在您名下（已拒绝或已改派），您写的备注已保存在这条线索上。",
      shownAgain: false,
    });
    expect(await db.sql`select body, source from lead_notes where lead_id = ${leadId}`).toEqual([
      { body: "电话联系过，下周看厂", source: "recruiter" },
    ]);

    // Never theirs: still a 404, nothing written.
    const other = await routedLead("南京备注他人机械有限公司");
    const wuhao = await signIn("wuhao@example.test");
    const stranger = await post(
      `/queue/assignments/${other.assignmentId}`,
      { intent: "note", body: "不是我的", csrf: await csrfOf("/queue", wuhao.cookie) },
      wuhao.cookie,
    );
    expect(stranger.status).toBe(404);
    expect(await db.sql`select 1 from lead_notes where lead_id = ${other.leadId}`).toHaveLength(0);
  });

  it("lets an admin (bearer token) read any assignment, without actions", async () => {
    const { assignmentId } = await routedLead("南京管理员查看机械有限公司");
    const res = await get(`/queue/assignments/${assignmentId}`, undefined, { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("南京管理员查看机械有限公司");
    expect(html).not.toMatch(/name="intent"/);
  });
});

/** Runs `npm run user:create -- <args>` on this file's database, writing `stdin` to its standard input. */
function userCreate(args: string[], stdin: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", "app/cli/user-create.ts", ...args],
      { env: { ...process.env, DATABASE_URL: db.url } },
      (error) => (error ? reject(error) : resolve()),
    );
    child.stdin?.end(stdin);
  });
}

describe("npm run user:create -- --password-stdin", () => {
  it("creates an account that can sign in, reading the password from standard input", async () => {
    await userCreate(
      ["--role", "recruiter", "--email", "Zheng@Example.test", "--recruiter", "R3", "--name", "郑洁", "--password-stdin"],
      "郑洁的密码-0123456789\n",
    );
    const { cookie, location } = await signIn("zheng@example.test", "郑洁的密码-0123456789");
    expect(location).toBe("/queue");

    // A new password ends the sessions signed in with the old one.
    await userCreate(
      ["--role", "recruiter", "--email", "zheng@example.test", "--recruiter", "R3", "--password-stdin"],
      "郑洁的新密码-9876543210\n",
    );
    expect((await get("/queue", cookie)).status).toBe(303);
    expect((await signIn("zheng@example.test", "郑洁的新密码-9876543210")).location).toBe("/queue");
  });
});
