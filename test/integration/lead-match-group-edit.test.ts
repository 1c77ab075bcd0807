import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { importInventory } from "~/inventory/import.server";
import { rematchLead } from "~/matches/rematch.server";

import { leadMatchJob } from "../../worker/lead-match.job";
import { demoInventory } from "../fixtures/inventory";
import { createTestDatabase } from "../support/database";
import { countingJobContext, leadsWithMatchRows } from "../support/lead-match-job";
import { outboxDrained } from "../support/pipeline";
import { startTestWorker } from "../support/worker";

// A need edited at the desk while its lead's group is searched (docs/decisions/073), against an
// inventory the index has caught up with (nothing pending): the edit queued its own re-match, so the
// group's row must not match the new need against candidates searched for the old one — that left the
// lead unmatched, its matches withdrawn and a call-back task open for the hotline, until the re-match
// came (docs/decisions/074).

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const names = (s: string) => ({ leads: `leads_lme_${s}`, spaces: `spaces_lme_${s}`, parks: `parks_lme_${s}` });
const indexNames = names(Math.random().toString(36).slice(2, 8));

beforeAll(async () => {
  db = await createTestDatabase("lead_match_edit");
  expect((await importInventory(db.sql, demoInventory())).ok).toBe(true);
  const worker = await startTestWorker({ databaseUrl: db.url, indexNames }); // indexes the inventory
  try {
    await outboxDrained(db.sql);
  } finally {
    await worker.close();
  }
  const [{ pending }] = await db.sql<
    { pending: number }[]
  >`select count(*)::int as pending from spaces where indexed_version is distinct from version`;
  expect(pending).toBe(0);
}, 120_000);
afterAll(async () => db?.drop());

/** A warehouse of 3,000–4,000 ㎡ in 高淳区: S6 (3,500 ㎡) fits, and no space the old need was searched for. */
const WAREHOUSE = { kind: "warehouse", areaMin: 3000, areaMax: 4000, areaMinSqm: 3000, areaMaxSqm: 4000 };

describe("a need edited while its group is searched", () => {
  it.each([
    ["the kind and the area", WAREHOUSE],
    // S2 (1,500 ㎡, 5.4 m) and S11 (1,200 ㎡, 6 m) fit; the old need's searches reach neither.
    ["the area and the ceiling", { kind: "factory", areaMin: 1200, areaMax: 1600, areaMinSqm: 1200, areaMaxSqm: 1600, ceilingMinM: 5 }],
  ])("%s: matched once, for the new need, with no call-back task in between", async (_what, need) => {
    const items = await leadsWithMatchRows(db.sql, `edit${need.areaMin}`, 3);
    const edited = items[1].id;
    let once = false;
    const { ctx } = countingJobContext(db.sql, indexNames.spaces, async () => {
      if (once) return;
      once = true;
      // The desk's edit: the need changed and its re-match queued, in one transaction (app/matches/rematch.server.ts).
      await db.sql.begin(async (tx) => {
        await tx`update leads set lead = jsonb_set(lead, '{need}', lead -> 'need' || ${tx.json(need as never)}) where id = ${edited}`;
        await rematchLead(tx, edited, "test: need edited");
      });
    });
    await leadMatchJob(ctx, { ...items[0], items });
    const [again] = await db.sql<{ id: string }[]>`
      select id from outbox where topic = 'lead.match' and aggregate_id = ${edited} and done_at is null`;
    expect(again).toBeDefined(); // the edit's re-match, still to do
    await leadMatchJob(countingJobContext(db.sql, indexNames.spaces).ctx, { outboxId: Number(again.id), id: edited });

    const [trace] = await db.sql<{ callbacks: number; withdrawn: number; kinds: string[] | null; open: number }[]>`
      select (select count(*)::int from call_tasks where lead_id = ${edited} and kind = 'callback') as callbacks,
             (select count(*)::int from matches where lead_id = ${edited} and withdrawn_at is not null) as withdrawn,
             (select array_agg(distinct s.kind) from matches m join spaces s on s.id = m.space_id
              where m.lead_id = ${edited} and m.withdrawn_at is null) as kinds,
             (select count(*)::int from outbox where topic = 'lead.match' and aggregate_id = ${edited} and done_at is null) as open`;
    expect(trace).toEqual({ callbacks: 0, withdrawn: 0, kinds: [need.kind], open: 0 });
    const [{ matched }] = await db.sql<{ matched: number }[]>`
      select count(*)::int as matched from leads where id = any(${items.map((i) => i.id)}::uuid[]) and matched_at is not null and status = 'assigned'`;
    expect(matched).toBe(3);
  });
});
