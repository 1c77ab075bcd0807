import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { E2E_WAIT_MS, hydrated, signInByForm } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";
import { routedTestLead, storeTestLead } from "../support/routed-lead";

// forms41 (trial 40's leftovers, docs/decisions/205), at 390 × 844:
// - /hotline: the call tasks sat below the whole phone-lead form — an agent on a phone saw none without scrolling past
//   everything. They come first now, folded behind one line that counts them; opened, they stay open through an outcome.
// - /queue: the search box's placeholder was cut at its end.
const PASSWORD = "phone-layout-41-秘密-2026";
const DESK = "layout41-desk@example.test";
const RECRUITER = "layout41-zhoumin@example.test";
const SHOTS = new URL("./screenshots/", import.meta.url).pathname;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const references: string[] = [];

const suite = browserSuite("phone_layout_41", { seed });

async function seed({ db }: BrowserSuite): Promise<void> {
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const hash = await hashPassword(PASSWORD);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values
    (${DESK}, '热线坐席', 'hotline', null, ${hash}), (${RECRUITER}, '周敏', 'recruiter', 'R1', ${hash})`;
  // Two call-backs, one due now and one later (their leads have no match, so they stay listed).
  for (const [i, dueAt] of [
    [0, new Date(Date.now() - 60_000)],
    [1, new Date(Date.now() + 2 * 3600_000)],
  ] as const) {
    const lead = await storeTestLead(db.sql, `南京版面${i}号机械有限公司`, `1390000812${i}`);
    await db.sql`insert into call_tasks (kind, lead_id, phone, script, dedupe_key, due_at)
                 values ('callback', ${lead.id}, ${`+861390000812${i}`}, '回访：确认面积和入驻时间', ${`callback:${lead.id}`}, ${dueAt})`;
    references.push(lead.reference);
  }
  await routedTestLead(db.sql, { company: "南京版面待接单机械有限公司", phone: "13900008130" }, "S1", "GC-EDZ");
}

async function signedIn(viewport: { width: number; height: number }, email: string, home: string, locale = "zh-CN") {
  const context = await suite.browser.newContext({ viewport, locale, hasTouch: viewport.width < 600 });
  const page = await context.newPage();
  page.setDefaultTimeout(E2E_WAIT_MS);
  await signInByForm(page, suite.web.url, { email, password: PASSWORD, home });
  await hydrated(page);
  // The address changes before the desk is drawn (a client-side navigation): a key pressed or a picture taken
  // before the sign-in's password box is gone went to the sign-in page.
  await expect.poll(() => page.locator('input[type="password"]').count()).toBe(0);
  return { context, page };
}

const topOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => Math.round(el.getBoundingClientRect().top + window.scrollY));

describe("the hotline desk's call tasks on a phone", () => {
  it("come first, folded behind a line that counts them; opened, they stay open through an outcome", async () => {
    const { context, page } = await signedIn(PHONE, DESK, "/hotline");
    try {
      const summary = page.locator(".tasks-fold > summary");
      expect(await summary.innerText()).toBe("电话任务：共 2 条，其中 1 条已到期");
      // After the line is read: the sign-in's page may still be painted when its address has changed.
      await page.screenshot({ path: `${SHOTS}phone-layout-41-hotline-first-screen.png` });
      const [tasks, caller] = await Promise.all([topOf(page, ".tasks-fold > summary"), topOf(page, ".caller-group")]);
      // On the first screen, above the caller's boxes: seen without scrolling.
      expect(tasks).toBeLessThan(caller);
      expect(tasks + 44).toBeLessThanOrEqual(PHONE.height);
      // Folded: the form's caller box is on the first screen too.
      expect(caller).toBeLessThan(PHONE.height);
      expect(await page.locator(".desk-tasks .card").first().isVisible()).toBe(false);

      await summary.click();
      await expect.poll(() => page.locator(".desk-tasks .card").first().isVisible()).toBe(true);
      expect(await topOf(page, ".desk-tasks .card")).toBeLessThan(caller + 200); // right under the line, not below the form
      await page.screenshot({ path: `${SHOTS}phone-layout-41-hotline-tasks-open.png` });

      await page.getByRole("button", { name: `无人接听 ${references[0]}` }).click();
      await expect.poll(() => page.locator("[data-flash]").innerText()).toContain(`已记录：${references[0]} 无人接听`);
      await hydrated(page);
      // The page came back after the outcome: the tasks still open, the next one a tap away.
      await expect.poll(() => page.locator(".tasks-fold").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
      expect(await page.getByRole("button", { name: `已完成 ${references[1]}` }).isVisible()).toBe(true);
      await page.screenshot({ path: `${SHOTS}phone-layout-41-hotline-after-outcome.png` });
    } finally {
      await context.close();
    }
  }, 90_000);

  it("in English too, and without JavaScript the line opens them with a tap", async () => {
    const context = await suite.browser.newContext({ viewport: PHONE, locale: "en", javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(E2E_WAIT_MS);
    try {
      await page.goto(`${suite.web.url}/login?lng=en`);
      await page.locator('[name="email"]').fill(DESK);
      await page.locator('[name="password"]').fill(PASSWORD);
      await page.locator('form button[type="submit"]').click();
      await page.waitForURL(/\/hotline/);
      const summary = page.locator(".tasks-fold > summary");
      expect(await summary.innerText()).toMatch(/^Call tasks: \d+ open, \d+ due now$/);
      await summary.click();
      expect(await page.locator(".desk-tasks .card").first().isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  }, 90_000);

  it("at a desk they stand below the form, no line drawn", async () => {
    const { context, page } = await signedIn(DESKTOP, DESK, "/hotline");
    try {
      await page.screenshot({ path: `${SHOTS}phone-layout-41-hotline-desktop.png`, fullPage: true });
      const shown = await page
        .locator(".desk-tasks .card")
        .first()
        .evaluate((el) => {
          const r = el.getBoundingClientRect();
          return {
            h: Math.round(r.height),
            cv: getComputedStyle(el.closest("details")!).contentVisibility,
            open: el.closest("details")!.open,
          };
        });
      console.log(`hotline tasks at 1280: ${JSON.stringify(shown)}`);
      expect(await page.locator(".tasks-fold > summary").isVisible()).toBe(false);
      await expect.poll(() => page.locator(".desk-tasks .card").first().isVisible()).toBe(true);
      const [form, tasks] = await Promise.all([page.locator(".desk-grid").boundingBox(), topOf(page, ".desk-tasks h2")]);
      expect(tasks).toBeGreaterThan(form!.y + form!.height - 1);
      // Alt+T lands on the tasks' heading.
      await page.keyboard.press("Alt+KeyT");
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("tasks-h");
    } finally {
      await context.close();
    }
  }, 90_000);

  it("Alt+T on a phone with a keyboard opens them before taking the focus", async () => {
    const { context, page } = await signedIn({ width: 600, height: 900 }, DESK, "/hotline");
    try {
      await page.keyboard.press("Alt+KeyT");
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("tasks-h");
      expect(await page.locator(".desk-tasks .card").first().isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  }, 90_000);
});

describe("/queue's search box on a phone", () => {
  it.each([
    ["zh-CN", "/queue"],
    ["en", "/queue?lng=en"],
  ])(
    "its placeholder is read whole (%s)",
    async (locale, path) => {
      const { context, page } = await signedIn(PHONE, RECRUITER, "/queue", locale);
      try {
        await page.goto(`${suite.web.url}${path}`);
        await hydrated(page);
        const box = page.locator('input[type="search"]');
        // The placeholder's width in the box's own font against the room the box gives it.
        const fit = await box.evaluate((el) => {
          const input = el as HTMLInputElement;
          const style = getComputedStyle(input, "::placeholder");
          const ctx = document.createElement("canvas").getContext("2d")!;
          ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const own = getComputedStyle(input);
          const room = input.clientWidth - parseFloat(own.paddingLeft) - parseFloat(own.paddingRight);
          return { text: input.placeholder, width: Math.ceil(ctx.measureText(input.placeholder).width), room: Math.floor(room) };
        });
        console.log(`queue placeholder at 390 px (${locale}): ${JSON.stringify(fit)}`);
        await page.screenshot({ path: `${SHOTS}phone-layout-41-queue-${locale === "en" ? "en" : "zh"}.png` });
        // A margin for what the canvas measures short of the box's own drawing (16 px English measured 215 of 221 and showed cut).
        expect(fit.width).toBeLessThanOrEqual(fit.room - 16);
      } finally {
        await context.close();
      }
    },
    90_000,
  );
});
