import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { supervise, type Supervised } from "../../app/cli/supervisor";
import { WEB_ENTRY } from "../../app/cli/web-entry";
import { createSearchClient, waitSucceeded } from "../../search/client";
import { meiliCommand, meiliHealthy } from "../../search/launcher";
import { createTestDatabase } from "../support/database";
import { eventually, freePort } from "../support/services";

// Issue 13, defect 1: under `npm start` one dead child stopped everything. The supervisor that
// `npm start` (app/cli/start.ts) uses restarts a child that dies, with backoff, and leaves the others be.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
const running: Supervised[] = [];

beforeAll(async () => {
  db = await createTestDatabase("supervisor");
});
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop(2_000)));
  await db?.drop();
});

describe("npm start's supervisor", () => {
  it("brings the web process back after kill -9, on the same port", async () => {
    const port = await freePort();
    const restarts: string[] = [];
    const web = supervise("web", [WEB_ENTRY], {
      env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "silent", DATABASE_URL: db.url, PORT: String(port) },
      minDelayMs: 100,
      onRestart: (r) => restarts.push(`${r.name}:${r.signal ?? r.code}`),
    });
    running.push(web);
    const answers = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/inquiry/received`).catch(() => null);
      return res !== null && res.status === 200;
    };
    await eventually(answers, "the web process", 60_000);
    const first = web.pid()!;
    process.kill(first, "SIGKILL");
    await eventually(
      async () => web.pid() !== undefined && web.pid() !== first && (await answers()),
      "the web process back after kill -9",
      60_000,
    );
    expect(restarts).toEqual(["web:SIGKILL"]);
    expect(web.restarts()).toBe(1);
  }, 150_000);

  // A dead bundled Meilisearch stayed dead under npm start: leads waited unmatched until someone restarted it.
  it("brings npm start's Meilisearch back after kill -9, on the same port and key, with its indexes", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "pm-supervised-meili-"));
    try {
      const { command, args, env, url, masterKey } = await meiliCommand({ dataDir, logLevel: "ERROR" });
      // The key is not on the command line (any local user reads it with `ps`), only in the environment.
      expect(args.join(" ")).not.toContain(masterKey);
      const meili = supervise("meilisearch", args, { command, env, minDelayMs: 100 });
      running.push(meili);
      await meiliHealthy(url);
      const search = createSearchClient(url, masterKey);
      await waitSucceeded(search.createIndex("kept", { primaryKey: "id" }));
      const first = meili.pid()!;
      expect(readFileSync(`/proc/${first}/cmdline`, "utf8")).not.toContain(masterKey);
      expect((await fetch(`${url}/indexes`)).status).toBe(401); // the key is in force
      process.kill(first, "SIGKILL");
      await eventually(async () => meili.pid() !== undefined && meili.pid() !== first, "Meilisearch started again", 30_000);
      await meiliHealthy(url);
      expect((await search.getRawIndex("kept")).uid).toBe("kept"); // same port, same key, same data
      await meili.stop(5_000);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("keeps restarting a child that dies at once, each wait twice the last up to the cap, and stops on request", async () => {
    const delays: number[] = [];
    const crashing = supervise("crashing", ["-e", "process.exit(70)"], {
      minDelayMs: 20,
      maxDelayMs: 160,
      onRestart: (r) => delays.push(r.delayMs),
    });
    running.push(crashing);
    await eventually(async () => delays.length >= 6, "six restarts", 60_000);
    await crashing.stop(1_000);
    expect(delays.slice(0, 6)).toEqual([20, 40, 80, 160, 160, 160]);
    const after = delays.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(delays.length).toBe(after); // stopped: no more restarts
  }, 90_000);

  // Ctrl-C on npm start signals every child at once: Meilisearch exited (130) while the web and worker
  // were still stopping, and the log said "meilisearch exited (130); restarting in 0.5 s".
  it("after endRestarts a child that exits on its own is neither restarted nor said to be", async () => {
    const restarts: string[] = [];
    const child = supervise("sigint-child", ["-e", "process.on('SIGINT', () => process.exit(130)); setInterval(() => {}, 1000)"], {
      minDelayMs: 20,
      onRestart: (r) => restarts.push(`${r.name}:${r.code}`),
    });
    running.push(child);
    await eventually(async () => child.pid() !== undefined, "the child", 10_000);
    await new Promise((r) => setTimeout(r, 300)); // its SIGINT handler is set
    const pid = child.pid()!;
    child.endRestarts();
    process.kill(pid, "SIGINT");
    await eventually(async () => child.pid() === undefined, "the child gone", 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(restarts).toEqual([]);
    expect(child.pid()).toBeUndefined();
    await child.stop(1_000); // stopping what already ended resolves at once
  }, 30_000);
});

describe("npm start with its port taken", () => {
  it("stops at once with a message in both languages instead of restarting the web process forever", async () => {
    const { createServer } = await import("node:net");
    const { spawnSync } = await import("node:child_process");
    const holder = createServer();
    const port = await new Promise<number>((resolve) => holder.listen(0, () => resolve((holder.address() as { port: number }).port)));
    try {
      // spawnSync blocks this process, but the holder's socket is already bound, so the port stays taken.
      const run = spawnSync(process.execPath, ["--import", "tsx", "app/cli/start.ts"], {
        env: { ...process.env, PORT: String(port), DATABASE_URL: db.url },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`端口 ${port} 已被占用`);
      expect(run.stderr).toContain(`Port ${port} is already in use`);
    } finally {
      holder.close();
    }
  });
});

describe("npm start with a bad WEB_HEAP_MB", () => {
  it("stops at once with a message in both languages", async () => {
    const { spawnSync } = await import("node:child_process");
    const { freePort } = await import("../support/services");
    const run = spawnSync(process.execPath, ["--import", "tsx", "app/cli/start.ts"], {
      env: { ...process.env, PORT: String(await freePort()), DATABASE_URL: db.url, WEB_HEAP_MB: "lots", SEED_DEMO: "0" },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("WEB_HEAP_MB=lots 无效");
    expect(run.stderr).toContain("WEB_HEAP_MB=lots is not valid");
  }, 150_000);
});
