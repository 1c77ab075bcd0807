import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { routingReadsOfLeads } from "~/assignments/route-lead.server";
import { createSql, type Sql } from "~/db/db.server";
import { enqueue } from "~/db/outbox.server";
import { loadGroupSpaceRows } from "~/inventory/inventory-read.server";
import { leadMatchStates, lockLeadsForMatching, recordMatchOutcomes } from "~/matches/match-leads.server";
import { saveGroupMatches } from "~/matches/match-store.server";
import { log } from "~/utils/log.server";

import { leadMatchJob } from "../../worker/lead-match.job";
import type { OutboxItem } from "../../worker/queue";
import { countingJobContext, leadMatchJobSuite } from "../support/lead-match-job";
import { type TracedSql, tracedSql } from "../support/traced-sql";

// A lead.match group's leads in one transaction of shared statements (docs/decisions/193): the statements a
// lead of a group, counted; each lead matched as its own transaction would have matched it; two groups that
// share leads, spaces and recruiters, run at once, neither deadlocks (neither falls back to the per-lead path).

const suite = leadMatchJobSuite("lead_match_group_stmts");
let traced: TracedSql;

beforeAll(async () => {
  traced = await tracedSql(suite.url);
  await suite.sql`update recruiters set capacity = 1000000`; // every lead gets its offers, whatever ran before
});
afterAll(async () => {
  await traced?.sql.end({ timeout: 2 });
});

/** What a lead was left with: live matches (space and score), why-not (space ids), status, parks assigned. */
async function outcomeOf(leadId: string) {
  const [row] = await suite.sql<{ live: string[]; excluded: string[]; status: string; parks: string[]; done: boolean }[]>`
    select coalesce((select array_agg(space_id || ':' || score order by space_id) from matches where lead_id = l.id and withdrawn_at is null), '{}') as live,
           coalesce((select array_agg(e ->> 'spaceId' order by e ->> 'spaceId') from jsonb_array_elements(l.excluded) e), '{}') as excluded,
           l.status,
           coalesce((select array_agg(park_id order by park_id) from assignments where lead_id = l.id), '{}') as parks,
           (select bool_and(done_at is not null) from outbox where topic = 'lead.match' and aggregate_id = l.id::text) as done
    from leads l where l.id = ${leadId}`;
  return row;
}

/**
 * The statements lead.match sent for `items` as one group, on one connection: its reads before any transaction
 * (the rows with their leads, the why-not listing) and every statement of its matching transactions (those
 * that lock leads), not the notices' delivery after each commit (the same either way; bench:e2e counts it
 * under notify.* too).
 */
async function statementsOf(items: OutboxItem[]): Promise<string[]> {
  const { ctx } = countingJobContext(traced.sql, suite.spacesIndex);
  traced.recorded.length = 0;
  await leadMatchJob(ctx, { ...items[0], items });
  const out: string[] = [];
  let tx: string[] | null = null;
  let beforeAny = true;
  for (const q of traced.recorded) {
    if (/^\s*begin\b/i.test(q)) {
      tx = [];
      beforeAny = false;
    } else if (/^\s*(commit|rollback)\b/i.test(q)) {
      if (tx?.some((t) => t.includes("anonymised_at is not null as anonymised"))) out.push(...tx);
      tx = null;
    } else if (tx) tx.push(q);
    else if (beforeAny) out.push(q);
  }
  return out;
}

