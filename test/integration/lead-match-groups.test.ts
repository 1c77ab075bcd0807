import { UnrecoverableError } from "bullmq";
import { describe, expect, it } from "vitest";

import { enqueue } from "~/db/outbox.server";

import { leadMatchJob } from "../../worker/lead-match.job";
import type { OutboxItem } from "../../worker/queue";
import { leadMatchJobSuite } from "../support/lead-match-job";

// The lead.match rows of one relay pass are one job (docs/decisions/073): one Meilisearch request for
// all its leads, each lead in its own transaction and marked done alone; a lead that fails holds back
// none of the others, and the job's retry does only the rows not done.

const suite = leadMatchJobSuite("lead_match_groups");

const stateOf = (items: OutboxItem[]) =>
  Promise.all(
    items.map(async (item) => {
      const [row] = await suite.sql<{ done: boolean; matched: boolean; matchedAt: Date | null }[]>`
        select o.done_at is not null as done, l.matched_at is not null as matched, l.matched_at
        from outbox o join leads l on l.id = ${item.id} where o.id = ${item.outboxId}`;
      return row;
    }),
  );

describe("lead.match for the rows of one relay pass", () => {
  it("matches every lead of the group with three searches a lead (the why-not listing from Postgres, ADR 126), in two Meilisearch requests sent at once", async () => {
    const items = await suite.leads("a", 5);
    const { ctx, requests, inFlight } = suite.context();
    await leadMatchJob(ctx, { ...items[0], items });
    expect(requests).toEqual([8, 7]);
    // Side by side (docs/decisions/079): the second is sent before the first is answered.
    expect(inFlight).toEqual([1, 2]);
    const state = await stateOf(items);
    expect(state.map((s) => [s.done, s.matched])).toEqual(items.map(() => [true, true]));
    const [{ n }] = await suite.sql<{ n: number }[]>`
      select count(distinct lead_id)::int as n from matches where lead_id = any(${items.map((i) => i.id)}::uuid[]) and withdrawn_at is null`;
    expect(n).toBe(5);
  });

  it("a lead that fails holds back none of the others; the retry does only the rows not done", async () => {
    const items = await suite.leads("b", 4);
    const failing = items[1].id;
    // A real fault in Postgres: storing this one lead's matches raises.
    await suite.sql.unsafe(`
      create function pm_test_fail_one() returns trigger language plpgsql as $$
      begin if new.lead_id = '${failing}' then raise exception 'injected fault for one lead'; end if; return new; end $$;
      create trigger pm_test_fail_one before insert on matches for each row execute function pm_test_fail_one();`);
    const { ctx, requests } = suite.context();
    try {
      const run = leadMatchJob(ctx, { ...items[0], items });
      await expect(run).rejects.toThrow("injected fault for one lead");
      await expect(run).rejects.not.toBeInstanceOf(UnrecoverableError); // retried by BullMQ
    } finally {
      await suite.sql.unsafe(`drop trigger pm_test_fail_one on matches; drop function pm_test_fail_one();`);
    }
    const first = await stateOf(items);
    expect(first.map((s) => s.done)).toEqual([true, false, true, true]);
    expect(first.map((s) => s.matched)).toEqual([true, false, true, true]);

    // The retry (the same job data): only the failed lead is searched and matched; the others are not touched again.
    await leadMatchJob(ctx, { ...items[0], items });
    expect(requests).toEqual([6, 6, 2, 1]);
    const second = await stateOf(items);
    expect(second.map((s) => [s.done, s.matched])).toEqual(items.map(() => [true, true]));
    for (const i of [0, 2, 3]) expect(second[i].matchedAt).toEqual(first[i].matchedAt);
  });

  it("a lead that does not exist: the others are matched, and its row ends at once as a dead letter (docs/decisions/077)", async () => {
    const items = await suite.leads("c", 2);
    const [gone] = await enqueue(suite.sql, "lead.match", ["00000000-0000-4000-8000-000000000000"]);
    const [notALead] = await enqueue(suite.sql, "lead.match", ["not-a-lead-id"]);
    const all = [...items, { outboxId: gone, id: "00000000-0000-4000-8000-000000000000" }, { outboxId: notALead, id: "not-a-lead-id" }];
    const { ctx, requests } = suite.context();
    await leadMatchJob(ctx, { ...all[0], items: all }); // nothing left to retry: the job succeeds
    expect((await stateOf(items)).map((s) => [s.done, s.matched])).toEqual([
      [true, true],
      [true, true],
    ]);
    const dead = await suite.sql<{ id: string; done: boolean; deadReason: string | null; lastError: string | null }[]>`
      select id::text, done_at is not null as done, dead_reason, last_error from outbox where id = any(${[gone, notALead]}::bigint[]) order by id`;
    expect(dead.map((r) => [r.done, r.deadReason])).toEqual([
      [false, "lead-missing"],
      [false, "lead-missing"],
    ]);
    expect(dead[0].lastError).toContain("does not exist");
    // The same job again (BullMQ's retry of a group that also had a failing lead): dead rows are not read again.
    await leadMatchJob(ctx, { ...all[0], items: all });
    expect(requests).toEqual([3, 3]);
  });

  it("a lead won, lost or closed by an admin (spam, duplicate) before its job ran is marked done, not matched", async () => {
    const items = await suite.leads("d", 4);
    await suite.sql`update leads set status = 'lost' where id = ${items[2].id}`;
    await suite.sql`update leads set status = 'closed', closed_as = 'spam' where id = ${items[3].id}`;
    const { ctx, requests } = suite.context();
    await leadMatchJob(ctx, { ...items[0], items });
    expect(requests).toEqual([3, 3]);
    expect((await stateOf(items)).map((s) => [s.done, s.matched])).toEqual([
      [true, true],
      [true, true],
      [true, false],
      [true, false],
    ]);
    const [{ n }] = await suite.sql<{ n: number }[]>`select count(*)::int as n from matches where lead_id = ${items[3].id}`;
    expect(n).toBe(0);
  });
});
