import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";
import type { Collection } from "~/inventory/inventory-columns";
import { editFormShape } from "~/inventory/inventory-edit.server";
import { decodeBase } from "~/utils/edit-merge.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { startWebServer } from "../support/services";
import { webClient } from "../support/staff-web";

// dash32's leftover (ADR 134 "Left", done in ADR 143): 停用 / 恢复 pressed with unsaved typing in the edit
// form said "not saved" only at the edit form — on a phone a screen or more above the button pressed. The
// retire panel now says it too, right after its button, whether the step was refused, done or a restore.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const EMAIL = "lows33-admin@example.test";
const PASSWORD = "admin-低项-三十三-2026";
let cookie = "";
let csrf = "";

beforeAll(async () => {
  db = await createTestDatabase("lows33_retire_unsaved");
  web = await startWebServer({ DATABASE_URL: db.url });
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`insert into users (email, name, role, password_hash) values (${EMAIL}, '低项管理员', 'admin', ${await hashPassword(PASSWORD)})`;
  cookie = await webClient(web.url).signIn(EMAIL, PASSWORD);
  csrf = await webClient(web.url).csrfOf("/admin/spaces/S2", cookie);
}, 120_000);
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

const post = (path: string, form: Record<string, string | string[]>) =>
  webClient(web.url).post(path, new URLSearchParams(Object.entries(form).flatMap(([k, v]) => [v].flat().map((x) => [k, x]))), cookie);
async function pageForm(collection: Collection, id: string, lng: "zh" | "en" = "zh") {
  const page = await (await fetch(`${web.url}/admin/${collection}/${id}${lng === "en" ? "?lng=en" : ""}`, { headers: { cookie } })).text();
  const base = /name="base" value="([^"]+)"/.exec(page)![1];
  return { ...Object.fromEntries(editFormShape(collection).fields.map((k) => [k, ""])), ...decodeBase(base)!, csrf, base } as Record<
    string,
    string | string[]
  >;
}

/** The retire panel's markup (its section) and what it says after its button. */
function panel(html: string) {
  const section = /<section aria-labelledby="retire-h">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
  const button = section.search(/<button[^>]*name="intent"[^>]*value="(?:retire|restore)"/);
  return { section, afterButton: button >= 0 ? section.slice(button) : "" };
}
const notice = (s: string) => /data-retire-unsaved="">([^<]*)</.exec(s)?.[1];

describe("the retire panel says the edit form's typing is not saved, beside its button", () => {
  it("refused (box not ticked), done, restored — spaces, parks, recruiters, zh and en", async () => {
    const cases: [Collection, string, string, string, "zh" | "en"][] = [
      ["spaces", "S5", "title", "停用前改的（低项）", "zh"],
      ["parks", "GC-MED", "name", "改名的园区（低项）", "zh"],
      ["recruiters", "R3", "phone", "13901433399", "en"],
    ];
    for (const [collection, id, field, typed, lng] of cases) {
      const path = `/admin/${collection}/${id}${lng === "en" ? "?lng=en" : ""}`;
      const refused = await post(path, { ...(await pageForm(collection, id, lng)), intent: "retire", [field]: typed });
      expect(refused.status, `${collection} refused`).toBe(400);
      const r = panel(await refused.text());
      expect(notice(r.afterButton), `${collection} refused`).toMatch(lng === "zh" ? /表单中的修改尚未保存（/ : /not saved yet \(/);

      const done = await post(path, { ...(await pageForm(collection, id, lng)), intent: "retire", confirm: "on", [field]: typed });
      expect(done.status, `${collection} done`).toBe(200);
      expect(notice(panel(await done.text()).afterButton), `${collection} done`).toBeTruthy();

      const restored = await post(path, { ...(await pageForm(collection, id, lng)), intent: "restore", [field]: typed });
      expect(restored.status, `${collection} restored`).toBe(200);
      expect(notice(panel(await restored.text()).afterButton), `${collection} restored`).toBeTruthy();
    }
  });

  it("nothing typed: no notice in the panel", async () => {
    const refused = await post("/admin/spaces/S6", { ...(await pageForm("spaces", "S6")), intent: "retire" });
    expect(refused.status).toBe(400);
    expect(notice(panel(await refused.text()).section)).toBeUndefined();
  });
});
