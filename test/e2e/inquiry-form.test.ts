import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { createSearchClient } from "../../search/client";
import { LEADS_INDEX } from "../../search/leads.index";
import { expectAccessible } from "../support/admin-browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";
import { weigh } from "../support/page-weight";
import { eventually } from "../support/services";
import { startTestWorker } from "../support/worker";

// A person fills in the real form in headless Chromium, with and without JavaScript; the lead ends up
// on the confirmation page, in Postgres and in the Meilisearch `leads` index.
const search = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);

const suite = browserSuite("e2e_form", { seed: startWorker });

/** The worker that takes a stored lead into the `leads` index. */
async function startWorker({ db, defer }: BrowserSuite): Promise<void> {
  const worker = await startTestWorker({ databaseUrl: db.url });
  defer(() => worker.close());
}

/** The form's small script has run (ADR 041: the page loads no React; the script marks the form). */
async function scriptRan(page: Page) {
  await page.locator('form[data-enhanced="true"]').waitFor({ timeout: 30_000 });
}

async function fillValidForm(page: Page, company: string, phone = "138 1234 5678") {
  await page.getByLabel("厂房", { exact: true }).check();
  await page.getByLabel("租赁", { exact: true }).check();
  await page.getByLabel("最小面积").fill("５千");
  await page.getByLabel("最大面积").fill("6000");
  await page.getByLabel("意向区域").fill("高淳区、溧水区");
  await page.getByLabel("补充说明").fill("需要单层厂房，层高9米以上，配电1000千伏安");
  await page.getByLabel("所属行业").selectOption("C35");
  await page.getByLabel("主要产品或业务").fill("数控机床");
  await page.getByLabel("预计年纳税（万元）").fill("300");
  await page.getByLabel("公司名称").fill(company);
  await page.getByLabel("联系人姓名").fill("赵经理");
  await page.getByLabel("联系电话").fill(phone);
  await page.getByLabel(/我同意/).check();
}

async function expectStoredAndIndexed(reference: string, company: string, searchText: string) {
  const [row] = await suite.db.sql<
    { id: string; companyName: string; lead: { need: { areaMinSqm: number; ceilingMinM: number; regions: string[] } } }[]
  >`
    select id, company_name, lead from leads where reference = ${reference}`;
  expect(row.companyName).toBe(company);
  expect(row.lead.need.areaMinSqm).toBe(5000);
  expect(row.lead.need.regions).toEqual(["高淳区", "溧水区"]);
  expect(row.lead.need.ceilingMinM).toBe(9); // filled in from the notes
  const hit = await eventually(
    async () => {
      const result = await search.index(LEADS_INDEX).search(searchText, { locales: ["cmn"] });
      return result.hits.find((h) => h.id === row.id);
    },
    "document in the leads index",
    20_000,
  );
  expect(hit.companyName).toBe(company);
}

