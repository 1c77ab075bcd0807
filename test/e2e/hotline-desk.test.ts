import { mkdirSync } from "node:fs";

import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { HOTLINE_CONSENT_SCRIPT } from "~/domain/privacy-notice";
import { importInventory } from "~/inventory/import.server";

import { indexNames } from "../../search/index-names";
import { demoInventory } from "../fixtures/inventory";
import { axeViolations, seriousViolations } from "../support/axe";
import { E2E_WAIT_MS, textOf } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";
import { outboxDrained } from "../support/pipeline";
import { eventually } from "../support/services";
import { startTestWorker } from "../support/worker";

// The hotline desk in headless Chromium, by keyboard only, at a desk width and a 390 px phone: a call
// from a new number is keyed in while the matching spaces appear (the matcher's dry run, before
// saving), saved and routed; a second call from the same number, typed "+86 139-…", finds that lead
// and the call is added to it as a note — no second lead. axe-core on the desk and the lead page.
const PASSWORD = "hotline-秘密-2026";
const SHOTS = "test/e2e/screenshots";

const suite = browserSuite("e2e_hotline", { beforeWeb, seed });

/**
 * Before the web server starts: a worker on an index prefix of this run's own, and the demo inventory
 * indexed by it, so that the desk's match preview finds the spaces; the server is told the prefix.
 */
async function beforeWeb({ db, defer }: BrowserSuite): Promise<Record<string, string>> {
  mkdirSync(SHOTS, { recursive: true });
  const prefix = `hl${Math.random().toString(36).slice(2, 8)}_`;
  const worker = await startTestWorker({ databaseUrl: db.url, indexNames: indexNames(prefix) });
  defer(() => worker.close());
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await outboxDrained(db.sql, 90_000); // the spaces are in this run's index
  return { MEILI_INDEX_PREFIX: prefix };
}

/** The desk's account. */
async function seed({ db }: BrowserSuite): Promise<void> {
  await db.sql`insert into users (email, name, role, password_hash) values ('desk@example.test', '热线坐席', 'hotline', ${await hashPassword(PASSWORD)})`;
}

const focusedName = (page: Page) => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? "");

