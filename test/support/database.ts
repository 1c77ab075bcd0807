import { createHash } from "node:crypto";
import postgres from "postgres";
import { createSql, type Sql } from "~/db/db.server";
import { migrate } from "~/db/migrate.server";

const ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * Test databases carry a tag of the checkout they belong to, so two checkouts (a CI clone beside a
 * working tree) can run their suites on one server without dropping each other's databases.
 */
export const TEST_DB_PREFIX = `parkmatch_t_${createHash("sha1").update(process.cwd()).digest("hex").slice(0, 6)}_`;

/** A fresh, migrated database for one test file: `parkmatch_t_<checkout>_<name>`. */
export async function createTestDatabase(name: string): Promise<{ url: string; sql: Sql; drop: () => Promise<void> }> {
  const db = `${TEST_DB_PREFIX}${name.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}`.slice(0, 63);
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${db}" with (force)`);
  await admin.end();
  const url = `postgres://postgres@127.0.0.1:5432/${db}`;
  await migrate(url);
  const sql = createSql(url, { max: 5 });
  return {
    url,
    sql,
    drop: async () => {
      await sql.end({ timeout: 2 });
    },
  };
}

/** Drops every test database of this checkout (the run's teardown: nothing is left on the server). */
export async function dropTestDatabases(): Promise<string[]> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin<{ datname: string }[]>`select datname from pg_database where starts_with(datname, ${TEST_DB_PREFIX})`;
    for (const { datname } of rows) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    return rows.map((r) => r.datname);
  } finally {
    await admin.end();
  }
}
