import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadDashboard, loadLeadAudit } from "~/admin/admin-data.server";
import { defaultRange, loadDashboardFigures } from "~/admin/dashboard-data.server";
import { type LeadFilters, leadQueueCounts, listLeads } from "~/admin/lead-list.server";
import type { Sql } from "~/db/db.server";
import { loadOpenCallTasks } from "~/hotline/call-task-list.server";
import { findCallerLeads } from "~/hotline/caller-search.server";
import { loadDeskLead, openLeadsWithPhone } from "~/hotline/desk-lead.server";
import { type DeskFilters, loadDesk, recruiterParks } from "~/recruiter-desk/desk-search.server";
import { loadOtherParks, loadVisibleNotes, loadWorkState } from "~/recruiter-desk/lead-work.server";

import type { SearchClient } from "../../search/client";
import { createTestDatabase } from "../support/database";

// Postgres indexes for every list and filter the desks and the admin offer (issue 14, "checked with
// EXPLAIN in a test over generated data, not only timed"; ADR 035). Over 50,000 generated leads with
// their assignments, audit lines, matches, notices, call tasks and notes (VACUUM ANALYZE first), each
// list is loaded through its own *.server.ts function with a Postgres client that records every
// statement it sends (the driver's `debug` hook): the SQL explained is the code's, so the test cannot
// drift from it. Every recorded read is EXPLAINed with its parameters; a Seq Scan over one of the
// large tables fails the test, unless it is in ALLOWED with the reason a whole-table read is the
// right plan there.

const LEADS = 50_000;
const LARGE = ["leads", "assignments", "routing_events", "matches", "notifications", "call_tasks", "outbox", "lead_notes"];

/** Whole-table reads that are right (label of the call → the tables it may scan, and why). */
const ALLOWED: Record<string, { tables: string[]; why: string }> = {
  "admin lead list: none": { tables: ["leads"], why: "the unfiltered list's total counts every lead (an index-only scan)" },
  "admin lead list: page 40": { tables: ["leads"], why: "the unfiltered list's total counts every lead (an index-only scan)" },
};

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let traced: Sql;
const recorded: { label: string; query: string; params: unknown[] }[] = [];
let current = "";
let partialIndexes = new Set<string>();

beforeAll(async () => {
  db = await createTestDatabase("indexes");
  await generate(db.sql);
  const partial = await db.sql<{ name: string }[]>`select indexrelid::regclass::text as name from pg_index where indpred is not null`;
  partialIndexes = new Set(partial.map((r) => r.name));
  traced = postgres(db.url, {
    max: 4,
    onnotice: () => {},
    transform: { undefined: null },
    debug: (_connection, query, params) => recorded.push({ label: current, query, params: [...(params as unknown[])] }),
  }) as unknown as Sql;
}, 300_000);
afterAll(async () => {
  await traced?.end({ timeout: 2 });
  await db?.drop();
});

/** Runs `f` with the traced client, recording its statements under `label`. One call at a time. */
async function call(label: string, f: (sql: Sql) => Promise<unknown>): Promise<void> {
  current = label;
  await f(traced);
  current = "";
}

const ORDER_PRESERVING = ["Nested Loop", "Merge Join", "Incremental Sort", "Subquery Scan", "Result", "Unique", "Gather Merge", "Memoize"];

/**
 * Whole-table reads of large tables in a JSON plan (made with enable_seqscan off, so a Seq Scan left
 * means no index can serve the access): Seq Scans, and index scans without an index condition that do
 * not feed a LIMIT in index order (a full index scan is a whole-table read too). "table: node (filter)".
 */
function wholeTableReads(plan: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (node: Record<string, unknown>, underLimit: boolean) => {
    const type = String(node["Node Type"]);
    const table = String(node["Relation Name"] ?? "");
    if (LARGE.includes(table)) {
      // A scan of a whole partial index reads only the rows its predicate selects (the open offers, the dead letters).
      const partial = partialIndexes.has(String(node["Index Name"] ?? ""));
      // A whole index walked to filter its rows one by one is a whole-table read. (A whole index feeding a
      // hash join is the planner's choice for an unselective filter, e.g. one park of twenty: not flagged.)
      const full = type === "Seq Scan" || (/Index/.test(type) && !node["Index Cond"] && !underLimit && !partial && Boolean(node.Filter));
      if (full) out.push(`${table}: ${type}${node.Filter ? ` (${String(node.Filter)})` : ""}`);
    }
    const children = (node.Plans as Record<string, unknown>[] | undefined) ?? [];
    children.forEach((child, i) => walk(child, type === "Limit" || (underLimit && i === 0 && ORDER_PRESERVING.includes(type))));
  };
  walk(plan, false);
  return out;
}

