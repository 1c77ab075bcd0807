import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Builds the Remix app when a source file is newer than the build (the tests and benches run it). */
export function ensureRemixBuild(): void {
  if (!buildIsStale()) return;
  execFileSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], {
    stdio: "ignore",
    env: { ...process.env, NODE_ENV: "production" },
  });
}

/** Rebuild only when a source file is newer than the build (parallel runs must not wipe a build in use). */
function buildIsStale(): boolean {
  const built = statOrNull("build/index.js");
  if (!built) return true;
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
      const path = join(dir, entry.name);
      return Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
    }, 0);
  return Math.max(newest("app"), newest("search"), statSync("remix.config.js").mtimeMs) > built.mtimeMs;
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
