import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Settings } from "meilisearch";

import { createSearchClient, ensureIndex, waitSucceeded } from "../../search/client";
import { startMeilisearch } from "../../search/launcher";
import { type LeadDocument, leadsSettings } from "../../search/leads.index";
import { companyChars, contactHeads } from "../../search/lookup-words";
import { spacesSettings } from "../../search/spaces.index";
import { candidateQueries } from "../../search/spaces.query";
import { leadsSettingsBefore055 } from "../support/leads-settings-before-055";
import { cpuMs } from "./lib";
import { generate, randomLead, rng } from "./match-data";

// node --import tsx test/bench/meili-cost.ts — where Meilisearch's CPU per lead goes (issue 14), apart
// from the rest of the pipeline: one private Meilisearch (the launcher's 1 GiB indexing memory), 10,000
// spaces, and a leads index per settings variant holding MEILI_COST_LEADS lead documents. Measured from
// /proc (Meilisearch's own utime + stime), each step awaited before the next:
//   - the matcher's multi-search (the lead.match job's three queries, ids only; four before ADR 126), per request;
//   - a lead-index write as the index writer sends it (one addDocuments task of MEILI_COST_BATCH
//     documents: new leads), per task, per variant.
// The variants are interleaved round by round so a busy machine hits each alike.

const SPACES = Number(process.env.MEILI_COST_SPACES ?? 10_000);
const LEADS = Number(process.env.MEILI_COST_LEADS ?? 5_000);
const SEARCHES = Number(process.env.MEILI_COST_SEARCHES ?? 400);
const TASKS = Number(process.env.MEILI_COST_TASKS ?? 40);
const BATCH = Number(process.env.MEILI_COST_BATCH ?? 8);
const ROUNDS = Number(process.env.MEILI_COST_ROUNDS ?? 3);
const NOW = "2026-12-01T18:00:00.000Z";

// MEILI_COST_VARIANTS='{"name": {settings}, …}' measures other settings.
const VARIANTS: Record<string, Settings> = JSON.parse(process.env.MEILI_COST_VARIANTS ?? "null") ?? {
  before055: leadsSettingsBefore055,
  leadsSettings,
  byAttribute: { ...leadsSettings, proximityPrecision: "byAttribute" },
};

const products = ["数控机床", "锂电池电芯", "汽车零部件", "医疗器械", "光伏组件", "集成电路封装", "食品包装", "精密模具"];
function leadDoc(i: number): LeadDocument {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    reference: `PM-2026-${String(i).padStart(6, "0")}`,
    source: i % 3 ? "api" : "form",
    companyName: `南京第${i}精工机械有限公司`,
    companyFolded: `南京第${i}精工机械有限公司`,
    companyChars: companyChars(`南京第${i}精工机械有限公司`),
    creditCode: i % 2 ? `91320100MA${String(i).padStart(8, "0")}` : null,
    contactName: "王经理",
    contactFolded: null,
    phoneDigits: `138${String(10_000_000 + i * 7919).slice(-8)}`,
    phoneLocal: null,
    phoneTails: [],
    contactHeads: contactHeads("王经理"),
    product: `${products[i % products.length]}`,
    productFolded: null,
    industry: "C35",
    section: "C",
    industryName: "专用设备制造业",
    kind: "factory",
    deal: "lease",
    areaMinSqm: 1000 + (i % 50) * 100,
    areaMaxSqm: 6000,
    regions: ["高淳区"],
    regionsFolded: [],
    regionCodes: ["32", "3201", "320118"],
    regionNames: ["江苏省 南京市 高淳区"],
    notes: i % 4 ? null : "需要行车，层高八米以上",
    notesFolded: null,
    createdAt: 1_790_000_000 + i,
  };
}

const dir = mkdtempSync(join(tmpdir(), "parkmatch-meili-cost-"));
const meili = await startMeilisearch({ dataDir: dir, quiet: true });
const pid = meili.process.pid;
const client = createSearchClient(meili.url, meili.masterKey);
try {
  await ensureIndex(client, "spaces", "id", spacesSettings);
  const rand = rng(SPACES);
  await waitSucceeded(client.index("spaces").addDocuments(generate(SPACES, rand, NOW), { primaryKey: "id" }), 600_000);
  for (const [name, settings] of Object.entries(VARIANTS)) {
    await ensureIndex(client, `leads_${name}`, "id", settings);
    const docs = Array.from({ length: LEADS }, (_, i) => leadDoc(i));
    await waitSucceeded(client.index(`leads_${name}`).addDocuments(docs, { primaryKey: "id" }), 600_000);
  }
  const leads = Array.from({ length: SEARCHES }, () => randomLead(rand));
  const options = { indexUid: "spaces", now: NOW, verifyDays: 30 };
  for (const lead of leads.slice(0, 20)) await client.multiSearch({ queries: candidateQueries(lead, options) });

  const perTask: Record<string, number[]> = Object.fromEntries(Object.keys(VARIANTS).map((k) => [k, []]));
  const perSearch: number[] = [];
  let next = LEADS;
  for (let round = 0; round < ROUNDS; round++) {
    let c = cpuMs(pid);
    for (const lead of leads) await client.multiSearch({ queries: candidateQueries(lead, options) });
    perSearch.push((cpuMs(pid) - c) / leads.length);
    for (const name of Object.keys(VARIANTS)) {
      const start = next;
      c = cpuMs(pid);
      for (let t = 0; t < TASKS; t++) {
        // New leads: a match writes no document (docs/decisions/209), so the writer's tasks hold the intake's.
        const docs = Array.from({ length: BATCH }, (_, k) => leadDoc(start + t * BATCH + k));
        await waitSucceeded(client.index(`leads_${name}`).addDocuments(docs, { primaryKey: "id" }));
      }
      perTask[name].push((cpuMs(pid) - c) / TASKS);
    }
    next += TASKS * BATCH;
  }
  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(" / ");
  console.log(`Meilisearch CPU per matcher multi-search (3 queries, ${SPACES} spaces), ms, per round: ${fmt(perSearch)}`);
  for (const [name, xs] of Object.entries(perTask))
    console.log(`Meilisearch CPU per lead-index task (${BATCH} documents, ${LEADS}+ leads) [${name}], ms, per round: ${fmt(xs)}`);
  if (process.env.MEILI_COST_TRACE) {
    // Meilisearch's own steps of the last batch of each variant (wall time of each step).
    const res = await fetch(`${meili.url}/batches?limit=${Object.keys(VARIANTS).length}`, {
      headers: { authorization: `Bearer ${meili.masterKey}` },
    });
    const { results } = (await res.json()) as {
      results: { stats: { indexUids: Record<string, number>; progressTrace?: Record<string, string> } }[];
    };
    for (const b of results) console.log(Object.keys(b.stats.indexUids).join(","), JSON.stringify(b.stats.progressTrace, null, 1));
  }
} finally {
  await meili.stop();
  rmSync(dir, { recursive: true, force: true });
}
