import { performance } from "node:perf_hooks";

import { sectionOf } from "~/domain/industries";
import { hardCheck, hardCheckOf } from "~/domain/matching/hard";
import { rankMatches } from "~/domain/matching/rank";
import type { MatchNeed, SpaceCandidate } from "~/domain/matching/types";
import { explainExclusions } from "~/domain/matching/why-not";
import { targetArea, WHY_NOT_LIMIT, whyNotWindow } from "~/domain/matching/why-not-window";
import type { SpaceRow } from "~/inventory/inventory-rows";

import type { SpaceDocument } from "../../search/spaces.index";
import { LeadMatchSpaces } from "../../worker/lead-match-spaces";
import { generate, randomLead, rng } from "./match-data";

// node --import tsx test/bench/match-cpu.ts — the CPU the matcher's own code spends per lead, without
// Meilisearch or Postgres (issue 14): the code part of `npm run bench:match` (rankMatches + why-not on
// the search's documents) and the in-memory part of the lead.match job (worker/lead-match-spaces.ts on
// the rows Postgres returns: rank, the lock round's re-read, withdrawals, why-not). The candidates are
// chosen in code the way search/spaces.query.ts asks Meilisearch for them (closest 20 above and below
// the target area, 10 in focus parks, 30 why-not neighbours), so each lead sees ~80 spaces as in
// production. Add `--cpu-prof` to node's flags for a profile. MATCH_CPU_SPACES, MATCH_CPU_LEADS,
// MATCH_CPU_PASSES size the run.

const SPACES = Number(process.env.MATCH_CPU_SPACES ?? 10_000);
const LEADS = Number(process.env.MATCH_CPU_LEADS ?? 500);
const PASSES = Number(process.env.MATCH_CPU_PASSES ?? 7);
const NOW = "2026-12-01T18:00:00.000Z";
const OPTIONS = { now: NOW, verifyDays: 30 };

const rand = rng(SPACES);
const docs = generate(SPACES, rand, NOW);
const leads = Array.from({ length: LEADS }, () => randomLead(rand));

/** The document as the search hands it to bench:match (search/spaces.query.ts stripDocument). */
function candidateOf(d: SpaceDocument): SpaceCandidate {
  const { offerMinSqm: _o, text: _t, divisionCodes: _d, _geo, verifiedAtTs: _v, ...candidate } = d;
  return candidate;
}

/** The row Postgres returns for the document's space (app/inventory/inventory-read.server.ts). */
function rowOf(d: SpaceDocument, i: number): SpaceRow {
  return {
    id: d.id,
    parkId: d.parkId,
    kind: d.kind,
    deals: [...d.deals],
    title: d.title,
    areaSqm: d.areaSqm,
    divisibleMinSqm: d.divisibleMinSqm ?? null,
    floors: d.floors ?? null,
    singleStorey: d.singleStorey ?? null,
    ceilingM: d.ceilingM ?? null,
    floorLoadKg: d.floorLoadKg ?? null,
    powerKva: d.powerKva ?? null,
    craneT: d.craneT ?? null,
    rentYuanPerSqmMonth: d.rentYuanPerSqmMonth ?? null,
    priceYuanPerSqm: d.priceYuanPerSqm ?? null,
    landPriceWanPerMu: d.landPriceWanPerMu ?? null,
    availableFrom: d.availableFrom ?? null,
    status: d.status,
    notes: "南北通透，近高速出口，可办环评",
    version: String(1000 + i),
    verifiedAt: new Date((d.verifiedAtTs ?? 0) * 1000),
    parkVersion: "7",
    parkName: d.park.name,
    parkDistrict: d.park.district,
    parkDistrictCode: d.park.districtCode ?? null,
    parkIndustries: [...d.park.industries],
    parkExcluded: [...d.park.excludedIndustries],
    minTaxPerMuWan: d.park.minTaxPerMuWan ?? null,
    minInvestmentPerMuWan: d.park.minInvestmentPerMuWan ?? null,
    minTaxPer1000sqmWan: d.park.minTaxPer1000SqmWan ?? null,
    lat: 31.3,
    lng: 118.9,
  } as SpaceRow;
}

/** What the four searches of search/spaces.query.ts return for `n`, chosen in code. */
/** Every document as hardCheck sees it in Postgres' rows (with verifiedAt), made once for the candidate choice below. */
const checked = new Map(docs.map((d) => [d, { ...candidateOf(d), verifiedAt: new Date(d.verifiedAtTs! * 1000).toISOString() }]));

