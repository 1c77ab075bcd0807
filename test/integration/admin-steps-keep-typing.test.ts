import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";
import type { Collection } from "~/inventory/inventory-columns";
import { editFormShape } from "~/inventory/inventory-edit.server";
import { decodeBase } from "~/utils/edit-merge.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { followFlash } from "../support/flash";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// docs/decisions/124 (2.): a row page's other steps — 停用 (retire), 恢复 (restore), as 仍可租售 since ADR 119 —
// post the edit form, so edits typed there and not saved come back typed (without JavaScript), said
// unsaved, whether the step was refused or done; and 仍可租售 compares what a field reads, not how it is
// spelt: "4,800" over a stored 4800 is no edit.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const EMAIL = "desk30-admin@example.test";
const PASSWORD = "admin-三十号-库存-2026";
let cookie = "";
let csrf = "";

beforeAll(async () => {
  db = await createTestDatabase("desk30_admin_steps");
  web = await startWebServer({ DATABASE_URL: db.url });
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`insert into users (email, name, role, password_hash) values (${EMAIL}, '三十号管理员', 'admin', ${await hashPassword(PASSWORD)})`;
  cookie = await webClient(web.url).signIn(EMAIL, PASSWORD);
  csrf = await webClient(web.url).csrfOf("/admin/spaces/S2", cookie);
});
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

/** A form post as the browser sends it: a group of ticks is one field per tick. */
const post = (path: string, form: Record<string, string | string[]>) =>
  webClient(web.url).post(path, new URLSearchParams(Object.entries(form).flatMap(([k, v]) => [v].flat().map((x) => [k, x]))), cookie);
/** The page's edit form as a browser sends it when a button naming it is pressed: every field as loaded, the base. */
async function pageForm(collection: Collection, id: string, lng: "zh" | "en" = "zh") {
  const page = await (await fetch(`${web.url}/admin/${collection}/${id}${lng === "en" ? "?lng=en" : ""}`, { headers: { cookie } })).text();
  const base = /name="base" value="([^"]+)"/.exec(page)![1];
  const loaded = decodeBase(base)!;
  const form: Record<string, string | string[]> = {
    ...Object.fromEntries(editFormShape(collection).fields.map((k) => [k, ""])),
    ...loaded,
    csrf,
    base,
  };
  return { page, form };
}
const valueOf = (html: string, name: string) =>
  new RegExp(`name="${name}"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="${name}"`)
    .exec(html)
    ?.slice(1)
    .find((x) => x !== undefined);
const retiredAt = async (table: string, id: string) =>
  (await db.sql`select retired_at from ${db.sql(table)} where id = ${id}`)[0].retiredAt;

