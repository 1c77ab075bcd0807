import { weigh } from "../support/page-weight";
import { ensureRemixBuild } from "../support/remix-build";
import {
  answers,
  Cleanups,
  fmt,
  freshDatabase,
  knob,
  load1,
  pidsWhere,
  runLoad,
  sectionHeader,
  sleep,
  startEdgeWebServer,
  Watch,
  writeSection,
} from "./lib";

// npm run bench:page — the inquiry form `GET /` next to the smallest page of the same build,
// `GET /inquiry/received` (the root layout and one paragraph, no database), in the same run:
//  - first-load weight: the HTML and every script and stylesheet it loads (modulepreload, script,
//    stylesheet links), each gzipped at level 6 as a compressing proxy would send it; chunks the page
//    imports later (OpenCC's dictionary) are listed apart;
//  - requests/s at saturation (BENCH_CONNECTIONS, BENCH_SECONDS), p50/p99, web CPU per request, peak RSS.
// Knobs: BENCH_SECONDS=10 BENCH_CONNECTIONS=16 BENCH_WRITE=0 (print only)
// BENCH_WEB_PROFILE=<dir> (a V8 CPU profile of the web process, both pages' loads)

process.env.LOG_LEVEL ??= "warn";
const DB = "parkmatch_bench_page";
const PAGES = [
  { name: "form `GET /`", path: "/" },
  { name: "bare page `GET /inquiry/received`", path: "/inquiry/received" },
];

async function main() {
  const seconds = knob("BENCH_SECONDS", 10, 1, 300);
  const connections = knob("BENCH_CONNECTIONS", 16, 1, 512);
  const cleanups = new Cleanups();
  const loadBefore = load1();
  try {
    ensureRemixBuild();
    const { url: dbUrl } = await freshDatabase(DB, cleanups);
    const web = await startEdgeWebServer(dbUrl, cleanups);
    const webPids = () => (web.process.pid ? [web.process.pid] : []);
    const pg = () => pidsWhere((c) => c.startsWith("postgres: ") && c.includes(` ${DB} `));

    const rows: string[] = [];
    const results: { rps: number }[] = [];
    for (const page of PAGES)
      await runLoad({ url: web.url + page.path, kind: "get", connections: 4, seconds: Math.min(3, seconds), seed: 0 }); // warm-up
    for (const page of PAGES) {
      const w = await weigh(web.url, page.path);
      const watch = new Watch({ web: webPids, postgres: pg }).start();
      const r = await runLoad({ url: web.url + page.path, kind: "get", connections, seconds, seed: 0 });
      const m = watch.stop();
      const a = answers(r);
      const rps = a.ok / r.seconds;
      results.push({ rps });
      const ratio = results.length > 1 ? "" : "";
      rows.push(
        `| ${page.name} | ${fmt(w.htmlGz / 1024, 1)} | ${fmt(w.assetsGz / 1024, 1)} (${w.files} files) | **${fmt((w.htmlGz + w.assetsGz) / 1024, 1)}** | ${fmt((w.html + w.assets) / 1024)} | ${w.lazy.length ? `${fmt(w.lazyGz / 1024, 1)} (${w.lazy.length})` : "–"} | ${fmt(rps)} | RATIO${ratio} | ${fmt(r.latency.p50)} | ${fmt(r.latency.p99)} | ${a.other + r.errors + r.timeouts} | ${fmt((m.cpuMs.get("web") ?? 0) / Math.max(1, a.ok), 2)} | ${fmt(m.peakRssMb.get("web") ?? NaN)} | ${fmt(100 * m.machineBusyShare)} % |`,
      );
      await sleep(1_000);
    }
    const bare = results[1].rps;
    const table = rows.map((row, i) => row.replace("RATIO", `${fmt((100 * results[i].rps) / bare)} %`));
    writeSection(
      "page",
      [
        sectionHeader("Form page", "npm run bench:page", loadBefore),
        `The inquiry form next to the smallest page of the same build (the root layout and a paragraph, no database), web process in production mode, autocannon in its own process, ${connections} connections × ${seconds} s. First load = the HTML and every script and stylesheet it names, each gzipped (level 6); "later" = chunks the page imports after it is up, with what they import (the form's schema with Zod and the phone library for the live checks, OpenCC's Traditional→Simplified dictionary for the live assist).`,
        "",
        "| page | HTML KB gz | scripts + CSS KB gz | first load KB gz | first load KB raw | later KB gz | requests/s | vs bare page | p50 ms | p99 ms | errors | web CPU ms/request | web peak RSS MB | machine busy |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ...table,
      ].join("\n"),
    );
  } finally {
    await cleanups.run();
  }
  process.exit(0);
}

await main();
