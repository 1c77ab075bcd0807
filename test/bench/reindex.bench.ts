import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";

import { leadSchema } from "~/domain/lead-schema";

import { createSearchClient } from "../../search/client";
import { indexNames } from "../../search/index-names";
import { validLeadJson } from "../support/leads";
import { startPrivateMeili } from "../support/services";
import { Cleanups, fmt, freshDatabase, knob, load1, pct, rssMb, sectionHeader, sleep, writeSection } from "./lib";

// npm run bench:reindex — `npm run reindex` (app/cli/reindex.ts: every index rebuilt from Postgres into a
// temporary index, then swapped) over BENCH_LEADS generated leads (default 100,000; issue 14 asks for
// 1,000,000), while a probe searches the leads index every 100 ms: a probe that fails or finds nothing
// counts as search unavailable. The first reindex builds the indexes (not measured); the second is the
// measured one. Also: the reindex process's duration and peak RSS (it reads every lead at once).

const N = knob("BENCH_LEADS", 100_000, 100, 2_000_000);
const DB = "parkmatch_bench_reindex";
const PREFIX = "bench_";

async function main() {
  const cleanups = new Cleanups();
  const loadBefore = load1();
  try {
    const { url: dbUrl, sql } = await freshDatabase(DB, cleanups, 2);
    const base = leadSchema("zh", "api").parse(validLeadJson()).lead;
    await sql`
      insert into leads (reference, status, source, lead, raw, phone, company_name, industry, consent_method, created_at, updated_at)
      select 'PM-20261130-' || lpad(i::text, 7, '0'), 'matched', 'api',
             jsonb_set(${sql.json(base as never)}::jsonb, '{company,name}', to_jsonb('南京压测' || i || '号精工有限公司')),
             '{}'::jsonb, '+86139' || lpad(i::text, 8, '0'), '南京压测' || i || '号精工有限公司', 'C35', 'unrecorded',
             now() - make_interval(mins => i % 500000), now()
      from generate_series(1, ${N}) i`;
    const meili = await startPrivateMeili();
    cleanups.add("meilisearch", () => meili.cleanup());
    const m = meili.current();
    const env = { ...process.env, DATABASE_URL: dbUrl, MEILI_URL: m.url, MEILI_MASTER_KEY: m.masterKey, MEILI_INDEX_PREFIX: PREFIX };
    const reindex = async (): Promise<{ seconds: number; peakRss: number; ok: boolean }> => {
      const t0 = performance.now();
      const child = spawn("nice", ["-n", "19", process.execPath, "--import", "tsx", "app/cli/reindex.ts"], {
        env,
        stdio: ["ignore", "inherit", "inherit"],
      });
      // A run ended meanwhile (a signal, a failure) ends the reindex too; a no-op once it has exited.
      cleanups.add("reindex", async () => void (child.exitCode === null && child.signalCode === null && child.kill("SIGTERM")));
      let peakRss = 0;
      const timer = setInterval(() => {
        // the node process is nice's child after exec: same pid
        peakRss = Math.max(peakRss, rssMb(child.pid) || 0);
      }, 200);
      const code = await new Promise<number | null>((r) => child.once("exit", r));
      clearInterval(timer);
      return { seconds: (performance.now() - t0) / 1000, peakRss, ok: code === 0 };
    };
    const first = await reindex();
    if (!first.ok) throw new Error("the first reindex failed");
    const search = createSearchClient(m.url, m.masterKey);
    const uid = indexNames(PREFIX).leads;
    let stop = false;
    const probeMs: number[] = [];
    let failed = 0;
    let empty = 0;
    const probe = (async () => {
      while (!stop) {
        const t0 = performance.now();
        try {
          const r = await search.index(uid).search("精工", { limit: 5, attributesToRetrieve: ["id"] });
          if (r.hits.length === 0) empty++;
        } catch {
          failed++;
        }
        const ms = performance.now() - t0;
        probeMs.push(ms);
        await sleep(Math.max(0, 100 - ms));
      }
    })();
    await sleep(1_000);
    const second = await reindex();
    await sleep(1_000);
    stop = true;
    await probe;
    const documents = (await search.index(uid).getStats()).numberOfDocuments;
    if (documents !== N) throw new Error(`the leads index holds ${documents} documents after the reindex, expected ${N}`);
    const ok = second.ok && failed === 0 && empty === 0;
    writeSection(
      "reindex",
      [
        sectionHeader("Reindex", `BENCH_LEADS=${N} npm run bench:reindex`, loadBefore),
        `\`npm run reindex\` (under \`nice -n 19\`) over ${fmt(N)} generated leads (and no spaces or parks), the second of two runs, while a search of the leads index runs every 100 ms. "Search unavailable": probes that failed or found nothing. Afterwards the index holds exactly the ${fmt(N)} leads (checked).`,
        "",
        "| leads | reindex s | reindex peak RSS MB | probes | failed | found nothing | probe p50 / p99 ms | search stayed available |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        `| ${fmt(N)} | ${fmt(second.seconds, 1)} | ${fmt(second.peakRss)} | ${fmt(probeMs.length)} | ${failed} | ${empty} | ${fmt(pct(probeMs, 50), 1)} / ${fmt(pct(probeMs, 99), 1)} | ${ok ? "yes" : "**no**"} |`,
      ].join("\n"),
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await cleanups.run();
  }
}

await main();