describe("retire and restore keep what is typed in the edit form", () => {
  it("the buttons and the box post the edit form", async () => {
    const { page } = await pageForm("spaces", "S3");
    expect(page).toMatch(/<button[^>]*form="inventory-spaces"[^>]*name="intent"[^>]*value="retire"/);
    expect(page).toMatch(/<input[^>]*type="checkbox"[^>]*name="confirm"[^>]*form="inventory-spaces"/);
  });

  it("retire refused (box not ticked) with edits typed: 400, the edits in the form as typed and said unsaved, the box's message; nothing stored", async () => {
    const { form } = await pageForm("spaces", "S3");
    const [before] = await db.sql<{ title: string }[]>`select title from spaces where id = 'S3'`;
    const res = await post("/admin/spaces/S3", { ...form, intent: "retire", title: "停用前改的标题（三十）", areaSqm: "7千平" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("请勾选确认后再停用");
    expect(valueOf(html, "title")).toBe("停用前改的标题（三十）");
    expect(valueOf(html, "areaSqm")).toBe("7千平");
    expect(html).toContain("表单中的修改尚未保存（名称、面积）");
    expect((await db.sql<{ title: string }[]>`select title from spaces where id = 'S3'`)[0]).toEqual(before);
    expect(await retiredAt("spaces", "S3")).toBeNull();
  });

  it("retire done with edits typed (en): 200, retired, the edits back as typed and not saved; restore likewise; nothing typed: the redirect", async () => {
    const { form } = await pageForm("spaces", "S3", "en");
    const res = await post("/admin/spaces/S3?lng=en", { ...form, intent: "retire", confirm: "on", title: "Typed before retiring" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(await retiredAt("spaces", "S3")).not.toBeNull();
    expect(html).toMatch(/data-retire-done="">[^<]*retired\./);
    expect(valueOf(html, "title")).toBe("Typed before retiring");
    expect(html).toContain("Your changes in the form are not saved yet (title)");
    expect((await db.sql`select title from spaces where id = 'S3'`)[0].title).not.toBe("Typed before retiring");

    const again = await pageForm("spaces", "S3");
    const restored = await post("/admin/spaces/S3", { ...again.form, intent: "restore", notes: "恢复前写的备注" });
    expect(restored.status).toBe(200);
    const restoredHtml = await restored.text();
    expect(restoredHtml).toContain("已恢复");
    expect(restoredHtml).toContain("恢复前写的备注");
    expect(restoredHtml).toContain("表单中的修改尚未保存（");
    expect(await retiredAt("spaces", "S3")).toBeNull();

    // Nothing typed: done and back to the page with its flash, as before.
    const plain = await post("/admin/spaces/S3", { ...(await pageForm("spaces", "S3")).form, intent: "retire", confirm: "on" });
    expect((await followFlash(web.url, plain, cookie)).text).toContain("已停用");
    await post("/admin/spaces/S3", { csrf, intent: "restore" }); // the older post (no form) still works
    expect(await retiredAt("spaces", "S3")).toBeNull();
  });

  it("a park's and a recruiter's page alike", async () => {
    const park = await pageForm("parks", "GC-MED");
    const refused = await post("/admin/parks/GC-MED", { ...park.form, intent: "retire", name: "改名的园区（三十）" });
    expect(refused.status).toBe(400);
    expect(valueOf(await refused.text(), "name")).toBe("改名的园区（三十）");
    const recruiter = await pageForm("recruiters", "R1");
    const res = await post("/admin/recruiters/R1", { ...recruiter.form, intent: "retire", phone: "13900001234" });
    expect(res.status).toBe(400);
    expect(valueOf(await res.text(), "phone")).toBe("13900001234");
  });
});

describe("仍可租售 compares what the fields read", () => {
  it("an area spelt otherwise (4,800 / 4800.0 / 4800平方米 / full-width over 4800) is no unsaved edit; 4,900 and an unreadable 4 800 are", async () => {
    await db.sql`update spaces set area_sqm = 4800 where id = 'S4'`;
    const { form } = await pageForm("spaces", "S4");
    expect(form.areaSqm).toBe("4800");
    for (const spelt of ["4,800", "4800.0", " 4800 ", "4800平方米", "４８００"]) {
      const res = await post("/admin/spaces/S4", { ...form, intent: "verify", areaSqm: spelt });
      expect(res.status, spelt).toBe(303);
    }
    const changed = await post("/admin/spaces/S4", { ...form, intent: "verify", areaSqm: "4,900" });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain("（面积）");
    // A figure the area's reader cannot read (a save would refuse it, naming the field) is said unsaved, not dropped.
    const unread = await post("/admin/spaces/S4", { ...form, intent: "verify", areaSqm: "4 800" });
    expect(unread.status).toBe(200);
    expect(valueOf(await unread.text(), "areaSqm")).toBe("4 800");
    // A text field respelt is an edit (its text is what is stored).
    const title = await post("/admin/spaces/S4", { ...form, intent: "verify", title: `${String(form.title)}。` });
    expect(title.status).toBe(200);
  });
});

// dash32's leftover (ADR 134 "Left", done in ADR 143): 停用 / 恢复 pressed with unsaved typing said "not saved" only
// at the edit form — on a phone a screen or more above the button pressed. The retire panel says it too, right
// after its button, whether the step was refused, done or a restore.
describe("the retire panel says the edit form's typing is not saved, beside its button", () => {
  /** What the retire panel (its section) says after its button. */
  const afterButton = (html: string) => {
    const section = /<section aria-labelledby="retire-h">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
    const button = section.search(/<button[^>]*name="intent"[^>]*value="(?:retire|restore)"/);
    return button >= 0 ? section.slice(button) : "";
  };
  const notice = (html: string) => /data-retire-unsaved="">([^<]*)</.exec(afterButton(html))?.[1];

  it("refused (box not ticked), done, restored — a space, a park, a recruiter, zh and en; nothing typed: no notice", async () => {
    const cases: [Collection, string, string, string, "zh" | "en"][] = [
      ["spaces", "S5", "title", "停用前改的（低项）", "zh"],
      ["parks", "GC-DB", "name", "改名的园区（低项）", "zh"],
      ["recruiters", "R2", "phone", "13901433399", "en"],
    ];
    for (const [collection, id, field, typed, lng] of cases) {
      const path = `/admin/${collection}/${id}${lng === "en" ? "?lng=en" : ""}`;
      const refused = await post(path, { ...(await pageForm(collection, id, lng)).form, intent: "retire", [field]: typed });
      expect(refused.status, `${collection} refused`).toBe(400);
      expect(notice(await refused.text()), `${collection} refused`).toMatch(lng === "zh" ? /表单中的修改尚未保存（/ : /not saved yet \(/);
      const done = await post(path, { ...(await pageForm(collection, id, lng)).form, intent: "retire", confirm: "on", [field]: typed });
      expect(done.status, `${collection} done`).toBe(200);
      expect(notice(await done.text()), `${collection} done`).toBeTruthy();
      const restored = await post(path, { ...(await pageForm(collection, id, lng)).form, intent: "restore", [field]: typed });
      expect(restored.status, `${collection} restored`).toBe(200);
      expect(notice(await restored.text()), `${collection} restored`).toBeTruthy();
    }
    const plain = await post("/admin/spaces/S6", { ...(await pageForm("spaces", "S6")).form, intent: "retire" });
    expect(plain.status).toBe(400);
    expect(notice(await plain.text())).toBeUndefined();
  });
});
