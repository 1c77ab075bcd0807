import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { listLeads } from "~/admin/lead-list.server";

import type { SearchClient } from "../../search/client";
import { createTestDatabase } from "../support/database";
import { storeTestLead } from "../support/routed-lead";

// Text typed into a search box is literal: "%", "_" and "\" find leads that contain them, never every
// lead (issue: /admin/leads?q=% listed everything). Meilisearch answers a query with no letter or digit
// like an empty one — every document — which the fake below does too, so both paths are covered.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
const all: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase("like_patterns");
  for (const [company, phone] of [
    ["南京百分之百_测试有限公司", "13812340001"],
    ["南京反斜杠\\测试有限公司", "13812340002"],
    ["南京普通测试有限公司", "13812340003"],
    ["南京另一普通有限公司", "13812340004"],
  ])
    all.push((await storeTestLead(db.sql, company, phone)).id);
});
afterAll(async () => {
  await db?.drop();
});

/** Like Meilisearch: a query with no letter or digit finds every document; otherwise none (Postgres finds the rest). */
const meiliLike = {
  index: () => ({
    search: async (q: string) => ({ hits: /[\p{L}\p{N}]/u.test(q) ? [] : all.map((id) => ({ id })) }),
  }),
} as unknown as SearchClient;
const failing = {
  index: () => ({
    search: async () => {
      throw new Error("down");
    },
  }),
} as unknown as SearchClient;

const companies = async (search: SearchClient | null, q: string) => {
  const list = await listLeads(db.sql, search, { q } as never);
  return list.rows.map((r) => r.company).sort();
};

describe("search text with LIKE's wildcards", () => {
  for (const [name, search] of [
    ["search up", meiliLike],
    ["search down (Postgres ILIKE)", failing],
  ] as const) {
    it(`${name}: "%" alone, "_" alone and "\\" alone find no lead, not every lead`, async () => {
      expect(await companies(search, "%")).toEqual([]);
      expect(await companies(search, "%%")).toEqual([]);
      expect(await companies(search, "_")).toEqual([]);
      expect(await companies(search, "\\")).toEqual([]);
    });
  }
  it("search down: a word with a wildcard in it matches literally", async () => {
    expect(await companies(failing, "百_测")).toEqual(["南京百分之百_测试有限公司"]);
    expect(await companies(failing, "百%测")).toEqual([]);
    expect(await companies(failing, "普通")).toEqual(["南京另一普通有限公司", "南京普通测试有限公司"]);
  });
});