// Each its own phone: the same phone and need within the hour is a repeat, pointed at the first (ADR 108).
describe.each([
  ["with JavaScript", true, "南京玄武精密机床有限公司", "玄武精密", "138 1234 5678"],
  ["without JavaScript", false, "南京秦淮数控设备有限公司", "秦淮数控", "138 1234 5679"],
])("the inquiry form %s", (_label, javaScriptEnabled, company, searchText, phone) => {
  it(
    "ends on the confirmation page, with a row in Postgres and a document found by the Chinese company name",
    { timeout: 60_000 },
    async () => {
      const context = await suite.browser.newContext({ javaScriptEnabled, viewport: { width: 390, height: 844 }, locale: "zh-CN" });
      const page = await context.newPage();
      try {
        await page.goto(`${suite.web.url}/`);
        if (javaScriptEnabled) await scriptRan(page);
        await fillValidForm(page, company, phone);
        await page.getByRole("button", { name: "提交需求" }).click();
        // Stored, redirected and rendered: seconds on a busy 2-core machine (a desk save took 3 s there).
        await page.waitForURL(/\/inquiry\/PM-\d{8}-\d{4}/, { timeout: 30_000 }).catch(async (e) => {
          throw new Error(`no confirmation; page says: ${(await page.locator("main").innerText()).slice(0, 3000)}`, { cause: e });
        });
        const reference = (await page.getByTestId("reference").textContent())?.trim() ?? "";
        expect(reference).toMatch(/^PM-\d{8}-\d{4}$/);
        const body = await page.locator("body").innerText();
        expect(body).toContain("需求已收到");
        expect(body).not.toContain(phone.replace(/ /g, "")); // no personal data on the confirmation
        expect(body).not.toContain(company);
        await expectStoredAndIndexed(reference, company, searchText);
      } finally {
        await context.close();
      }
    },
  );

  it("keeps every typed value and shows each error beside its field", async () => {
    const context = await suite.browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    try {
      await page.goto(`${suite.web.url}/`);
      if (javaScriptEnabled) await scriptRan(page);
      await fillValidForm(page, "错误保留测试有限公司");
      await page.getByLabel("联系电话").fill("12345");
      await page.getByLabel("统一社会信用代码").fill("91320000134768823A");
      await page.getByLabel("最小面积").fill("8000");
      const before = await suite.db.sql`select count(*)::int as n from leads`;
      await page.getByRole("button", { name: "提交需求" }).click();
      // The error is tied to its field: aria-describedby points at the message next to it.
      await expect.poll(() => page.getByLabel("联系电话").getAttribute("aria-invalid")).toBe("true");
      const describedBy = (await page.getByLabel("联系电话").getAttribute("aria-describedby")) ?? "";
      const phoneError = page.locator(`[id="${describedBy.split(" ").pop()}"]`);
      expect(await phoneError.textContent()).toMatch(/手机号/);
      const codeError = (await page.getByLabel("统一社会信用代码").getAttribute("aria-describedby")) ?? "";
      expect(await page.locator(`[id="${codeError}"]`).textContent()).toMatch(/组织机构代码/);
      expect(await page.getByLabel("统一社会信用代码").getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByLabel("最小面积").getAttribute("aria-invalid")).toBe("true");
      // What the person typed is still there.
      expect(await page.getByLabel("公司名称").inputValue()).toBe("错误保留测试有限公司");
      expect(await page.getByLabel("联系电话").inputValue()).toBe("12345");
      expect(await page.getByLabel("最大面积").inputValue()).toBe("6000");
      expect(await page.getByLabel("补充说明").inputValue()).toContain("层高9米以上");
      expect(await page.getByLabel("所属行业").inputValue()).toBe("C35");
      expect(await page.getByLabel("厂房", { exact: true }).isChecked()).toBe(true);
      const after = await suite.db.sql`select count(*)::int as n from leads`;
      expect(after[0].n).toBe(before[0].n);
    } finally {
      await context.close();
    }
  });
});

