import { describe, expect, it } from "vitest";

import { rematchByAdmin } from "~/admin/lead-actions.server";
import { declineAssignment } from "~/assignments/decline.server";
import { auditMessages } from "~/i18n/audit-messages";
import { importInventory } from "~/inventory/import.server";
import { setRetired } from "~/inventory/inventory-retire.server";

import type { JobContext } from "../../worker/job-context";
import { matchRouteJob } from "../../worker/match-route.job";
import { spaceMatchJob } from "../../worker/space-match.job";
import { demoInventory } from "../fixtures/inventory";
import { DESK_PASSWORD, deskWorkerSuite } from "../support/desk-worker-suite";
import { countingJobContext } from "../support/lead-match-job";
import { needFormOf } from "../support/need-form";
import { storeTestLead, TEST_ROUTING } from "../support/routed-lead";
import { webClient } from "../support/staff-web";

// Trial 12-05 (MEDIUM): restoring a retired space offered a lead again to the recruiter who had declined it.
// A decline hands the assignment on (or to the admin's queue); no later re-match that is not a need edit —
// a space retired and restored, let and free again, a re-match for another reason — may take the assignment
// back from where it is and offer it to them again (docs/decisions/127).

const suite = deskWorkerSuite("declined_again");
const client = () => webClient(suite.web.url);
let phone = 13700031100;

const assignmentsOf = (leadId: string) =>
  suite.db.sql<{ id: string; parkId: string; recruiterId: string | null; status: string; closeReason: string | null }[]>`
    select id, park_id, recruiter_id, status, close_reason from assignments where lead_id = ${leadId} order by park_id`;
const offersTo = (leadId: string, recruiterId: string) =>
  suite.db.sql<{ event: string }[]>`
    select event from routing_events where lead_id = ${leadId} and recruiter_id = ${recruiterId} and event in ('assigned', 'rerouted') order by id`;

/** Every open outbox row of `topic` for `id`, run as the worker would. */
async function runOutbox(topic: "space.match" | "match.route", id: string): Promise<number> {
  const rows = await suite.db.sql<{ id: string }[]>`
    select id::text from outbox where topic = ${topic} and aggregate_id = ${id} and done_at is null order by id`;
  const { ctx } = countingJobContext(suite.db.sql, "unused");
  for (const r of rows) {
    const data = { outboxId: Number(r.id), id };
    if (topic === "space.match") await spaceMatchJob(ctx as JobContext, data);
    else await matchRouteJob(ctx, data);
  }
  return rows.length;
}

/** The lead's re-matches and routings after an inventory change of `spaceId`, as the worker runs them. */
async function afterInventoryChange(leadId: string, spaceId: string) {
  await runOutbox("space.match", spaceId);
  const open = await suite.db.sql`select 1 from outbox where topic = 'lead.match' and aggregate_id = ${leadId} and done_at is null`;
  if (open.length) await suite.runMatch(leadId);
  await runOutbox("match.route", leadId);
}

const edzOf = async (leadId: string) => (await assignmentsOf(leadId)).find((a) => a.parkId === "GC-EDZ")!;
const s1 = (status: string) => ({ ...demoInventory().spaces.find((s) => s.id === "S1")!, status });

/** A factory lead of 4,000–6,000 ㎡ in 高淳区, matched and routed: R1 holds GC-EDZ (S1), R2 GC-DB (S5). R1 declines: nobody else covers GC-EDZ. */
async function declinedByR1(company: string) {
  const lead = await storeTestLead(suite.db.sql, company, String(phone++));
  await suite.runMatch(lead.id);
  const edz = (await assignmentsOf(lead.id)).find((a) => a.parkId === "GC-EDZ")!;
  expect(edz).toMatchObject({ recruiterId: "R1", status: "offered" });
  const next = await suite.db.sql.begin((tx) =>
    declineAssignment(tx, { assignmentId: edz.id, recruiterId: "R1" }, TEST_ROUTING, auditMessages.both("desk.declined")),
  );
  expect(next).toBe("unassigned");
  return { ...lead, edz: edz.id };
}

/** The hotline corrects the need on the lead's page (re-matched at once); GC-EDZ still fits it. */
async function hotlineEdit(leadId: string, fields: Record<string, string>) {
  const desk = await client().signIn("desk@example.test", DESK_PASSWORD);
  const form = needFormOf(await (await client().get(`/hotline/leads/${leadId}`, desk)).text());
  const saved = await client().post(`/hotline/leads/${leadId}`, { ...form, ...fields }, desk);
  expect(saved.status).toBe(303);
  await suite.runMatch(leadId);
}

