import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readCallerQuery } from "~/domain/caller-query";
import { normalizePhone } from "~/domain/phone";
import { searchText } from "~/domain/search-text.server";
import { type CallerLeads, findCallers } from "~/hotline/caller-search.server";

import { CALLER_LIMIT } from "../../search/callers.query";
import { createSearchClient } from "../../search/client";
import { createTestDatabase } from "../support/database";
import { dropIndex, indexStoredLeads } from "../support/leads-lookup-index";

// The hotline's caller lookup while the agent types (docs/decisions/094), in the real Postgres and
// Meilisearch, with the documents the index writer makes. Meilisearch matches only a query's last word
// by its start: a company typed in part ("杭州华创精" of 杭州华创精密…) found its lead alone, but not
// beside a number's start or a contact, whose word went last; and a name typed in part may be cut into
// words otherwise than the whole name (上海力密新科 | 新科 of 上海力密新科技: 新 | 科技), or a word of
// it typed alone (华为 of 张江华为…: 张江华 | 为). And every word of a query is searched in
// every attribute searched: a contact 张 also matched the 张 of 张家港… in a company, and the desk's
// "还有 N 条以上" counted those leads.
//
// 1,200 background leads (companies of 南京/苏州/杭州, and a third of 张家港/张记/张江…, contacts of
// six surnames, 王 for the 张… companies) and, newest, one lead for each company name of TARGETS.
const N = 1_200;
const TARGETS = [
  { company: "杭州华创精密机械有限公司", phone: "+8613857120001", contact: "张伟" },
  { company: "ABC科技有限公司", phone: "+8613957120002", contact: "李娜" },
  { company: "南京華興電子有限公司", phone: "+862583456003", contact: "陳經理" },
  { company: "苏州工业园区恒盛物流有限公司", phone: "+8615057120004", contact: "欧阳娜娜" },
  { company: "上海ACME精工有限公司", phone: "+8618657120005", contact: "John Smith" },
  { company: "無錫精衝五金製品有限公司", phone: "+8613757120006", contact: "王总" },
  // Cut by Meilisearch's segmenter as 上海 | 力 | 密 | 新 | 科技 …, but typed in part as … | 新科.
  { company: "上海力密新科技有限公司", phone: "+8615157120007", contact: "吴平" },
];
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨"];
let db: Awaited<ReturnType<typeof createTestDatabase>>;
const meili = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
const uid = `partial_${Math.random().toString(36).slice(2, 8)}_leads`;
const ids = new Map<string, string>(); // company → lead id of the target

beforeAll(async () => {
  db = await createTestDatabase("caller_lookup_partial");
  const rows: { company: string; contact: string; phone: string }[] = [];
  for (let i = 0; i < N; i++) {
    const zhang = i % 3 === 0;
    rows.push({
      company: zhang
        ? `${["张家港", "张记", "张江"][i % 3 === 0 ? 0 : i % 5 === 0 ? 2 : 1]}${["华为", "恒盛", "精工"][(i % 5) % 3]}机械有限公司`
        : `${["南京", "苏州", "杭州"][i % 3]}${["华为", "恒盛", "精工"][(i % 5) % 3]}${["电子", "物流"][i % 2]}有限公司`,
      contact: zhang ? "王强" : `${SURNAMES[i % 6]}${["伟", "敏", "静"][(i % 4) % 3]}`,
      phone: `+86${["138", "139", "150"][i % 3]}${String(10_000_000 + i * 7_919).slice(-8)}`,
    });
  }
  rows.push(...TARGETS);
  await db.sql`
    insert into leads (id, reference, status, source, lead, raw, phone, credit_code, company_name, company_search, industry, consent_method, created_at, updated_at)
    select gen_random_uuid(), 'PM-20261130-' || lpad(i::text, 7, '0'), 'matched', 'api',
           jsonb_build_object('company', jsonb_build_object('name', company), 'use', jsonb_build_object('industry', 'C35', 'product', '机械'),
                              'need', jsonb_build_object('kind', 'factory', 'deal', 'lease', 'areaMinSqm', 1000),
                              'contact', jsonb_build_object('name', contact, 'phone', phone)),
           '{}'::jsonb, phone, null, company, folded, 'C35', 'unrecorded', at, at
    from (select i, company, folded, contact, phone, timestamptz '2026-11-30 12:00+08' - make_interval(secs => (${rows.length} - i) * 600) as at
          from unnest(${rows.map((r) => r.company)}::text[], ${rows.map((r) => searchText(r.company))}::text[],
                      ${rows.map((r) => r.contact)}::text[], ${rows.map((r) => r.phone)}::text[])
               with ordinality as t(company, folded, contact, phone, i)) g`;
  const stored = await indexStoredLeads(db.sql, meili, uid);
  for (const r of stored) if (TARGETS.some((t) => t.company === r.lead.company.name)) ids.set(r.lead.company.name, r.id);
}, 180_000);
afterAll(async () => {
  await dropIndex(meili, uid);
  await db?.drop();
});

const look = async (typed: { phone?: string; company?: string; contact?: string }): Promise<CallerLeads> => {
  const phone = normalizePhone(typed.phone ?? "");
  return findCallers({ sql: db.sql, search: meili, leadsIndex: uid }, readCallerQuery(typed), phone.ok ? phone.value : null);
};
/** Every start of a name from 2 characters, as the agent types it letter by letter. */
const starts = (name: string) => [...name].slice(1).map((_, k) => [...name].slice(0, k + 2).join(""));

