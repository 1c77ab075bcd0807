import { createHash } from "node:crypto";

import postgres from "postgres";
import { inject } from "vitest";

import { createSql, type Sql } from "~/db/db.server";
import { migrate } from "~/db/migrate.server";

const ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * Test databases carry a tag of the checkout, of the run (the vitest main process's pid, base 36) and of
 * the vitest project they belong to: two checkouts (a CI clone beside a working tree), two runs in one
 * checkout (a full run beside a single file's) and two projects of one run never drop each other's
 * databases. Shape: `pmt_<checkout: 6 hex>_<run pid, base 36>_<project: 3 letters>_` (≤ 22 characters,
 * so a file's own name keeps 41 of Postgres's 63).
 */
export function testDatabasePrefix(project: string, runPid: number = process.pid): string {
  return `${checkoutTag()}${runPid.toString(36)}_${project.slice(0, 3)}_`;
}

/** The part of a test database prefix that names the checkout and the run, without the project: `pmt_<6 hex>_<run>_`. */
export function runTag(prefix: string): string {
  return prefix.slice(0, prefix.lastIndexOf("_", prefix.length - 2) + 1);
}

/** The part of every test database's name that says which checkout made it: `pmt_<6 hex of the cwd>_`. */
function checkoutTag(): string {
  return `pmt_${createHash("sha1").update(process.cwd()).digest("hex").slice(0, 6)}_`;
}

/**
 * Which of these databases an earlier run of this checkout left and no run still uses: those whose run's
 * process is gone (isAlive false), and the names of the tag before runs had one (`parkmatch_t_<checkout>_`).
 * Another checkout's, and a live run's, are never picked.
 */
export function leftByEndedRuns(names: string[], isAlive: (pid: number) => boolean = processIsAlive): string[] {
  const tag = checkoutTag();
  const untagged = `parkmatch_t_${tag.slice(4)}`;
  return names.filter((name) => {
    if (name.startsWith(untagged)) return true;
    if (!name.startsWith(tag)) return false;
    const pid = Number.parseInt(name.slice(tag.length).split("_")[0] ?? "", 36);
    return !Number.isSafeInteger(pid) || pid <= 0 || !isAlive(pid);
  });
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, another user's
  }
}

/** At a run's start: drops what interrupted earlier runs of this checkout left (leftByEndedRuns). */
export async function dropLeftTestDatabases(): Promise<string[]> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like 'p%'`;
    const left = leftByEndedRuns(rows.map((r) => r.datname));
    for (const datname of left) await dropDatabase(admin, datname);
    return left;
  } finally {
    await admin.end();
  }
}

/** The project's migrated template (made once by the global setup): every test database is a copy of it. */
export const templateDatabaseName = (prefix: string): string => `${prefix}template`.slice(0, 63);

/**
 * Once per project run (the global setup): a migrated database that takes no connections, so `create
 * database … template` can copy it at any time. The run's first project migrates it from empty — what a
 * fresh install does; the others copy that one's finished template and `migrate` checks the copy (every
 * file applied, each checksum unchanged): vitest runs the projects' global setups one after another before
 * any file, and 100 migrations took 18–23 s against 2.6–4.5 s for the copy at load 35 (ADR 212).
 */
export async function createTemplateDatabase(prefix: string): Promise<void> {
  const template = templateDatabaseName(prefix);
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${template}" with (force)`);
    const [made] = await admin<{ datname: string }[]>`
      select datname from pg_database
      where starts_with(datname, ${runTag(prefix)}) and right(datname, 9) = '_template' and not datallowconn and datname <> ${template}
      limit 1`;
    if (made) await admin.unsafe(`create database "${template}" template "${made.datname}"`);
    await migrate(`postgres://postgres@127.0.0.1:5432/${template}`);
    await admin.unsafe(`alter database "${template}" with allow_connections false`);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh, migrated database for one test file: `pmt_<checkout>_<run>_<project>_<name>`, a copy of the
 * project's template (a second or more under load cheaper than 35 migrations per file); `migrate` then
 * finds every file applied and its checksum unchanged (and would apply one added since the run began).
 */
export async function createTestDatabase(name: string): Promise<{ url: string; sql: Sql; drop: () => Promise<void> }> {
  const prefix = inject("dbPrefix");
  const db = `${prefix}${name.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}`.slice(0, 63);
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${db}" with (force)`);
    await admin.unsafe(`create database "${db}" template "${templateDatabaseName(prefix)}"`);
  } finally {
    await admin.end();
  }
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

/** Drops every test database with this prefix (a project's teardown: nothing is left on the server). */
export async function dropTestDatabases(prefix: string): Promise<string[]> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin<{ datname: string }[]>`select datname from pg_database where starts_with(datname, ${prefix})`;
    for (const { datname } of rows) await dropDatabase(admin, datname);
    return rows.map((r) => r.datname);
  } finally {
    await admin.end();
  }
}

async function dropDatabase(admin: postgres.Sql, datname: string): Promise<void> {
  // The template takes no connections, and a database that takes none cannot be dropped.
  await admin.unsafe(`alter database "${datname}" with allow_connections true`);
  await admin.unsafe(`drop database if exists "${datname}" with (force)`);
}