describe("a recruiter who declined is not offered the lead again by a re-match", () => {
  it("a space retired and restored after a need edit the park still fitted: the assignment stays in the queue, R1 is not offered it", async () => {
    const lead = await declinedByR1("南京拒绝后恢复精工机械有限公司");
    await hotlineEdit(lead.id, { "need.areaMin": "4500", note: "面积下限改为4500" });
    expect((await assignmentsOf(lead.id)).find((a) => a.parkId === "GC-EDZ")).toMatchObject({ status: "unassigned", closeReason: null });

    try {
      await setRetired(suite.db.sql, "spaces", "S1", true, "admin@example.test", TEST_ROUTING);
      await afterInventoryChange(lead.id, "S1");
      // An inventory change is not the need edit of an hour ago: nothing ends.
      expect((await assignmentsOf(lead.id)).find((a) => a.parkId === "GC-EDZ")).toMatchObject({ status: "unassigned", closeReason: null });

      await setRetired(suite.db.sql, "spaces", "S1", false, "admin@example.test", TEST_ROUTING);
      await afterInventoryChange(lead.id, "S1");
      expect((await assignmentsOf(lead.id)).find((a) => a.parkId === "GC-EDZ")).toMatchObject({ recruiterId: null, status: "unassigned" });
      expect(await offersTo(lead.id, "R1")).toEqual([{ event: "assigned" }]); // the first offer only
    } finally {
      await setRetired(suite.db.sql, "spaces", "S1", false, "admin@example.test", TEST_ROUTING);
      await runOutbox("space.match", "S1");
    }
  });

  it("an admin's 'match again' while the park has no space: not a need edit, nothing ends, and the space back offers R1 nothing", async () => {
    const lead = await declinedByR1("南京拒绝后管理员重配机械有限公司");
    try {
      await setRetired(suite.db.sql, "spaces", "S1", true, "admin@example.test", TEST_ROUTING);
      await afterInventoryChange(lead.id, "S1");
      expect(await rematchByAdmin(suite.db.sql, lead.id, "admin@example.test")).toEqual({ ok: true });
      await suite.runMatch(lead.id);
      expect(await edzOf(lead.id)).toMatchObject({ recruiterId: null, status: "unassigned", closeReason: null });
      const [line] = await suite.db.sql<{ rule: string; actor: string }[]>`
        select rule, actor from routing_events where lead_id = ${lead.id} and event = 'rematch' order by id desc limit 1`;
      expect(line).toEqual({ rule: "admin-rematch", actor: "admin@example.test" });

      await setRetired(suite.db.sql, "spaces", "S1", false, "admin@example.test", TEST_ROUTING);
      await afterInventoryChange(lead.id, "S1");
      expect(await edzOf(lead.id)).toMatchObject({ recruiterId: null, status: "unassigned" });
      expect(await offersTo(lead.id, "R1")).toEqual([{ event: "assigned" }]);
    } finally {
      await setRetired(suite.db.sql, "spaces", "S1", false, "admin@example.test", TEST_ROUTING);
      await runOutbox("space.match", "S1");
    }
  });

  it("let and free again by imports after a need edit: R1 is not offered it again", async () => {
    const lead = await declinedByR1("南京拒绝后出租再空机械有限公司");
    await hotlineEdit(lead.id, { "need.areaMax": "5500", note: "面积上限改为5500" });
    try {
      expect((await importInventory(suite.db.sql, { spaces: [s1("let")] })).ok).toBe(true);
      await afterInventoryChange(lead.id, "S1");
      expect((await importInventory(suite.db.sql, { spaces: [s1("available")] })).ok).toBe(true);
      await afterInventoryChange(lead.id, "S1");
      expect(await edzOf(lead.id)).toMatchObject({ recruiterId: null, status: "unassigned", closeReason: null });
      expect(await offersTo(lead.id, "R1")).toEqual([{ event: "assigned" }]);
    } finally {
      expect((await importInventory(suite.db.sql, { spaces: [s1("available")] })).ok).toBe(true);
      await runOutbox("space.match", "S1");
    }
  });

  it("a recruiter at work keeps the lead when the space is let an hour after a need edit the park still fitted", async () => {
    const lead = await storeTestLead(suite.db.sql, "南京编辑后出租精工机械有限公司", String(phone++));
    await suite.runMatch(lead.id);
    const edz = await edzOf(lead.id);
    await suite.db.sql`update assignments set status = 'contacted', accepted_at = now() where id = ${edz.id}`;
    await hotlineEdit(lead.id, { "need.areaMin": "4200", note: "面积下限改为4200" });
    try {
      expect((await importInventory(suite.db.sql, { spaces: [s1("let")] })).ok).toBe(true);
      await afterInventoryChange(lead.id, "S1");
      expect(await edzOf(lead.id)).toMatchObject({ recruiterId: "R1", status: "contacted", closeReason: null });
      expect(await suite.db.sql`select 1 from notifications where lead_id = ${lead.id} and kind = 'withdrawal-notice'`).toHaveLength(0);
    } finally {
      expect((await importInventory(suite.db.sql, { spaces: [s1("available")] })).ok).toBe(true);
      await runOutbox("space.match", "S1");
    }
  });

  it("the need edited after the decline so the park no longer fits, then back: the park is offered again, R1 included (ADR 108 stands)", async () => {
    const lead = await declinedByR1("南京拒绝后改需求机械有限公司");
    await hotlineEdit(lead.id, { "need.areaMin": "10000", "need.areaMax": "13000", "need.regions": "溧水区", note: "改为溧水一万平" });
    expect(await edzOf(lead.id)).toMatchObject({ status: "lost", closeReason: "need-changed" });
    await hotlineEdit(lead.id, { "need.areaMin": "4000", "need.areaMax": "6000", "need.regions": "高淳区", note: "又改回高淳" });
    expect(await edzOf(lead.id)).toMatchObject({ recruiterId: "R1", status: "offered", closeReason: null });
  });
});
