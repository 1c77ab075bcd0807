import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

import { createSql } from "~/db/db.server";
import { ensureDatabase, migrate } from "~/db/migrate.server";
import { readCallerQuery } from "~/domain/caller-query";
import { normalizePhone } from "~/domain/phone";
import { searchText } from "~/domain/search-text.server";
import { findCallerLeads } from "~/hotline/caller-search.server";

import { CALLER_LIMIT } from "../../search/callers.query";
import { createSearchClient, ensureIndex, waitSucceeded } from "../../search/client";
import { startMeilisearch } from "../../search/launcher";
import { type LeadDocument, leadsSettings } from "../../search/leads.index";
import { load1, sectionHeader, writeSection } from "./lib";

// npm run bench:lookup — the hotline's as-you-type caller lookup (app/hotline/caller-search.server.ts:
// the typed text read, the leads index searched, exact phone/code and the shown rows from Postgres)
// with `--leads N` (or BENCH_LEADS; default 1,000,000) generated leads in the Meilisearch index AND in
// Postgres (the lookup reads the shown rows and exact phone/code matches there), next to the raw
// Meilisearch query of the same run (the one search the lookup sends, sent directly). One agent
// typing: queries one after another. Generation (Postgres COPY, Meilisearch batched uploads) runs
// under `nice -n 19` when started so; the data lives in $BENCH_DATA_DIR/bench-lookup (default
// .data/bench-lookup) and the Postgres database parkmatch_bench_lookup, and both are reused when their
// fingerprint (generator version, size, settings) matches: a second run only measures.

const N = Number(argValue("--leads") ?? process.env.BENCH_LEADS ?? 1_000_000);
const QUERIES = Number(argValue("--queries") ?? process.env.BENCH_QUERIES ?? 1_000);
const GENERATOR_VERSION = 4; // 4: the search copies of migration 062 filled by the COPY
const BATCH = 20_000;
const UID = "leads_bench_lookup";
const DIR = join(process.env.BENCH_DATA_DIR ?? join(process.cwd(), ".data"), "bench-lookup");
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/parkmatch_bench_lookup";

/** `--name value` or `--name=value` from the command line (`npm run bench:lookup -- --leads 1000000`). */
function argValue(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  return args[i].includes("=") ? args[i].slice(name.length + 1) : args[i + 1];
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}
const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

