import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { backfillParkDistrictCodes } from "~/inventory/district-codes.server";

const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations/", import.meta.url));

/** Creates the database named in the URL when it does not exist yet (the machine's server is shared). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!/^[a-zA-Z0-9_-]+$/.test(name)) throw new Error(`Unsupported database name: ${name}`);
  url.pathname = "/postgres";
  const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) {
      await admin.unsafe(`create database "${name}"`).catch((error: { code?: string }) => {
        if (error.code !== "42P04") throw error; // created meanwhile by another process
      });
    }
  } finally {
    await admin.end();
  }
}

/** Applies every migration file not applied yet, in name order, each in its own transaction. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const applied: string[] = [];
  try {
    await sql`create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())`;
    // One migrator at a time (web, worker and tests may start together).
    await sql`select pg_advisory_lock(727274)`;
    const done = new Set((await sql<{ version: string }[]>`select version from schema_migrations`).map((r) => r.version));
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith(".sql")).sort();
    for (const file of files) {
      if (done.has(file)) continue;
      const text = await readFile(MIGRATIONS_DIR + file, "utf8");
      await sql.begin(async (tx) => {
        await tx.unsafe(text);
        await tx`insert into schema_migrations (version) values (${file})`;
      });
      applied.push(file);
    }
    // Data that SQL cannot derive: district codes of parks stored before migration 007.
    await backfillParkDistrictCodes(sql);
    await sql`select pg_advisory_unlock(727274)`;
  } finally {
    await sql.end();
  }
  return applied;
}
