import { mkdirSync } from "node:fs";

import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { applyImport, previewImport } from "../support/admin-browser";
import { axeViolations } from "../support/axe";
import { E2E_WAIT_MS, hydrated, signInByForm, statusBanner } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";
import { routedTestLead } from "../support/routed-lead";

// The admin's inventory journey in headless Chromium (issue 11): sign in at /login, import an Excel
// workbook (previewed, then applied), edit a space (with and without JavaScript), mark a recruiter
// away and see their open offer re-routed. Every page: screenshots at phone and desktop widths, and
// axe-core finds no serious or critical violation.
const EMAIL = "admin-e2e@example.test";
const PASSWORD = "admin-库存-e2e-2026";
const SHOTS = new URL("./screenshots/", import.meta.url);
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } } as const;

const suite = browserSuite("admin_inventory_e2e", { seed });

/** The rows this file's pages show (browserSuite runs it once the web server is up). */
async function seed({ db }: BrowserSuite): Promise<void> {
  const inv = demoInventory();
  inv.recruiters.push({ ...inv.recruiters[0], id: "R9", name: "吴倩（示例）", email: "wuqian@example.test", phone: "13900000009" });
  expect((await importInventory(db.sql, inv)).ok).toBe(true);
  await db.sql`insert into users (email, name, role, password_hash) values (${EMAIL}, '库存管理员', 'admin', ${await hashPassword(PASSWORD)})`;
  mkdirSync(SHOTS, { recursive: true });
}

