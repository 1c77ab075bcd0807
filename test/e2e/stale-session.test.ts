import { mkdirSync } from "node:fs";

import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";
import { matchTestLead, storeTestLead } from "../support/routed-lead";

// A staff member signs out and in again in a second tab (a new session, a new CSRF token) — or signs
// out for good — while the first tab holds what they are typing. In headless Chromium: the hotline
// desk's live lookup says so in its panel and the page stays, with the number as typed; the
// recruiter's note comes back with a banner, the text in the box, and goes through when sent again.
let assignmentId: string;
const PASSWORD = "stale-e2e-秘密-2026";
const SHOTS = "test/e2e/screenshots";

const suite = browserSuite("e2e_stale", { seed, timeout: 180_000 });

/** The rows this file's pages show (browserSuite runs it once the web server is up). */
async function seed({ db }: BrowserSuite): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const hash = await hashPassword(PASSWORD);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values
    ('desk@example.test', '热线坐席', 'hotline', null, ${hash}),
    ('rec@example.test', '周敏', 'recruiter', 'R1', ${hash}),
    ('adm@example.test', '管理员', 'admin', null, ${hash})`;
  const lead = await storeTestLead(db.sql, "南京标签页测试有限公司", "13812345678");
  await matchTestLead(db.sql, lead.id, "GC-EDZ");
  await db.sql.begin((tx) => routeLead(tx, lead.id, { slaMinutes: 120, noticeFallbackMs: 90_000 }));
  [{ id: assignmentId }] = await db.sql<{ id: string }[]>`select id from assignments where lead_id = ${lead.id}`;
}

const hydrated = (page: Page) => page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined);

/** Signs in at /login (`next` = the page to land on) in `page`. */
async function signIn(page: Page, email: string, next: string) {
  await page.goto(`${suite.web.url}/login?next=${encodeURIComponent(next)}`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[type="password"]').fill(PASSWORD);
  await page.locator('input[type="password"]').press("Enter");
  await page.waitForURL((url) => url.pathname === next);
  await hydrated(page);
}

/** The "other tab": signs out there (the first tab's session ends), and in again unless `stayOut`. */
async function otherTab(context: BrowserContext, email: string, next: string, stayOut = false) {
  const tab = await context.newPage();
  await tab.goto(`${suite.web.url}${next}`);
  await hydrated(tab);
  await tab.getByRole("button", { name: "退出登录" }).click();
  await tab.waitForURL((url) => url.pathname !== next);
  if (!stayOut) await signIn(tab, email, next);
  await tab.close();
}

describe("the hotline desk with a stale or ended session", () => {
  it("keeps the page and the number typed; the lookup panel says what happened", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const navigations: string[] = [];
    page.on("framenavigated", (f) => {
      if (f === page.mainFrame()) navigations.push(f.url());
    });
    await signIn(page, "desk@example.test", "/hotline");
    const phone = page.locator('input[name="contact.phone"]');
    await phone.click();
    await page.keyboard.type("139");
    const known = page.locator("#known");
    await expect.poll(() => known.innerText()).not.toContain("登录已失效");

    await otherTab(context, "desk@example.test", "/hotline");
    navigations.length = 0;
    await page.keyboard.type("1234");
    await expect.poll(() => known.innerText(), { timeout: 15_000 }).toContain("页面已过期（您可能在别处重新登录过）");
    expect(await phone.inputValue()).toBe("1391234");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("热线坐席台");
    expect(navigations).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/stale-hotline-signed-in-elsewhere.png`, fullPage: true });
    // The refusal handed over the session's token: the next keystroke's lookup goes through.
    await page.keyboard.type("5");
    await expect.poll(() => known.innerText(), { timeout: 15_000 }).not.toContain("页面已过期");

    await otherTab(context, "desk@example.test", "/hotline", true);
    await page.keyboard.type("678");
    await expect
      .poll(() => known.innerText(), { timeout: 15_000 })
      .toContain("登录已失效，请在新标签页重新登录后继续；已输入的内容仍在此页");
    expect(await phone.inputValue()).toBe("13912345678");
    expect(new URL(page.url()).pathname).toBe("/hotline");
    expect(navigations).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/stale-hotline-signed-out.png`, fullPage: true });
    await context.close();
  }, 120_000);
});

describe("a recruiter's note with a stale session", () => {
  it("comes back with a banner and the text kept, and goes through when sent again", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const here = `/queue/assignments/${assignmentId}`;
    await signIn(page, "rec@example.test", here);
    const note = "客户说下周三上午方便看厂房，带上消防验收材料。";
    const box = page.locator('textarea[name="body"]');
    await box.fill(note);

    await otherTab(context, "rec@example.test", here);
    await page.locator('form:has(textarea[name="body"]) button[type="submit"]').click();
    await expect
      .poll(() => page.getByRole("alert").allInnerTexts(), { timeout: 15_000 })
      .toContain("页面已过期（您可能在别处重新登录过）。内容已保留，请再次提交。");
    expect(await box.inputValue()).toBe(note);
    expect(new URL(page.url()).pathname).toBe(here);
    expect(await page.title()).not.toBe("");
    await page.screenshot({ path: `${SHOTS}/stale-note-kept-phone.png`, fullPage: true });
    expect(await suite.db.sql`select 1 from lead_notes where body = ${note}`).toHaveLength(0);

    await page.locator('form:has(textarea[name="body"]) button[type="submit"]').click();
    await expect.poll(async () => (await suite.db.sql`select 1 from lead_notes where body = ${note}`).length, { timeout: 15_000 }).toBe(1);
    await context.close();
  }, 120_000);
});

describe("an admin form with a stale session (a page without its own keeping: the shared clientAction)", () => {
  it("stays, with the banner and every field as typed; sent again, it goes through", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, "adm@example.test", "/admin/staff");
    const email = page.locator('input[name="email"]');
    await email.fill("new-desk@example.test");
    await page.locator('input[name="name"]').fill("新来的坐席");
    await page.locator('input[name="role"][value="hotline"]').check();

    await otherTab(context, "adm@example.test", "/admin/staff");
    const send = page.locator('form:has(input[name="email"]) button[type="submit"]');
    await send.click();
    await expect
      .poll(() => page.getByRole("alert").allInnerTexts(), { timeout: 15_000 })
      .toContain("页面已过期（您可能在别处重新登录过）。内容已保留，请再次提交。");
    expect(await email.inputValue()).toBe("new-desk@example.test");
    expect(await page.locator('input[name="name"]').inputValue()).toBe("新来的坐席");
    expect(new URL(page.url()).pathname).toBe("/admin/staff");
    expect(await suite.db.sql`select 1 from users where email = 'new-desk@example.test'`).toHaveLength(0);
    await page.screenshot({ path: `${SHOTS}/stale-admin-form-kept.png`, fullPage: true });

    await send.click();
    await expect
      .poll(async () => (await suite.db.sql`select 1 from users where email = 'new-desk@example.test'`).length, { timeout: 15_000 })
      .toBe(1);
    await context.close();
  }, 120_000);
});
