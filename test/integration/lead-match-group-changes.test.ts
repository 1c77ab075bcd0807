import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { eraseLeads } from "~/privacy/anonymise.server";

import { leadMatchJob } from "../../worker/lead-match.job";
import { leadMatchJobSuite } from "../support/lead-match-job";

// A lead of a group (docs/decisions/073) changes after the job first read it — while the group is
// searched, or while the leads ahead of it are matched: the job decides on the lead as its lock
// finds it (docs/decisions/074). An erased or closed lead is marked done and nobody hears of it.

const suite = leadMatchJobSuite("lead_match_changes");

/** What the job left of a lead: its row done, live matches, assignments, notices, call tasks. */
async function traceOf(leadId: string) {
  const [row] = await suite.sql<{ done: boolean; matches: number; assignments: number; notices: number; tasks: number }[]>`
    select (select bool_and(done_at is not null) from outbox where topic = 'lead.match' and aggregate_id = ${leadId}) as done,
           (select count(*)::int from matches where lead_id = ${leadId} and withdrawn_at is null) as matches,
           (select count(*)::int from assignments where lead_id = ${leadId}) as assignments,
           (select count(*)::int from notifications where lead_id = ${leadId}) as notices,
           (select count(*)::int from call_tasks where lead_id = ${leadId} and status = 'open') as tasks`;
  return row;
}

const untouched = { done: true, matches: 0, assignments: 0, notices: 0, tasks: 0 };

describe("a lead changed while its group is searched", () => {
  it.each([
    ["erased at the person's request", "erase"],
    ["lost", "lost"],
    ["won", "won"],
  ] as const)("%s: its row is done and nobody hears of it; the others are matched and routed", async (_what, change) => {
    const items = await suite.leads(`c${change}`, 6);
    const changed = [items[1].id, items[4].id]; // one in each of two lanes
    let once = false;
    const { ctx } = suite.context(async () => {
      if (once) return;
      once = true;
      if (change === "erase")
        await eraseLeads(suite.sql, {
          leadIds: changed,
          actor: "test",
          subject: "test",
          outboxDir: mkdtempSync(join(tmpdir(), "pm-erase-")),
        });
      else await suite.sql`update leads set status = ${change} where id = any(${changed}::uuid[])`;
    });
    await leadMatchJob(ctx, { ...items[0], items });
    for (const id of changed) expect(await traceOf(id)).toEqual(untouched);
    for (const item of items.filter((i) => !changed.includes(i.id))) {
      const trace = await traceOf(item.id);
      expect(trace.done).toBe(true);
      expect(trace.assignments).toBeGreaterThan(0);
    }
  });
});
