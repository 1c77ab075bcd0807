import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getSql } from "~/db/db.server";
import { readCallerQuery } from "~/domain/caller-query";
import { normalizePhone } from "~/domain/phone";
import { type CallerLeads, findCallers } from "~/hotline/caller-search.server";
import { lookUpCallerLeads } from "~/hotline/desk.server";
import { hotlineText } from "~/i18n/hotline-messages";

import { CALLER_LIMIT } from "../../search/callers.query";
import { createSearchClient, waitSucceeded } from "../../search/client";
import { type LeadRow, toLeadDocument } from "../../search/lead-document";
import { ensureLeadsIndex } from "../../search/leads.index";
import { createTestDatabase } from "../support/database";

// The hotline's caller lookup over a lead base large enough that the parts the agent types match many
// leads (docs/decisions/088), in the real Postgres and Meilisearch, with the documents the index writer
// makes (toLeadDocument). 20,000 leads over a year: 50 whose number ends 5678 and 50 whose number ends
// 5678xxxx (the end a prefix search of "5678" would also find), 50 more starting 13912, a third of the
// companies named …华为…, contacts of twenty surnames, and the newest leads of 张家港华为 with a contact
// 王: the 张 of the company's name is not the contact's. Meilisearch used to give the lookup the first
// 16 leads it indexed (the oldest) of ~100 matches, and the parts typed widened the list (any one matched).
const N = 20_000;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
const meili = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
const prefix = `ranking_${Math.random().toString(36).slice(2, 8)}_`;
/** The index the desk reads (getDeskSearch: MEILI_INDEX_PREFIX + "leads"). */
const uid = `${prefix}leads`;

beforeAll(async () => {
  db = await createTestDatabase("caller_lookup_ranking");
  // The desk's own lookup (lookUpCallerLeads) reads this database and index through the web's settings.
  process.env.DATABASE_URL = db.url;
  process.env.MEILI_INDEX_PREFIX = prefix;
  await db.sql`
    insert into leads (id, reference, status, source, lead, raw, phone, credit_code, company_name, industry, consent_method, created_at, updated_at)
    select gen_random_uuid(), 'PM-20261130-' || lpad(i::text, 7, '0'), 'matched', 'api',
           jsonb_build_object('company', jsonb_build_object('name', company), 'use', jsonb_build_object('industry', 'C35', 'product', '机械'),
                              'need', jsonb_build_object('kind', 'factory', 'deal', 'lease', 'areaMinSqm', 1000),
                              'contact', jsonb_build_object('name', contact, 'phone', phone)),
           '{}'::jsonb, phone, null, company, 'C35', 'unrecorded', at, at
    from (select i,
                 timestamptz '2026-11-30 12:00+08' - make_interval(secs => (${N} - i) * 1500) as at,
                 case when i % 400 = 3 then '+86139' || lpad((i / 400)::text, 4, '0') || '5678'
                      when i % 400 = 7 then '+861395678' || lpad((i / 400)::text, 4, '0')
                      when i % 400 = 11 then '+8613912' || lpad((i / 400)::text, 6, '0')
                      else '+86' || (array['137', '138', '150', '186'])[1 + i % 4] || lpad(((i::bigint * 48271) % 100000000)::text, 8, '0')
                 end as phone,
                 case when i > ${N} - 10 then '张家港华为科技有限公司'
                      else (array['南京', '苏州', '无锡', '常州'])[1 + i % 4] || (array['华为', '恒盛', '精工'])[1 + (i / 5) % 3] || (array['机械', '电子', '物流'])[1 + i % 3] || '有限公司'
                 end as company,
                 case when i > ${N} - 10 then '王强'
                      else (array['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'])[1 + (i / 7) % 20]
                           || (array['伟', '强', '敏', '静'])[1 + i % 4]
                 end as contact
          from generate_series(1, ${N}) i) g`;
  const rows = await db.sql<LeadRow[]>`select id, reference, status, source, lead, created_at from leads`;
  await ensureLeadsIndex(meili, uid);
  // Shuffled: the index's own order (the order documents arrive in) must not be what decides.
  const docs = rows.map(toLeadDocument).sort((a, b) => (a.id < b.id ? -1 : 1));
  await waitSucceeded(meili.index(uid).addDocuments(docs, { primaryKey: "id" }), 120_000);
}, 180_000);
afterAll(async () => {
  await waitSucceeded(meili.deleteIndex(uid)).catch(() => {});
  await getSql()
    .end({ timeout: 2 })
    .catch(() => {});
  await db?.drop();
});

