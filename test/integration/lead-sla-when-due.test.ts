import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { catchUpOfferDeadlines, exportLeads, listLeads } from "~/admin/lead-list.server";
import type { Sql } from "~/db/db.server";
import { importInventory } from "~/inventory/import.server";

import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { routedTestLead } from "../support/routed-lead";

// Migration 074, docs/decisions/100: an offer's lead_sla row (and its lead's pairs' sla_due_at) is
// written when the offer's deadline comes, not with the offer on the lead's path. Its one reader, the
// lead list's "SLA breached" (and the export), catches up before it reads; so does the worker's
// dashboard pass. The deadline passing writes nothing by itself: the tests stand for it by moving an
// offer's deadline into the past with the offer triggers off, as the clock would have done.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let n = 0;

beforeAll(async () => {
  db = await createTestDatabase("lead_sla_when_due");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
}, 120_000);
afterAll(async () => {
  await db?.drop();
});

/** A lead routed now (an offer due in 120 minutes): its lead and assignment ids and its park. */
async function offered(): Promise<{ leadId: string; assignmentId: string; parkId: string }> {
  n += 1;
  const [space] = await db.sql<{ id: string; parkId: string }[]>`
    select id, park_id from spaces where status = 'available' order by id offset ${n % 5} limit 1`;
  const r = await routedTestLead(
    db.sql,
    { company: `南京期限到时测试${n}有限公司`, phone: `1392223${String(1000 + n)}` },
    space.id,
    space.parkId,
  );
  return { leadId: r.leadId, assignmentId: r.assignmentId, parkId: space.parkId };
}

/** The deadline of the offer passed `agoMinutes` ago, with nothing written about it (the triggers off for this one update). */
async function deadlinePassed(sql: Sql, assignmentId: string, agoMinutes: number): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`alter table assignments disable trigger lead_sla_update`;
    await tx`update assignments set accept_by = now() - ${agoMinutes}::float8 * interval '1 minute' where id = ${assignmentId}`;
    await tx`alter table assignments enable trigger lead_sla_update`;
  });
}

async function slaRows(leadId: string) {
  return db.sql<{ source: string; dueAt: Date }[]>`select source, due_at from lead_sla where lead_id = ${leadId}`;
}

async function pairDeadlines(leadId: string) {
  const rows = await db.sql<{ due: Date | null }[]>`select sla_due_at as due from lead_parks where lead_id = ${leadId}`;
  return rows.map((r) => r.due?.toISOString() ?? null);
}

async function listedBreached(f: { park?: string; channel?: "api" } = {}): Promise<string[]> {
  const list = await listLeads(db.sql, null, { breached: true, ...f });
  return list.rows.map((r) => r.id);
}

describe("an offer's deadline row (migration 074)", () => {
  it("is not written with the offer", async () => {
    const o = await offered();
    expect(await slaRows(o.leadId)).toEqual([]);
    expect(await pairDeadlines(o.leadId)).toEqual([null]);
    // Nothing due yet: a pass writes nothing for it, and the list does not call it breached.
    await catchUpOfferDeadlines(db.sql);
    expect(await slaRows(o.leadId)).toEqual([]);
    expect(await listedBreached()).not.toContain(o.leadId);
  });

  it("is written when the list asks for breached leads after the deadline passed: the filter, the park's pairs and the channel's range agree", async () => {
    const o = await offered();
    await deadlinePassed(db.sql, o.assignmentId, 5);
    expect(await slaRows(o.leadId)).toEqual([]); // the clock wrote nothing
    expect(await listedBreached()).toContain(o.leadId);
    const [offer] = await db.sql<{ acceptBy: Date }[]>`select accept_by from assignments where id = ${o.assignmentId}`;
    expect(await slaRows(o.leadId)).toEqual([{ source: o.assignmentId, dueAt: offer.acceptBy }]);
    expect(await pairDeadlines(o.leadId)).toEqual([offer.acceptBy.toISOString()]);
    expect(await listedBreached({ park: o.parkId })).toContain(o.leadId);
    expect(await listedBreached({ channel: "api" })).toContain(o.leadId);
    // and the row of the list says so, as the plain definition does
    const row = (await listLeads(db.sql, null, { breached: true })).rows.find((r) => r.id === o.leadId);
    expect(row?.breached).toBe(true);
  });

  it("is written by the export's filter and by a pass of its own, each once; an offer accepted in time never has one", async () => {
    const [a, b, accepted] = [await offered(), await offered(), await offered()];
    await db.sql`update assignments set status = 'accepted', accepted_at = now() where id = ${accepted.assignmentId}`;
    await deadlinePassed(db.sql, a.assignmentId, 1);
    await deadlinePassed(db.sql, b.assignmentId, 1);
    await deadlinePassed(db.sql, accepted.assignmentId, 1);
    const exported = await exportLeads(db.sql, null, { breached: true });
    expect(exported.rows.map((r) => r.reference)).toEqual(
      expect.arrayContaining(
        (await db.sql<{ reference: string }[]>`select reference from leads where id in (${a.leadId}, ${b.leadId})`).map((r) => r.reference),
      ),
    );
    expect((await slaRows(a.leadId)).length).toBe(1);
    expect(await catchUpOfferDeadlines(db.sql)).toBe(0); // already written: a second pass writes nothing
    expect(await slaRows(accepted.leadId)).toEqual([]);
    expect(await listedBreached()).not.toContain(accepted.leadId);
  });

  it("is found by a pass for an offer due up to an hour before the last pass's mark (a transaction that was still open then)", async () => {
    await catchUpOfferDeadlines(db.sql); // the mark is now about now() + 1 minute
    const o = await offered();
    await deadlinePassed(db.sql, o.assignmentId, 30); // due half an hour before the mark: committed after the pass
    expect(await catchUpOfferDeadlines(db.sql)).toBe(1);
    expect((await slaRows(o.leadId)).length).toBe(1);
  });

  it("is written with the offer when the offer is made already due, and removed when the offer is no longer open", async () => {
    const o = await offered();
    await db.sql`update assignments set accept_by = now() - interval '1 minute' where id = ${o.assignmentId}`; // an admin's deadline
    expect((await slaRows(o.leadId)).length).toBe(1);
    await db.sql`update assignments set status = 'accepted', accepted_at = now() where id = ${o.assignmentId}`;
    expect(await slaRows(o.leadId)).toEqual([]);
    expect(await pairDeadlines(o.leadId)).toEqual([null]);
    expect(await listedBreached()).not.toContain(o.leadId);
  });
});
