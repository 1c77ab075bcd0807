import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { toCamelColumn } from "~/db/db.server";
import { ROW_COLUMNS } from "~/db/rows";

import { createTestDatabase } from "../support/database";

// app/db/rows.ts holds the main tables' row types; ROW_COLUMNS mirrors them (kept exact by the
// compiler). Here they are compared with a migrated database: every column by its camelCase name and
// whether it may be null.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let schema: Map<string, Record<string, boolean>>;

beforeAll(async () => {
  db = await createTestDatabase("rows");
  const rows = await db.sql<{ tableName: string; columnName: string; isNullable: "YES" | "NO" }[]>`
    select table_name, column_name, is_nullable from information_schema.columns
    where table_schema = 'public' and table_name in ${db.sql(Object.keys(ROW_COLUMNS))}
    order by table_name, ordinal_position`;
  schema = new Map();
  for (const r of rows) {
    const table = schema.get(r.tableName) ?? {};
    table[toCamelColumn(r.columnName)] = r.isNullable === "YES";
    schema.set(r.tableName, table);
  }
});
afterAll(() => db?.drop());

describe("row types: app/db/rows.ts is the migrated schema", () => {
  it("reads the schema (every table of ROW_COLUMNS exists)", () => {
    expect([...schema.keys()].sort()).toEqual(Object.keys(ROW_COLUMNS).sort());
  });

  for (const [table, columns] of Object.entries(ROW_COLUMNS)) {
    it(`${table}: the same columns, the same nullability`, () => {
      expect(columns).toEqual(schema.get(table));
    });
  }
});
