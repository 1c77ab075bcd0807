import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { Redis } from "ioredis";

import { webProcessArgs } from "../../app/cli/web-entry";
import { freePort, type RunningMeili, startMeilisearch } from "../../search/launcher";

export { freePort };

/** A private redis-server on its own port, so stopping it never touches the machine's Redis. */
export async function startPrivateRedis(port?: number): Promise<{ url: string; port: number; stop: () => Promise<void> }> {
  const p = port ?? (await freePort());
  const child = spawn("redis-server", ["--port", String(p), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const url = `redis://127.0.0.1:${p}`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on("error", () => {});
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch {
      if (Date.now() > deadline) throw new Error("private redis did not start");
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  probe.disconnect();
  return {
    url,
    port: p,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** A private Meilisearch in its own temp folder; `stop` then `restart` keeps the same port and data. */
export async function startPrivateMeili(): Promise<{
  current: () => RunningMeili;
  stop: () => Promise<void>;
  restart: () => Promise<void>;
  cleanup: () => Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), "parkmatch-private-meili-"));
  const port = await freePort();
  let meili = await startMeilisearch({ dataDir: dir, port, quiet: true });
  const key = meili.masterKey;
  return {
    current: () => meili,
    stop: () => meili.stop(),
    restart: async () => {
      meili = await startMeilisearch({ dataDir: dir, port, masterKey: key, quiet: true });
    },
    cleanup: async () => {
      await meili.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A web process on `databaseUrl` for the JSON API's tests: the run's Meilisearch and admin token, and a
 * rate limit (1000 a minute) no test reaches; `env` adds or overrides settings.
 */
export function startApiWebServer(databaseUrl: string, env: Record<string, string> = {}): ReturnType<typeof startWebServer> {
  return startWebServer({
    DATABASE_URL: databaseUrl,
    MEILI_URL: process.env.MEILI_URL!,
    MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY!,
    ADMIN_API_TOKEN: process.env.ADMIN_API_TOKEN!,
    API_RATE_LIMIT_PER_MINUTE: "1000",
    ...env,
  });
}

/**
 * Starts the real web process (express + the Remix build) against the given services, with the node
 * arguments `npm start` gives it (webProcessArgs: its heap bounds), after `nodeArgs`.
 */
export async function startWebServer(
  env: Record<string, string>,
  nodeArgs: string[] = [], // e.g. --cpu-prof for a benchmark
): Promise<{ url: string; process: ChildProcess; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, ...webProcessArgs()], {
    // A queue prefix of its own also keeps its rate-limit keys in Redis apart from other runs'.
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      QUEUE_PREFIX: `pmweb-${Math.random().toString(36).slice(2, 10)}`,
      // The event-loop rule of the intake guard measures the machine, and a busy CI machine is not an
      // overloaded web process: off unless a test sets it (its rule is unit-tested; ADR 035).
      INTAKE_MAX_EVENT_LOOP_DELAY_MS: "0",
      // A test's web process lives seconds and reads few notes: the start-up warm-up (~1.5 s of CPU, ADR 148)
      // would be most of its work (ADR 172). A test of the warm-up itself sets WARM_READERS=1.
      WARM_READERS: "0",
      ...env,
      PORT: String(port),
    } as NodeJS.ProcessEnv,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  // A test that timed out while this waited ends its process: the web server goes with it.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  void exited.then(() => process.off("exit", killOnExit));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000; // a loaded 2-core machine takes a while to load the build
  for (;;) {
    if (child.exitCode !== null) throw new Error("web server exited at start");
    try {
      const res = await fetch(`${url}/inquiry/received`);
      if (res.status < 500) break;
    } catch {
      // not yet listening
    }
    if (Date.now() > deadline) {
      // Never leave it running: a web server left behind outlives the run and loads the machine
      // (one on a database that did not answer was found still up after a run, 2026-12-02).
      child.kill("SIGKILL");
      await exited;
      throw new Error("web server did not start");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    process: child,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Polls until `check` returns a truthy value, or fails with `what` after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
