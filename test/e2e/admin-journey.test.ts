import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { createSearchClient, waitSucceeded } from "../../search/client";
import { toLeadDocument } from "../../search/lead-document";
import { ensureLeadsIndex, LEADS_INDEX } from "../../search/leads.index";
import { demoInventory } from "../fixtures/inventory";
import { applyImport, expectAccessible, expectFlash, hydrated, photograph, previewImport, signInAt } from "../support/admin-browser";
import { E2E_WAIT_MS } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";
import { deadAssignmentNotice, routedTestLead, storeTestLead } from "../support/routed-lead";

// Issue 11's acceptance line, in its order, as one admin's morning in headless Chromium: sign in at
// /login, create a recruiter and its account, import an Excel workbook (previewed, then applied), edit a
// space, mark a recruiter away and see the open offer re-routed (to the recruiter just created), find an
// unmatched lead by its company typed in Traditional characters, assign it by hand, retry a dead letter,
// open the dashboard and read the funnel. Each page: axe-core, and phone + desktop screenshots
// (test/e2e/screenshots/journey-*.png).
const EMAIL = "journey-admin@example.test";
const PASSWORD = "journey-秘密-2026";
const COMPANY = "南京远景繁体旅程精密机械有限公司";
let unmatched: { id: string; reference: string };
let offered: { leadId: string; assignmentId: string };
let deadId: string;

/** A lead matched to `spaceId` (of `parkId`) and routed by the policy. */
const routed = (company: string, phone: string, spaceId: string, parkId: string) =>
  routedTestLead(suite.db.sql, { company, phone }, spaceId, parkId);

const suite = browserSuite("admin_journey", { seed, timeout: 180_000 });

