import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadDashboard } from "~/admin/admin-data.server";
import { compactDashboardCounts } from "~/admin/dashboard-rollup.server";
import type { Sql } from "~/db/db.server";

import { createTestDatabase } from "../support/database";
import { generateHistory } from "../support/generated-history";

// The assignment counters the dashboard reads for recruiters' open load and the queues, and the
// overview for its unassigned and escalated totals (migration 046, ADR 046), equal a count of the
// assignments in every snapshot, while many transactions insert, update, delete (some rolled back, some
// failing on a deadlock) and the worker's fold runs at the same time.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let sql: Sql;

const STATUSES = ["unassigned", "offered", "accepted", "declined", "contacted", "visit", "signed", "lost", "escalated"];
const RECRUITERS = [null, "R01", "R02", "R03", "R04"];
const WRITERS = 6;
const STEPS = 60;

beforeAll(async () => {
  db = await createTestDatabase("dashboard_counters");
  sql = db.sql;
  await generateHistory(sql, 1_000);
}, 240_000);
afterAll(async () => {
  await db?.drop();
});

/** Counters and a count of the facts, in one REPEATABLE READ snapshot: "status/recruiter" → n, zeros left out. */
async function bothInOneSnapshot(): Promise<{ counters: Record<string, number>; counted: Record<string, number> }> {
  return sql.begin("isolation level repeatable read read only", async (tx) => {
    const counters = await tx<{ key: string; n: number }[]>`
      select status || '/' || recruiter_id as key, sum(n)::int as n from dashboard_assignment_counts group by 1 having sum(n) <> 0`;
    const counted = await tx<{ key: string; n: number }[]>`
      select status || '/' || coalesce(recruiter_id, '') as key, count(*)::int as n from assignments group by 1`;
    const asMap = (rows: { key: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.key, r.n]));
    return { counters: asMap(counters), counted: asMap(counted) };
  });
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

async function writer(seed: number): Promise<{ committed: number; failed: number }> {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  let committed = 0;
  let failed = 0;
  for (let i = 0; i < STEPS; i++) {
    const op = next();
    const rollback = next() < 0.15;
    try {
      await sql.begin(async (tx) => {
        if (op < 0.3) {
          await tx`insert into assignments (lead_id, park_id, recruiter_id, channel, status, rule, reason)
                   select id, 'P' || lpad((1 + (${i} % 20))::text, 2, '0'), ${pick(RECRUITERS)}, 'email', ${pick(STATUSES)}, 'rule', '{}'
                   from leads order by id offset ${Math.floor(next() * 900)} limit ${1 + Math.floor(next() * 3)}
                   on conflict do nothing`;
        } else if (op < 0.85) {
          // Several rows of the same few, so writers meet on them (waits, and now and then a deadlock).
          await tx`update assignments set status = ${pick(STATUSES)}, recruiter_id = ${pick(RECRUITERS)}
                   where id in (select id from assignments order by id offset ${Math.floor(next() * 40)} limit ${1 + Math.floor(next() * 4)})`;
          await tx`update assignments set status = ${pick(STATUSES)} where id = (select id from assignments order by id offset ${Math.floor(next() * 40)} limit 1)`;
        } else {
          await tx`delete from assignments where id = (select id from assignments order by id offset ${Math.floor(next() * 40)} limit 1)`;
        }
        if (rollback) throw new Error("rolled back on purpose");
      });
      committed++;
    } catch {
      failed++;
    }
  }
  return { committed, failed };
}

describe("dashboard assignment counters", () => {
  it("equal a count of the assignments in every snapshot under concurrent writes and folds", async () => {
    const start = await bothInOneSnapshot();
    expect(Object.keys(start.counted).length).toBeGreaterThan(5);
    expect(start.counters).toEqual(start.counted);
    let writing = true;
    const checks: { counters: Record<string, number>; counted: Record<string, number> }[] = [];
    const reader = (async () => {
      while (writing) checks.push(await bothInOneSnapshot());
    })();
    let folds = 0;
    const folder = (async () => {
      while (writing) {
        await compactDashboardCounts(sql);
        folds++;
      }
    })();
    const results = await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(1 + w)));
    writing = false;
    await Promise.all([reader, folder]);

    expect(results.reduce((n, r) => n + r.committed, 0)).toBeGreaterThan(WRITERS * STEPS * 0.5);
    expect(results.reduce((n, r) => n + r.failed, 0)).toBeGreaterThan(0); // rollbacks happened
    expect(folds).toBeGreaterThan(2);
    expect(checks.length).toBeGreaterThan(5);
    for (const c of checks) expect(c.counters).toEqual(c.counted);
    const end = await bothInOneSnapshot();
    expect(end.counters).toEqual(end.counted);
    await compactDashboardCounts(sql);
    const [{ rows, keys }] = await sql<{ rows: number; keys: number }[]>`
      select count(*)::int as rows, count(distinct (status, recruiter_id))::int as keys from dashboard_assignment_counts`;
    expect(rows).toBe(keys); // folded: one row a key
    expect((await bothInOneSnapshot()).counters).toEqual(end.counted);
    // The overview's totals read them too.
    const overview = await loadDashboard(sql);
    const [{ unassigned, escalated }] = await sql<{ unassigned: number; escalated: number }[]>`
      select (count(*) filter (where status = 'unassigned'))::int as unassigned, (count(*) filter (where status = 'escalated'))::int as escalated
      from assignments`;
    expect(unassigned).toBeGreaterThan(0);
    expect([overview.unassigned.total, overview.escalated.total]).toEqual([unassigned, escalated]);
  }, 120_000);

  it("a truncate of assignments leaves the counters at zero", async () => {
    await sql`truncate assignments cascade`;
    expect(await bothInOneSnapshot()).toEqual({ counters: {}, counted: {} });
  });
});
