import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { TestProject } from "vitest/node";

import { startMeilisearch } from "../../search/launcher";
import { chromiumPath, HEADLESS_SHELL } from "../support/browser";
import { createTemplateDatabase, dropLeftTestDatabases, dropTestDatabases, testDatabasePrefix } from "../support/database";
import { assertNoPhonesInLog } from "../support/log-scan";
import { ensureRemixBuild } from "../support/remix-build";

// Once per run: the project's own Meilisearch (the real server, on a free port, in a temp folder)
// and a fresh Remix build for the tests that drive the real web server.
export default async function setup(project: TestProject) {
  ensureChromium();
  const dir = mkdtempSync(join(tmpdir(), "parkmatch-test-meili-"));
  const meili = await startMeilisearch({ dataDir: dir, quiet: true });
  project.provide("meiliUrl", meili.url);
  project.provide("meiliKey", meili.masterKey);
  const dbPrefix = testDatabasePrefix(project.name);
  project.provide("dbPrefix", dbPrefix);
  await dropLeftTestDatabases(); // what interrupted runs of this checkout left, never a live run's
  await createTemplateDatabase(dbPrefix);
  // Every process of the run (test files, the web and worker processes they start) appends its log
  // lines here; the teardown fails the run when one carries a full phone number (ADR 022).
  const logFile = join(dir, "run-logs.ndjson");
  project.provide("logFile", logFile);
  ensureRemixBuild();
  return async () => {
    await meili.stop();
    await dropTestDatabases(dbPrefix);
    try {
      const { lines } = assertNoPhonesInLog(logFile);
      console.log(`log scan (${project.name}): ${lines} log lines, no full phone number`);
    } catch (error) {
      process.exitCode = 1; // vitest reports a teardown error but would still exit 0
      throw error;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/**
 * The browser tests drive Debian's Chromium headless shell (chromiumPath). A fresh machine of this kind
 * does not have it yet: as root, install it (what .ci/run does too), so `npm ci && npm test` works as the
 * README says; without root, Debian's chromium does.
 */
function ensureChromium(): void {
  if (process.env.CHROMIUM_PATH) {
    if (existsSync(process.env.CHROMIUM_PATH)) return;
    throw new Error(`Chromium not found at CHROMIUM_PATH=${process.env.CHROMIUM_PATH}`);
  }
  if (existsSync(HEADLESS_SHELL)) return;
  if (process.getuid?.() !== 0) {
    if (existsSync(chromiumPath())) return;
    throw new Error(`Chromium not found: install it (apt-get install -y chromium-headless-shell) or set CHROMIUM_PATH`);
  }
  console.log("installing Debian's chromium headless shell for the browser tests (once per machine)…");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium-headless-shell"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

declare module "vitest" {
  export interface ProvidedContext {
    meiliUrl: string;
    meiliKey: string;
    dbPrefix: string;
    logFile: string;
  }
}