async function signedIn(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page }> {
  // bypassCSP: lets the test inject axe-core; the pages' own policy is tested elsewhere.
  const context = await suite.browser.newContext({ javaScriptEnabled, locale: "zh-CN", viewport: VIEWPORTS.desktop, bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(E2E_WAIT_MS);
  await signInByForm(page, suite.web.url, { email: EMAIL, password: PASSWORD, home: "/admin" }, javaScriptEnabled);
  await hydrated(page, javaScriptEnabled);
  return { context, page };
}

/** Both widths, full page, then axe-core on the page as it is: no serious or critical violation. */
async function lookAt(page: Page, name: string) {
  for (const [width, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    await page.screenshot({ path: new URL(`admin-${name}-${width}.png`, SHOTS).pathname, fullPage: true });
  }
  await page.setViewportSize(VIEWPORTS.desktop);
  const violations = await axeViolations(page, { runOptions: { resultTypes: ["violations"] } });
  expect(
    violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => ({ ...v, nodes: v.nodes.slice(0, 3) })),
    name,
  ).toEqual([]);
}

const banner = statusBanner;

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("空间");
  ws.addRow(["编号", "园区编号", "类型", "交易方式", "名称", "面积", "最小可分割面积", "层高（米）", "承重", "配电", "行车", "状态"]);
  ws.addRow(["S-NEW1", "GC-EDZ", "厂房", "出租、出售", "新导入厂房 A", "6千平", "1500平", "10米", "3吨/平", "1250kva", "10吨", "可租售"]);
  // S2: its blank 承重 keeps the stored 800 (docs/decisions/160); 清空 clears its ceiling.
  ws.addRow(["S2", "GC-EDZ", "厂房", "出租", "双层厂房（Excel 改）", "5200", "750", "清空", "", "250", "", "可租售"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("the admin's inventory, in the browser", { timeout: 180_000 }, () => {
  it("imports an Excel workbook: preview (create, change old → new), then apply", async () => {
    const { context, page } = await signedIn(true);
    const consoleErrors: string[] = [];
    page.on("console", (m) => void (m.type() === "error" && consoleErrors.push(m.text())));
    await page.getByRole("navigation").getByRole("link", { name: "Excel 导入导出" }).click();
    await page
      .waitForURL((u) => u.pathname === "/admin/import")
      .catch(async (e) => {
        throw new Error(`not on /admin/import; at ${page.url()}: ${(await page.locator("body").innerText()).slice(0, 1500)}`, { cause: e });
      });
    await hydrated(page, true);
    await lookAt(page, "import");
    await previewImport(page, "库存.xlsx", await workbook(), "新建 1 条，修改 1 条");
    const changes = await page.locator("[data-change]").allInnerTexts();
    expect(changes.join("\n")).toContain("双层厂房（Excel 改）");
    expect(await page.locator("[data-change]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-change")))).toEqual(
      expect.arrayContaining(["S2:title", "S2:areaSqm"]),
    );
    expect((await suite.db.sql`select 1 from spaces where id = 'S-NEW1'`).length).toBe(0); // a preview writes nothing
    // What each row will be written with, not only its id and row (docs/decisions/103).
    const created = await page.locator('[data-create="S-NEW1"]').innerText();
    for (const read of ["新导入厂房 A", "厂房", "6000㎡", "可租售", "GC-EDZ"]) expect(created).toContain(read);
    // …and every figure the sheet gives (docs/decisions/109): deals, divisible area, the building's figures.
    for (const read of ["出售、出租", "可分割，最小 1500㎡", "层高 10 m", "承重 3,000 kg/㎡", "配电 1,250 kVA", "行车 10 t"])
      expect(created).toContain(read);
    expect(await page.locator('[data-values="S2"]').innerText()).toContain("将写入：厂房 · 出租 · 5200㎡");
    // What a blank cell keeps and what 清空 clears are said (docs/decisions/160).
    expect(await page.locator('[data-kept="S2"]').innerText()).toContain("空白，保留原值：承重（公斤/㎡） 800");
    expect(await page.locator('[data-change="S2:ceilingM"]').innerText()).toContain("（清空）");
    expect(await page.getByTestId("import-kept").innerText()).toContain("要清空某一项，请在单元格中填写“清空”或“-”");
    await lookAt(page, "import-preview");
    await applyImport(page, "新建 1 条，修改 1 条");
    const [stored] = await suite.db.sql<
      { areaSqm: number; ceilingM: number }[]
    >`select area_sqm, ceiling_m from spaces where id = 'S-NEW1'`;
    expect(stored).toEqual({ areaSqm: 6000, ceilingM: 10 });
    await lookAt(page, "import-applied");
    expect(consoleErrors).toEqual([]); // the page's module loads in the browser (no server-only value at module scope)
    await context.close();
  });

  it("a preview with bad cells shows each cell as typed beside its reason, and the good rows' values, at phone and desktop width", async () => {
    const { context, page } = await signedIn(true);
    await page.goto(`${suite.web.url}/admin/import`);
    await hydrated(page, true);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("空间");
    ws.addRow(["编号", "园区编号", "类型", "交易方式", "名称", "面积", "层高（米）", "租金（元/㎡/月）", "状态"]);
    ws.addRow(["S-OK1", "GC-EDZ", "土地", "出售", "预览地块", "30亩", "", "", "可租售"]);
    ws.addRow(["S-BAD1", "GC-EDZ", "厂房", "出租", "", "二三十亩", "很高", "-25", "可租售"]);
    ws.addRow(["S-BAD2", "GC-EDZ", "土地", "出售", "带层高的地块，名称写得比较长以看换行", "50亩", "8", "", "可租售"]);
    await previewImport(page, "有错.xlsx", Buffer.from(await wb.xlsx.writeBuffer()), "新建 1 条");
    const errors = await page.locator("[data-import-error]").allInnerTexts();
    expect(errors.join("\n")).toContain("二三十亩");
    const typed = await page.locator("[data-import-error] [data-typed]").allInnerTexts();
    expect(typed).toEqual(["（空）", "二三十亩", "很高", "-25", "8"]);
    expect(await page.locator('[data-create="S-OK1"]').innerText()).toContain("30亩（20000㎡）");
    await page.setViewportSize(VIEWPORTS.phone);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORTS.phone.width + 1);
    await lookAt(page, "import-preview-errors");
    expect((await suite.db.sql`select 1 from spaces where id like 'S-OK%' or id like 'S-BAD%'`).length).toBe(0);
    await context.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`edits a space ${javaScriptEnabled ? "with" : "without"} JavaScript: a bad area is shown beside the field, then saved`, async () => {
      const { context, page } = await signedIn(javaScriptEnabled);
      await page.goto(`${suite.web.url}/admin/spaces`);
      await hydrated(page, javaScriptEnabled);
      if (javaScriptEnabled) await lookAt(page, "spaces");
      await page.getByRole("link", { name: "S3", exact: true }).click();
      await page.waitForURL((u) => u.pathname === "/admin/spaces/S3");
      await hydrated(page, javaScriptEnabled);
      const area = page.getByLabel(/^面积/);
      await area.fill("好大一片");
      await page.getByRole("button", { name: "保存" }).click();
      await expect.poll(() => area.getAttribute("aria-invalid")).toBe("true");
      const describedBy = (await area.getAttribute("aria-describedby")) ?? "";
      expect(await page.locator(`[id="${describedBy.split(" ").pop()}"]`).innerText()).toContain("好大一片");
      if (javaScriptEnabled) await lookAt(page, "space-error");
      const title = `轻钢厂房（${javaScriptEnabled ? "有" : "无"} JS 编辑）`;
      await page.getByLabel(/^名称/).fill(title);
      await area.fill("1.2万方");
      await page.getByRole("button", { name: "保存" }).click();
      // The message comes with the flash cookie (ADR 025): the address stays the space's own.
      await expect.poll(() => banner(page)).toContain("已保存");
      expect(new URL(page.url()).search).toBe("");
      const [s] = await suite.db.sql<{ title: string; areaSqm: number }[]>`select title, area_sqm from spaces where id = 'S3'`;
      expect(s).toEqual({ title, areaSqm: 12_000 });
      if (javaScriptEnabled) await lookAt(page, "space-saved");
      await context.close();
    });
  }

  for (const [javaScriptEnabled, spaceId] of [
    [true, "S6"],
    [false, "S12"],
  ] as const) {
    it(`retires a space ${javaScriptEnabled ? "with" : "without"} JavaScript only once confirmed, lists it as retired, restores it`, async () => {
      const { context, page } = await signedIn(javaScriptEnabled);
      await page.goto(`${suite.web.url}/admin/spaces/${spaceId}`);
      await hydrated(page, javaScriptEnabled);
      await page.getByRole("button", { name: "停用", exact: true }).click();
      const confirm = page.getByLabel("我确认停用");
      await expect.poll(() => confirm.getAttribute("aria-invalid")).toBe("true");
      const describedBy = (await confirm.getAttribute("aria-describedby")) ?? "";
      expect(await page.locator(`[id="${describedBy.split(" ").pop()}"]`).innerText()).toContain("请勾选确认后再停用");
      expect((await suite.db.sql`select retired_at from spaces where id = ${spaceId}`)[0].retiredAt).toBeNull();
      await confirm.check();
      await page.getByRole("button", { name: "停用", exact: true }).click();
      await expect.poll(() => banner(page)).toContain("已停用");
      expect(new URL(page.url()).pathname).toBe(`/admin/spaces/${spaceId}`);
      expect((await suite.db.sql`select retired_at from spaces where id = ${spaceId}`)[0].retiredAt).not.toBeNull();
      if (javaScriptEnabled) await lookAt(page, "space-retired");
      await page.goto(`${suite.web.url}/admin/spaces?state=retired`);
      expect(await page.locator(`[data-space="${spaceId}"]`).count()).toBe(1);
      await page.goto(`${suite.web.url}/admin/spaces`);
      expect(await page.locator(`[data-space="${spaceId}"]`).count()).toBe(0);
      await page.goto(`${suite.web.url}/admin/spaces/${spaceId}`);
      await hydrated(page, javaScriptEnabled);
      await page.getByRole("button", { name: "恢复启用" }).click();
      await expect.poll(() => banner(page)).toContain("已恢复");
      expect((await suite.db.sql`select retired_at from spaces where id = ${spaceId}`)[0].retiredAt).toBeNull();
      await context.close();
    });
  }

  it("marks a recruiter away and sees their open offer re-routed", async () => {
    const routed = await routedTestLead(suite.db.sql, { company: "南京休假改派浏览器测试有限公司", phone: "13712340001" }, "S1", "GC-EDZ", {
      slaMinutes: 120,
      noticeFallbackMs: 0,
    });
    const before = { id: routed.assignmentId, recruiterId: routed.recruiterId };
    const other = before.recruiterId === "R1" ? "R9" : "R1";

    const { context, page } = await signedIn(true);
    await page.goto(`${suite.web.url}/admin/recruiters`);
    await hydrated(page, true);
    await lookAt(page, "recruiters");
    await page.getByRole("link", { name: before.recruiterId, exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/admin/recruiters/${before.recruiterId}`);
    await hydrated(page, true);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const back = new Date(Date.now() + 8 * 3600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel(/^休假开始/).fill(today);
    await page.getByLabel(/^休假结束/).fill(back);
    await lookAt(page, "recruiter-edit");
    await page.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => banner(page)).toContain("已将 1 条未接的派单改派");
    expect(new URL(page.url()).search).toBe("");
    const [after] = await suite.db.sql<
      { recruiterId: string; status: string }[]
    >`select recruiter_id, status from assignments where id = ${before.id}`;
    expect(after).toEqual({ recruiterId: other, status: "offered" });

    // The lead's page says who has it now and why it moved.
    await page.goto(`${suite.web.url}/admin/leads/${routed.leadId}`);
    await hydrated(page, true);
    const text = await page.locator("main").innerText();
    expect(text).toContain(`休假/出差（至 ${back}）`);
    await page.goto(`${suite.web.url}/admin/recruiters`);
    expect(await page.locator(`[data-recruiter="${before.recruiterId}"]`).innerText()).toContain("休假中");
    await context.close();
  });

  it("shows a park's page and the list of spaces to confirm", async () => {
    await suite.db.sql`update spaces set verified_at = now() - interval '40 days' where id = 'S4'`;
    const { context, page } = await signedIn(true);
    await page.goto(`${suite.web.url}/admin/parks`);
    await hydrated(page, true);
    await lookAt(page, "parks");
    await page.goto(`${suite.web.url}/admin/parks/GC-EDZ`);
    await hydrated(page, true);
    await lookAt(page, "park-edit");
    await page.goto(`${suite.web.url}/admin/spaces?stale=1`);
    await hydrated(page, true);
    await lookAt(page, "spaces-to-confirm");
    await page
      .getByRole("button", { name: /仍可租售/ })
      .first()
      .click();
    await expect.poll(() => banner(page)).toContain("仍可租售");
    const [s] = await suite.db.sql<
      { fresh: boolean }[]
    >`select verified_at > now() - interval '1 minute' as fresh from spaces where id = 'S4'`;
    expect(s.fresh).toBe(true);
    await page.goto(`${suite.web.url}/admin/spaces/S1`);
    await hydrated(page, true);
    await lookAt(page, "space-offered");
    await context.close();
  });
});
