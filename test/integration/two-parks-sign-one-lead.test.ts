import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { routeLead } from "~/assignments/route-lead.server";
import { importInventory } from "~/inventory/import.server";
import { applyAssignmentAction } from "~/recruiter-desk/assignment-actions.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { matchTestLead, storeTestLead, TEST_ROUTING } from "../support/routed-lead";

// Attack 41: the recruiters of two parks sign one lead at the same moment. Each locked its own assignment, then the
// lead, then the other's assignment (to end it as signed elsewhere): a deadlock in 9 of 10 rounds, one recruiter's
// signing answered "service unavailable" (40P01 is read as the database refusing for now). The lead is now locked
// first: one signing wins, the other is told its assignment changed meanwhile.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase("two_parks_sign_one_lead");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
}, 120_000);
afterAll(async () => db?.drop());

describe("two parks' recruiters sign one lead at once", () => {
  it("one signing wins, the other is stale; never a deadlock", async () => {
    for (let round = 0; round < 6; round++) {
      const { id } = await storeTestLead(db.sql, `南京两园同签测试${round}有限公司`, `1390000510${round}`);
      await matchTestLead(db.sql, id, "GC-EDZ");
      await matchTestLead(db.sql, id, "LS-EDZ");
      await db.sql.begin((tx) => routeLead(tx, id, TEST_ROUTING));
      const offers = await db.sql<{ id: string; recruiterId: string }[]>`
        select id, recruiter_id from assignments where lead_id = ${id} and recruiter_id is not null order by id`;
      expect(offers).toHaveLength(2);
      for (const a of offers)
        await applyAssignmentAction(db.sql, { assignmentId: a.id, recruiterId: a.recruiterId, intent: "accept" }, TEST_ROUTING);

      const outcomes = await Promise.all(
        offers.map((a) =>
          applyAssignmentAction(db.sql, { assignmentId: a.id, recruiterId: a.recruiterId, intent: "signed" }, TEST_ROUTING),
        ),
      );
      expect(outcomes).toEqual(
        expect.arrayContaining([
          { ok: true, status: "signed" },
          { ok: false, reason: "stale" },
        ]),
      );
      const states = await db.sql<{ status: string }[]>`select status from assignments where lead_id = ${id} order by status`;
      expect(states.map((s) => s.status)).toEqual(["lost", "signed"]);
    }
  });
});