describe("a lead.match group's statements", () => {
  it.each([5, 20])("a group of %i leads: each matched as alone, in far fewer statements a lead", async (n) => {
    const alone = await suite.leads(`one${n}`, 1);
    const aloneStatements = await statementsOf(alone);
    const items = await suite.leads(`g${n}`, n);
    const statements = await statementsOf(items);
    const perLead = statements.length / n;
    if (process.env.DUMP_STATEMENTS) console.log(statements.map((q) => q.replace(/\s+/g, " ").slice(0, 110)).join("\n"));
    console.log(
      `lead.match statements: one lead alone ${aloneStatements.length}; a group of ${n}: ${statements.length} (${perLead.toFixed(2)} a lead)`,
    );
    // Every lead of the suite asks the same (a factory of 4,000–6,000 ㎡ in 高淳区): the same spaces, scores and why-not as alone.
    const expected = await outcomeOf(alone[0].id);
    expect(expected.live.length).toBeGreaterThan(0);
    for (const item of items) {
      const got = await outcomeOf(item.id);
      expect({ ...got, parks: undefined }).toEqual({ ...expected, parks: undefined });
      expect(got.parks.length).toBeGreaterThan(0);
    }
    // One lead alone: the rows' read and the listing, and its transaction (lead-match-round-trips.test.ts: 9 or 10 + 2 a park).
    const parks = (await outcomeOf(items[0].id)).parks.length;
    expect(aloneStatements).toHaveLength(2 + (parks > 1 ? 10 : 9) + 2 * parks);
    // A group: the two reads, ten shared statements (the leads' lock, their states, the spaces, the offered spaces
    // locked and re-read, the matches, the recruiters' lock, routing's reads, the outcomes) once, and routing's
    // read and write a park for each lead.
    expect(statements).toHaveLength(2 + 9 + 2 * parks * n);
  });

  it("two groups sharing leads, spaces and recruiters, run at once: neither deadlocks nor leaves its shared path", async () => {
    const warn = vi.spyOn(log, "warn");
    try {
      for (let round = 0; round < 3; round++) {
        const leads = await suite.leads(`dl${round}`, 10);
        // The second group's rows of the shared leads (an edit's re-match each) queued in the opposite order.
        const shared = leads.slice(3, 7).reverse();
        const again = await enqueue(
          suite.sql,
          "lead.match",
          shared.map((l) => l.id),
        );
        const a = leads.slice(0, 7);
        const b = [...leads.slice(7), ...shared.map((l, i) => ({ outboxId: again[i], id: l.id }))];
        await Promise.all([
          leadMatchJob(suite.context().ctx, { ...a[0], items: a }),
          leadMatchJob(suite.context().ctx, { ...b[0], items: b }),
        ]);
        for (const l of leads) expect((await outcomeOf(l.id)).done).toBe(true);
      }
      const fellBack = warn.mock.calls.filter(([msg]) => String(msg).includes("shared transaction failed"));
      expect(fellBack.map(([, fields]) => fields)).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });
});

describe("the group's statements given lists", () => {
  it("keep their generic plan, whatever the group's size (docs/decisions/126)", async () => {
    const leads = (await suite.leads("plans", 8)).map((l) => l.id);
    const spaces = (await suite.sql<{ id: string; parkId: string }[]>`select id, park_id from spaces order by id limit 40`).map((s) => s);
    const conn = createSql(suite.url, { max: 1 });
    try {
      for (let i = 0; i < 40; i++) {
        const n = 1 + (i % 7);
        const ids = leads.slice(0, n);
        await conn
          .begin(async (tx) => {
            await Promise.all([lockLeadsForMatching(tx, ids), leadMatchStates(tx, ids).execute()]);
            await loadGroupSpaceRows(
              tx,
              spaces.slice(0, 5 * n).map((s) => s.id),
              undefined,
              { kinds: ["factory", "warehouse"].slice(0, 1 + (i % 2)), limit: 1000 },
            );
            await saveGroupMatches(
              tx,
              ids.map((leadId, k) => ({
                leadId,
                results: [
                  { spaceId: spaces[k].id, parkId: spaces[k].parkId, score: 50, conditional: false, reasons: [], spaceVersion: "1" },
                ],
                withdrawals: [{ spaceId: spaces[k + 1].id, reason: { zh: "测", en: "t" } }],
              })),
            );
            await routingReadsOfLeads(tx, ids);
            await recordMatchOutcomes(
              tx,
              ids.map((leadId, k) => ({ leadId, inventoryVersion: "1", excluded: [], outboxId: -1 - k })),
            );
            throw new Rollback();
          })
          .catch((e) => {
            if (!(e instanceof Rollback)) throw e;
          });
      }
      const stats = await planCounts(conn);
      const markers = [
        "l.anonymised_at is not null as anonymised from leads l",
        "as lead_id, (select last_value::text from inventory_version)",
        "with keys as (select k.id, k.kept from jsonb_to_recordset",
        "insert into matches (lead_id, space_id, park_id, score, conditional, reasons, found_by, space_version) select",
        "update matches m set withdrawn_at = now(), withdrawn_reason = w.reason",
        "'assigned', a.id is not null and a.close_reason",
        "with k as (select * from jsonb_to_recordset",
      ];
      if (process.env.DUMP_STATEMENTS)
        console.log(
          markers.map((m) => [
            m,
            stats.filter((s) => s.statement.replace(/\s+/g, " ").includes(m)).map((s) => `${s.customPlans}/${s.genericPlans}`),
          ]),
        );
      for (const marker of markers) {
        const [st] = stats.filter((s) => s.statement.replace(/\s+/g, " ").includes(marker));
        expect(st, marker).toBeDefined();
        expect({ marker, custom: st.customPlans <= 5, generic: st.genericPlans >= 35, st }).toEqual({
          marker,
          custom: true,
          generic: true,
          st,
        });
      }
    } finally {
      await conn.end({ timeout: 2 });
    }
  });
});

class Rollback extends Error {}

/** pg_prepared_statements' plan counts of the statements on `conn`. */
function planCounts(conn: Sql) {
  return conn<{ statement: string; customPlans: number; genericPlans: number }[]>`
    select statement, custom_plans::int, generic_plans::int from pg_prepared_statements`;
}
