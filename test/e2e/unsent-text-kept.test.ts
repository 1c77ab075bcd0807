import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { E2E_WAIT_MS, hydrated, signInByForm, statusBanner, textOf } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";
import { routedTestLead, storeTestLead } from "../support/routed-lead";

// Pages with several forms: a step taken with one of them redirects back to the same page, and only
// the form that step answered starts over (ADR 081). What is typed in another form and not sent is
// the person's: it stays. The sent form still empties after its own save.
const PASSWORD = "unsent-秘密-2026";
const RECRUITER = "unsent-zhoumin@example.test";
const DESK = "unsent-desk@example.test";
const ADMIN = "unsent-admin@example.test";
const NOTE = "王总说下周二来看厂，要看行车";
const SHOTS = new URL("./screenshots/", import.meta.url).pathname;

const suite = browserSuite("unsent_text_kept", { seed });

let callTaskReference = "";
let secondTaskReference = "";

async function seed({ db }: BrowserSuite): Promise<void> {
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const hash = await hashPassword(PASSWORD);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values
    (${RECRUITER}, '周敏', 'recruiter', 'R1', ${hash}), (${DESK}, '热线坐席', 'hotline', null, ${hash}), (${ADMIN}, '管理员', 'admin', null, ${hash})`;
  // A call-back on the desk's list (its lead has no match, so the task stays there).
  const lead = await storeTestLead(db.sql, "南京回访未发机械有限公司", "13900002468");
  await db.sql`insert into call_tasks (kind, lead_id, phone, script, dedupe_key)
               values ('callback', ${lead.id}, '+8613900002468', '回访：确认面积', ${`callback:${lead.id}`})`;
  callTaskReference = lead.reference;
  const second = await storeTestLead(db.sql, "南京未填不查机械有限公司", "13900002469");
  await db.sql`insert into call_tasks (kind, lead_id, phone, script, dedupe_key)
               values ('callback', ${second.id}, '+8613900002469', '回访：确认层高', ${`callback:${second.id}`})`;
  secondTaskReference = second.reference;
}

async function signedIn(email: string, home: string): Promise<Page> {
  const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
  const page = await context.newPage();
  page.setDefaultTimeout(E2E_WAIT_MS);
  await signInByForm(page, suite.web.url, { email, password: PASSWORD, home });
  await hydrated(page);
  return page;
}

/** Waits for the flash the step's redirect left, then for the page to be idle again (the forms have taken the answer). */
async function landed(page: Page, flash: string | RegExp): Promise<void> {
  await expect.poll(() => textOf(page, "[data-flash]")).toMatch(flash);
  await landedIdle(page);
}

/** Waits for the router to be idle (no submission or load in flight). */
async function landedIdle(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      (window as unknown as { __remixRouter: { state: { navigation: { state: string } } } }).__remixRouter.state.navigation.state ===
      "idle",
  );
}

describe("a step of one form leaves what is typed in the others", () => {
  it("recruiter's lead page: 接单, 已联系企业 and a follow-up date keep the note; saving the note empties it", async () => {
    const { assignmentId } = await routedTestLead(
      suite.db.sql,
      { company: "南京未发备注机械有限公司", phone: "13900001357" },
      "S1",
      "GC-EDZ",
    );
    const page = await signedIn(RECRUITER, `/queue/assignments/${assignmentId}`);
    const note = page.locator('textarea[name="body"]');
    await note.fill(NOTE);

    await page.getByRole("button", { name: "接单", exact: true }).click();
    await expect.poll(() => statusBanner(page)).toContain("已接单");
    await landed(page, /已接单/);
    expect(await note.inputValue()).toBe(NOTE);

    await page.getByRole("button", { name: "已联系企业", exact: true }).click();
    await landed(page, /已联系/);
    expect(await note.inputValue()).toBe(NOTE);

    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await page.locator('input[name="followUpOn"]').fill(inAWeek);
    await page.getByRole("button", { name: "保存跟进日期" }).click();
    await landed(page, "跟进日期已保存。");
    expect(await note.inputValue()).toBe(NOTE);
    // What the recruiter sees of it on a phone: the step's message above, the note where it was.
    await page.screenshot({ path: `${SHOTS}/unsent-note-kept-phone-top.png` });
    await note.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/unsent-note-kept-phone.png` });

    // The note's own save: recorded, and the box is empty for the next one.
    await page.getByRole("button", { name: "添加备注" }).click();
    await landed(page, "备注已添加。");
    await expect.poll(() => page.locator(".note-body").allInnerTexts()).toContain(NOTE);
    expect(await note.inputValue()).toBe("");
    await page.context().close();
  }, 90_000);

  it("hotline's lead page: saving the need keeps the call note typed beside it; saving the note empties it", async () => {
    const lead = await storeTestLead(suite.db.sql, "南京未发来电记录机械有限公司", "13900003579");
    const page = await signedIn(DESK, `/hotline/leads/${lead.id}`);
    const note = page.getByLabel("来电内容");
    await note.fill("客户说厂房要带行车，下午再打");

    await page.getByRole("button", { name: "保存需求并重新匹配" }).click();
    await landed(page, "需求已更新，正在重新匹配。");
    expect(await note.inputValue()).toBe("客户说厂房要带行车，下午再打");

    await page.getByRole("button", { name: "保存记录" }).click();
    await landed(page, "已记录这次来电。");
    await expect.poll(() => page.locator(".note-body").allInnerTexts()).toContain("客户说厂房要带行车，下午再打");
    expect(await note.inputValue()).toBe("");
    await page.context().close();
  }, 90_000);

  it("hotline desk: a call task's outcome keeps the phone lead being keyed in", async () => {
    const page = await signedIn(DESK, "/hotline");
    await page.locator('[name="contact.phone"]').fill("13900004680");
    await page.locator('[name="company.name"]').fill("南京键入未存机械有限公司");
    await page.locator('[name="contact.name"]').fill("赵经理");

    await page.locator(".tasks-fold > summary").click(); // on a phone the tasks are folded above the form (ADR 205)
    await page.getByRole("button", { name: `无人接听 ${callTaskReference}` }).click();
    await landed(page, `已记录：${callTaskReference} 无人接听`);
    expect(await page.locator('[name="contact.phone"]').inputValue()).toBe("13900004680");
    expect(await page.locator('[name="company.name"]').inputValue()).toBe("南京键入未存机械有限公司");
    expect(await page.locator('[name="contact.name"]').inputValue()).toBe("赵经理");
    await page.context().close();
  }, 90_000);

  // 无人接听 on a call task marked the desk's empty phone box (focused on arrival, left by the press) red
  // with 请填写此项; saving the need marked the lead page's empty note box (focused on arrival) so. Neither
  // form was sent: a field left untouched is checked by its own form's submit, not on leaving (ADR 091).
  it("a field left untouched for another form's button shows no 请填写此项; a typed field is still checked on leaving", async () => {
    const page = await signedIn(DESK, "/hotline");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("contact.phone");
    await page.locator(".tasks-fold > summary").click(); // on a phone the tasks are folded above the form (ADR 205)
    await page.getByRole("button", { name: `无人接听 ${secondTaskReference}` }).click();
    await landed(page, `已记录：${secondTaskReference} 无人接听`);
    await page.waitForTimeout(300); // the held blur is replayed after the click
    expect(await page.locator('[name="contact.phone"]').getAttribute("aria-invalid")).toBeNull();
    expect(await page.locator("main").innerText()).not.toContain("请填写此项");

    const lead = await storeTestLead(suite.db.sql, "南京未填备注机械有限公司", "13900003580");
    await page.goto(`${suite.web.url}/hotline/leads/${lead.id}`);
    await hydrated(page);
    const note = page.getByLabel("来电内容");
    await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole("button", { name: "保存需求并重新匹配" }).click();
    await landed(page, "需求已更新，正在重新匹配。");
    await page.waitForTimeout(300);
    expect(await note.getAttribute("aria-invalid")).toBeNull();
    expect(await page.locator("main").innerText()).not.toContain("请填写此项");

    // Typed and emptied again: that field was answered, and leaving it still says what is missing.
    await note.fill("x");
    await note.fill("");
    await page.keyboard.press("Tab");
    await expect.poll(() => note.getAttribute("aria-invalid")).toBe("true");
    await page.context().close();
  }, 90_000);

  it("admin space page: 仍可租售 keeps a figure typed in the form; its own save stores it; another space's page starts over", async () => {
    const page = await signedIn(ADMIN, "/admin/spaces/S2");
    const area = page.getByLabel(/^面积/);
    await area.fill("6千平");

    await page.getByRole("button", { name: "仍可租售" }).click();
    // Confirmed, and the form says its edit is not saved yet (ADR 119): no redirect, the figure stays typed.
    await expect.poll(() => textOf(page, "[data-verified]")).toMatch(/仍可租售/);
    await expect.poll(() => textOf(page, ".inventory-form [role=alert]")).toMatch(/表单中的修改尚未保存（面积）/);
    await landedIdle(page);
    expect(await area.inputValue()).toBe("6千平");
    await page.screenshot({ path: `${SHOTS}unsaved-edit-after-still-available.png`, fullPage: true });
    expect((await suite.db.sql<{ areaSqm: number }[]>`select area_sqm from spaces where id = 'S2'`)[0].areaSqm).not.toBe(6000);

    await page.getByRole("button", { name: "保存", exact: true }).click();
    await landed(page, /已保存/);
    const [s] = await suite.db.sql<{ areaSqm: number }[]>`select area_sqm from spaces where id = 'S2'`;
    expect(s.areaSqm).toBe(6000);

    // Another space's page is the same route (the component stays, as after a link): it shows that
    // space, not what was typed about this one.
    await area.fill("7千平");
    await page.evaluate(() =>
      (window as unknown as { __remixRouter: { navigate: (to: string) => Promise<void> } }).__remixRouter.navigate("/admin/spaces/S5"),
    );
    await page.waitForURL((url) => url.pathname === "/admin/spaces/S5");
    await expect.poll(() => area.inputValue()).toBe("6000");
    await page.context().close();
  }, 90_000);

  // An attack of 2026-12-04: the database went read-only (a failover onto a standby) while a recruiter
  // typed a note; "添加备注" replaced the page with the bare error page and the note was gone.
  it("recruiter's lead page: a note saved while the database refuses writes stays typed, with a banner; saved once it is back", async () => {
    const { assignmentId } = await routedTestLead(
      suite.db.sql,
      { company: "南京只读库备注机械有限公司", phone: "13900001358" },
      "S1",
      "GC-EDZ",
    );
    const page = await signedIn(RECRUITER, `/queue/assignments/${assignmentId}`);
    const note = page.locator('textarea[name="body"]');
    const said = "库只读时写的备注：下周三看厂";
    await note.fill(said);
    // The database refuses the note's write as a read-only standby does (SQLSTATE 25006) — a trigger on the
    // notes, so the web's connections stay as they are and the refusal ends the moment it is dropped.
    await suite.db.sql.unsafe(`create function refuse_as_read_only() returns trigger language plpgsql as $$
      begin raise exception 'cannot execute INSERT in a read-only transaction' using errcode = '25006'; end $$`);
    await suite.db.sql.unsafe(
      `create trigger refuse_notes before insert on lead_notes for each statement execute function refuse_as_read_only()`,
    );
    try {
      await page.getByRole("button", { name: "添加备注" }).click();
      const banner = page.getByRole("alert").filter({ hasText: "未能保存" });
      await banner.waitFor();
      expect(await note.inputValue()).toBe(said);
      expect(page.url()).toContain(`/queue/assignments/${assignmentId}`);
      // The banner sits above the page; the recruiter pressed save far below it: it is brought into view.
      await expect.poll(async () => (await banner.boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(0);
      expect((await banner.boundingBox())!.y).toBeLessThan(844);
      await page.screenshot({ path: `${SHOTS}/unavailable-note-kept-phone.png` });
    } finally {
      await suite.db.sql.unsafe(`drop trigger refuse_notes on lead_notes`);
      await suite.db.sql.unsafe(`drop function refuse_as_read_only()`);
    }
    // Back: the same press saves it.
    await page.getByRole("button", { name: "添加备注" }).click();
    await landed(page, "备注已添加。");
    await expect.poll(() => page.locator(".note-body").allInnerTexts()).toContain(said);
    expect(await note.inputValue()).toBe("");
    await page.context().close();
  }, 90_000);
});
