import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { createLeadSchema } from "~/domain/lead-schema";
import { importInventory } from "~/inventory/import.server";
import { storeLead } from "~/leads/intake.server";

import { demoInventory } from "../fixtures/inventory";
import { E2E_WAIT_MS, hydrated, signInByForm, watchPageErrors } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";
import { validLeadJson } from "../support/leads";
import { matchTestLead, TEST_ROUTING } from "../support/routed-lead";

// New-user trial 40: the staff need forms (the hotline desk, a recruiter's 更正需求) read the notes live in the
// browser, where Traditional text was folded without OpenCC — only the public form's script ever loaded it. Typed
// 層高9米以上 … 10噸行車 … 明年3月前要搬進去, the desk showed 未能识别 for what the save reads (层高, 入驻, the wished
// crane); a recruiter's need page with stored Traditional notes failed hydration (React #418/#425/#423, the
// server's page thrown away) and then said the same. Both read as the Simplified words now, with no page error.
const PASSWORD = "trial40-秘密-2026";
const TRADITIONAL = "要五千平廠房，層高9米以上，有10噸行車最好，明年3月前要搬進去";
const SIMPLIFIED = "要五千平厂房，层高9米以上，有10吨行车最好，明年3月前要搬进去";

const suite = browserSuite("trial40_traditional_notes", { seed });

async function seed({ db }: BrowserSuite): Promise<void> {
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const hash = await hashPassword(PASSWORD);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash) values ('zhoumin@example.test', '周敏', 'recruiter', 'R1', ${hash})`;
  await db.sql`insert into users (email, name, role, password_hash) values ('desk40@example.test', '热线坐席', 'hotline', ${hash})`;
}

/** The visible lines of the notes' live reading, by their data-assist-line key ("understood", "unread", "wished" …). */
async function readingLines(page: Page): Promise<Record<string, string>> {
  return page.$$eval("[data-assist-line]", (els) =>
    Object.fromEntries(
      els
        .filter((e) => !(e as HTMLElement).hidden && (e.textContent ?? "").trim() !== "")
        .map((e) => [e.getAttribute("data-assist-line") ?? "", (e.textContent ?? "").trim()]),
    ),
  );
}

/** The reading with Traditional characters written Simplified (what the lines quote is the notes as typed). */
const simplified = (lines: Record<string, string>) =>
  JSON.stringify(lines).replace(/廠/g, "厂").replace(/層/g, "层").replace(/噸/g, "吨").replace(/車/g, "车").replace(/進/g, "进");

/** A lead stored as the API stores it, its notes `notes` (Traditional). */
async function leadWithNotes(company: string, phone: string, notes: string): Promise<string> {
  const json = validLeadJson({ company, phone });
  const parsed = createLeadSchema("zh", "api").parse({ ...json, need: { ...json.need, notes } });
  return (await storeLead(suite.db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" })).id;
}

const DESK = { viewport: { width: 1366, height: 900 }, locale: "zh-CN" };
const PHONE = { ...DESK, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Signs `email` in (landing on `home`) in a new context of `options`, runs `steps` on the page, and fails on any page error. */
async function asStaff(
  options: typeof DESK | typeof PHONE,
  login: { email: string; home: string },
  steps: (page: Page) => Promise<void>,
): Promise<void> {
  const context = await suite.browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(E2E_WAIT_MS);
  const watch = watchPageErrors(page);
  try {
    await signInByForm(page, suite.web.url, { ...login, password: PASSWORD });
    await steps(page);
    watch.expectNone();
  } finally {
    await context.close();
  }
}

/** Opens `path`: the reading the server rendered, then — hydrated, a moment later — the same reading. Returns it. */
async function sameReadingAfterHydration(page: Page, path: string): Promise<Record<string, string>> {
  await page.goto(`${suite.web.url}${path}`);
  const server = await readingLines(page);
  await hydrated(page);
  await page.waitForTimeout(1000); // a late re-render would show here
  expect(await readingLines(page)).toEqual(server);
  return server;
}

describe("Traditional notes read in the staff need forms as the save reads them", () => {
  it("the hotline desk: typed Traditional notes read as the same words typed Simplified", async () => {
    await asStaff(DESK, { email: "desk40@example.test", home: "/hotline" }, async (page) => {
      await hydrated(page);
      const notes = page.locator('textarea[name="need.notes"]');
      await notes.fill(SIMPLIFIED);
      await expect.poll(async () => (await readingLines(page)).wished ?? "").toContain("10吨行车");
      const fromSimplified = await readingLines(page);
      expect(fromSimplified.understood).toContain("层高");
      expect(fromSimplified.unread).toBeUndefined();

      await notes.fill("");
      await notes.pressSequentially(TRADITIONAL, { delay: 5 });
      await expect.poll(async () => simplified(await readingLines(page))).toBe(JSON.stringify(fromSimplified));
    });
  });

  it("a recruiter's 更正需求 of a lead with Traditional notes hydrates without an error and reads them", async () => {
    const id = await leadWithNotes(
      "南京港聯精密機械有限公司",
      "13812340040",
      "我們做精密零件加工，有10噸行車最好。不要江寧的，太貴。明年3月前要搬進去。",
    );
    await matchTestLead(suite.db.sql, id, "GC-EDZ", "S1");
    await suite.db.sql.begin((tx) => routeLead(tx, id, TEST_ROUTING));
    const [a] = await suite.db.sql<{ id: string }[]>`select id from assignments where lead_id = ${id}`;
    await asStaff(PHONE, { email: "zhoumin@example.test", home: "/queue" }, async (page) => {
      const reading = await sameReadingAfterHydration(page, `/queue/assignments/${a.id}/need`);
      expect(reading.wished).toContain("10噸行車");
      expect(reading.unread ?? "").not.toContain("搬進去");
    });
  });

  it("the hotline's lead page (change the need) of a lead with Traditional notes hydrates without an error and reads them", async () => {
    const id = await leadWithNotes("無錫華泰電子有限公司", "13812340041", "要標準廠房，有5噸行車最好，不要浦口，明年3月前要搬進去");
    await asStaff(DESK, { email: "desk40@example.test", home: "/hotline" }, async (page) => {
      const reading = await sameReadingAfterHydration(page, `/hotline/leads/${id}`);
      expect(reading.wished).toContain("5噸行車");
    });
  });
});
