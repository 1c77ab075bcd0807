import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { leadMatchJob } from "../../worker/lead-match.job";
import { countingJobContext, leadMatchJobSuite } from "../support/lead-match-job";
import { type TracedSql, tracedSql } from "../support/traced-sql";

// Statements a lead (issue 14, ADR 177): lead.match reads the pending spaces of the lead's kind (those whose
// change the search index has not confirmed) in the statement that reads the spaces found, under the
// lead's lock as before: one statement a lead fewer.

const suite = leadMatchJobSuite("lead_match_round_trips");
let traced: TracedSql;

beforeAll(async () => {
  traced = await tracedSql(suite.url);
});
afterAll(async () => {
  await traced?.sql.end({ timeout: 2 });
});

const flat = (q: string) => q.replace(/\s+/g, " ");
/** The statements of the first transaction recorded (between its `begin` and its `commit`). */
function firstTransaction(recorded: string[]): string[] {
  const begin = recorded.findIndex((q) => /^\s*begin\b/i.test(q));
  const commit = recorded.findIndex((q, i) => i > begin && /^\s*commit\b/i.test(q));
  return recorded.slice(begin + 1, commit);
}

describe("lead.match's statements for one lead", () => {
  it("reads the pending spaces with the spaces found, in one statement", async () => {
    const [item] = await suite.leads("rt", 1);
    const { ctx } = countingJobContext(traced.sql, suite.spacesIndex);
    traced.recorded.length = 0;
    await leadMatchJob(ctx, item);
    const tx = firstTransaction(traced.recorded).map(flat);
    // The suite's index is empty: every demo space is pending, and read in the one statement with the ids found.
    const pendingReads = tx.filter((q) => q.includes("version > indexed_version"));
    expect(pendingReads).toHaveLength(1);
    expect(pendingReads[0]).toContain("unnest(");
    // Matched all the same: every lead of the suite fits demo spaces no search found (the index is empty).
    const [{ parks, live }] = await suite.sql<{ parks: number; live: number }[]>`
      select (select count(*)::int from assignments where lead_id = ${item.id}) as parks,
             (select count(*)::int from matches where lead_id = ${item.id} and withdrawn_at is null) as live`;
    expect(live).toBeGreaterThan(0);
    // The lock and its state; the spaces (with the pending ones); the offered spaces locked and re-read; the
    // matches; routing's parks and history, the recruiters locked when several parks, a read and a write a
    // park; the outcome. Before ADR 177 the pending spaces were a statement of their own: one more.
    expect(tx).toHaveLength((parks > 1 ? 10 : 9) + 2 * parks);
    const [{ done }] = await suite.sql<{ done: boolean }[]>`select done_at is not null as done from outbox where id = ${item.outboxId}`;
    expect(done).toBe(true);
  });
});
