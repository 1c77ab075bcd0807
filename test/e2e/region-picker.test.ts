import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { browserSuite } from "../support/browser-suite";

// The region picker of the inquiry form in Chromium: province → city → district with and without
// JavaScript, the search box with it, and an unknown region refused beside its field with suggestions.
const suite = browserSuite("e2e_regions");
const SHOTS = new URL("./screenshots/", import.meta.url).pathname;

async function open(
  javaScriptEnabled: boolean,
  lng: "zh" | "en" = "zh",
  viewport?: { width: number; height: number },
): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await suite.browser.newContext({
    javaScriptEnabled,
    locale: lng === "en" ? "en-US" : "zh-CN",
    viewport,
    hasTouch: viewport !== undefined && viewport.width < 600,
  });
  const page = await context.newPage();
  await page.goto(`${suite.web.url}/${lng === "en" ? "?lng=en" : ""}`);
  // The form's small script has run (ADR 041: the page loads no React; the script marks the form).
  if (javaScriptEnabled) await page.locator('form[data-enhanced="true"]').waitFor({ timeout: 30_000 });
  return { page, close: () => context.close() };
}

async function fillAllButRegions(page: Page, company: string) {
  await page.getByLabel("厂房", { exact: true }).check();
  await page.getByLabel("租赁", { exact: true }).check();
  await page.getByLabel("最小面积").fill("4000");
  await page.getByLabel("所属行业").selectOption("C35");
  await page.getByLabel("主要产品或业务").fill("数控机床");
  await page.getByLabel("预计年纳税（万元）").fill("300");
  await page.getByLabel("公司名称").fill(company);
  await page.getByLabel("联系人姓名").fill("钱经理");
  await page.getByLabel("联系电话").fill("13912345678");
  await page.getByLabel(/我同意/).check();
}

async function submitAndReadRegions(page: Page, company: string) {
  await page.getByRole("button", { name: "提交需求" }).click();
  // Stored, redirected and rendered: seconds on a busy 2-core machine (a desk save took 3 s there).
  await page.waitForURL(/\/inquiry\/PM-\d{8}-\d{4}/, { timeout: 30_000 }).catch(async (e) => {
    throw new Error(`no confirmation; page says: ${(await page.locator("main").innerText()).slice(0, 2000)}`, { cause: e });
  });
  const [row] = await suite.db.sql<
    { need: { regions: string[]; regionCodes: string[] } }[]
  >`select lead->'need' as need from leads where company_name = ${company}`;
  return row.need;
}

const regionsField = (page: Page) => page.getByLabel("意向区域");
// The machine may be busy: wait for the page generously (the first pinyin search builds its index).
const POLL = { timeout: 30_000, interval: 100 };

