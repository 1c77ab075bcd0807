import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { resolveRegions } from "~/domain/regions";
import { openCallTask, recordCallOutcome } from "~/hotline/call-tasks.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { E2E_WAIT_MS, hydrated, signInByForm } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";
import { storeTestLead, TEST_ROUTING } from "../support/routed-lead";

// Trial 12-05 in a real browser: the desktop lead form's area boxes side by side (finding, low), the
// dashboard's unmet-needs chart on a phone in both languages (finding 3), and a call outcome the desk does
// not record keeping the note typed with JavaScript running (finding 5). Screenshots under
// test/e2e/screenshots/trial-12-05-*.png.
const PASSWORD = "trial-一二零五-2026";
let taskId = "";
let recordedKey = "";

const suite = browserSuite("e2e_trial_1205", { seed, timeout: 180_000 });

async function seed({ db }: BrowserSuite): Promise<void> {
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const hash = await hashPassword(PASSWORD);
  await db.sql`insert into users (email, name, role, password_hash) values
    ('trial-admin@example.test', '试用管理员', 'admin', ${hash}), ('trial-desk@example.test', '试用坐席', 'hotline', ${hash})`;
  // Unmet needs of today with long English places (the dashboard's live figures).
  const places = ["成都市双流区", "苏州工业园区", "上海市浦东新区", "北京市朝阳区", "广州市南沙区", "杭州市余杭区"];
  for (const [i, place] of places.entries()) {
    const need = {
      kind: i % 3 === 2 ? "land" : "factory",
      deal: "lease",
      areaMaxSqm: 2_000 * (i + 1) ** 2,
      regions: [place],
      regionCodes: resolveRegions([place]).codes,
    };
    await db.sql`
      insert into leads (reference, status, source, lead, raw, phone, company_name, industry, consent_method)
      values (${`PM-20261205-${String(9000 + i)}`}, 'unmatched', 'web',
              ${db.sql.json({ company: { name: `未满足${i}` }, use: { product: "产品" }, need, contact: { name: "王经理", phone: "13900000000" } } as never)},
              '{}'::jsonb, ${`+86139000091${String(i).padStart(2, "0")}`}, ${`未满足${i}`}, 'C34', 'unrecorded')`;
  }
  // A call-back whose first outcome (无人接听) was recorded under a page's key.
  const lead = await storeTestLead(db.sql, "南京一二零五留字机械有限公司", "13900091201");
  await openCallTask(db.sql, {
    kind: "callback",
    leadId: lead.id,
    phone: "+8613900091201",
    script: { zh: "回访", en: "call back" },
    dedupeKey: `e2e-1205-${lead.id}`,
  });
  taskId = (await db.sql<{ id: string }[]>`select id from call_tasks where lead_id = ${lead.id}`)[0].id;
  recordedKey = crypto.randomUUID();
  await recordCallOutcome(db.sql, taskId, "no-answer", { routing: TEST_ROUTING, submissionKey: recordedKey });
}

const tops = (page: Page, names: string[]) =>
  page.evaluate((ns) => ns.map((n) => Math.round(document.querySelector(`[name="${n}"]`)!.getBoundingClientRect().top + scrollY)), names);

describe("the lead form at 1280 px", () => {
  it("boxes side by side line up, whatever is said above one of them (zh, en), an error under one too", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(E2E_WAIT_MS);
    for (const lng of ["", "?lng=en"]) {
      await page.goto(`${suite.web.url}/${lng}`);
      const [min, max, ceiling, load] = await tops(page, ["need.areaMin", "need.areaMax", "need.ceilingMinM", "need.floorLoadMinKg"]);
      expect(max, `area ${lng}`).toBe(min);
      expect(load, `ceiling/load ${lng}`).toBe(ceiling);
      if (!lng) {
        await page.locator('[name="need.areaMin"]').scrollIntoViewIfNeeded();
        await page.screenshot({ path: "test/e2e/screenshots/trial-12-05-form-area-1280.png" });
      }
    }
    await page.fill('[name="need.areaMax"]', "很大一块");
    await page.locator('form button[type="submit"]').last().click();
    await page.waitForLoadState("load");
    const [min, max] = await tops(page, ["need.areaMin", "need.areaMax"]);
    expect(await page.locator("#inquiry-need\\.areaMax-error").innerText()).not.toBe("");
    expect(max).toBe(min);
    await context.close();
  }, 60_000);
});

