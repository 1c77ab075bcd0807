import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { browserSuite } from "../support/browser-suite";

// The confirmation page on a phone (390 px, ADR 102): the need sent, in the page's language, nothing
// about who sent it; the same need sent again from a fresh form says so with the first reference; the
// figure boxes open the keyboard with words, not a digits-only pad. Screenshots for a look.
const suite = browserSuite("e2e_inquiry_page");
const SHOTS = new URL("./screenshots/", import.meta.url).pathname;

async function phone(): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", hasTouch: true });
  const page = await context.newPage();
  return { page, close: () => context.close() };
}

async function send(page: Page, company: string) {
  await page.goto(`${suite.web.url}/`);
  await page.locator('form[data-enhanced="true"]').waitFor({ timeout: 30_000 });
  await page.getByLabel("厂房", { exact: true }).check();
  await page.getByLabel("租赁", { exact: true }).check();
  await page.getByLabel("最小面积").fill("5千");
  await page.getByLabel("最大面积").fill("8000平");
  await page.getByLabel("意向区域").fill("高淳、溧水");
  await page.getByLabel("最晚入驻时间").fill("2031-03");
  await page.getByLabel("所属行业").selectOption("C35");
  await page.getByLabel("主要产品或业务").fill("数控机床");
  await page.getByLabel("预计年纳税（万元）").fill("约300");
  await page.getByLabel("公司名称").fill(company);
  await page.getByLabel("联系人姓名").fill("钱经理");
  await page.getByLabel("联系电话").fill("13912348765");
  await page.getByLabel(/我同意/).check();
  await page.getByRole("button", { name: "提交需求" }).click();
  await page.waitForURL(/\/inquiry\/PM-\d{8}-\d{4}\?k=/, { timeout: 30_000 }).catch(async (e) => {
    throw new Error(`no confirmation; page says: ${(await page.locator("main").innerText()).slice(0, 2000)}`, { cause: e });
  });
}

describe("the confirmation page on a phone", () => {
  it("shows the need sent, and a second send of the same need names the first reference", { timeout: 120_000 }, async () => {
    const { page, close } = await phone();
    try {
      await send(page, "南京手机回执测试有限公司");
      const first = (await page.getByTestId("reference").innerText()).trim();
      const summary = page.getByTestId("summary");
      expect(await summary.innerText()).toMatch(/厂房 · 租赁[\s\S]*5000–8000㎡[\s\S]*高淳、溧水[\s\S]*2031年3月/);
      expect(await page.locator("main").innerText()).not.toMatch(/南京手机回执|钱经理|13912348765/);
      await page.screenshot({ path: `${SHOTS}inquiry-summary-phone.png`, fullPage: true });
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
      // A fresh form, the same need and phone (the person was not sure it went through).
      await send(page, "南京手机回执测试有限公司");
      expect(await page.getByTestId("repeat").innerText()).toContain(`您已提交过相同的需求，编号 ${first}，不必再次提交`);
      // The number to keep is the first one, the one staff work (ADR 108).
      expect((await page.getByTestId("reference").innerText()).trim()).toBe(first);
      await page.screenshot({ path: `${SHOTS}inquiry-repeat-phone.png`, fullPage: true });
      // English, through the page's own switch (the key travels with it).
      await page.getByRole("link", { name: "English" }).click();
      await expect.poll(() => summary.innerText(), { timeout: 30_000 }).toMatch(/Factory building · Lease[\s\S]*March 2031/);
    } finally {
      await close();
    }
  });

  it("walking references ends on a plain page that says how long to wait, with the hotline", { timeout: 60_000 }, async () => {
    const { page, close } = await phone();
    try {
      for (let i = 0; i < 20; i++) await page.request.get(`${suite.web.url}/inquiry/PM-20260101-${9000 + i}`);
      const res = await page.goto(`${suite.web.url}/inquiry/PM-20260101-8999`);
      expect(res?.status()).toBe(429);
      expect(await page.getByRole("alert").innerText()).toMatch(/^查询次数过多，请 \d+ 分钟后再试。$/);
      expect(await page.locator("main a.tel").count()).toBe(1);
      await page.screenshot({ path: `${SHOTS}inquiry-too-many-phone.png` });
    } finally {
      await close();
    }
  });

  it("the figure boxes take words on a phone keyboard: no digits-only pad", async () => {
    const { page, close } = await phone();
    try {
      await page.goto(`${suite.web.url}/`);
      const modes = await page.$$eval("input[name^='need.'], input[name^='tax.']", (inputs) =>
        inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).inputMode, (i as HTMLInputElement).type]),
      );
      expect(modes.filter(([, mode, type]) => mode === "decimal" || mode === "numeric" || type === "number" || type === "month")).toEqual(
        [],
      );
      await page.getByLabel("最小面积").fill("约5千平");
      expect(await page.getByLabel("最小面积").inputValue()).toBe("约5千平");
    } finally {
      await close();
    }
  });
});
