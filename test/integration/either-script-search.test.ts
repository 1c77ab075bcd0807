import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { listLeads } from "~/admin/lead-list.server";
import { routeLead } from "~/assignments/route-lead.server";
import { migrate } from "~/db/migrate.server";
import { readCallerQuery } from "~/domain/caller-query";
import { createLeadSchema } from "~/domain/lead-schema";
import { findCallerLeads } from "~/hotline/caller-search.server";
import { importInventory } from "~/inventory/import.server";
import { storeLead } from "~/leads/intake.server";
import { eraseLeads } from "~/privacy/anonymise.server";
import { loadDesk } from "~/recruiter-desk/desk-search.server";

import { createSearchClient, type SearchClient, waitSucceeded } from "../../search/client";
import { type LeadRow, toLeadDocument } from "../../search/lead-document";
import { ensureLeadsIndex } from "../../search/leads.index";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { matchTestLead, TEST_ROUTING } from "../support/routed-lead";

// A search a staff member makes finds text written in either script, whichever script the query is
// typed in (docs/decisions/078). The query used to be guessed into Traditional one form per character
// (冲 → 沖), so 冲压 never found 衝壓件; now stored text keeps a Simplified search copy (Postgres columns,
// Meilisearch *Folded attributes) and the query is put into the same form. Against the real Postgres and
// Meilisearch: the recruiter's desk (/queue), the admin lead list (Meilisearch, and its Postgres fallback),
// the hotline's lookup by company name, and leads stored before migration 062.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
const meili = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
const uid = `either_script_${Math.random().toString(36).slice(2, 8)}`;
/** The lead list asks for the index by its plain name: this client answers from the test's index. */
const listSearch = { index: () => meili.index(uid) } as unknown as SearchClient;
const searchDown = {
  index: () => ({ search: () => Promise.reject(new Error("search down (test)")) }),
} as unknown as SearchClient;

const LEADS = {
  stampingTrad: { company: "蘇州精衝五金有限公司", product: "衝壓件", phone: "13900000001" },
  flourTrad: { company: "南京麵粉機械有限公司", product: "乾燥設備", phone: "13900000002" },
  mixed: { company: "宁波沖压件厂", product: "汽車钣金幹线配件", phone: "13900000003" },
  stampingSimp: { company: "无锡冲压科技有限公司", product: "冲压模具", phone: "13900000004" },
  english: { company: "Acme Stamping Co., Ltd.", product: "Metal stamping parts", phone: "13900000005" },
  hairTrad: { company: "廣州美髮用品有限公司", product: "理髮器具", phone: "13900000006" },
} as const;
type Key = keyof typeof LEADS;
const ids = {} as Record<Key, string>;
const refs = {} as Record<Key, string>;
const keyOfRef = (ref: string) => (Object.keys(refs) as Key[]).find((k) => refs[k] === ref) ?? ref;
const keyOfId = (id: string) => (Object.keys(ids) as Key[]).find((k) => ids[k] === id) ?? id;

async function store(o: { company: string; product: string; phone: string }) {
  const json = validLeadJson({ company: o.company, phone: o.phone });
  json.use.product = o.product;
  const parsed = createLeadSchema("zh", "api").parse(json);
  return storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" });
}

async function indexAll() {
  const rows = await db.sql<LeadRow[]>`select id, reference, status, source, lead, created_at from leads where anonymised_at is null`;
  await waitSucceeded(meili.index(uid).addDocuments(rows.map(toLeadDocument), { primaryKey: "id" }));
}

beforeAll(async () => {
  db = await createTestDatabase("either_script_search");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  for (const key of Object.keys(LEADS) as Key[]) {
    const { id, reference } = await store(LEADS[key]);
    ids[key] = id;
    refs[key] = reference;
    await matchTestLead(db.sql, id, "GC-EDZ");
    await db.sql.begin((tx) => routeLead(tx, id, TEST_ROUTING));
  }
  await ensureLeadsIndex(meili, uid);
  await indexAll();
});
afterAll(async () => {
  await waitSucceeded(meili.deleteIndex(uid)).catch(() => {});
  await db?.drop();
});

/** The recruiter's desk: every open assignment of the leads is in GC-EDZ; whose desk it is, is looked up. */
async function desk(q: string): Promise<Key[]> {
  const recruiters = await db.sql<{ recruiterId: string }[]>`select distinct recruiter_id from assignments where recruiter_id is not null`;
  const found: Key[] = [];
  for (const r of recruiters)
    for (const row of (await loadDesk(db.sql, r.recruiterId, { view: "open", q }, "zh")).rows) found.push(keyOfRef(row.reference) as Key);
  return found.sort();
}
const list = async (search: SearchClient, q: string) =>
  (await listLeads(db.sql, search, { q })).rows.map((r) => keyOfRef(r.reference)).sort();
const hotline = async (company: string) =>
  (await findCallerLeads({ sql: db.sql, search: meili, leadsIndex: uid }, readCallerQuery({ company })))
    .map((l) => keyOfId(l.leadId))
    .sort();

