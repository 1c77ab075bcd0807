import { describe, expect, it } from "vitest";

import type { JobContext } from "../../worker/job-context";
import { leadMatchJob } from "../../worker/lead-match.job";
import { spaceMatchJob } from "../../worker/space-match.job";
import { leadMatchJobSuite } from "../support/lead-match-job";
import { storeTestLead } from "../support/routed-lead";

// docs/decisions/215: a lead whose last live match goes (its spaces let or retired) while a recruiter still holds
// an assignment (ADR 108 keeps it: no need edit) stays `assigned` and gets no call-back task — the hotline does
// not call the enterprise to clarify its need while a recruiter works it. A lead nobody holds is unmatched and
// called back, as before. (A new user's trial, 12-06: the admin list said 未匹配 beside the park's offer and its
// deadline, and the hotline had 回访企业 for a lead R1 had been offered.)

const suite = leadMatchJobSuite("let_under_holder");
let phone = 13700008800;

async function runMatch(ctx: JobContext, leadId: string) {
  const rows = await suite.sql<{ id: string }[]>`
    select id from outbox where aggregate_id = ${leadId} and topic = 'lead.match' and done_at is null order by id`;
  if (!rows.length) return;
  const items = rows.map((r) => ({ outboxId: Number(r.id), id: leadId }));
  await leadMatchJob(ctx, { ...items[0], items });
}

/** Lets `spaceId` (or makes it available again) and runs its space.match, then the lead.match rows it queued. */
async function setSpace(ctx: JobContext, spaceId: string, status: "let" | "available", leadIds: string[]) {
  await suite.sql`update spaces set status = ${status}, version = version + 1 where id = ${spaceId}`;
  const [job] = await suite.sql<
    { id: string }[]
  >`insert into outbox (topic, aggregate_id) values ('space.match', ${spaceId}) returning id::text`;
  await spaceMatchJob(ctx, { outboxId: Number(job.id), id: spaceId });
  for (const id of leadIds) await runMatch(ctx, id);
}

const stateOf = async (leadId: string) => {
  const [lead] = await suite.sql<{ status: string }[]>`select status from leads where id = ${leadId}`;
  const callbacks = await suite.sql`select 1 from call_tasks where lead_id = ${leadId} and kind = 'callback' and status = 'open'`;
  const live = await suite.sql`select 1 from matches where lead_id = ${leadId} and withdrawn_at is null`;
  return { status: lead.status, callbacks: callbacks.length, liveMatches: live.length };
};

describe("a lead's last space let while a recruiter holds it", () => {
  it.each([
    ["offered", "offered"],
    ["accepted", "accepted"],
    ["site visit", "visit"],
  ])("held (%s): stays assigned, no call-back; nobody holding it: unmatched and called back", { timeout: 60_000 }, async (_l, step) => {
    const { ctx } = suite.context();
    // Factories of 4,000–6,000 ㎡ in 高淳区: S1 (GC-EDZ, R1) and S5 (GC-DB, R2) fit.
    const held = await storeTestLead(suite.sql, `南京房源出租仍在跟进${step}有限公司`, String(phone++));
    const free = await storeTestLead(suite.sql, `南京房源出租无人跟进${step}有限公司`, String(phone++));
    await runMatch(ctx, held.id);
    await runMatch(ctx, free.id);
    // R1 works `held` at GC-EDZ; every assignment of `free` was declined with nobody left to take it.
    await suite.sql`update assignments set status = ${step} where lead_id = ${held.id} and park_id = 'GC-EDZ'`;
    await suite.sql`update assignments set status = 'lost' where lead_id = ${held.id} and park_id <> 'GC-EDZ'`;
    await suite.sql`update assignments set status = 'declined' where lead_id = ${free.id}`;
    try {
      await setSpace(ctx, "S1", "let", [held.id, free.id]);
      await setSpace(ctx, "S5", "let", [held.id, free.id]);
      expect(await stateOf(held.id)).toEqual({ status: "assigned", callbacks: 0, liveMatches: 0 });
      expect(await stateOf(free.id)).toEqual({ status: "unmatched", callbacks: 1, liveMatches: 0 });
      const [a] = await suite.sql<{ status: string }[]>`select status from assignments where lead_id = ${held.id} and park_id = 'GC-EDZ'`;
      expect(a.status).toBe(step);
    } finally {
      await setSpace(ctx, "S1", "available", [held.id, free.id]);
      await setSpace(ctx, "S5", "available", [held.id, free.id]);
    }
  });
});
