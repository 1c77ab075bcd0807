import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";

import { EditedMigrationError, migrate } from "~/db/migrate.server";

import { createTestDatabase } from "../support/database";

const dir = mkdtempSync(join(tmpdir(), "parkmatch-migrations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("migrations are checksummed", () => {
  it("applies new files once and refuses an applied file that was edited since", async () => {
    const db = await createTestDatabase("migrate_checksum");
    await db.drop();
    writeFileSync(join(dir, "900-a.sql"), "create table mig_a (id int);");
    expect(await migrate(db.url, dir)).toEqual(["900-a.sql"]);
    expect(await migrate(db.url, dir)).toEqual([]);

    writeFileSync(join(dir, "901-b.sql"), "create table mig_b (id int);");
    expect(await migrate(db.url, dir)).toEqual(["901-b.sql"]);

    writeFileSync(join(dir, "900-a.sql"), "create table mig_a (id int, extra text);");
    writeFileSync(join(dir, "902-c.sql"), "create table mig_c (id int);");
    await expect(migrate(db.url, dir)).rejects.toBeInstanceOf(EditedMigrationError);
    // Refused before anything ran: the new file was not applied either.
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql`select to_regclass('mig_c') as c`;
      expect(rows[0].c).toBeNull();
    } finally {
      await sql.end();
    }
  });

  it("gives rows applied before checksums existed their checksum, then guards them", async () => {
    const db = await createTestDatabase("migrate_legacy");
    await db.drop();
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    try {
      await sql`drop table schema_migrations`;
      await sql`create table schema_migrations (version text primary key, applied_at timestamptz not null default now())`;
      await sql`create table mig_legacy (id int)`;
      await sql`insert into schema_migrations (version) values ('910-legacy.sql')`;
      const legacyDir = mkdtempSync(join(tmpdir(), "parkmatch-migrations-legacy-"));
      writeFileSync(join(legacyDir, "910-legacy.sql"), "create table mig_legacy (id int);");
      expect(await migrate(db.url, legacyDir)).toEqual([]);
      const [row] = await sql`select checksum from schema_migrations where version = '910-legacy.sql'`;
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      writeFileSync(join(legacyDir, "910-legacy.sql"), "create table mig_legacy (id bigint);");
      await expect(migrate(db.url, legacyDir)).rejects.toThrow(/edited after it was applied/);
      rmSync(legacyDir, { recursive: true, force: true });
    } finally {
      await sql.end();
    }
  });
});