const look = async (typed: { phone?: string; company?: string; contact?: string }): Promise<CallerLeads> => {
  const phone = normalizePhone(typed.phone ?? "");
  return findCallers({ sql: db.sql, search: meili, leadsIndex: uid }, readCallerQuery(typed), phone.ok ? phone.value : null);
};
/** The references Postgres says match, newest first. */
async function expected(where: ReturnType<typeof db.sql>): Promise<{ newest: string[]; count: number }> {
  const rows = await db.sql<{ reference: string }[]>`select reference from leads where ${where} order by created_at desc`;
  return { newest: rows.slice(0, CALLER_LIMIT).map((r) => r.reference), count: rows.length };
}
const refs = (a: CallerLeads) => a.leads.map((l) => l.reference);

describe("the caller lookup over a large lead base: the newest matches first, and how many more", () => {
  it("a number's marked end: the 8 newest leads whose number ends so, and the count of the others", async () => {
    const want = await expected(db.sql`phone like '%5678'`);
    expect(want.count).toBeGreaterThanOrEqual(50);
    for (const typed of ["尾号5678", "后四位 5678", "*5678", "last 5678"]) {
      const got = await look({ phone: typed });
      expect(refs(got), typed).toEqual(want.newest);
      expect(got.more, typed).toBe(want.count - CALLER_LIMIT);
      for (const l of got.leads) expect(l.matchedBy, typed).toEqual(["phoneTail"]);
    }
    // Longer ends narrow it down; an end found once lists it alone, with nothing more.
    const one = await look({ phone: "尾号00125678" }); // +86139 0012 5678, the lead i = 4803
    expect(one.leads.map((l) => l.phoneMasked)).toEqual(["+86 139****5678"]);
    expect(one.more).toBe(0);
  });

  it("a number's start: the newest of those beginning so", async () => {
    const want = await expected(db.sql`phone like '+8613912%'`);
    expect(want.count).toBeGreaterThan(CALLER_LIMIT);
    const got = await look({ phone: "139 12" });
    expect(refs(got)).toEqual(want.newest);
    expect(got.more).toBe(want.count - CALLER_LIMIT);
    for (const l of got.leads) expect(l.matchedBy).toEqual(["phoneStart"]);
  });

  it("a company's name: the newest of the leads it names, and how many more", async () => {
    const want = await expected(db.sql`company_name like '%华为%'`);
    const got = await look({ company: "华为" });
    expect(refs(got)).toEqual(want.newest); // not the leads whose 华为 sits a word earlier in the name
    expect(got.more).toBe(want.count - CALLER_LIMIT);
  });
});

