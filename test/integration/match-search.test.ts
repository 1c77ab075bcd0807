import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { INDUSTRY_DIVISIONS } from "~/domain/industries";
import { rankMatches } from "~/domain/matching/rank";
import type { MatchNeed, SpaceCandidate } from "~/domain/matching/types";
import { importInventory } from "~/inventory/import.server";
import { loadSpaceRows } from "~/inventory/inventory-read.server";
import { toSpaceCandidate } from "~/inventory/inventory-rows";

import { createSearchClient } from "../../search/client";
import { findCandidateIds } from "../../search/spaces.query";
import { violatesHard } from "../fixtures/hard-oracle";
import { demoInventory } from "../fixtures/inventory";
import { lead, MATCH_EVAL } from "../fixtures/match-eval";
import { createTestDatabase } from "../support/database";
import { outboxDrained } from "../support/pipeline";
import { startTestWorker } from "../support/worker";

// The matcher as the lead.match job runs it: Meilisearch filters find the candidates, the code scores
// them. Checked against the labelled evaluation set and, for random inventories and leads, against a
// brute force over every space in Postgres with the hard constraints restated from DESIGN.md.
const search = createSearchClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
const TODAY = "2026-06-01";

async function indexedInventory(name: string, inventory: unknown) {
  const db = await createTestDatabase(name);
  const suffix = Math.random().toString(36).slice(2, 8);
  const indexNames = { leads: `leads_${suffix}`, spaces: `spaces_${suffix}`, parks: `parks_${suffix}` };
  const worker = await startTestWorker({ databaseUrl: db.url, indexNames });
  const result = await importInventory(db.sql, inventory);
  if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
  await outboxDrained(db.sql, 60_000);
  await worker.close();
  const all = (await loadSpaceRows(db.sql)).map(toSpaceCandidate);
  return { db, indexUid: indexNames.spaces, all };
}

/** The job's way: the ids Meilisearch finds, each space re-read (here from the rows already loaded from Postgres), then ranked. */
async function viaSearch(n: MatchNeed, ctx: { indexUid: string; all: SpaceCandidate[] }): Promise<ReturnType<typeof rankMatches>> {
  const byId = new Map(ctx.all.map((s) => [s.id, s]));
  const candidates = await findCandidateIds(search, n, { indexUid: ctx.indexUid });
  return rankMatches(
    n,
    candidates.map((id) => byId.get(id)!),
    { today: TODAY },
  );
}

describe("the evaluation set through Meilisearch", () => {
  let ctx: Awaited<ReturnType<typeof indexedInventory>>;
  beforeAll(async () => {
    ctx = await indexedInventory("match_eval", demoInventory());
  });
  afterAll(async () => ctx?.db.drop());

  it.each(MATCH_EVAL.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const results = await viaSearch(c.lead, ctx);
    expect(results[0]?.spaceId ?? null).toBe(c.expectBest);
    // The search must not lose what the full scan would offer.
    expect(results.map((r) => r.spaceId)).toEqual(rankMatches(c.lead, ctx.all, { today: TODAY }).map((r) => r.spaceId));
  });
});

describe("random inventories and leads through Meilisearch", () => {
  const PARKS = ["GC-EDZ", "GC-MED", "GC-DB", "LS-EDZ", "JN-IP"];
  const CODES = INDUSTRY_DIVISIONS.filter((d) => d.section === "C").map((d) => d.code);
  let ctx: Awaited<ReturnType<typeof indexedInventory>>;

  beforeAll(async () => {
    const spaceArb = fc.record({
      parkId: fc.constantFrom(...PARKS),
      kind: fc.constantFrom("factory", "land", "office", "warehouse"),
      deals: fc.constantFrom(["lease"], ["buy"], ["lease", "buy"]),
      areaSqm: fc.integer({ min: 300, max: 60_000 }),
      divisible: fc.option(fc.integer({ min: 2, max: 6 }), { nil: undefined, freq: 5 }),
      ceilingM: fc.option(fc.integer({ min: 4, max: 14 }), { nil: undefined, freq: 4 }),
      powerKva: fc.option(fc.integer({ min: 100, max: 3000 }), { nil: undefined, freq: 4 }),
      floors: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined, freq: 3 }),
      status: fc.constantFrom("available", "available", "available", "reserved", "let"),
    });
    const generated = fc.sample(spaceArb, { numRuns: 400, seed: 20261125 }).map((s, i) => ({
      id: `R${i}`,
      parkId: s.parkId,
      kind: s.kind,
      deals: s.kind === "land" ? ["buy"] : s.deals,
      title: `随机空间${i}`,
      areaSqm: s.areaSqm,
      divisibleMinSqm: s.divisible ? Math.round(s.areaSqm / s.divisible) : undefined,
      ceilingM: s.kind === "land" ? undefined : s.ceilingM,
      powerKva: s.powerKva,
      floors: s.kind === "land" ? undefined : s.floors,
      status: s.status,
    }));
    ctx = await indexedInventory("match_random", { ...demoInventory(), spaces: generated });
  });
  afterAll(async () => ctx?.db.drop());

  it("never offers a space that breaks a hard constraint, and finds the same best space as a full scan", async () => {
    const leadArb = fc.record({
      kind: fc.constantFrom("factory", "land", "office", "warehouse"),
      deal: fc.constantFrom("lease", "buy", "either"),
      industry: fc.constantFrom(...CODES, "C26", "C35"),
      min: fc.option(fc.integer({ min: 300, max: 40_000 }), { nil: undefined, freq: 5 }),
      span: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined, freq: 4 }),
      regions: fc.subarray(["高淳区", "溧水区", "江宁区"], { maxLength: 2 }),
      ceiling: fc.option(fc.integer({ min: 4, max: 12 }), { nil: undefined, freq: 3 }),
      power: fc.option(fc.integer({ min: 100, max: 2500 }), { nil: undefined, freq: 3 }),
      single: fc.option(fc.constant(true), { nil: undefined, freq: 4 }),
      tax: fc.option(fc.integer({ min: 10, max: 3000 }), { nil: undefined, freq: 4 }),
      invest: fc.option(fc.integer({ min: 100, max: 30_000 }), { nil: undefined, freq: 4 }),
    });
    let withMatches = 0;
    await fc.assert(
      fc.asyncProperty(leadArb, async (l) => {
        const min = l.min ?? (l.span === undefined ? 1000 : undefined);
        const max = l.span !== undefined ? (min ?? 300) + l.span : undefined;
        const n = lead({
          kind: l.kind,
          deal: l.deal,
          industry: l.industry,
          min,
          max,
          regions: l.regions,
          ceiling: l.ceiling,
          power: l.power,
          single: l.single,
          tax: l.tax,
          invest: l.invest,
        });
        const found = await viaSearch(n, ctx);
        const byId = new Map<string, SpaceCandidate>(ctx.all.map((s) => [s.id, s]));
        for (const r of found) expect(violatesHard(n, byId.get(r.spaceId)!), r.spaceId).toBeNull();
        const full = rankMatches(n, ctx.all, { today: TODAY });
        expect(found.length > 0).toBe(full.length > 0);
        if (full.length) expect(found[0].score).toBe(full[0].score);
        if (full.length) withMatches++;
      }),
      { numRuns: 150, seed: 4754 },
    );
    // The property says something only if many leads do have matches.
    expect(withMatches).toBeGreaterThan(40);
  }, 120_000);
});