describe("the dashboard's unmet needs on a phone", () => {
  it("every label is inside the chart, over no bar, and the bars have the width (zh, en at 390 px)", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.setDefaultTimeout(E2E_WAIT_MS);
    await signInByForm(page, suite.web.url, { email: "trial-admin@example.test", password: PASSWORD, home: "/admin" });
    for (const lng of ["", "?lng=en"]) {
      await page.goto(`${suite.web.url}/admin/dashboard${lng}`);
      const figure = page.locator('[data-figure="unmet"]');
      const drawn = await figure.locator(".chart svg").evaluateAll((svgs) => {
        const svg = svgs.find((s) => s.getBoundingClientRect().width > 0)!;
        const box = svg.getBoundingClientRect();
        const rect = (r: DOMRect) => ({
          left: r.left - box.left,
          right: r.right - box.left,
          top: r.top - box.top,
          bottom: r.bottom - box.top,
        });
        const texts = Array.from(svg.querySelectorAll("text"))
          .filter((t) => /[^\d\s]/.test(t.textContent ?? "")) // the labels, not the axis's figures
          .map((t) => ({ text: t.textContent!, ...rect(t.getBoundingClientRect()) }));
        const bars = Array.from(svg.querySelectorAll('path[fill="#1f5fbf"]')).map((p) => rect(p.getBoundingClientRect()));
        return { width: box.width, texts, bars };
      });
      expect(drawn.bars).toHaveLength(6);
      expect(drawn.texts.length).toBeGreaterThanOrEqual(6);
      for (const t of drawn.texts) {
        expect(t.left, t.text).toBeGreaterThanOrEqual(0);
        expect(t.right, t.text).toBeLessThanOrEqual(drawn.width);
        for (const b of drawn.bars) expect(t.bottom <= b.top || t.top >= b.bottom || t.right <= b.left, `${t.text} over a bar`).toBe(true);
      }
      // The longest bar takes most of the chart's width (the labels beside the bars left it ~20 px).
      expect(Math.max(...drawn.bars.map((b) => b.right - b.left))).toBeGreaterThan(drawn.width * 0.6);
      await figure.scrollIntoViewIfNeeded();
      await figure.screenshot({ path: `test/e2e/screenshots/trial-12-05-dashboard-unmet-phone${lng ? "-en" : ""}.png` });
    }
    await context.close();
  }, 90_000);
});

describe("the hotline desk with JavaScript", () => {
  it("an outcome sent again with the page's recorded key keeps the note in its box; pressing again records it", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(E2E_WAIT_MS);
    await signInByForm(page, suite.web.url, { email: "trial-desk@example.test", password: PASSWORD, home: "/hotline" });
    await hydrated(page);
    const card = page.locator("li.card", { has: page.locator(`#note-${taskId}`) });
    // The page's key as the one the first outcome was recorded under (a back button, 「再次提交」: ADR 124).
    await card.locator('input[name="formKey"]').evaluate((el, key) => ((el as HTMLInputElement).value = key), recordedKey);
    const note = "客户说月底前再打过来（浏览器）";
    await page.locator(`#note-${taskId}`).fill(note);
    // A key that recorded another outcome: answered at once, no confirmation asked (ADR 124).
    await card.getByRole("button", { name: /^已完成/ }).click();
    await expect.poll(() => card.innerText()).toContain("“已完成”没有保存");
    expect(await page.locator(`#note-${taskId}`).inputValue()).toBe(note);
    await card.screenshot({ path: "test/e2e/screenshots/trial-12-05-hotline-note-kept.png" });
    // The list was loaded again: a fresh key, so this press records.
    await expect.poll(() => card.locator('input[name="formKey"]').inputValue()).not.toBe(recordedKey);
    await card.getByRole("button", { name: /^已完成/ }).click();
    await card.getByRole("button", { name: /确认/ }).click();
    await expect
      .poll(async () =>
        (await suite.db.sql<{ body: string }[]>`select body from lead_notes where call_task_id = ${taskId}`).map((n) => n.body),
      )
      .toEqual([note]);
    await context.close();
  }, 60_000);
});
