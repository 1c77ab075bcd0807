import postgres from "postgres";

import { singleton } from "~/utils/singleton.server";

export type Sql = postgres.Sql;
export type TransactionSql = postgres.TransactionSql;

export type SqlOptions = {
  max?: number;
  /**
   * Shown in `pg_stat_activity.application_name` (`parkmatch-web`, `parkmatch-worker`, …), so an
   * operator can tell the processes' connections apart (and terminate one process's, as the tests do).
   */
  applicationName?: string;
};

/**
 * Reconnect delay in seconds after the server dropped a connection (a restart, a failover, a
 * terminated backend): exponential with jitter, capped at 2 s, so service resumes within seconds of
 * the database coming back. The driver's own default grows to 20 s.
 */
export function reconnectBackoff(retries: number): number {
  return (0.5 + Math.random() / 2) * Math.min(0.1 * 2 ** retries, 2);
}

/**
 * A Postgres pool. The driver is postgres@3.4.9 with our patch for dropped connections
 * (docs/decisions/019: without it a terminated backend could crash the process).
 */
export function createSql(url: string, options: SqlOptions = {}): Sql {
  return postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    transform: { undefined: null },
    connect_timeout: 5,
    backoff: reconnectBackoff,
    connection: { application_name: options.applicationName ?? "parkmatch" },
  });
}

/** The process-wide pool of the web process. */
export function getSql(): Sql {
  return singleton("sql", () =>
    createSql(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/parkmatch", { applicationName: "parkmatch-web" }),
  );
}
