import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

import { Redis } from "ioredis";
import postgres from "postgres";
import type { SMTPServerDataStream, SMTPServerSession } from "smtp-server";

import { rebuildDashboardRollupAll } from "~/admin/dashboard-rollup.server";
import { createSql, type Sql } from "~/db/db.server";
import { migrate } from "~/db/migrate.server";
import { importInventory } from "~/inventory/import.server";
import { workerEnvSchema } from "~/utils/env.server";

import { workerProcessArgs } from "../../app/cli/worker-entry";
import { createSearchClient } from "../../search/client";
import { type RunningMeili, startMeilisearch } from "../../search/launcher";
import { type RunningWorker, startWorker, type WorkerConfig } from "../../worker/runtime";
import { ensureRemixBuild } from "../support/remix-build";
import { startPrivateRedis, startWebServer } from "../support/services";
import { messageSubject, startSmtpServer, type TestServer } from "../support/smtp";
import { KNEE_MAX_RATE, kneeProbe } from "./knee";
import {
  cpuMs,
  load1,
  pidsWhere,
  procCounts,
  resetStatementStats,
  rssMb,
  sectionHeader,
  statementTotals,
  statementTotalsPerLead,
  threadCpuMs,
  vacuumWhereAutovacuumIsOff,
  webProfileArgs,
  writeSection,
} from "./lib";
import { snapshotTableWrites, tableWritesPerLead } from "./table-writes";

// npm run bench:e2e — end-to-end latency of a lead: from just before `POST /api/leads` to the moment
// the SMTP server has received the recruiter's email (end of DATA), open-loop at each rate of
// BENCH_RATES leads/s for BENCH_SECONDS, with BENCH_SPACES spaces indexed. Everything is private and on
// 127.0.0.1: Meilisearch (temp folder), database parkmatch_bench_e2e, redis-server, SMTP server, the
// real web process and the worker runtime (in this process, or with BENCH_WORKER_PROCESS=1 the compiled
// worker process as npm start runs it, build/worker.js).
//
// Knobs (env): BENCH_RATES=10,50 BENCH_SECONDS=20 BENCH_SPACES=10000 BENCH_CONCURRENCY=8
// BENCH_RELAY_POLL_MS (default: the worker's RELAY_POLL_MS default, 1000, as npm start runs) BENCH_RELAY_LINGER_MS (default: RELAY_LINGER_MS's) BENCH_SMTP_CONNECTIONS (pool size, default: the mailer's) BENCH_WAIT_SECONDS=60
// BENCH_KNEE_STEP=5 (after BENCH_RATES, rounds halving the gap between the highest rate that held —
// p99 < 2 s, nothing missing — and the lowest that did not, until it is at most this; when every rate
// held, first twice the highest, up to 200 leads/s; 0 = off)
// BENCH_WARMUP=200 (leads at 10/s, not measured) BENCH_IDLE_SECONDS=10 (each process's CPU at rest after the warm-up) BENCH_WORKER_PROCESS=0|1 BENCH_MAX_MINUTES=20 BENCH_DEBUG=1
// BENCH_WORKER_PROFILE=<dir> (a CPU profile of the worker process; needs BENCH_WORKER_PROCESS=1) BENCH_WEB_PROFILE=<dir> (of the web process)
// BENCH_DB_NAME=parkmatch_bench_e2e (the database, dropped and created: one per helper sharing a machine)
// BENCH_PG_STATEMENTS=1 (pg_stat_statements per lead of each round, reset after its vacuum, read once
// it drained; needs the extension in shared_preload_libraries; with rows written per table and WAL records per relation) BENCH_KEEP_DB=1 (the database is left)
// BENCH_LEAD_HISTORY=N (N closed leads of the past year in `leads` before the warm-up, as a server in
// use has: the statements and triggers are then planned on a table of production size, not on the few
// thousand rows of the rounds; default 0)

process.env.LOG_LEVEL ??= "warn";

// ---- configuration --------------------------------------------------------------------------------

function envNumber(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const v = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isFinite(v) || v < min || v > max) throw new Error(`${name} must be a number in [${min}, ${max}], got ${raw}`);
  return v;
}

function settings() {
  const rates = (process.env.BENCH_RATES ?? "10,50").split(",").map((s) => Number(s.trim()));
  for (const r of rates)
    if (!Number.isFinite(r) || r <= 0 || r > KNEE_MAX_RATE)
      throw new Error(`BENCH_RATES: each rate must be in (0, ${KNEE_MAX_RATE}], got ${r}`);
  const smtpConnections = process.env.BENCH_SMTP_CONNECTIONS ? envNumber("BENCH_SMTP_CONNECTIONS", 2, 1, 64) : undefined;
  return {
    rates,
    seconds: envNumber("BENCH_SECONDS", 20, 1, 300),
    spaces: envNumber("BENCH_SPACES", 10_000, 12, 200_000),
    concurrency: envNumber("BENCH_CONCURRENCY", 8, 1, 64),
    // The worker's own default: the relay and the index writer wake on NOTIFY, the poll only covers a
    // missed one; at 200 ms (this bench's setting until 12-02) the two polls cost ~5–10 ms of CPU a lead
    // at 10/s (docs/benchmarks.md, End to end, 12-02 01:26–01:40), which npm start does not pay.
    relayPollMs: envNumber("BENCH_RELAY_POLL_MS", workerEnvSchema.in.shape.RELAY_POLL_MS.parse(undefined), 50, 60_000),
    relayLingerMs: envNumber("BENCH_RELAY_LINGER_MS", workerEnvSchema.in.shape.RELAY_LINGER_MS.parse(undefined), 0, 5_000),
    smtpConnections,
    kneeStep: envNumber("BENCH_KNEE_STEP", 5, 0, 100),
    waitSeconds: envNumber("BENCH_WAIT_SECONDS", 60, 5, 600),
    warmup: envNumber("BENCH_WARMUP", 200, 0, 2_000),
    idleSeconds: envNumber("BENCH_IDLE_SECONDS", 10, 0, 600),
    workerProcess: process.env.BENCH_WORKER_PROCESS === "1",
    maxMinutes: envNumber("BENCH_MAX_MINUTES", 20, 1, 120),
    leadHistory: envNumber("BENCH_LEAD_HISTORY", 0, 0, 5_000_000),
  };
}

const DB_NAME = process.env.BENCH_DB_NAME ?? "parkmatch_bench_e2e";
const ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const DB_URL = `postgres://postgres@127.0.0.1:5432/${DB_NAME}`;
const QUEUE_PREFIX = "pmbench";
const QUEUE_NAME = "pipeline"; // the worker's BullMQ queue
const ADMIN_TOKEN = "bench-e2e-admin-token-0123456789";
const MAX_LEADS_PER_RATE = 10_000; // rate × seconds, bounded
const REFERENCE = /PM-\d{8}-\d{4,}/;

// ---- inventory --------------------------------------------------------------------------------------

type Inventory = { parks: Record<string, unknown>[]; spaces: Record<string, unknown>[]; recruiters: Record<string, unknown>[] };

// A small deterministic PRNG, so every run measures the same inventory and leads.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * The demo inventory plus generated spaces up to `total`, spread over the five demo parks. Mostly
 * factories for lease around 2 000–8 000 ㎡ (what the bench leads ask for), some warehouses, offices
 * and land so the filters have something to reject. Every recruiter gets room for the whole bench.
 */
