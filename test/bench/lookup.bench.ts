import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

import { createSql } from "~/db/db.server";
import { ensureDatabase, migrate } from "~/db/migrate.server";
import { readCallerQuery } from "~/domain/caller-query";
import type { Lead } from "~/domain/lead-schema";
import { normalizePhone } from "~/domain/phone";
import { leadSearchCopies } from "~/domain/search-text.server";
import { findCallerLeads } from "~/hotline/caller-search.server";

import { callerSearchQuery } from "../../search/callers.query";
import { createSearchClient, ensureIndex, waitSucceeded } from "../../search/client";
import { startMeilisearch } from "../../search/launcher";
import { type LeadRow, toLeadDocument } from "../../search/lead-document";
import { type LeadDocument, leadsSettings } from "../../search/leads.index";
import { Cleanups, load1, sectionHeader, writeSection } from "./lib";

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
const GENERATOR_VERSION = 5; // 5: documents as the index writer makes them (number starts and ends, contact words), landlines, contacts by name
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

const CITIES = ["南京", "苏州", "无锡", "常州", "扬州", "镇江", "合肥", "杭州", "上海", "宁波", "高淳", "溧水", "张家港", "江阴"];
const WORDS = "华兴恒盛精工智能电子科技机械新材料环保光电汽配医疗食品包装物流建材纺织化工精密动力数控模具新能源"; // characters for names
const TRADITIONAL = ["華興", "電子", "機械", "精密儀器", "動力", "環保", "醫療", "紡織"];
const LATIN = ["ABC", "TCL", "Acme", "KSB", "GE"];
const TRADES = ["机械", "电子", "科技", "新材料", "精密", "汽车零部件", "包装", "食品", "医疗器械", "物流"];
const SURNAMES = [
  "王",
  "李",
  "张",
  "刘",
  "陈",
  "杨",
  "赵",
  "黄",
  "周",
  "吴",
  "徐",
  "孙",
  "胡",
  "朱",
  "高",
  "林",
  "何",
  "郭",
  "马",
  "罗",
  "欧阳",
  "司马",
];
const GIVEN = "伟芳娜敏静强磊军洋勇艳杰涛明超秀兰霞平刚";
/** How a caller who gives only the surname is noted, at intake as at the desk. */
const ADDRESS = ["先生", "女士", "经理", "总", "工"];
const MOBILE = ["139", "138", "137", "136", "135", "150", "151", "152", "158", "159", "186", "187", "188", "177", "199"];
/** Area codes and the first digit of their 8-digit local numbers (Nanjing, Suzhou, Wuxi). */
const LANDLINE = ["258", "5126", "5108"];
const CREDIT = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const YEAR_SECONDS = 365 * 86_400;

type Generated = LeadRow & { status: string; phone: string; creditCode: string | null; companyName: string };

/**
 * The i-th generated lead as intake stores it (deterministic, so every run and the reused index hold the
 * same leads): a company of a city and two or three name characters (a tenth in Traditional, a twentieth
 * with a Latin brand), a contact by full name or by surname and form of address, a mobile or (a sixth) a
 * landline number, half with a credit code, created over one year.
 */
