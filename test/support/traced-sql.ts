import { createSql, type Sql } from "~/db/db.server";

/** A client whose statements a test counts: `recorded` holds each statement's text as sent. */
export type TracedSql = {
  sql: Sql;
  /** Every statement sent since the last `recorded.length = 0`, in order. */
  recorded: string[];
  /** The recorded statements other than `begin`, `commit` and `rollback`. */
  ours: () => string[];
};

/**
 * A one-connection client on `url` recording the statements it sends (the driver's `debug` hook), for
 * tests that count a path's round trips to Postgres. The driver's own first statements on a connection
 * (it reads the array types) are sent before this returns and are not recorded.
 */
export async function tracedSql(url: string): Promise<TracedSql> {
  const recorded: string[] = [];
  const sql = createSql(url, { max: 1, debug: (_connection, query) => void recorded.push(query) });
  await sql`select 1`;
  recorded.length = 0;
  return { sql, recorded, ours: () => recorded.filter((q) => !/^\s*(begin|commit|rollback)\b/i.test(q)) };
}
