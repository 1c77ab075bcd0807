import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

import { divisionCodesOf } from "~/domain/division-codes";
import { INDUSTRY_DIVISIONS } from "~/domain/industries";
import { rankMatches } from "~/domain/matching/rank";
import type { MatchNeed } from "~/domain/matching/types";
import { explainExclusions } from "~/domain/matching/why-not";

import { createSearchClient, waitSucceeded } from "../../search/client";
import { ensureIndex } from "../../search/client";
import { startMeilisearch } from "../../search/launcher";
import { type SpaceDocument, spacesSettings } from "../../search/spaces.index";
import { findCandidatesAndNearMisses, hardFilters } from "../../search/spaces.query";

// npm run bench:match — matching latency for one lead against 1k, 10k and 100k generated spaces,
// next to the raw Meilisearch query (the hard filters alone) measured in the same run. Why-not is on
// (its extra search and the exclusions computed in code); BENCH_WHY_NOT=0 measures without it.

const SIZES = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);
const LEADS = Number(process.env.BENCH_LEADS ?? 1000); // docs/benchmarks.md reports 1,000 per size
const WHY_NOT = process.env.BENCH_WHY_NOT !== "0";
const NOW = new Date().toISOString();
/** A fifth of the listings confirmed up to 90 days ago: the stale-listing filter has work to do. */
const verifiedAtTs = (rand: () => number) => Math.floor(Date.parse(NOW) / 1000) - (rand() < 0.2 ? Math.floor(rand() * 90 * 86_400) : 0);
/** Nanjing's districts with their GB/T 2260 codes. */
const DISTRICTS: [string, string][] = [
  ["高淳区", "320118"],
  ["溧水区", "320117"],
  ["江宁区", "320115"],
  ["六合区", "320116"],
  ["浦口区", "320111"],
  ["栖霞区", "320113"],
  ["雨花台区", "320114"],
  ["鼓楼区", "320106"],
];
const MANUFACTURING = INDUSTRY_DIVISIONS.filter((d) => d.section === "C").map((d) => d.code);

// A small deterministic PRNG, so every run measures the same inventory and leads.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function generate(n: number, rand: () => number): SpaceDocument[] {
  const parks = Array.from({ length: Math.max(20, Math.round(n / 50)) }, (_, i) => ({
    id: `P${i}`,
    name: `园区${i}`,
    district: DISTRICTS[i % DISTRICTS.length][0],
    districtCode: DISTRICTS[i % DISTRICTS.length][1],
    industries: [MANUFACTURING[Math.floor(rand() * MANUFACTURING.length)], MANUFACTURING[Math.floor(rand() * MANUFACTURING.length)]],
    excludedIndustries: rand() < 0.5 ? ["C25", "C26"] : [],
    minTaxPerMuWan: rand() < 0.5 ? 20 + Math.round(rand() * 20) : null,
    minInvestmentPerMuWan: rand() < 0.5 ? 200 + Math.round(rand() * 200) : null,
    minTaxPer1000SqmWan: rand() < 0.5 ? 15 + Math.round(rand() * 30) : null,
  }));
  return Array.from({ length: n }, (_, i) => {
    const park = parks[Math.floor(rand() * parks.length)];
    const kind = (["factory", "factory", "factory", "warehouse", "office", "land"] as const)[Math.floor(rand() * 6)];
    const areaSqm = Math.round(300 + rand() ** 2 * 60_000);
    const maybe = <T>(v: T) => (rand() < 0.2 ? null : v);
    return {
      id: `B${i}`,
      parkId: park.id,
      kind,
      deals: rand() < 0.3 ? ["lease", "buy"] : kind === "land" ? ["buy"] : ["lease"],
      title: `空间${i}`,
      areaSqm,
      divisibleMinSqm: rand() < 0.1 ? Math.round(areaSqm / 4) : null,
      floors: kind === "land" ? null : 1 + Math.floor(rand() * 4),
      singleStorey: kind === "land" ? null : maybe(rand() < 0.5),
      ceilingM: kind === "land" ? null : maybe(4 + Math.round(rand() * 8)),
      floorLoadKg: kind === "land" ? null : maybe(500 + Math.round(rand() * 3000)),
      powerKva: kind === "land" ? null : maybe(100 + Math.round(rand() * 2000)),
      craneT: kind === "factory" ? maybe(Math.round(rand() * 20)) : null,
      rentYuanPerSqmMonth: maybe(10 + Math.round(rand() * 30)),
      priceYuanPerSqm: null,
      landPriceWanPerMu: kind === "land" ? 20 + Math.round(rand() * 20) : null,
      availableFrom: null,
      status: rand() < 0.85 ? "available" : "let",
      park,
      offerMinSqm: areaSqm,
      verifiedAtTs: verifiedAtTs(rand),
      divisionCodes: divisionCodesOf(park.districtCode),
      text: "",
    } as SpaceDocument;
  });
}

