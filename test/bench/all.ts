import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

// npm run bench — every scenario, one after the other, each as its own `npm run bench:<name>` (each
// writes its own section of docs/benchmarks.md and measures its own baseline in the same run).
// BENCH_ONLY=intake,page limits the run; scenarios another branch adds (caller lookup, admin pages)
// run when their script exists in package.json. Exit code: the number of scenarios that failed.

const ORDER = ["intake", "page", "match", "e2e", "lookup", "admin", "reverse", "reindex", "memory"];

const scripts = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { scripts: Record<string, string> })
  .scripts;
const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
const failed: string[] = [];
for (const name of ORDER) {
  if (only && !only.includes(name)) continue;
  if (!scripts[`bench:${name}`]) {
    console.log(`bench:${name}: not built on this branch, skipped`);
    continue;
  }
  console.log(`\n=== npm run bench:${name}`);
  const r = spawnSync("npm", ["run", `bench:${name}`], { stdio: "inherit" });
  // A scenario killed by a signal was stopped on purpose: the run stops there too, rather than going on
  // to the next scenario alongside whatever the stopper starts next (two runs share the bench databases).
  if (r.signal) {
    console.error(`bench:${name} stopped by ${r.signal}; the run stops here`);
    process.exit(1);
  }
  if (r.status !== 0) failed.push(name);
}
if (failed.length) console.error(`failed: ${failed.join(", ")}`);
process.exit(failed.length);
