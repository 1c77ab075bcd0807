import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { importInventory } from "~/inventory/import.server";
import { applyAssignmentAction } from "~/recruiter-desk/assignment-actions.server";
import { markLost } from "~/recruiter-desk/lead-work.server";

import { demoInventory } from "../fixtures/inventory";
import { E2E_WAIT_MS, hydrated, signInByForm } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";
import { matchTestLead, storeTestLead, TEST_ROUTING } from "../support/routed-lead";
import { runTogethers } from "../support/run-together";

// Staff lists on a phone and read aloud (trial of 12-06, ADR 179):
// - L5: /admin/leads on a 390 × 844 phone showed its whole filter form (eight fields, ~900 px) before the first lead;
//   the filters fold behind a line that names those in use (/queue's pattern, ADR 170); a desktop's stay open.
// - L6: the recruiter's card read "接单期限 12-06 11:00" and "1 个匹配空间" as "11:001 个" (a CSS separator is no
//   text). Every staff page's text is walked for two parts that meet letter to letter (test/support/run-together.ts).
const PASSWORD = "staff-lists-秘密-2026";
const SHOTS = new URL("./screenshots/", import.meta.url).pathname;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

const suite = browserSuite("staff_lists_read_apart", { seed });
const ids = { lead: "", assignment: "" };

/** R1's desk (an offered lead, an accepted one with a follow-up and a visit, a lost one), an admin, a call-back task. */
async function seed({ db }: BrowserSuite): Promise<void> {
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  await db.sql`insert into users (email, name, role, recruiter_id, password_hash)
               values ('zhoumin@example.test', '周敏', 'recruiter', 'R1', ${await hashPassword(PASSWORD)})`;
  await db.sql`insert into users (email, name, role, password_hash)
               values ('lists-admin@example.test', '管理员', 'admin', ${await hashPassword(PASSWORD)})`;
  const assignments: string[] = [];
  for (const [i, company] of ["南京列表待接单机械有限公司", "南京列表跟进机械有限公司", "南京列表流失机械有限公司"].entries()) {
    const { id } = await storeTestLead(db.sql, company, `1390000770${i}`);
    await matchTestLead(db.sql, id, "GC-EDZ", "S1");
    await db.sql.begin((tx) => routeLead(tx, id, TEST_ROUTING));
    assignments.push((await db.sql<{ id: string }[]>`select id from assignments where lead_id = ${id}`)[0].id);
    if (i === 0) [ids.lead, ids.assignment] = [id, assignments[0]];
    await db.sql`insert into call_tasks (kind, lead_id, phone, script, dedupe_key)
                 values ('callback', ${id}, ${`+861390000770${i}`}, '回访：确认面积', ${`callback:${id}`})`;
  }
  const who = (assignmentId: string) => ({ assignmentId, recruiterId: "R1" });
  for (const id of assignments.slice(1))
    expect((await applyAssignmentAction(db.sql, { ...who(id), intent: "accept" }, TEST_ROUTING)).ok).toBe(true);
  await db.sql`update assignments set follow_up_on = (now() at time zone 'Asia/Shanghai')::date + 2,
                                      visit_on = (now() at time zone 'Asia/Shanghai')::date + 5 where id = ${assignments[1]}`;
  const label = { zh: "价格不合适", en: "price" };
  expect((await markLost(db.sql, { ...who(assignments[2]), reason: "price", note: null, label })).ok).toBe(true);
}

async function signIn(page: Page, email: string, home: string) {
  await signInByForm(page, suite.web.url, { email, password: PASSWORD, home });
}

/** The first lead row's and the search box's places on the screen, the page not scrolled. */
async function leadsFirstScreen(page: Page) {
  return page.evaluate(() => {
    const box = (selector: string) => {
      const r = document.querySelector(selector)?.getBoundingClientRect();
      return r ? { top: Math.round(r.top), bottom: Math.round(r.bottom) } : null;
    };
    return { scrollY: window.scrollY, search: box("#q"), firstLead: box("tbody tr[data-lead]") };
  });
}

