import postgres from "postgres";
import { singleton } from "~/utils/singleton.server";

export type Sql = postgres.Sql;
export type TransactionSql = postgres.TransactionSql;

export function createSql(url: string, options: { max?: number } = {}): Sql {
  return postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    transform: { undefined: null },
    connect_timeout: 5,
  });
}

/** The process-wide pool (web or worker). */
export function getSql(): Sql {
  return singleton("sql", () => createSql(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/parkmatch"));
}
