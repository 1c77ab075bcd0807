import { mkdirSync } from "node:fs";

import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";

import { axeViolations, seriousViolations } from "../support/axe";
import { E2E_WAIT_MS, hydrated, signInByForm } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";

// The hotline desk, hydrated, when the web layer refuses what the page sends (ADR 163). The refusals are
// the server's own (the request gate's), never mocked: text pasted with a NUL in it (a character Postgres
// cannot store; it comes along when text is copied out of some PDFs and spreadsheets) and a form grown past
// the gate's 128 KB. Each live panel shows the refusal's own words and keeps the typing; the save, posted by
// Remix as a single-fetch `.data` request, shows the refusal beside the form instead of breaking the page.
const PASSWORD = "desk-refusal-秘密-2026";
const SHOTS = "test/e2e/screenshots";

const suite = browserSuite("e2e_desk_refusals", { seed });

async function seed({ db }: BrowserSuite): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await db.sql`insert into users (email, name, role, password_hash) values ('refuse@example.test', '热线坐席', 'hotline', ${await hashPassword(PASSWORD)})`;
}

async function openDesk(page: Page, lng: "zh" | "en") {
  await signInByForm(page, suite.web.url, { email: "refuse@example.test", password: PASSWORD, home: "/hotline" });
  if (lng === "en") {
    await page.goto(`${suite.web.url}/hotline?lng=en`);
    await hydrated(page);
  }
}

const valueOf = (page: Page, name: string) => page.locator(`[name="${name}"]`).first().inputValue();

async function expectAccessible(page: Page) {
  const violations = await axeViolations(page, { inject: "evaluate", runOptions: { runOnly: ["wcag2a", "wcag2aa", "best-practice"] } });
  expect(seriousViolations(violations)).toEqual([]);
}

const WORDS = {
  zh: { nul: "无法", kept: "填写的内容都还在表单里", tooBig: "128 KB" },
  en: { nul: "character", kept: "still in the form", tooBig: "128 KB" },
} as const;

describe.each(["zh", "en"] as const)("the hotline desk's panels show a refusal's own words (%s)", (lng) => {
  it("the caller lookup refused for a pasted NUL: its message in the panel, the typing kept", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await openDesk(page, lng);
    await page.locator('[name="contact.phone"]').fill("13912345678");
    await page.locator('[name="company.name"]').focus();
    // A paste: the browser inserts the text as typed input (its input event fires the lookup).
    await page.keyboard.insertText("南京粘贴\u0000机械有限公司");
    const known = page.locator("#known");
    await expect.poll(() => known.innerText(), { timeout: E2E_WAIT_MS }).toContain(WORDS[lng].kept);
    const text = await known.innerText();
    expect(text).toContain(WORDS[lng].nul);
    // Not the typing hint: the person is told why.
    expect(text).not.toMatch(/输入号码或公司名称后|Type the number or the company name/);
    expect(await valueOf(page, "company.name")).toBe("南京粘贴\u0000机械有限公司");
    expect(await valueOf(page, "contact.phone")).toBe("13912345678");
    // Taking the NUL out answers the lookup again: the panel leaves the refusal.
    await page.locator('[name="company.name"]').fill("南京粘贴机械有限公司");
    await expect.poll(() => known.innerText(), { timeout: E2E_WAIT_MS }).not.toContain(WORDS[lng].kept);
    await context.close();
  });

  it("the match dry run refused for a form past 128 KB: its message in the panel, the typing kept", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await openDesk(page, lng);
    await page.locator('[name="need.kind"]').first().check();
    // A document put into the notes by a script of the agent's (past the box's maxlength, as a paste tool may):
    // the whole form goes to the dry run, which the gate refuses as too large.
    const long = "厂房".repeat(70_000);
    await page.locator('textarea[name="need.notes"]').evaluate((el: HTMLTextAreaElement, text) => {
      el.value = text;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }, long);
    const matches = page.locator("#matches");
    await expect.poll(() => matches.innerText(), { timeout: E2E_WAIT_MS }).toContain(WORDS[lng].kept);
    expect(await matches.innerText()).toContain(WORDS[lng].tooBig);
    expect((await valueOf(page, "need.notes")).length).toBe(long.length);
    await matches.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/desk-panel-refused-phone-${lng}.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await expectAccessible(page);
    await context.close();
  });
});

