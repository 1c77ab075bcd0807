import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { Cleanups, pidsWhere, startChild } from "../bench/lib";

// A benchmark stops what it started on any failure (ADR 096): `bench:lookup` once left its Meilisearch
// running when the migration after its start threw. Here the step after the start throws for real —
// a database name the migration refuses — and no process started on the run's data folder may be left.
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Whether a process of that id still exists (signal 0 only asks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("a benchmark stops its children when a step after their start throws", () => {
  it("bench:lookup: the migration fails after Meilisearch started → the bench exits non-zero and Meilisearch is gone", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "parkmatch-bench-stop-"));
    dirs.push(dataDir);
    const child = spawn(process.execPath, ["--import", "tsx", "test/bench/lookup.bench.ts", "--leads", "10"], {
      env: {
        ...process.env,
        BENCH_DATA_DIR: dataDir,
        BENCH_DATABASE_URL: "postgres://postgres@127.0.0.1:5432/not.a-valid-name", // ensureDatabase throws
        BENCH_WRITE: "0",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    // Meilisearch is seen running on the data folder before the failure (the bench really started it).
    let meiliSeen: number[] = [];
    const watching = setInterval(() => {
      const now = pidsWhere((c) => c.includes(dataDir));
      if (now.length) meiliSeen = now;
    }, 20);
    const code = await new Promise<number | null>((r) => child.once("exit", r));
    clearInterval(watching);
    expect(stderr).toContain("Unsupported database name");
    expect(code).not.toBe(0);
    expect(meiliSeen.length).toBeGreaterThan(0);
    for (const pid of meiliSeen) expect(alive(pid)).toBe(false);
    expect(pidsWhere((c) => c.includes(dataDir))).toEqual([]);
  }, 60_000);

  it("startChild: a child that never says it is ready is stopped by the cleanups of the run that failed", async () => {
    const cleanups = new Cleanups();
    const marker = `parkmatch-silent-child-${process.pid}-${Date.now()}`;
    const started = startChild(cleanups, "silent child", {
      command: process.execPath,
      argv: ["-e", "setInterval(() => {}, 1000)", marker],
      env: process.env,
      ready: "never printed",
      timeoutMs: 500,
      stopMs: 2_000,
    });
    await expect(started).rejects.toThrow("did not start");
    const [pid] = pidsWhere((c) => c.includes(marker));
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(true);
    await cleanups.run();
    expect(alive(pid)).toBe(false);
  });
});
