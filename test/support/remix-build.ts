import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

import { WEB_ENTRY } from "../../app/cli/web-entry";
import { WORKER_ENTRY } from "../../app/cli/worker-entry";

/**
 * What `npm run build` makes, made when a source file is newer than it (the tests and benches run
 * this): the Remix build with the web server (build/index.js, docs/decisions/044) and the compiled
 * worker (build/worker.js, docs/decisions/048).
 */
export function ensureRemixBuild(): void {
  if (isStale(WEB_ENTRY, ["app", "search"], ["remix.config.js"]) || isStale(WORKER_ENTRY, ["app", "search", "worker"], ["tsconfig.json"])) {
    // npm run build's own way: built aside, so a running npm start of this checkout keeps its pages' assets.
    execFileSync(process.execPath, ["--import", "tsx", "app/cli/build.ts"], {
      stdio: "ignore",
      env: { ...process.env, BUILD_QUIET: "1" },
    });
  }
}

/** Rebuild only when a source file is newer than the build (parallel runs must not wipe a build in use). */
function isStale(output: string, dirs: string[], files: string[]): boolean {
  const built = statOrNull(output);
  if (!built) return true;
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
      const path = join(dir, entry.name);
      return Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
    }, 0);
  return Math.max(...dirs.map(newest), ...files.map((f) => statSync(f).mtimeMs)) > built.mtimeMs;
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