const searchDown = {
  index: () => ({
    search: () => Promise.reject(new Error("search down (test)")),
  }),
} as unknown as SearchClient;

describe("every list and filter of the desks and the admin reads through an index", () => {
  it("records the statements of every list, then finds no Seq Scan over a large table in their plans", async () => {
    const { from, to } = defaultRange(new Date("2026-11-30T12:00:00Z"));
    const [{ id: someLead, phone: somePhone, credit_code: someCode }] = await db.sql<{ id: string; phone: string; credit_code: string }[]>`
      select id, phone, credit_code from leads where credit_code is not null order by id limit 1`;
    const [{ id: someAssignment, lead_id: assignedLead }] = await db.sql<{ id: string; lead_id: string }[]>`
      select id, lead_id from assignments where recruiter_id = 'R07' order by id limit 1`;

    // Admin lead list (/admin/leads): each filter alone, a few together, the search-words fallbacks.
    const filters: [string, LeadFilters][] = [
      ["none", {}],
      ["page 40", { page: 40 }],
      ["status", { status: "assigned" }],
      ["channel", { channel: "hotline" }],
      ["section", { section: "C" }],
      ["date range", { from, to }],
      ["unmatched", { unmatched: true }],
      ["park", { park: "P03" }],
      ["breached", { breached: true }],
      ["status + park + range", { status: "assigned", park: "P03", from, to }],
      ["words (search down: company/product/reference/phone in Postgres)", { q: "精工" }],
      ["reference", { q: "PM-20260315" }],
      ["phone digits", { q: "1390001" }],
    ];
    for (const [name, f] of filters) await call(`admin lead list: ${name}`, (sql) => listLeads(sql, null, f));
    await call("admin lead list: queue counts", (sql) => leadQueueCounts(sql));
    await call("admin lead page: audit", (sql) => loadLeadAudit(sql, someLead));

    // Admin overview (/admin, /admin/dead-letters): stuck outbox, unassigned queue, dead letters, call tasks, escalations.
    await call("admin overview", (sql) => loadDashboard(sql));

    // Dashboard (/admin/dashboard): the last 30 days, all parks and one park.
    await call("dashboard: 30 days", (sql) => loadDashboardFigures(sql, { from, to, park: null }));
    await call("dashboard: 30 days, one park", (sql) => loadDashboardFigures(sql, { from, to, park: "P03" }));

    // Recruiter desk (/queue): open and history views, each filter, search.
    const desk: [string, DeskFilters][] = [
      ["open", { view: "open" }],
      ["open, page 3", { view: "open", page: 3 }],
      ["open, status", { view: "open", status: "contacted" }],
      ["open, park", { view: "open", parkId: "P07" }],
      ["open, need kind", { view: "open", kind: "warehouse" }],
      ["open, follow-up due", { view: "open", followUpDue: true }],
      ["open, words", { view: "open", q: "精工" }],
      ["open, phone digits", { view: "open", q: "13900012" }],
      ["history", { view: "history" }],
      ["history, outcome", { view: "history", status: "lost" }],
      ["history, words", { view: "history", q: "精工" }],
    ];
    for (const [name, f] of desk) await call(`recruiter desk: ${name}`, (sql) => loadDesk(sql, "R07", f));
    await call("recruiter desk: parks", (sql) => recruiterParks(sql, "R07"));
    await call("recruiter lead page: work state", (sql) => loadWorkState(sql, someAssignment));
    await call("recruiter lead page: notes", (sql) => loadVisibleNotes(sql, assignedLead, null));
    await call("recruiter lead page: other parks", (sql) => loadOtherParks(sql, assignedLead, someAssignment));

    // Hotline desk (/hotline): call tasks, known numbers, the caller lookup's Postgres fallbacks.
    await call("hotline: open call tasks", (sql) => loadOpenCallTasks(sql));
    await call("hotline: open leads with a phone", (sql) => openLeadsWithPhone(sql, somePhone));
    await call("hotline: lead page", (sql) => loadDeskLead(sql, someLead));
    await call("hotline: caller lookup, index down, exact phone", (sql) =>
      findCallerLeads({ sql, search: searchDown, leadsIndex: "leads" }, { phoneDigits: somePhone.slice(3) }, somePhone),
    );
    await call("hotline: caller lookup, index down, exact credit code", (sql) =>
      findCallerLeads({ sql, search: searchDown, leadsIndex: "leads" }, { creditCode: someCode }, null),
    );

    const statements = recorded.filter((r) => /^\s*(select|with)\b/i.test(r.query));
    expect(statements.length).toBeGreaterThan(40); // the hook saw the lists' statements
    const labels = new Set(statements.map((r) => r.label));
    expect(labels.size).toBeGreaterThan(30); // every call sent at least one read

    const failures: string[] = [];
    for (const r of statements) {
      // enable_seqscan off: the planner takes any index that can serve; what is still read whole has none.
      const plan = await db.sql.begin(async (tx) => {
        await tx`set local enable_seqscan = off`;
        const [row] = await tx.unsafe<{ "QUERY PLAN": { Plan: Record<string, unknown> }[] }[]>(
          `explain (format json) ${r.query}`,
          r.params as never[],
        );
        return row["QUERY PLAN"][0].Plan;
      });
      const reads = wholeTableReads(plan).filter((s) => !ALLOWED[r.label]?.tables.includes(s.split(":")[0]));
      if (reads.length) failures.push(`${r.label}: ${reads.join(", ")}\n    ${r.query.replace(/\s+/g, " ").slice(0, 200)}`);
    }
    expect(failures, failures.join("\n")).toEqual([]);
  }, 240_000);
});

