import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type DashboardFilters, loadDashboardFigures, loadDashboardFiguresLive } from "~/admin/dashboard-data.server";
import { rebuildDashboardRollupAll } from "~/admin/dashboard-rollup.server";
import { figureTables } from "~/admin/dashboard-tables";
import type { Sql } from "~/db/db.server";
import { SQM_PER_MU } from "~/domain/area";
import { resolveRegions } from "~/domain/regions";

import { createTestDatabase } from "../support/database";

// The unmet-needs figure bands a need by the middle of its range (migration 093, ADR 119 — it was the upper
// bound), a range open on one side where it lies — "at least 20,000 ㎡" from its bound, "up to 20,000 ㎡"
// below it — and a band holds its lower edge, not its upper one (migration 105, ADR 143: "5000平左右",
// 4,500–5,500 ㎡, is in 5000–10000㎡; it was in 3000–5000㎡ by migration 063's edges). The same band live
// (today's rows) and from the rollup (a built day).

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let sql: Sql;
const DAY: DashboardFilters = { from: "2026-11-12", to: "2026-11-12", park: null };
/** The figure lists a day's ten largest groups: the needs are spread over two days, eight on the first. */
const DAY_B: DashboardFilters = { from: "2026-11-11", to: "2026-11-11", park: null };
const dayOf = (i: number) => (i < 8 ? DAY.from : DAY_B.from);

// [what the need says, areaMinSqm, areaMaxSqm, the band label expected]
const NEEDS: [string, number | null, number | null, string][] = [
  ["20–30 亩", 20 * SQM_PER_MU, 30 * SQM_PER_MU, "10000–20000㎡"],
  ["up to 20,000 ㎡", null, 20_000, "10000–20000㎡"],
  ["at least 20,000 ㎡ (no upper bound)", 20_000, null, "≥ 20000㎡"],
  ["15,000 to just over 20,000 ㎡ (its middle 17,500)", 15_000, 20_000.5, "10000–20000㎡"],
  ["just over 20,000 ㎡ in the middle", 20_000, 20_001, "≥ 20000㎡"],
  ["up to 1,000 ㎡", null, 1_000, "< 1000㎡"],
  ["1.5 亩 (1,000 ㎡)", null, 1.5 * SQM_PER_MU, "< 1000㎡"],
  ["800–1,001 ㎡ (its middle 900.5)", 800, 1_001, "< 1000㎡"],
  ["up to 1,001 ㎡", null, 1_001, "1000–3000㎡"],
  ["3,000–5,000 ㎡", 3_000, 5_000, "3000–5000㎡"],
  ["4,500–5,500 ㎡ (the trial's: about 5,000)", 4_500, 5_500, "5000–10000㎡"],
  ["5,000–6,000 ㎡", 5_000, 6_000, "5000–10000㎡"],
  ["2,000–12,000 ㎡ (its middle 7,000)", 2_000, 12_000, "5000–10000㎡"],
  ["at least 1,000 ㎡", 1_000, null, "1000–3000㎡"],
  ["no size yet (a phone lead)", null, null, "< 1000㎡"],
];

beforeAll(async () => {
  db = await createTestDatabase("dashboard_unmet_bands");
  sql = db.sql;
  for (const [i, [, min, max]] of NEEDS.entries()) {
    const need = {
      kind: "factory",
      deal: "lease",
      ...(min !== null ? { areaMinSqm: min } : {}),
      ...(max !== null ? { areaMaxSqm: max } : {}),
      regions: [`区${i}`],
    };
    await sql`
      insert into leads (reference, status, source, lead, raw, phone, company_name, industry, consent_method, created_at, updated_at)
      values (${`PM-${dayOf(i).replaceAll("-", "")}-${String(i).padStart(7, "0")}`}, 'unmatched', 'web',
              ${sql.json({ company: { name: `公司${i}` }, use: { product: "产品" }, need, contact: { name: "王经理", phone: "13900000000" } } as never)},
              '{}'::jsonb, '+8613900000000', ${`公司${i}`}, 'C34', 'unrecorded',
              ${`${dayOf(i)} 10:00+08`}, ${`${dayOf(i)} 10:00+08`})`;
  }
}, 120_000);
afterAll(async () => {
  await db?.drop();
});

/** The unmet table's band label of each need, found by its district (one district a need), from the figures of its day. */
async function labels(load: (sql: Sql, f: DashboardFilters) => ReturnType<typeof loadDashboardFiguresLive>): Promise<string[]> {
  const [a, b] = await Promise.all(
    [DAY, DAY_B].map(async (f) => figureTables("zh", await load(sql, f)).find((t) => t.figure === "unmet")!),
  );
  return NEEDS.map((_, i) => String((i < 8 ? a : b).rows.find((r) => r[2] === `区${i}`)?.[1]));
}

