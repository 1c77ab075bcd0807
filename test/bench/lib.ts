import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";

import postgres from "postgres";

import { createSql, type Sql } from "~/db/db.server";
import { migrate } from "~/db/migrate.server";

import { startPrivateRedis, startWebServer } from "../support/services";

// What every scenario of `npm run bench` shares: knobs, the machine and the commit, CPU time and RSS
// of processes from /proc, a fresh database, the load generator (autocannon in a process of its own,
// test/bench/load.ts) and the section of docs/benchmarks.md that a scenario rewrites.

/**
 * The state a production server keeps between two measured runs: this machine's Postgres runs with
 * autovacuum off (a CI setting), so without this each run would pay for the dead rows the runs before
 * it left (walked by every outbox poll and partial-index scan) and be planned on the statistics of an
 * empty table. When autovacuum is off, runs `vacuum analyze` on the database and returns how long it
 * took (s); null when autovacuum is on (it does this by itself). Called outside what a run measures.
 */
export async function vacuumWhereAutovacuumIsOff(sql: Sql): Promise<number | null> {
  const [{ autovacuum }] = await sql<{ autovacuum: string }[]>`select current_setting('autovacuum') as autovacuum`;
  if (autovacuum !== "off") return null;
  const t = performance.now();
  await sql.unsafe("vacuum analyze");
  return (performance.now() - t) / 1000;
}

/** A numeric env knob: `fallback` when unset, an error when outside [min, max]. */
export function knob(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const v = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isFinite(v) || v < min || v > max) throw new Error(`${name} must be a number in [${min}, ${max}], got ${raw}`);
  return v;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The p-th percentile (nearest rank) of `values`; NaN when empty. */
export function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** A figure for a table: rounded to `digits`, thousands separated, "–" when not a number. */
export function fmt(v: number, digits = 0): string {
  return Number.isFinite(v) ? v.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "–";
}

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { encoding: "utf8" }).trim();
  } catch {
    return "?";
  }
}

/** The commit measured, with a note when app/, worker/ or search/ hold uncommitted changes. */
export function commitLabel(): string {
  const dirty = git(["status", "--porcelain", "--", "app", "worker", "search"]).split("\n").filter(Boolean).length;
  return `${git(["rev-parse", "--short", "HEAD"])}${dirty ? ` + ${dirty} uncommitted file(s)` : ""}`;
}

/** Cores, memory and CPU model of this machine. */
export function machineLabel(): string {
  const c = cpus();
  return `${c.length} cores (${c[0]?.model.trim() ?? "?"}), ${Math.round(totalmem() / 2 ** 30)} GiB`;
}

/** The 1-minute load average, to state how busy the shared machine was. */
export function load1(): number {
  return loadavg()[0];
}

/** User + system CPU time of a process so far, ms (from /proc; 0 when it is gone). */
export function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, USER_HZ = 100
  } catch {
    return 0;
  }
}

/**
 * A process's counts so far (from /proc; zeros when it is gone): two that the machine's load does not inflate,
 * `syscalls` reads and writes (`syscr` + `syscw` of /proc/<pid>/io: each socket read or write is one) and
 * `sleeps` the times it waited for work (voluntary context switches: for a Node process, event-loop waits),
 * and one that measures the load, `preempted` the times the scheduler took the core from it (involuntary ones).
 */
export function procCounts(pid: number | undefined): { syscalls: number; sleeps: number; preempted: number } {
  if (pid === undefined) return { syscalls: 0, sleeps: 0, preempted: 0 };
  try {
    const io = readFileSync(`/proc/${pid}/io`, "utf8");
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const n = (re: RegExp, s: string) => Number(re.exec(s)?.[1] ?? 0);
    return {
      syscalls: n(/^syscr:\s+(\d+)/m, io) + n(/^syscw:\s+(\d+)/m, io),
      sleeps: n(/^voluntary_ctxt_switches:\s+(\d+)/m, status),
      preempted: n(/^nonvoluntary_ctxt_switches:\s+(\d+)/m, status),
    };
  } catch {
    return { syscalls: 0, sleeps: 0, preempted: 0 };
  }
}

/**
 * User + system CPU time of a process's threads whose name (comm, 15 characters) starts with one of
 * `prefixes`, ms. Meilisearch answers HTTP on its `actix-rt|system` threads and runs each search on a
 * `tokio-runtime-worker` thread; it indexes on the others (`indexing-thread`, `batch-operation`,
 * `scheduler`): the split says what a lead's searches cost apart from its documents' indexing. A thread
 * that ended is not counted (its time stays in the process's total).
 */
