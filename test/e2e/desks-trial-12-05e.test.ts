import { mkdirSync } from "node:fs";

import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { expectAccessible } from "../support/admin-browser";
import { E2E_WAIT_MS, hydrated, signInByForm } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";

// A new user's trial (12-05, ADR 157) of the staff desks and the inquiry form:
// - the space edit page's 仍可租售 looked like its save button: one filled button per form (the save), the
//   page's other steps outlined, their own width;
// - a refused form's summary names each field as a link that puts the focus in it (intake, desk, admin);
// - ㎡ is drawn as "m²" (the CJK fonts perch the ² over the m), the text itself unchanged.
const PASSWORD = "trial-e-秘密-2026";
const ADMIN = "trial-e-admin@example.test";
const DESK = "trial-e-desk@example.test";
const SHOTS = new URL("./screenshots/", import.meta.url);

const suite = browserSuite("desks_trial_12_05e", { seed });

async function seed({ db }: BrowserSuite): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const hash = await hashPassword(PASSWORD);
  await db.sql`insert into users (email, name, role, password_hash) values (${ADMIN}, '管理员', 'admin', ${hash}), (${DESK}, '热线坐席', 'hotline', ${hash})`;
}

async function signedIn(email: string, home: string, javaScriptEnabled = true): Promise<Page> {
  // bypassCSP: lets axe-core be injected; the pages' own policy is tested elsewhere.
  const context = await suite.browser.newContext({
    javaScriptEnabled,
    locale: "zh-CN",
    viewport: { width: 1280, height: 900 },
    bypassCSP: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(E2E_WAIT_MS);
  await signInByForm(page, suite.web.url, { email, password: PASSWORD, home }, javaScriptEnabled);
  await hydrated(page, javaScriptEnabled);
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: new URL(`trial-e-${name}.png`, SHOTS).pathname, fullPage: true });

/** A button's look: filled (its background not white) and its width. */
const look = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const s = getComputedStyle(el);
    return {
      filled: s.backgroundColor !== "rgb(255, 255, 255)" && s.backgroundColor !== "rgba(0, 0, 0, 0)",
      width: el.getBoundingClientRect().width,
    };
  });

/** The id of the focused element. */
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

/** Every link of the page's error summary, each with the field it names: its href's target, a form control. */
async function summaryLinks(page: Page): Promise<{ href: string; text: string; control: string }[]> {
  // The page streams: its summary, at the top, can be there before the fields below it are (CI 12-05 read a link
  // whose field was not parsed yet). Read the links once the whole document is.
  await page.waitForLoadState("domcontentloaded");
  return page.locator("[data-error-summary] a").evaluateAll((links) =>
    links.map((a) => {
      const href = a.getAttribute("href") ?? "";
      const target = document.getElementById(decodeURIComponent(href.slice(1)));
      return { href, text: a.textContent ?? "", control: target?.tagName ?? "" };
    }),
  );
}

describe("the admin's edit pages: one primary button", () => {
  it("the space edit page: 仍可租售 and 恢复 are outlined steps of their own width; 保存 is the one filled, full-width button", async () => {
    const page = await signedIn(ADMIN, "/admin");
    try {
      await page.goto(`${suite.web.url}/admin/spaces/S1`);
      await hydrated(page);
      const save = await look(page, 'form.inventory-form button[value="save"]');
      const verify = await look(page, 'button[value="verify"]');
      await shot(page, "space-edit");
      expect(save.filled).toBe(true);
      expect(verify.filled).toBe(false);
      expect(verify.width).toBeLessThan(save.width / 2);
      // A retired park's page: 恢复 is a step beside the form, not its save.
      await page.goto(`${suite.web.url}/admin/parks/LS-EDZ`);
      await page.locator('input[name="confirm"]').check();
      await page.locator('button[value="retire"]').click();
      await expect.poll(() => page.locator('button[value="restore"]').count()).toBe(1);
      const restore = await look(page, 'button[value="restore"]');
      const parkSave = await look(page, 'form.inventory-form button[value="save"]');
      await shot(page, "park-retired");
      expect(restore.filled).toBe(false);
      expect(parkSave.filled).toBe(true);
      expect(restore.width).toBeLessThan(parkSave.width / 2);
      await page.locator('button[value="restore"]').click();
      await expect.poll(() => page.locator('button[value="retire"]').count()).toBe(1);
    } finally {
      await page.context().close();
    }
  }, 120_000);
});

