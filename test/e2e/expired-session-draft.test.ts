import { mkdirSync } from "node:fs";

import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";
import { matchTestLead, storeTestLead } from "../support/routed-lead";

// The sign-in ends (signed out in another tab, the cookie gone) while a staff member types; they press
// save and are sent to /login?expired=1. In headless Chromium: after signing in again they are back on
// the page with what they typed put back into the same form and a note saying so — nothing was sent —
// and saving then goes through and the kept copy is gone (ADR 085). Another account signing in on the
// same browser tab finds nothing of it.
let assignmentId: string;
const PASSWORD = "draft-e2e-秘密-2026";
const SHOTS = "test/e2e/screenshots";
const RESTORED = "上次未保存的内容已恢复，请核对后再提交";

const suite = browserSuite("e2e_draft", { seed, timeout: 180_000 });

async function seed({ db }: BrowserSuite): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const lead = await storeTestLead(db.sql, "南京草稿测试有限公司", "13812345678");
  await matchTestLead(db.sql, lead.id, "GC-EDZ");
  await db.sql.begin((tx) => routeLead(tx, lead.id, { slaMinutes: 120, noticeFallbackMs: 90_000 }));
  [{ id: assignmentId }] = await db.sql<{ id: string }[]>`select id from assignments where lead_id = ${lead.id}`;
  const hash = await hashPassword(PASSWORD);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values
    ('desk@example.test', '热线坐席', 'hotline', null, ${hash}),
    ('desk2@example.test', '另一位坐席', 'hotline', null, ${hash}),
    ('rec@example.test', '周敏', 'recruiter', 'R1', ${hash})`;
}

const hydrated = (page: Page) => page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined);

/** Fills the sign-in form `page` shows and waits for `next`. */
async function signInHere(page: Page, email: string, next: string) {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[type="password"]').fill(PASSWORD);
  await page.locator('input[type="password"]').press("Enter");
  await page.waitForURL((url) => url.pathname === next);
  await hydrated(page);
}

async function signIn(page: Page, email: string, next: string) {
  await page.goto(`${suite.web.url}/login?next=${encodeURIComponent(next)}`);
  await signInHere(page, email, next);
}

/** Signs out in another tab of the same browser: the first tab's session has ended. */
async function signOutElsewhere(context: BrowserContext, next: string) {
  const tab = await context.newPage();
  await tab.goto(`${suite.web.url}${next}`);
  await hydrated(tab);
  await tab.getByRole("button", { name: "退出登录" }).click();
  await tab.waitForURL((url) => url.pathname !== next);
  await tab.close();
}

/** The kept copies in the tab's sessionStorage (ADR 085). */
const drafts = (page: Page) => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("pm-draft:")));

const leadsOf = (phone: string) => suite.db.sql`select 1 from leads where phone = ${`+86${phone}`}`;

/** Types the caller into the desk's lead form. */
async function typeLead(page: Page, phone: string) {
  await page.locator('input[name="contact.phone"]').fill(phone);
  await page.locator('input[name="company.name"]').fill("合肥草稿仓储有限公司");
  await page.locator('input[name="contact.name"]').fill("王经理");
  await page.getByLabel("仓库", { exact: true }).check();
  await page.locator('textarea[name="need.notes"]').fill("要一个两千平米的冷库，最好在经开区");
  await page.locator('input[name="consent"]').check();
}

const saveLead = (page: Page) => page.locator('.desk-actions button[name="intent"][value="save"]').click();
const expiredLogin = (page: Page) => page.waitForURL((url) => url.pathname === "/login" && url.searchParams.get("expired") === "1");

describe("the hotline desk's lead after the session ended", () => {
  it("comes back after signing in again, not sent; saved then, the kept copy is gone", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, "desk@example.test", "/hotline");
    await typeLead(page, "13955556666");

    await signOutElsewhere(context, "/hotline");
    await saveLead(page);
    await expiredLogin(page);
    await expect
      .poll(() => page.getByRole("alert").allInnerTexts())
      .toContain("登录已失效，刚才提交的内容没有保存。请重新登录，登录后会回到原来的页面，请再提交一次。");
    await expect
      .poll(() => page.getByRole("status").allInnerTexts())
      .toContain(
        "刚才填写的内容已暂存在这个浏览器标签页里：用同一账号登录后回到原来的页面，内容会填回原处（不会自动提交），核对后再提交即可。",
      );
    await signInHere(page, "desk@example.test", "/hotline");

    const phone = page.locator('input[name="contact.phone"]');
    await expect.poll(() => phone.inputValue()).toBe("13955556666");
    expect(await page.locator('input[name="company.name"]').inputValue()).toBe("合肥草稿仓储有限公司");
    expect(await page.locator('input[name="contact.name"]').inputValue()).toBe("王经理");
    expect(await page.getByLabel("仓库", { exact: true }).isChecked()).toBe(true);
    expect(await page.locator('textarea[name="need.notes"]').inputValue()).toBe("要一个两千平米的冷库，最好在经开区");
    // The caller's consent is confirmed again for this submission: never put back ticked (ADR 093).
    expect(await page.locator('input[name="consent"]').isChecked()).toBe(false);
    const note = page.locator(".desk-form").getByRole("status").filter({ hasText: RESTORED });
    expect(await note.innerText()).toContain(RESTORED);
    expect(await leadsOf("13955556666")).toHaveLength(0); // put back, never sent by itself
    await page.screenshot({ path: `${SHOTS}/expired-draft-hotline-phone.png`, fullPage: true });

    await page.locator('input[name="consent"]').check();
    await saveLead(page);
    await expect
      .poll(() => page.getByRole("status").allInnerTexts(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining("已保存线索")]));
    expect(await leadsOf("13955556666")).toHaveLength(1);
    await expect.poll(() => drafts(page)).toEqual([]);
    expect(await phone.inputValue()).toBe("");
    await page.reload();
    await hydrated(page);
    expect(await page.locator('input[name="contact.phone"]').inputValue()).toBe("");
    expect(await page.getByText(RESTORED).count()).toBe(0);
    await context.close();
  }, 120_000);

  it("is not shown to another account signing in on the same tab, and is gone for the first one too", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, "desk@example.test", "/hotline");
    await typeLead(page, "13955557777");
    await context.clearCookies({ name: "pm_staff" });
    await saveLead(page);
    await expiredLogin(page);
    await expect.poll(() => drafts(page)).toHaveLength(1); // kept in this tab until someone signs in

    await signInHere(page, "desk2@example.test", "/hotline");
    await expect.poll(() => drafts(page)).toEqual([]);
    expect(await page.locator('input[name="contact.phone"]').inputValue()).toBe("");
    expect(await page.locator('input[name="company.name"]').inputValue()).toBe("");
    expect(await page.getByText(RESTORED).count()).toBe(0);

    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    await signIn(page, "desk@example.test", "/hotline");
    expect(await page.locator('input[name="contact.phone"]').inputValue()).toBe("");
    expect(await page.getByText(RESTORED).count()).toBe(0);
    expect(await leadsOf("13955557777")).toHaveLength(0);
    await context.close();
  }, 120_000);
});

describe("a recruiter's note after the session ended", () => {
  it("comes back in the note's box after signing in again, not sent; saved then, the kept copy is gone", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const here = `/queue/assignments/${assignmentId}`;
    await signIn(page, "rec@example.test", here);
    const note = "客户说周五下午来看冷库，要带消防验收材料。";
    const box = page.locator('textarea[name="body"]');
    await box.fill(note);

    await context.clearCookies({ name: "pm_staff" });
    await page.locator('form:has(textarea[name="body"]) button[type="submit"]').click();
    await expiredLogin(page);
    await signInHere(page, "rec@example.test", here);

    await expect.poll(() => box.inputValue()).toBe(note);
    expect(await page.locator('form:has(textarea[name="body"])').getByRole("status").innerText()).toContain(RESTORED);
    expect(await suite.db.sql`select 1 from lead_notes where body = ${note}`).toHaveLength(0);

    await page.locator('form:has(textarea[name="body"]) button[type="submit"]').click();
    await expect.poll(async () => (await suite.db.sql`select 1 from lead_notes where body = ${note}`).length, { timeout: 15_000 }).toBe(1);
    await expect.poll(() => box.inputValue()).toBe("");
    await expect.poll(() => drafts(page)).toEqual([]);
    expect(await page.getByText(RESTORED).count()).toBe(0);
    await context.close();
  }, 120_000);

  it("in English: the note says so, and 'Clear the restored text' empties the box and drops the copy", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const here = `/queue/assignments/${assignmentId}`;
    await page.goto(`${suite.web.url}/login?lng=en&next=${encodeURIComponent(`${here}?lng=en`)}`);
    await signInHere(page, "rec@example.test", here);
    const box = page.locator('textarea[name="body"]');
    await box.fill("Visit on Friday");
    await context.clearCookies({ name: "pm_staff" });
    await page.locator('form:has(textarea[name="body"]) button[type="submit"]').click();
    await expiredLogin(page);
    await signInHere(page, "rec@example.test", here);
    expect(new URL(page.url()).searchParams.get("lng")).toBe("en");
    await expect.poll(() => box.inputValue()).toBe("Visit on Friday");
    const note = page.locator('form:has(textarea[name="body"])').getByRole("status");
    expect(await note.innerText()).toContain("What you sent last time was not saved and has been put back.");

    await note.getByRole("button", { name: "Clear the restored text" }).click();
    expect(await box.inputValue()).toBe("");
    expect(await drafts(page)).toEqual([]);
    expect(await page.getByText("has been put back").count()).toBe(0);
    await page.reload();
    await hydrated(page);
    expect(await page.locator('textarea[name="body"]').inputValue()).toBe("");
    await context.close();
  }, 120_000);
});
