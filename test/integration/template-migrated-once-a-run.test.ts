import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";

import { createTemplateDatabase, dropTestDatabases, runTag, templateDatabaseName, testDatabasePrefix } from "../support/database";

// vitest runs each project's global setup one after another before any file: the run's first project
// migrates its template from empty, the others copy that finished template (ADR 212). Two prefixes of
// one made-up run (this worker's pid as the run's), so the run's own templates are not involved.
const ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const first = testDatabasePrefix("tpa", process.pid);
const second = testDatabasePrefix("tpb", process.pid);
const other = testDatabasePrefix("tpc", process.pid + 1);

afterAll(async () => {
  for (const prefix of [first, second, other]) await dropTestDatabases(prefix);
});

/** The template's migrations as applied: version → when. */
async function appliedIn(prefix: string): Promise<Map<string, string>> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const name = templateDatabaseName(prefix);
  await admin.unsafe(`alter database "${name}" with allow_connections true`);
  const sql = postgres(`postgres://postgres@127.0.0.1:5432/${name}`, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ version: string; at: string }[]>`select version, applied_at::text as at from schema_migrations`;
    return new Map(rows.map((r) => [r.version, r.at]));
  } finally {
    await sql.end();
    await admin.unsafe(`alter database "${name}" with allow_connections false`);
    await admin.end();
  }
}

describe("the test databases' templates", () => {
  it("are migrated once a run: a second project's template is a copy of the first's, checked, not migrated again", async () => {
    expect(runTag(first)).toBe(runTag(second));
    expect(runTag(first)).not.toBe(runTag(other));
    expect(runTag(first)).toBe(first.slice(0, -"tpa_".length));

    await createTemplateDatabase(first);
    await createTemplateDatabase(second);
    await createTemplateDatabase(other);
    const made = await appliedIn(first);
    expect(made.size).toBeGreaterThan(50);
    // The copy holds the first template's migrations as they were applied there, to the microsecond.
    expect(await appliedIn(second)).toEqual(made);
    // Another run's template is migrated from empty: the same versions, applied later.
    const own = await appliedIn(other);
    expect([...own.keys()].sort()).toEqual([...made.keys()].sort());
    expect([...own].filter(([version, at]) => at === made.get(version))).toEqual([]);
  }, 120_000);
});
