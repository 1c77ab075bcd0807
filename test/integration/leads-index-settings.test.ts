import { afterAll, describe, expect, it } from "vitest";

import { parseEnv, workerEnvSchema } from "~/utils/env.server";

import { searchCallerIndex } from "../../search/callers.query";
import { createSearchClient, ensureIndex, meiliErrorCode, waitSucceeded } from "../../search/client";
import { ensureLeadsIndex, type LeadDocument, leadsSettings } from "../../search/leads.index";
import { companyChars, contactHeads } from "../../search/lookup-words";
import { leadsSettingsBefore055 } from "../support/leads-settings-before-055";

// The leads index's settings as the worker applies them at start (ensureLeadsIndex), read back from the
// real Meilisearch: no facet databases (nothing filters, sorts or facets on this index; docs/decisions/055),
// also on an index made with the settings of before, and what a user finds there is unchanged (the
// hotline's caller lookup by prefix, the lead list's words).
const search = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
const uid = `leads_settings_${Math.random().toString(36).slice(2, 8)}`;

function doc(i: number, companyName: string, phoneDigits: string): LeadDocument {
  return {
    ...{ id: `lead-${i}`, reference: `PM-2026-00000${i}`, status: "matched", source: "api", companyName, companyFolded: companyName },
    companyChars: companyChars(companyName),
    ...{
      creditCode: `91320100MA1X${String(i).padStart(6, "0")}`,
      contactName: "王经理",
      phoneDigits,
      phoneLocal: null,
      phoneTails: [],
      contactHeads: contactHeads("王经理"),
      product: "数控机床",
    },
    ...{ contactFolded: null, productFolded: null, regionsFolded: [], notesFolded: null },
    ...{ industry: "C35", section: "C", industryName: "专用设备制造业", kind: "factory", deal: "lease", areaMinSqm: 1000 },
    ...{ areaMaxSqm: 2000, regions: ["高淳区"], regionCodes: ["320118"], regionNames: ["江苏省 南京市 高淳区"], notes: null },
    createdAt: 1_790_000_000 + i,
  };
}

const fresh = `${uid}_fresh`;
afterAll(async () => {
  await waitSucceeded(search.deleteIndex(uid)).catch(() => {});
  await waitSucceeded(search.deleteIndex(fresh)).catch(() => {});
});

describe("the leads index's settings", () => {
  it("an index made with the old settings loses its filterable and sortable attributes and facet search; lookups find the same leads", async () => {
    await ensureIndex(search, uid, "id", leadsSettingsBefore055);
    const docs = [
      doc(1, "南京华兴精工机械有限公司", "13812345678"),
      doc(2, "南京华兴包装有限公司", "13912345678"),
      doc(3, "苏州恒力电子", "13812399999"),
    ];
    await waitSucceeded(search.index(uid).addDocuments(docs, { primaryKey: "id" }));
    const old = await search.index(uid).getSettings();
    expect(old.filterableAttributes?.length).toBeGreaterThan(0);

    await ensureLeadsIndex(search, uid); // what the worker runs at every start
    const now = await search.index(uid).getSettings();
    expect(now.filterableAttributes).toEqual([]);
    expect(now.sortableAttributes).toEqual(["createdAt"]); // the caller lookup's newest first (docs/decisions/088)
    expect(now.facetSearch).toBe(false);
    // What is searched is unchanged.
    expect(now.searchableAttributes).toEqual(leadsSettings.searchableAttributes);
    expect(now.typoTolerance?.disableOnAttributes?.slice().sort()).toEqual([
      "contactHeads",
      "creditCode",
      "phoneDigits",
      "phoneLocal",
      "phoneTails",
      "reference",
    ]);
    expect(now.prefixSearch).toBe("indexingTime");

    // The caller lookup as the agent types: a phone prefix, a credit-code prefix, a company's words.
    const byPhone = await searchCallerIndex(search, uid, { phoneDigits: "138123" });
    expect([...byPhone.keys()].sort()).toEqual(["lead-1", "lead-3"]);
    const byCode = await searchCallerIndex(search, uid, { creditCode: "91320100MA1X00000" });
    expect([...byCode.keys()].sort()).toEqual(["lead-1", "lead-2", "lead-3"]);
    const byCompany = await searchCallerIndex(search, uid, { company: "华兴" });
    expect([...byCompany.keys()].sort()).toEqual(["lead-1", "lead-2"]);
    // Together they narrow (docs/decisions/088): a code's start and a company, a number's start and a company; newest first.
    expect(await searchCallerIndex(search, uid, { creditCode: "91320100MA1X", company: "华兴" })).toEqual(
      new Map([
        ["lead-2", new Set(["creditCode", "company"])],
        ["lead-1", new Set(["creditCode", "company"])],
      ]),
    );
    expect([...(await searchCallerIndex(search, uid, { creditCode: "91320100MA1X", company: "恒力" })).keys()]).toEqual(["lead-3"]);
    expect([...(await searchCallerIndex(search, uid, { phoneDigits: "138123", company: "华兴" })).keys()]).toEqual(["lead-1"]);
    expect([...(await searchCallerIndex(search, uid, { phoneDigits: "138123", creditCode: "91320100MA1X" })).keys()]).toEqual([
      "lead-3",
      "lead-1",
    ]);
    expect([...(await searchCallerIndex(search, uid, { creditCode: "91320100MA1X000002", contact: "王" })).keys()]).toEqual(["lead-2"]);
    expect((await searchCallerIndex(search, uid, { creditCode: "91320100MA1X000002", company: "恒力" })).size).toBe(0);
    // The lead list's words (app/admin/lead-list.server.ts), a document by id (the privacy export).
    const words = await search.index(uid).search("恒力", { attributesToRetrieve: ["id"], locales: ["cmn"], matchingStrategy: "all" });
    expect(words.hits.map((h) => h.id)).toEqual(["lead-3"]);
    expect((await search.index(uid).getDocument("lead-2")).phoneDigits).toBe("13912345678");
  });
});

