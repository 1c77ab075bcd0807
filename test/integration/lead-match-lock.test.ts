import { describe, expect, it } from "vitest";

import { enqueue } from "~/db/outbox.server";

import { leadMatchJob } from "../../worker/lead-match.job";
import { leadMatchJobSuite } from "../support/lead-match-job";
import { storeTestLead } from "../support/routed-lead";

// lead.match locks the lead and reads the live matches, the pending spaces and the inventory version in
// one round trip (the reads run after the lock). The pending spaces are read for the kind the lead had
// when the job first read it, before the search; an edit committed between that read and the lock that
// changes the kind must still be matched against the pending spaces of the new kind.

const suite = leadMatchJobSuite("lead_match_lock");

async function matchedSpaces(leadId: string): Promise<{ spaceId: string; kind: string }[]> {
  return suite.sql<{ spaceId: string; kind: string }[]>`
    select m.space_id, s.kind from matches m join spaces s on s.id = m.space_id where m.lead_id = ${leadId} and m.withdrawn_at is null order by m.space_id`;
}

describe("lead.match's lock and reads", () => {
  it("matches the pending spaces of the lead's kind", async () => {
    const { id } = await storeTestLead(suite.sql, "南京锁定读取测试有限公司", "13912340001"); // a factory, 4,000–6,000 ㎡ in 高淳区
    const [outboxId] = await enqueue(suite.sql, "lead.match", [id]);
    await leadMatchJob(suite.context().ctx, { outboxId, id });
    const matched = await matchedSpaces(id);
    expect(matched.length).toBeGreaterThan(0);
    expect(matched.every((m) => m.kind === "factory")).toBe(true);
  });

  it("matches the new kind's pending spaces when an edit changed the kind while the job searched", async () => {
    const { id } = await storeTestLead(suite.sql, "南京改类型测试有限公司", "13912340002");
    const [outboxId] = await enqueue(suite.sql, "lead.match", [id]);
    // The desk edits the need during the job's search: a warehouse of 3,000–4,000 ㎡ (S6, 3,500 ㎡, fits).
    const { ctx } = suite.context(async () => {
      await suite.sql`update leads set lead = jsonb_set(lead, '{need}', lead -> 'need' || ${suite.sql.json({
        kind: "warehouse",
        areaMin: 3000,
        areaMax: 4000,
        areaMinSqm: 3000,
        areaMaxSqm: 4000,
      } as never)}) where id = ${id}`;
    });
    await leadMatchJob(ctx, { outboxId, id });
    expect(await matchedSpaces(id)).toEqual([{ spaceId: "S6", kind: "warehouse" }]);
    const [job] = await suite.sql<{ done: boolean }[]>`select done_at is not null as done from outbox where id = ${outboxId}`;
    expect(job.done).toBe(true);
  });
});