/** What the four searches of search/spaces.query.ts return for `n`, chosen in code. */
function searchOf(n: MatchNeed): { candidates: SpaceDocument[]; nearby: SpaceDocument[] } {
  const ofKind = docs.filter((d) => d.kind === n.need.kind && d.status === "available");
  const passing = ofKind.filter((d) => hardCheck(n, checked.get(d)!, OPTIONS).pass);
  const target = targetArea(n);
  const byArea = (a: SpaceDocument, b: SpaceDocument) => a.areaSqm - b.areaSqm;
  const above = passing
    .filter((d) => d.areaSqm >= target)
    .sort(byArea)
    .slice(0, 20);
  const below = passing
    .filter((d) => d.areaSqm < target)
    .sort((a, b) => b.areaSqm - a.areaSqm)
    .slice(0, 20);
  const focusCodes = [n.use.industry, sectionOf(n.use.industry)];
  const focus = passing
    .filter((d) => d.park.industries.some((c) => focusCodes.includes(c)))
    .sort(byArea)
    .slice(0, 10);
  const candidates = [...new Map([...above, ...below, ...focus].map((d) => [d.id, d])).values()];
  // whyNotWindow: available, of the kind, from just below the area window, offerMinSqm below its top; the nearest the target.
  const { targetSqm: t, minAreaSqm: lo, maxOfferSqm: hi } = whyNotWindow(n);
  const nearby = ofKind
    .filter((d) => d.areaSqm >= lo && (hi === null || d.offerMinSqm <= hi))
    .sort((a, b) => Math.abs(a.areaSqm - t) - Math.abs(b.areaSqm - t))
    .slice(0, WHY_NOT_LIMIT);
  return { candidates, nearby };
}

const index = new Map(docs.map((d, i) => [d.id, i]));
const cases = leads.map((n) => {
  const found = searchOf(n);
  const all = [...found.candidates, ...found.nearby];
  return {
    n,
    candidates: found.candidates.map(candidateOf),
    nearby: found.nearby.map(candidateOf),
    rows: () => all.map((d) => rowOf(d, index.get(d.id)!)),
    live: all.slice(0, 4).map((d, i) => ({ spaceId: d.id, foundBy: i === 3 ? ("space" as const) : ("lead" as const) })),
  };
});
const spacesPerLead = cases.reduce((a, c) => a + c.candidates.length + c.nearby.length, 0) / cases.length;

/** bench:match's code part: rank the candidates, then why-not over candidates and neighbours. */
function searchPath(c: (typeof cases)[number]) {
  const check = hardCheckOf(c.n, OPTIONS);
  const results = rankMatches(c.n, c.candidates, { limit: 5, ...OPTIONS, check });
  explainExclusions(c.n, [...c.candidates, ...c.nearby], new Set(results.map((r) => r.spaceId)), { ...OPTIONS, check });
  return results.length;
}

/** The lead.match job's in-memory part, with one lock round in which nothing changed. */
function jobPath(c: (typeof cases)[number], rows: SpaceRow[], reread: (ids: string[]) => SpaceRow[]) {
  const spaces = new LeadMatchSpaces(c.n, rows, OPTIONS);
  let results = spaces.rank(5);
  const offered = results.map((r) => r.spaceId);
  if (spaces.update(offered, reread(offered))) results = spaces.rank(5);
  results.map((r) => spaces.version(r.spaceId));
  spaces.outcome(c.live, results);
  return results.length;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const timings = { search: [] as number[], job: [] as number[] };
for (let pass = 0; pass < PASSES; pass++) {
  let t = performance.now();
  for (const c of cases) searchPath(c);
  const search = ((performance.now() - t) * 1000) / cases.length;
  // Rows are fresh objects per job, as the driver parses them per query; built outside the timing.
  const rows = cases.map((c) => c.rows());
  const rereads = cases.map((c) => {
    const byId = new Map(c.rows().map((r) => [r.id, r]));
    return (ids: string[]) => ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  });
  t = performance.now();
  cases.forEach((c, i) => jobPath(c, rows[i], rereads[i]));
  const job = ((performance.now() - t) * 1000) / cases.length;
  if (pass > 0) {
    // the first pass warms the JIT up
    timings.search.push(search);
    timings.job.push(job);
  }
  console.log(`pass ${pass}: bench:match code part ${search.toFixed(0)} µs/lead, lead.match in-memory part ${job.toFixed(0)} µs/lead`);
}
console.log(
  `\n${SPACES.toLocaleString("en")} spaces, ${LEADS} leads, ${spacesPerLead.toFixed(0)} spaces per lead; median of ${PASSES - 1} passes: ` +
    `bench:match code part ${median(timings.search).toFixed(0)} µs/lead, lead.match in-memory part ${median(timings.job).toFixed(0)} µs/lead`,
);