// Each query in Simplified, in Traditional (both forms where Simplified has two), and mixed.
const ONE_TO_MANY: [string[], Key[]][] = [
  [
    ["冲压", "衝壓", "沖壓", "衝压"],
    ["mixed", "stampingSimp", "stampingTrad"],
  ],
  [["面粉", "麵粉"], ["flourTrad"]],
  [["干燥", "乾燥", "幹燥"], ["flourTrad"]],
  [["干线", "幹線", "乾線"], ["mixed"]],
  [["理发", "理髮", "理發"], ["hairTrad"]],
];

describe("the recruiter's desk (/queue) finds text in either script", () => {
  for (const [queries, expected] of ONE_TO_MANY)
    it(`${queries.join(" / ")} → ${expected.join(", ")}`, async () => {
      for (const q of queries) expect(await desk(q), q).toEqual(expected);
    });

  it("company names too, and English is matched as typed, case aside", async () => {
    expect(await desk("精冲五金")).toEqual(["stampingTrad"]);
    expect(await desk("美發用品")).toEqual(["hairTrad"]);
    expect(await desk("stamping")).toEqual(["english"]);
    expect(await desk("ACME STAMPING")).toEqual(["english"]);
    expect(await desk("Metal stamping")).toEqual(["english"]);
    expect(await desk("不存在")).toEqual([]);
  });
});

describe("the admin lead list finds text in either script", () => {
  for (const [name, search] of [
    ["Meilisearch", () => listSearch],
    ["Postgres while Meilisearch is down", () => searchDown],
  ] as const)
    for (const [queries, expected] of ONE_TO_MANY)
      it(`${name}: ${queries.join(" / ")} → ${expected.join(", ")}`, async () => {
        for (const q of queries) expect(await list(search(), q), q).toEqual(expected);
      });

  it("Meilisearch: English words as typed, and a contact name or notes typed in Traditional", async () => {
    expect(await list(listSearch, "stamping")).toEqual(["english"]);
    const json = validLeadJson({ company: "南京联系人测试有限公司", phone: "13900000007" });
    json.contact.name = "陳經理";
    (json.need as Record<string, unknown>).notes = "需要衝床基礎";
    const parsed = createLeadSchema("zh", "api").parse(json);
    const { reference } = await storeLead(db.sql, { ...parsed, raw: {}, source: "api", lng: "zh" });
    await indexAll();
    expect((await listLeads(db.sql, listSearch, { q: "陈经理" })).rows.map((r) => r.reference)).toEqual([reference]);
    expect((await listLeads(db.sql, listSearch, { q: "冲床" })).rows.map((r) => r.reference)).toEqual([reference]);
  });
});

describe("the hotline's lookup by company name finds names in either script", () => {
  it("a name typed in Traditional by the Simplified words and back; mixed text; English", async () => {
    expect(await hotline("面粉机械")).toEqual(["flourTrad"]);
    expect(await hotline("麵粉機械")).toEqual(["flourTrad"]);
    expect(await hotline("精冲五金")).toEqual(["stampingTrad"]);
    expect(await hotline("无锡衝壓")).toEqual(["stampingSimp"]);
    expect(await hotline("宁波沖压")).toEqual(["mixed"]);
    expect(await hotline("寧波衝壓")).toEqual(["mixed"]);
    expect(await hotline("Acme Stamping")).toEqual(["english"]);
  });
});

describe("leads stored before the search copies", () => {
  it("get their copies at the next migrate, and those with Traditional text are queued for the index", async () => {
    // As a row written before migration 062 (or inserted by hand) is: no copies.
    await db.sql`update leads set company_search = null, product_search = null where id in ${db.sql([ids.stampingTrad, ids.stampingSimp])}`;
    await db.sql`update outbox set done_at = now() where topic = 'lead.index' and done_at is null`;
    expect(await desk("冲压")).toEqual(["mixed"]);

    await migrate(db.url);
    expect(await desk("冲压")).toEqual(["mixed", "stampingSimp", "stampingTrad"]);
    const [row] = await db.sql<{ companySearch: string; productSearch: string }[]>`
      select company_search, product_search from leads where id = ${ids.stampingTrad}`;
    expect(row).toEqual({ companySearch: "苏州精冲五金有限公司", productSearch: "冲压件" });
    // The Traditional lead's document gains its search forms; the Simplified one's is unchanged.
    const queued = await db.sql<{ aggregateId: string }[]>`select aggregate_id from outbox where topic = 'lead.index' and done_at is null`;
    expect(queued.map((r) => keyOfId(r.aggregateId))).toEqual(["stampingTrad"]);
    // What stays is the text as typed: pages show it.
    expect((await listLeads(db.sql, listSearch, { q: "精冲" })).rows.map((r) => [r.company, r.product])).toEqual([
      ["蘇州精衝五金有限公司", "衝壓件"],
    ]);
  });

  it("an erased lead's company copy goes with its name", async () => {
    const outboxDir = mkdtempSync(join(tmpdir(), "either-script-outbox-"));
    await eraseLeads(db.sql, { leadIds: [ids.hairTrad], actor: "admin-token", subject: "13900000006", outboxDir });
    rmSync(outboxDir, { recursive: true, force: true });
    const [row] = await db.sql<{ companySearch: string }[]>`select company_search from leads where id = ${ids.hairTrad}`;
    expect(row.companySearch).toBe("");
    expect(await desk("美发用品")).toEqual([]);
  });
});
