import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";

import { E2E_WAIT_MS, hydrated, signInByForm } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";

// docs/decisions/167, in headless Chromium against the real web process:
// 1. A hydrated page's GET navigation (Remix's single-fetch `.data` load) that the request gate refuses — a search
//    box with a pasted NUL, a character Postgres cannot store — used to get the HTML refusal page as its data:
//    "Unable to decode turbo-stream response", the page broken. Now the load is told to load the address as a page,
//    and the browser shows the gate's refusal page, in the person's language, with its way back.
// 2. The hotline desk's caller lookup past its account's budget (DESK_LOOKUP_RATE_PER_MINUTE, 3 here): the panel
//    shows the 429's own words and when it asks again, the typing kept.
const PASSWORD = "data-load-秘密-2026";

const suite = browserSuite("e2e_data_load_budget", { beforeWeb: async () => ({ DESK_LOOKUP_RATE_PER_MINUTE: "3" }), seed });

async function seed({ db }: BrowserSuite): Promise<void> {
  const hash = await hashPassword(PASSWORD);
  await db.sql`insert into users (email, name, role, password_hash) values
    ('loads-admin@example.test', '管理员', 'admin', ${hash}),
    ('budget-desk@example.test', '热线坐席', 'hotline', ${hash})`;
}

const BAD_URL = { zh: "网址编码不正确", en: "The address is not encoded correctly" } as const;

describe.each(["zh", "en"] as const)("a single-fetch load refused by the gate (%s)", (lng) => {
  it("the admin's lead search with a pasted NUL: the refusal page in the person's language, not a broken page", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const undecodable: string[] = [];
    page.on("console", (m) => void (/Unable to decode turbo-stream/i.test(m.text()) && undecodable.push(m.text())));
    const loads: { url: string; status: number; type: string }[] = [];
    page.on("response", (r) => {
      if (new URL(r.url()).pathname === "/admin/leads.data")
        loads.push({ url: r.url(), status: r.status(), type: r.headers()["content-type"] ?? "" });
    });
    await signInByForm(page, suite.web.url, { email: "loads-admin@example.test", password: PASSWORD, home: "/admin" });
    await page.goto(`${suite.web.url}/admin/leads${lng === "en" ? "?lng=en" : ""}`);
    await hydrated(page);
    const box = page.locator("#q");
    await box.focus();
    await page.keyboard.insertText("南京\u0000机械");
    await box.press("Enter");
    // The browser lands on the address as a page, and that page is the gate's refusal.
    await expect.poll(() => page.locator("body").innerText(), { timeout: E2E_WAIT_MS }).toContain(BAD_URL[lng]);
    expect(new URL(page.url()).pathname).toBe("/admin/leads");
    expect(new URL(page.url()).searchParams.get("q")).toBe("南京\u0000机械");
    // The load itself was answered in the form Remix reads, with the refusal's status.
    expect(loads).toEqual([expect.objectContaining({ status: 400, type: expect.stringContaining("text/x-script") })]);
    expect(undecodable).toEqual([]);
    // The way back is the page without the refused search, in the person's language, and it works.
    const back = page.locator("a").last();
    expect(await back.getAttribute("href")).toBe(lng === "en" ? "/admin/leads?lng=en" : "/admin/leads");
    await back.click();
    await expect.poll(() => page.locator("#q").count(), { timeout: E2E_WAIT_MS }).toBe(1);
    expect(new URL(page.url()).searchParams.get("q")).toBeNull();
    await context.close();
  });
});

async function openDesk(page: Page, lng: "zh" | "en") {
  await signInByForm(page, suite.web.url, { email: "budget-desk@example.test", password: PASSWORD, home: "/hotline" });
  if (lng === "en") {
    await page.goto(`${suite.web.url}/hotline?lng=en`);
    await hydrated(page);
  }
}

const BUDGET = {
  zh: { words: "查询太频繁：每个账号每分钟最多查 3 次。", kept: "填写的内容都还在表单里", again: /\d+ 秒后自动再查/ },
  en: {
    words: "Too many lookups: each account may look up at most 3 times a minute.",
    kept: "still in the form",
    again: /in \d+ seconds?/,
  },
} as const;

describe("the caller lookup past the account's budget", () => {
  it.each(["zh", "en"] as const)("the panel says so and when it asks again; the typing is kept (%s)", async (lng) => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const statuses: number[] = [];
    page.on("response", (r) => void (new URL(r.url()).pathname === "/hotline/callers" && statuses.push(r.status())));
    await openDesk(page, lng);
    // Typed as an agent types while the caller says the number: a lookup after each pause.
    await page.locator('[name="contact.phone"]').pressSequentially("13912345678", { delay: 250 });
    const known = page.locator("#known");
    await expect.poll(() => known.innerText(), { timeout: E2E_WAIT_MS }).toContain(BUDGET[lng].kept);
    const text = await known.innerText();
    expect(text).toContain(BUDGET[lng].words);
    expect(text).toMatch(BUDGET[lng].again);
    expect(await page.locator('[name="contact.phone"]').inputValue()).toBe("13912345678");
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(3);
    await context.close();
  });
});
