import { execFile } from "node:child_process";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type DashboardFilters, loadDashboardFigures, loadDashboardFiguresLive } from "~/admin/dashboard-data.server";
import { rebuildDashboardRollupAll } from "~/admin/dashboard-rollup.server";
import { figureTables } from "~/admin/dashboard-tables";
import type { Sql } from "~/db/db.server";
import { resolveRegions } from "~/domain/regions";

import { createTestDatabase } from "../support/database";

// The unmet-needs figure counts a lead under EVERY place it names (migration 102, ADR 134): it counted the
// first only, so a lead wanting "江宁、浦口" never showed under 江宁区 (ADR 123's "Left"). Live (a day not
// built), from the rollup the worker builds, and after `npm run dashboard:rebuild` of the day, alike.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let sql: Sql;
const DAY: DashboardFilters = { from: "2026-11-20", to: "2026-11-20", park: null };
let phone = 13911110000;

/** An unmatched factory lead of 2,000 ㎡ on DAY; `regions` as typed, their codes as intake stores them unless `codes` says. */
async function lead(regions: string[] | undefined, codes?: string[] | null) {
  const regionCodes = codes === undefined ? (regions ? resolveRegions(regions).codes : undefined) : codes;
  const need = {
    kind: "factory",
    deal: "lease",
    areaMaxSqm: 2_000,
    ...(regions ? { regions } : {}),
    ...(regionCodes ? { regionCodes } : {}),
  };
  const n = phone++;
  await sql`
    insert into leads (reference, status, source, lead, raw, phone, company_name, industry, consent_method, created_at, updated_at)
    values (${`PM-20261120-${String(n).slice(-7)}`}, 'unmatched', 'web',
            ${sql.json({ company: { name: `公司${n}` }, use: { product: "产品" }, need, contact: { name: "王经理", phone: String(n) } } as never)},
            '{}'::jsonb, ${`+86${n}`}, ${`公司${n}`}, 'C34', 'unrecorded', '2026-11-20 10:00+08', '2026-11-20 10:00+08')`;
}

beforeAll(async () => {
  db = await createTestDatabase("dashboard_unmet_every_district");
  sql = db.sql;
  await lead(["江宁、浦口"].flatMap((s) => s.split("、"))); // 江宁区, 浦口区
  await lead(["浦口区", "江宁区"]); // the same two, the other way round
  await lead(["浦口"]);
  await lead(["江北新区"]); // a zone: its three districts (浦口区, 六合区, 栖霞区)
  await lead(["高淳区", "高淳"], ["320118", "320118"]); // one district twice: counted once
  await lead(["甲村", "乙村"], null); // an old row: no codes, each place as typed
  await lead(undefined); // no place
}, 120_000);
afterAll(async () => {
  await db?.drop();
});

const rowsOf = (figures: Awaited<ReturnType<typeof loadDashboardFiguresLive>>, lng: "zh" | "en") =>
  figureTables(lng, figures)
    .find((t) => t.figure === "unmet")!
    .rows.map((r) => `${r[2]} | ${r[3]}`)
    .sort();

const EXPECTED = ["浦口区 | 4", "江宁区 | 2", "六合区 | 1", "栖霞区 | 1", "高淳区 | 1", "甲村 | 1", "乙村 | 1", "— | 1"].sort();

describe("the unmet-needs figure counts a lead under every place it names", () => {
  it("shows a lead wanting 江宁、浦口 under 江宁区 and under 浦口区, live", async () => {
    expect(resolveRegions(["江北新区"]).codes).toHaveLength(3);
    const live = await loadDashboardFiguresLive(sql, DAY);
    expect(rowsOf(live, "zh")).toEqual(EXPECTED);
    expect(rowsOf(live, "en")).toContain("Jiangning District (江宁区) | 2");
    // Read by the page's loader (the day not built yet: computed live by the rollup's own function).
    expect(rowsOf(await loadDashboardFigures(sql, DAY), "zh")).toEqual(EXPECTED);
  });

  it("stores the same groups in the rollup the worker builds, and reads them from it", async () => {
    await rebuildDashboardRollupAll(sql);
    const [{ built, stale }] = await sql<{ built: number; stale: number }[]>`
      select (select count(*)::int from dashboard_unmet_daily where day = '2026-11-20') as built,
             (select count(*)::int from dashboard_stale where day = '2026-11-20') as stale`;
    expect({ built, stale }).toEqual({ built: EXPECTED.length, stale: 0 }); // read from the rollup below, not live
    expect(rowsOf(await loadDashboardFigures(sql, DAY), "zh")).toEqual(EXPECTED);
  });

  it("keeps the figure right through a need edit and `npm run dashboard:rebuild` of the day", async () => {
    // The lead of 浦口 alone now also wants 江宁 (a staff correction): the day is marked changed by the trigger.
    await sql`update leads set lead = jsonb_set(jsonb_set(lead, '{need,regions}', '["浦口", "江宁"]'),
                                              '{need,regionCodes}', '["320111", "320115"]')
              where lead->'need'->'regions' = '["浦口"]'`;
    const after = EXPECTED.map((r) => (r === "江宁区 | 2" ? "江宁区 | 3" : r)).sort();
    expect(rowsOf(await loadDashboardFigures(sql, DAY), "zh")).toEqual(after);
    const run = await promisify(execFile)(process.execPath, ["--import", "tsx", "app/cli/dashboard-rebuild.ts", "2026-11-20"], {
      env: { ...process.env, DATABASE_URL: db.url },
    });
    expect(run.stdout).toMatch(/1 day\(s\) rebuilt/);
    const [{ stale }] = await sql<{ stale: number }[]>`select count(*)::int as stale from dashboard_stale where day = '2026-11-20'`;
    expect(stale).toBe(0);
    expect(rowsOf(await loadDashboardFigures(sql, DAY), "zh")).toEqual(after);
    expect(rowsOf(await loadDashboardFiguresLive(sql, DAY), "zh")).toEqual(after);
  });
});