/** Presses Tab until the box named `name` has the focus (keyboard only; fails after 40 presses). */
async function tabTo(page: Page, name: string) {
  for (let i = 0; i < 40; i++) {
    if ((await focusedName(page)) === name) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${name}; focus is on ${await focusedName(page)}`);
}

async function signIn(page: Page) {
  await page.goto(`${suite.web.url}/hotline`);
  await page.getByLabel("邮箱").focus();
  await page.keyboard.type("desk@example.test");
  await page.keyboard.press("Tab");
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.pathname === "/hotline");
  // The URL changes as a client navigation commits; the desk renders a moment later.
  await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("热线坐席台");
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined);
}

/** axe-core on the page as it is (evaluated, not a script tag: the page's CSP allows no foreign script): no serious or critical violation. */
async function expectAccessible(page: Page) {
  const violations = await axeViolations(page, { inject: "evaluate", runOptions: { runOnly: ["wcag2a", "wcag2aa", "best-practice"] } });
  expect(seriousViolations(violations)).toEqual([]);
}

const matchCount = async () => (await suite.db.sql<{ n: number }[]>`select count(*)::int as n from matches`)[0].n;
const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

describe.each([
  ["desktop", 1280, 900, "139 0000 1111", "+86 139-0000-1111"],
  ["phone", 390, 844, "13900002222", "+86 139-0000-2222"],
] as const)("a hotline agent at a %s width", (label, width, height, firstTyped, secondTyped) => {
  it("keys a new caller's lead in by keyboard while the matches show, saves it (routed), and links the second call to it", async () => {
    const context = await suite.browser.newContext({ viewport: { width, height }, locale: "zh-CN", hasTouch: width < 600 });
    const page = await context.newPage();
    page.setDefaultTimeout(E2E_WAIT_MS);
    try {
      await signIn(page);
      const company = `南京热线${label}机械有限公司`;
      const matchesBefore = await matchCount();
      // 1. The phone box has the focus: the agent types the number as the caller says it.
      await expect.poll(() => focusedName(page)).toBe("contact.phone");
      await page.keyboard.type(firstTyped);
      await expect.poll(() => page.locator("#known").innerText(), { timeout: 20_000 }).toContain("新来电");
      await page.keyboard.press("Tab");
      await page.keyboard.type(company);
      await page.keyboard.press("Tab");
      await page.keyboard.type("钱经理");
      // 2. Alt+N jumps to the need; Space picks 厂房 (the first kind); the caller's words go into the notes.
      await page.keyboard.press("Alt+KeyN");
      expect(await focusedName(page)).toBe("need.kind");
      await page.keyboard.press("Space");
      await tabTo(page, "need.notes");
      await page.keyboard.type("要5000平左右的单层厂房，层高8米");
      await expect.poll(() => page.locator(".understood").first().innerText()).toContain("8");
      await tabTo(page, "need.regions");
      await page.keyboard.type("高淳区");
      // 3. Before saving: the matcher's dry run shows the spaces the agent can name on the call.
      // The preview follows the typing; wait for the one of the whole need (8 m, 4000–6250㎡ read from the words, 高淳区).
      const fits = (text: string) => text.includes("单层厂房1号") && text.includes("独栋厂房带院子") && !text.includes("重型单层厂房");
      const matchList = page.locator("#matches > ol.cards");
      await expect.poll(() => matchList.innerText(), { timeout: 30_000 }).toSatisfy(fits);
      // S1 4800㎡ and S5 6000㎡, single storey in 高淳; S8 is in 溧水, S11 (1200㎡) too small.
      expect(await matchList.innerText()).not.toContain("小型单层厂房");
      // Near misses, when there are any, are listed apart (their own heading, outside this list): none here,
      // every other factory is too far off in size for the why-not search (S11 1200㎡, S8 12000㎡ in 溧水).
      expect(await page.getByTestId("near-misses").count()).toBe(0);
      // A dry run stores nothing: no lead, no match.
      expect(await suite.db.sql`select 1 from leads where company_name = ${company}`).toHaveLength(0);
      expect(await matchCount()).toBe(matchesBefore);
      expect(await noSideScroll(page)).toBe(true);
      await page.screenshot({ path: `${SHOTS}/hotline-${label}-new-caller-matches.png`, fullPage: true });
      await expectAccessible(page);
      // 4. Oral consent after reading the script; Alt+S saves.
      await tabTo(page, "consent");
      await page.keyboard.press("Space");
      await page.keyboard.press("Alt+KeyS");
      await expect
        .poll(
          () =>
            page
              .getByRole("status")
              .first()
              .innerText()
              .catch(() => ""),
          { timeout: 30_000 },
        )
        .toMatch(/已保存线索 PM-[\d-]+/);
      const reference = /已保存线索 (PM-[\d-]+)/.exec(await page.getByRole("status").first().innerText())![1];
      const [lead] = await suite.db.sql<
        {
          id: string;
          source: string;
          consentMethod: string;
          consentVersion: string;
          recordedBy: string;
          kind: string;
          areaMin: number;
        }[]
      >`
        select l.id, l.source, l.consent_method, l.consent_version, u.email as recorded_by,
               l.lead->'need'->>'kind' as kind, (l.lead->'need'->>'areaMinSqm')::float8 as area_min
        from leads l join users u on u.id = l.consent_recorded_by where l.reference = ${reference}`;
      expect(lead).toMatchObject({
        source: "hotline",
        consentMethod: "oral",
        consentVersion: HOTLINE_CONSENT_SCRIPT.version,
        recordedBy: "desk@example.test",
        kind: "factory",
      });
      expect(lead.areaMin).toBeGreaterThan(0);
      // 5. Routed by the worker: one assignment per matched park.
      await eventually(
        async () => (await suite.db.sql`select 1 from assignments where lead_id = ${lead.id}`).length > 0,
        "the hotline lead is routed",
        60_000,
      );

      // 6. The same caller again, typed another way: the desk shows their lead; Alt+1 opens it.
      await expect.poll(() => focusedName(page)).toBe("contact.phone");
      await page.keyboard.type(secondTyped);
      // While the digits are still arriving the number's start matches several leads ("号码相符"); the
      // whole number, once typed, is "号码相同" — wait for that answer, not the first one that names the lead.
      await expect.poll(() => page.locator("#known").innerText(), { timeout: 20_000 }).toContain("号码相同");
      expect(await page.locator("#known").innerText()).toContain(reference);
      // The open button's reference on one line; the Alt+1 hint only where there is a keyboard to press it.
      const openButton = page.locator("#known a.button").first();
      // Its words and the reference each on one line (two runs since desk34b: "打开此线索" and the reference).
      for (const run of await openButton.locator(".nowrap").all()) expect(await run.evaluate((el) => el.getClientRects().length)).toBe(1);
      expect(await openButton.locator(".nowrap").last().innerText()).toBe(reference);
      expect(await openButton.locator(".key-hint").isVisible()).toBe(width >= 600);
      await page.screenshot({ path: `${SHOTS}/hotline-${label}-known-caller.png`, fullPage: true });
      await page.keyboard.press("Alt+Digit1");
      await page.waitForURL((url) => url.pathname === `/hotline/leads/${lead.id}`);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(`线索 ${reference}`);
      expect(await page.locator(`a[href^="tel:"]`).first().getAttribute("href")).toMatch(/^tel:139000/);
      // The note box has the focus: the call is noted and saved by keyboard.
      await expect.poll(() => focusedName(page)).toBe("body");
      await page.keyboard.type("第二次来电：面积可放宽到6000平");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      // Said once by the flash cookie (ADR 025); the address stays the lead's own.
      await expect.poll(() => textOf(page, "[data-flash]")).toBe("已记录这次来电。");
      expect(new URL(page.url()).search).toBe("");
      await expect.poll(() => page.locator("main").innerText()).toContain("第二次来电：面积可放宽到6000平");
      expect(await noSideScroll(page)).toBe(true);
      await page.screenshot({ path: `${SHOTS}/hotline-${label}-lead-noted.png`, fullPage: true });
      await expectAccessible(page);

      const leads = await suite.db.sql`select id from leads where phone = ${`+86${firstTyped.replace(/\D/g, "")}`}`;
      expect(leads).toHaveLength(1); // linked, not duplicated
      const notes = await suite.db.sql<{ body: string; source: string }[]>`select body, source from lead_notes where lead_id = ${lead.id}`;
      expect(notes).toEqual([{ body: "第二次来电：面积可放宽到6000平", source: "hotline" }]);
      const views = await suite.db.sql`select 1 from phone_access_log where lead_id = ${lead.id} and actor = 'desk@example.test'`;
      expect(views.length).toBeGreaterThan(0); // the lead page showed the full number: logged
    } finally {
      await context.close();
    }
  }, 240_000);
});

// A lookup that gets no answer (search down, an error page) is tried again by itself, waiting twice as
// long each time up to 30 s: the panel recovers when the server does, without a post every 2 s meanwhile.
// Timers run on Playwright's clock; the posts themselves are real.
it("a failing caller lookup is retried with a growing wait, and the panel recovers once the server answers", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  await context.clock.install();
  const page = await context.newPage();
  page.setDefaultTimeout(E2E_WAIT_MS);
  try {
    await signIn(page);
    let down = true;
    let posts = 0;
    let answered = 0;
    await page.route("**/hotline/callers**", async (route) => {
      posts++;
      if (down) await route.fulfill({ status: 502, contentType: "text/html", body: "<h1>502 Bad Gateway</h1>" });
      else await route.continue();
      answered++;
    });
    await page.clock.pauseAt(Date.now() + 60_000);
    await page.locator('[name="contact.phone"]').fill("13900005555");
    const settle = () => page.evaluate(() => new Promise((resolve) => queueMicrotask(() => resolve(null))));
    // A minute of page time, a second at a time, each second's post answered before the next.
    for (let s = 0; s < 60; s++) {
      await page.clock.runFor(1_000);
      await settle();
      await expect.poll(() => page.locator("#known").innerText()).not.toBe("");
      // Every post made so far answered before the page's clock moves on: #known has text from the first
      // answer on, so alone it let a slow machine's retries be answered many page-seconds late (fewer posts).
      await expect.poll(() => answered).toBe(posts);
    }
    await expect.poll(() => page.locator("#known").innerText()).toContain("暂时查不到已有线索");
    // The typing's post plus retries after 2, 4, 8, 16, 30 s: a handful, not one every 2 s (30).
    expect(posts).toBeGreaterThanOrEqual(3);
    expect(posts).toBeLessThanOrEqual(7);
    down = false;
    await page.clock.runFor(31_000);
    await expect.poll(() => page.locator("#known").innerText(), { timeout: 20_000 }).toContain("新来电");
  } finally {
    await context.close();
  }
}, 240_000);

// A mistyped district (places33's leftover): the public form offered the suggestions as buttons, the desk only named
// them and the agent retyped the path while the caller waited. On a phone: one tap puts it in the box, the other
// names stay, and the matches of the fixed need show.
it("a mistyped district is fixed with one tap on the desk's suggestion, on a phone", async () => {
  const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", hasTouch: true });
  const page = await context.newPage();
  page.setDefaultTimeout(E2E_WAIT_MS);
  try {
    await signIn(page);
    await page.locator('[name="need.kind"]').first().check();
    await page.locator('[name="need.areaMin"]').fill("4000");
    await page.locator('[name="need.areaMax"]').fill("6500");
    await page.locator('[name="need.regions"]').fill("溧水、高纯区");
    const fix = page.locator("#matches [data-region-fix]", { hasText: "江苏省南京市高淳区" });
    await expect.poll(() => fix.count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId("region-problems").innerText()).toContain("高纯区");
    expect(await noSideScroll(page)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/hotline-phone-region-fix.png`, fullPage: true });
    await fix.tap();
    await expect.poll(() => page.locator('[name="need.regions"]').inputValue()).toBe("溧水、江苏省南京市高淳区");
    // The box is read again: the problem gone, the matches of both districts listed (S1 in 高淳).
    await expect.poll(() => page.getByTestId("region-problems").count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.locator("#matches > ol.cards").innerText(), { timeout: 30_000 }).toContain("单层厂房1号");
  } finally {
    await context.close();
  }
}, 120_000);
