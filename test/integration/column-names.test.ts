import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { toCamelColumn, toSqlColumn } from "~/db/db.server";

import { createTestDatabase } from "../support/database";

// The pool reads columns camelCase and writes identifiers snake_case (docs/decisions/042). Both
// directions must hold for every table and column the migrations create, or an insert through
// `sql(row)` would name a column that does not exist.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let names: string[];

beforeAll(async () => {
  db = await createTestDatabase("column_names");
  const rows = await db.sql<{ name: string }[]>`
    select column_name as name from information_schema.columns where table_schema = 'public'
    union select table_name from information_schema.tables where table_schema = 'public'`;
  names = rows.map((r) => r.name);
});
afterAll(() => db?.drop());

describe("column names: camelCase in the code, snake_case in the database", () => {
  it("every table and column name of the migrated schema round-trips", () => {
    expect(names).toContain("min_tax_per_1000sqm_wan");
    expect(names.filter((n) => toSqlColumn(toCamelColumn(n)) !== n)).toEqual([]);
    // the driver's own inverse loses the underscore before the digits: the reason for toSqlColumn
    expect(postgres.fromCamel(toCamelColumn("min_tax_per_1000sqm_wan"))).not.toBe("min_tax_per_1000sqm_wan");
  });

  it("a row written with camelCase keys reads back with the same keys", async () => {
    const park = {
      id: "PCOL",
      name: "列名园",
      province: "江苏省",
      city: "南京市",
      district: "江宁区",
      minTaxPer1000sqmWan: 12.5,
      excludedIndustries: ["chemicals"],
    };
    const [back] = await db.sql<{ id: string; minTaxPer1000sqmWan: number; excludedIndustries: string[]; createdAt: Date }[]>`
      insert into parks ${db.sql(park)} returning id, min_tax_per_1000sqm_wan, excluded_industries, created_at`;
    expect(back).toMatchObject({ id: "PCOL", minTaxPer1000sqmWan: 12.5, excludedIndustries: ["chemicals"] });
    expect(back.createdAt).toBeInstanceOf(Date);
    const [named] = await db.sql`select ${db.sql("minTaxPer1000sqmWan")} as "kept", created_at as "createdAt" from parks where id = 'PCOL'`;
    expect(Object.keys(named).sort()).toEqual(["createdAt", "kept"]);
  });

  it("JSON built in SQL keeps its keys as written", async () => {
    const [row] = await db.sql`select json_build_object('park_id', 1, 'parkId', 2) as the_json`;
    expect(row).toEqual({ theJson: { park_id: 1, parkId: 2 } });
  });
});
