import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { browserSuite } from "../support/browser-suite";

// ADR 154 in Chromium with JavaScript: a place of the notes that several places share ("Lishui", 鼓楼) is asked live under the
// notes, in the page's language, with a button per place; a tap puts the places in the regions box (no submit) and the question
// goes; an English place alone in its clause is named live once the server resolved it.
const suite = browserSuite("e2e_places35");
const POLL = { timeout: 30_000, interval: 100 };

async function open(lng: "zh" | "en"): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await suite.browser.newContext({
    locale: lng === "en" ? "en-US" : "zh-CN",
    viewport: { width: 390, height: 844 },
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto(`${suite.web.url}/${lng === "en" ? "?lng=en" : ""}`);
  await page.locator('form[data-enhanced="true"]').waitFor({ timeout: 30_000 });
  return { page, close: () => context.close() };
}

describe("a name several places share, asked as one types", () => {
  it(
    "en: “Need 5000 sqm, Lishui” — asked with both places; a tap fills Preferred districts, nothing sent",
    { timeout: 90_000 },
    async () => {
      const { page, close } = await open("en");
      try {
        await page.getByLabel("Anything else").fill("Need 5000 sqm, Lishui");
        const question = page.locator('[data-assist-line="choices"]');
        await expect.poll(() => question.innerText(), POLL).toContain("“Lishui” names more than one place");
        const nanjing = question.getByRole("button", { name: "Lishui District, Nanjing, Jiangsu (江苏省南京市溧水区)" });
        await expect.poll(() => nanjing.count(), POLL).toBe(1);
        await expect.poll(() => question.getByRole("button", { name: "Lishui, Zhejiang (浙江省丽水市)" }).count(), POLL).toBe(1);
        await nanjing.tap();
        await expect.poll(() => page.getByLabel("Preferred districts").inputValue(), POLL).toBe("江苏省南京市溧水区");
        await expect.poll(() => question.isHidden(), POLL).toBe(true);
        expect(page.url()).not.toMatch(/inquiry\/PM-/);
      } finally {
        await close();
      }
    },
  );

  it("zh: 鼓楼或者江宁都行 — asked which 鼓楼, the choice keeps 江宁 beside it", { timeout: 90_000 }, async () => {
    const { page, close } = await open("zh");
    try {
      await page.getByLabel("补充说明").fill("鼓楼或者江宁都行");
      const question = page.locator('[data-assist-line="choices"]');
      await expect.poll(() => question.innerText(), POLL).toContain("“鼓楼”有不止一处同名的地方");
      await question.getByRole("button", { name: "江苏省南京市鼓楼区" }).tap();
      await expect.poll(() => page.getByLabel("意向区域").inputValue(), POLL).toBe("江苏省南京市鼓楼区、江宁");
      // The names asked ride with the form: sent now, it is not held to ask again.
      expect(await page.locator('input[name="placesAsked"]').inputValue()).toBe("鼓楼");
    } finally {
      await close();
    }
  });

  it(
    "en: a place alone in its clause (“…, Gaochun”) is named live once the server resolved it; “Regards, Li” is not sent",
    { timeout: 90_000 },
    async () => {
      const { page, close } = await open("en");
      const asked: string[] = [];
      page.on("request", (r) => {
        const q = new URL(r.url()).searchParams.get("resolve");
        if (q) asked.push(q);
      });
      try {
        await page.getByLabel("Anything else").fill("Need 5000 sqm factory, Gaochun. Regards, Li");
        const places = page.locator('[data-assist-line="places"]');
        await expect.poll(() => places.innerText(), POLL).toContain("Gaochun");
        expect(asked).toContain("Gaochun");
        expect(asked).not.toContain("Li");
      } finally {
        await close();
      }
    },
  );
});