describe("a company typed in part finds its lead, alone and beside the other parts", () => {
  for (const t of TARGETS) {
    const national = t.phone.slice(3);
    const surname = searchText(t.contact)
      .split(" ")[0]
      .slice(0, t.contact === "欧阳娜娜" ? 2 : 1);
    const beside: [string, { phone?: string; contact?: string }][] = [
      ["alone", {}],
      ["a number's start", { phone: national.slice(0, 5) }],
      ["a longer number's start", { phone: national.slice(0, 8) }],
      ["the whole number", { phone: national }],
      ["a number's marked end", { phone: `尾号${national.slice(-4)}` }],
      ["the contact as noted (…先生)", { contact: `${surname}先生` }],
      ["the contact's whole name", { contact: t.contact }],
      ["a number's start and the contact", { phone: national.slice(0, 6), contact: surname }],
    ];
    it(`${t.company}: every start from 2 characters`, async () => {
      const missed: string[] = [];
      const forms = new Set([...starts(t.company), ...starts(searchText(t.company))]); // as stored, and typed in Simplified / lower case
      for (const company of forms)
        for (const [what, other] of beside) {
          const got = await look({ ...other, company });
          if (!got.leads.some((l) => l.leadId === ids.get(t.company))) missed.push(`${company} + ${what}`);
        }
      expect(missed).toEqual([]);
    });
  }

  it("a company typed from the middle of its name, as Postgres finds it (the name holds what was typed)", async () => {
    for (const company of ["华创精密", "创精", "精工有限", "acme精", "工业园区恒", "新科技", "華興電"]) {
      const rows = await db.sql<{ id: string }[]>`
        select id from leads where company_search like ${`%${searchText(company)}%`} order by created_at desc`;
      const got = await look({ company });
      expect(
        got.leads.map((l) => l.leadId),
        company,
      ).toEqual(rows.slice(0, CALLER_LIMIT).map((r) => r.id));
      expect(got.more, company).toBe(Math.max(0, rows.length - CALLER_LIMIT));
    }
  });

  it("a start that is not the lead's finds nothing beside the lead's own number", async () => {
    expect((await look({ phone: "1385712", company: "杭州华创精工" })).leads).toEqual([]);
  });

  it("a contact that is not the company's lead's: the company's leads, matched by the company alone (to check)", async () => {
    // A known company calling as another person (or from a new number) is never "new caller" (caller-search.server.ts).
    const got = await look({ company: "杭州华创", contact: "李" });
    const alone = await look({ company: "杭州华创" });
    expect(got.leads.length).toBeGreaterThan(0);
    expect(got.leads.map((l) => l.leadId)).toEqual(alone.leads.map((l) => l.leadId));
    expect(new Set(got.leads.flatMap((l) => l.matchedBy))).toEqual(new Set(["company"]));
  });
});

describe("the contact narrows by the contact's name only, and the count says what the list would show", () => {
  /** The leads Postgres says match (company text inside the name, contact's name beginning so), newest first. */
  async function expected(company: string, surname: string) {
    const rows = await db.sql<{ id: string }[]>`
      select id from leads where company_name like ${`%${company}%`} and lead->'contact'->>'name' like ${`${surname}%`} order by created_at desc`;
    return { newest: rows.slice(0, CALLER_LIMIT).map((r) => r.id), count: rows.length };
  }

  for (const [company, contact, surname] of [
    ["华为", "张先生", "张"],
    ["恒盛", "张", "张"],
    ["精工", "张经理", "张"],
    ["机械", "王总", "王"],
    ["华为机械", "王强", "王强"],
    ["张江华为", "王", "王"],
  ] as const)
    it(`${company} + ${contact}`, async () => {
      const want = await expected(company, surname);
      const got = await look({ company, contact });
      expect(got.leads.map((l) => l.leadId)).toEqual(want.newest);
      expect(got.more).toBe(Math.max(0, want.count - CALLER_LIMIT));
    });
});

describe("the index down: only the whole number and credit code are looked up, and the answer says so", () => {
  // A search server nobody listens on: every search fails as when Meilisearch is stopped.
  const down = createSearchClient("http://127.0.0.1:9", "no-key");
  const lookDown = (typed: { phone?: string; company?: string; contact?: string }) => {
    const phone = normalizePhone(typed.phone ?? "");
    return findCallers({ sql: db.sql, search: down, leadsIndex: uid }, readCallerQuery(typed), phone.ok ? phone.value : null);
  };

  it("a known company from a new number: not 'no lead' but partial (the company could not be searched)", async () => {
    const got = await lookDown({ phone: "13912347777", company: "杭州华创精密" });
    expect(got).toEqual({ leads: [], more: 0, partial: true });
  });

  it("a known whole number with another company or contact: its lead, marked partial", async () => {
    for (const typed of [
      { phone: "13857120001", company: "别的公司" },
      { phone: "138 5712 0001", contact: "李四" },
      { phone: "+86 13857120001" },
    ]) {
      const got = await lookDown(typed);
      expect(got.partial).toBe(true);
      expect(got.leads.map((l) => l.leadId)).toEqual([ids.get("杭州华创精密机械有限公司")]);
      expect(got.leads[0].matchedBy).toEqual(["phone"]);
    }
  });

  it("with the index up the same lookups are whole answers (no partial)", async () => {
    const got = await look({ phone: "13912347777", company: "杭州华创精密" });
    expect(got.partial).toBeUndefined();
    expect(got.leads.map((l) => l.leadId)).toContain(ids.get("杭州华创精密机械有限公司"));
  });

  it("a company alone cannot be looked up without the index: unavailable (thrown), not an empty answer", async () => {
    await expect(lookDown({ company: "杭州华创精密" })).rejects.toThrow();
  });
});