describe("English", () => {
  it("renders the form in English at ?lng=en and answers errors in English", async () => {
    const context = await suite.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${suite.web.url}/?lng=en`);
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      await page.getByLabel("Factory building", { exact: true }).check();
      await page.getByLabel("Lease", { exact: true }).check();
      await page.getByLabel("Contact name").fill("Wang");
      await page.getByLabel("Phone").fill("999");
      await page.getByRole("button", { name: "Send request" }).click();
      await page.waitForLoadState("domcontentloaded");
      const text = await page.locator("main").innerText();
      expect(text).toMatch(/Enter a valid mobile number/);
      expect(text).toMatch(/Give at least a minimum or a maximum area/);
      expect(text).toMatch(/Please read and accept/);
      expect(await page.getByLabel("Contact name").inputValue()).toBe("Wang");
    } finally {
      await context.close();
    }
  });
});

describe("on a phone, while typing (ADR 041: the page's script, no React)", () => {
  it(
    "shows the assist's preview and a field's message as one types, with no serious axe violation and no sideways scroll",
    { timeout: 60_000 },
    async () => {
      const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", bypassCSP: true });
      const page = await context.newPage();
      try {
        await page.goto(`${suite.web.url}/`);
        await page.locator('form[data-validation="browser"]').waitFor({ timeout: 30_000 });
        expect(await page.locator("[data-assist-line]:visible").count()).toBe(0);
        await page.getByLabel("补充说明").fill("层高9米以上，配电1000千伏安");
        await page.getByText(/层高 ≥ 9m/).waitFor({ timeout: 15_000 });
        await page.getByLabel("联系电话").fill("999");
        await page.getByLabel("联系人姓名").focus();
        await expect.poll(() => page.getByLabel("联系电话").getAttribute("aria-invalid")).toBe("true");
        const describedBy = ((await page.getByLabel("联系电话").getAttribute("aria-describedby")) ?? "").split(" ");
        expect(await page.locator(`[id="${describedBy.pop()}"]`).textContent()).toMatch(/手机号/);
        // Corrected, the message goes and the field no longer says it is wrong.
        await page.getByLabel("联系电话").fill("13812345678");
        await expect.poll(() => page.getByLabel("联系电话").getAttribute("aria-invalid")).toBe(null);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        await expectAccessible(page, "the inquiry form while typing");
      } finally {
        await context.close();
      }
    },
  );
});

describe("the industry field: found by a product or keyword (97 divisions are too many to scroll)", () => {
  it.each([
    ["with JavaScript", true],
    ["without JavaScript", false],
  ])(
    "%s",
    async (_label, javaScriptEnabled) => {
      const context = await suite.browser.newContext({
        javaScriptEnabled,
        viewport: { width: 390, height: 844 },
        locale: "zh-CN",
        bypassCSP: true,
      }); // axe is injected inline
      const page = await context.newPage();
      try {
        await page.goto(`${suite.web.url}/`);
        const search = page.getByLabel(/输入产品或关键词/);
        if (!javaScriptEnabled) {
          // The plain select is the field; a box that could do nothing is not shown.
          expect(await search.isVisible()).toBe(false);
          await page.getByLabel("所属行业").selectOption("C38");
          return;
        }
        await scriptRan(page);
        await search.fill("做锂电池的");
        const chip = page.getByRole("button", { name: /C38 电气机械和器材制造业/ });
        await chip.waitFor();
        expect(await page.locator("[data-industry-results] button").count()).toBe(1);
        await chip.click();
        expect(await page.getByLabel("所属行业").inputValue()).toBe("C38");
        expect(await chip.getAttribute("aria-pressed")).toBe("true");
        await search.fill("数控機床"); // Traditional, as a Hong Kong or Taiwan visitor types it
        await page.getByRole("button", { name: /C34 通用设备制造业/ }).click();
        expect(await page.getByLabel("所属行业").inputValue()).toBe("C34");
        // Pinyin, as typed without a Chinese input method: the readings came with the search (ADR 096).
        await search.fill("qiche");
        await page.getByRole("button", { name: /C36 汽车制造业/ }).waitFor();
        await search.fill("yy");
        await page.getByRole("button", { name: /C27 医药制造业/ }).click();
        expect(await page.getByLabel("所属行业").inputValue()).toBe("C27");
        await search.fill("数控機床");
        await page.getByRole("button", { name: /C34 通用设备制造业/ }).click();
        await search.fill("啊啊啊");
        await page.getByText("没有找到，请直接在下面的列表中选择").waitFor();
        expect(await page.getByLabel("所属行业").inputValue()).toBe("C34"); // a search never clears a choice
        await search.fill("机械");
        await page.locator("fieldset", { has: search }).screenshot({ path: "test/e2e/screenshots/inquiry-industry-search-phone.png" });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        await expectAccessible(page, "the inquiry form's industry search");
      } finally {
        await context.close();
      }
    },
    60_000,
  );
});

describe("under the Content-Security-Policy (ADR 021)", () => {
  it("the page's script runs, validates in the browser, and the browser reports no CSP violation", { timeout: 60_000 }, async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(m.text());
    });
    page.on("pageerror", (e) => violations.push(String(e)));
    try {
      await page.goto(`${suite.web.url}/`);
      await scriptRan(page);
      // Client-side validation on blur: only the page's script does this, without a round trip, once
      // the schema's chunk has arrived (it is fetched after the page is up).
      await page.locator('form[data-validation="browser"]').waitFor({ timeout: 30_000 });
      await page.getByLabel("联系电话").fill("999");
      await page.getByLabel("联系人姓名").focus();
      await page.getByText("请输入有效的手机号").waitFor({ timeout: 15_000 });
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

// The form's first load, HTML + scripts + CSS gzipped (test/support/page-weight.ts): 21.9 KB measured
// 2026-12-01 (6.2 HTML + 15.7 script and CSS); 32.4 KB on 2026-12-03 once the live preview names the
// places in the notes (ADR 072) and the industry select has its search (its word list loads on the first
// keystroke). React and Remix alone would be ~91 KB; issue 14's ceiling for a phone is 100 KB. 36.0 KB
// (36,857 bytes) on 2026-12-03, 7 bytes under the old 36 KB limit; ADR 084's reader of the two area bounds
// (area-bounds.ts, in the schema's later chunk) shares area.ts's unit table, whose export adds a few bytes
// to the first load: 37 KB. 37,973 bytes on 2026-12-04 (85 over): the consent box put back as the server drew
// it on a page from the back-forward cache (ADR 093), the move-in reader's verbs (年底前要搬进去, in the live
// preview's reader) and the lists' notice spacing in the shared stylesheet: 38 KB. 39,918 bytes on
// 2026-12-04 with ADR 101: the notes' reader of the premises the enterprise has now ("现有厂房8000平太大，
// 想换3000平" previewed as 3000, not 8000), the line beside the area boxes and its catalog words; the money
// reader and the area boxes' "about" reading come with the later chunk instead (+4.7 KB had they not): 40 KB.
// With ADR 102 the same day (+~1 KB): the region search's suggestions as buttons a finger can tap, reached by
// the keyboard too (a datalist added nothing on a phone), and the move-in box as text with its hint: 41 KB.
// 43,395 bytes with ADRs 109 and 110 (+1.4 KB): the notes' reader in the live preview reads a changed mind
// ("原来要5000平，现在要3000平"), lease/buy words, and figures that are no requirement (自带变压器, 不需要行车),
// as the server will: 43 KB. Still far under issue 14's 100 KB for a phone's first load. 45,975 bytes with
// ADR 112 (+2.6 KB over 43,387 measured on its base): the live preview reads an area of another use
// ("1000平办公楼" on a factory lead), both bounds said apart ("至少5000平，最多一万平") and a fallback figure
// ("5000平，3000平也行") as the server will: 45 KB. 46,928 bytes with ADR 112's amendment (+949 B, measured
// with test/support/page-weight's weigh on the built form): the preview reads an included use ("厂房，含办公1000平，
// 共5000平"), a figure ruled out ("不要5000平，3000平就行"), a sum and an either ("3000+2000平", "3000或5000平"): 46 KB.
// 47,107 bytes with session 28's last reader fixes (一点 as "a bit", an about figure then one bound) and the
// unread line's amber style; ADR 113's amendment adds ~100 B (the live preview names the notes' places beside a
// typed regions box): 48 KB, leaving ~0.9 KB for the next reading the preview must share with the server.
// 47,330 bytes with ADR 118 (the search's buttons name a zone once; the notes' "not necessarily there" line).
// 49,099 with ADR 122 (53 bytes left). ADR 128: the notes' reader and the preview (need-text.ts and what it
// imports, ~35.7 KB gzipped) come in a chunk of their own fetched as the page is up, not with the page —
// 14,704 bytes (50,048 had they stayed, the reader grown by ADR 128's fixes). ADR 129 adds English months to the
// move-in reader and a subgrid to the stylesheet (+1.36 KB measured before ADR 128's move). The limit is lowered
// to 20 KB so that the ~33 KB saved cannot grow back unnoticed (a few KB of room for the form's own growth).
const FIRST_LOAD_KB = 20;

describe("the form's first load (issue 14)", () => {
  it(
    "loads no React: the HTML, the stylesheet and the form's small script; the schema's chunk comes after the page is up",
    { timeout: 90_000 },
    async () => {
      const html = await (await fetch(`${suite.web.url}/`)).text();
      expect(html).not.toContain("__remixContext"); // no serialized loader data: nothing to hydrate (ADR 041)
      expect(html).not.toMatch(/entry\.client-/); // neither React nor the Remix runtime
      expect(html).toMatch(/\/inquiry\.form-script-[\w-]+\.js/);
      const weight = await weigh(suite.web.url, "/");
      const validation = weight.lazy.filter((u) => /\/lead-form-validation-[\w-]+\.js$/.test(u));
      expect(validation).toHaveLength(1); // imported later by the script, not named by the HTML
      // The notes' reader too (docs/decisions/128): fetched as the page is up, never part of the first load.
      expect(weight.lazy.filter((u) => /\/assist-preview-[\w-]+\.js$/.test(u))).toHaveLength(1);
      // Bytes, not time. 277 KB gzip when the schema came with the route, 132–136 KB with React and Remix
      // (~91 KB alone), FIRST_LOAD_KB without them (ADR 041): the limit stops the page growing back.
      expect(weight.htmlGz + weight.assetsGz).toBeLessThan(FIRST_LOAD_KB * 1024);
      const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
      const page = await context.newPage();
      const scripts: string[] = [];
      page.on("request", (r) => scripts.push(new URL(r.url()).pathname));
      try {
        await page.goto(`${suite.web.url}/`);
        await page.locator('form[data-validation="browser"]').waitFor({ timeout: 30_000 });
        expect(scripts).toContain(validation[0]);
        expect(scripts.filter((s) => /entry\.client|\/routes\/_index-/.test(s))).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it(
    "leaves OpenCC's dictionary out of the first load, fetches it after the page is up, and the live assist then reads Traditional notes",
    { timeout: 90_000 },
    async () => {
      const html = await (await fetch(`${suite.web.url}/`)).text();
      const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
      const page = await context.newPage();
      const scripts: string[] = [];
      page.on("request", (r) => {
        if (r.url().endsWith(".js")) scripts.push(new URL(r.url()).pathname);
      });
      try {
        await page.goto(`${suite.web.url}/`);
        await scriptRan(page);
        // 需要單層廠房，層高9米以上: unfolded, 層高 is no keyword and nothing is read.
        await page.getByLabel("补充说明").fill("需要單層廠房，層高9米以上");
        await page.getByText(/层高 ≥ 9m/).waitFor({ timeout: 30_000 });
        const dictionary = scripts.filter((s) => /\/t2cn-[\w-]+\.js$/.test(s));
        expect(dictionary).toHaveLength(1); // fetched, once, by the page's script
        expect(html).not.toContain(dictionary[0]); // and not named by the HTML (no modulepreload, no script)
      } finally {
        await context.close();
      }
    },
  );
});
