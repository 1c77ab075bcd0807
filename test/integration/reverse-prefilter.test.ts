import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSql } from "~/db/db.server";
import { hardCheck } from "~/domain/matching/hard";
import type { MatchNeed, SpaceCandidate } from "~/domain/matching/types";
import { withRegionCodes } from "~/domain/regions";
import { openLeadsForSpace } from "~/matches/match-leads.server";

import { lead } from "../fixtures/match-eval";
import { createTestDatabase } from "../support/database";

// Reverse matching narrows the open leads in SQL (openLeadsForSpace, bounds from reverseLeadBounds in
// app/domain/matching/hard.ts) before hardCheck decides. The SQL is a pre-filter only: for generated
// leads stored in Postgres and generated spaces, every lead hardCheck accepts must be among the rows the
// SQL returns — including spaces whose area, divisible minimum and figures sit exactly on a lead's
// bounds, leads with names but no region codes (stored before codes), and leads without area bounds.
// And the SQL must narrow (else it proves nothing) and be served by index leads_reverse_match.

const KINDS = ["factory", "land", "office", "warehouse"] as const;
const REGIONS = ["高淳区", "溧水区", "江宁区", "南京", "苏州市", "江苏省"];
const DISTRICT_CODES = ["320118", "320117", "320115", "320583", null];
const LEADS = 600;
const SPACES = 150;

const rarely = <T>(a: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: a, weight: 1 });

const leadArb: fc.Arbitrary<{ need: MatchNeed; namesOnly: boolean }> = fc
  .record({
    kind: fc.constantFrom(...KINDS),
    deal: fc.constantFrom("lease", "buy", "either"),
    unit: fc.constantFrom("sqm", "sqm", "mu"),
    a: fc.integer({ min: 1, max: 30000 }),
    b: fc.integer({ min: 1, max: 30000 }),
    bounds: fc.constantFrom("both", "both", "min", "max"),
    regions: fc.oneof(fc.constant<string[]>([]), fc.subarray(REGIONS, { maxLength: 2 })),
    ceiling: rarely(fc.integer({ min: 3, max: 14 })),
    load: rarely(fc.constantFrom(500, 1000, 3000)),
    power: rarely(fc.constantFrom(100, 630, 2000)),
    crane: rarely(fc.constantFrom(3, 10, 20)),
    single: rarely(fc.boolean()),
    // A lead of several units (docs/decisions/130): each unit's area window lets a space in too.
    units: rarely(fc.integer({ min: 2, max: 5 })),
    namesOnly: fc.boolean(),
  })
  .map(({ a, b, bounds, unit, namesOnly, ...rest }) => {
    const [x, y] = unit === "mu" ? [(a % 120) + 1, (b % 120) + 1] : [a, b];
    const [lo, hi] = x <= y ? [x, y] : [y, x];
    const need = lead({ ...rest, industry: "C35", unit, min: bounds === "max" ? undefined : lo, max: bounds === "min" ? undefined : hi });
    return { need, namesOnly: namesOnly && rest.regions.length > 0 };
  });

