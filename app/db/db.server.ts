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
  /**
   * `off` for a pool whose every write is re-driven from the outbox if a Postgres crash loses it (the
   * worker's, docs/decisions/050): its commits do not wait for the WAL flush, so the row locks they
   * hold are released at once. Left unset (`on`) wherever a commit acknowledges something to a person.
   */
  synchronousCommit?: "off";
  /** The driver's hook called with every statement sent (tests record the SQL a function runs). */
  debug?: (connection: number, query: string, parameters: unknown[]) => void;
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
 * Runs `read` in one REPEATABLE READ, read-only transaction, so its statements see one snapshot: a page or
 * an API answer that reads a row and then the rows beside it (a lead, then its matches) never shows a
 * state that never existed (the lead as it was before matching beside the matches made since). The
 * snapshot is taken at the transaction's first statement (PostgreSQL's repeatable read).
 */
export function inOneSnapshot<T>(sql: Sql, read: (tx: TransactionSql) => Promise<T>): Promise<T> {
  return sql.begin("isolation level repeatable read read only", read) as Promise<T>;
}

/**
 * A result column's name as the code reads it: snake_case → camelCase (`closed_at` → `closedAt`,
 * `min_tax_per_1000sqm_wan` → `minTaxPer1000sqmWan`); names without an underscore stay as they are, so
 * an alias already written camelCase (`as "createdAt"`) is kept. The driver's own `postgres.toCamel`.
 * docs/decisions/042.
 */
export const toCamelColumn: (name: string) => string = postgres.toCamel;

/**
 * The inverse of `toCamelColumn` for every table and column name of our schema: an identifier the code
 * passes to the driver (`sql(row)` in an insert or update, `sql(name)`) → its SQL name (`closedAt` →
 * `closed_at`, `minTaxPer1000sqmWan` → `min_tax_per_1000sqm_wan`). Unlike the driver's `fromCamel` it
 * puts an underscore before a run of digits that follows a letter, so the one column with digits
 * round-trips (test/integration/column-names.test.ts checks every name of the migrated schema).
 * snake_case names pass through unchanged.
 */
export function toSqlColumn(name: string): string {
  return name
    .replace(/([A-Z])/g, "_$1")
    .replace(/([a-z])(\d)/g, "$1_$2")
    .toLowerCase();
}

/**
 * The pool's transform (docs/decisions/042): `undefined` is sent as NULL; result columns arrive
 * camelCase, identifiers the code passes go out snake_case. JSON values (jsonb columns, `json_agg`)
 * are NOT transformed: their keys are whatever the SQL or the writer put there.
 */
export const SQL_TRANSFORM = { undefined: null, column: { from: toCamelColumn, to: toSqlColumn } } as const;

/**
 * A Postgres pool. The driver is postgres@3.4.9 with our patch for dropped connections
 * (docs/decisions/019: without it a terminated backend could crash the process). Its sessions run without
 * parallel query (`max_parallel_workers_per_gather = 0`, ADR 061): on the 2-core machine the web, the
 * worker and Meilisearch share, parallel workers took the other core and made the admin list's park
 * pairs twice as slow (status + park 264–269 → 126–134 ms p50 over 1,000,000 leads). Nor JIT (`jit = off`,
 * same ADR): the planner's guesses over a parameter range (the dashboard's live days) passed its cost
 * thresholds and one statement spent 555 of its 1,099 ms compiling itself.
 */
export function createSql(url: string, options: SqlOptions = {}): Sql {
  return postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    transform: SQL_TRANSFORM,
    connect_timeout: 5,
    backoff: reconnectBackoff,
    connection: {
      application_name: options.applicationName ?? "parkmatch",
      max_parallel_workers_per_gather: "0",
      jit: "off",
      ...(options.synchronousCommit ? { synchronous_commit: options.synchronousCommit } : {}),
    },
    ...(options.debug ? { debug: options.debug } : {}),
  });
}

/** The process-wide pool of the web process. */
export function getSql(): Sql {
  return singleton("sql", () =>
    createSql(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/parkmatch", { applicationName: "parkmatch-web" }),
  );
}
