import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSearchClient, waitSucceeded } from "../../search/client";
import { indexNames } from "../../search/index-names";
import { toLeadDocument } from "../../search/lead-document";
import { ensureLeadsIndex } from "../../search/leads.index";
import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { startWebServer } from "../support/services";

// MEILI_INDEX_PREFIX (ADR 090): the web reads every index under the installation's prefix, as the worker
// writes it — the admin's lead search and a person's data export included (both read the bare `leads`).
// The lead's document is only in the prefixed index; the bare one holds nothing of it.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let web: Awaited<ReturnType<typeof startWebServer>>;
const prefix = `pfx${Math.random().toString(36).slice(2, 8)}_`;
const names = indexNames(prefix);
const search = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
const BEARER = { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` };
let lead: { id: string; reference: string };

beforeAll(async () => {
  db = await createTestDatabase("index_prefix");
  web = await startWebServer({ DATABASE_URL: db.url, MEILI_INDEX_PREFIX: prefix });
  const res = await fetch(`${web.url}/api/leads`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(validLeadJson({ company: "前缀索引繁体测试机械有限公司", phone: "13955507788" })),
  });
  expect(res.status).toBe(201);
  lead = await res.json();
  const [row] = await db.sql<{ id: string; reference: string; status: string; source: string; lead: never; createdAt: Date }[]>`
    select id, reference, status, source, lead, created_at from leads where id = ${lead.id}`;
  await ensureLeadsIndex(search, names.leads);
  await waitSucceeded(search.index(names.leads).addDocuments([toLeadDocument(row)], { primaryKey: "id" }));
}, 60_000);
afterAll(async () => {
  await search.deleteIndex(names.leads).catch(() => {});
  await web?.stop();
  await db?.drop();
});

describe("a prefixed installation", () => {
  it("the admin's lead search reads the prefixed index: a Traditional-script query finds the lead by Meilisearch, not the fallback", async () => {
    const html = await (await fetch(`${web.url}/admin/leads?q=${encodeURIComponent("前綴索引繁體測試機械")}`, { headers: BEARER })).text();
    expect(html).not.toContain("搜索服务暂时不可用");
    expect(html).toContain(lead.reference);
  });

  it("a person's data export carries the search document from the prefixed index, and no 'unavailable'", async () => {
    const res = await fetch(`${web.url}/admin/privacy/export`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...BEARER },
      body: new URLSearchParams({ query: lead.reference }),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.searchError).toBeUndefined();
    expect(body.searchDocuments.map((d: { id: string }) => d.id)).toEqual([lead.id]);
    const [audit] = await db.sql<{ detail: { searchDocuments: number } }[]>`select detail from privacy_audit where action = 'export'`;
    expect(audit.detail.searchDocuments).toBe(1);
  });
});