export function threadCpuMs(pid: number | undefined, prefixes: string[]): number {
  if (pid === undefined) return 0;
  let sum = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
        const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
        if (!prefixes.some((prefix) => comm.startsWith(prefix))) continue;
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        sum += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
      } catch {
        // the thread ended meanwhile
      }
    }
  } catch {
    return 0;
  }
  return sum;
}

/** Resident set size of a process, MB (from /proc; NaN when it is gone). */
export function rssMb(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** The pids whose command line matches (the Postgres backends of one database, a redis-server on a port). */
export function pidsWhere(match: (cmdline: string) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (match(readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " "))) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** CPU ms of the Postgres backends serving `database` (they come and go; sampled at the call). */
export function postgresCpuMs(database: string): number {
  return pidsWhere((c) => c.startsWith("postgres: ") && c.includes(` ${database} `)).reduce((s, pid) => s + cpuMs(pid), 0);
}

/** Busy CPU ms of the whole machine so far (all cores), from /proc/stat. */
export function machineBusyMs(): number {
  const [, ...v] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  const n = v.map(Number);
  const idle = n[3] + n[4];
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
  return ((total - idle) * 1000) / 100;
}

/** Cleanup steps run in reverse order, each bounded to 15 s, once, also on SIGINT/SIGTERM. */
export class Cleanups {
  private steps: { what: string; run: () => Promise<unknown> }[] = [];
  private done?: Promise<void>;
  constructor() {
    const abort = (code: number, why: string) => {
      console.error(why);
      void this.run().finally(() => process.exit(code));
    };
    process.once("SIGINT", () => abort(130, "interrupted; cleaning up"));
    process.once("SIGTERM", () => abort(143, "terminated; cleaning up"));
    process.on("uncaughtException", (e) => abort(1, `uncaught: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
    process.on("unhandledRejection", (e) => abort(1, `unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
  }
  add(what: string, run: () => Promise<unknown>): void {
    this.steps.push({ what, run });
  }
  run(): Promise<void> {
    return (this.done ??= (async () => {
      for (const s of this.steps.reverse()) {
        try {
          await Promise.race([s.run(), sleep(15_000).then(() => Promise.reject(new Error("timed out")))]);
        } catch (error) {
          console.error(`cleanup: ${s.what} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })());
  }
}

/**
 * A child process that prints `ready` on stdout once it serves. Its stop (SIGTERM, SIGKILL after
 * `stopMs`) is in `cleanups` from the moment it is spawned, so a child that never gets ready, exits at
 * start, or whose caller fails later is stopped with the rest. Rejects when it exits before `ready` or
 * does not print it within `timeoutMs`.
 */
export async function startChild(
  cleanups: Cleanups,
  what: string,
  args: { command: string; argv: string[]; env: NodeJS.ProcessEnv; ready: string; timeoutMs: number; stopMs?: number },
): Promise<{ pid: number; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(args.command, args.argv, { env: args.env, stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await Promise.race([exited, sleep(args.stopMs ?? 10_000).then(() => child.kill("SIGKILL"))]);
  };
  cleanups.add(what, stop);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${args.timeoutMs} ms`)), args.timeoutMs);
    child.stdout!.on("data", (d: Buffer) => {
      if (d.toString().includes(args.ready)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", () => {
      clearTimeout(timer);
      reject(new Error(`${what} exited at start`));
    });
  });
  child.stdout!.resume(); // keep draining its log
  return { pid: child.pid!, stop };
}

const ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/** Drops and re-creates database `name`, migrated; dropped again at cleanup. */
export async function freshDatabase(name: string, cleanups: Cleanups, poolMax = 4): Promise<{ url: string; sql: Sql }> {
  const drop = async () => {
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await admin.end();
    }
  };
  await drop();
  const url = `postgres://postgres@127.0.0.1:5432/${name}`;
  await migrate(url);
  cleanups.add(`drop database ${name}`, drop);
  const sql = createSql(url, { max: poolMax });
  cleanups.add(`pool of ${name}`, () => sql.end({ timeout: 2 }));
  return { url, sql };
}

/**
 * The web server of a benchmark of the HTTP edge, on database `dbUrl`: a Redis of its own, Meilisearch
 * pointed at a closed port (what is measured never searches), throwaway tokens, LOG_LEVEL=warn, then
 * `env` on top. With BENCH_WEB_PROFILE=<dir>, the process writes a V8 CPU profile there. Both
 * processes are stopped by `cleanups`.
 */
export async function startEdgeWebServer(dbUrl: string, cleanups: Cleanups, env: Record<string, string> = {}) {
  const redis = await startPrivateRedis();
  cleanups.add("redis-server", () => redis.stop());
  const web = await startWebServer(
    {
      DATABASE_URL: dbUrl,
      REDIS_URL: redis.url,
      MEILI_URL: "http://127.0.0.1:9",
      MEILI_MASTER_KEY: "bench-edge-unused-key-0123",
      ADMIN_API_TOKEN: "bench-edge-admin-token-0123456789",
      LOG_LEVEL: "warn",
      ...env,
    },
    webProfileArgs(),
  );
  cleanups.add("web server", () => web.stop());
  return web;
}

/** The web process's node arguments for a V8 CPU profile in BENCH_WEB_PROFILE=<dir> (none when unset). */
export function webProfileArgs(): string[] {
  const profileDir = process.env.BENCH_WEB_PROFILE;
  if (!profileDir) return [];
  mkdirSync(profileDir, { recursive: true });
  return ["--cpu-prof", `--cpu-prof-dir=${profileDir}`];
}

/** What test/bench/load.ts sends. */
export type LoadConfig = {
  url: string;
  /** api-lead: POST a JSON lead; form-lead: POST the form (urlencoded, fresh submission key); get: GET the url. */
  kind: "api-lead" | "form-lead" | "get";
  connections: number;
  seconds: number;
  /** Requests per second over all connections (autocannon overallRate); none = as fast as answered. */
  rate?: number;
  timeoutSec?: number;
  headers?: Record<string, string>;
  /** Makes phones and submission keys unique across runs of one bench. */
  seed: number;
};

/** What it reports. Latencies are autocannon's (ms, from its histogram, 1 ms resolution). */
export type LoadResult = {
  requests: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  seconds: number;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Reference (201's `reference`, or the 303's /inquiry/<reference>) of every accepted lead. */
  accepted: string[];
};

/** Runs autocannon in a process of its own (so its CPU is not the server's) and returns what it measured. */
export async function runLoad(config: LoadConfig): Promise<LoadResult & { loadCpuMs: number }> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(config.url)) throw new Error(`refusing to send load to ${config.url}`);
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "test/bench/load.ts"], {
    env: { ...process.env, BENCH_LOAD: JSON.stringify(config) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  let cpuAtStart: number | undefined;
  child.stdout!.on("data", (d: Buffer) => {
    out += d.toString();
    if (cpuAtStart === undefined && out.includes("load-start")) cpuAtStart = cpuMs(child.pid);
  });
  let cpu = 0;
  const sampler = setInterval(() => (cpu = cpuMs(child.pid) || cpu), 200);
  // "close", not "exit": the child's stdout is read to its end before the answer is parsed.
  const code = await new Promise<number | null>((r) => child.once("close", (c) => r(c)));
  clearInterval(sampler);
  cpu -= cpuAtStart ?? 0;
  const last = out.trim().split("\n").pop() ?? "";
  if (code !== 0 || !last.startsWith("{")) throw new Error(`load generator failed (exit ${code}): ${out.slice(-500)}`);
  return { ...(JSON.parse(last) as LoadResult), loadCpuMs: cpu };
}

/** Counts of a LoadResult's answers by class. */
export function answers(r: LoadResult): { ok: number; limited: number; unavailable: number; other: number } {
  let ok = 0,
    limited = 0,
    unavailable = 0,
    other = 0;
  for (const [status, n] of Object.entries(r.statuses)) {
    if (status === "201" || status === "303" || status === "200") ok += n;
    else if (status === "429") limited += n;
    else if (status === "503") unavailable += n;
    else other += n;
  }
  return { ok, limited, unavailable, other };
}

const DOC = new URL("../../docs/benchmarks.md", import.meta.url);

/**
 * Replaces the scenario's section of docs/benchmarks.md (between `<!-- bench:<id> -->` and
 * `<!-- /bench:<id> -->`) with `markdown`, or appends the section under "## Latest runs".
 * BENCH_WRITE=0 prints only.
 */
export function writeSection(id: string, markdown: string): void {
  console.log(`\n${markdown}`);
  if (process.env.BENCH_WRITE === "0") return;
  const open = `<!-- bench:${id} -->`;
  const close = `<!-- /bench:${id} -->`;
  const block = `${open}\n${markdown.trim()}\n${close}`;
  let doc = readFileSync(DOC, "utf8");
  const a = doc.indexOf(open);
  const b = doc.indexOf(close);
  if (a !== -1 && b > a) doc = doc.slice(0, a) + block + doc.slice(b + close.length);
  else {
    const heading = "## Latest runs (`npm run bench`)";
    if (!doc.includes(heading)) doc = `${doc.trimEnd()}\n\n${heading}\n\nEach section below is rewritten by its scenario on every run.\n`;
    doc = `${doc.trimEnd()}\n\n${block}\n`;
  }
  writeFileSync(DOC, doc);
}

/** The header every scenario's section starts with: command, commit, machine and its load. */
export function sectionHeader(title: string, command: string, loadBefore: number): string {
  return [
    `### ${title}`,
    "",
    `\`${command}\` · ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · commit ${commitLabel()} · ${machineLabel()} · load average ${fmt(loadBefore, 1)} → ${fmt(load1(), 1)} (1 min, before → after)`,
    "",
  ].join("\n");
}

/** Named groups of processes whose CPU time and peak RSS a scenario reports. */
export type Processes = Record<string, () => number[]>;

/** CPU ms used and peak RSS MB per process group between start() and stop(), sampled every 200 ms. */
export class Watch {
  private before = new Map<string, number>();
  private peak = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private busyBefore = 0;
  private t0 = 0;
  constructor(private groups: Processes) {}
  private sample() {
    for (const [name, pids] of Object.entries(this.groups)) {
      const rss = pids().reduce((s, pid) => s + (rssMb(pid) || 0), 0);
      this.peak.set(name, Math.max(this.peak.get(name) ?? 0, rss));
    }
  }
  private cpu(): Map<string, number> {
    return new Map(Object.entries(this.groups).map(([name, pids]) => [name, pids().reduce((s, pid) => s + cpuMs(pid), 0)]));
  }
  start(): this {
    this.before = this.cpu();
    this.peak.clear();
    this.busyBefore = machineBusyMs();
    this.t0 = performance.now();
    this.sample();
    this.timer = setInterval(() => this.sample(), 200);
    return this;
  }
  stop(): { cpuMs: Map<string, number>; peakRssMb: Map<string, number>; machineBusyShare: number; wallMs: number } {
    clearInterval(this.timer);
    this.sample();
    const after = this.cpu();
    const wallMs = performance.now() - this.t0;
    return {
      cpuMs: new Map([...after].map(([k, v]) => [k, v - (this.before.get(k) ?? 0)])),
      peakRssMb: new Map(this.peak),
      machineBusyShare: (machineBusyMs() - this.busyBefore) / (wallMs * cpus().length),
      wallMs,
    };
  }
}

/** RSS MB of each group now. */
export function rssNow(groups: Processes): Map<string, number> {
  return new Map(Object.entries(groups).map(([name, pids]) => [name, pids().reduce((s, pid) => s + (rssMb(pid) || 0), 0)]));
}

/** Per-database totals of pg_stat_statements (top-level statements only), for a per-lead figure. */
export type StatementTotals = {
  statements: number;
  calls: number;
  blocksHit: number;
  blocksRead: number;
  blocksDirtied: number;
  blocksWritten: number;
  walRecords: number;
  walFpi: number;
  walBytes: number;
  execMs: number;
  /** Plans made and their ms (0 unless pg_stat_statements.track_planning is on for the database). */
  plans: number;
  planMs: number;
  top: { query: string; calls: number; blocks: number; walBytes: number; execMs: number }[];
  /** Statements planned at more than one call in ten (a custom plan each time: ADR 121), most plan ms first. */
  replanned: { query: string; calls: number; plans: number; planMs: number }[];
};

/**
 * Clears pg_stat_statements for `sql`'s database only (other databases' figures are left alone);
 * false when the extension is not loaded on this server (shared_preload_libraries), so the caller
 * skips the measure.
 */
export async function resetStatementStats(sql: Sql): Promise<boolean> {
  try {
    await sql.unsafe("create extension if not exists pg_stat_statements");
    await sql.unsafe("select pg_stat_statements_reset(0, (select oid from pg_database where datname = current_database()), 0)");
    return true;
  } catch {
    return false;
  }
}

/**
 * What Postgres did for `sql`'s database since resetStatementStats: statements (distinct texts),
 * calls, shared buffers hit/read/dirtied/written, WAL records and bytes, execution ms, and the
 * `topN` statements by buffers. Totals count top-level statements only (a trigger's work is in its
 * statement's); the list shows nested ones too, marked, when pg_stat_statements.track is `all`.
 */
export async function statementTotals(sql: Sql, topN = 12): Promise<StatementTotals> {
  const rows = await sql.unsafe<
    {
      query: string;
      calls: string;
      hit: string;
      read: string;
      dirtied: string;
      written: string;
      walRecords: string;
      walFpi: string;
      walBytes: string;
      execMs: number;
      plans: string;
      planMs: number;
      toplevel: boolean;
    }[]
  >(
    `select query, calls::text as calls, shared_blks_hit::text as hit, shared_blks_read::text as read,
            shared_blks_dirtied::text as dirtied, shared_blks_written::text as written,
            wal_records::text as "walRecords", wal_fpi::text as "walFpi", wal_bytes::text as "walBytes", total_exec_time as "execMs",
            plans::text as plans, total_plan_time as "planMs", toplevel
       from pg_stat_statements
      where dbid = (select oid from pg_database where datname = current_database())
        and query not like '%pg_stat_statements%'`,
  );
  const n = (s: string) => Number(s);
  const t: StatementTotals = {
    statements: rows.filter((r) => r.toplevel).length,
    calls: 0,
    blocksHit: 0,
    blocksRead: 0,
    blocksDirtied: 0,
    blocksWritten: 0,
    walRecords: 0,
    walFpi: 0,
    walBytes: 0,
    execMs: 0,
    plans: 0,
    planMs: 0,
    top: [],
    replanned: [],
  };
  for (const r of rows.filter((r) => r.toplevel)) {
    t.calls += n(r.calls);
    t.blocksHit += n(r.hit);
    t.blocksRead += n(r.read);
    t.blocksDirtied += n(r.dirtied);
    t.blocksWritten += n(r.written);
    t.walRecords += n(r.walRecords);
    t.walFpi += n(r.walFpi);
    t.walBytes += n(r.walBytes);
    t.execMs += r.execMs;
    t.plans += n(r.plans);
    t.planMs += r.planMs;
  }
  t.top = rows
    .map((r) => ({
      query: r.query.replace(/\s+/g, " ").slice(0, 110),
      calls: n(r.calls),
      blocks: n(r.hit) + n(r.read),
      walBytes: n(r.walBytes),
      execMs: r.execMs,
    }))
    .sort((a, b) => b.blocks - a.blocks)
    .slice(0, topN);
  t.replanned = rows
    .filter((r) => n(r.calls) >= 50 && n(r.plans) > n(r.calls) / 10)
    .map((r) => ({ query: r.query.replace(/\s+/g, " ").slice(0, 110), calls: n(r.calls), plans: n(r.plans), planMs: r.planMs }))
    .sort((a, b) => b.planMs - a.planMs);
  return t;
}

/** A StatementTotals divided by `leads`, as a markdown table row and the top statements below it. */
export function statementTotalsPerLead(t: StatementTotals, leads: number): string {
  const per = (v: number, d = 1) => (v / leads).toFixed(d);
  const lines = [
    `| statements (texts) | calls | plans | blocks hit | read | dirtied | written | WAL records | full-page images | WAL bytes | exec ms | plan ms |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`,
    `| ${t.statements} | ${per(t.calls)} | ${per(t.plans, 2)} | ${per(t.blocksHit, 0)} | ${per(t.blocksRead)} | ${per(t.blocksDirtied)} | ${per(t.blocksWritten)} | ${per(t.walRecords)} | ${per(t.walFpi)} | ${per(t.walBytes, 0)} | ${per(t.execMs, 2)} | ${per(t.planMs, 3)} |`,
    ``,
    ...(t.replanned.length
      ? [
          `Planned anew at more than one call in ten (plans / calls, plan ms in all):`,
          ``,
          ...t.replanned.map((s) => `- ${s.plans} / ${s.calls}, ${s.planMs.toFixed(1)} ms: \`${s.query}\``),
          ``,
        ]
      : []),
    `| calls a lead | blocks a lead | WAL bytes a lead | exec ms a lead | statement |`,
    `| --- | --- | --- | --- | --- |`,
    ...t.top.map(
      (s) =>
        `| ${per(s.calls, 2)} | ${per(s.blocks)} | ${per(s.walBytes, 0)} | ${per(s.execMs, 3)} | \`${s.query.replace(/\|/g, "\\|")}\` |`,
    ),
  ];
  return lines.join("\n");
}