const CITIES = ["南京", "苏州", "无锡", "常州", "扬州", "镇江", "合肥", "杭州", "上海", "宁波", "高淳", "溧水"];
const WORDS = "华兴恒盛精工智能电子科技机械新材料环保光电汽配医疗食品包装物流建材纺织化工精密动力数控模具新能源"; // characters for names
const TRADITIONAL = ["華興", "電子", "機械", "精密儀器", "動力", "環保", "醫療", "紡織"];
const TRADES = ["机械", "电子", "科技", "新材料", "精密", "汽车零部件", "包装", "食品", "医疗器械", "物流"];
const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";
const MOBILE = ["139", "138", "137", "136", "135", "150", "151", "152", "158", "159", "186", "187", "188", "177", "199"];
const CREDIT = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** The i-th generated lead: deterministic, so every run (and the reused index) holds the same leads. */
function lead(i: number): LeadDocument {
  const rand = rng(i * 2654435761);
  const traditional = rand() < 0.1;
  const core = traditional
    ? pick(rand, TRADITIONAL)
    : Array.from({ length: 2 + Math.floor(rand() * 2) }, () => WORDS[Math.floor(rand() * WORDS.length)]).join("");
  const companyName = `${pick(rand, CITIES)}${core}${pick(rand, TRADES)}有限公司`;
  const phone = `${pick(rand, MOBILE)}${String(Math.floor(rand() * 1e8)).padStart(8, "0")}`;
  const code = `91${Array.from({ length: 16 }, () => CREDIT[Math.floor(rand() * CREDIT.length)]).join("")}`;
  return {
    id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`, // uuid-shaped, as leads.id
    reference: `PM-2026${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}01-${String(i).padStart(7, "0")}`, // unique, as in Postgres
    status: pick(rand, ["matched", "assigned", "unmatched", "won", "lost"]),
    source: pick(rand, ["web", "api", "hotline"]),
    companyName,
    companyFolded: traditional ? searchText(companyName) : companyName,
    creditCode: rand() < 0.5 ? code : null,
    contactName: `${SURNAMES[Math.floor(rand() * SURNAMES.length)]}经理`,
    contactFolded: null,
    phoneDigits: phone,
    phoneLocal: null,
    phoneTails: [],
    phoneHeads: [],
    contactHeads: [],
    product: pick(rand, TRADES),
    productFolded: null,
    industry: "C35",
    section: "C",
    industryName: "C35 专用设备制造业",
    kind: pick(rand, ["factory", "warehouse", "land", "office"]),
    deal: pick(rand, ["lease", "buy", "either"]),
    areaMinSqm: Math.round(500 + rand() * 20_000),
    areaMaxSqm: null,
    regions: [],
    regionsFolded: [],
    regionCodes: [],
    regionNames: [],
    notes: null,
    notesFolded: null,
    createdAt: 1_764_000_000 + Math.floor((i * YEAR_SECONDS) / N), // spread over one year of history
  };
}

const YEAR_SECONDS = 365 * 86_400;

/** One COPY text-format line of the leads table for a generated lead (same id, phone, code, name as its document). */
function copyLine(doc: LeadDocument): string {
  const created = new Date(doc.createdAt * 1000).toISOString();
  const lead = {
    company: { name: doc.companyName, creditCode: doc.creditCode },
    contact: { name: doc.contactName, phone: doc.phoneDigits },
    need: { kind: doc.kind, deal: doc.deal, areaMinSqm: doc.areaMinSqm, areaMaxSqm: doc.areaMaxSqm },
    industry: doc.industry,
    product: doc.product,
  };
  const json = JSON.stringify(lead).replace(/\\/g, "\\\\");
  const cols = [
    doc.id,
    doc.reference,
    doc.status,
    doc.source,
    json,
    json,
    `+86${doc.phoneDigits}`,
    doc.creditCode ?? "\\N",
    doc.companyName,
    doc.industry,
    "unrecorded",
    created,
    created,
    // What intake writes (docs/decisions/078), so the lead list's Postgres fallback searches real copies.
    searchText(doc.companyName),
    searchText(doc.product ?? ""),
  ];
  return cols.join("\t");
}

/** The same N leads in Postgres (COPY), unless the database already holds them (fingerprint and count). Seconds taken, or null when reused. */
async function fillPostgres(sql: ReturnType<typeof createSql>): Promise<number | null> {
  await sql`create table if not exists bench_fingerprint (what text primary key, value text not null)`;
  const [stored] = await sql<{ value: string }[]>`select value from bench_fingerprint where what = 'leads'`;
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from leads`;
  if (stored?.value === fingerprint && n === N) return null;
  console.log(`filling Postgres: ${N.toLocaleString()} generated leads (COPY)`);
  const t0 = performance.now();
  await sql`truncate leads cascade`;
  const stream = await sql`
    copy leads (id, reference, status, source, lead, raw, phone, credit_code, company_name, industry, consent_method, created_at, updated_at, company_search, product_search)
    from stdin`.writable();
  const done = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  for (let start = 0; start < N; start += BATCH) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(N, start + BATCH); i++) lines.push(copyLine(lead(i)));
    if (!stream.write(`${lines.join("\n")}\n`)) await new Promise((resolve) => stream.once("drain", resolve));
  }
  stream.end();
  await done;
  await sql`analyze leads`;
  await sql`insert into bench_fingerprint values ('leads', ${fingerprint}) on conflict (what) do update set value = excluded.value`;
  return (performance.now() - t0) / 1000;
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

type Typed = { phone?: string; company?: string; creditCode?: string };
/** What an agent has typed at some moment of a call about lead i: part of the number (written as said), a name fragment, or a code. */
function typedFor(i: number, rand: () => number): Typed {
  const doc = lead(i);
  const r = rand();
  if (r < 0.6) {
    const digits = doc.phoneDigits.slice(0, 5 + Math.floor(rand() * 7)); // 5…11 digits typed so far
    const style = rand();
    const said =
      style < 0.3
        ? `+86 ${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`
        : style < 0.5
          ? `${digits.slice(0, 3)} ${digits.slice(3)}`
          : digits;
    return { phone: said.replace(/[-\s]+$/, "") };
  }
  if (r < 0.9 || !doc.creditCode) {
    const name = [...doc.companyName];
    const from = Math.floor(rand() * 3);
    return { company: name.slice(from, from + 2 + Math.floor(rand() * 4)).join("") };
  }
  return { creditCode: doc.creditCode.slice(0, 8 + Math.floor(rand() * 11)) };
}

const fingerprint = createHash("sha256").update(JSON.stringify({ GENERATOR_VERSION, N, leadsSettings })).digest("hex").slice(0, 16);

