import { divisionCodesOf } from "~/domain/division-codes";
import { INDUSTRY_DIVISIONS } from "~/domain/industries";
import type { MatchNeed } from "~/domain/matching/types";

import type { SpaceDocument } from "../../search/spaces.index";

// The generated inventory and leads of the matching benchmarks (match.bench.ts, match-cpu.ts): the same
// seed gives the same spaces and leads in every run.

/** A fifth of the listings confirmed up to 90 days ago: the stale-listing filter has work to do. */
const verifiedAtTs = (rand: () => number, now: string) =>
  Math.floor(Date.parse(now) / 1000) - (rand() < 0.2 ? Math.floor(rand() * 90 * 86_400) : 0);
/** Nanjing's districts with their GB/T 2260 codes. */
export const DISTRICTS: [string, string][] = [
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
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** `n` spaces over n / 50 parks (at least 20), as search documents; `now` (ISO) dates the listings' confirmations. */
export function generate(n: number, rand: () => number, now: string): SpaceDocument[] {
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
      verifiedAtTs: verifiedAtTs(rand, now),
      divisionCodes: divisionCodesOf(park.districtCode),
      text: "",
    } as SpaceDocument;
  });
}

/** A lead of a random kind, deal, size (in ㎡), region (3 in 10) and specs, with a manufacturing industry. */
export function randomLead(rand: () => number): MatchNeed {
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
