import type { Page, Route } from "playwright-core";
import { describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";

import { E2E_WAIT_MS, hydrated } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";
import { storeTestLead } from "../support/routed-lead";

// Typing during a page change inside the app is never lost (trial38 M4, app/components/typing-carrier.tsx). The new
// page's data is held back while the person types, then let through: every key typed meanwhile went into the box of the
// page going away (the sign-in's password box, the desk's phone box) and vanished with it; it lands in the box the new
// page focuses, before what is typed after.
const PASSWORD = "typing-秘密-2026";
const PHONE = "13900007201";
let lead: { id: string; reference: string };

const suite = browserSuite("typing_after_nav", { seed });

async function seed({ db }: BrowserSuite): Promise<void> {
  await db.sql`insert into users (email, name, role, password_hash) values ('type@example.test', '坐席', 'hotline', ${await hashPassword(PASSWORD)})`;
  lead = await storeTestLead(db.sql, "南京打字不丢机械有限公司", PHONE);
}

/** Holds the data request of the page at `path` until the returned `release` is called; `asked` settles when it was sent. */
async function holdData(page: Page, path: string) {
  let release!: () => void;
  let asked!: () => void;
  const sent = new Promise<void>((resolve) => (asked = resolve));
  const open = new Promise<void>((resolve) => (release = resolve));
  let once = false;
  await page.route(
    (url) => url.pathname === `${path}.data`,
    async (route: Route) => {
      if (once || route.request().method() !== "GET") return route.continue();
      once = true;
      asked();
      await open;
      await route.continue();
    },
  );
  return { sent, release: () => release() };
}

const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("name") ?? "");

async function newPage(): Promise<Page> {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  suite.defer(() => context.close());
  const page = await context.newPage();
  page.setDefaultTimeout(E2E_WAIT_MS);
  return page;
}

describe("keys typed while the next page loads land in it", () => {
  // Sent with Enter (the password box keeps the focus) or by clicking 登录 (the button does: keys typed then fire no
  // input event, trial41).
  for (const [how, before, after] of [
    ["with Enter", "025 5778", " 1234"],
    ["with Enter", "138", "12345678"],
    ["with Enter", "（025）8", "8776655转8001"],
    ["by clicking 登录", "138", "12345678"],
    ["by clicking 登录", "025-5", "7881233"],
  ] as const) {
    it(`signed in ${how}, "${before}" typed before the desk is drawn and "${after}" after: the phone box holds both`, async () => {
      const page = await newPage();
      await page.goto(`${suite.web.url}/login`);
      await hydrated(page);
      await page.getByLabel("邮箱").fill("type@example.test");
      await page.getByLabel("密码").fill(PASSWORD);
      const desk = await holdData(page, "/hotline");
      if (how === "with Enter") await page.getByLabel("密码").press("Enter");
      else await page.getByRole("button", { name: "登录", exact: true }).click();
      await desk.sent;
      await page.keyboard.type(before, { delay: 20 });
      desk.release();
      await page.waitForURL((url) => url.pathname === "/hotline");
      await expect.poll(() => focusedName(page)).toBe("contact.phone");
      await page.keyboard.type(after, { delay: 20 });
      expect(await page.locator('[name="contact.phone"]').inputValue()).toBe(before + after);
    });
  }

  it("Alt+1 to a known caller's lead, the note typed at once: the note box holds all of it", async () => {
    const page = await newPage();
    await page.goto(`${suite.web.url}/login?next=/hotline`);
    await hydrated(page);
    await page.getByLabel("邮箱").fill("type@example.test");
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByLabel("密码").press("Enter");
    await page.waitForURL((url) => url.pathname === "/hotline");
    await expect.poll(() => focusedName(page)).toBe("contact.phone");
    await page.keyboard.type(PHONE);
    await expect.poll(() => page.locator("#known").innerText(), { timeout: 20_000 }).toContain(lead.reference);
    const leadPage = await holdData(page, `/hotline/leads/${lead.id}`);
    await page.keyboard.press("Alt+Digit1");
    await leadPage.sent;
    await page.keyboard.type("来电问进度，", { delay: 20 });
    leadPage.release();
    await page.waitForURL((url) => url.pathname === `/hotline/leads/${lead.id}`);
    await expect.poll(() => focusedName(page)).toBe("body");
    await page.keyboard.type("约周三看厂", { delay: 20 });
    expect(await page.locator('textarea[name="body"]').inputValue()).toBe("来电问进度，约周三看厂");
  });
});
