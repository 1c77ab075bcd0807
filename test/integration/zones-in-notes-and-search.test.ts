import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { Sql } from "~/db/db.server";

import { createTestDatabase } from "../support/database";
import { validLeadJson } from "../support/leads";
import { startApiWebServer } from "../support/services";

// ADR 113, amended (attack 2026-12-04 28-H4/M3/M4, trial 28 item 5), through the real web process:
// - GET /api/regions?q= offers zones (level "zone", the districts they lie in), zh and en labels;
// - POST /api/leads reads zones from the notes in lists and with joiners, a clause beside a place ruled
//   out as the one wanted, "不在X也行" as no exclusion, and flags the notes' places a typed box leaves out;
// - a city and a zone kind is that city's zone, or refused as a zone — never the whole city.
let db: Awaited<ReturnType<typeof createTestDatabase>>, sql: Sql, web: Awaited<ReturnType<typeof startApiWebServer>>;
beforeAll(async () => {
  db = await createTestDatabase("zones_in_notes");
  sql = db.sql;
  web = await startApiWebServer(db.url, { INTAKE_MAX_IN_FLIGHT: "1000", API_RATE_LIMIT_PER_MINUTE: "1000" });
});
/** A client address per test (the rate limit counts by address). */
const addresses = { n: 0, current: "" };
beforeEach(() => void (addresses.current = `198.51.100.${++addresses.n}`));
afterAll(async () => {
  await web?.stop();
  await db?.drop();
});