describe("/admin/leads on a 390 × 844 phone (L5)", () => {
  const states = [
    ["open", "/admin/leads"],
    ["filtered", "/admin/leads?status=received&park=GC-EDZ&channel=api&from=2020-01-01"],
    ["english", "/admin/leads?lng=en&channel=api"],
  ] as const;

  it("shows the first lead on the first screen, the filters folded behind the line naming those in use; open on a desktop", async () => {
    const context = await suite.browser.newContext({ viewport: PHONE, locale: "zh-CN", hasTouch: true });
    const page = await context.newPage();
    page.setDefaultTimeout(E2E_WAIT_MS);
    try {
      await signIn(page, "lists-admin@example.test", "/admin");
      const measured: Record<string, unknown> = {};
      for (const [label, path] of states) {
        await page.goto(`${suite.web.url}${path}`);
        await hydrated(page);
        const at = await leadsFirstScreen(page);
        measured[label] = at;
        expect(at.scrollY, label).toBe(0);
        expect(at.firstLead, label).not.toBeNull();
        expect(at.firstLead!.top, label).toBeGreaterThan(at.search!.bottom);
        expect(at.firstLead!.top, label).toBeLessThan(PHONE.height);
        expect(await page.locator("#status").isVisible(), label).toBe(false);
        await page.screenshot({ path: `${SHOTS}admin-leads-first-screen-${label}.png` });
      }
      console.log(`/admin/leads first screen at 390 × 844: ${JSON.stringify(measured)}`);
      // The line names the filters in use; opened, the fields are there and a choice is sent with the search row's button.
      await page.goto(`${suite.web.url}${states[1][1]}`);
      const summary = page.locator("details.more-filters > summary");
      for (const word of ["已收到", "高淳经济开发区", "起始日期 2020-01-01"]) expect(await summary.innerText()).toContain(word);
      await summary.click();
      expect(await page.locator("#status").isVisible()).toBe(true);
      await page.locator("#status").selectOption("lost");
      await page.getByRole("button", { name: "筛选", exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get("status") === "lost");
      await expect.poll(() => page.locator("details.more-filters > summary").innerText()).toContain("已流失");
      // A desktop: every filter open, the folding line not drawn.
      await page.setViewportSize(DESKTOP);
      await page.goto(`${suite.web.url}/admin/leads?channel=api`);
      for (const id of ["#status", "#park", "#section", "#channel", "#from", "#to"])
        expect(await page.locator(id).isVisible(), id).toBe(true);
      expect(await summary.isVisible()).toBe(false);
      await page.screenshot({ path: `${SHOTS}admin-leads-desktop.png` });
      // The other staff lists with filters (one or two rows of them, not folded): their first row on the first screen too.
      await page.setViewportSize(PHONE);
      const others: Record<string, number> = {};
      for (const path of ["/admin/spaces", "/admin/parks", "/admin/recruiters", "/admin/spaces?lng=en"]) {
        await page.goto(`${suite.web.url}${path}`);
        expect(await page.locator("tbody tr").count(), path).toBeGreaterThan(0);
        others[path] = await page
          .locator("tbody tr")
          .first()
          .evaluate((tr) => Math.round(tr.getBoundingClientRect().top));
        expect(others[path], path).toBeLessThan(PHONE.height);
      }
      console.log(`first rows at 390 × 844: ${JSON.stringify(others)}`);
    } finally {
      await context.close();
    }
  });
});

describe("staff cards and lists said apart (L6)", () => {
  const admin = [
    "/admin",
    "/admin/leads",
    () => `/admin/leads/${ids.lead}`,
    "/admin/spaces",
    "/admin/parks",
    "/admin/recruiters",
    "/admin/staff",
    "/admin/dead-letters",
    "/admin/dashboard",
    "/hotline",
    () => `/hotline/leads/${ids.lead}`,
  ];
  const recruiter = ["/queue", "/queue?view=history", () => `/queue/assignments/${ids.assignment}`];

  // One test a language and desk (the admin's eleven pages took most of 90 s on a loaded machine with the recruiter's after them).
  const desks = { admin: ["lists-admin@example.test", "/admin", admin], recruiter: ["zhoumin@example.test", "/queue", recruiter] } as const;
  it.each([
    ["zh", "admin"],
    ["zh", "recruiter"],
    ["en", "admin"],
    ["en", "recruiter"],
  ] as const)("no two parts of a staff page's text run together (%s, %s)", async (lng, desk) => {
    const context = await suite.browser.newContext({ viewport: PHONE, locale: "zh-CN" });
    try {
      const hits: Record<string, string[]> = {};
      const [email, home, paths] = desks[desk];
      const page = await context.newPage();
      page.setDefaultTimeout(E2E_WAIT_MS);
      await signIn(page, email, home);
      for (const p of paths) {
        const path = typeof p === "string" ? p : p();
        await page.goto(`${suite.web.url}${path}${lng === "en" ? `${path.includes("?") ? "&" : "?"}lng=en` : ""}`);
        await hydrated(page);
        const found = await runTogethers(page, "main");
        if (found.length) hits[path] = found;
      }
      expect(hits).toEqual({});
      if (desk === "admin") return;
      // The recruiter's offered card, as innerText gives it: the deadline, then the count, said apart.
      await page.goto(`${suite.web.url}/queue${lng === "en" ? "?lng=en" : ""}`);
      const meta = await page.locator(".lead-card", { hasText: "南京列表待接单" }).locator(".card-meta").innerText();
      expect(meta).toMatch(
        lng === "zh" ? /^接单截止 \d{4}-\d{2}-\d{2} \d{2}:\d{2} · 1 个匹配空间$/ : /^Accept by \S+ \d{2}:\d{2} · 1 matched space$/,
      );
    } finally {
      await context.close();
    }
  });
});
