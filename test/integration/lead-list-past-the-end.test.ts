import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { LEAD_PAGE_SIZE, listLeads } from "~/admin/lead-list.server";

import { createTestDatabase } from "../support/database";
import { storeTestLead } from "../support/routed-lead";

// /admin/leads?page=N past the last page (an old link, leads closed or filtered away meanwhile, a page
// typed into the address) showed "没有符合条件的线索" under a pager reading "400 / 2" whose only link led
// one page further back into nothing. The list now serves the last page there is.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
const LEADS = LEAD_PAGE_SIZE + 5;

beforeAll(async () => {
  db = await createTestDatabase("lead_list_past_end");
  for (let i = 0; i < LEADS; i++) await storeTestLead(db.sql, `南京翻页${i}号有限公司`, `1381234${String(i).padStart(4, "0")}`);
});
afterAll(async () => {
  await db?.drop();
});

describe("the admin lead list, asked for a page past its end", () => {
  it("serves the last page, with its rows and the page number it is", async () => {
    for (const page of [3, 17, 400, 10_000]) {
      const list = await listLeads(db.sql, null, { page });
      expect(list.pages, `page ${page}`).toBe(2);
      expect(list.page, `page ${page}`).toBe(2);
      expect(list.rows, `page ${page}`).toHaveLength(5);
      expect(list.total).toBe(LEADS);
    }
    const second = await listLeads(db.sql, null, { page: 2 });
    expect((await listLeads(db.sql, null, { page: 9 })).rows.map((r) => r.id)).toEqual(second.rows.map((r) => r.id));
  });

  it("with filters that select one page or nothing: page 1", async () => {
    const one = await listLeads(db.sql, null, { q: "南京翻页1号", page: 5 });
    expect(one.page).toBe(1);
    expect(one.rows.map((r) => r.company)).toEqual(["南京翻页1号有限公司"]);
    const none = await listLeads(db.sql, null, { status: "won", page: 3 });
    expect(none).toMatchObject({ page: 1, pages: 1, total: 0, rows: [] });
  });
});