// Meilisearch refuses `attributesToSearchOn` naming an attribute no document has yet ("not searchable.
// Available searchable attributes are: ``"), so on a new install the hotline's lookup failed until the
// first lead was indexed: partial numbers and names showed "lookup unavailable" instead of "new caller".
describe("the caller lookup before any lead has the attribute it searches", () => {
  it("finds nothing on an empty index instead of failing, and leaves out only the attributes no document has", async () => {
    await ensureLeadsIndex(search, fresh);
    for (const q of [
      { phoneDigits: "1391234" },
      { creditCode: "91320100MA" },
      { company: "华兴" },
      { phoneDigits: "139", company: "华兴", creditCode: "9132" },
    ])
      expect((await searchCallerIndex(search, fresh, q)).size).toBe(0);

    // A document without a credit code or a folded name (written before those fields existed).
    const { creditCode: _code, companyFolded: _folded, ...older } = doc(7, "南京华兴精工机械有限公司", "13912340000");
    await waitSucceeded(search.index(fresh).addDocuments([older], { primaryKey: "id" }));
    expect(await searchCallerIndex(search, fresh, { phoneDigits: "1391234" })).toEqual(new Map([["lead-7", new Set(["phoneStart"])]]));
    // Every part typed must match (docs/decisions/088): a code no document has finds nobody, with the number too.
    expect((await searchCallerIndex(search, fresh, { phoneDigits: "1391234", creditCode: "91320100MA" })).size).toBe(0);
    expect(await searchCallerIndex(search, fresh, { company: "华兴" })).toEqual(new Map([["lead-7", new Set(["company"])]]));
    expect(await searchCallerIndex(search, fresh, { phoneDigits: "1391234", company: "华兴" })).toEqual(
      new Map([["lead-7", new Set(["phoneStart", "company"])]]),
    );
    expect((await searchCallerIndex(search, fresh, { creditCode: "91320100MA" })).size).toBe(0);

    // Any other refusal still fails the lookup (the desk then says the lookup is unavailable).
    await expect(searchCallerIndex(search, `${fresh}_missing`, { phoneDigits: "1391234" })).rejects.toThrow();
  });
});

describe("the index writer's linger", () => {
  it("is 500 ms unless INDEX_LINGER_MS says otherwise (fewer Meilisearch tasks per lead: docs/decisions/055)", () => {
    const env = { MEILI_URL: "http://127.0.0.1:7700", MEILI_MASTER_KEY: "0123456789abcdef" };
    expect(parseEnv(workerEnvSchema, env).INDEX_LINGER_MS).toBe(500);
    expect(parseEnv(workerEnvSchema, { ...env, INDEX_LINGER_MS: "200" }).INDEX_LINGER_MS).toBe(200);
  });
});

// The first worker start after docs/decisions/088 applies the sortable createdAt to an index of a million
// leads: minutes, during which Meilisearch refuses a sort on it. The desk's lookup must not go dark then.
describe("the caller lookup on an index whose settings do not yet make createdAt sortable", () => {
  const before088 = `${uid}_before088`;
  afterAll(async () => {
    await waitSucceeded(search.deleteIndex(before088)).catch(() => {});
  });

  it("asks again without the sort, and finds the same leads", async () => {
    const { rankingRules: _rules, ...settings } = leadsSettings;
    await ensureIndex(search, before088, "id", { ...settings, sortableAttributes: [] });
    await waitSucceeded(
      search
        .index(before088)
        .addDocuments([doc(1, "南京华兴精工机械有限公司", "13812345678"), doc(2, "南京华兴包装有限公司", "13912345678")], {
          primaryKey: "id",
        }),
    );
    const refused = await search
      .index(before088)
      .search("1381", { sort: ["createdAt:desc"] })
      .catch((e: unknown) => e);
    expect(meiliErrorCode(refused)).toBe("invalid_search_sort");
    expect(await searchCallerIndex(search, before088, { phoneDigits: "138123" })).toEqual(new Map([["lead-1", new Set(["phoneStart"])]]));
    expect([...(await searchCallerIndex(search, before088, { company: "华兴" })).keys()].sort()).toEqual(["lead-1", "lead-2"]);
  });
});