const loadBefore = load1();
const meili = await startMeilisearch({ dataDir: DIR, quiet: true });
const search = createSearchClient(meili.url, meili.masterKey);
await ensureDatabase(DATABASE_URL);
await migrate(DATABASE_URL);
const sql = createSql(DATABASE_URL, { max: 4 });
try {
  const printFile = join(DIR, "fingerprint.txt");
  let indexSeconds: number | null = null;
  let postgresSeconds: number | null = null;
  const reuse =
    existsSync(printFile) &&
    readFileSync(printFile, "utf8").trim() === fingerprint &&
    (await search
      .index(UID)
      .getStats()
      .then((s) => s.numberOfDocuments === N)
      .catch(() => false));
  if (!reuse) {
    console.log(`building the index: ${N.toLocaleString()} generated leads (fingerprint ${fingerprint})`);
    await search.deleteIndex(UID).waitTask({ timeout: 600_000 });
    await ensureIndex(search, UID, "id", leadsSettings);
    const t0 = performance.now();
    // One upload at a time (twenty 30 MB uploads at once broke off with EPIPE); Meilisearch batches the
    // enqueued tasks together while the next upload is generated and sent.
    const tasks = [];
    for (let start = 0; start < N; start += BATCH) {
      const lines: string[] = [];
      for (let i = start; i < Math.min(N, start + BATCH); i++) lines.push(JSON.stringify(lead(i)));
      const task = search.index(UID).addDocumentsFromString(lines.join("\n"), "application/x-ndjson", { primaryKey: "id" });
      await task; // enqueued
      tasks.push(task);
      process.stdout.write(`  sent ${Math.min(N, start + BATCH).toLocaleString()}\r`);
    }
    // Postgres is filled while Meilisearch works through the enqueued uploads.
    postgresSeconds = await fillPostgres(sql);
    for (const task of tasks) await waitSucceeded(task, 4 * 3_600_000);
    indexSeconds = (performance.now() - t0) / 1000;
    writeFileSync(printFile, fingerprint);
    console.log(`\nindexed in ${indexSeconds.toFixed(0)} s`);
  } else {
    console.log(`reusing the index (${N.toLocaleString()} leads, fingerprint ${fingerprint})`);
    postgresSeconds = await fillPostgres(sql);
  }
  if (postgresSeconds === null) console.log("reusing the Postgres leads");
  else console.log(`Postgres filled in ${postgresSeconds.toFixed(0)} s`);
  if (process.argv.includes("--generate-only")) {
    await sql.end();
    await meili.stop();
    process.exit(0);
  }

  const rand = rng(42);
  const typed = Array.from({ length: QUERIES + 100 }, () => typedFor(Math.floor(rand() * N), rand));
  const deps = { sql, search, leadsIndex: UID };
  const raw = async (t: Typed) => {
    const q = readCallerQuery(t);
    const [attrs, text] = q.phoneDigits
      ? [["phoneDigits"], q.phoneDigits]
      : q.creditCode
        ? [["creditCode"], q.creditCode]
        : [["companyName", "companyFolded"], q.company ?? ""];
    return search.index(UID).search(text, {
      attributesToSearchOn: attrs,
      limit: CALLER_LIMIT * 2,
      attributesToRetrieve: ["id"],
      matchingStrategy: "all",
      locales: ["cmn"],
      sort: ["createdAt:desc"], // as the lookup asks (docs/decisions/088)
    });
  };
  const lookup = async (t: Typed) => {
    const phone = normalizePhone(t.phone ?? "");
    return findCallerLeads(deps, readCallerQuery(t), phone.ok ? phone.value : null);
  };
  for (const t of typed.slice(0, 100)) await Promise.all([raw(t), lookup(t)]); // warm both paths
  const rawMs: number[] = [];
  const lookupMs: number[] = [];
  let found = 0;
  let lookupFound = 0;
  for (const t of typed.slice(100)) {
    // Alternate which goes first, so neither always meets a warmer cache.
    const order = rawMs.length % 2 === 0 ? ([raw, lookup] as const) : ([lookup, raw] as const);
    for (const f of order) {
      const t0 = performance.now();
      const result = await f(t);
      const ms = performance.now() - t0;
      if (f === raw) {
        rawMs.push(ms);
        if ((result as { hits: unknown[] }).hits.length > 0) found++;
      } else {
        lookupMs.push(ms);
        if ((result as unknown[]).length > 0) lookupFound++;
      }
    }
  }
  const row = [
    N.toLocaleString("en"),
    QUERIES,
    pct(lookupMs, 50).toFixed(1),
    pct(lookupMs, 99).toFixed(1),
    pct(rawMs, 50).toFixed(1),
    pct(rawMs, 99).toFixed(1),
    (pct(lookupMs, 99) / pct(rawMs, 99)).toFixed(2),
    `${Math.round((found / QUERIES) * 100)}%`,
    `${Math.round((lookupFound / QUERIES) * 100)}%`,
    indexSeconds === null ? "reused" : `${Math.round(indexSeconds)} s`,
    postgresSeconds === null ? "reused" : `${Math.round(postgresSeconds)} s`,
  ];
  writeSection(
    "lookup",
    [
      sectionHeader("Hotline caller lookup", `npm run bench:lookup -- --leads ${N}`, loadBefore),
      `${N.toLocaleString("en")} generated leads in Meilisearch and in Postgres (the same ids, phones, codes, names); ${QUERIES} lookups one after another after 100 warm-up ones, the lookup and the raw query alternating which goes first.`,
      "",
      "| leads in the index | lookups | lookup p50 ms | lookup p99 ms | raw query p50 ms | raw query p99 ms | p99 ratio | raw query found a lead | lookup showed a lead | Meilisearch indexing | Postgres COPY |",
      "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      `| ${row.join(" | ")} |`,
    ].join("\n"),
  );
} finally {
  await sql.end();
  await meili.stop();
}
