import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

// npm run build's Remix step (app/cli/remix-build.ts) on a one-route app: `npm start` printed esbuild's
// "fatal error: all goroutines are asleep - deadlock!" and its stacks under a build that had succeeded
// (trial 12-05): the Remix CLI never disposes its compiler, and esbuild's service then waits for it
// forever once its parent exits. The fixture exits while a ping of the service is surely in flight.

const APP = resolve("test/fixtures/tiny-remix");
const out = mkdtempSync(join(tmpdir(), "parkmatch-tiny-remix-"));
const { VITE_CJS_IGNORE_WARNING: _ignored, ...env } = process.env;
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("npm run build's Remix step", () => {
  it("builds, and esbuild's service ends with the process: no deadlock dump, no Vite CJS warning", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", join(APP, "hold-after-build.ts"), APP], {
      env: { ...env, NODE_ENV: "production", TINY_REMIX_OUT: out },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(out, "server", "index.js"))).toBe(true);
    const printed = `${run.stdout}${run.stderr}`;
    expect(printed).not.toContain("all goroutines are asleep");
    expect(printed).not.toContain("The CJS build of Vite's Node API is deprecated");
    expect(run.stdout).toMatch(/built \(\d+\.\d+s\)/);
    // Nothing installed into the fixture (Remix's default entry would have installed isbot there).
    expect(existsSync(join(APP, "node_modules"))).toBe(false);
  }, 150_000);
});
