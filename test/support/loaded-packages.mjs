// Preloaded into a web process by a test (`node --import …/loaded-packages.mjs`): on SIGUSR2 it writes the
// packages loaded so far through node's CommonJS loader (node_modules/<name>, one a line, sorted) to
// LOADED_PACKAGES_FILE. Plain JavaScript: the web process runs without a TypeScript loader.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import process from "node:process";

const require = createRequire(import.meta.url);

process.on("SIGUSR2", () => {
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    if (m) names.add(m[1]);
  }
  writeFileSync(process.env.LOADED_PACKAGES_FILE, [...names].sort().join("\n") + "\n");
});
