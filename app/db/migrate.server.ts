import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import postgres from "postgres";

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

/** A migration file that changed after it was applied: the database no longer matches the code. */
export class EditedMigrationError extends Error {
  constructor(readonly file: string) {
    super(`migration ${file} was edited after it was applied; add a new migration instead`);
  }
}

const checksum = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Applies every migration file not applied yet, in name order, each in its own transaction.
 * Each applied file's SHA-256 is kept: an applied migration whose file changed since is refused
 * (EditedMigrationError) before anything runs. Rows from before checksums were kept get theirs now.
 */
export async function migrate(databaseUrl: string, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const applied: string[] = [];
  try {
    await sql`create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())`;
    await sql`alter table schema_migrations add column if not exists checksum text`;
    // One migrator at a time (web, worker and tests may start together).
    await sql`select pg_advisory_lock(727274)`;
    const done = new Map(
      (await sql<{ version: string; checksum: string | null }[]>`select version, checksum from schema_migrations`).map((r) => [
        r.version,
        r.checksum,
      ]),
    );
    const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
    const texts = new Map<string, string>();
    for (const file of files) texts.set(file, await readFile(join(dir, file), "utf8"));
    for (const file of files) {
      if (!done.has(file)) continue;
      const sum = checksum(texts.get(file)!);
      const kept = done.get(file);
      if (kept == null) await sql`update schema_migrations set checksum = ${sum} where version = ${file}`;
      else if (kept !== sum) throw new EditedMigrationError(file);
    }
    for (const file of files) {
      if (done.has(file)) continue;
      const text = texts.get(file)!;
      await sql.begin(async (tx) => {
        await tx.unsafe(text);
        await tx`insert into schema_migrations (version, checksum) values (${file}, ${checksum(text)})`;
      });
      applied.push(file);
    }
    // Data that SQL cannot derive: district codes of parks stored before migration 007 (the module
    // with the division dataset loads only when there is such a park).
    const [{ column }] = await sql<{ column: boolean }[]>`
      select exists (select 1 from information_schema.columns where table_schema = current_schema() and table_name = 'parks' and column_name = 'district_code') as column`;
    const missing = column && (await sql`select 1 from parks where district_code is null limit 1`).length > 0;
    if (missing) await (await import("./district-codes.server")).backfillParkDistrictCodes(sql);
    // Parks' standard place names (migration 079, ADR 103): once, when that file was applied just now.
    if (applied.includes("079-park-standard-place-names.sql"))
      await (await import("./park-place-names.server")).standardiseParkPlaceNames(sql);
    // A WeChat stored as the words for "same as the phone" becomes the marker (migration 108, ADR 190): once, when that
    // file was applied just now (the module reads the words as the intake does).
    if (applied.includes("108-wechat-same-as-phone-marker.sql"))
      await (await import("./lead-wechat-marker.server")).markWechatSameAsPhone(sql);
    // The search copies of leads (migration 062) need OpenCC, which SQL does not have: leads stored before
    // it, or inserted without them, get theirs now (the module loads only when one is missing).
    const [{ copies }] = await sql<{ copies: boolean }[]>`
      select exists (select 1 from information_schema.columns where table_schema = current_schema() and table_name = 'leads' and column_name = 'company_search') as copies`;
    if (copies && (await sql`select 1 from leads where company_search is null limit 1`).length > 0)
      await (await import("./lead-search-copies.server")).fillLeadSearchCopies(sql);
    await sql`select pg_advisory_unlock(727274)`;
  } finally {
    await sql.end();
  }
  return applied;
}
