import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readCallerQuery } from "~/domain/caller-query";
import { searchText } from "~/domain/search-text.server";
import { type CallerLeads, findCallers } from "~/hotline/caller-search.server";

import { createSearchClient } from "../../search/client";
import { createTestDatabase } from "../support/database";
import { dropIndex, indexStoredLeads } from "../support/leads-lookup-index";

// A contact noted as the caller is called — 老张, 小王, 阿强 (a familiar prefix), 张总, 王工, 李经理, 刘姐
// (a title) — is found by the bare surname or name typed (张 / 王 / 强 / 李 / 刘), and a contact typed
// with a prefix or a title (老张, 张总) looks for the bare name too, in the real Postgres and Meilisearch
// with the documents the index writer makes (docs/decisions/094). The contact still narrows by the
// contact alone: the 张 of 张家港… in a company name counts for nothing.
const LEADS = [
  ["南京华创老张机械有限公司", "老张"],
  ["南京华创小王电子有限公司", "小王"],
  ["南京华创阿强物流有限公司", "阿强"],
  ["南京华创张总精工有限公司", "张总"],
  ["南京华创王工模具有限公司", "王工"],
  ["南京华创李经理五金有限公司", "李经理"],
  ["南京华创刘姐包装有限公司", "刘姐"],
  ["南京华创张先生塑料有限公司", "张先生"],
  ["南京华创张伟科技有限公司", "张伟"],
  ["南京华创小张家具有限公司", "小张家"], // 小 before more than one character: part of the name
  // Companies holding 张 / 王 / 强 / 李 / 刘 / 老 / 小 whose contacts are others: never counted for a contact.
  ["张家港华创老字号机械有限公司", "陈伟"],
  ["南京华创王府刘家李记小强电子有限公司", "杨敏"],
] as const;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const meili = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
const uid = `called_${Math.random().toString(36).slice(2, 8)}_leads`;
const idOf = new Map<string, string>(); // contact → lead id

beforeAll(async () => {
  db = await createTestDatabase("caller_lookup_called");
  await db.sql`
    insert into leads (id, reference, status, source, lead, raw, phone, credit_code, company_name, company_search, industry, consent_method, created_at, updated_at)
    select gen_random_uuid(), 'PM-20261130-' || lpad(i::text, 7, '0'), 'matched', 'api',
           jsonb_build_object('company', jsonb_build_object('name', company), 'use', jsonb_build_object('industry', 'C35', 'product', '机械'),
                              'need', jsonb_build_object('kind', 'factory', 'deal', 'lease', 'areaMinSqm', 1000),
                              'contact', jsonb_build_object('name', contact, 'phone', '+861391234' || lpad(i::text, 4, '0'))),
           '{}'::jsonb, '+861391234' || lpad(i::text, 4, '0'), null, company, folded, 'C35', 'unrecorded',
           timestamptz '2026-11-30 12:00+08' + make_interval(mins => i::int), timestamptz '2026-11-30 12:00+08'
    from unnest(${LEADS.map(([c]) => c)}::text[], ${LEADS.map(([c]) => searchText(c))}::text[], ${LEADS.map(([, p]) => p)}::text[])
         with ordinality as t(company, folded, contact, i)`;
  const stored = await indexStoredLeads(db.sql, meili, uid);
  for (const r of stored) idOf.set(r.lead.contact.name, r.id);
}, 180_000);
afterAll(async () => {
  await dropIndex(meili, uid);
  await db?.drop();
});

const look = async (typed: { company?: string; contact?: string; phone?: string }): Promise<CallerLeads> =>
  findCallers({ sql: db.sql, search: meili, leadsIndex: uid }, readCallerQuery(typed), null);
const contactsFound = async (typed: { company?: string; contact?: string; phone?: string }) => {
  const got = await look(typed);
  const byId = new Map([...idOf].map(([contact, id]) => [id, contact]));
  return { contacts: got.leads.map((l) => byId.get(l.leadId)).sort(), more: got.more };
};

describe("the caller lookup finds a contact noted with a prefix or a title by the bare name", () => {
  const ZHANG = ["张伟", "张先生", "张总", "老张"].sort();
  it.each([
    ["张", ZHANG],
    ["老张", ZHANG], // as noted: the surname it says, like 张总 for 张先生
    ["张总", ZHANG],
    ["张先生", ZHANG],
    ["王", ["小王", "王工"].sort()],
    ["小王", ["小王", "王工"].sort()],
    ["王工", ["小王", "王工"].sort()],
    ["强", ["阿强"]],
    ["阿强", ["阿强"]],
    ["李", ["李经理"]],
    ["李经理", ["李经理"]],
    ["刘", ["刘姐"]],
    ["刘姐", ["刘姐"]],
    ["张伟", ["张伟"]],
    ["小张家", ["小张家"]],
    ["小", ["小张家", "小王"].sort()], // the name as noted starts so
  ] as [string, string[]][])("contact %s beside the company's part finds %j, and the count is the list's", async (contact, want) => {
    expect(await contactsFound({ company: "华创", contact })).toEqual({ contacts: want, more: 0 });
  });

  it("beside a number's start too", async () => {
    expect(await contactsFound({ phone: "1391234", contact: "刘" })).toEqual({ contacts: ["刘姐"], more: 0 });
    expect(await contactsFound({ phone: "1391234", contact: "老张" })).toEqual({ contacts: ZHANG, more: 0 });
  });
});

describe("a known company calling from a new number, or as another person", () => {
  it("is listed by the company alone, as a partial match, when nothing has every part typed", async () => {
    for (const typed of [
      { company: "南京华创老张", phone: "186 0000 9999" },
      { company: "南京华创老张", contact: "赵六" },
      { company: "南京华创老张", phone: "尾号9999" },
    ]) {
      const got = await look(typed);
      expect(got.leads.map((l) => [l.leadId, l.matchedBy])).toEqual([[idOf.get("老张"), ["company"]]]);
    }
  });
  it("a number that matches keeps the narrowing: the company's other leads are not added", async () => {
    const got = await look({ company: "南京华创", phone: "139 1234 0001" });
    expect(got.leads.map((l) => l.leadId)).toEqual([idOf.get("老张")]);
  });
});
