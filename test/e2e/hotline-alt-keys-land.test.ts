import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { closeLead } from "~/admin/lead-actions.server";
import { hashPassword } from "~/auth/password.server";

import { E2E_WAIT_MS, hydrated } from "../support/browser";
import { type BrowserSuite, browserSuite } from "../support/browser-suite";
import { storeTestLead } from "../support/routed-lead";

// The hotline desk's shortcuts land the focus where they say (docs/decisions/170). Alt+1 opens the first known lead:
// an open lead's page puts it in the note box (autoFocus), but a won, lost or closed lead's page has no note box and the
// focus fell to <body> — the next Tab started over from the page's top. It lands on the lead's heading, and Tab goes on
// from there. The desk's other keys (Alt+P, Alt+N, Alt+T, Alt+1 with nothing listed) never leave it on <body> either.
const PASSWORD = "alt-keys-秘密-2026";
const leads: Record<string, { id: string; reference: string; phone: string }> = {};

const suite = browserSuite("hotline_alt_keys", { seed });

/** Four callers' leads by how they stand: open, won, lost, closed by an admin as spam. */
async function seed({ db }: BrowserSuite): Promise<void> {
  await db.sql`insert into users (email, name, role, password_hash) values ('keys@example.test', '坐席', 'hotline', ${await hashPassword(PASSWORD)})`;
  for (const [kind, phone] of [
    ["open", "13900007101"],
    ["won", "13900007102"],
    ["lost", "13900007103"],
    ["spam", "13900007104"],
  ] as const) {
    const lead = await storeTestLead(db.sql, `南京快捷键${kind}机械有限公司`, phone);
    if (kind === "won" || kind === "lost") await db.sql`update leads set status = ${kind} where id = ${lead.id}`;
    if (kind === "spam")
      expect((await closeLead(db.sql, lead.id, { as: "spam", note: "测试", duplicateOf: null }, "admin@example.test")).ok).toBe(true);
    leads[kind] = { ...lead, phone };
  }
}

/** The focused element: its tag, and its name (a form box) or its text (anything else). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return "none";
    return `${el.tagName.toLowerCase()}:${el.getAttribute("name") ?? el.innerText.trim().slice(0, 30)}`;
  });

async function desk(page: Page) {
  await page.goto(`${suite.web.url}/hotline`);
  await hydrated(page);
  await expect.poll(() => focused(page)).toBe("input:contact.phone");
}

describe("the hotline desk's keys at a desk (1280 px)", () => {
  it("Alt+1 lands in the note box of an open lead and on the heading of a read-only one; Tab goes on from there", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    const page = await context.newPage();
    page.setDefaultTimeout(E2E_WAIT_MS);
    try {
      await page.goto(`${suite.web.url}/login?next=/hotline`);
      await hydrated(page);
      await page.getByLabel("邮箱").fill("keys@example.test");
      await page.getByLabel("密码").fill(PASSWORD);
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.pathname === "/hotline");
      await desk(page);

      // The desk's own keys.
      await page.keyboard.press("Alt+Digit1"); // nothing listed yet: the focus stays in the phone box
      expect(await focused(page)).toBe("input:contact.phone");
      await page.keyboard.press("Alt+KeyN");
      expect(await focused(page)).toBe("input:need.kind");
      await page.keyboard.press("Alt+KeyT");
      expect(await focused(page)).toMatch(/^h2:电话任务/);
      await page.keyboard.press("Alt+KeyP");
      expect(await focused(page)).toBe("input:contact.phone");

      for (const [kind, lands] of [
        ["open", "textarea:body"],
        ["won", `h1:线索 ${leads.won.reference}`],
        ["lost", `h1:线索 ${leads.lost.reference}`],
        ["spam", `h1:线索 ${leads.spam.reference}`],
      ] as const) {
        await desk(page);
        await page.keyboard.type(leads[kind].phone);
        await expect.poll(() => page.locator("#known").innerText(), { timeout: 20_000 }).toContain(leads[kind].reference);
        await page.keyboard.press("Alt+Digit1");
        await page.waitForURL((url) => url.pathname === `/hotline/leads/${leads[kind].id}`);
        await expect.poll(() => focused(page), { message: kind }).toBe(lands);
        if (kind !== "open") {
          // Tab goes on from the lead, not from the page's top (its header links).
          await page.keyboard.press("Tab");
          const after = await page.evaluate(() => {
            const h1 = document.querySelector("main h1")!;
            const el = document.activeElement!;
            return { inMain: !!el.closest("main"), afterHeading: !!(h1.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) };
          });
          expect(after, kind).toEqual({ inMain: true, afterHeading: true });
        }
      }
    } finally {
      await context.close();
    }
  });
});
