import postgres from "postgres";
import { createSql, type Sql } from "~/db/db.server";
import { migrate } from "~/db/migrate.server";

const ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/** A fresh, migrated database for one test file: `parkmatch_t_<name>`. */
export async function createTestDatabase(name: string): Promise<{ url: string; sql: Sql; drop: () => Promise<void> }> {
  const db = `parkmatch_t_${name.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}`;
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