describe("the region picker", () => {
  it("without JavaScript: each choice submits, the next level is listed, everything typed is kept", { timeout: 60_000 }, async () => {
    const { page, close } = await open(false);
    try {
      const company = "无脚本区域测试有限公司";
      await fillAllButRegions(page, company);
      await regionsField(page).fill("溧水");
      await page.getByLabel("省份").selectOption({ label: "江苏省" });
      await page.getByRole("button", { name: "列出下一级" }).click();
      await page.getByLabel("城市").selectOption({ label: "南京市" });
      await page.getByRole("button", { name: "列出下一级" }).click();
      await page.getByLabel("区县", { exact: true }).selectOption({ label: "高淳区" });
      await page.getByRole("button", { name: "加入意向区域" }).click();
      await expect.poll(() => regionsField(page).inputValue(), POLL).toBe("溧水、江苏省南京市高淳区");
      // Nothing was stored by the picker's submits, and what was typed came back without errors.
      expect(await page.getByLabel("公司名称").inputValue()).toBe(company);
      expect(await page.getByLabel("联系电话").inputValue()).toBe("13912345678");
      expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
      const [{ n }] = await suite.db.sql<{ n: number }[]>`select count(*)::int as n from leads where company_name = ${company}`;
      expect(n).toBe(0);
      await page.getByLabel(/我同意/).check();
      const need = await submitAndReadRegions(page, company);
      expect(need.regions).toEqual(["溧水", "江苏省南京市高淳区"]);
      expect(need.regionCodes).toEqual(["320117", "320118"]);
    } finally {
      await close();
    }
  });

  it("with JavaScript: the lists load as you choose and the search suggests divisions from pinyin", { timeout: 60_000 }, async () => {
    const { page, close } = await open(true);
    try {
      const company = "脚本区域测试有限公司";
      await fillAllButRegions(page, company);
      await page.getByLabel("省份").selectOption({ label: "江苏省" });
      await expect.poll(() => page.getByLabel("城市").locator("option", { hasText: "南京市" }).count(), POLL).toBe(1);
      await page.getByLabel("城市").selectOption({ label: "南京市" });
      await expect.poll(() => page.getByLabel("区县", { exact: true }).locator("option", { hasText: "高淳区" }).count(), POLL).toBe(1);
      await page.getByLabel("区县", { exact: true }).selectOption({ label: "高淳区" });
      await page.getByRole("button", { name: "加入意向区域" }).click();
      expect(await regionsField(page).inputValue()).toBe("江苏省南京市高淳区");
      expect(await page.getByRole("button", { name: "列出下一级" }).count()).toBe(0);

      await page.getByLabel("搜索区县").fill("lishui");
      await expect
        .poll(() => page.locator("#region-found button").evaluateAll((bs) => bs.map((b) => (b as HTMLButtonElement).dataset.path)), POLL)
        .toContain("江苏省南京市溧水区");
      // A zone's button names it once: its label holds its name (ADR 118; it read "南京江北新区（在…） · 南京江北新区").
      await page.getByLabel("搜索区县").fill("江北新区");
      await expect
        .poll(() => page.locator("#region-found button").allTextContents(), POLL)
        .toEqual(["南京江北新区（在浦口区、栖霞区、六合区）"]);
      await page.getByLabel("搜索区县").fill("江苏省南京市溧水区");
      await page.getByRole("button", { name: "加入意向区域" }).click();
      await expect.poll(() => regionsField(page).inputValue(), POLL).toBe("江苏省南京市高淳区、江苏省南京市溧水区");
      const need = await submitAndReadRegions(page, company);
      expect(need.regionCodes).toEqual(["320117", "320118"]);
    } finally {
      await close();
    }
  });

  // English pages name the divisions in English too (app/domain/regions-en.ts); what is added stays the Chinese path.
  it.each([false, true])(
    "on the English page the lists read in English (JavaScript %s)",
    { timeout: 60_000 },
    async (javaScriptEnabled) => {
      const { page, close } = await open(javaScriptEnabled, "en");
      try {
        const narrow = async () => {
          if (!javaScriptEnabled) await page.getByRole("button", { name: "List the next level" }).click();
        };
        const listed = (label: string, text: string) =>
          page.getByLabel(label, { exact: true }).locator("option", { hasText: text }).count();
        await page.getByLabel("Province").selectOption({ label: "Jiangsu (江苏省)" });
        await narrow();
        await expect.poll(() => listed("City", "Nanjing (南京市)"), POLL).toBe(1);
        await page.getByLabel("City", { exact: true }).selectOption({ label: "Nanjing (南京市)" });
        await narrow();
        await expect.poll(() => listed("District / county", "Gaochun District (高淳区)"), POLL).toBe(1);
        await page.getByLabel("District / county", { exact: true }).selectOption({ label: "Gaochun District (高淳区)" });
        await page.getByRole("button", { name: "Add to preferred districts" }).click();
        await expect.poll(() => page.getByLabel("Preferred districts").inputValue(), POLL).toBe("江苏省南京市高淳区");
        // Shaanxi and Shanxi, told apart as in English usage (pinyin alone spells both Shanxi).
        // Polled: without JavaScript the add is a page load, and a busy machine read the list mid-load (only "Choose").
        const provinceTexts = () => page.getByLabel("Province").locator("option").allTextContents();
        await expect
          .poll(provinceTexts, POLL)
          .toEqual(expect.arrayContaining(["Shanxi (山西省)", "Shaanxi (陕西省)", "Inner Mongolia (内蒙古自治区)"]));
        const provinces = await provinceTexts();
        expect(provinces.filter((p) => !/^[A-Z][A-Za-z' ]+ \(\p{Script=Han}+\)$/u.test(p))).toEqual(["Choose"]);
        if (javaScriptEnabled) {
          await page.getByLabel("Search districts (Chinese or pinyin)").fill("lishui");
          await expect
            .poll(() => page.locator("#region-found button").allTextContents(), POLL)
            .toContain("Lishui District (溧水区) · 江苏省南京市溧水区");
        }
      } finally {
        await close();
      }
    },
  );

  // Trial #14: the search's suggestions were a datalist — on a phone a strip that at best filled the search box
  // and added nothing. Now each is a button: a tap adds it; Tab or the arrow keys reach it, Enter adds (ADR 102).
  it(
    "at 390 px, a suggestion is a button: a tap adds it to the regions, and the keyboard reaches and adds one too",
    { timeout: 60_000 },
    async () => {
      const { page, close } = await open(true, "zh", { width: 390, height: 844 });
      try {
        const search = page.getByLabel("搜索区县");
        await search.fill("gaochun");
        const found = page.locator("#region-found");
        const gaochun = found.getByRole("button", { name: "江苏省南京市高淳区" });
        await gaochun.waitFor({ timeout: 30_000 });
        expect(await found.getAttribute("role")).toBe("group");
        const box = (await gaochun.boundingBox())!;
        expect(box.height).toBeGreaterThanOrEqual(44); // a finger's target
        expect(box.x + box.width).toBeLessThanOrEqual(390);
        await found.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${SHOTS}region-suggestions-phone.png` });
        await gaochun.tap();
        await expect.poll(() => regionsField(page).inputValue(), POLL).toBe("江苏省南京市高淳区");
        expect(await search.inputValue()).toBe("");
        expect(await found.locator("button").count()).toBe(0);
        // Keyboard: type, ArrowDown to the first suggestion, Enter adds it.
        await search.fill("lishui");
        await found.getByRole("button", { name: "江苏省南京市溧水区" }).waitFor({ timeout: 30_000 });
        await search.press("ArrowDown");
        expect(await page.evaluate(() => document.activeElement?.closest("#region-found") !== null)).toBe(true);
        const focused = await page.evaluate(() => (document.activeElement as HTMLButtonElement).dataset.path);
        await page.keyboard.press("Enter");
        await expect.poll(() => regionsField(page).inputValue(), POLL).toBe(`江苏省南京市高淳区、${focused}`);
        expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
      } finally {
        await close();
      }
    },
  );

  // ADR 140 (trial M1): the box's suggestion after a refused submit is taken with one press — with JavaScript in place,
  // no submit, the message gone; then the lead is stored with both districts.
  it("with JavaScript: a refused name's suggestion under the box goes into it with one press", { timeout: 90_000 }, async () => {
    const { page, close } = await open(true);
    try {
      const company = "区域建议三三有限公司";
      await fillAllButRegions(page, company);
      await regionsField(page).fill("江宁、浦扣");
      await page.getByRole("button", { name: "提交需求" }).click();
      const fix = page.getByRole("button", { name: "用“江苏省南京市浦口区”替换“浦扣”" });
      await fix.waitFor({ timeout: 30_000 });
      await page.locator('form[data-enhanced="true"]').waitFor({ timeout: 30_000 });
      const url = page.url();
      await fix.click();
      await expect.poll(() => regionsField(page).inputValue(), POLL).toBe("江宁、江苏省南京市浦口区");
      expect(page.url()).toBe(url);
      expect(await page.locator("[data-region-fixes]").count()).toBe(0);
      await expect.poll(() => regionsField(page).getAttribute("aria-invalid"), POLL).toBeNull();
      expect(await page.getByLabel("公司名称").inputValue()).toBe(company);
      expect((await submitAndReadRegions(page, company)).regionCodes).toEqual(["320111", "320115"]);
    } finally {
      await close();
    }
  });

  it("on a phone, the longest English names stay inside the screen", { timeout: 60_000 }, async () => {
    const { page, close } = await open(true, "en", { width: 360, height: 740 });
    try {
      await page.getByLabel("Province").selectOption({ label: "Hebei (河北省)" });
      await expect.poll(() => page.getByLabel("City", { exact: true }).locator("option").count(), POLL).toBeGreaterThan(5);
      await page.getByLabel("City", { exact: true }).selectOption({ label: "Tangshan (唐山市)" });
      const longest = "Hebei Tangshan Lutai Economic Development Zone (河北唐山芦台经济开发区)";
      await expect
        .poll(() => page.getByLabel("District / county", { exact: true }).locator("option", { hasText: longest }).count(), POLL)
        .toBe(1);
      await page.getByLabel("District / county", { exact: true }).selectOption({ label: longest });
      await page.getByLabel("District / county", { exact: true }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}region-picker-en-phone.png` });
      const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(360);
    } finally {
      await close();
    }
  });

  // "lishui" is 丽水 or 溧水, "高纯区" nothing: added as typed, either was refused only at submit. The
  // picker now says so at once, with the resolver's suggestions, and adds nothing until one is chosen.
  it.each([false, true])(
    "a searched name that does not resolve is not added; the picker says why (JavaScript %s)",
    async (javaScriptEnabled) => {
      const { page, close } = await open(javaScriptEnabled);
      try {
        const search = page.getByLabel("搜索区县");
        const problem = page.locator("#region-problem");
        await regionsField(page).fill("高淳");
        await search.fill("lishui");
        await page.getByRole("button", { name: "加入意向区域" }).click();
        await expect.poll(() => problem.textContent(), POLL).toMatch(/“lishui”有多个同名区域.*浙江省丽水市、江苏省南京市溧水区/);
        expect(await regionsField(page).inputValue()).toBe("高淳");
        expect(await search.getAttribute("aria-invalid")).toBe("true");
        expect(await search.getAttribute("aria-describedby")).toBe("region-problem");
        // A suggestion adds itself (a submit without JavaScript, in place with it); the message goes.
        await problem.getByRole("button", { name: "江苏省南京市溧水区" }).click();
        await expect.poll(() => regionsField(page).inputValue(), POLL).toBe("高淳、江苏省南京市溧水区");
        await expect.poll(() => problem.textContent(), POLL).toBe("");
        // A name nobody has: told at once, with what it may have meant; a name that resolves joins by its full name.
        await page.getByLabel("搜索区县").fill("高纯区");
        await page.getByRole("button", { name: "加入意向区域" }).click();
        await expect.poll(() => problem.textContent(), POLL).toMatch(/未能识别区域“高纯区”.*江苏省南京市高淳区/);
        expect(await regionsField(page).inputValue()).toBe("高淳、江苏省南京市溧水区");
        await page.getByLabel("搜索区县").fill("gaochun");
        await page.getByRole("button", { name: "加入意向区域" }).click();
        await expect.poll(() => regionsField(page).inputValue(), POLL).toBe("高淳、江苏省南京市溧水区、江苏省南京市高淳区");
        await expect.poll(() => problem.textContent(), POLL).toBe("");
      } finally {
        await close();
      }
    },
  );

  it.each([false, true])("an unknown region is shown beside the field with suggestions (JavaScript %s)", async (javaScriptEnabled) => {
    const { page, close } = await open(javaScriptEnabled);
    try {
      await fillAllButRegions(page, `未知区域测试${javaScriptEnabled ? "甲" : "乙"}有限公司`);
      await regionsField(page).fill("高纯区");
      await page.getByRole("button", { name: "提交需求" }).click();
      await expect.poll(() => regionsField(page).getAttribute("aria-invalid"), POLL).toBe("true");
      const describedBy = ((await regionsField(page).getAttribute("aria-describedby")) ?? "").split(" ").pop();
      expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(/未能识别区域“高纯区”.*江苏省南京市高淳区/);
      expect(await regionsField(page).inputValue()).toBe("高纯区");
    } finally {
      await close();
    }
  });
});
