import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { webProcessArgs } from "../../app/cli/web-entry";
import { workerProcessArgs } from "../../app/cli/worker-entry";
import { ensureRemixBuild } from "../support/remix-build";
import { startPrivateMeili, startPrivateRedis, startWebServer } from "../support/services";
import {
  answers,
  Cleanups,
  fmt,
  freshDatabase,
  knob,
  load1,
  rssMb,
  runLoad,
  sectionHeader,
  sleep,
  startChild,
  Watch,
  writeSection,
} from "./lib";

// npm run bench:memory — RSS of the web and the worker process (issue 14: < 250 MB each under load), at
// rest after start, under each load, and at rest again afterwards (does memory come back?). Loads
// (autocannon in its own process, test/bench/load.ts): POST /api/leads at BENCH_RATE (default 100
// leads/s; the worker indexes and matches every lead: 20 demo-free parks, no spaces), the form page
// GET / as fast as answered, POST /api/leads and the form's POST / at saturation. Peak RSS sampled every 200 ms.
// Knobs: BENCH_SECONDS=10 BENCH_RATE=100 BENCH_CONNECTIONS=16.

process.env.LOG_LEVEL ??= "warn";
const DB = "parkmatch_bench_memory";
const cfg = {
  seconds: knob("BENCH_SECONDS", 10, 1, 300),
  rate: knob("BENCH_RATE", 100, 1, 10_000),
  connections: knob("BENCH_CONNECTIONS", 16, 1, 512),
};

/** The compiled worker in a process of its own, stopped by `cleanups` however the run ends. */
function startWorkerProcess(env: Record<string, string>, cleanups: Cleanups): Promise<{ pid: number; stop: () => Promise<void> }> {
  return startChild(cleanups, "worker", {
    command: process.execPath,
    argv: workerProcessArgs(),
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "info", ...env } as NodeJS.ProcessEnv,
    ready: "worker started",
    timeoutMs: 90_000,
    stopMs: 12_000,
  });
}

async function main() {
  const cleanups = new Cleanups();
  const loadBefore = load1();
  const rows: string[] = [];
  try {
    ensureRemixBuild();
    const { url: dbUrl } = await freshDatabase(DB, cleanups);
    const redis = await startPrivateRedis();
    cleanups.add("redis-server", () => redis.stop());
    const meili = await startPrivateMeili();
    cleanups.add("meilisearch", () => meili.cleanup());
    const outbox = mkdtempSync(join(tmpdir(), "pm-bench-mail-"));
    cleanups.add("mail outbox", async () => rmSync(outbox, { recursive: true, force: true }));
    const queuePrefix = `pmmem-${Math.random().toString(36).slice(2, 8)}`;
    const m = meili.current();
    const common = {
      DATABASE_URL: dbUrl,
      REDIS_URL: redis.url,
      MEILI_URL: m.url,
      MEILI_MASTER_KEY: m.masterKey,
      QUEUE_PREFIX: queuePrefix,
    };
    const worker = await startWorkerProcess({ ...common, MAIL_OUTBOX_DIR: outbox }, cleanups);
    const web = await startWebServer({
      ...common,
      ADMIN_API_TOKEN: "bench-memory-admin-token-0123456789",
      API_RATE_LIMIT_PER_MINUTE: "100000000",
      LOG_LEVEL: "warn",
    });
    cleanups.add("web server", () => web.stop());
    const groups = { web: () => [web.process.pid!], worker: () => [worker.pid] };
    const rest = (what: string) => {
      const line = `| at rest: ${what} | – | – | ${fmt(rssMb(web.process.pid))} | ${fmt(rssMb(worker.pid))} |`;
      console.log(line);
      rows.push(line);
    };
    await sleep(5_000);
    rest("after start (+5 s)");
    let seed = 1;
    const load = async (what: string, config: Parameters<typeof runLoad>[0]) => {
      const watch = new Watch(groups).start();
      const r = await runLoad(config);
      const w = watch.stop();
      const a = answers(r);
      const line = `| ${what} | ${fmt(a.ok / r.seconds)}/s | ${fmt(r.latency.p99)} | ${fmt(w.peakRssMb.get("web") ?? NaN)} | ${fmt(w.peakRssMb.get("worker") ?? NaN)} |`;
      console.log(line);
      rows.push(line);
    };
    await load(`POST /api/leads at ${cfg.rate} leads/s (worker indexing and matching)`, {
      url: `${web.url}/api/leads`,
      kind: "api-lead",
      connections: cfg.connections,
      seconds: cfg.seconds,
      rate: cfg.rate,
      seed: seed++,
    });
    await load("GET / (form page) as fast as answered", {
      url: `${web.url}/`,
      kind: "get",
      connections: cfg.connections,
      seconds: cfg.seconds,
      seed: seed++,
    });
    await load("POST /api/leads at saturation", {
      url: `${web.url}/api/leads`,
      kind: "api-lead",
      connections: cfg.connections,
      seconds: cfg.seconds,
      seed: seed++,
    });
    await load("POST / (the form) at saturation", {
      url: `${web.url}/?index`,
      kind: "form-lead",
      connections: cfg.connections,
      seconds: cfg.seconds,
      seed: seed++,
    });
    await sleep(10_000);
    rest("10 s after the loads");
    writeSection(
      "memory",
      [
        sectionHeader("Memory", "npm run bench:memory", loadBefore),
        `RSS of the web process (\`${webProcessArgs().join(" ")}\`, NODE_ENV=production) and the worker process (\`${workerProcessArgs().join(" ")}\`), each with the node arguments \`npm start\` gives it, with real Redis, Meilisearch and Postgres; autocannon in its own process, ${cfg.seconds} s per load, ${cfg.connections} connections; peak RSS sampled every 200 ms. Target (issue 14): < 250 MB each under load.`,
        "",
        "| load | answered 2xx/s | p99 ms | web RSS MB (peak) | worker RSS MB (peak) |",
        "| --- | ---: | ---: | ---: | ---: |",
        ...rows,
      ].join("\n"),
    );
  } finally {
    await cleanups.run();
  }
}

await main();
