import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSql, type Sql } from "~/db/db.server";
import { importInventory } from "~/inventory/import.server";
import { listParks, listRecruiters, listSpaces } from "~/inventory/inventory-admin.server";
import { loadDbRows } from "~/inventory/inventory-rows.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";

// A trial of 2026-12-04 (ADR 119): /admin/spaces listed S1, S10, S11, S2 — ids ordered as bytes. The admin
// lists of parks, spaces and recruiters (and the export's rows) read ids in natural order (ICU, numeric
// ordering, migration 093), and each list's first page is still an index scan that stops at its limit.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let sql: Sql;

beforeAll(async () => {
  db = await createTestDatabase("natural_id_order");
  sql = db.sql;
  const inv = demoInventory();
  const park = inv.parks[0];
  const space = inv.spaces.find((s) => s.parkId === park.id)!;
  const recruiter = inv.recruiters[0];
  inv.parks.push(...["P10", "p2", "P1", "P-9", "P100"].map((id) => ({ ...park, id, name: `园区${id}` })));
  inv.spaces.push(...["S20", "S21", "s23", "S100", "S9-2", "S9-10", "A3"].map((id) => ({ ...space, id, title: `厂房${id}` })));
  inv.recruiters.push(
    ...["R10", "R11", "R100"].map((id, i) => ({
      ...recruiter,
      id,
      name: `专员${id}`,
      email: `r${i}@example.test`,
      phone: `1390000011${i}`,
    })),
  );
  const imported = await importInventory(sql, inv);
  expect(imported.ok, JSON.stringify(imported).slice(0, 2000)).toBe(true);
}, 120_000);
afterAll(async () => {
  await db?.drop();
});

/** Whether `ids` are in natural order: letters without case, runs of digits as numbers. */
function natural(ids: string[]): string[] {
  return [...ids].sort(new Intl.Collator("und", { numeric: true }).compare);
}

describe("ids in natural order", () => {
  it("spaces, parks and recruiters: S2 before S10, S9-2 before S9-10, case ignored", async () => {
    const spaces = (await listSpaces(sql, { verifyDays: 30, state: "all" })).rows.map((r) => r.id);
    expect(spaces).toEqual(natural(spaces));
    expect(spaces.indexOf("S2")).toBeLessThan(spaces.indexOf("S10"));
    expect(spaces.indexOf("S12")).toBeLessThan(spaces.indexOf("S20"));
    expect(spaces.indexOf("S21")).toBeLessThan(spaces.indexOf("s23"));
    expect(spaces.indexOf("s23")).toBeLessThan(spaces.indexOf("S100"));
    expect(spaces.indexOf("S9-2")).toBeLessThan(spaces.indexOf("S9-10"));
    expect(spaces[0]).toBe("A3");

    const parks = (await listParks(sql, { state: "all" })).rows.map((r) => r.id);
    expect(parks).toEqual(natural(parks));
    expect(parks.filter((id) => /^P/i.test(id))).toEqual(
      ["P1", "p2", "P10", "P100", "P-9"].filter((id) => parks.includes(id)).sort(new Intl.Collator("und", { numeric: true }).compare),
    );
    expect(parks.indexOf("p2")).toBeLessThan(parks.indexOf("P10"));

    const recruiters = (await listRecruiters(sql, { state: "all" })).rows.map((r) => r.id);
    expect(recruiters).toEqual(natural(recruiters));
    expect(recruiters.indexOf("R2")).toBeLessThan(recruiters.indexOf("R10"));

    // The export's rows (/admin/export) too.
    const exported = (await loadDbRows(sql, "spaces")).map((r) => String(r.id));
    expect(exported).toEqual(natural(exported));
  });

  it("the first page of each list is read from an index in that order, over 5,000 generated spaces", async () => {
    await sql`
      insert into spaces
      select (jsonb_populate_record(null::spaces, to_jsonb(s) || jsonb_build_object('id', 'G' || g))).*
      from spaces s, generate_series(1, 5000) g where s.id = 'S10'`;
    await sql`analyze spaces`;
    await sql`analyze parks`;
    await sql`analyze recruiters`;
    // The statements as the lists send them, explained with their parameters.
    const sent: { query: string; params: unknown[] }[] = [];
    const traced = createSql(db.url, { max: 1, debug: (_c, query, params) => void sent.push({ query, params: params as unknown[] }) });
    try {
      const first = await listSpaces(traced, { verifyDays: 30 });
      expect(first.rows).toHaveLength(200);
      expect(first.rows.map((r) => r.id)).toEqual(natural(first.rows.map((r) => r.id)));
      expect(first.rows.slice(0, 3).map((r) => r.id)).toEqual(["A3", "G1", "G2"]);
      await listParks(traced, {});
      await listRecruiters(traced, {});
      const lists = sent.filter((s) => /\blimit\b/i.test(s.query) && /natural_order/.test(s.query));
      expect(lists).toHaveLength(3);
      // Spaces as generated; parks and recruiters are a handful of rows here (read whole, as the planner
      // should), so with sequential scans off: an index gives their order too, with no sort.
      for (const [i, s] of lists.entries()) {
        const plan = await traced.begin(async (tx) => {
          if (i > 0) await tx`set local enable_seqscan = off`;
          return (await tx.unsafe(`explain ${s.query}`, s.params as never[])).map((r) => String(r["QUERY PLAN"])).join("\n");
        });
        expect(plan, plan).toMatch(["spaces_id_natural", "parks_id_natural", "recruiters_id_natural"][i]);
        expect(plan, plan).not.toMatch(/\bSort\b/);
      }
    } finally {
      await traced.end({ timeout: 2 });
    }
  });
});