function generated(i: number): Generated {
  const rand = rng(i * 2654435761);
  const style = rand();
  const core =
    style < 0.1
      ? pick(rand, TRADITIONAL)
      : `${style < 0.15 ? pick(rand, LATIN) : ""}${Array.from({ length: 2 + Math.floor(rand() * 2) }, () => WORDS[Math.floor(rand() * WORDS.length)]).join("")}`;
  const companyName = `${pick(rand, CITIES)}${core}${pick(rand, TRADES)}有限公司`;
  const eight = String(Math.floor(rand() * 1e8)).padStart(8, "0");
  const phone = rand() < 1 / 6 ? `+86${pick(rand, LANDLINE)}${eight.slice(1)}` : `+86${pick(rand, MOBILE)}${eight}`;
  const creditCode = rand() < 0.5 ? `91${Array.from({ length: 16 }, () => CREDIT[Math.floor(rand() * CREDIT.length)]).join("")}` : null;
  const surname = pick(rand, SURNAMES);
  const contactName =
    rand() < 0.6
      ? `${surname}${Array.from({ length: 1 + Math.floor(rand() * 2) }, () => pick(rand, [...GIVEN])).join("")}`
      : `${surname}${pick(rand, ADDRESS)}`;
  const lead = {
    company: { name: companyName, ...(creditCode ? { creditCode } : {}) },
    contact: { name: contactName, phone, phoneKind: phone.startsWith("+861") ? "mobile" : "landline" },
    need: {
      kind: pick(rand, ["factory", "warehouse", "land", "office"]),
      deal: pick(rand, ["lease", "buy", "either"]),
      areaMinSqm: Math.round(500 + rand() * 20_000),
      regions: [],
      regionCodes: [],
    },
    use: { industry: "C35", product: pick(rand, TRADES) },
  } as unknown as Lead;
  return {
    id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`, // uuid-shaped, as leads.id
    reference: `PM-2026${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}01-${String(i).padStart(7, "0")}`, // unique, as in Postgres
    status: pick(rand, ["matched", "assigned", "unmatched", "won", "lost"]),
    source: pick(rand, ["web", "api", "hotline"]),
    lead,
    createdAt: new Date((1_764_000_000 + Math.floor((i * YEAR_SECONDS) / N)) * 1000), // spread over one year of history
    phone,
    creditCode,
    companyName,
  };
}

/** The i-th lead's document as the index writer makes it (toLeadDocument: number starts and ends, contact words, search forms). */
const lead = (i: number): LeadDocument => toLeadDocument(generated(i));

/** One COPY text-format line of the leads table for a generated lead (the same id, lead, phone and code as its document). */
function copyLine(g: Generated): string {
  const created = g.createdAt.toISOString();
  const json = JSON.stringify(g.lead).replace(/\\/g, "\\\\");
  const cols = [
    g.id,
    g.reference,
    g.status,
    g.source,
    json,
    json,
    g.phone,
    g.creditCode ?? "\\N",
    g.companyName,
    "C35",
    "unrecorded",
    created,
    created,
    // What intake writes (docs/decisions/078), so the lead list's Postgres fallback searches real copies.
    leadSearchCopies(g.lead).company,
    leadSearchCopies(g.lead).product,
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
    for (let i = start; i < Math.min(N, start + BATCH); i++) lines.push(copyLine(generated(i)));
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

type Typed = { phone?: string; company?: string; creditCode?: string; contact?: string };
/** What the agent typed, by kind: the benchmark's mix and its rows. */
const KINDS = [
  "number start",
  "number end",
  "company start",
  "company + contact",
  "number start + company",
  "number end + contact",
  "credit code",
] as const;
type Kind = (typeof KINDS)[number];

/**
 * What an agent has typed at some moment of a call about lead i, as the desk's boxes hold it: a number's
 * start written as said (30 %), its end marked 尾号 / 后四位 / * (15 %), the company name's start letter
 * by letter (25 %), the company's start with the contact as noted (张先生, 王总, or the whole name: 10 %),
 * a number's start with the company's start (10 %), a number's end with the contact (5 %), a credit
 * code's start (5 %, else the company's start).
 */
function typedFor(i: number, rand: () => number): { kind: Kind; typed: Typed } {
  const g = generated(i);
  const doc = toLeadDocument(g);
  const start = (min: number, max: number) => {
    const digits = doc.phoneDigits.slice(0, min + Math.floor(rand() * (max - min + 1)));
    const style = rand();
    const said =
      style < 0.3
        ? `+86 ${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`
        : style < 0.5
          ? `${digits.slice(0, 3)} ${digits.slice(3)}`
          : digits;
    return said.replace(/[-\s]+$/, "");
  };
  const end = () => `${pick(rand, ["尾号", "尾号", "后四位 ", "*"])}${doc.phoneDigits.slice(-4)}`;
  const name = [...g.companyName];
  const company = () => name.slice(0, 2 + Math.floor(rand() * Math.min(7, name.length - 1))).join("");
  const contact = () => {
    const surname = SURNAMES.find((s) => g.lead.contact.name.startsWith(s)) ?? g.lead.contact.name.slice(0, 1);
    return rand() < 0.3 ? g.lead.contact.name : `${surname}${pick(rand, ["先生", "女士", "总", "经理"])}`;
  };
  const r = rand();
  if (r < 0.3) return { kind: "number start", typed: { phone: start(5, 11) } };
  if (r < 0.45) return { kind: "number end", typed: { phone: end() } };
  if (r < 0.7) return { kind: "company start", typed: { company: company() } };
  if (r < 0.8) return { kind: "company + contact", typed: { company: company(), contact: contact() } };
  if (r < 0.9) return { kind: "number start + company", typed: { phone: start(5, 8), company: company() } };
  if (r < 0.95) return { kind: "number end + contact", typed: { phone: end(), contact: contact() } };
  if (!g.creditCode) return { kind: "company start", typed: { company: company() } };
  return { kind: "credit code", typed: { creditCode: g.creditCode.slice(0, 8 + Math.floor(rand() * 11)) } };
}

const fingerprint = createHash("sha256").update(JSON.stringify({ GENERATOR_VERSION, N, leadsSettings })).digest("hex").slice(0, 16);

const loadBefore = load1();
// Whatever fails after Meilisearch started (the database, the migration, a query) stops it: every
// step that starts something registers its stop at once, and `finally` runs them (Cleanups, lib.ts).
const cleanups = new Cleanups();
try {
  const meili = await startMeilisearch({ dataDir: DIR, quiet: true });
  cleanups.add("meilisearch", () => meili.stop());
  const search = createSearchClient(meili.url, meili.masterKey);
  await ensureDatabase(DATABASE_URL);
  await migrate(DATABASE_URL);
  const sql = createSql(DATABASE_URL, { max: 4 });
  cleanups.add("database pool", () => sql.end());
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
    await cleanups.run();
    process.exit(0);
  }

  const rand = rng(42);
  const typed = Array.from({ length: QUERIES + 100 }, () => typedFor(Math.floor(rand() * N), rand));
  const deps = { sql, search, leadsIndex: UID };
  // The one search the lookup sends first, as it sends it (callerSearchQuery), straight to Meilisearch.
  const raw = async (t: Typed) => {
    const query = callerSearchQuery(UID, readCallerQuery(t));
    return query ? (await search.multiSearch({ queries: [query] as never })).results[0] : { hits: [] };
  };
  const lookup = async (t: Typed) => {
    const phone = normalizePhone(t.phone ?? "");
    return findCallerLeads(deps, readCallerQuery(t), phone.ok ? phone.value : null);
  };
  for (const { typed: t } of typed.slice(0, 100)) await Promise.all([raw(t), lookup(t)]); // warm both paths
  type Figures = { rawMs: number[]; lookupMs: number[]; found: number; lookupFound: number };
  const figures = (): Figures => ({ rawMs: [], lookupMs: [], found: 0, lookupFound: 0 });
  const all = figures();
  const byKind = new Map<Kind, Figures>(KINDS.map((k) => [k, figures()]));
  for (const { kind, typed: t } of typed.slice(100)) {
    // Alternate which goes first, so neither always meets a warmer cache.
    const order = all.rawMs.length % 2 === 0 ? ([raw, lookup] as const) : ([lookup, raw] as const);
    for (const f of order) {
      const t0 = performance.now();
      const result = await f(t);
      const ms = performance.now() - t0;
      for (const x of [all, byKind.get(kind)!])
        if (f === raw) {
          x.rawMs.push(ms);
          if ((result as { hits: unknown[] }).hits.length > 0) x.found++;
        } else {
          x.lookupMs.push(ms);
          if ((result as unknown[]).length > 0) x.lookupFound++;
        }
    }
  }
  const share = (n: number, of: number) => `${Math.round((n / of) * 100)}%`;
  const times = (x: Figures) => [
    pct(x.lookupMs, 50).toFixed(1),
    pct(x.lookupMs, 99).toFixed(1),
    pct(x.rawMs, 50).toFixed(1),
    pct(x.rawMs, 99).toFixed(1),
    (pct(x.lookupMs, 99) / pct(x.rawMs, 99)).toFixed(2),
    share(x.found, x.rawMs.length),
    share(x.lookupFound, x.lookupMs.length),
  ];
  const row = [
    N.toLocaleString("en"),
    QUERIES,
    ...times(all),
    indexSeconds === null ? "reused" : `${Math.round(indexSeconds)} s`,
    postgresSeconds === null ? "reused" : `${Math.round(postgresSeconds)} s`,
  ];
  const kindRows = KINDS.filter((k) => byKind.get(k)!.rawMs.length > 0).map(
    (k) => `| ${k} | ${byKind.get(k)!.rawMs.length} | ${times(byKind.get(k)!).join(" | ")} |`,
  );
  writeSection(
    "lookup",
    [
      sectionHeader("Hotline caller lookup", `npm run bench:lookup -- --leads ${N}`, loadBefore),
      `${N.toLocaleString("en")} generated leads in Meilisearch and in Postgres (the same ids, phones, codes, names; documents as the index writer makes them); ${QUERIES} lookups one after another after 100 warm-up ones — a number's start or marked end, a company's start, with a contact (张先生) or a number beside it — the lookup and the raw query (the lookup's first search, sent directly) alternating which goes first.`,
      "",
      "| leads in the index | lookups | lookup p50 ms | lookup p99 ms | raw query p50 ms | raw query p99 ms | p99 ratio | raw query found a lead | lookup showed a lead | Meilisearch indexing | Postgres COPY |",
      "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      `| ${row.join(" | ")} |`,
      "",
      "By what the agent typed (p99 of few lookups is their slowest):",
      "",
      "| typed | lookups | lookup p50 ms | lookup p99 ms | raw query p50 ms | raw query p99 ms | p99 ratio | raw query found a lead | lookup showed a lead |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...kindRows,
    ].join("\n"),
  );
} finally {
  await cleanups.run();
}
