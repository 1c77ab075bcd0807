import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { importInventory } from "~/inventory/import.server";
import { loadSpaceRows } from "~/inventory/inventory-read.server";
import { SpaceRowCache } from "~/inventory/space-row-cache.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";

// Issue 14: lead.match keeps the space rows it read (SpaceRowCache) and reads a kept row's columns
// again only when the space's or its park's version moved. A kept row handed back is the very object
// kept (toBe), so these tests also show when a row was read whole and when not.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let ids: string[];

beforeAll(async () => {
  db = await createTestDatabase("space_row_cache");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  ids = (await db.sql<{ id: string }[]>`select id from spaces order by id`).map((r) => r.id);
  expect(ids.length).toBeGreaterThanOrEqual(12);
}, 120_000);
afterAll(async () => {
  await db?.drop();
});

describe("loadSpaceRows with a cache", () => {
  it("reads rows whole once, equal to the plain read, then hands back the kept rows while nothing changed", async () => {
    const cache = new SpaceRowCache();
    const some = ids.slice(0, 10);
    const plain = await loadSpaceRows(db.sql, { spaceIds: some });
    const first = await loadSpaceRows(db.sql, { spaceIds: some, cache });
    expect(first).toEqual(plain);
    expect(cache.size).toBe(10);
    const again = await loadSpaceRows(db.sql, { spaceIds: [...some].reverse(), cache });
    expect(again.map((r) => r.id)).toEqual(some); // id order, as the plain read
    again.forEach((r, i) => expect(r).toBe(first[i]));
    // A missing id and a kept one together: the kept one as kept, the missing one left out.
    const withMissing = await loadSpaceRows(db.sql, { spaceIds: [some[3], "NO-SUCH-SPACE"], cache });
    expect(withMissing).toHaveLength(1);
    expect(withMissing[0]).toBe(first[3]);
  });

  it("reads a space again when it changed, and every space of a park whose row changed", async () => {
    const cache = new SpaceRowCache();
    const some = ids.slice(0, 12);
    const first = await loadSpaceRows(db.sql, { spaceIds: some, cache });
    const space = first[0];
    await db.sql`update spaces set rent_yuan_per_sqm_month = coalesce(rent_yuan_per_sqm_month, 20) + 1 where id = ${space.id}`;
    const park = first.find((r) => r.parkId !== space.parkId)!.parkId;
    await db.sql`update parks set excluded_industries = array['C26'] where id = ${park}`;
    await db.sql`update parks set retired_at = now() where id = ${park}`;
    const after = await loadSpaceRows(db.sql, { spaceIds: some, cache });
    const plain = await loadSpaceRows(db.sql, { spaceIds: some });
    expect(after).toEqual(plain); // what Postgres holds now, not what was kept
    for (const [i, r] of after.entries()) {
      if (r.id === space.id) {
        expect(r).not.toBe(first[i]);
        expect(r.rentYuanPerSqmMonth).toBe((first[i].rentYuanPerSqmMonth ?? 20) + 1);
      } else if (r.parkId === park) {
        expect(r).not.toBe(first[i]);
        expect(r.status).toBe("retired");
        expect(r.parkExcluded).toEqual(["C26"]);
      } else expect(r).toBe(first[i]);
    }
    await db.sql`update parks set retired_at = null where id = ${park}`;
  });

  it("leaves out a space deleted since it was kept", async () => {
    const cache = new SpaceRowCache();
    const [gone, stays] = ids.slice(-2);
    await loadSpaceRows(db.sql, { spaceIds: [gone, stays], cache });
    await db.sql`delete from matches where space_id = ${gone}`;
    await db.sql`delete from spaces where id = ${gone}`;
    expect((await loadSpaceRows(db.sql, { spaceIds: [gone, stays], cache })).map((r) => r.id)).toEqual([stays]);
  });

  it("answers from what was kept when the statement was sent, whatever another job keeps meanwhile", async () => {
    const cache = new SpaceRowCache();
    const [first] = await loadSpaceRows(db.sql, { spaceIds: [ids[1]], cache });
    const pending = loadSpaceRows(db.sql, { spaceIds: [ids[1]], cache });
    cache.put({ ...first, version: "1", title: "another job's older row" });
    expect(await pending).toEqual([first]);
    // The entry replaced by an older version is read whole at the next read, and kept again.
    const [next] = await loadSpaceRows(db.sql, { spaceIds: [ids[1]], cache });
    expect(next).toEqual(first);
    expect(cache.get(ids[1])?.row).toBe(next);
  });

  it("keeps at most its bound, frozen, and reads whole what it no longer keeps", async () => {
    const cache = new SpaceRowCache(3);
    const some = ids.slice(0, 5);
    const first = await loadSpaceRows(db.sql, { spaceIds: some, cache });
    expect(cache.size).toBe(3);
    expect(some.filter((id) => cache.get(id))).toEqual(some.slice(2)); // the last three put
    const kept = cache.get(some[4])!.row;
    expect(Object.isFrozen(kept)).toBe(true);
    expect(Object.isFrozen(kept.deals)).toBe(true);
    expect(() => (kept.deals as string[]).push("sale")).toThrow();
    const again = await loadSpaceRows(db.sql, { spaceIds: some, cache });
    expect(again).toEqual(first);
    expect(again[4]).toBe(first[4]);
    expect(again[0]).not.toBe(first[0]); // dropped: read whole again
  });

  it("drops everything kept when the inventory's version goes back (a database restored from a backup)", async () => {
    const cache = new SpaceRowCache();
    const first = await loadSpaceRows(db.sql, { spaceIds: ids.slice(0, 4), cache });
    const [{ v }] = await db.sql<{ v: string }[]>`select last_value::text as v from inventory_version`;
    cache.seeInventoryVersion(v); // the version now: everything kept stays
    cache.seeInventoryVersion(null);
    expect(cache.size).toBe(4);
    const highest = first.flatMap((r) => [BigInt(r.version), BigInt(r.parkVersion)]).reduce((a, b) => (a > b ? a : b));
    cache.seeInventoryVersion(String(highest - 1n));
    expect(cache.size).toBe(0);
    const again = await loadSpaceRows(db.sql, { spaceIds: ids.slice(0, 4), cache });
    again.forEach((r, i) => expect(r).not.toBe(first[i]));
    expect(again).toEqual(first);
  });
});