function benchInventory(total: number): Inventory {
  const inv = JSON.parse(readFileSync(new URL("../../app/data/demo-inventory.json", import.meta.url), "utf8")) as Inventory;
  const parkIds = inv.parks.map((p) => String(p.id));
  const rand = rng(20_240_601);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const maybe = <T>(v: T): T | null => (rand() < 0.15 ? null : v);
  const n = Math.max(0, total - inv.spaces.length);
  for (let i = 1; i <= n; i++) {
    const r = rand();
    const kind = r < 0.7 ? "factory" : r < 0.85 ? "warehouse" : r < 0.95 ? "office" : "land";
    const building = kind !== "land";
    const areaSqm = kind === "land" ? Math.round(6_667 + rand() * 60_000) : Math.round(1_500 + rand() * 7_500);
    const floors = building ? (rand() < 0.6 ? 1 : 2 + Math.floor(rand() * 4)) : null;
    inv.spaces.push({
      id: `BE-${i}`,
      parkId: parkIds[i % parkIds.length],
      kind,
      deals: kind === "land" ? ["buy"] : rand() < 0.25 ? ["lease", "buy"] : ["lease"],
      title: `${pick(["标准厂房", "单层厂房", "多层厂房", "仓库", "研发楼"])}${i}号`,
      areaSqm,
      divisibleMinSqm: building && rand() < 0.1 ? Math.round(areaSqm / 3) : null,
      floors,
      singleStorey: building ? maybe(floors === 1) : null,
      ceilingM: building ? maybe(floors === 1 ? 8 + Math.round(rand() * 4) : 4 + Math.round(rand() * 2)) : null,
      floorLoadKg: building ? maybe(500 + Math.round(rand() * 2_500)) : null,
      powerKva: maybe(200 + Math.round(rand() * 1_800)),
      craneT: kind === "factory" ? maybe(Math.round(rand() * 16)) : null,
      rentYuanPerSqmMonth: building ? maybe(12 + Math.round(rand() * 20)) : null,
      priceYuanPerSqm: null,
      landPriceWanPerMu: kind === "land" ? 20 + Math.round(rand() * 15) : null,
      status: rand() < 0.9 ? "available" : pick(["reserved", "let"]),
    });
  }
  for (const r of inv.recruiters) r.capacity = 10_000; // the schema's maximum: nobody is at capacity during the bench
  return inv;
}

// ---- leads ------------------------------------------------------------------------------------------

// Each need fits the generated inventory and the parks' focus: 高淳 C35 → GC-EDZ (R1) and GC-MED (R3),
// 溧水 C38 → LS-EDZ (R4), 江宁 C39 → JN-IP (R5); 高淳 C33 also reaches 东坝 GC-DB (R2, hotline).
const PROFILES = [
  { weight: 0.4, region: "高淳区", industry: "C35", product: "数控机床" },
  { weight: 0.2, region: "溧水区", industry: "C38", product: "储能电池模组" },
  { weight: 0.25, region: "江宁区", industry: "C39", product: "传感器" },
  { weight: 0.15, region: "高淳区", industry: "C33", product: "金属结构件" },
] as const;

function benchLead(round: number, i: number, rand: () => number) {
  let x = rand();
  const profile = PROFILES.find((p) => (x -= p.weight) < 0) ?? PROFILES[0];
  const areaMin = 3_000 + Math.round(rand() * 15) * 100; // 3 000–4 500
  return {
    need: {
      kind: "factory",
      deal: "lease",
      areaMin,
      areaMax: Math.min(6_000, areaMin + 1_500),
      areaUnit: "sqm",
      regions: [profile.region],
    },
    use: { industry: profile.industry, product: profile.product },
    tax: { annualTaxWan: 200 + Math.round(rand() * 600), investmentWan: 3_000 + Math.round(rand() * 7_000) },
    company: { name: `南京压测${round}号${i}企业有限公司` },
    contact: { name: "王经理", phone: `139${String(round * 100_000 + i).padStart(8, "0")}` },
    consent: true,
  };
}

// ---- measurement --------------------------------------------------------------------------------------

type Sent = {
  i: number;
  scheduled: number; // perf ms
  t0: number; // perf ms, just before the POST
  t0Epoch: number; // Date.now() at t0, to line up with Postgres timestamps
  answered?: number; // perf ms
  status?: number;
  id?: string;
  reference?: string;
  error?: string;
};

type Arrival = { first: number; firstEpoch: number; count: number };

function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const ms = (v: number) => (Number.isFinite(v) ? String(Math.round(v)) : "–");
const sleep = (t: number) => new Promise<void>((r) => setTimeout(r, t));

// CPU time (user + system, ms) of the processes taking part, from /proc: where a lead's CPU goes.
/** Meilisearch's threads that answer HTTP and search, and those that index (threadCpuMs). */
const MEILI_SEARCH_THREADS = ["actix", "tokio-runtime"];
const MEILI_INDEXING_THREADS = ["indexing-thread", "batch-operation", "scheduler"];
type CpuGroups = Record<string, () => number[]>;
/** Major page faults so far (pages read back from disk, e.g. Meilisearch's memory-mapped index). */
function majorFaults(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[9]);
  } catch {
    return 0;
  }
}
function cpuSnapshot(groups: CpuGroups): Map<string, number> {
  return new Map(Object.entries(groups).map(([name, pids]) => [name, pids().reduce((sum, pid) => sum + cpuMs(pid), 0)]));
}
/** procCounts of the web and the worker process (the Node processes of the pipeline). */
function procSnapshot(groups: CpuGroups): Map<string, ReturnType<typeof procCounts>> {
  return new Map(
    ["web", "worker"].flatMap((name) => {
      const pid = groups[name]?.()[0];
      return pid === undefined ? [] : [[name, procCounts(pid)] as const];
    }),
  );
}
function machineCpuMs(): { busy: number; total: number } {
  const [, ...v] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  const n = v.map(Number);
  const idle = n[3] + n[4];
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: ((total - idle) * 1000) / 100, total: (total * 1000) / 100 };
}

/**
 * Postgres transactions (each statement outside a transaction counts as one) and Redis commands so far;
 * `redisByCommand`: calls per command name (INFO commandstats; commands run inside BullMQ's Lua scripts
 * count there too, the scripts themselves as evalsha).
 */
async function chatter(
  sql: Sql,
  redisUrl: string,
): Promise<{ pgXacts: number; redisCommands: number; redisByCommand: Map<string, number> }> {
  const [{ n }] = await sql<
    { n: number }[]
  >`select (xact_commit + xact_rollback)::float8 as n from pg_stat_database where datname = ${DB_NAME}`;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const info = await redis.info("stats");
    const stats = await redis.info("commandstats");
    const redisByCommand = new Map([...stats.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)].map((m) => [m[1], Number(m[2])]));
    return { pgXacts: Number(n), redisCommands: Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? NaN), redisByCommand };
  } finally {
    redis.disconnect();
  }
}

async function dueOutboxRows(sql: Sql): Promise<number> {
  const [{ n }] = await sql<{ n: number }[]>`
    select count(*)::int as n from outbox where done_at is null and (not_before is null or not_before <= now())`;
  return n;
}

