import { mkdirSync } from "node:fs";

import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { E2E_WAIT_MS, hydrated, signInByForm } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";

// docs/decisions/124 in Chromium, with and without JavaScript: a space's 停用 pressed with the edit form
// typed in (refused for the unticked box, then done) keeps the typing and says it is not saved; the
// spaces list pages past 200 rows by its links. Screenshots at 390 px.
const EMAIL = "desk30-e2e@example.test";
const PASSWORD = "admin-三十号-浏览器-2026";
const SHOTS = new URL("./screenshots/", import.meta.url);

const suite = browserSuite("desk30_steps_e2e", { seed });

async function seed({ db }: BrowserSuite): Promise<void> {
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`
    insert into spaces
    select (jsonb_populate_record(null::spaces, to_jsonb(s) || jsonb_build_object('id', 'G' || g, 'title', '生成厂房' || g))).*
    from spaces s, generate_series(1, 230) g where s.id = 'S10'`;
  await db.sql`insert into users (email, name, role, password_hash) values (${EMAIL}, '三十号管理员', 'admin', ${await hashPassword(PASSWORD)})`;
  mkdirSync(SHOTS, { recursive: true });
}

async function signedIn(javaScriptEnabled: boolean): Promise<Page> {
  const context = await suite.browser.newContext({ javaScriptEnabled, locale: "zh-CN", viewport: { width: 390, height: 844 } });
  suite.defer(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(E2E_WAIT_MS);
  await signInByForm(page, suite.web.url, { email: EMAIL, password: PASSWORD, home: "/admin" }, javaScriptEnabled);
  await hydrated(page, javaScriptEnabled);
  return page;
}

describe("a space page's retire keeps the edit form's typing", () => {
  for (const [javaScriptEnabled, id] of [
    [false, "S3"],
    [true, "S5"],
  ] as const) {
    it(`${javaScriptEnabled ? "with" : "without"} JavaScript: refused, then done, the typed title stays and is said unsaved`, async () => {
      const page = await signedIn(javaScriptEnabled);
      await page.goto(`${suite.web.url}/admin/spaces/${id}`);
      await hydrated(page, javaScriptEnabled);
      const title = page.locator('form#inventory-spaces [name="title"]');
      await title.fill("停用前改的标题（浏览器）");
      await page.getByRole("button", { name: "停用", exact: true }).click();
      await expect.poll(() => page.getByLabel("我确认停用").getAttribute("aria-invalid")).toBe("true");
      expect(await title.inputValue()).toBe("停用前改的标题（浏览器）");
      await expect.poll(() => page.locator("form#inventory-spaces").innerText()).toContain("表单中的修改尚未保存（名称）");
      await page.getByLabel("我确认停用").check();
      await page.getByRole("button", { name: "停用", exact: true }).click();
      await expect.poll(() => page.locator("[data-retire-done]").innerText()).toContain("已停用");
      expect(await title.inputValue()).toBe("停用前改的标题（浏览器）");
      expect(await page.locator("form#inventory-spaces").innerText()).toContain("表单中的修改尚未保存（名称）");
      const [row] = await suite.db.sql<
        { title: string; retired: boolean }[]
      >`select title, retired_at is not null as retired from spaces where id = ${id}`;
      expect(row.retired).toBe(true);
      expect(row.title).not.toBe("停用前改的标题（浏览器）");
      if (!javaScriptEnabled)
        await page.screenshot({ path: new URL("desk30-retire-kept-typing-phone.png", SHOTS).pathname, fullPage: true });
    });
  }
});

describe("/admin/spaces past 200 rows", () => {
  it("the next link (no JavaScript) shows rows 201 on, the previous link goes back", async () => {
    const page = await signedIn(false);
    await page.goto(`${suite.web.url}/admin/spaces`);
    expect(await page.locator("[data-space]").count()).toBe(200);
    await page.getByRole("link", { name: "下一页" }).click();
    await expect.poll(() => page.locator("caption").innerText()).toMatch(/第 201–\d+ 条/);
    // The caption streams in before the rows (CI once counted 15 mid-load): wait for the whole page, then
    // the rows shown are the caption's range.
    await page.waitForLoadState("load");
    const last = Number(/第 201–(\d+) 条/.exec(await page.locator("caption").innerText())?.[1]);
    expect(last).toBeGreaterThan(230);
    expect(await page.locator("[data-space]").count()).toBe(last - 200);
    await page.screenshot({ path: new URL("desk30-spaces-page-2-phone.png", SHOTS).pathname, fullPage: false });
    await page.getByRole("link", { name: "上一页" }).click();
    await expect.poll(() => page.locator("caption").innerText()).toMatch(/第 1–200 条/);
  });
});
