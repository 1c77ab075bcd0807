import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { type BrowserSuite, browserSuite } from "../support/browser-suite";

// ADR 180, in real Chromium on the inquiry form:
//  - trial L1: the tax box's reading (预计纳税 → 300 万元/年) stood under 员工人数 — after the row of four boxes, which wraps
//    two by two. Each reading now stands right under its own box: the tax's inside the tax field, the area's before 几栋.
//  - trial M2: an area typed in 亩 in the notes is said back in 亩 ("约50亩（约33333㎡）").
//  - fixes37: the live reading lists the clauses it did not read ("带月台"), as the confirmation page does.
const suite: BrowserSuite = browserSuite("readings_beside", {});

async function open(browser: Browser, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${suite.web.url}/`);
  await page.locator('form[data-enhanced="true"]').waitFor({ timeout: 30_000 });
  return page;
}

/** The box's rectangle and the reading's: the reading is under the box, overlapping it across, nearer than any other box. */
async function under(page: Page, box: string, reading: string) {
  const b = (await page.locator(`[name="${box}"]`).boundingBox())!;
  const r = (await page.locator(reading).boundingBox())!;
  return { below: r.y >= b.y + b.height - 1, gap: r.y - (b.y + b.height), across: r.x < b.x + b.width && b.x < r.x + r.width };
}

describe("each reading beside its own box (ADR 180)", () => {
  for (const width of [390, 1024]) {
    it(`the tax's reading is under the tax box, the area's under the area boxes (${width}px)`, async () => {
      const page = await open(suite.browser, width);
      await page.locator('[name="tax.annualTaxWan"]').fill("年纳税三百万");
      await page.locator('[name="tax.employees"]').fill("120");
      await expect.poll(() => page.locator("[data-tax-reading]").isVisible()).toBe(true);
      expect(await page.locator("[data-tax-reading]").innerText()).toMatch(/300/);
      const tax = await under(page, "tax.annualTaxWan", "[data-tax-reading]");
      expect(tax.below && tax.across, JSON.stringify(tax)).toBe(true);
      // Nearer the tax box than the boxes after it: the reading comes before 投资/员工人数 in the page's order.
      const order = await page.evaluate(() => {
        const r = document.querySelector("[data-tax-reading]")!;
        const after = (name: string) =>
          !!(r.compareDocumentPosition(document.querySelector(`[name="${name}"]`)!) & Node.DOCUMENT_POSITION_FOLLOWING);
        return { investment: after("tax.investmentWan"), employees: after("tax.employees"), tax: after("tax.annualTaxWan") };
      });
      expect(order).toEqual({ investment: true, employees: true, tax: false });

      await page.locator('[name="need.areaMin"]').fill("约50");
      await page.locator('input[name="need.areaUnit"][value="mu"]').check();
      await expect.poll(() => page.locator("[data-area-reading]").innerText()).toMatch(/45–55亩/);
      const area = await page.evaluate(() => {
        const r = document.querySelector("[data-area-reading]")!;
        const follows = (name: string) =>
          !!(r.compareDocumentPosition(document.querySelector(`[name="${name}"]`)!) & Node.DOCUMENT_POSITION_FOLLOWING);
        return { max: follows("need.areaMax"), count: follows("need.unitCount") };
      });
      expect(area).toEqual({ max: false, count: true });
      await page.context().close();
    });
  }

  it("the live reading says an area in 亩 in 亩, and lists the clause it did not read", async () => {
    const page = await open(suite.browser, 1024);
    await page.locator('input[name="need.kind"][value="land"]').check();
    await page.locator('[name="need.notes"]').fill("要50亩地，要有5吨行车，带月台");
    const line = (part: string) => page.locator(`[data-assist-line="${part}"]`);
    await expect.poll(() => line("understood").innerText(), { timeout: 20_000 }).toMatch(/约50亩（约33333㎡）/);
    await expect.poll(() => line("notRead").isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await line("notRead").innerText()).toMatch(/带月台/);
    expect(await line("notRead").innerText()).not.toMatch(/行车/);
    await page.context().close();
  });
});
