import { describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { importInventory } from "~/inventory/import.server";
import { storeLead } from "~/leads/intake.server";

import { demoInventory } from "../fixtures/inventory";
import { E2E_WAIT_MS, hydrated, signInByForm, statusBanner } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";
import { validLeadJson } from "../support/leads";

// A page with several forms: a step taken with one of them (接单, 已联系企业, a follow-up date) redirects
// back to the same page, and only that form starts over. A note half typed in another form is the
// person's, not sent: it stays (forms.tsx useFormReply). The note's own save still empties it.
const EMAIL = "unsent-zhoumin@example.test";
const PASSWORD = "unsent-秘密-2026";
const NOTE = "王总说下周二来看厂，要看行车";

const suite = browserSuite("unsent_text_kept", { seed });

async function seed({ db }: BrowserSuite): Promise<void> {
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values (${EMAIL}, '周敏', 'recruiter', 'R1', ${await hashPassword(PASSWORD)})`;
}

async function routedLead(company: string): Promise<string> {
  const parsed = createLeadSchema("zh", "api").parse(validLeadJson({ company }));
  const { id } = await storeLead(suite.db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" });
  await suite.db.sql`insert into matches (lead_id, space_id, park_id, score, reasons, found_by)
               values (${id}, 'S1', 'GC-EDZ', 86, ${suite.db.sql.json([{ zh: "面积合适", en: "area fits", kind: "fit" }] as never)}, 'lead')`;
  await suite.db.sql.begin((tx) => routeLead(tx, id, { slaMinutes: 120, noticeFallbackMs: 90_000 }));
  const [a] = await suite.db.sql<{ id: string }[]>`select id from assignments where lead_id = ${id}`;
  return a.id;
}

describe("a recruiter's lead page: a note typed but not sent survives the other forms' steps", () => {
  it("接单, 已联系企业 and a follow-up date keep the note; saving the note empties it", async () => {
    const assignmentId = await routedLead("南京未发备注机械有限公司");
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    const page = await context.newPage();
    page.setDefaultTimeout(E2E_WAIT_MS);
    await signInByForm(page, suite.web.url, { email: EMAIL, password: PASSWORD, home: "/queue" });
    await page.goto(`${suite.web.url}/queue/assignments/${assignmentId}`);
    await hydrated(page);
    const note = page.locator('textarea[name="body"]');
    await note.fill(NOTE);

    await page.getByRole("button", { name: "接单", exact: true }).click();
    await expect.poll(() => statusBanner(page)).toContain("已接单");
    expect(await note.inputValue()).toBe(NOTE);

    await page.getByRole("button", { name: "已联系企业", exact: true }).click();
    await expect
      .poll(async () => (await suite.db.sql`select status from assignments where id = ${assignmentId}`)[0].status)
      .toBe("contacted");
    expect(await note.inputValue()).toBe(NOTE);

    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await page.locator('input[name="followUpOn"]').fill(inAWeek);
    await page.getByRole("button", { name: "保存跟进日期" }).click();
    await expect
      .poll(
        async () =>
          (await suite.db.sql`select count(*)::int as n from assignments where id = ${assignmentId} and follow_up_on is not null`)[0].n,
      )
      .toBe(1);
    expect(await note.inputValue()).toBe(NOTE);

    // The note's own save: recorded, and the box is empty for the next one.
    await page.getByRole("button", { name: "添加备注" }).click();
    await expect.poll(() => page.locator(".note-body").allInnerTexts()).toContain(NOTE);
    expect(await note.inputValue()).toBe("");
    await context.close();
  }, 60_000);
});
