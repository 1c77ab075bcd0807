import { UnrecoverableError } from "bullmq";
import { describe, expect, it } from "vitest";

import { leadMatchJob } from "../../worker/lead-match.job";
import type { OutboxItem } from "../../worker/queue";
import { leadMatchJobSuite } from "../support/lead-match-job";

// A group of lead.match rows (docs/decisions/073) with one lead whose stored JSON this code cannot
// read — written by a newer release, or edited by hand — must not hold back the others: each lead
// fails alone, before the search as after it (docs/decisions/074). Real Postgres and Meilisearch.

const suite = leadMatchJobSuite("lead_match_poison");

const doneOf = async (items: OutboxItem[]) =>
  (
    await suite.sql<{ id: string; done: boolean }[]>`
      select id, done_at is not null as done from outbox where id = any(${items.map((i) => i.outboxId)}::bigint[])`
  ).reduce((m, r) => m.set(Number(r.id), r.done), new Map<number, boolean>());

// Each a stored lead the current code cannot read: the jsonb expression replaces the lead's JSON.
const POISONS: [string, string][] = [
  ["no need at all (read before the search)", `lead - 'need'`],
  [
    "regionCodes a string, not a list (its filter cannot be built)",
    `jsonb_set(lead #- '{need,regions}', '{need,regionCodes}', '"320118"')`,
  ],
  ["no use (industry unreadable)", `lead - 'use'`],
  ["an area in words (NaN in a filter)", `jsonb_set(lead, '{need,areaMinSqm}', '"about five thousand"')`],
  ["an area Meilisearch refuses as a filter value (1e+21)", `jsonb_set(lead, '{need,areaMinSqm}', '1.3e21')`],
];

describe("a group of lead.match rows with one lead this code cannot read", () => {
  it.each(POISONS)("%s: the others are matched and done; only it fails, and the retry tries only it", async (what, poisoned) => {
    const items = await suite.leads(`p${POISONS.findIndex(([w]) => w === what)}`, 20);
    const bad = items[7];
    await suite.sql.unsafe(`update leads set lead = ${poisoned} where id = $1`, [bad.id]);
    const { ctx } = suite.context();

    const run = leadMatchJob(ctx, { ...items[0], items });
    await expect(run).rejects.toThrow();
    await expect(run).rejects.not.toBeInstanceOf(UnrecoverableError); // BullMQ retries it
    const done = await doneOf(items);
    expect(items.filter((i) => !done.get(i.outboxId)).map((i) => i.id)).toEqual([bad.id]);
    const [{ matched }] = await suite.sql<{ matched: number }[]>`
      select count(*)::int as matched from leads where id = any(${items.map((i) => i.id)}::uuid[]) and matched_at is not null`;
    expect(matched).toBe(19);

    // The retry (same job data) reads only the row not done, and fails again on it alone.
    const retry = suite.context();
    await expect(leadMatchJob(retry.ctx, { ...items[0], items })).rejects.toThrow();
    expect(retry.requests.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4);
  });
});