/** A space built around one lead's figures (exactly on its bounds, or just inside or outside them). */
function spaceArb(leads: MatchNeed[]): fc.Arbitrary<SpaceCandidate> {
  return fc
    .record({
      n: fc.constantFrom(...leads),
      kind: fc.constantFrom(...KINDS),
      sameKind: fc.boolean(),
      deals: fc.subarray(["lease", "buy"] as ("lease" | "buy")[]),
      areaAt: fc.constantFrom("min", "max", "inside", "random", "unitMin", "unitMax"),
      nudge: fc.constantFrom(0, 0, -0.01, 0.01, -50, 50),
      random: fc.integer({ min: 50, max: 60000 }),
      divisible: fc.constantFrom("none", "none", "leadMax", "small", "whole"),
      specAt: fc.constantFrom("lead", "below", "above", "none"),
      single: fc.constantFrom<boolean | null>(true, false, null),
      floors: fc.constantFrom<number | null>(null, 1, 3),
      districtCode: fc.constantFrom(...DISTRICT_CODES),
    })
    .map(({ n, kind, sameKind, deals, areaAt, nudge, random, divisible, specAt, single, floors, districtCode }) => {
      const { areaMinSqm: min, areaMaxSqm: max } = n.need;
      const k = n.need.unitCount ?? 1;
      const base =
        areaAt === "min" && min !== undefined
          ? min * 0.8
          : areaAt === "max" && max !== undefined
            ? max * 1.25
            : areaAt === "inside"
              ? (min ?? max ?? random)
              : areaAt === "unitMin" && min !== undefined
                ? (min / k) * 0.8
                : areaAt === "unitMax" && max !== undefined
                  ? (max / k) * 1.25
                  : random;
      const areaSqm = Math.max(1, Math.round((base + nudge) * 100) / 100);
      const divisibleMinSqm =
        divisible === "leadMax" ? (max ?? null) : divisible === "small" ? areaSqm / 4 : divisible === "whole" ? areaSqm : null;
      const spec = (asked: number | undefined, other: number) =>
        specAt === "none" ? null : asked === undefined ? other : specAt === "lead" ? asked : specAt === "below" ? asked - 0.5 : asked + 1;
      return {
        id: "RS",
        parkId: "RP",
        kind: sameKind ? n.need.kind : kind,
        deals,
        title: "反向匹配",
        areaSqm,
        divisibleMinSqm,
        floors,
        singleStorey: single,
        ceilingM: spec(n.need.ceilingMinM, 9),
        floorLoadKg: spec(n.need.floorLoadMinKg, 2000),
        powerKva: spec(n.need.powerMinKva, 800),
        craneT: spec(n.need.craneMinT, 10),
        status: "available",
        park: { id: "RP", name: "反向匹配园", district: "高淳区", districtCode, industries: [], excludedIndustries: [] },
      } satisfies SpaceCandidate;
    });
}

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let stored: { id: string; need: MatchNeed }[] = [];

beforeAll(async () => {
  db = await createTestDatabase("reverse_prefilter");
  const generated = fc.sample(leadArb, { numRuns: LEADS, seed: 14 });
  const rows = generated.map(({ need, namesOnly }, i) => {
    // A lead stored before regions were resolved carries names only; matching resolves them in code.
    const stripped = namesOnly ? { ...need, need: { ...need.need, regionCodes: undefined } } : need;
    return {
      reference: `PM-20261201-${String(i).padStart(7, "0")}`,
      status: ["received", "indexed", "matched", "unmatched", "assigned"][i % 5],
      source: "api",
      lead: JSON.parse(JSON.stringify(stripped)) as MatchNeed,
      raw: {},
      phone: `+86139${String(i).padStart(8, "0")}`,
      companyName: `反向${i}有限公司`,
      industry: "C35",
      consentMethod: "unrecorded",
    };
  });
  const ids = await db.sql<{ id: string }[]>`
    insert into leads ${db.sql(rows.map((r) => ({ ...r, lead: db.sql.json(r.lead as never), raw: db.sql.json(r.raw) })) as never)}
    returning id`;
  stored = ids.map((r, i) => ({ id: r.id, need: rows[i].lead }));
  await db.sql`analyze leads`;
}, 120_000);
afterAll(() => db?.drop());

