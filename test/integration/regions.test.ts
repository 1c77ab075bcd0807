import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { backfillParkDistrictCodes } from "~/db/district-codes.server";
import { importInventory } from "~/inventory/import.server";

import { createSearchClient } from "../../search/client";
import { reindexAll } from "../../search/reindex";
import { hardFilters } from "../../search/spaces.query";
import { demoInventory } from "../fixtures/inventory";
import { lead } from "../fixtures/match-eval";
import { outboxDrained, startDemoPipeline } from "../support/pipeline";
import { eventually } from "../support/services";

// Regions as GB/T 2260 codes, end to end: the import gives each park its district code, the worker
// writes it into the search documents, a lead's regions are resolved at POST /api/leads and lead.match
// filters in Meilisearch and re-checks in code on codes. Demo parks: GC-EDZ, GC-MED, GC-DB in 高淳区
// (320118), LS-EDZ in 溧水区 (320117), JN-IP in 江宁区 (320115).
let pipeline: Awaited<ReturnType<typeof startDemoPipeline>>;
let db: typeof pipeline.db;
let web: typeof pipeline.web;
let indexNames: typeof pipeline.indexNames;
const GAOCHUN_PARKS = ["GC-EDZ", "GC-MED", "GC-DB"];

beforeAll(async () => {
  pipeline = await startDemoPipeline("regions", "r");
  ({ db, web, indexNames } = pipeline);
});
afterAll(() => pipeline?.stop());

const base = {
  use: { industry: "C35", product: "数控机床" },
  tax: { annualTaxWan: 300 },
  company: { name: "南京区域测试机械有限公司" },
  contact: { name: "王", phone: "13812345678" },
  consent: true,
};
// Every demo factory for lease between 800 and 16,250 ㎡ fits: four in 高淳, one each in 溧水 and 江宁.
const need = { kind: "factory", deal: "lease", areaMin: 1000, areaMax: 13000 };

function post(body: unknown, lng: "zh" | "en" = "zh") {
  return fetch(`${web.url}/api/leads`, {
    method: "POST",
    headers: { "content-type": "application/json", "accept-language": lng === "en" ? "en" : "zh-CN" },
    body: JSON.stringify(body),
  });
}

