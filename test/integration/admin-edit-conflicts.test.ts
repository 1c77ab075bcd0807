import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { formOf } from "../support/form-of";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// The staff account's role and link forms and the office hours had no conflict check: a second tab's
// save silently overwrote what another admin had saved since the page was opened. They carry `base` and
// merge as the inventory does (ADR 091/092): a field only the other changed keeps their value (and a
// form that would send it back unchanged is refused, showing it); a field both changed is refused with
// both values; the refused form shows what is stored now, and submitting it again does what it says.
const PASSWORD = "conflicts-秘密-2026";
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
let client: ReturnType<typeof webClient>;
let admin = "";
let accountId = "";

beforeAll(async () => {
  db = await createTestDatabase("admin_edit_conflicts");
  web = await startWebServer({ DATABASE_URL: db.url });
  client = webClient(web.url);
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const hash = await hashPassword(PASSWORD);
  await db.sql`insert into users (email, name, role, password_hash) values ('chief@example.test', '主管', 'admin', ${hash})`;
  [{ id: accountId }] = await db.sql<{ id: string }[]>`
    insert into users (email, name, role, recruiter_id, password_hash) values ('rec@example.test', '专员', 'recruiter', 'R1', ${hash}) returning id`;
  admin = await client.signIn("chief@example.test", PASSWORD);
}, 180_000);
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

describe("a staff account's role and link", () => {
  const path = () => `/admin/staff/${accountId}`;
  const account = async () =>
    (await db.sql<{ role: string; recruiterId: string | null }[]>`select role, recruiter_id from users where id = ${accountId}`)[0];

  it("a role both tabs changed differently is refused with both values; submitting again overwrites on purpose", async () => {
    const one = await (await client.get(path(), admin)).text();
    const two = await (await client.get(path(), admin)).text();
    expect(formOf(one, 'value="role"').base).toBeTruthy();
    expect((await client.post(path(), { ...formOf(one, 'value="role"'), role: "hotline" }, admin)).status).toBe(303);
    const refused = await client.post(path(), { ...formOf(two, 'value="role"'), role: "admin" }, admin);
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain("未保存：您打开此页后，另一位管理员修改并保存了这里的内容。");
    expect(html).toContain("对方已保存为：热线坐席；本页为：管理员");
    expect((await account()).role).toBe("hotline");
    const again = formOf(html, 'value="role"');
    expect(again.role).toBe("admin"); // this tab's choice stays
    expect((await client.post(path(), again, admin)).status).toBe(303);
    expect((await account()).role).toBe("admin");
    // Back as it was for the next test.
    const page = await (await client.get(path(), admin)).text();
    expect((await client.post(path(), { ...formOf(page, 'value="role"'), role: "recruiter" }, admin)).status).toBe(303);
  });

  it("a tab that sends the old role unchanged does not undo another admin's change: refused, the stored role shown and named (en too)", async () => {
    const one = await (await client.get(path(), admin)).text();
    const two = await (await client.get(`${path()}?lng=en`, admin)).text();
    expect((await client.post(path(), { ...formOf(one, 'value="role"'), role: "hotline" }, admin)).status).toBe(303);
    const refused = await client.post(`${path()}?lng=en`, formOf(two, 'value="role"'), admin);
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain("Not saved: another admin saved a change here after you opened the page.");
    expect(html).toMatch(/now shown below as stored: Role: Hotline/);
    // … and beside the field, tied to it (ADR 092).
    const note = /<p class="changed-note" id="([^"]+)"[^>]*>([^<]*)<\/p>/.exec(html);
    expect(note?.[2]).toBe("Changed by someone else to: Hotline");
    expect(html).toMatch(new RegExp(`<fieldset[^>]*aria-describedby="[^"]*${note![1]}`));
    expect(formOf(html, 'value="role"').role).toBe("hotline");
    expect((await account()).role).toBe("hotline");
    const page = await (await client.get(path(), admin)).text();
    expect((await client.post(path(), { ...formOf(page, 'value="role"'), role: "recruiter" }, admin)).status).toBe(303);
  });

  it("the recruiter link: another admin's new link is not undone by a tab that did not change it", async () => {
    await db.sql`update users set recruiter_id = 'R1' where id = ${accountId}`;
    const one = await (await client.get(path(), admin)).text();
    const two = await (await client.get(path(), admin)).text();
    expect((await client.post(path(), { ...formOf(one, 'name="recruiterId"'), recruiterId: "R2" }, admin)).status).toBe(303);
    const refused = await client.post(path(), formOf(two, 'name="recruiterId"'), admin);
    expect(refused.status).toBe(409);
    expect(formOf(await refused.text(), 'name="recruiterId"').recruiterId).toBe("R2");
    expect((await account()).recruiterId).toBe("R2");
    // A post without base (a script, a page from before) saves as before.
    const { base: _base, ...old } = formOf(two, 'name="recruiterId"');
    expect((await client.post(path(), old, admin)).status).toBe(303);
    expect((await account()).recruiterId).toBe("R1");
  });
});