describe("reverse matching's SQL pre-filter", () => {
  it("returns every open lead hardCheck accepts for the space (a superset), and narrows", async () => {
    const spaces = fc.sample(spaceArb(stored.map((s) => s.need)), { numRuns: SPACES, seed: 41 });
    let accepted = 0;
    let returned = 0;
    for (const space of spaces) {
      const rows = await db.sql.begin((tx) => openLeadsForSpace(tx, space, 90));
      const got = new Set(rows.map((r) => r.id));
      const pass = stored.filter((s) => hardCheck(withRegionCodes(s.need), space).pass).map((s) => s.id);
      const missing = pass.filter((id) => !got.has(id));
      expect(missing, `space ${JSON.stringify(space)} lost leads ${missing.join(", ")}`).toEqual([]);
      // What is returned is what the check reads: the need (without notes), use and tax.
      for (const r of rows.slice(0, 3)) expect(Object.keys(r.lead).sort()).toEqual(["need", "tax", "use"]);
      accepted += pass.length;
      returned += rows.length;
    }
    expect(accepted).toBeGreaterThan(SPACES); // many spaces fit some leads: the superset is not vacuous
    expect(returned).toBeLessThan((SPACES * LEADS) / 4); // and kind alone would leave a quarter of them
  });

  it("finds leads of several units by each unit's window, served by index leads_reverse_match_units (migration 100)", async () => {
    const recorded: { query: string; params: unknown[] }[] = [];
    const traced = createSql(db.url, { max: 1, debug: (_c, query, params) => recorded.push({ query, params: [...params] }) });
    try {
      // A 5,000 ㎡ factory: a lead of 3 × about 5000 ㎡ (13500–16500 in all) fits it as one unit, not as its total.
      const unitLead = stored.find((s) => s.need.need.unitCount === undefined && s.need.need.kind === "factory")!;
      const need = { ...unitLead.need, need: { ...unitLead.need.need, areaMinSqm: 13500, areaMaxSqm: 16500, unitCount: 3 } };
      const [{ id }] = await db.sql<{ id: string }[]>`
        insert into leads (reference, status, source, lead, raw, phone, company_name, industry, consent_method)
        values ('PM-20261201-9999999', 'unmatched', 'api', ${db.sql.json(JSON.parse(JSON.stringify(need)))}, '{}', '+8613999999999',
                '反向单元有限公司', 'C35', 'unrecorded')
        returning id`;
      const space: SpaceCandidate = {
        id: "RS5000",
        parkId: "RP",
        kind: "factory",
        deals: ["lease"],
        title: "5000平厂房",
        areaSqm: 5000,
        status: "available",
        park: { id: "RP", name: "反向匹配园", district: "高淳区", districtCode: "320118", industries: [], excludedIndustries: [] },
      };
      expect(hardCheck(withRegionCodes(need), space).pass).toBe(true);
      const rows = await traced.begin((tx) => openLeadsForSpace(tx, space, 90));
      expect(rows.map((r) => r.id)).toContain(id);
      const read = recorded.find((r) => r.query.includes("from leads"))!;
      const plan = await db.sql.begin(async (tx) => {
        await tx`set local enable_seqscan = off`;
        return tx.unsafe(`explain ${read.query}`, read.params as never[]);
      });
      const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
      expect(text).toContain("leads_reverse_match_units");
      expect(text).toContain("leads_reverse_match ");
      await db.sql`delete from leads where id = ${id}`;
    } finally {
      await (traced as unknown as { end: (o: { timeout: number }) => Promise<void> }).end({ timeout: 2 });
    }
  });

  it("is served by index leads_reverse_match (migration 042)", async () => {
    // The SQL explained is the function's own: a client that records what it sends (the driver's debug hook).
    const recorded: { query: string; params: unknown[] }[] = [];
    const traced = createSql(db.url, { max: 1, debug: (_c, query, params) => recorded.push({ query, params: [...params] }) });
    try {
      const [space] = fc.sample(spaceArb(stored.map((s) => s.need)), { numRuns: 1, seed: 7 });
      await traced.begin((tx) => openLeadsForSpace(tx, space, 90));
      const read = recorded.find((r) => r.query.includes("from leads"));
      expect(read).toBeDefined();
      // 600 leads fit in a few pages, where a whole-table read is cheaper: ask which index it would take.
      const plan = await db.sql.begin(async (tx) => {
        await tx`set local enable_seqscan = off`;
        return tx.unsafe(`explain ${read!.query}`, read!.params as never[]);
      });
      expect(plan.map((r) => r["QUERY PLAN"]).join("\n")).toContain("leads_reverse_match");
    } finally {
      await (traced as unknown as { end: (o: { timeout: number }) => Promise<void> }).end({ timeout: 2 });
    }
  });
});