async function waitOutboxDrained(sql: Sql, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = await dueOutboxRows(sql);
    if (n === 0) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${n} outbox rows still due`);
    await sleep(250);
  }
}

type RoundResult = {
  rate: number;
  sent: number;
  accepted: number;
  postErrors: number;
  emailed: number;
  hotlineOnly: number;
  noMatch: number;
  otherNoEmail: number;
  missing: number;
  notRouted: number;
  latencies: number[];
  answers: number[];
  achievedRate: number;
  maxSendLag: number;
  emailsReceived: number;
  drainedAfterMs: number | null;
  stages: Map<string, number[]>;
  jobsCoverage: string;
  fallbackEmails: number;
  meiliTasks: {
    waitP50: number;
    waitP99: number;
    runP50: number;
    runP99: number;
    batches: number;
    tasks: number;
    docs: Map<string, number>;
    tasksOf: Map<string, number>;
  };
  /** Meilisearch's CPU ms on its HTTP threads (searches, and receiving documents) during the round; the rest is indexing. */
  meiliHttpCpu: number;
  /** …and on its indexing threads; what is in neither ran on threads that ended meanwhile, or its main thread. */
  meiliIndexingCpu: number;
  loopDelayP99: number;
  cpu: Map<string, number>; // CPU ms per component during the round (send + until drained)
  /** Leads whose lead.match row was done by the round's end: the worker's work of an undrained round is a part of the leads sent. */
  routed: number;
  /** The web's and the worker's procCounts during the round (syscalls, sleeps, preemptions). */
  proc: Map<string, ReturnType<typeof procCounts>>;
  machineBusyMs: number;
  meiliMajorFaults: number;
  pgXactsPerLead: number;
  redisCommandsPerLead: number;
  /** The most frequent Redis commands, calls per lead sent, most first. */
  redisTopPerLead: [string, number][];
  wallMs: number;
  loadBefore: number;
  loadAfter: number;
  /** Peak RSS (MB) of the web and worker processes during the round, sampled every 200 ms. */
  peakRss: Map<string, number>;
};

// ---- the bench --------------------------------------------------------------------------------------------

async function main() {
  const cfg = settings();
  const loadAtStart = load1();
  ensureRemixBuild(); // the bench drives the real web server
  const cleanups: { what: string; run: () => Promise<unknown> }[] = [];
  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= (async () => {
      for (const c of cleanups.reverse()) {
        try {
          await Promise.race([c.run(), sleep(15_000).then(() => Promise.reject(new Error("timed out")))]);
        } catch (error) {
          console.error(`cleanup: ${c.what} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })());
  const abort = (code: number, why: string) => {
    console.error(why);
    void cleanup().finally(() => process.exit(code));
  };
  process.once("SIGINT", () => abort(130, "interrupted; cleaning up"));
  process.once("SIGTERM", () => abort(143, "terminated; cleaning up"));
  // A client library may throw outside any promise (postgres.js does when the server cuts a
  // connection): still stop every process and drop the database.
  process.on("uncaughtException", (error) =>
    abort(1, `uncaught: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}; cleaning up`),
  );
  process.on("unhandledRejection", (error) =>
    abort(1, `unhandled rejection: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}; cleaning up`),
  );
  const watchdog = setTimeout(() => abort(1, `bench exceeded BENCH_MAX_MINUTES=${cfg.maxMinutes}; cleaning up`), cfg.maxMinutes * 60_000);
  watchdog.unref();

  const results: RoundResult[] = [];
  const restRss = new Map<string, number>();
  let exitCode = 0;
  try {
    console.log(
      `e2e bench: rates ${cfg.rates.join(", ")} leads/s × ${cfg.seconds} s, ${cfg.spaces} spaces, worker concurrency ${cfg.concurrency}, relay poll ${cfg.relayPollMs} ms, linger ${cfg.relayLingerMs} ms, SMTP pool ${cfg.smtpConnections ?? "default"}, worker ${cfg.workerProcess ? "in its own process" : "in this process"}`,
    );
    const git = (args: string[]) => {
      try {
        return execFileSync("git", args, { encoding: "utf8" }).trim();
      } catch {
        return "?";
      }
    };
    const dirty = git(["status", "--porcelain", "--", "app", "worker", "search"]).split("\n").filter(Boolean).length;
    console.log(`code: ${git(["rev-parse", "--short", "HEAD"])}${dirty ? ` + ${dirty} uncommitted file(s) in app/ worker/ search/` : ""}`);
    console.log(
      `machine: ${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );

    // Meilisearch, private, temp folder.
    const dir = mkdtempSync(join(tmpdir(), "parkmatch-bench-e2e-"));
    cleanups.push({ what: "meilisearch temp folder", run: async () => rmSync(dir, { recursive: true, force: true }) });
    const meili: RunningMeili = await startMeilisearch({ dataDir: dir, quiet: true });
    cleanups.push({ what: "meilisearch", run: () => meili.stop() });

    // Database, dropped and migrated.
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${DB_NAME}" with (force)`);
    await admin.end();
    // BENCH_KEEP_DB=1 leaves the database for a look afterwards (EXPLAIN, pg_stat_statements).
    if (process.env.BENCH_KEEP_DB !== "1")
      cleanups.push({
        what: "drop database",
        run: async () => {
          const a = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
          try {
            await a.unsafe(`drop database if exists "${DB_NAME}" with (force)`);
          } finally {
            await a.end();
          }
        },
      });
    await migrate(DB_URL);
    // BENCH_PG_STATEMENTS: plans counted too (a statement planned at every call costs CPU that its
    // exec time does not show: ADR 121); =all: statements run by functions and triggers listed on their own.
    if (["1", "all"].includes(process.env.BENCH_PG_STATEMENTS ?? "")) {
      const a = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`alter database "${DB_NAME}" set pg_stat_statements.track_planning = on`).catch(() => {});
        if (process.env.BENCH_PG_STATEMENTS === "all") await a.unsafe(`alter database "${DB_NAME}" set pg_stat_statements.track = 'all'`);
      } finally {
        await a.end();
      }
    }
    const sql = createSql(DB_URL, { max: 4 });
    cleanups.push({ what: "bench database pool", run: () => sql.end({ timeout: 2 }) });

    const redis = await startPrivateRedis();
    cleanups.push({ what: "redis-server", run: () => redis.stop() });

    // The SMTP server: the arrival time (end of DATA) and the lead reference of every message.
    const arrivals = new Map<string, Arrival>();
    let emailsReceived = 0;
    const smtp: TestServer = await startSmtpServer({
      onData(stream: SMTPServerDataStream, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", async () => {
          const at = performance.now();
          const atEpoch = Date.now();
          callback(null);
          emailsReceived++;
          // The reference is in the subject, which nodemailer writes as RFC 2047 words: mailparser reads
          // the header block (not the body: the sink stands for an outside mail server, and its CPU counts).
          const reference = REFERENCE.exec(await messageSubject(Buffer.concat(chunks)))?.[0];
          if (!reference) return;
          const a = arrivals.get(reference);
          if (a) a.count++;
          else arrivals.set(reference, { first: at, firstEpoch: atEpoch, count: 1 });
        });
      },
    });
    cleanups.push({ what: "smtp server", run: () => smtp.close() });

    if (cfg.leadHistory > 0) {
      const t0 = performance.now();
      await insertLeadHistory(sql, cfg.leadHistory);
      console.log(`${cfg.leadHistory.toLocaleString("en")} closed leads of history in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }

    // Inventory: demo + generated, imported in one transaction; the worker indexes it.
    const inventory = benchInventory(cfg.spaces);
    let t = performance.now();
    const imported = await importInventory(sql, inventory);
    if (!imported.ok) throw new Error(`inventory import failed: ${JSON.stringify(imported.errors.slice(0, 5))}`);
    console.log(`imported ${inventory.spaces.length} spaces in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const smtpUrl = cfg.smtpConnections ? `${smtp.url}?maxConnections=${cfg.smtpConnections}` : smtp.url;
    const workerConfig: WorkerConfig = {
      databaseUrl: DB_URL,
      redisUrl: redis.url,
      meiliUrl: meili.url,
      meiliKey: meili.masterKey,
      queuePrefix: QUEUE_PREFIX,
      concurrency: cfg.concurrency,
      relayPollMs: cfg.relayPollMs,
      relayLingerMs: cfg.relayLingerMs,
      reconcileEveryMs: 30_000,
      smtpUrl,
      smtpTimeoutMs: 5_000,
      appUrl: "https://pm.bench.invalid",
      slaMinutes: 120,
    };
    let workerPid: number | undefined;
    if (cfg.workerProcess) {
      // BENCH_WORKER_PROFILE=<dir>: a V8 CPU profile of the worker process, written when it stops.
      const profile = process.env.BENCH_WORKER_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_WORKER_PROFILE}`] : [];
      // The compiled worker with npm start's node arguments (docs/decisions/048), configured as it is in production: by env.
      const child: ChildProcess = spawn(process.execPath, [...profile, ...workerProcessArgs()], {
        // NODE_ENV as `npm start` gives its children (app/cli/start.ts): packages such as React pick their production build by it.
        env: { ...process.env, NODE_ENV: "production", ...workerEnv(workerConfig), LOG_LEVEL: "info" } as NodeJS.ProcessEnv,
        stdio: ["ignore", "pipe", "inherit"],
      });
      workerPid = child.pid;
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      cleanups.push({
        what: "worker process",
        run: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await Promise.race([exited, sleep(10_000).then(() => child.kill("SIGKILL"))]);
        },
      });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("worker process did not start")), 120_000);
        child.stdout!.on("data", (d: Buffer) => {
          if (d.toString().includes('"msg":"worker started"')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once("exit", () => reject(new Error("worker process exited at start")));
      });
    } else {
      const worker: RunningWorker = await startWorker(workerConfig);
      cleanups.push({ what: "worker", run: () => worker.close() });
    }

    const web = await startWebServer(
      {
        DATABASE_URL: DB_URL,
        REDIS_URL: redis.url,
        MEILI_URL: meili.url,
        MEILI_MASTER_KEY: meili.masterKey,
        ADMIN_API_TOKEN: ADMIN_TOKEN,
        API_RATE_LIMIT_PER_MINUTE: "1000000",
        LOG_LEVEL: "warn",
      },
      webProfileArgs(),
    );
    cleanups.push({ what: "web server", run: () => web.stop() });
    const redisPort = new URL(redis.url).port;
    const cpuGroups: CpuGroups = {
      [cfg.workerProcess ? "bench (load, SMTP)" : "bench (load, SMTP, worker)"]: () => [process.pid],
      ...(workerPid ? { worker: () => [workerPid!] } : {}),
      web: () => (web.process.pid ? [web.process.pid] : []),
      meilisearch: () => (meili.process.pid ? [meili.process.pid] : []),
      postgres: () => pidsWhere((c) => c.startsWith("postgres: ") && c.includes(` ${DB_NAME} `)),
      redis: () => pidsWhere((c) => c.startsWith("redis-server") && c.includes(`:${redisPort}`)),
    };
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(web.url)) throw new Error(`refusing to send load to ${web.url}`);

    t = performance.now();
    await waitOutboxDrained(sql, 600_000, "the inventory to be indexed");
    const search = createSearchClient(meili.url, meili.masterKey);
    const stats = await search.index("spaces").getStats();
    if (stats.numberOfDocuments !== inventory.spaces.length) {
      throw new Error(`spaces index holds ${stats.numberOfDocuments} documents, expected ${inventory.spaces.length}`);
    }
    console.log(`indexed ${stats.numberOfDocuments} spaces (outbox drained) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    // The steady state, as autovacuum leaves it minutes after an import: the import and its index
    // acknowledgements left a dead version of every space (and 10,000 space.match outbox rows). Unvacuumed,
    // each lead.match's pending-spaces look-up visited ~7,000 dead entries of the partial index
    // spaces_pending (5 ms of Postgres CPU a lead), and the relay's outbox scans the dead rows.
    t = performance.now();
    await sql.unsafe("vacuum analyze");
    console.log(`vacuum analyze in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    for (const name of ["web", "worker"]) {
      const pids = cpuGroups[name]?.() ?? [];
      if (pids.length)
        restRss.set(
          name,
          pids.reduce((sum, pid) => sum + (rssMb(pid) || 0), 0),
        );
    }
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();

    // What every round is given: the services it loads and reads back, and what it measures them by.
    const rig = {
      webUrl: web.url,
      sql,
      arrivals,
      meiliUrl: meili.url,
      meiliKey: meili.masterKey,
      waitSeconds: cfg.waitSeconds,
      loop,
      emailsReceived: () => emailsReceived,
      redisUrl: redis.url,
      queuePrefix: QUEUE_PREFIX,
      cpuGroups,
    };

    // Warm-up at 10 leads/s (JIT, connection pools, and Meilisearch: its first few hundred lead
    // batches take up to seconds each on a fresh instance, which is not the steady state); not measured.
    if (cfg.warmup > 0) {
      const warm = await runRound({ ...rig, round: 1, rate: 10, count: cfg.warmup });
      console.log(
        `warm-up: ${warm.sent} leads at 10/s, ${warm.emailed} emailed, p50 ${ms(pct(warm.latencies, 50))} ms, p99 ${ms(pct(warm.latencies, 99))} ms (not counted)`,
      );
      await waitOutboxDrained(sql, 120_000, "the warm-up to finish");
    }

    // At rest: each process's CPU a second with nothing sent (timers, polls, background sweeps). At 50
    // leads/s every 50 ms/s of it is 1 ms of CPU a lead that no lead caused.
    if (cfg.idleSeconds > 0) {
      await sleep(2_000);
      const pgStatements = ["1", "all"].includes(process.env.BENCH_PG_STATEMENTS ?? "") && (await resetStatementStats(sql));
      const before = cpuSnapshot(cpuGroups);
      const machineBefore = machineCpuMs();
      await sleep(cfg.idleSeconds * 1000);
      const after = cpuSnapshot(cpuGroups);
      const machineAfter = machineCpuMs();
      const perSecond = [...after].map(([k, v]) => `${k} ${((v - (before.get(k) ?? 0)) / cfg.idleSeconds).toFixed(1)}`);
      const busy = (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total);
      console.log(
        `At rest (${cfg.idleSeconds} s, nothing sent): ms of CPU a second: ${perSecond.join(", ")}; whole machine ${(busy * 100).toFixed(0)} % busy`,
      );
      if (pgStatements)
        console.log(
          `\nPostgres statements at rest (per second):\n\n${statementTotalsPerLead(await statementTotals(sql, 15), cfg.idleSeconds)}\n`,
        );
    }

    let round = 2;
    const measure = async (rate: number) => {
      await sleep(2_000);
      const vacuumed = await vacuumWhereAutovacuumIsOff(sql);
      if (vacuumed !== null)
        console.log(`autovacuum is off on this server: vacuum analyze before the ${rate} leads/s round (${vacuumed.toFixed(1)} s)`);
      const count = Math.min(MAX_LEADS_PER_RATE, Math.round(rate * cfg.seconds));
      // Rows written per table (docs/decisions/210), with the statements' figures.
      const tablesBefore = ["1", "all"].includes(process.env.BENCH_PG_STATEMENTS ?? "") ? await snapshotTableWrites(sql) : null;
      const pgStatements = ["1", "all"].includes(process.env.BENCH_PG_STATEMENTS ?? "") && (await resetStatementStats(sql));
      const r = await runRound({ ...rig, round: round++, rate, count });
      results.push(r);
      console.log(rowOf(r));
      await waitOutboxDrained(sql, 180_000, `the ${rate} leads/s round to finish`).catch((error: Error) => console.error(error.message));
      if (pgStatements)
        console.log(
          `\nPostgres per lead of the ${rate} leads/s round (${r.sent} leads, pg_stat_statements, until drained; load ${loadavg()[0].toFixed(2)}):\n\n${statementTotalsPerLead(await statementTotals(sql, 25), r.sent)}\n`,
        );
      if (tablesBefore)
        console.log(
          `\nRows written per lead of the ${rate} leads/s round (pg_stat_user_tables, until drained):\n\n${await tableWritesPerLead(sql, tablesBefore, await snapshotTableWrites(sql), r.sent)}\n`,
        );
    };
    for (const rate of cfg.rates) await measure(rate);
    // The knee between the rates given: halve the gap between the highest rate that held and the
    // lowest above it that did not, until it is at most BENCH_KNEE_STEP leads/s (higher first when all held).
    const rounds = () => results.map((r) => ({ rate: r.rate, held: heldUp(r) }));
    for (let next = kneeProbe(rounds(), cfg.kneeStep); next !== null; next = kneeProbe(rounds(), cfg.kneeStep)) await measure(next);
    loop.disable();
  } catch (error) {
    exitCode = 1;
    console.error("bench failed:", error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    await cleanup();
    clearTimeout(watchdog);
  }

  const report: string[] = [];
  if (results.length) {
    report.push(
      `\nEnd-to-end: POST /api/leads → email received by the SMTP server (${cfg.seconds} s per rate, ${cfg.spaces.toLocaleString("en")} spaces, worker concurrency ${cfg.concurrency}, relay poll ${cfg.relayPollMs} ms, relay linger ${cfg.relayLingerMs} ms, SMTP pool ${cfg.smtpConnections ?? "default (2)"}, worker ${cfg.workerProcess ? "own process" : "bench process"})\n`,
    );
    report.push(
      "| rate (leads/s) | sent | emailed | hotline only | no match | missing | p50 ms | p90 ms | p99 ms | max ms | POST p50 ms | POST p99 ms | achieved rate | POST errors |",
    );
    report.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const r of results) report.push(rowOf(r));

    report.push(
      "\nWhere the time goes (emailed leads; ms, p50 / p99): POST → intake tx = until the lead's outbox rows were written; lead.match relay = → job in BullMQ, wait = → job started, → email = job started → first email received (matching, routing and the inline send); lead searchable = intake → its search document written by the index writer. Emails sent by a fallback notify.email job instead of inline are counted apart.\n",
    );
    const names = [...new Set(results.flatMap((r) => [...r.stages.keys()]))];
    report.push(`| rate | ${names.join(" | ")} |`);
    report.push(`| --- | ${names.map(() => "---").join(" | ")} |`);
    for (const r of results)
      report.push(
        `| ${r.rate} | ${names
          .map((n) => {
            const v = r.stages.get(n) ?? [];
            return `${ms(pct(v, 50))} / ${ms(pct(v, 99))}`;
          })
          .join(" | ")} |`,
      );
    report.push(
      `\n(lead.match job hashes found: ${results.map((r) => `${r.rate}/s ${r.jobsCoverage}`).join(", ")}; completed jobs are pruned beyond 5 000. Assignment emails sent by a fallback job instead of inline: ${results.map((r) => `${r.rate}/s ${r.fallbackEmails}`).join(", ")})`,
    );

    report.push(
      "\n| rate | Meili tasks | batches | task wait (enqueued→started) p50 / p99 ms | task run p50 / p99 ms | Meili major page faults | bench event-loop delay p99 ms | emails received | drained after last POST | load avg before → after |",
    );
    report.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const r of results) {
      const m = r.meiliTasks;
      report.push(
        `| ${r.rate} | ${m.tasks} | ${m.batches} | ${ms(m.waitP50)} / ${ms(m.waitP99)} | ${ms(m.runP50)} / ${ms(m.runP99)} | ${r.meiliMajorFaults} | ${r.loopDelayP99.toFixed(1)} | ${r.emailsReceived} | ${r.drainedAfterMs === null ? "no" : `${(r.drainedAfterMs / 1000).toFixed(1)} s`} | ${r.loadBefore.toFixed(2)} → ${r.loadAfter.toFixed(2)} |`,
      );
    }
    for (const r of results) {
      const m = r.meiliTasks;
      const meiliCpu = r.cpu.get("meilisearch") ?? 0;
      report.push(
        `\nMeilisearch at ${r.rate}/s, per lead sent: ${[...m.docs]
          .map(([uid, n]) => `${uid} ${(n / r.sent).toFixed(2)} documents in ${((m.tasksOf.get(uid) ?? 0) / r.sent).toFixed(3)} tasks`)
          .join(
            ", ",
          )}; CPU ${(meiliCpu / r.sent).toFixed(2)} ms, of it ${(r.meiliHttpCpu / r.sent).toFixed(2)} on its HTTP and search threads (searching, receiving documents), ${(r.meiliIndexingCpu / r.sent).toFixed(2)} on its indexing threads, ${((meiliCpu - r.meiliHttpCpu - r.meiliIndexingCpu) / r.sent).toFixed(2)} elsewhere`,
      );
    }
    const cpuNames = [...new Set(results.flatMap((r) => [...r.cpu.keys()]))];
    report.push(
      "\nCPU during each round (send + until drained or timed out): ms of CPU per lead sent, and the share of the 2 cores' time\n",
    );
    report.push(`| rate | ${cpuNames.join(" | ")} | all of these | whole machine busy |`);
    report.push(`| --- | ${cpuNames.map(() => "---").join(" | ")} | --- | --- |`);
    const cores = cpus().length;
    for (const r of results) {
      const cell = (v: number) => `${(v / r.sent).toFixed(1)} ms (${((100 * v) / (r.wallMs * cores)).toFixed(0)}%)`;
      const sum = [...r.cpu.values()].reduce((a, b) => a + b, 0);
      report.push(
        `| ${r.rate} | ${cpuNames.map((n) => cell(r.cpu.get(n) ?? 0)).join(" | ")} | ${cell(sum)} | ${((100 * r.machineBusyMs) / (r.wallMs * cores)).toFixed(0)}% |`,
      );
    }
    // Counts a lead the load does not inflate (syscalls, event-loop waits) and the one that measures it
    // (preemptions), per lead the process worked on: every POST was the web's; the worker's are the leads
    // routed by the round's end (a round that did not drain routed fewer; its CPU then also holds work on
    // leads not yet routed: an upper bound). docs/decisions/211.
    report.push(
      `\nPer lead, counts (web: per lead sent; worker: per lead routed by the round's end): ${results
        .map(
          (r) =>
            `${r.rate}/s, ${r.routed} of ${r.sent} routed: ${[...r.proc]
              .map(([name, c]) => {
                const n = Math.max(1, name === "web" ? r.sent : r.routed);
                const cpuMs = (r.cpu.get(name) ?? 0) / n;
                return `${name} ${cpuMs.toFixed(1)} ms CPU, ${(c.syscalls / n).toFixed(1)} syscalls, ${(c.sleeps / n).toFixed(2)} event-loop waits, ${(c.preempted / n).toFixed(2)} preemptions`;
              })
              .join("; ")}`,
        )
        .join(" — ")}`,
    );
    report.push(
      `\nPer lead sent: ${results.map((r) => `${r.rate}/s ${r.pgXactsPerLead.toFixed(0)} Postgres transactions (pg_stat_database, statements outside a transaction count too), ${r.redisCommandsPerLead.toFixed(0)} Redis commands (${r.redisTopPerLead.map(([cmd, n]) => `${cmd} ${n.toFixed(1)}`).join(", ")})`).join("; ")}`,
    );
    // The knee: the highest rate measured whose p99 stays under 2 s with no email missing (issue 14).
    const good = results.filter(heldUp);
    const knee = good.length ? Math.max(...good.map((r) => r.rate)) : null;
    // Nothing failed above the knee (the search was off, or it held up to the bench's top rate): a lower bound.
    const bound = knee !== null && !results.some((r) => !heldUp(r) && r.rate > knee) ? "at least " : "";
    report.push(
      `\nKnee (highest rate of ${results.map((r) => r.rate).join(", ")} leads/s with p99 < 2 s and nothing missing): ${knee !== null ? `${bound}${knee} leads/s` : "below the lowest rate measured"}.`,
    );
    report.push(
      `Memory (RSS MB; at rest after start-up: ${[...restRss].map(([k, v]) => `${k} ${v.toFixed(0)}`).join(", ")}); peak during each round: ${results
        .map((r) => `${r.rate}/s ${[...r.peakRss].map(([k, v]) => `${k} ${v.toFixed(0)}`).join(", ")}`)
        .join("; ")}`,
    );
    const incomplete = results.filter((r) => r.missing > 0 || r.notRouted > 0 || r.postErrors > 0);
    for (const r of incomplete)
      report.push(
        `\n${r.rate} leads/s: ${r.missing} leads with an email assignment got no email in time, ${r.notRouted} not routed in time, ${r.postErrors} POST errors.`,
      );
  }
  // The tables above are this scenario's section of docs/benchmarks.md (BENCH_WRITE=0: printed only);
  // a run that failed prints them but leaves the last good section in place.
  if (report.length && exitCode !== 0) console.log(report.join("\n"));
  else if (report.length) writeSection("e2e", [sectionHeader("End to end", "npm run bench:e2e", loadAtStart), ...report].join("\n"));
  process.exit(exitCode);
}

/** A round that held: p99 under 2 s, every lead routed and emailed, every POST answered (issue 14's knee). */
function heldUp(r: RoundResult): boolean {
  return pct(r.latencies, 99) < 2_000 && r.missing + r.notRouted + r.postErrors === 0;
}

function rowOf(r: RoundResult): string {
  return `| ${r.rate} | ${r.sent} | ${r.emailed} | ${r.hotlineOnly} | ${r.noMatch + r.otherNoEmail} | ${r.missing + r.notRouted} | ${ms(pct(r.latencies, 50))} | ${ms(pct(r.latencies, 90))} | ${ms(pct(r.latencies, 99))} | ${ms(Math.max(...r.latencies))} | ${ms(pct(r.answers, 50))} | ${ms(pct(r.answers, 99))} | ${r.achievedRate.toFixed(1)}/s | ${r.postErrors} |`;
}

// The load generator's client: node:http with kept-alive connections. The global fetch (undici) cost
// the bench ~1.2 ms of CPU a POST (a Request, a body stream, an AbortSignal each), and the bench's CPU
// counts in the machine's (docs/benchmarks.md, "The bench's own CPU").
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function post(webUrl: string, body: unknown, s: Sent): Promise<void> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise<void>((resolve) => {
    const done = (error?: string) => {
      s.answered = performance.now();
      if (error) s.error = error;
      resolve();
    };
    const req = http.request(
      `${webUrl}/api/leads`,
      { method: "POST", agent, timeout: 30_000, headers: { "content-type": "application/json", "content-length": payload.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", (e) => done(e.message));
        res.on("end", () => {
          s.status = res.statusCode;
          const text = Buffer.concat(chunks).toString("utf8");
          try {
            const json = JSON.parse(text) as { id?: string; reference?: string };
            if (res.statusCode === 201) {
              s.id = json.id;
              s.reference = json.reference;
              return done();
            }
            done(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`);
          } catch {
            done(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`);
          }
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error("timed out after 30 s")));
    req.on("error", (e) => done(e.message));
    req.end(payload);
  });
}

async function runRound(o: {
  round: number;
  rate: number;
  count: number;
  webUrl: string;
  sql: Sql;
  arrivals: Map<string, Arrival>;
  meiliUrl: string;
  meiliKey: string;
  waitSeconds: number;
  loop: ReturnType<typeof monitorEventLoopDelay>;
  emailsReceived: () => number;
  redisUrl: string;
  queuePrefix: string;
  cpuGroups: CpuGroups;
}): Promise<RoundResult> {
  const rand = rng(o.round * 7919);
  const bodies = Array.from({ length: o.count }, (_, i) => benchLead(o.round, i, rand));
  const sent: Sent[] = [];
  const inflight: Promise<void>[] = [];
  const loadBefore = loadavg()[0];
  const emailsBefore = o.emailsReceived();
  const startedAt = new Date(Date.now() - 1_000);
  o.loop.reset();
  const cpuBefore = cpuSnapshot(o.cpuGroups);
  const meiliPid = o.cpuGroups.meilisearch?.()[0];
  const faultsBefore = majorFaults(meiliPid);
  const meiliHttpBefore = threadCpuMs(meiliPid, MEILI_SEARCH_THREADS);
  const meiliIndexingBefore = threadCpuMs(meiliPid, MEILI_INDEXING_THREADS);
  const chatterBefore = await chatter(o.sql, o.redisUrl);
  const procBefore = procSnapshot(o.cpuGroups);
  const machineBefore = machineCpuMs();
  const wallBefore = performance.now();
  const peakRss = new Map<string, number>();
  // The web and worker pids, found once: scanning /proc every 200 ms cost the bench process (whose CPU
  // counts in the machine's) more than the load it generates at 10 leads/s.
  const samplePids = new Map(["web", "worker"].map((name) => [name, o.cpuGroups[name]?.() ?? []]));
  const rssSampler = setInterval(() => {
    for (const [name, pids] of samplePids) {
      const mb = pids.reduce((sum, pid) => sum + (rssMb(pid) || 0), 0);
      if (pids.length) peakRss.set(name, Math.max(peakRss.get(name) ?? 0, mb));
    }
  }, 200);

  // Open loop: lead i is due at start + i/rate, whatever happened to the earlier ones.
  const interval = 1000 / o.rate;
  const start = performance.now() + 50;
  for (let i = 0; i < o.count; i++) {
    const scheduled = start + i * interval;
    // A timer to the send time (±1 ms); spinning the last millisecond, as before, cost the bench ~7 % of
    // its CPU in performance.now() alone.
    const wait = scheduled - performance.now();
    if (wait > 0) await sleep(wait);
    const s: Sent = { i, scheduled, t0: performance.now(), t0Epoch: Date.now() };
    sent.push(s);
    inflight.push(post(o.webUrl, bodies[i], s));
  }
  await Promise.all(inflight);
  const lastPost = performance.now();
  const ok = sent.filter((s) => s.reference);

  // Wait for every lead's first email, or for the pipeline to be idle (everything routed and sent),
  // at most waitSeconds after the last POST.
  let drainedAfterMs: number | null = null;
  const deadline = lastPost + o.waitSeconds * 1000;
  while (performance.now() < deadline) {
    if (ok.every((s) => o.arrivals.has(s.reference!))) break;
    if ((await dueOutboxRows(o.sql)) === 0) {
      drainedAfterMs = performance.now() - lastPost;
      await sleep(300); // an email is received before its job marks the row done; let the last ones land
      break;
    }
    await sleep(200);
  }
  if (drainedAfterMs === null && (await dueOutboxRows(o.sql)) === 0) drainedAfterMs = performance.now() - lastPost;
  clearInterval(rssSampler);
  const cpuAfter = cpuSnapshot(o.cpuGroups);
  const procAfter = procSnapshot(o.cpuGroups);
  const meiliMajorFaults = majorFaults(meiliPid) - faultsBefore;
  const meiliHttpCpu = threadCpuMs(meiliPid, MEILI_SEARCH_THREADS) - meiliHttpBefore;
  const meiliIndexingCpu = threadCpuMs(meiliPid, MEILI_INDEXING_THREADS) - meiliIndexingBefore;
  const chatterAfter = await chatter(o.sql, o.redisUrl);
  const machineAfter = machineCpuMs();
  const wallMs = performance.now() - wallBefore;
  const cpu = new Map([...cpuAfter].map(([k, v]) => [k, v - (cpuBefore.get(k) ?? 0)]));

  // What each lead should have produced, from Postgres.
  const ids = ok.map((s) => s.id!);
  const facts = ids.length
    ? await o.sql<{ id: string; status: string; email: boolean; hotline: boolean; callback: boolean; routed: boolean }[]>`
        select l.id, l.status,
               exists (select 1 from notifications n where n.lead_id = l.id and n.channel = 'email' and n.kind = 'assignment') as email,
               exists (select 1 from assignments a where a.lead_id = l.id and a.channel = 'hotline') as hotline,
               exists (select 1 from call_tasks c where c.lead_id = l.id and c.kind = 'callback') as callback,
               exists (select 1 from outbox o where o.aggregate_id = l.id::text and o.topic = 'lead.match' and o.done_at is not null) as routed
        from leads l where l.id in ${o.sql(ids)}`
    : [];
  const byId = new Map(facts.map((f) => [f.id, f]));

  const latencies: number[] = [];
  let emailed = 0,
    hotlineOnly = 0,
    noMatch = 0,
    otherNoEmail = 0,
    missing = 0,
    notRouted = 0;
  for (const s of ok) {
    const a = o.arrivals.get(s.reference!);
    const f = byId.get(s.id!);
    if (a) {
      emailed++;
      latencies.push(a.first - s.t0);
    } else if (!f || !f.routed) notRouted++;
    else if (f.email) missing++;
    else if (f.hotline) hotlineOnly++;
    else if (f.callback) noMatch++;
    else otherNoEmail++;
  }

  // Stage breakdown of the emailed leads: the outbox rows (written, relayed, done) and the lead.match
  // job's BullMQ hash (job id `outbox-<job_key>`, a group's key for a row relayed in one (ADR 073):
  // added, started, finished; a group's job starts once for all its leads).
  const stages = new Map<string, number[]>();
  const add = (name: string, v: number | null | undefined) => {
    if (v === null || v === undefined || !Number.isFinite(v)) return;
    const list = stages.get(name) ?? [];
    list.push(v);
    stages.set(name, list);
  };
  const emailedIds = ok.filter((s) => o.arrivals.has(s.reference!)).map((s) => s.id!);
  const slowest: { latency: number; at: number; parts: string }[] = [];
  let jobsFound = 0;
  let jobsLooked = 0;
  const matchKeys: string[] = [];
  let fallbackEmails = 0;
  if (emailedIds.length) {
    const rows = await o.sql<{ leadId: string; jobKey: string; topic: string; created: number; done: number | null }[]>`
      select o.aggregate_id as lead_id, coalesce(o.relay_job_key, o.job_key)::text as job_key, o.topic,
             extract(epoch from o.created_at) * 1000 as created, extract(epoch from o.done_at) * 1000 as done
      from outbox o
      where o.aggregate_id in ${o.sql(emailedIds)} and o.topic in ('lead.index', 'lead.match')`;
    const [{ n }] = await o.sql<{ n: number }[]>`
      select count(*)::int as n from notifications n join outbox o on o.aggregate_id = n.id::text and o.topic = 'notify.email'
      where n.lead_id in ${o.sql(emailedIds)} and n.kind = 'assignment' and o.relayed_at is not null`;
    fallbackEmails = n;
    const matchRows = rows.filter((r) => r.topic === "lead.match");
    matchKeys.push(...matchRows.map((r) => r.jobKey));
    const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: 1 });
    try {
      const pipeline = redis.pipeline();
      for (const r of matchRows)
        pipeline.hmget(`${o.queuePrefix}:${QUEUE_NAME}:outbox-${r.jobKey}`, "timestamp", "processedOn", "finishedOn");
      const raw = (await pipeline.exec()) ?? [];
      const jobOf = new Map(
        matchRows.map((r, k) => {
          const [added, started, finished] = ((raw[k]?.[1] as (string | null)[] | null) ?? [null, null, null]).map((x) =>
            x ? Number(x) : null,
          );
          jobsLooked++;
          if (added !== null) jobsFound++;
          return [r.leadId, { created: Number(r.created), added, started, finished }] as const;
        }),
      );
      // The first lead.index row of a lead is the intake's.
      const indexOf = new Map<string, { created: number; done: number | null }>();
      for (const r of rows.filter((x) => x.topic === "lead.index")) {
        const prev = indexOf.get(r.leadId);
        if (!prev || Number(r.created) < prev.created)
          indexOf.set(r.leadId, { created: Number(r.created), done: r.done === null ? null : Number(r.done) });
      }
      for (const s of ok) {
        const h = jobOf.get(s.id!);
        const a = o.arrivals.get(s.reference!);
        if (!h || !a) continue;
        add("POST → intake tx", h.created - s.t0Epoch);
        const li = indexOf.get(s.id!);
        if (li?.done) add("lead searchable", li.done - li.created);
        if (h.added === null) continue;
        add("lead.match relay", h.added - h.created);
        if (h.started === null) continue;
        add("lead.match wait", h.started - h.added);
        add("lead.match → email", a.firstEpoch - h.started);
        slowest.push({
          latency: a.first - s.t0,
          at: s.t0 - sent[0].t0,
          parts: `relay ${h.added - h.created}, wait ${h.started - h.added}, → email ${a.firstEpoch - h.started}`,
        });
      }
      if (process.env.BENCH_DEBUG) {
        slowest.sort((x, y) => y.latency - x.latency);
        console.log(`slowest leads at ${o.rate}/s (ms):`);
        for (const x of slowest.slice(0, 8))
          console.log(`  ${Math.round(x.latency)} ms, sent at +${(x.at / 1000).toFixed(1)} s: ${x.parts}`);
        const buckets = new Map<number, number[]>();
        for (const x of slowest) buckets.set(Math.floor(x.at / 2000), [...(buckets.get(Math.floor(x.at / 2000)) ?? []), x.latency]);
        console.log(
          `  latency by send time (2 s buckets, p50/max): ${[...buckets]
            .sort((a, b) => a[0] - b[0])
            .map(([b, v]) => `+${b * 2}s ${ms(pct(v, 50))}/${ms(Math.max(...v))}`)
            .join("  ")}`,
        );
      }
    } finally {
      redis.disconnect();
    }
  }

  // Meilisearch's own view of the round: how long tasks waited in its queue and ran.
  const meiliTasks = {
    waitP50: NaN,
    waitP99: NaN,
    runP50: NaN,
    runP99: NaN,
    batches: 0,
    tasks: 0,
    // Documents sent (added or updated, and deleted) and tasks, by index: load-independent counts.
    docs: new Map<string, number>(),
    tasksOf: new Map<string, number>(),
  };
  try {
    const search = createSearchClient(o.meiliUrl, o.meiliKey);
    const waits: number[] = [],
      runs: number[] = [];
    const batchIds = new Set<number>();
    let from: number | undefined;
    for (let page = 0; page < 50; page++) {
      const res = await search.tasks.getTasks({
        afterEnqueuedAt: startedAt.toISOString(),
        limit: 1000,
        ...(from !== undefined ? { from } : {}),
      });
      for (const task of res.results) {
        if (!task.startedAt || !task.finishedAt) continue;
        const enq = Date.parse(task.enqueuedAt),
          st = Date.parse(task.startedAt),
          fin = Date.parse(task.finishedAt);
        waits.push(st - enq);
        runs.push(fin - st);
        const details = (task.details ?? {}) as { receivedDocuments?: number; providedIds?: number };
        const uid = task.indexUid ?? "(none)";
        meiliTasks.docs.set(uid, (meiliTasks.docs.get(uid) ?? 0) + (details.receivedDocuments ?? details.providedIds ?? 0));
        meiliTasks.tasksOf.set(uid, (meiliTasks.tasksOf.get(uid) ?? 0) + 1);
        const b = (task as { batchUid?: number | null }).batchUid;
        if (typeof b === "number") batchIds.add(b);
      }
      if (res.next === null || res.next === undefined) break;
      from = res.next;
    }
    Object.assign(meiliTasks, {
      waitP50: pct(waits, 50),
      waitP99: pct(waits, 99),
      runP50: pct(runs, 50),
      runP99: pct(runs, 99),
      batches: batchIds.size,
      tasks: waits.length,
    });
    if (process.env.BENCH_DEBUG) {
      // The longest Meilisearch batches of the round and the longest idle gaps between batches.
      const res = await fetch(`${o.meiliUrl}/batches?limit=1000&afterEnqueuedAt=${encodeURIComponent(startedAt.toISOString())}`, {
        headers: { authorization: `Bearer ${o.meiliKey}` },
      });
      const { results: batches } = (await res.json()) as {
        results: {
          uid: number;
          startedAt: string;
          finishedAt: string | null;
          stats: { totalNbTasks: number; progressTrace?: Record<string, string> };
        }[];
      };
      const spans = batches
        .filter((b) => b.finishedAt)
        .map((b) => ({
          uid: b.uid,
          start: Date.parse(b.startedAt),
          end: Date.parse(b.finishedAt!),
          tasks: b.stats.totalNbTasks,
          trace: b.stats.progressTrace ?? {},
        }))
        .sort((a, b) => a.start - b.start);
      const longest = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, 3);
      console.log(
        `meilisearch at ${o.rate}/s: longest batches ${longest
          .map(
            (b) =>
              `#${b.uid} ${b.end - b.start} ms (${b.tasks} tasks) [${Object.entries(b.trace)
                .filter(([k]) => k.split(" > ").length <= 3)
                .map(([k, v]) => `${k.replace(/^processing tasks > /, "")}=${v}`)
                .filter((x) => !/µs|ns/.test(x))
                .join(", ")}]`,
          )
          .join("; ")}`,
      );
      if (process.env.BENCH_DEBUG === "2" && longest[0]) console.log(JSON.stringify(longest[0].trace, null, 1));
      const gaps = spans
        .slice(1)
        .map((b, k) => ({ after: spans[k].uid, gap: b.start - spans[k].end }))
        .sort((a, b) => b.gap - a.gap)
        .slice(0, 3);
      console.log(`  longest gaps between batches: ${gaps.map((g) => `${g.gap} ms after #${g.after}`).join(", ")}`);
    }
  } catch (error) {
    console.error(`could not read Meilisearch tasks: ${error instanceof Error ? error.message : String(error)}`);
  }

  const firstT0 = sent[0]?.t0 ?? 0;
  const lastT0 = sent[sent.length - 1]?.t0 ?? 0;
  return {
    rate: o.rate,
    sent: sent.length,
    accepted: ok.length,
    postErrors: sent.length - ok.length,
    emailed,
    hotlineOnly,
    noMatch,
    otherNoEmail,
    missing,
    notRouted,
    latencies,
    answers: sent.filter((s) => s.answered !== undefined && s.status === 201).map((s) => s.answered! - s.t0),
    achievedRate: sent.length > 1 ? ((sent.length - 1) * 1000) / (lastT0 - firstT0) : 0,
    maxSendLag: Math.max(0, ...sent.map((s) => s.t0 - s.scheduled)),
    emailsReceived: o.emailsReceived() - emailsBefore,
    drainedAfterMs,
    stages,
    jobsCoverage: `${jobsFound}/${jobsLooked} (in ${new Set(matchKeys).size} jobs)`,
    fallbackEmails,
    meiliTasks,
    meiliHttpCpu,
    meiliIndexingCpu,
    loopDelayP99: o.loop.percentile(99) / 1e6,
    cpu,
    routed: facts.filter((f) => f.routed).length,
    proc: new Map(
      [...procAfter].map(([name, a]) => {
        const b = procBefore.get(name) ?? { syscalls: 0, sleeps: 0, preempted: 0 };
        return [name, { syscalls: a.syscalls - b.syscalls, sleeps: a.sleeps - b.sleeps, preempted: a.preempted - b.preempted }];
      }),
    ),
    machineBusyMs: machineAfter.busy - machineBefore.busy,
    meiliMajorFaults,
    pgXactsPerLead: (chatterAfter.pgXacts - chatterBefore.pgXacts) / Math.max(1, sent.length),
    redisCommandsPerLead: (chatterAfter.redisCommands - chatterBefore.redisCommands) / Math.max(1, sent.length),
    redisTopPerLead: [...chatterAfter.redisByCommand]
      .map(([cmd, calls]): [string, number] => [cmd, (calls - (chatterBefore.redisByCommand.get(cmd) ?? 0)) / Math.max(1, sent.length)])
      .filter(([, perLead]) => perLead >= 0.5)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10),
    wallMs,
    loadBefore,
    loadAfter: loadavg()[0],
    peakRss,
  };
}

/**
 * `n` leads of the past year (before today), all closed (won, lost or closed: no job, reverse match or
 * dashboard day changes with them), in `leads` only, then `vacuum analyze` as a server's autovacuum would
 * have, and the dashboard's rollup of their days built. What they give the rounds is a leads table and
 * indexes of production size.
 */
async function insertLeadHistory(sql: Sql, n: number): Promise<void> {
  await sql`
    insert into leads (id, reference, status, source, lead, raw, phone, credit_code, company_name, industry, consent_method, created_at, updated_at)
    select gen_random_uuid(), 'PM-' || to_char(at, 'YYYYMMDD') || '-H' || lpad(i::text, 7, '0'),
           (array['won','lost','closed'])[1 + i % 3], (array['web','web','api','hotline'])[1 + i % 4],
           jsonb_build_object('company', jsonb_build_object('name', name), 'use', jsonb_build_object('product', '产品' || (i % 300)),
                              'need', jsonb_build_object('kind', (array['factory','warehouse','land','office'])[1 + i % 4], 'deal', 'lease', 'areaMinSqm', 1000 + i % 9000),
                              'contact', jsonb_build_object('name', '王经理', 'phone', '137' || lpad(i::text, 8, '0'))),
           '{}'::jsonb, '+86137' || lpad(i::text, 8, '0'), case when i % 2 = 0 then '91320200' || lpad(i::text, 10, '0') end,
           name, (array['C35','C38','C39','F51','G59','M73'])[1 + i % 6], 'unrecorded', at, at
    from (select i, now() - interval '1 day' - make_interval(secs => i * (364 * 86400.0 / ${n})) as at,
                 (array['南京','苏州','无锡','常州'])[1 + i % 4] || (array['精工','华兴','恒盛','电子','新材料'])[1 + (i / 4) % 5] || i || '有限公司' as name
          from generate_series(1, ${n}) i) g`;
  await sql.unsafe("vacuum analyze leads");
  // The dashboard's rollup of those days, as a server in use has it built (else the worker's pass rebuilds them during the rounds).
  await rebuildDashboardRollupAll(sql, 366);
  await sql.unsafe("vacuum analyze");
}

/** The environment the worker process (build/worker.js, worker/index.ts) reads for `config`. */
function workerEnv(config: WorkerConfig): Record<string, string> {
  const env: Record<string, string | number | undefined> = {
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    MEILI_URL: config.meiliUrl,
    MEILI_MASTER_KEY: config.meiliKey,
    QUEUE_PREFIX: config.queuePrefix,
    WORKER_CONCURRENCY: config.concurrency,
    RELAY_POLL_MS: config.relayPollMs,
    RELAY_LINGER_MS: config.relayLingerMs,
    RECONCILE_EVERY_MS: config.reconcileEveryMs,
    SMTP_URL: config.smtpUrl,
    SMTP_TIMEOUT_MS: config.smtpTimeoutMs,
    APP_URL: config.appUrl,
    ACCEPT_SLA_MINUTES: config.slaMinutes,
  };
  return Object.fromEntries(Object.entries(env).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
}

await main();