function randomLead(rand: () => number): MatchNeed {
  const kind = (["factory", "factory", "warehouse", "office", "land"] as const)[Math.floor(rand() * 5)];
  const min = Math.round(500 + rand() ** 2 * 30_000);
  const region = rand() < 0.3 ? DISTRICTS[Math.floor(rand() * DISTRICTS.length)] : null;
  return {
    need: {
      kind,
      deal: (["lease", "buy", "either"] as const)[Math.floor(rand() * 3)],
      areaUnit: "sqm",
      areaMinSqm: min,
      areaMaxSqm: Math.round(min * (1.2 + rand())),
      regions: region ? [region[0]] : [],
      regionCodes: region ? [region[1]] : [],
      ceilingMinM: rand() < 0.4 ? 6 + Math.round(rand() * 4) : undefined,
      powerMinKva: rand() < 0.3 ? 400 + Math.round(rand() * 800) : undefined,
    },
    use: { industry: MANUFACTURING[Math.floor(rand() * MANUFACTURING.length)], product: "bench" },
    tax: { annualTaxWan: Math.round(50 + rand() * 2000), investmentWan: Math.round(1000 + rand() * 20000) },
  } as unknown as MatchNeed;
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const dir = mkdtempSync(join(tmpdir(), "parkmatch-bench-"));
const meili = await startMeilisearch({ dataDir: dir, quiet: true });
const client = createSearchClient(meili.url, meili.masterKey);
const rows: string[] = [];
try {
  for (const size of SIZES) {
    const rand = rng(size);
    const uid = `spaces_bench_${size}`;
    await ensureIndex(client, uid, "id", spacesSettings);
    const docs = generate(size, rand);
    const t0 = performance.now();
    for (let i = 0; i < docs.length; i += 10_000)
      await waitSucceeded(client.index(uid).addDocuments(docs.slice(i, i + 10_000), { primaryKey: "id" }), 600_000);
    const indexSeconds = (performance.now() - t0) / 1000;

    const leads = Array.from({ length: LEADS }, () => randomLead(rand));
    // Warm up both paths so neither pays for a cold cache.
    const options = { indexUid: uid, now: NOW, verifyDays: 30, whyNot: WHY_NOT };
    const matchOne = async (lead: MatchNeed) => {
      const found = await findCandidatesAndNearMisses(client, lead, options);
      const results = rankMatches(lead, found.candidates, { limit: 5, now: NOW, verifyDays: 30 });
      if (WHY_NOT)
        explainExclusions(lead, [...found.candidates, ...found.nearby], new Set(results.map((r) => r.spaceId)), {
          now: NOW,
          verifyDays: 30,
        });
      return results;
    };
    for (const lead of leads.slice(0, 20)) {
      await client.index(uid).search("", { filter: hardFilters(lead, options), limit: 20 });
      await matchOne(lead);
    }
    const raw: number[] = [];
    const match: number[] = [];
    let matchedLeads = 0;
    for (const lead of leads) {
      let t = performance.now();
      await client.index(uid).search("", { filter: hardFilters(lead, options), limit: 20 });
      raw.push(performance.now() - t);
      t = performance.now();
      const results = await matchOne(lead);
      match.push(performance.now() - t);
      if (results.length) matchedLeads++;
    }
    const row = `| ${size.toLocaleString("en")} | ${pct(match, 50).toFixed(1)} | ${pct(match, 99).toFixed(1)} | ${pct(raw, 50).toFixed(1)} | ${pct(raw, 99).toFixed(1)} | ${(pct(match, 99) / pct(raw, 99)).toFixed(2)}× | ${matchedLeads}/${LEADS} | ${indexSeconds.toFixed(1)} s |`;
    rows.push(row);
    console.log(row);
    await waitSucceeded(client.deleteIndex(uid));
  }
} finally {
  await meili.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\nwhy-not ${WHY_NOT ? "on" : "off"}`);
console.log("\n| spaces | match p50 ms | match p99 ms | raw query p50 ms | raw query p99 ms | p99 ratio | leads with a match | indexing |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) console.log(r);
