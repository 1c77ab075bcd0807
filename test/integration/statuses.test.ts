import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { CHECKED_COLUMNS } from "~/domain/statuses";

import { createTestDatabase } from "../support/database";

// app/domain/statuses.ts and the migrations' `check (col in (...))` constraints are one list each:
// read every CHECK constraint from a migrated database and compare.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let checked: Map<string, string[]>;

/**
 * `CHECK ((status = ANY (ARRAY['a'::text, 'b'::text])))` → ["status", ["a", "b"]]; null for a check
 * that is not a closed list (`capacity >= 0`). Throws on a list it cannot read, so no constraint is missed.
 */
function closedList(def: string): [string, string[]] | null {
  if (!def.includes("= ANY (ARRAY[")) return null;
  const m = /^CHECK \(\(\(?([a-z_]+)\)? = ANY \(ARRAY\[(.*)\]\)\)\)$/.exec(def);
  if (!m) throw new Error(`a CHECK constraint this test cannot read: ${def}`);
  return [m[1], [...m[2].matchAll(/'((?:[^']|'')*)'::text/g)].map((v) => v[1].replaceAll("''", "'"))];
}

beforeAll(async () => {
  db = await createTestDatabase("statuses");
  const rows = await db.sql<{ table: string; def: string }[]>`
    select c.conrelid::regclass::text as table, pg_get_constraintdef(c.oid) as def
    from pg_constraint c
    where c.contype = 'c' and c.connamespace = 'public'::regnamespace`;
  checked = new Map();
  for (const r of rows) {
    const list = closedList(r.def);
    if (list) checked.set(`${r.table}.${list[0]}`, list[1]);
  }
});
afterAll(() => db?.drop());

describe("statuses: the TypeScript unions are the database's CHECK lists", () => {
  it("reads the constraints (the parser finds the ones the schema is known to have)", () => {
    expect(checked.get("assignments.status")).toContain("offered");
    expect(checked.size).toBeGreaterThanOrEqual(19);
  });

  it("has a union in app/domain/statuses.ts for every closed-list CHECK constraint, and no union for a column without one", () => {
    expect([...checked.keys()].sort()).toEqual(Object.keys(CHECKED_COLUMNS).sort());
  });

  it("lists the same values, in any order, for each column", () => {
    for (const [column, values] of checked) {
      expect({ column, values: [...values].sort() }).toEqual({ column, values: [...(CHECKED_COLUMNS[column] ?? [])].sort() });
    }
  });

  it("reads a list the way Postgres prints it, and refuses one it cannot read", () => {
    expect(closedList("CHECK ((status = ANY (ARRAY['open'::text, 'no-answer'::text])))")).toEqual(["status", ["open", "no-answer"]]);
    expect(closedList("CHECK ((capacity >= 0))")).toBeNull();
    expect(() => closedList("CHECK (((status = ANY (ARRAY['a'::text])) OR (x IS NULL)))")).toThrow();
  });
});
