import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { importInventory } from "~/inventory/import.server";
import { loadSpaceRows } from "~/inventory/inventory-read.server";
import { toSpaceCandidate } from "~/inventory/inventory-rows";
import { openLeadsForSpace } from "~/matches/match-leads.server";
import { anonymiseLeadsInTx } from "~/privacy/anonymise.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { matchTestLead, storeTestLead } from "../support/routed-lead";

// A lead erased at the person's request (docs/decisions/022) keeps its status for the statistics, but
// nobody may be told about it again: reverse matching does not take it as an open lead, and routing
// (match.route, a re-route) gives it to no recruiter.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
const ROUTING = { slaMinutes: 120, noticeFallbackMs: 90_000 };

beforeAll(async () => {
  db = await createTestDatabase("erased_not_routed");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
}, 120_000);
afterAll(() => db?.drop());

describe("an erased lead", () => {
  it("is not an open lead for a space's reverse match", async () => {
    const kept = await storeTestLead(db.sql, "南京保留反向匹配有限公司", "13912345601");
    const erased = await storeTestLead(db.sql, "南京删除反向匹配有限公司", "13912345602");
    const spaces = (await loadSpaceRows(db.sql)).map(toSpaceCandidate);
    const openFor = async (space: (typeof spaces)[number]) =>
      (await db.sql.begin((tx) => openLeadsForSpace(tx, space, 90))).map((r) => r.id);
    // The spaces both leads (the same need) are open leads for.
    const fitting: typeof spaces = [];
    for (const s of spaces) if ((await openFor(s)).includes(erased.id)) fitting.push(s);
    expect(fitting.length).toBeGreaterThan(0);
    await db.sql.begin((tx) => anonymiseLeadsInTx(tx, [erased.id]));
    for (const s of fitting) {
      const open = await openFor(s);
      expect(open).toContain(kept.id);
      expect(open).not.toContain(erased.id);
    }
  });

  it("is routed to nobody, though it has a match", async () => {
    const { id } = await storeTestLead(db.sql, "南京删除后路由有限公司", "13912345603");
    await matchTestLead(db.sql, id, "GC-EDZ");
    await db.sql.begin((tx) => anonymiseLeadsInTx(tx, [id]));
    const routed = await db.sql.begin((tx) => routeLead(tx, id, ROUTING));
    expect(routed).toMatchObject({ assigned: 0, unassigned: 0, callback: false, notices: [] });
    const [{ n }] = await db.sql<{ n: number }[]>`select count(*)::int as n from assignments where lead_id = ${id}`;
    expect(n).toBe(0);
  });
});