describe("the parts typed together narrow the list: every one must match", () => {
  it("a number's end and a company: the newest leads of that company whose number ends so", async () => {
    const want = await expected(db.sql`phone like '%5678' and company_name like '%华为%'`);
    expect(want.count).toBeGreaterThan(0);
    const got = await look({ phone: "尾号5678", company: "华为" });
    expect(refs(got)).toEqual(want.newest);
    expect(got.more).toBe(Math.max(0, want.count - CALLER_LIMIT));
    for (const l of got.leads) expect(l.matchedBy).toEqual(["phoneTail", "company"]);
    // A company nobody with that end has: nobody, not the company's other leads nor the end's.
    expect((await look({ phone: "尾号5678", company: "巨人" })).leads).toEqual([]);
  });

  it("a number's start and a company, the whole number and a company", async () => {
    const want = await expected(db.sql`phone like '+8613912%' and company_name like '%华为%'`);
    expect(want.count).toBeGreaterThan(0);
    expect(refs(await look({ phone: "13912", company: "华为" }))).toEqual(want.newest);
    const [{ phone, reference, companyName }] = await db.sql<{ phone: string; reference: string; companyName: string }[]>`
      select phone, reference, company_name from leads where phone like '+8613912%' and company_name like '%恒盛%' order by created_at desc limit 1`;
    const whole = phone.slice(3);
    // The whole number with its own company finds it as the same number.
    const same = await look({ phone: whole, company: companyName.slice(2, 4) });
    expect(refs(same)).toEqual([reference]);
    expect(same.leads[0].matchedBy).toEqual(["phone", "company"]);
    // The whole number is the caller even when the company was said otherwise: listed first, by the number alone.
    const other = await look({ phone: whole, company: "华为" });
    expect(refs(other)[0]).toBe(reference);
    expect(other.leads[0].matchedBy).toEqual(["phone"]);
    for (const l of other.leads.slice(1)) expect(l.company).toContain("华为");
  });

  it("a company and a contact, a number's end and a contact: the contact's name, not a word of the company's", async () => {
    const want = await expected(db.sql`company_name like '%华为%' and lead->'contact'->>'name' like '张%'`);
    const got = await look({ company: "华为", contact: "张" });
    expect(refs(got)).toEqual(want.newest);
    expect(got.more).toBe(want.count - CALLER_LIMIT);
    expect(got.leads.map((l) => l.company)).not.toContain("张家港华为科技有限公司"); // the newest 华为 leads, their contact 王强
    for (const l of got.leads) expect(l.matchedBy).toEqual(["company", "contact"]);
    const [newestWang] = (await expected(db.sql`company_name like '%华为%' and lead->'contact'->>'name' like '王%'`)).newest;
    expect(refs(await look({ company: "华为", contact: "王强" }))[0]).toBe(newestWang);

    const tail = await expected(db.sql`phone like '%5678' and lead->'contact'->>'name' like '张%'`);
    expect(refs(await look({ phone: "尾号5678", contact: "张" }))).toEqual(tail.newest);
    const [{ surname }] = await db.sql<{ surname: string }[]>`
      select left(lead->'contact'->>'name', 1) as surname from leads where phone like '+8613912%' order by created_at desc limit 1`;
    const start = await expected(db.sql`phone like '+8613912%' and lead->'contact'->>'name' like ${surname + "%"}`);
    // A number's start and a contact, the contact as the agent notes a caller who gave only the surname.
    for (const contact of [surname, `${surname}先生`, `${surname}经理`, `${surname}总`])
      expect(refs(await look({ phone: "13912", contact })), contact).toEqual(start.newest);
    // A contact alone is no lookup: a surname would list a twentieth of the base.
    expect((await look({ contact: "张" })).leads).toEqual([]);
  });
});

describe("the desk's lookup (POST /hotline/callers reads these boxes)", () => {
  it("reads the contact's box too, and passes on how many more match", async () => {
    const tail = await expected(db.sql`phone like '%5678' and lead->'contact'->>'name' like '张%'`);
    const all = await expected(db.sql`phone like '%5678'`);
    const desk = (phone: string, name?: string) => lookUpCallerLeads({ contact: { phone, ...(name ? { name } : {}) } });
    const wide = await desk("尾号5678");
    expect(wide).toMatchObject({ state: "done", more: all.count - CALLER_LIMIT });
    const narrow = await desk("尾号5678", "张");
    expect(narrow.leads.map((l) => l.reference)).toEqual(tail.newest);
    expect(await desk("尾号5678", "欧阳")).toEqual({ state: "done", leads: [] });
  });
});

describe("the known-caller badge says how the number matched", () => {
  it("号码相同 only for the whole number; a start or an end says so", () => {
    expect(hotlineText("zh", "known.by.phone")).toBe("号码相同");
    expect(hotlineText("zh", "known.by.phoneStart")).toBe("号码相符");
    expect(hotlineText("zh", "known.by.phoneTail")).toBe("尾号相同");
    expect(hotlineText("en", "known.by.phoneStart")).toBe("Number matches");
    expect(hotlineText("en", "known.by.phoneTail")).toBe("Same last digits");
    expect(hotlineText("zh", "known.more", { more: 42 })).toContain("还有 42 条以上");
    expect(hotlineText("en", "known.more", { more: 1 })).toMatch(/^1 or more other matching lead is not listed/);
  });
});
