import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { type BrowserSuite, browserSuite } from "../support/browser-suite";

// ADR 093: consent is an act of the submission it goes with. What a person typed may come back (the
// browser's form restoration on back and reload, a page from the back-forward cache), the consent box
// never comes back ticked; a server re-render after a refused post shows the box as that very post had it.
const suite: BrowserSuite = browserSuite("consent_not_restored", {});
const SHOTS = new URL("./screenshots/", import.meta.url).pathname;

async function open(javaScriptEnabled: boolean): Promise<Page> {
  const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(`${suite.web.url}/`);
  if (javaScriptEnabled) await page.locator('form[data-enhanced="true"]').waitFor({ timeout: 30_000 });
  return page;
}

const consent = (page: Page) => page.getByLabel(/我同意/);
const company = (page: Page) => page.getByLabel("公司名称");

describe("the inquiry form's consent box never comes back ticked", () => {
  it("back to the form: the typing is there, the box is not ticked", async () => {
    const page = await open(true);
    await company(page).fill("南京同意测试机械有限公司");
    await page.getByLabel("联系人姓名").fill("赵经理");
    await consent(page).check();
    await page.goto(`${suite.web.url}/privacy`);
    await page.goBack();
    await page.locator('form[data-enhanced="true"]').waitFor({ timeout: 30_000 });
    expect(await company(page).inputValue()).toBe("南京同意测试机械有限公司"); // the browser kept the typing
    expect(await consent(page).isChecked()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/consent-after-back-phone.png`, fullPage: false });
  });

  it("a page from the back-forward cache: the script puts the box back as the server rendered it", async () => {
    const page = await open(true);
    await consent(page).check();
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true })));
    expect(await consent(page).isChecked()).toBe(false);
    // A page that was not cached (persisted false) is not touched: the person's tick of this page stays.
    await consent(page).check();
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: false })));
    expect(await consent(page).isChecked()).toBe(true);
  });

  it("without JavaScript: a refused post shows the box as that post had it; back from elsewhere it is not ticked", async () => {
    const page = await open(false);
    await company(page).fill("南京同意测试二部有限公司");
    await consent(page).check();
    await page.getByRole("button", { name: "提交" }).click();
    await page.waitForLoadState();
    expect(await page.locator(".field-error, [id$='-error']").count()).toBeGreaterThan(0); // refused: need, phone … missing
    expect(await company(page).inputValue()).toBe("南京同意测试二部有限公司");
    expect(await consent(page).isChecked()).toBe(true); // ticked in that very post
    await consent(page).uncheck();
    await page.getByRole("button", { name: "提交" }).click();
    await page.waitForLoadState();
    expect(await consent(page).isChecked()).toBe(false); // not ticked in that post
    await consent(page).check();
    await page.goto(`${suite.web.url}/privacy`);
    await page.goBack();
    expect(await consent(page).isChecked()).toBe(false);
  });
});
