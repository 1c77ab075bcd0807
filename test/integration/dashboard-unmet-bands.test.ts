import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type DashboardFilters, loadDashboardFigures, loadDashboardFiguresLive } from "~/admin/dashboard-data.server";
import { rebuildDashboardRollupAll } from "~/admin/dashboard-rollup.server";
import { figureTables } from "~/admin/dashboard-tables";
import type { Sql } from "~/db/db.server";
import { SQM_PER_MU } from "~/domain/area";

import { createTestDatabase } from "../support/database";

// The unmet-needs figure bands a need by its upper bound, and an edge is in the band it closes
// (migration 063): "up to 20,000 ㎡" (20–30 亩) is a need of 10000–20000㎡, not of more than 20000㎡.
// The same band live (today's rows) and from the rollup (a built day).

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let sql: Sql;
const DAY: DashboardFilters = { from: "2026-11-12", to: "2026-11-12", park: null };

// [what the need says, areaMinSqm, areaMaxSqm, the band label expected]
const NEEDS: [string, number | null, number | null, string][] = [
  ["20–30 亩", 20 * SQM_PER_MU, 30 * SQM_PER_MU, "10000–20000㎡"],
  ["up to 20,000 ㎡", null, 20_000, "10000–20000㎡"],
  ["at least 20,000 ㎡ (no upper bound)", 20_000, null, "10000–20000㎡"],
  ["just over 20,000 ㎡", 15_000, 20_000.5, "> 20000㎡"],
  ["up to 1,000 ㎡", null, 1_000, "≤ 1000㎡"],
  ["1.5 亩 (1,000 ㎡)", null, 1.5 * SQM_PER_MU, "≤ 1000㎡"],
  ["up to 1,001 ㎡", 800, 1_001, "1000–3000㎡"],
  ["3,000–5,000 ㎡", 3_000, 5_000, "3000–5000㎡"],
  ["no size yet (a phone lead)", null, null, "≤ 1000㎡"],
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
      values (${`PM-20261112-${String(i).padStart(7, "0")}`}, 'unmatched', 'web',
              ${sql.json({ company: { name: `公司${i}` }, use: { product: "产品" }, need, contact: { name: "王经理", phone: "13900000000" } } as never)},
              '{}'::jsonb, '+8613900000000', ${`公司${i}`}, 'C34', 'unrecorded',
              '2026-11-12 10:00+08', '2026-11-12 10:00+08')`;
  }
}, 120_000);
afterAll(async () => {
  await db?.drop();
});

/** The unmet table's band label of each need, found by its district (one district a need). */
function labels(figures: Awaited<ReturnType<typeof loadDashboardFiguresLive>>): string[] {
  const unmet = figureTables("zh", figures).find((t) => t.figure === "unmet")!;
  return NEEDS.map((_, i) => String(unmet.rows.find((r) => r[2] === `区${i}`)?.[1]));
}

describe("the unmet-needs figure's size bands", () => {
  it("puts a need whose upper bound is an edge in the band that edge closes, live and from the rollup", async () => {
    const expected = NEEDS.map(([, , , label]) => label);
    expect(labels(await loadDashboardFiguresLive(sql, DAY))).toEqual(expected);
    await rebuildDashboardRollupAll(sql);
    const [{ built }] = await sql<{ built: number }[]>`select count(*)::int as built from dashboard_unmet_daily where day = '2026-11-12'`;
    expect(built).toBe(NEEDS.length); // read from the rollup below, not live
    expect(labels(await loadDashboardFigures(sql, DAY))).toEqual(expected);
  });
});
