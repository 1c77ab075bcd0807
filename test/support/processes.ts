import { type ChildProcess, spawn } from "node:child_process";

import type postgres from "postgres";

/** The real worker process (`worker/index.ts`, as `npm start` runs it) against the given services. */
export function startWorkerProcess(env: Record<string, string>): {
  process: ChildProcess;
  alive: () => boolean;
  stop: () => Promise<void>;
} {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
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
