import { mkdirSync } from "node:fs";

import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { E2E_WAIT_MS, textOf } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";

// A form's errors belong to the answer that carried them. After a failed save and a corrected one that
// redirects back to the same page, nothing of the failed answer may stay on the page (the error
// summary, the field errors, aria-invalid); after a save's flash, a later answer (409) replaces it.
// Conform ignores an undefined lastResult, so every form takes it through useFormReply (forms.tsx).
const ADMIN = "stale-admin@example.test";
const DESK = "stale-desk@example.test";
const PASSWORD = "stale-错误-2026";
const SHOTS = new URL("./screenshots/", import.meta.url);

const suite = browserSuite("stale_form_errors_e2e", { seed });

/** The rows this file's pages show (browserSuite runs it once the web server is up). */
async function seed({ db }: BrowserSuite): Promise<void> {
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const hash = await hashPassword(PASSWORD);
  await db.sql`insert into users (email, name, role, password_hash) values (${ADMIN}, '管理员', 'admin', ${hash}), (${DESK}, '坐席', 'hotline', ${hash})`;
  mkdirSync(SHOTS, { recursive: true });
}

async function signedIn(email: string, next: string, javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page }> {
  const context = await suite.browser.newContext({ javaScriptEnabled, locale: "zh-CN", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  page.setDefaultTimeout(E2E_WAIT_MS);
  await page.goto(`${suite.web.url}/login?next=${encodeURIComponent(next)}`);
  await hydrated(page, javaScriptEnabled);
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await page.waitForURL((url) => url.pathname === next);
  await hydrated(page, javaScriptEnabled);
  return { context, page };
}

async function hydrated(page: Page, javaScriptEnabled: boolean) {
  if (javaScriptEnabled) await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined);
}

type RouterWindow = { __remixRouter: { state: { fetchers: Map<string, { state: string }> } } };

/** A promise and the function that resolves it (once; later calls do nothing). */
function settles(): { done: Promise<void>; settle: () => void } {
  let settle = () => {};
  const done = new Promise<void>((resolve) => (settle = resolve));
  return { done, settle };
}

const alerts = (page: Page) => page.locator('[role="alert"]').allInnerTexts();
const invalid = (page: Page) => page.locator('[aria-invalid="true"]').count();

describe("no stale errors after a corrected save", () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`admin space edit ${javaScriptEnabled ? "with" : "without"} JavaScript: two bad values, then fixed → saved, no error left`, async () => {
      const { context, page } = await signedIn(ADMIN, "/admin/spaces/S1", javaScriptEnabled);
      const area = page.getByLabel(/^面积/);
      const rent = page.getByLabel(/^租金/);
      await area.fill("-5千平");
      await rent.fill("1e9");
      await page.getByRole("button", { name: "保存", exact: true }).click();
      await expect.poll(() => alerts(page).then((a) => a.join("\n"))).toContain("有 2 处需要修改");
      expect(await invalid(page)).toBe(2);
      const fixed = javaScriptEnabled ? 7000 : 7500;
      await area.fill(`${fixed / 1000}千平`);
      await rent.fill(javaScriptEnabled ? "21" : "22");
      await page.getByRole("button", { name: "保存", exact: true }).click();
      await expect.poll(() => textOf(page, "[data-flash]")).toContain("已保存");
      const [s] = await suite.db.sql<{ areaSqm: number }[]>`select area_sqm from spaces where id = 'S1'`;
      expect(s.areaSqm).toBe(fixed);
      // The corrected answer replaced the failed one: no summary, no field error, nothing marked invalid.
      await expect.poll(() => invalid(page)).toBe(0);
      expect((await alerts(page)).filter((t) => t.trim() !== "")).toEqual([]);
      expect(await page.locator(".errors li").count()).toBe(0);
      if (javaScriptEnabled) await page.screenshot({ path: new URL("stale-space-saved-phone.png", SHOTS).pathname, fullPage: true });
      await context.close();
    });
  }

  it("hotline desk: after a saved lead, a second lead for the same number shows the 409 warning without the old flash", async () => {
    const { context, page } = await signedIn(DESK, "/hotline");
    const fillLead = async (company: string) => {
      await page.locator('[name="contact.phone"]').fill("13900007777");
      await page.locator('[name="company.name"]').fill(company);
      await page.locator('[name="contact.name"]').fill("钱经理");
      await page.locator('[name="need.kind"]').first().check();
      await page.locator('[name="need.notes"]').fill("要5000平左右的单层厂房，层高8米");
      await page.locator('[name="need.regions"]').fill("高淳区");
      await page.locator('[name="consent"]').check();
    };
    // First: a save with an error (no number), then the full lead → the flash names it, no error stays.
    await page.locator('[name="company.name"]').fill("南京陈旧提示机械有限公司");
    await page.locator('button[value="save"]:not(.hp)').click();
    await expect.poll(() => invalid(page)).toBeGreaterThan(0);
    await fillLead("南京陈旧提示机械有限公司");
    await page.locator('button[value="save"]:not(.hp)').click();
    await expect
      .poll(
        () =>
          page
            .locator("[data-flash]")
            .innerText()
            .catch(() => ""),
        { timeout: 20_000 },
      )
      .toMatch(/已保存线索 PM-/);
    await expect.poll(() => invalid(page)).toBe(0);
    // Second lead, same number: 409, the warning names the open lead; the old flash is gone.
    await fillLead("南京陈旧提示第二机械有限公司");
    await page.locator('button[value="save"]:not(.hp)').click();
    await expect.poll(() => alerts(page).then((a) => a.join("\n"))).toContain("这个号码已有未结束的线索");
    expect(await page.locator("[data-flash]").count()).toBe(0);
    expect(await page.getByText(/已保存线索/).count()).toBe(0);
    await page.screenshot({ path: new URL("stale-hotline-second-lead-phone.png", SHOTS).pathname, fullPage: true });
    await context.close();
  }, 90_000);

  it("hotline desk: a live lookup answered while the saved lead's page loads leaves that page's flash standing", async () => {
    // A busy machine, ordered on purpose: the save is answered only after a lookup was posted, and the
    // lookup only once the page after the save is loading; that page is answered once the lookup's
    // answer is in and the page's router has settled it. (With the lookups as router fetchers, the
    // answer made the router drop the loading page and keep the old one: no flash, the old form.)
    const { context, page } = await signedIn(DESK, "/hotline");
    const lookupPosted = settles();
    const pageLoading = settles();
    const lookupsAnswered: Promise<unknown>[] = [];
    await page.route(
      (url) => /^\/hotline\/(callers|matches)/.test(url.pathname),
      (route) => {
        lookupPosted.settle();
        const answered = pageLoading.done.then(async () => route.fulfill({ response: await route.fetch() })).catch(() => undefined);
        lookupsAnswered.push(answered);
        return answered;
      },
    );
    let saved = false;
    await page.route(
      (url) => url.pathname === "/hotline.data",
      async (route) => {
        if (route.request().method() === "POST") {
          await lookupPosted.done; // the save
          saved = true;
        } else if (saved) {
          saved = false; // the first load after the save: the desk's page after its redirect
          pageLoading.settle();
          await Promise.all(lookupsAnswered);
          await page.waitForFunction(() =>
            [...(window as unknown as RouterWindow).__remixRouter.state.fetchers.values()].every((f) => f.state === "idle"),
          );
        }
        await route.continue().catch(() => undefined); // an aborted request is gone
      },
    );
    await page.locator('[name="contact.phone"]').fill("13900008888");
    await page.locator('[name="company.name"]').fill("南京迟到查询机械有限公司");
    await page.locator('[name="contact.name"]').fill("孙经理");
    await page.locator('[name="need.kind"]').first().check();
    await page.locator('[name="need.regions"]').fill("高淳区"); // the match preview posts 300 ms after this
    await page.locator('[name="consent"]').check();
    await page.locator('button[value="save"]:not(.hp)').click();
    await expect.poll(() => textOf(page, "[data-flash]")).toMatch(/^已保存线索 PM-/);
    const reference = /PM-[\d-]+/.exec(await textOf(page, "[data-flash]"))?.[0];
    const [lead] = await suite.db.sql<{ companyName: string }[]>`select company_name from leads where reference = ${reference ?? ""}`;
    expect(lead?.companyName).toBe("南京迟到查询机械有限公司");
    // The saved lead's page: a fresh, empty form for the next call.
    expect(await page.locator('[name="company.name"]').inputValue()).toBe("");
    await page.unrouteAll({ behavior: "ignoreErrors" });
    await context.close();
  }, 90_000);
});
