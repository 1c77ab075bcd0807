import { describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";

import { E2E_WAIT_MS, hydrated, signInByForm, watchPageErrors } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";
import { storeTestLead } from "../support/routed-lead";

// The trial's 1-in-3 "Minified React error #345" on /hotline after posting a call outcome: many outcomes
// posted one after the other, with a caller being keyed in meanwhile (the desk's lookups in flight), each
// answered before the next, and not one console error or uncaught exception on the page. Not reproduced
// here in session 35 (ADR 157): this test and browserSuite's watch (every e2e file) keep looking for it.
const PASSWORD = "outcomes-秘密-2026";
const DESK = "outcomes-desk@example.test";
const TASKS = 6; // 12 outcomes and 6 closes: the error, 1 in 3 posts in the trial, was never seen in 36 here

const suite = browserSuite("desk_outcomes_console", { seed });

async function seed({ db }: BrowserSuite): Promise<void> {
  await db.sql`insert into users (email, name, role, password_hash) values (${DESK}, '热线坐席', 'hotline', ${await hashPassword(PASSWORD)})`;
  for (let i = 0; i < TASKS; i++) {
    const phone = `1390000${String(3100 + i)}`;
    const lead = await storeTestLead(db.sql, `南京回访${i}号机械有限公司`, phone);
    await db.sql`insert into call_tasks (kind, lead_id, phone, script, dedupe_key)
                 values ('callback', ${lead.id}, ${`+86${phone}`}, '回访：确认面积', ${`callback:${lead.id}`})`;
  }
}

describe("the hotline desk's call outcomes", () => {
  it("posts many outcomes (not answered, then done after confirming) without a console error or page error", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    const page = await context.newPage();
    page.setDefaultTimeout(E2E_WAIT_MS);
    const watch = watchPageErrors(page);
    try {
      await signInByForm(page, suite.web.url, { email: DESK, password: PASSWORD, home: "/hotline" });
      await hydrated(page);
      const attempts = async () => (await suite.db.sql<{ n: number }[]>`select coalesce(sum(attempts), 0)::int as n from call_tasks`)[0].n;
      for (let i = 0; i < TASKS * 2; i++) {
        const before = await attempts();
        // A caller being keyed in meanwhile: the desk's lookups are in flight as the outcome is posted.
        await page.locator('[name="contact.phone"]').pressSequentially(`1390000${3100 + (i % TASKS)}`, { delay: 10 });
        await page.locator('[name="need.notes"]').pressSequentially("要3000平厂房", { delay: 10 });
        const card = page.locator(".desk-tasks ol.cards > li.card").nth(i % TASKS);
        await card.locator("textarea[name=note]").fill(`第${i + 1}次没人接`);
        await card.getByRole("button", { name: /^无人接听/ }).click({ delay: i % 3 === 0 ? 0 : 200 });
        await expect.poll(attempts).toBe(before + 1);
        await expect
          .poll(() =>
            page
              .locator("[data-flash]")
              .innerText()
              .catch(() => ""),
          )
          .toContain("无人接听");
        await page.waitForFunction(
          () =>
            (window as unknown as { __remixRouter: { state: { navigation: { state: string } } } }).__remixRouter.state.navigation.state ===
            "idle",
        );
      }
      // Each task closed: 已完成 asks first, the confirming button (focused) records it and the card leaves.
      for (let left = TASKS; left > 0; left--) {
        const card = page.locator(".desk-tasks ol.cards > li.card").first();
        await card.locator("textarea[name=note]").fill(`回访完成，还剩${left - 1}条`);
        await card.getByRole("button", { name: /^已完成/ }).click();
        await card.locator(".confirm button").click();
        await expect.poll(() => page.locator(".desk-tasks ol.cards > li.card").count()).toBe(left - 1);
        await page.waitForFunction(
          () =>
            (window as unknown as { __remixRouter: { state: { navigation: { state: string } } } }).__remixRouter.state.navigation.state ===
            "idle",
        );
      }
      watch.expectNone();
    } finally {
      await context.close();
    }
  }, 240_000);
});

// browserSuite watches every context a test opens (ADR 157): a React error line or an uncaught exception
// fails the test that caused it, in every e2e file, without the file asking.
it("the suite's watch holds a React error and an uncaught exception the page reports", async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${suite.web.url}/login`);
    await page.evaluate(() => {
      console.error("Uncaught Error: Minified React error #345; visit https://react.dev/errors/345 for the full message");
      console.error("Failed to load resource: the server responded with a status of 502 ()");
      setTimeout(() => {
        throw new Error("thrown by the test");
      });
    });
    await expect.poll(() => suite.pageErrors.length).toBe(2);
    expect(suite.pageErrors.join("\n")).toMatch(
      /Minified React error #345[\s\S]*thrown by the test|thrown by the test[\s\S]*Minified React error #345/,
    );
    expect(suite.pageErrors.join("\n")).not.toContain("502");
  } finally {
    suite.pageErrors.splice(0); // provoked here: not this test's failure
    await context.close();
  }
}, 60_000);