/**
 * 50,000 leads over the year to 2026-11-30 (statuses, channels, sections mixed), 20 parks, 40
 * recruiters, 2,000 spaces; an assignment for 4 of 5 leads (open, closed, unassigned, escalated),
 * three audit lines and a notice per assignment (1 % dead), three matches per lead, call tasks, notes,
 * outbox rows (nearly all done). Then VACUUM ANALYZE, as autovacuum would have.
 */
async function generate(sql: Sql): Promise<void> {
  await sql`insert into parks (id, name, province, city, district)
            select 'P' || lpad(i::text, 2, '0'), '园区' || i, '江苏省', '南京市', '高淳区' from generate_series(1, 20) i`;
  await sql`insert into recruiters (id, name, email, phone, channel, parks, capacity, active)
            select 'R' || lpad(i::text, 2, '0'), '招商' || i, 'r' || i || '@example.test', '+86139000000' || lpad(i::text, 2, '0'), 'email',
                   array['P' || lpad((1 + i % 20)::text, 2, '0')], 50, true
            from generate_series(1, 40) i`;
  await sql`insert into spaces (id, park_id, kind, deals, title, area_sqm, status)
            select 'S' || i, 'P' || lpad((1 + i % 20)::text, 2, '0'), (array['factory','warehouse','land','office'])[1 + i % 4], '{lease}',
                   '厂房' || i, 1000 + i, 'available'
            from generate_series(1, 2000) i`;
  await sql`
    insert into leads (id, reference, status, source, lead, raw, phone, credit_code, company_name, industry, consent_method, created_at, updated_at)
    select gen_random_uuid(),
           'PM-' || to_char(at, 'YYYYMMDD') || '-' || lpad(i::text, 5, '0'),
           (array['received','matched','unmatched','assigned','assigned','assigned','won','lost','closed','matched'])[1 + i % 10],
           (array['web','web','api','hotline'])[1 + i % 4],
           jsonb_build_object('company', jsonb_build_object('name', name), 'use', jsonb_build_object('product', '产品' || (i % 300)),
                              'need', jsonb_build_object('kind', (array['factory','warehouse','land','office'])[1 + i % 4], 'deal', 'lease', 'areaMinSqm', 1000 + i % 9000),
                              'contact', jsonb_build_object('name', '王经理', 'phone', '139' || lpad(i::text, 8, '0'))),
           '{}'::jsonb,
           '+86139' || lpad(i::text, 8, '0'),
           case when i % 2 = 0 then '91320100' || lpad(i::text, 10, '0') end,
           name,
           (array['C35','C38','C39','F51','G59','M73'])[1 + i % 6],
           'unrecorded', at, at
    from (select i, timestamptz '2026-11-30 12:00+08' - make_interval(secs => (${LEADS} - i) * (365 * 86400.0 / ${LEADS})) as at,
                 (array['南京','苏州','无锡','常州'])[1 + i % 4] || (array['精工','华兴','恒盛','电子','新材料'])[1 + (i / 4) % 5] || i || '有限公司' as name
          from generate_series(1, ${LEADS}) i) g`;
  await sql`
    insert into assignments (lead_id, park_id, recruiter_id, channel, status, rule, reason, offered_at, accept_by, accepted_at, created_at, updated_at,
                             follow_up_on, visit_on, closed_at)
    select id, 'P' || lpad((1 + n % 20)::text, 2, '0'),
           case when st in ('unassigned') then null else 'R' || lpad((1 + n % 40)::text, 2, '0') end, 'email', st, 'rule', '{}'::jsonb,
           created_at, created_at + interval '2 hours', case when st not in ('offered','unassigned','escalated') then created_at + interval '1 hour' end,
           created_at, created_at + interval '3 hours',
           case when n % 7 = 0 and st in ('accepted','contacted','visit') then (created_at + interval '10 days')::date end,
           case when st = 'visit' then (created_at + interval '5 days')::date end,
           case when st in ('signed','lost') then created_at + interval '20 days' end
    from (select id, created_at, row_number() over (order by created_at) as n,
                 (array['offered','accepted','contacted','visit','signed','lost','lost','declined','contacted','accepted',
                        'signed','lost','contacted','accepted','offered','lost','signed','contacted','unassigned','escalated'])[1 + (row_number() over (order by created_at))::int % 20] as st
          from leads) l
    where n % 5 <> 0`;
  await sql`
    insert into routing_events (assignment_id, lead_id, event, recruiter_id, at)
    select a.id, a.lead_id, e.event, coalesce(a.recruiter_id, 'R01'), a.created_at + e.off
    from assignments a
    cross join (values ('assigned', interval '0'), ('notified', interval '1 minute'), ('accepted', interval '1 hour')) e(event, off)`;
  await sql`
    insert into routing_events (assignment_id, lead_id, event, recruiter_id, at)
    select a.id, a.lead_id, (array['declined','rerouted','sla-missed'])[1 + (extract(epoch from a.created_at)::bigint % 3)::int], 'R07', a.created_at + interval '2 hours'
    from assignments a where extract(epoch from a.created_at)::bigint % 17 = 0`;
  await sql`
    insert into matches (lead_id, space_id, park_id, score, reasons, found_by, created_at)
    select l.id, 'S' || s, 'P' || lpad((1 + s % 20)::text, 2, '0'), 70, '[]'::jsonb, 'lead', l.created_at
    from (select id, created_at, row_number() over (order by id) as n from leads) l
    cross join lateral (values (1 + (l.n * 3) % 2000), (1 + (l.n * 3 + 1) % 2000), (1 + (l.n * 3 + 2) % 2000)) v(s)`;
  await sql`
    insert into notifications (assignment_id, lead_id, kind, channel, recipient, dedupe_key, status, attempts, created_at)
    select id, lead_id, 'assignment', 'email', coalesce(recruiter_id, 'R01'), 'n:' || id, case when extract(epoch from created_at)::bigint % 100 = 0 then 'dead' else 'sent' end, 1, created_at
    from assignments`;
  await sql`
    insert into call_tasks (kind, lead_id, assignment_id, recruiter_id, phone, script, status, due_at, dedupe_key, created_at)
    select (array['handover','callback','escalation'])[1 + n % 3], lead_id, id, recruiter_id, '+8613900000000', '脚本',
           case when n % 50 = 0 then 'open' when n % 77 = 0 then 'no-answer' else 'done' end, created_at + interval '1 hour', 't:' || id, created_at
    from (select *, row_number() over (order by id) as n from assignments) a where n % 4 = 0`;
  await sql`
    insert into lead_notes (lead_id, body, source, created_at)
    select lead_id, '备注', 'recruiter', created_at + interval '1 day' from assignments where extract(epoch from created_at)::bigint % 3 = 0`;
  await sql`
    insert into outbox (topic, aggregate_id, created_at, relayed_at, done_at)
    select t, id::text, created_at, created_at, case when extract(epoch from created_at)::bigint % 5000 = 0 then null else created_at end
    from leads cross join (values ('lead.index'), ('lead.match')) v(t)`;
  await sql.unsafe("vacuum analyze");
}