let phone = 13812345600;
async function matchesOf(regions: string[]): Promise<{ spaceId: string; parkId: string }[]> {
  // Each its own caller: the same phone, company and need within the hour would be a repeat (ADR 108), not matched again.
  const res = await post({ ...base, contact: { ...base.contact, phone: String(phone++) }, need: { ...need, regions } });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const lead = await eventually(async () => {
    const r = await fetch(`${web.url}/api/leads/${id}`, { headers: { authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` } });
    const v = (await r.json()) as { status: string; matches: { spaceId: string; parkId: string }[] };
    return ["matched", "assigned", "unmatched"].includes(v.status) ? v : null;
  }, "lead matched");
  return lead.matches;
}

const ids = (ms: { spaceId: string }[]) => ms.map((m) => m.spaceId).sort();

describe("regions in a lead match by GB/T 2260 code", () => {
  it("南京市高淳区, 高淳區, 高淳 and Gaochun District match the same spaces as 高淳区 — only 高淳's", async () => {
    const reference = await matchesOf(["高淳区"]);
    expect(reference.length).toBeGreaterThan(0);
    expect(reference.every((m) => GAOCHUN_PARKS.includes(m.parkId))).toBe(true);
    for (const spelling of ["南京市高淳区", "高淳區", "高淳", "Gaochun District", "江苏省南京市高淳区"]) {
      expect({ spelling, spaces: ids(await matchesOf([spelling])) }).toEqual({ spelling, spaces: ids(reference) });
    }
    // The region constrains: without it, spaces in 溧水 or 江宁 are offered too.
    const anywhere = await matchesOf([]);
    expect(anywhere.some((m) => !GAOCHUN_PARKS.includes(m.parkId))).toBe(true);
  });

  it("a city covers its districts, a province its cities; another city matches nothing", async () => {
    const nanjing = await matchesOf(["南京"]);
    expect(new Set(nanjing.map((m) => m.parkId)).size).toBeGreaterThan(1);
    expect(ids(await matchesOf(["江苏省"]))).toEqual(ids(nanjing));
    expect(await matchesOf(["苏州市"])).toEqual([]);
    const lishui = await matchesOf(["溧水區"]);
    expect(lishui.map((m) => m.parkId)).toEqual(["LS-EDZ"]);
  });

  it("stores what was typed next to the resolved codes", async () => {
    const res = await post({ ...base, need: { ...need, regions: ["高淳區", "南京市溧水区"] } });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const [row] = await db.sql<
      { need: { regions: string[]; regionCodes: string[] } }[]
    >`select lead->'need' as need from leads where id = ${id}`;
    expect(row.need.regions).toEqual(["高淳區", "南京市溧水区"]);
    expect(row.need.regionCodes).toEqual(["320117", "320118"]);
  });
});

describe("the Meilisearch filter on its own compares codes", () => {
  it.each<[string[], string[]]>([
    [["南京市高淳区"], GAOCHUN_PARKS],
    [["Gaochun District"], GAOCHUN_PARKS],
    [["溧水區"], ["LS-EDZ"]],
    [["南京"], [...GAOCHUN_PARKS, "JN-IP", "LS-EDZ"]],
    [["苏州"], []],
  ])("%j → spaces of %j only", async (regions, parks) => {
    const search = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
    const n = lead({ kind: "factory", deal: "either", industry: "C35", min: 1, regions });
    const { hits } = await search.index(indexNames.spaces).search<{ id: string }>("", { filter: hardFilters(n), limit: 100 });
    const parkOf = new Map(demoInventory().spaces.map((s) => [String(s.id), String(s.parkId)])); // hits carry ids only
    expect([...new Set(hits.map((h) => parkOf.get(h.id)))].sort()).toEqual([...parks].sort());
  });
});

describe("a region that resolves to nothing is refused on need.regions", () => {
  it.each<["zh" | "en", string, RegExp, string]>([
    ["zh", "高纯区", /未能识别区域“高纯区”/, "江苏省南京市高淳区"],
    ["en", "高纯区", /Unknown region “高纯区”/, "江苏省南京市高淳区"],
    ["zh", "Gaochen", /未能识别区域/, "江苏省南京市高淳区"],
    ["en", "江凝区", /Did you mean/, "Jiangning District, Nanjing, Jiangsu (江苏省南京市江宁区)"],
    ["zh", "朝阳区", /有多个同名区域/, "北京市朝阳区"],
    ["en", "鼓楼区", /Several regions/, "Gulou District, Nanjing, Jiangsu (江苏省南京市鼓楼区)"],
    ["en", "Gaochen", /Did you mean/, "Gaochun District, Nanjing, Jiangsu (江苏省南京市高淳区)"],
  ])("%s: %s → 400 with suggestions", async (lng, region, message, suggestion) => {
    const [{ n: before }] = await db.sql<{ n: number }[]>`select count(*)::int as n from leads`;
    const res = await post({ ...base, need: { ...need, regions: ["高淳区", region] } }, lng);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Record<string, string[]> };
    expect(Object.keys(body.errors)).toEqual(["need.regions"]);
    expect(body.errors["need.regions"]).toHaveLength(1);
    expect(body.errors["need.regions"][0]).toMatch(message);
    expect(body.errors["need.regions"][0]).toContain(suggestion);
    // Listed as the language lists things: "A, B" in English, "A、B" in Chinese.
    if (lng === "en") expect(body.errors["need.regions"][0]).not.toContain("、");
    const [{ n: after }] = await db.sql<{ n: number }[]>`select count(*)::int as n from leads`;
    expect(after).toBe(before);
  });
});

/**
 * The division codes the spaces index files a space under, read through the filter the matcher uses:
 * the index displays ids only (search/spaces.index.ts), so a document's fields are not readable as such.
 */
async function indexedDivisionCodes(search: ReturnType<typeof createSearchClient>, spaceId: string): Promise<string[]> {
  const found: string[] = [];
  for (const code of ["110000", "320000", "320100", "320115", "320117", "320118", "320500"]) {
    const { hits } = await search.index(indexNames.spaces).search<{ id: string }>("", { filter: `divisionCodes = "${code}"`, limit: 1000 });
    if (hits.some((h) => h.id === spaceId)) found.push(code);
  }
  return found;
}

describe("parks carry their district code", () => {
  it("the import resolves each park's district; the search documents carry its division codes", async () => {
    const parks = await db.sql<{ id: string; districtCode: string }[]>`select id, district_code from parks order by id`;
    expect(Object.fromEntries(parks.map((p) => [p.id, p.districtCode]))).toEqual({
      "GC-DB": "320118",
      "GC-EDZ": "320118",
      "GC-MED": "320118",
      "JN-IP": "320115",
      "LS-EDZ": "320117",
    });
    const search = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
    expect(await indexedDivisionCodes(search, "S9")).toEqual(["320000", "320100", "320117"]);
    const park = await search.index(indexNames.parks).getDocument("JN-IP");
    expect(park).toMatchObject({ districtCode: "320115", divisionCodes: ["320000", "320100", "320115"] });
  });

  it("npm run reindex rebuilds the documents with their codes; a lead typed in Traditional is found by its division's name", async () => {
    const search = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
    await reindexAll(db.sql, search, indexNames);
    expect(await indexedDivisionCodes(search, "S1")).toEqual(["320000", "320100", "320118"]);
    // The leads index filters on nothing (docs/decisions/055): the hits show their codes instead.
    const { hits } = await search.index(indexNames.leads).search("高淳区", { locales: ["cmn"], limit: 100 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((h) => (h.regions as string[]).includes("高淳區") && (h.regionCodes as string[]).includes("320118"))).toBe(true);
  });

  it("a park whose district is not a division is a bad row with the reason and the nearest names; nothing written", async () => {
    const inv = demoInventory();
    inv.parks.push({
      id: "BAD-1",
      name: "错区园",
      province: "江苏省",
      city: "南京市",
      district: "高纯区",
      industries: [],
      excludedIndustries: [],
    });
    inv.parks.push({
      id: "BAD-2",
      name: "错市园",
      province: "江苏省",
      city: "苏州市",
      district: "高淳区",
      industries: [],
      excludedIndustries: [],
    });
    inv.parks.push({
      id: "BAD-3",
      name: "错码园",
      province: "江苏省",
      city: "南京市",
      district: "高淳区",
      districtCode: "320100",
      industries: [],
      excludedIndustries: [],
    });
    // English asked for (the API answers zh-CN by default; the Chinese reading is checked below).
    const res = await fetch(`${web.url}/api/import?lng=en`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` },
      body: JSON.stringify(inv),
    });
    expect(res.status).toBe(400);
    const zh = await fetch(`${web.url}/api/import`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${process.env.ADMIN_API_TOKEN}` },
      body: JSON.stringify(inv),
    });
    expect(JSON.stringify(await zh.json())).toMatch(
      /江苏省\/南京市\/高纯区 不是区县一级的行政区划（GB\/T 2260）.*最接近的：江苏省南京市高淳区/,
    );
    const body = (await res.json()) as { rows: { id: string; errors: string[] }[] }; // every bad row (ADR 025)
    const byId = Object.fromEntries(body.rows.map((e) => [e.id, e.errors.join(" ")]));
    expect(Object.keys(byId).sort()).toEqual(["BAD-1", "BAD-2", "BAD-3"]);
    expect(byId["BAD-1"]).toMatch(/district: 江苏省\/南京市\/高纯区 is not a county-level division \(GB\/T 2260\).*江苏省南京市高淳区/);
    expect(byId["BAD-2"]).toMatch(/district: 江苏省\/苏州市\/高淳区/);
    expect(byId["BAD-3"]).toMatch(/districtCode: 320100 is not a county-level division code/);
    const [{ n }] = await db.sql<{ n: number }[]>`select count(*)::int as n from parks where id like 'BAD-%'`;
    expect(n).toBe(0);
  });

  it("a districtCode given in the import is stored as given", async () => {
    const result = await importInventory(db.sql, {
      parks: [
        {
          id: "CODE-1",
          name: "代码园",
          province: "江苏省",
          city: "南京市",
          district: "高淳经济开发区片区",
          districtCode: "320118",
          industries: [],
          excludedIndustries: [],
        },
      ],
    });
    expect(result.ok).toBe(true);
    const [row] = await db.sql<{ districtCode: string }[]>`select district_code from parks where id = 'CODE-1'`;
    expect(row.districtCode).toBe("320118");
  });

  it("parks stored before migration 007 get their codes from their names", async () => {
    await db.sql`insert into parks (id, name, province, city, district) values
      ('OLD-1', '旧园一', '江苏省', '苏州市', '昆山市'), ('OLD-2', '旧园二', '北京市', '北京市', '朝阳区'), ('OLD-3', '旧园三', '江苏省', '南京市', '不存在区')`;
    const { filled, unresolved } = await backfillParkDistrictCodes(db.sql);
    expect(filled).toEqual(["OLD-1", "OLD-2"]);
    expect(unresolved).toEqual(["OLD-3"]);
    const rows = await db.sql<
      { id: string; districtCode: string | null }[]
    >`select id, district_code from parks where id like 'OLD-%' order by id`;
    expect(rows.map((r) => r.districtCode)).toEqual(["320583", "110105", null]);
    const [{ n }] = await db.sql<
      { n: number }[]
    >`select count(*)::int as n from outbox where topic = 'park.index' and aggregate_id in ('OLD-1', 'OLD-2')`;
    expect(n).toBe(2);
    await outboxDrained(db.sql);
  });
});
