import { mkdirSync } from "node:fs";

import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { storeLead } from "~/leads/intake.server";

import { indexNames } from "../../search/index-names";
import { axeViolations, seriousViolations } from "../support/axe";
import { E2E_WAIT_MS } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";
import { validLeadJson } from "../support/leads";
import { outboxDrained } from "../support/pipeline";
import { startTestWorker } from "../support/worker";

// The known callers show where the agent is typing (found by a trial of the desk, 2026-12-04): on a
// phone the panel sat below all the caller's boxes (phone, company, contact, credit code, title) and
// out of sight while the company or the number was typed; the list is now right under the box typed
// in. At a desk width the panel stands beside the caller's boxes. Checked by the matches' bounding box
// against the viewport after typing in each lookup box, at 1280×800 and 390×844; Tab still goes from
// box to box, Alt+1 still opens the first lead, axe finds nothing serious.
const PASSWORD = "known-in-view-秘密-2026";
const SHOTS = "test/e2e/screenshots";
const COMPANY = "南京视野测试精密机械有限公司";
const CODE = "91110000600037341L";
let reference = "";

const suite = browserSuite("e2e_known_in_view", { beforeWeb, seed });

/** A worker on an index prefix of this run's own (the lookup searches the leads index it writes); the server is told the prefix. */
async function beforeWeb({ db, defer }: BrowserSuite): Promise<Record<string, string>> {
  mkdirSync(SHOTS, { recursive: true });
  const prefix = `kv${Math.random().toString(36).slice(2, 8)}_`;
  const worker = await startTestWorker({ databaseUrl: db.url, indexNames: indexNames(prefix) });
  defer(() => worker.close());
  const json = validLeadJson({ company: COMPANY, phone: "13900005555" });
  const parsed = createLeadSchema("zh", "api").parse({
    ...json,
    company: { ...json.company, creditCode: CODE },
    contact: { ...json.contact, name: "老张" },
  });
  ({ reference } = await storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" }));
  await outboxDrained(db.sql, 90_000); // the lead is in this run's index
  return { MEILI_INDEX_PREFIX: prefix };
}

async function seed({ db }: BrowserSuite): Promise<void> {
  await db.sql`insert into users (email, name, role, password_hash) values ('view@example.test', '坐席', 'hotline', ${await hashPassword(PASSWORD)})`;
}

async function signIn(page: Page) {
  await page.goto(`${suite.web.url}/hotline`);
  await page.getByLabel("邮箱").fill("view@example.test");
  await page.getByLabel("密码").fill(PASSWORD);
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.pathname === "/hotline");
  await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("热线坐席台");
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined);
}

const focusedName = (page: Page) => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? "");

/** Whether the element's box lies within the viewport (its top and bottom both; or its first 120 px, when taller). */
async function inView(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const view = page.viewportSize()!;
  if (!box || box.width === 0) return false;
  return box.y >= 0 && box.y + Math.min(box.height, 120) <= view.height && box.x >= 0 && box.x + box.width <= view.width + 1;
}

describe.each([
  ["desktop", 1280, 800, "#known .card"],
  ["phone", 390, 844, '[data-testid="known-inline"]'],
] as const)("the known callers at a %s width", (label, width, height, matches) => {
  it("are in view after typing in each lookup box, by keyboard, and the desk's keys still work", async () => {
    const context = await suite.browser.newContext({ viewport: { width, height }, locale: "zh-CN", hasTouch: width < 600 });
    const page = await context.newPage();
    page.setDefaultTimeout(E2E_WAIT_MS);
    try {
      await signIn(page);
      // The number's start.
      await expect.poll(() => focusedName(page)).toBe("contact.phone");
      await page.keyboard.type("139 0000 5");
      await expect.poll(() => page.locator("#known").innerText(), { timeout: 20_000 }).toContain(reference);
      await expect.poll(() => inView(page, matches)).toBe(true);
      expect(await inView(page, '[name="contact.phone"]')).toBe(true);
      // The company, in another call: the number emptied first.
      await page.keyboard.press("Control+A");
      await page.keyboard.press("Backspace");
      await page.keyboard.press("Tab");
      expect(await focusedName(page)).toBe("company.name"); // the short list is no tab stop
      await page.keyboard.type("视野测试精密");
      await expect.poll(() => page.locator(matches).first().innerText(), { timeout: 20_000 }).toContain(reference);
      await expect.poll(() => inView(page, matches)).toBe(true);
      expect(await inView(page, '[name="company.name"]')).toBe(true);
      await page.screenshot({ path: `${SHOTS}/known-in-view-${label}-company.png` });
      // The contact as noted (老张 is found by 张), beside the company.
      await page.keyboard.press("Tab");
      expect(await focusedName(page)).toBe("contact.name");
      await page.keyboard.type("张");
      await expect.poll(() => page.locator("#known").innerText(), { timeout: 20_000 }).toContain("联系人相符");
      await expect.poll(() => inView(page, matches)).toBe(true);
      // The credit code's start, the company emptied.
      await page.locator('[name="company.name"]').fill("");
      await page.locator('[name="contact.name"]').fill("");
      await page.locator('[name="company.creditCode"]').focus();
      await page.keyboard.type(CODE.slice(0, 10));
      await expect.poll(() => page.locator("#known").innerText(), { timeout: 20_000 }).toContain("信用代码");
      await expect.poll(() => page.locator(matches).first().innerText(), { timeout: 20_000 }).toContain(reference);
      await expect.poll(() => inView(page, matches)).toBe(true);
      expect(await inView(page, '[name="company.creditCode"]')).toBe(true);
      await page.screenshot({ path: `${SHOTS}/known-in-view-${label}-credit-code.png` });
      // The live region is the panel's, once: the short list is hidden from assistive technology.
      expect(await page.locator("[aria-live] .known-found").count()).toBe(1);
      expect(await page.locator('[data-testid="known-inline"] a[tabindex="-1"]').count()).toBe(1); // no tab stop
      expect(await page.locator('[data-testid="known-inline"]').isVisible()).toBe(width < 960); // beside the form on a desk
      expect(
        seriousViolations(
          await axeViolations(page, { inject: "evaluate", runOptions: { runOnly: ["wcag2a", "wcag2aa", "best-practice"] } }),
        ),
      ).toEqual([]);
      // Alt+1 opens the first lead of the panel.
      await page.keyboard.press("Alt+Digit1");
      await page.waitForURL((url) => url.pathname.startsWith("/hotline/leads/"));
    } finally {
      await context.close();
    }
  }, 180_000);
});
