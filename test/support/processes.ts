import { type ChildProcess, spawn } from "node:child_process";

import type postgres from "postgres";

import { webProcessArgs } from "../../app/cli/web-entry";
import { workerProcessArgs } from "../../app/cli/worker-entry";
import { freePort } from "../../search/launcher";

/** The real worker process (build/worker.js with its heap bounds, as `npm start` runs it) against the given services. */
export function startWorkerProcess(env: Record<string, string>): {
  process: ChildProcess;
  alive: () => boolean;
  stop: () => Promise<void>;
} {
  const child = spawn(process.execPath, workerProcessArgs(), {
    env: { ...process.env, LOG_LEVEL: "warn", RELAY_POLL_MS: "200", RECONCILE_EVERY_MS: "1000", ...env } as NodeJS.ProcessEnv,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return {
    process: child,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * Terminates the server backends of one process kind in one database (`application_name` is set by
 * createSql: parkmatch-web, parkmatch-worker): what a Postgres restart, a failover or a network blip
 * does to the process. Returns how many were terminated.
 */
export async function terminateBackends(admin: postgres.Sql, database: string, applicationName: string): Promise<number> {
  const rows = await admin<{ ok: boolean }[]>`
    select pg_terminate_backend(pid) as ok from pg_stat_activity
    where datname = ${database} and application_name = ${applicationName} and pid <> pg_backend_pid()`;
  return rows.filter((r) => r.ok).length;
}

// The real web and worker processes (the npm scripts' entries), started, killed and restarted by
// tests that need more than one of each or that kill them (the two-process test, the fault suite).

export type ManagedProcess = {
  name: string;
  /** The web's base URL (same port across restarts); undefined for a worker. */
  url?: string;
  child: () => ChildProcess;
  /** Exits that nobody asked for (a crash), with the last lines it wrote to stderr: the fault suite fails on any. */
  unexpectedExits: { code: number | null; signal: string | null; at: number; stderr: string }[];
  /** SIGKILL, as a crashing machine or an OOM killer would. */
  kill9: () => Promise<void>;
  /** Starts it again (same port, same environment) and waits until it is ready. */
  start: () => Promise<void>;
  /** SIGTERM and wait (a clean stop). */
  stop: () => Promise<void>;
};

type Kind = "web" | "worker";

/**
 * A web (build/index.js) or worker (build/worker.js) process with `env` over this process's
 * environment. Ready: the web answers HTTP; the worker has logged "worker started".
 */
export async function startProcess(kind: Kind, name: string, env: Record<string, string>): Promise<ManagedProcess> {
  const port = kind === "web" ? await freePort() : undefined;
  const url = port ? `http://127.0.0.1:${port}` : undefined;
  let child: ChildProcess;
  let exited: Promise<void> = Promise.resolve();
  let expectingExit = false;
  const handle: ManagedProcess = {
    name,
    url,
    child: () => child,
    unexpectedExits: [],
    kill9: async () => {
      expectingExit = true;
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      expectingExit = true;
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
    start: async () => {
      expectingExit = false;
      child = spawn(process.execPath, kind === "web" ? webProcessArgs() : workerProcessArgs(), {
        env: {
          ...process.env,
          NODE_ENV: "production",
          LOG_LEVEL: "info",
          INTAKE_MAX_EVENT_LOOP_DELAY_MS: "0", // the machine's load is not the process's (see services.ts)
          ...env,
          ...(port ? { PORT: String(port) } : {}),
        } as NodeJS.ProcessEnv,
        stdio: ["ignore", "pipe", "pipe"],
      });
      // stderr is kept (the last 4 KB) rather than shown: warnings under injected faults are expected.
      let stderr = "";
      child.stderr!.on("data", (chunk: Buffer) => {
        stderr = (stderr + chunk.toString("utf8")).slice(-4096);
      });
      let out = "";
      let ready = kind === "web";
      // Readiness of a worker is its "worker started" line, so its LOG_LEVEL must let info through.
      child.stdout!.on("data", (chunk: Buffer) => {
        if (!ready) {
          out += chunk.toString("utf8");
          ready = out.includes('"msg":"worker started"');
        }
      });
      exited = new Promise<void>((resolve) =>
        child.once("exit", (code, signal) => {
          if (!expectingExit) handle.unexpectedExits.push({ code, signal, at: Date.now(), stderr });
          resolve();
        }),
      );
      const deadline = Date.now() + 120_000; // a busy machine can take a minute to load a build
      for (;;) {
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`${name} exited at start (${child.signalCode ?? child.exitCode}):\n${stderr}`);
        if (kind === "web") {
          try {
            const res = await fetch(`${url}/inquiry/received`);
            if (res.status < 500) break;
          } catch {
            // not yet listening
          }
        } else if (ready) break;
        if (Date.now() > deadline) throw new Error(`${name} did not start:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
  try {
    await handle.start();
  } catch (error) {
    await handle.kill9(); // never leave a half-started process behind
    throw error;
  }
  return handle;
}