type Option = { code: string; codes?: string[]; level: string; name: string; label: string; path: string };
const search = async (q: string, lng: "zh" | "en" = "zh") => {
  const res = await fetch(`${web.url}/api/regions?q=${encodeURIComponent(q)}${lng === "en" ? "&lng=en" : ""}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { divisions: Option[] }).divisions;
};
let phoneN = 0;
const phone = () => `1351234${String(++phoneN).padStart(4, "0")}`;
const postLead = (company: string, need: Record<string, unknown>) => {
  const lead = validLeadJson({ company, phone: phone() });
  return fetch(`${web.url}/api/leads`, {
    method: "POST",
    body: JSON.stringify({ ...lead, need: { kind: "factory", deal: "lease", areaMin: 3000, areaUnit: "sqm", ...need } }),
    headers: { "content-type": "application/json", "x-forwarded-for": addresses.current },
  });
};
const stored = async (company: string) =>
  (
    await sql<{ codes: string[]; flags: { code: string; field: string; text: string }[] | null }[]>`
      select lead->'need'->'regionCodes' as codes, lead->'flags' as flags from leads where company_name = ${company}`
  )[0];

describe("GET /api/regions lists a level whole (the search's bound is the search's only)", () => {
  // The fresh-clone CI of 12-04 caught the picker's lists cut to 10 when zones joined the search.
  it("31 mainland provinces, Jiangsu's 13 cities, Nanjing's 11 districts — no zone among them", async () => {
    const list = async (parent: string) =>
      ((await (await fetch(`${web.url}/api/regions${parent ? `?parent=${parent}` : ""}`)).json()) as { divisions: Option[] }).divisions;
    const provinces = await list("");
    expect(provinces).toHaveLength(31);
    expect(provinces.map((d) => d.name)).toContain("新疆维吾尔自治区");
    const cities = await list("320000");
    expect(cities).toHaveLength(13);
    expect(cities.map((d) => d.name)).toContain("宿迁市");
    expect(await list("320100")).toHaveLength(11);
    expect([...provinces, ...cities].some((d) => d.level === "zone")).toBe(false);
  });
});

describe("GET /api/regions?q= offers zones", () => {
  const cases: [string, string, string[]][] = [
    ["江北新区", "南京江北新区", ["320111", "320113", "320116"]],
    ["雄安", "河北雄安新区", ["130629", "130632", "130638"]],
    ["两江新区", "两江新区", ["500105", "500109", "500112"]],
    ["苏州高新区", "苏州高新区", ["320505"]],
    ["南京经开区", "南京经济技术开发区", ["320113"]],
    ["天府新区", "四川天府新区", ["510112", "510116", "510118", "510185", "511403", "511421"]],
    ["西咸新区", "西咸新区", ["610112", "610116", "610118", "610402", "610404", "610423", "610481"]],
    ["东坝工业集中区", "东坝工业集中区", ["320118"]],
  ];
  for (const [q, name, codes] of cases) {
    it(`${q} → ${name}`, async () => {
      const zone = (await search(q)).find((d) => d.level === "zone");
      expect(zone).toMatchObject({ name, path: name });
      expect([...zone!.codes!].sort()).toEqual(codes);
    });
  }

  it("labels name the districts, zh and en; the path added resolves on POST /api/leads", async () => {
    const [zh] = (await search("江北新区")).filter((d) => d.level === "zone");
    expect(zh.label).toBe("南京江北新区（在浦口区、栖霞区、六合区）");
    const [en] = (await search("江北新区", "en")).filter((d) => d.level === "zone");
    // In English by its English name since ADR 123 (六合 by its own reading, Luhe).
    expect(en.label).toBe("Nanjing Jiangbei New Area (南京江北新区), in Pukou District, Qixia District, Luhe District");
    const res = await postLead("搜索新区有限公司", { regions: [zh.path] });
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await stored("搜索新区有限公司")).codes).toEqual(["320111", "320113", "320116"]);
  });

  it("a division's search still lists divisions first (Latin finds zones since ADR 118: regions-read-misleading.test.ts)", async () => {
    const list = await search("南京");
    expect(list[0]).toMatchObject({ name: "南京市" });
  });
});

describe("POST /api/leads: zones and places in the notes", () => {
  const cases: [string, string[], string[]][] = [
    ["江宁或者江北新区", ["320111", "320113", "320115", "320116"], []],
    ["苏州工业园区或者江宁", ["320115", "320576"], []],
    ["苏州工业园区、苏州高新区都可以", ["320505", "320576"], []],
    ["江宁，不考虑溧水", ["320115"], ["placeExcluded:溧水"]],
    ["溧水不要，江宁", ["320115"], ["placeExcluded:溧水"]],
    ["不在江北新区也行", [], []],
  ];
  cases.forEach(([notes, codes, flags], i) => {
    it(`${notes} → ${codes.join(",") || "none"}`, async () => {
      const company = `备注新区${i}有限公司`;
      const res = await postLead(company, { notes });
      expect(res.status, await res.clone().text()).toBe(201);
      const row = await stored(company);
      expect(row.codes).toEqual(codes);
      const placeFlags = (row.flags ?? []).filter((f) => f.code.startsWith("place")).map((f) => `${f.code}:${f.text}`);
      expect(placeFlags).toEqual(flags);
    });
  });

  it("the box typed: kept, and the notes' other places flagged for the recruiter", async () => {
    const res = await postLead("框外地点有限公司", { regions: ["江北新区"], notes: "江北新区或江宁都可以" });
    expect(res.status, await res.clone().text()).toBe(201);
    const row = await stored("框外地点有限公司");
    expect(row.codes).toEqual(["320111", "320113", "320116"]);
    expect(row.flags).toContainEqual({ field: "need.regions", code: "placesNotInBox", text: "江宁 ≠ 江北新区" });
  });

  it("a city and a zone kind: the city's zone, else refused as a zone (never the whole city)", async () => {
    const ok = await postLead("苏州市高新区有限公司", { regions: ["苏州市高新区"] });
    expect(ok.status, await ok.clone().text()).toBe(201);
    expect((await stored("苏州市高新区有限公司")).codes).toEqual(["320505"]);
    const chengdu = await postLead("成都天府新区有限公司", { regions: ["成都天府新区"] });
    expect(chengdu.status, await chengdu.clone().text()).toBe(201);
    expect((await stored("成都天府新区有限公司")).codes).toEqual(["510112", "510116", "510118", "510185"]);
    // 南京市高新区 spans many districts and is asked as such (ADR 118, regions-read-misleading.test.ts).
    const asked = await postLead("合肥市高新区有限公司", { regions: ["合肥市高新区"] });
    expect(asked.status).toBe(400);
    expect(JSON.stringify(await asked.json())).toContain("“合肥市高新区”像是开发区或新区的名称");
  });
});