describe("the unmet-needs figure's size bands", () => {
  it("puts a need in the band of its range's middle, an edge in the band it starts, live and from the rollup", async () => {
    const expected = NEEDS.map(([, , , label]) => label);
    expect(await labels(loadDashboardFiguresLive)).toEqual(expected);
    await rebuildDashboardRollupAll(sql);
    const [{ built }] = await sql<{ built: number }[]>`
      select count(*)::int as built from dashboard_unmet_daily where day in ('2026-11-11', '2026-11-12')`;
    expect(built).toBe(NEEDS.length); // read from the rollup below, not live
    expect(await labels(loadDashboardFigures)).toEqual(expected);
  });
});

// The unmet-needs figure groups by the region CODE a need was resolved to (migration 073): the same
// district typed in Traditional, Simplified, with its parents or short, is one bar named by its
// division; a need with no code (an old row, a place not resolved) keeps its text. Land is banded in 亩.
describe("the unmet-needs figure's places and land bands", () => {
  const DAY2: DashboardFilters = { from: "2026-11-13", to: "2026-11-13", park: null };
  const SAME_PLACE = [
    ["蘇州工業園區", "苏州工业园区", "江苏省苏州市苏州工业园区"],
    ["高淳区", "高淳", "南京市高淳區"],
  ];
  // [kind, typed place, areaMaxSqm]
  const LEADS: [string, string, number][] = [
    ...SAME_PLACE.flat().map((place): [string, string, number] => ["factory", place, 2_000]),
    ["factory", "某某新村", 2_000], // resolves to nothing: grouped by its text
    ["land", "无锡新吴区", 5 * SQM_PER_MU],
    ["land", "无锡新吴区", 20 * SQM_PER_MU], // up to an edge: in the band it ends
    ["land", "无锡新吴区", 25 * SQM_PER_MU],
    ["land", "无锡新吴区", 300 * SQM_PER_MU],
  ];

  beforeAll(async () => {
    for (const [i, [kind, place, max]] of LEADS.entries()) {
      const regionCodes = resolveRegions([place]).codes; // as intake stores them (lead-schema.ts)
      const need = { kind, deal: "lease", areaMaxSqm: max, regions: [place], ...(regionCodes.length ? { regionCodes } : {}) };
      await sql`
        insert into leads (reference, status, source, lead, raw, phone, company_name, industry, consent_method, created_at, updated_at)
        values (${`PM-20261113-${String(i).padStart(7, "0")}`}, 'unmatched', 'web',
                ${sql.json({ company: { name: `公司${i}` }, use: { product: "产品" }, need, contact: { name: "王经理", phone: "13900000000" } } as never)},
                '{}'::jsonb, '+8613900000000', ${`公司${i}`}, 'C34', 'unrecorded',
                '2026-11-13 10:00+08', '2026-11-13 10:00+08')`;
    }
  });

  it("resolves each spelling of a place to one code", () => {
    for (const spellings of SAME_PLACE) expect(new Set(spellings.map((s) => resolveRegions([s]).codes.join()))).toHaveProperty("size", 1);
    expect(resolveRegions(["苏州工业园区"]).codes).toEqual(["320576"]);
  });

  const rowsOf = (figures: Awaited<ReturnType<typeof loadDashboardFiguresLive>>, lng: "zh" | "en") =>
    figureTables(lng, figures)
      .find((t) => t.figure === "unmet")!
      .rows.map((r) => r.slice(1).join(" | "))
      .sort();

  it("shows one bar per region code named by its division, land in 亩, live and from the rollup", async () => {
    const zh = [
      "1000–3000㎡ | 苏州工业园区 | 3",
      "1000–3000㎡ | 高淳区 | 3",
      "1000–3000㎡ | 某某新村 | 1",
      "10–20亩 | 新吴区 | 1",
      "20–50亩 | 新吴区 | 1",
      "≥ 200亩 | 新吴区 | 1",
      "< 10亩 | 新吴区 | 1",
    ].sort();
    const live = await loadDashboardFiguresLive(sql, DAY2);
    expect(rowsOf(live, "zh")).toEqual(zh);
    expect(rowsOf(live, "en").join("\n")).toMatch(/Gaochun District \(高淳区\) \| 3/);
    await rebuildDashboardRollupAll(sql);
    const [{ built }] = await sql<{ built: number }[]>`select count(*)::int as built from dashboard_unmet_daily where day = '2026-11-13'`;
    expect(built).toBe(zh.length); // read from the rollup below, not live
    expect(rowsOf(await loadDashboardFigures(sql, DAY2), "zh")).toEqual(zh);
  });
});