/** Keys in a phone lead the save would take (company, contact, phone, kind, the oral consent). */
async function fillLead(page: Page, company: string, phone: string) {
  await page.locator('[name="contact.phone"]').fill(phone);
  await page.locator('[name="contact.name"]').fill("王经理");
  await page.locator('[name="need.kind"]').first().check();
  await page.locator('[name="company.name"]').fill("");
  await page.locator('[name="company.name"]').focus();
  await page.keyboard.insertText(company);
  await page.locator('input[name="consent"]').check();
}

const leadCount = async () => (await suite.db.sql<{ n: number }[]>`select count(*)::int as n from leads`)[0].n;

describe.each(["zh", "en"] as const)("a hydrated page's post refused as a whole answers as data (%s)", (lng) => {
  const SAVED = { zh: "没有保存", en: "Nothing was saved" } as const;
  const PHONES = { zh: "13712345678", en: "13612345678" } as const;

  it("the desk's save with a pasted NUL: the refusal beside the form, the typing kept, nothing saved, the page whole", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await openDesk(page, lng);
    const before = await leadCount();
    await fillLead(page, "南京保存\u0000精密有限公司", PHONES[lng]);
    const answer = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/hotline.data");
    await page.locator('button[value="save"]:not(.hp)').click();
    expect((await answer).status()).toBe(400);
    const note = page.locator("form .form-refusal[role=alert]");
    await expect.poll(() => note.count(), { timeout: E2E_WAIT_MS }).toBe(1);
    expect(await note.innerText()).toContain(SAVED[lng]);
    expect(await note.innerText()).toMatch(lng === "zh" ? /公司名称/ : /Company name/);
    // Still the desk, hydrated, with everything as typed.
    expect(new URL(page.url()).pathname).toBe("/hotline");
    expect(await valueOf(page, "company.name")).toBe("南京保存\u0000精密有限公司");
    expect(await valueOf(page, "contact.name")).toBe("王经理");
    expect(await valueOf(page, "contact.phone")).toBe(PHONES[lng]);
    expect(await leadCount()).toBe(before);
    // The note leads to the field; corrected and sent again, the lead is saved.
    await note.getByRole("button", { name: lng === "zh" ? "转到这一栏" : "Go to the field" }).click();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("company.name");
    await expectAccessible(page);
    await page.locator('[name="company.name"]').fill("南京保存精密有限公司");
    await page.locator('button[value="save"]:not(.hp)').click();
    await expect.poll(() => leadCount(), { timeout: E2E_WAIT_MS }).toBe(before + 1);
    await expect.poll(() => note.count()).toBe(0);
    await context.close();
  });

  it("the desk's save with over 1,000 fields, on a phone: the refusal beside the form, the typing kept", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await openDesk(page, lng);
    const before = await leadCount();
    await fillLead(page, "南京字段有限公司", lng === "zh" ? "13512345678" : "13412345678");
    await page.locator('textarea[name="need.notes"]').fill("要5000平单层厂房");
    // The form grown past the gate's 1,000 fields (as a browser add-on that writes into pages may): the gate refuses
    // the post before any route reads it (the client's checks pass: these fields are no lead field).
    await page.locator("form:has(textarea[name='need.notes'])").evaluate((form: HTMLFormElement) => {
      for (let i = 0; i < 1_100; i++) form.insertAdjacentHTML("beforeend", `<input type="hidden" name="x${i}" value="${i}">`);
    });
    await page.locator('button[value="save"]:not(.hp)').click();
    const note = page.locator("form .form-refusal[role=alert]");
    await expect.poll(() => note.count(), { timeout: E2E_WAIT_MS }).toBe(1);
    expect(await note.innerText()).toContain(SAVED[lng]);
    expect(await note.innerText()).toContain("1000");
    expect(await valueOf(page, "need.notes")).toBe("要5000平单层厂房");
    expect(await valueOf(page, "company.name")).toBe("南京字段有限公司");
    expect(await leadCount()).toBe(before);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/desk-save-refused-phone-${lng}.png` });
    await expectAccessible(page);
    await context.close();
  });
});