/** The rows this file's pages show (browserSuite runs it once the web server is up). */
async function seed({ db }: BrowserSuite): Promise<void> {
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`insert into users (email, name, role, password_hash) values (${EMAIL}, '主管', 'admin', ${await hashPassword(PASSWORD)})`;
  // An unmatched lead, in the search index.
  unmatched = await storeTestLead(db.sql, COMPANY, "13955506001");
  await db.sql`update leads set status = 'unmatched' where id = ${unmatched.id}`;
  const rows = await db.sql<never[]>`select id, reference, status, source, lead, created_at from leads where id = ${unmatched.id}`;
  const search = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
  await ensureLeadsIndex(search, LEADS_INDEX);
  await waitSucceeded(search.index(LEADS_INDEX).addDocuments(rows.map(toLeadDocument), { primaryKey: "id" }));
  // An open offer held by R1 (GC-EDZ's only recruiter until the admin adds one).
  const held = await routed("南京旅程改派测试有限公司", "13955506002", "S1", "GC-EDZ");
  expect(held.recruiterId).toBe("R1");
  offered = held;
  // A lead at GC-MED whose email notice died.
  const dead = await routed("南京旅程死信测试有限公司", "13955506003", "S2", "GC-MED");
  deadId = await deadAssignmentNotice(db.sql, dead.leadId, "550 5.1.1 mailbox unavailable");
}

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("空间");
  ws.addRow(["编号", "园区编号", "类型", "交易方式", "名称", "面积", "层高（米）", "状态"]);
  ws.addRow(["S-J1", "GC-EDZ", "厂房", "出租", "旅程导入厂房", "8千平", "9米", "可租售"]);
  ws.addRow(["S3", "GC-EDZ", "厂房", "出租", "标准厂房（旅程改）", "3000", "", "可租售"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("an admin's morning, in the order of issue 11's acceptance line", () => {
  it("signs in, adds a recruiter and its account, imports, edits, re-routes, finds, assigns, retries, reads the funnel", async () => {
    // bypassCSP only lets the test inject axe-core; the pages keep their policy.
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN", bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(E2E_WAIT_MS);
    const look = async (name: string) => {
      await expectAccessible(page, name);
      await photograph(page, `journey-${name}`);
    };

    // 1. Sign in at /login.
    await signInAt(page, suite.web.url, EMAIL, PASSWORD);
    await hydrated(page);
    await look("overview");

    // 2. A recruiter for GC-EDZ, then its account.
    await page.goto(`${suite.web.url}/admin/recruiters`);
    await hydrated(page);
    await Promise.all([page.waitForURL((u) => u.pathname === "/admin/recruiters/new"), page.getByRole("link", { name: "新建" }).click()]);
    await hydrated(page);
    await page.getByLabel(/^编号/).fill("R30");
    await page.getByLabel(/^姓名/).fill("钱明");
    await page.getByLabel(/^邮箱/).fill("qianming@example.test");
    await page.getByLabel(/^电话/).fill("139 0000 0030");
    await page.getByLabel(/^负责园区/).fill("GC-EDZ");
    await look("recruiter-new");
    await page.getByRole("button", { name: "保存" }).click();
    await expectFlash(page, "已新建");
    expect(new URL(page.url()).pathname).toBe("/admin/recruiters/R30");
    expect((await suite.db.sql`select parks, active from recruiters where id = 'R30'`)[0]).toEqual({ parks: ["GC-EDZ"], active: true });

    await page.goto(`${suite.web.url}/admin/staff`);
    await hydrated(page);
    await page.getByLabel("邮箱").fill("qianming@example.test");
    await page.getByLabel("姓名").fill("钱明");
    await page.getByLabel("招商专员", { exact: true }).check();
    await page.getByLabel("关联的招商专员记录").selectOption("R30");
    await page.getByRole("button", { name: "创建账号" }).click();
    await expect.poll(() => page.getByTestId("invite-url").textContent()).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    expect((await suite.db.sql`select role, recruiter_id from users where email = 'qianming@example.test'`)[0]).toEqual({
      role: "recruiter",
      recruiterId: "R30",
    });
    await look("staff");

    // 3. An Excel workbook: previewed (nothing written), then applied.
    await page.getByRole("navigation").getByRole("link", { name: "Excel 导入导出" }).click();
    await page.waitForURL((u) => u.pathname === "/admin/import");
    await hydrated(page);
    await previewImport(page, "旅程.xlsx", await workbook(), "新建 1 条，修改 1 条");
    expect((await suite.db.sql`select 1 from spaces where id = 'S-J1'`).length).toBe(0);
    await look("import-preview");
    await applyImport(page, "新建 1 条，修改 1 条");
    expect((await suite.db.sql`select area_sqm from spaces where id = 'S-J1'`)[0].areaSqm).toBe(8000);

    // 4. Edit a space (the one just imported).
    await page.goto(`${suite.web.url}/admin/spaces`);
    await hydrated(page);
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/admin/spaces/S-J1"),
      page.getByRole("link", { name: "S-J1", exact: true }).click(),
    ]);
    await hydrated(page);
    await page.getByLabel(/^名称/).fill("旅程导入厂房（已改）");
    await page.getByRole("button", { name: "保存" }).click();
    await expectFlash(page, "已保存");
    expect((await suite.db.sql`select title from spaces where id = 'S-J1'`)[0].title).toBe("旅程导入厂房（已改）");
    await look("space-edit");

    // 5. R1 goes on holiday: the open offer moves to R30, the recruiter added above.
    await page.goto(`${suite.web.url}/admin/recruiters/R1`);
    await hydrated(page);
    const china = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel(/^休假开始/).fill(china(0));
    await page.getByLabel(/^休假结束/).fill(china(5));
    await page.getByRole("button", { name: "保存" }).click();
    await expectFlash(page, "已将 1 条未接的派单改派");
    expect((await suite.db.sql`select recruiter_id, status from assignments where id = ${offered.assignmentId}`)[0]).toEqual({
      recruiterId: "R30",
      status: "offered",
    });
    await look("recruiter-away");

    // 6. The unmatched lead, found by its company in Traditional characters; 7. assigned by hand.
    await page.goto(`${suite.web.url}/admin/leads`);
    await hydrated(page);
    await page.getByLabel(/公司、产品、编号或电话号码/).fill("遠景繁體旅程精密機械");
    await Promise.all([page.waitForURL(/q=/), page.getByRole("button", { name: "筛选" }).click()]);
    await expect.poll(() => page.locator(`[data-lead="${unmatched.reference}"]`).count(), { timeout: 30_000 }).toBe(1);
    await look("leads-search");
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/admin/leads/${unmatched.id}`),
      page.getByRole("link", { name: unmatched.reference }).click(),
    ]);
    await hydrated(page);
    await page.getByLabel(/招商专员 — 园区/).selectOption("R30|GC-EDZ");
    await page.getByLabel("原因（写入分配记录）").fill("企业点名要高淳开发区");
    await page.getByRole("button", { name: "分配" }).click();
    await expectFlash(page, "已保存");
    expect((await suite.db.sql`select recruiter_id, rule from assignments where lead_id = ${unmatched.id}`)[0]).toEqual({
      recruiterId: "R30",
      rule: "manual",
    });
    await look("lead-assigned");

    // 8. The dead letter, retried.
    await page.goto(`${suite.web.url}/admin/dead-letters`);
    await hydrated(page);
    expect(await page.locator(`[data-dead="${deadId}"]`).textContent()).toContain("mailbox unavailable");
    await look("dead-letters");
    await page.locator(`[data-dead="${deadId}"]`).getByRole("button", { name: "重发" }).click();
    await expectFlash(page, "已重新发送");
    expect((await suite.db.sql`select status from notifications where id = ${deadId}`)[0].status).toBe("pending");

    // 9. The dashboard: the funnel, read from its table — three leads received, three assigned.
    await page.goto(`${suite.web.url}/admin/dashboard`);
    await hydrated(page);
    const funnel = page.locator('[data-figure="funnel"]');
    expect(await funnel.locator("svg:visible").count()).toBe(1); // one of its two drawings (desktop, phone)
    expect(await funnel.getByRole("row", { name: /^收到 / }).textContent()).toContain("3");
    expect(await funnel.getByRole("row", { name: /^已分配 / }).textContent()).toContain("3");
    await look("dashboard");
    await context.close();
  }, 240_000);
});