describe("the office hours", () => {
  const hours = async () =>
    (await db.sql<{ startMinute: number; endMinute: number }[]>`select start_minute, end_minute from office_hours`)[0];
  const open = async (lng = "") => formOf(await (await client.get(`/admin/office-hours${lng}`, admin)).text(), 'name="start"');

  it("each tab writes only what it changed: one the start, the other the end — both kept", async () => {
    const one = await open();
    const two = await open();
    expect(one.base).toBeTruthy();
    expect((await client.post("/admin/office-hours", { ...one, start: "08:30" }, admin)).status).toBe(303);
    expect((await client.post("/admin/office-hours", { ...two, end: "17:30" }, admin)).status).toBe(303);
    expect(await hours()).toEqual({ startMinute: 8 * 60 + 30, endMinute: 17 * 60 + 30 });
  });

  it("a start both changed is refused with both values; the other's end shows; submitting again writes this tab's start", async () => {
    const one = await open();
    const two = await open();
    expect((await client.post("/admin/office-hours", { ...one, start: "07:00", end: "19:00" }, admin)).status).toBe(303);
    const refused = await client.post("/admin/office-hours", { ...two, start: "10:00" }, admin);
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain("对方已保存为：07:00；本页为：10:00");
    expect(html).toContain("以下是对方在此期间保存、您没有改过的项，下面已显示为现在保存的值：下班时间：19:00。");
    expect(html).toContain('<p class="changed-note" id="office-hours-end-changed" data-testid="changed-note">对方已改为：19:00</p>');
    expect(html).toMatch(/<input[^>]*id="office-hours-end"[^>]*aria-describedby="office-hours-end-changed"/);
    expect(html).not.toContain("office-hours-start-changed"); // both changed: its message says both
    const shown = formOf(html, 'name="start"');
    expect(shown).toMatchObject({ start: "10:00", end: "19:00" });
    expect(await hours()).toEqual({ startMinute: 7 * 60, endMinute: 19 * 60 });
    expect((await client.post("/admin/office-hours", shown, admin)).status).toBe(303);
    expect(await hours()).toEqual({ startMinute: 10 * 60, endMinute: 19 * 60 });
  });

  it("changes fine alone but not together (the end before the other's new start) are refused, nothing written", async () => {
    const one = await open();
    const two = await open();
    expect((await client.post("/admin/office-hours", { ...one, start: "12:00" }, admin)).status).toBe(303);
    const refused = await client.post("/admin/office-hours?lng=en", { ...two, end: "11:00" }, admin);
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain("Opens at: 12:00");
    expect(formOf(html, 'name="start"')).toMatchObject({ start: "12:00", end: "11:00" });
    expect(await hours()).toEqual({ startMinute: 12 * 60, endMinute: 19 * 60 });
    // Submitting the refused form as it is: the rule, beside the end.
    const again = await client.post("/admin/office-hours", formOf(html, 'name="start"'), admin);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("下班时间应晚于上班时间");
  });
});
