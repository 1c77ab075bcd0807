import { describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { axeViolations } from "../support/axe";
import { E2E_WAIT_MS, hydrated, signInByForm, statusBanner } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";
import { routedTestLead } from "../support/routed-lead";

// ADR 104 in Chromium at phone width: the recruiter taps 更正需求 on the lead page, corrects the area the
// enterprise gave on the phone, saves, and is back on the lead page with what happened said once. A
// wrong value is refused at its box with the typing kept. axe-core; no horizontal scrolling.
const EMAIL = "zhoumin@example.test";
const PASSWORD = "zhoumin-秘密-2026";
const SHOTS = new URL("./screenshots/", import.meta.url).pathname;

const suite = browserSuite("recruiter_corrects_need", { seed });

async function seed({ db }: BrowserSuite): Promise<void> {
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values (${EMAIL}, '周敏', 'recruiter', 'R1', ${await hashPassword(PASSWORD)})`;
}

/** A phone-sized page (bypassCSP only so axe-core can be injected) signed in as the recruiter, at `path`. */
async function signedInPhone(path: string) {
  const context = await suite.browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: "zh-CN",
    bypassCSP: true,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(E2E_WAIT_MS);
  await signInByForm(page, suite.web.url, { email: EMAIL, password: PASSWORD, home: "/queue" });
  await page.goto(`${suite.web.url}${path}`);
  return { context, page };
}

describe("the recruiter corrects a need on a phone", () => {
  it("taps 更正需求, a wrong area is refused at its box, the right one saved and the lead matched again", async () => {
    const { leadId, assignmentId } = await routedTestLead(
      suite.db.sql,
      { company: "南京手机更正需求机械有限公司", phone: "13712340099" },
      "S1",
      "GC-EDZ",
    );
    // As after the worker: nothing of this lead waits in the outbox, so the re-match below is the save's.
    await suite.db.sql`update outbox set done_at = now() where aggregate_id = ${leadId} and done_at is null`;
    const { context, page } = await signedInPhone(`/queue/assignments/${assignmentId}`);
    try {
      await hydrated(page);
      await page.getByRole("link", { name: "更正需求" }).click();
      await page.waitForURL((url) => url.pathname === `/queue/assignments/${assignmentId}/need`);
      await hydrated(page);
      const min = page.getByLabel("最小面积", { exact: false }).first();
      await expect.poll(() => min.inputValue()).toBe("4000");

      await min.fill("好几千");
      await page.getByRole("button", { name: "保存需求并重新匹配" }).click();
      await expect.poll(() => min.getAttribute("aria-invalid")).toBe("true");
      expect(await min.inputValue()).toBe("好几千");

      await min.fill("8000");
      await page.getByLabel("最大面积", { exact: false }).first().fill("10000");
      await page.getByLabel("通话记录（可选）").fill("电话确认：扩产，要八千到一万平");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const serious = (await axeViolations(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious).toEqual([]);
      await page.screenshot({ path: `${SHOTS}recruiter-correct-need-phone.png`, fullPage: true });
      await page.getByRole("button", { name: "保存需求并重新匹配" }).click();
      await page.waitForURL((url) => url.pathname === `/queue/assignments/${assignmentId}`);
      await expect.poll(() => statusBanner(page)).toContain("需求已更新，正在重新匹配");

      const [row] = await suite.db.sql<{ min: string; max: string }[]>`
        select lead->'need'->>'areaMinSqm' as min, lead->'need'->>'areaMaxSqm' as max from leads where id = ${leadId}`;
      expect(row).toEqual({ min: "8000", max: "10000" });
      expect(
        await suite.db.sql`select 1 from outbox where topic = 'lead.match' and aggregate_id = ${leadId} and done_at is null`,
      ).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
  it("the assignment leaves the recruiter while they type: the need stays, the typing stays on screen, the call note is kept", async () => {
    const { leadId, assignmentId } = await routedTestLead(
      suite.db.sql,
      { company: "南京手机改派中更正机械有限公司", phone: "13712340098" },
      "S1",
      "GC-EDZ",
    );
    const { context, page } = await signedInPhone(`/queue/assignments/${assignmentId}/need`);
    try {
      await hydrated(page);
      await page.getByLabel("最小面积", { exact: false }).first().fill("5000");
      await page.getByLabel("通话记录（可选）").fill("电话里说要五千平");
      await suite.db.sql`update assignments set status = 'lost' where id = ${assignmentId}`;
      await page.getByRole("button", { name: "保存需求并重新匹配" }).click();
      await expect
        .poll(() =>
          page
            .getByRole("alert")
            .first()
            .innerText()
            .catch(() => ""),
        )
        .toContain("您写的通话记录已保存在线索上");
      expect(await page.getByLabel("最小面积", { exact: false }).first().inputValue()).toBe("5000");
      expect(await page.getByLabel("通话记录（可选）").inputValue()).toBe("电话里说要五千平");
      await page.screenshot({ path: `${SHOTS}recruiter-correct-need-lost-phone.png`, fullPage: true });
      const [row] = await suite.db.sql<{ min: string }[]>`select lead->'need'->>'areaMinSqm' as min from leads where id = ${leadId}`;
      expect(row.min).toBe("4000");
      expect(await suite.db.sql`select body from lead_notes where lead_id = ${leadId} and source = 'recruiter'`).toEqual([
        { body: "电话里说要五千平" },
      ]);
    } finally {
      await context.close();
    }
  });
});
