import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";
import { applyAssignmentAction } from "~/recruiter-desk/assignment-actions.server";
import { declineWithReason, markLost } from "~/recruiter-desk/lead-work.server";

import { demoInventory } from "../fixtures/inventory";
import { E2E_WAIT_MS, hydrated, signInByForm } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";
import { matchTestLead, storeTestLead, TEST_ROUTING } from "../support/routed-lead";

// The recruiter's queue on a 390 × 844 phone (docs/decisions/170): the first screen shows the first lead, not only the
// search box and the filters — with nothing chosen, with every filter in use, in the history, in English, with a
// decline's undo banner above. A filter value the address cannot use opens the filters to say so beside its field.
const PASSWORD = "queue-first-screen-秘密-2026";
const SHOTS = new URL("./screenshots/", import.meta.url).pathname;
const PHONE = { width: 390, height: 844 };

const suite = browserSuite("queue_first_screen", { seed });

/** R1's desk: an offered lead, an accepted one with its follow-up due today, a lost one (history), a fresh decline (its banner). */
async function seed({ db }: BrowserSuite): Promise<void> {
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash)
               values ('zhoumin@example.test', '周敏', 'recruiter', 'R1', ${await hashPassword(PASSWORD)})`;
  const ids: string[] = [];
  for (const [i, company] of [
    "南京首屏待接单机械有限公司",
    "南京首屏跟进机械有限公司",
    "南京首屏流失机械有限公司",
    "南京首屏拒绝机械有限公司",
  ].entries()) {
    const { id } = await storeTestLead(db.sql, company, `1390000760${i}`);
    await matchTestLead(db.sql, id, "GC-EDZ", "S1");
    await db.sql.begin((tx) => routeLead(tx, id, TEST_ROUTING));
    ids.push((await db.sql<{ id: string }[]>`select id from assignments where lead_id = ${id}`)[0].id);
  }
  const who = (assignmentId: string) => ({ assignmentId, recruiterId: "R1" });
  const label = { zh: "价格不合适", en: "price" };
  for (const id of [ids[1], ids[2]])
    expect((await applyAssignmentAction(db.sql, { ...who(id), intent: "accept" }, TEST_ROUTING)).ok).toBe(true);
  await db.sql`update assignments set follow_up_on = (now() at time zone 'Asia/Shanghai')::date where id = ${ids[1]}`;
  expect((await markLost(db.sql, { ...who(ids[2]), reason: "price", note: null, label })).ok).toBe(true);
  const declined = await declineWithReason(db.sql, { ...who(ids[3]), reason: "over-capacity", note: null, label }, TEST_ROUTING);
  expect(declined.ok).toBe(true);
}

/** Where the page's first lead card and the search box are on the first screen (the page not scrolled). */
async function firstScreen(page: Page) {
  return page.evaluate(() => {
    const box = (selector: string) => {
      const r = document.querySelector(selector)?.getBoundingClientRect();
      return r ? { top: Math.round(r.top), bottom: Math.round(r.bottom) } : null;
    };
    return { scrollY: window.scrollY, search: box('input[type="search"]'), firstLead: box(".lead-card h2"), height: window.innerHeight };
  });
}

describe("the recruiter's queue on a 390 × 844 phone", () => {
  const states = [
    ["open", "/queue", "南京首屏"],
    ["filtered", "/queue?status=accepted&park=GC-EDZ&kind=factory&due=on", "南京首屏跟进"],
    ["history", "/queue?view=history", "南京首屏"],
    ["english", "/queue?lng=en&status=offered", "南京首屏待接单"],
  ] as const;

  it("shows the first lead within the first screen, with the search box above it, in every state", async () => {
    const context = await suite.browser.newContext({ viewport: PHONE, locale: "zh-CN", hasTouch: true });
    const page = await context.newPage();
    page.setDefaultTimeout(E2E_WAIT_MS);
    try {
      await signInByForm(page, suite.web.url, { email: "zhoumin@example.test", password: PASSWORD, home: "/queue" });
      const measured: Record<string, unknown> = {};
      for (const [label, path, company] of states) {
        await page.goto(`${suite.web.url}${path}`);
        await hydrated(page);
        await expect.poll(() => page.locator(".lead-card").first().innerText()).toContain(company);
        const at = await firstScreen(page);
        measured[label] = at;
        expect(at.scrollY, label).toBe(0);
        expect(at.search!.top, label).toBeGreaterThan(0);
        // The first lead's title whole on the first screen, below the search box.
        expect(at.firstLead!.top, label).toBeGreaterThan(at.search!.bottom);
        expect(at.firstLead!.bottom, label).toBeLessThanOrEqual(PHONE.height);
        await page.screenshot({ path: `${SHOTS}queue-first-screen-${label}.png` });
      }
      console.log(`queue first screen at 390 × 844: ${JSON.stringify(measured)}`);
      // The hint not drawn on a phone is still the search box's description (Chromium's accessibility tree).
      const cdp = await context.newCDPSession(page);
      const { root } = await cdp.send("DOM.getDocument");
      const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector: 'input[type="search"]' });
      const { nodes } = await cdp.send("Accessibility.getPartialAXTree", { nodeId, fetchRelatives: false });
      expect(await page.locator(".search-hint").isVisible()).toBe(false);
      expect(nodes[0].description?.value).toBe("Company, product, reference or phone number (Simplified or Traditional characters)");
      // Every filter in use: folded, and the summary names each (the lead's page is a tap away, not a scroll).
      await page.goto(`${suite.web.url}${states[1][1]}`);
      expect(await page.locator("details.more-filters").getAttribute("open")).toBeNull();
      const summary = await page.locator("details.more-filters > summary").innerText();
      for (const word of ["已接单", "高淳经济开发区", "厂房", "只看到期跟进"]) expect(summary).toContain(word);
      // Changed in the folded part and sent with the button beside the search box.
      await page.locator("details.more-filters > summary").click();
      await page.getByLabel("状态").selectOption({ label: "已派单" });
      await page.getByRole("button", { name: "搜索", exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get("status") === "offered");
      await expect.poll(() => page.locator(".lead-card").count()).toBe(0); // offered, with a follow-up due today: none
      expect(await page.locator("details.more-filters > summary").innerText()).toContain("已派单");
      // A value the address cannot use: the filters open, the message beside the field.
      await page.goto(`${suite.web.url}/queue?status=bogus`);
      expect(await page.locator("details.more-filters").getAttribute("open")).not.toBeNull();
      const wrong = page.locator("details.more-filters ul.errors");
      expect(await wrong.count()).toBe(1);
      expect(await wrong.isVisible()).toBe(true);
      await page.screenshot({ path: `${SHOTS}queue-first-screen-wrong-filter.png` });
    } finally {
      await context.close();
    }
  });
});
