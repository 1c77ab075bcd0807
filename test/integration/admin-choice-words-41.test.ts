import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { formOf } from "../support/form-of";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// forms41 (the kind attack40 fixed on the need and inventory forms): an admin form's choice or value arriving in other
// words than the code the page writes — a role as "招商专员" or "Recruiter", a recruiter id in another case, a time as
// "9点" — was refused (400 "请选择") or, merged as typed against another admin's save, a "changed meanwhile" (409) nobody
// caused. Each is read by the one reader of its kind (lead-fields.ts choiceCode; clock-time.ts parseClockMinute) first.
const PASSWORD = "choices-秘密-2026";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let client: ReturnType<typeof webClient>;
// The admin's session cookie, and the account whose role and link change.
let [admin, accountId] = ["", ""];

beforeAll(async () => {
  db = await createTestDatabase("admin_choice_words_41");
  web = await startWebServer({ DATABASE_URL: db.url });
  client = webClient(web.url);
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const hash = await hashPassword(PASSWORD);
  await db.sql`insert into users (email, name, role, password_hash) values ('chief41@example.test', '主管', 'admin', ${hash})`;
  [{ id: accountId }] = await db.sql<{ id: string }[]>`
    insert into users (email, name, role, recruiter_id, password_hash) values ('rec41@example.test', '专员', 'recruiter', 'R1', ${hash}) returning id`;
  admin = await client.signIn("chief41@example.test", PASSWORD);
}, 180_000);
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

describe("a staff account's role and link, sent in other words", () => {
  const path = () => `/admin/staff/${accountId}`;
  const account = async () =>
    (await db.sql<{ role: string; recruiterId: string | null }[]>`select role, recruiter_id from users where id = ${accountId}`)[0];
  const reset = () => db.sql`update users set role = 'recruiter', recruiter_id = 'R1' where id = ${accountId}`;

  it.each([
    ["热线坐席", "hotline"],
    ["Hotline", "hotline"],
    ["ＨＯＴＬＩＮＥ", "hotline"],
    ["坐席", "hotline"],
    ["管理员", "admin"],
  ])("a role sent as %s is the role %s", async (word, code) => {
    await reset();
    const page = await (await client.get(path(), admin)).text();
    const res = await client.post(path(), { ...formOf(page, 'value="role"'), role: word }, admin);
    expect(res.status, word).toBe(303);
    expect((await account()).role).toBe(code);
  });

  it("the role another admin stored meanwhile, sent in its words, is no conflict; another role still is", async () => {
    await reset();
    const one = await (await client.get(path(), admin)).text();
    const two = await (await client.get(path(), admin)).text();
    const three = await (await client.get(path(), admin)).text();
    expect((await client.post(path(), { ...formOf(one, 'value="role"'), role: "hotline" }, admin)).status).toBe(303);
    const same = await client.post(path(), { ...formOf(two, 'value="role"'), role: "热线坐席" }, admin);
    expect(same.status).toBe(303);
    expect((await account()).role).toBe("hotline");
    // A real conflict is said in labels, never the word as typed.
    const other = await client.post(path(), { ...formOf(three, 'value="role"'), role: "管理员" }, admin);
    expect(other.status).toBe(409);
    expect(await other.text()).toContain("对方已保存为：热线坐席；本页为：管理员");
    expect((await account()).role).toBe("hotline");
  });

  it("a word no role goes by is refused at the field, nothing changed", async () => {
    await reset();
    const page = await (await client.get(path(), admin)).text();
    const res = await client.post(path(), { ...formOf(page, 'value="role"'), role: "老板" }, admin);
    expect(res.status).toBe(400);
    expect((await account()).role).toBe("recruiter");
  });

  it("a recruiter id in another case over another admin's same link is no conflict", async () => {
    await reset();
    const one = await (await client.get(path(), admin)).text();
    const two = await (await client.get(path(), admin)).text();
    expect((await client.post(path(), { ...formOf(one, 'name="recruiterId"'), recruiterId: "R2" }, admin)).status).toBe(303);
    const res = await client.post(path(), { ...formOf(two, 'name="recruiterId"'), recruiterId: "r2" }, admin);
    expect(res.status).toBe(303);
    expect((await account()).recruiterId).toBe("R2");
  });

  it("a new account's role and first sign-in given in words", async () => {
    const page = await (await client.get("/admin/staff", admin)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
    const res = await client.post(
      "/admin/staff",
      { csrf, email: "desk41@example.test", name: "坐席甲", role: "热线", access: "邀请链接" },
      admin,
    );
    expect(res.status).toBeLessThan(400);
    const [row] = await db.sql<{ role: string }[]>`select role from users where email = 'desk41@example.test'`;
    expect(row?.role).toBe("hotline");
  });
});

describe("the office hours and calendar days, sent in other words", () => {
  const hours = async () =>
    (await db.sql<{ startMinute: number; endMinute: number }[]>`select start_minute, end_minute from office_hours`)[0];
  const open = async () => formOf(await (await client.get("/admin/office-hours", admin)).text(), 'name="start"');

  it("a start typed otherwise (9点 for the 09:00 shown) is no change over another admin's new start", async () => {
    await db.sql`delete from office_hours`;
    const one = await open();
    const two = await open();
    expect(two).toMatchObject({ start: "09:00", end: "18:00" });
    expect((await client.post("/admin/office-hours", { ...one, start: "08:30" }, admin)).status).toBe(303);
    for (const start of ["9点", "9:00", "0900"]) {
      const res = await client.post("/admin/office-hours", { ...two, start, end: "17点半" }, admin);
      expect(res.status, start).toBe(303);
      // This tab changed the end only: the other's start stays.
      expect(await hours()).toEqual({ startMinute: 8 * 60 + 30, endMinute: 17 * 60 + 30 });
    }
  });

  it("a start both changed is still a conflict, said in the page's times", async () => {
    await db.sql`delete from office_hours`;
    const one = await open();
    const two = await open();
    expect((await client.post("/admin/office-hours", { ...one, start: "08:30" }, admin)).status).toBe(303);
    const res = await client.post("/admin/office-hours", { ...two, start: "上午10点" }, admin);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("对方已保存为：08:30；本页为：10:00");
  });

  it.each([
    ["放假", false],
    ["Day off", false],
    ["调休上班", true],
    ["补班", true],
  ])("a calendar day's kind sent as %s", async (kind, work) => {
    const page = await (await client.get("/admin/office-hours", admin)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
    const day = work ? "2031-02-08" : "2031-10-01";
    await db.sql`delete from calendar_overrides where day = ${day}::date`;
    const res = await client.post("/admin/office-hours", { csrf, intent: "override-add", day, kind, name: "国庆" }, admin);
    expect(res.status, kind).toBe(303);
    const [row] = await db.sql<{ work: boolean }[]>`select work from calendar_overrides where day = ${day}::date`;
    expect(row?.work).toBe(work);
  });
});
