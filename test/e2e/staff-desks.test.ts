import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { importInventory } from "~/inventory/import.server";
import { storeLead } from "~/leads/intake.server";

import { demoInventory } from "../fixtures/inventory";
import { E2E_WAIT_MS } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";
import { validLeadJson } from "../support/leads";

// The staff desks in headless Chromium. The recruiter's: the emailed assignment link, signing in by
// label, and the accept / contacted steps — with JavaScript, without it (plain form posts), and by
// keyboard alone. The hotline's: a call-back worked from /hotline with JavaScript.
const EMAIL = "zhoumin@example.test";
const PASSWORD = "zhoumin-秘密-2026";
const REASON = "面积 5000㎡ 在需求 4000–6000㎡ 内";

const suite = browserSuite("queue_desk", { seed });

/** The rows this file's pages show (browserSuite runs it once the web server is up). */
async function seed({ db }: BrowserSuite): Promise<void> {
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash)
               values (${EMAIL}, '周敏', 'recruiter', 'R1', ${await hashPassword(PASSWORD)}),
                      ('desk@example.test', '热线坐席', 'hotline', null, ${await hashPassword(PASSWORD)})`;
}

/** A lead matched to a GC-EDZ space and routed to R1 (the park's only active recruiter), as the worker would. */
async function routedLead(company: string): Promise<{ reference: string; assignmentId: string }> {
  const parsed = createLeadSchema("zh", "api").parse(validLeadJson({ company }));
  const { id, reference } = await storeLead(suite.db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" });
  const [space] = await suite.db.sql<
    { id: string }[]
  >`select id from spaces where park_id = 'GC-EDZ' and status = 'available' order by id limit 1`;
  await suite.db.sql`insert into matches (lead_id, space_id, park_id, score, reasons, found_by)
               values (${id}, ${space.id}, 'GC-EDZ', 88, ${suite.db.sql.json([{ zh: REASON, en: "area fits", kind: "fit" }] as never)}, 'lead')`;
  await suite.db.sql.begin((tx) => routeLead(tx, id, { slaMinutes: 120, noticeFallbackMs: 90_000 }));
  const [a] = await suite.db.sql<
    { id: string; recruiterId: string; status: string }[]
  >`select id, recruiter_id, status from assignments where lead_id = ${id}`;
  expect(a).toMatchObject({ recruiterId: "R1", status: "offered" });
  return { reference, assignmentId: a.id };
}

const statusOf = async (assignmentId: string) =>
  (await suite.db.sql<{ status: string }[]>`select status from assignments where id = ${assignmentId}`)[0]?.status;

async function newPage(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await suite.browser.newContext({ javaScriptEnabled, locale: "zh-CN" });
  const page = await context.newPage();
  page.setDefaultTimeout(E2E_WAIT_MS);
  return { context, page };
}

/** With JavaScript: wait until Remix has hydrated, so clicks go through its client-side forms. */
async function hydrated(page: Page, javaScriptEnabled: boolean) {
  if (javaScriptEnabled) await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined);
}

const mainText = (page: Page) => page.locator("main").innerText();
// Headings are polled: with JavaScript the URL changes as a client navigation commits and the new
// page renders a moment later.

/** The emailed link, signed out → /login?next=… → signed in → back on the assignment page with its details. */
async function openEmailedLinkAndSignIn(page: Page, javaScriptEnabled: boolean, assignmentId: string, company: string, reference: string) {
  const path = `/queue/assignments/${assignmentId}`;
  await page.goto(`${suite.web.url}${path}`);
  const login = new URL(page.url());
  expect(login.pathname).toBe("/login");
  expect(login.searchParams.get("next")).toBe(path);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("员工登录");
  await hydrated(page, javaScriptEnabled);

  await page.getByLabel("邮箱").fill(EMAIL);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await page
    .waitForURL((url) => url.pathname === path)
    .catch(async (e) => {
      throw new Error(
        `not back on the assignment; at ${page.url()}, page says: ${(await page.locator("body").innerText()).slice(0, 2000)}`,
        { cause: e },
      );
    });
  await hydrated(page, javaScriptEnabled);

  await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(`线索 ${reference}`);
  const text = await mainText(page);
  expect(text).toContain(company);
  expect(text).toContain("王经理");
  expect(text).toContain("138 1234 5678");
  expect(await page.getByRole("link", { name: "138 1234 5678" }).getAttribute("href")).toBe("tel:13812345678");
  expect(text).toContain(REASON);
  expect(text).toContain("状态：已派单");
  expect(await page.getByRole("status").count()).toBe(0); // no banner before a step
  return path;
}

/**
 * Presses one action button and waits for the 303 back to the same page with its banner — the flash
 * cookie's message (ADR 025): the address stays clean (no ?done=), so a reload does not repeat it.
 */
async function step(page: Page, javaScriptEnabled: boolean, button: string, path: string, done: string, statusLabel: string) {
  await page.getByRole("button", { name: button, exact: true }).click();
  await expect
    .poll(
      () =>
        page
          .getByRole("status")
          .innerText()
          .catch(() => ""),
      { timeout: 30_000, interval: 200 },
    )
    .toBe(`已记录：${statusLabel}`)
    .catch(async (e) => {
      throw new Error(`no "${done}" banner; at ${page.url()}, page says: ${(await page.locator("body").innerText()).slice(0, 2000)}`, {
        cause: e,
      });
    });
  expect(new URL(page.url()).pathname).toBe(path);
  expect(new URL(page.url()).search).toBe("");
  expect(await mainText(page)).toContain(`状态：${statusLabel}`);
  await hydrated(page, javaScriptEnabled);
}

describe("the emailed assignment link", () => {
  it("with JavaScript: signs in by label, comes back, accepts and records contacted — in Postgres too", async () => {
    const company = "南京浏览器接单机械有限公司";
    const { reference, assignmentId } = await routedLead(company);
    const { context, page } = await newPage(true);
    const posts: { url: string; type: string }[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push({ url: r.url(), type: r.resourceType() });
    });
    try {
      const path = await openEmailedLinkAndSignIn(page, true, assignmentId, company, reference);
      // Only what the status allows: accept or decline, no later steps yet.
      expect(await page.getByRole("button", { name: "接单", exact: true }).isVisible()).toBe(true);
      expect(await page.getByRole("link", { name: "拒绝（改派给其他专员）" }).isVisible()).toBe(true); // asks to confirm first
      expect(await page.getByRole("button", { name: "已联系企业" }).count()).toBe(0);

      await step(page, true, "接单", path, "accepted", "已接单");
      expect(await statusOf(assignmentId)).toBe("accepted");
      expect(await page.getByRole("button", { name: "接单", exact: true }).count()).toBe(0);

      await step(page, true, "已联系企业", path, "contacted", "已联系");
      expect(await statusOf(assignmentId)).toBe("contacted");

      // Hydrated: the login and both steps went through Remix's fetch, not a document reload.
      const assignmentPosts = posts.filter((p) => new URL(p.url).pathname.startsWith(path));
      expect(assignmentPosts.length).toBe(2);
      expect(assignmentPosts.every((p) => p.type === "fetch")).toBe(true);
    } finally {
      await context.close();
    }
  });

  it("without JavaScript: the same sign-in and accept work as plain form posts", async () => {
    const company = "南京无脚本接单机械有限公司";
    const { reference, assignmentId } = await routedLead(company);
    const { context, page } = await newPage(false);
    try {
      const path = await openEmailedLinkAndSignIn(page, false, assignmentId, company, reference);
      expect(await page.locator('input[type="hidden"][name="csrf"]').first().inputValue()).not.toBe("");
      await step(page, false, "接单", path, "accepted", "已接单");
      expect(await statusOf(assignmentId)).toBe("accepted");
      // And the queue lists it, linking back to the page.
      await page.getByRole("navigation").getByRole("link", { name: "我的线索", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/queue");
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("我的线索");
      const card = page.getByRole("listitem").filter({ hasText: company });
      expect(await card.getByRole("link", { name: new RegExp(reference) }).getAttribute("href")).toBe(path);
      expect(await card.innerText()).toContain("已接单");
    } finally {
      await context.close();
    }
  });
});

describe("the login page by keyboard", () => {
  it("focuses the email field on load, Tab reaches the password, Enter signs in", async () => {
    const { context, page } = await newPage(true);
    try {
      await page.goto(`${suite.web.url}/login`);
      await hydrated(page, true);
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name") ?? null)).toBe("email");
      await page.keyboard.type(EMAIL);
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("name") ?? null)).toBe("password");
      await page.keyboard.type(PASSWORD);
      expect(await page.getByLabel("邮箱").inputValue()).toBe(EMAIL);
      expect(await page.getByLabel("密码").inputValue()).toBe(PASSWORD);
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.pathname === "/queue");
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("我的线索");
      expect(await page.getByRole("button", { name: "退出登录" }).isVisible()).toBe(true); // signed in
    } finally {
      await context.close();
    }
  });
});

describe("the hotline desk", () => {
  it("with JavaScript: signs in to /hotline, records a call-back with no answer, and says so", async () => {
    const parsed = createLeadSchema("zh", "api").parse(validLeadJson({ company: "南京浏览器回访机械有限公司" }));
    const { id, reference } = await storeLead(suite.db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" });
    await suite.db.sql.begin((tx) => routeLead(tx, id, { slaMinutes: 120, noticeFallbackMs: 90_000 })); // no match: a call-back task
    const { context, page } = await newPage(true);
    try {
      await page.goto(`${suite.web.url}/login`);
      await hydrated(page, true);
      await page.getByLabel("邮箱").fill("desk@example.test");
      await page.getByLabel("密码").fill(PASSWORD);
      await page.getByRole("button", { name: "登录", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/hotline");
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("热线坐席台");
      await hydrated(page, true);
      expect(await mainText(page)).toContain(`回访 ${reference}`);
      await page.getByRole("button", { name: `无人接听 ${reference}`, exact: true }).click();
      await expect
        .poll(() =>
          page
            .getByRole("status")
            .innerText()
            .catch(() => ""),
        )
        .toBe(`已记录：${reference} 无人接听`);
      const [task] = await suite.db.sql<{ status: string }[]>`select status from call_tasks where lead_id = ${id}`;
      expect(task.status).toBe("no-answer");
    } finally {
      await context.close();
    }
  });
});
