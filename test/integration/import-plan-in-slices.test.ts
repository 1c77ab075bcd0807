import { createHash } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { importInventory, validateInventory } from "~/inventory/import.server";
import { COLLECTIONS, planImport } from "~/inventory/import-plan.server";
import { dbRow, loadDbRows, stableJson } from "~/inventory/inventory-rows.server";

import { demoInventory, generatedSpaces } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { turnsDuring } from "../support/event-loop-turns";

// The preview's plan of 20,000 rows (compared, summed up and hashed at once) held every other request of
// the web for 1.6–3.4 s on a loaded machine (docs/decisions/125): it is made row by row with turns of the
// event loop. Checked: the turns happen (counted, not timed), and the plan and its hash are those of the
// plan made at once — a preview made before the change still applies.
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase("import_plan_in_slices");
  const demo = demoInventory();
  expect((await importInventory(db.sql, { parks: demo.parks, recruiters: demo.recruiters })).ok).toBe(true);
  expect((await importInventory(db.sql, { spaces: generatedSpaces(120) })).ok).toBe(true);
});
afterAll(async () => {
  await db?.drop();
});

describe("the import plan made in slices", () => {
  it("gives the event loop a turn before every row it plans and every row it hashes, with the same plan and hash", async () => {
    // 120 stored spaces changed (area), 80 new ones.
    const rows = generatedSpaces(200).map((s, i) => (i < 120 ? { ...s, areaSqm: s.areaSqm + 1 } : s));
    const checked = validateInventory({ spaces: rows });
    if (!checked.ok) throw new Error("generated spaces refused");
    const { turns, value: sliced } = await turnsDuring(() => planImport(db.sql, checked.value, undefined, [], 0));
    // 200 rows planned, 200 new rows and 120 stored rows hashed: a turn before each.
    expect(turns).toBeGreaterThanOrEqual(520);
    expect(sliced.counts.spaces).toEqual({ create: 80, change: 120, unchanged: 0 });
    const atOnce = await planImport(db.sql, checked.value, undefined, [], 60_000);
    expect(sliced).toEqual(atOnce);
    // The digest of the one text it was before (import-plan.server.ts, ADR 027).
    const stored = {
      parks: [],
      spaces: await loadDbRows(
        db.sql,
        "spaces",
        checked.value.spaces.map((s) => s.id),
      ),
      recruiters: [],
    };
    const value = COLLECTIONS.map((c) => checked.value[c].map((v) => dbRow(c, v as never)));
    expect(sliced.hash).toBe(createHash("sha256").update(stableJson({ value, stored })).digest("hex"));
  });
});