describe("a refused form's summary links to its fields", () => {
  it("the space edit form: each item names its field and a click puts the focus there; axe stays green", async () => {
    const page = await signedIn(ADMIN, "/admin");
    try {
      await page.goto(`${suite.web.url}/admin/spaces/S1`);
      await hydrated(page);
      await page.locator('[name="areaSqm"]').fill("很大");
      await page.locator('[name="title"]').fill("");
      await page.locator('form.inventory-form button[value="save"]').click();
      await expect.poll(() => page.locator("[data-error-summary] a").count()).toBeGreaterThanOrEqual(2);
      const links = await summaryLinks(page);
      for (const l of links) expect(["INPUT", "SELECT", "TEXTAREA"], `${l.href} ${l.text}`).toContain(l.control);
      expect(links.map((l) => l.text).join("\n")).toMatch(/面积.*：/);
      await shot(page, "space-edit-refused");
      for (const l of links) {
        await page.locator(`[data-error-summary] a[href="${l.href}"]`).click();
        await expect.poll(() => focusedId(page)).toBe(decodeURIComponent(l.href.slice(1)));
      }
      await expectAccessible(page, "space edit refused");
    } finally {
      await page.context().close();
    }
  }, 120_000);

  it("the hotline desk's lead form: a save with nothing typed lists the fields as links that focus them", async () => {
    const page = await signedIn(DESK, "/hotline");
    try {
      await page.locator('form.desk-form .desk-actions button[value="save"]').click();
      await expect.poll(() => page.locator("[data-error-summary] a").count()).toBeGreaterThanOrEqual(3);
      const links = await summaryLinks(page);
      for (const l of links) expect(["INPUT", "SELECT", "TEXTAREA"], `${l.href} ${l.text}`).toContain(l.control);
      // Named as the desk shows them (trial42): the caller's number first, by the box's own label.
      expect(links[0].text).toMatch(/^来电号码：/);
      expect(links.map((l) => l.text).join("\n")).not.toContain("联系电话：");
      await shot(page, "hotline-refused");
      const phone = links[0];
      await page.locator(`[data-error-summary] a[href="${phone.href}"]`).click();
      await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("contact.phone");
      await expectAccessible(page, "hotline refused");
    } finally {
      await page.context().close();
    }
  }, 120_000);

  it("the inquiry form: the server's refusal lists the fields as links (without JavaScript too), and its script focuses them", async () => {
    for (const javaScriptEnabled of [false, true]) {
      const context = await suite.browser.newContext({
        javaScriptEnabled,
        locale: "zh-CN",
        viewport: { width: 390, height: 844 },
        bypassCSP: true,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(E2E_WAIT_MS);
      try {
        await page.goto(`${suite.web.url}/`);
        // Sent as is, past the script's own checks (form.submit() fires no submit event): the server refuses it.
        await page.locator("main form[data-lng]").evaluate((f) => (f as HTMLFormElement).submit());
        await expect.poll(() => page.locator("[data-error-summary] a").count()).toBeGreaterThanOrEqual(3);
        // With JavaScript, read the links once the form's script has enhanced its controls (CI 12-05 read one mid-way: no control).
        if (javaScriptEnabled)
          await page.waitForFunction(() => (document.querySelector("form[data-lng]") as HTMLElement | null)?.dataset.enhanced === "true");
        const links = await summaryLinks(page);
        for (const l of links) expect(["INPUT", "SELECT", "TEXTAREA"], `${l.href} ${l.text}`).toContain(l.control);
        expect(links.map((l) => l.text).join("\n")).toContain("公司名称：");
        if (!javaScriptEnabled) {
          await shot(page, "inquiry-refused-phone");
          continue;
        }
        await page.waitForFunction(() => (document.querySelector("form[data-lng]") as HTMLElement | null)?.dataset.enhanced === "true");
        const company = links.find((l) => l.text.startsWith("公司名称"))!;
        await page.locator(`[data-error-summary] a[href="${company.href}"]`).click();
        await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("company.name");
        await expectAccessible(page, "inquiry refused");
      } finally {
        await context.close();
      }
    }
  }, 120_000);
});

it("㎡ is drawn as m² (the same width as the Latin 'm²'), not the CJK font's cell with the ² over the m", async () => {
  const page = await signedIn(ADMIN, "/admin");
  try {
    await page.goto(`${suite.web.url}/admin/spaces`);
    await expect.poll(() => page.locator("main").innerText()).toContain("㎡");
    const widths = await page.evaluate(async () => {
      await document.fonts.ready;
      await document.fonts.load('16px "pm-square-metre"', "㎡");
      const main = document.querySelector("main")!;
      const width = (text: string) => {
        const span = Object.assign(document.createElement("span"), { textContent: text });
        main.append(span);
        const w = span.getBoundingClientRect().width;
        span.remove();
        return w;
      };
      return { glyph: width("4800㎡"), latin: width("4800m²"), strong: width("") };
    });
    await shot(page, "spaces-list-square-metres");
    expect(Math.abs(widths.glyph - widths.latin)).toBeLessThan(0.5);
  } finally {
    await page.context().close();
  }
}, 120_000);
