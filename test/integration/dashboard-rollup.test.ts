import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type DashboardFilters, loadDashboardFigures, loadDashboardFiguresLive, SIZE_BANDS } from "~/admin/dashboard-data.server";
import { compactDashboardCounts, rebuildDashboardRollup, rebuildDashboardRollupAll } from "~/admin/dashboard-rollup.server";
import type { Sql } from "~/db/db.server";

import { createTestDatabase } from "../support/database";
import { generateHistory } from "../support/generated-history";

// The dashboard's daily rollup (migration 044, ADR 040) gives exactly the live figures. A generated
// year (sources, 20 parks, every funnel stage, contacts, declines, re-routes, missed SLAs), built; then
// one kind of change at a time to an old, already built day — a late audit line of each kind, a
// match added or removed, an assignment added or moved, a backfilled lead, a changed source, a
// deleted lead — each checked to change the live figures (so the check can fail) and to leave the
// rollup-based loader equal to them before any rebuild, and again after the worker's rebuild.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let sql: Sql;

const month: DashboardFilters = { from: "2026-11-01", to: "2026-11-30", park: null };
const RANGES: DashboardFilters[] = [
  month,
  { ...month, park: "P03" },
  { ...month, park: "P11" },
  { from: "2025-12-01", to: "2026-11-30", park: null },
  { from: "2026-11-12", to: "2026-11-12", park: "P03" },
];

const liveAll = () => Promise.all(RANGES.map((f) => loadDashboardFiguresLive(sql, f)));
const rollupAll = () => Promise.all(RANGES.map((f) => loadDashboardFigures(sql, f)));

beforeAll(async () => {
  db = await createTestDatabase("dashboard_rollup");
  sql = db.sql;
  await generateHistory(sql, 4_000);
  // Kinds the generator lacks: escalations and admin re-routes, audit lines without a recruiter or an assignment.
  await sql`
    insert into routing_events (assignment_id, lead_id, event, recruiter_id, at)
    select a.id, a.lead_id, e.event, e.recruiter, a.created_at + interval '3 hours'
    from (select *, row_number() over (order by created_at) as n from assignments) a
    cross join (values ('escalated', 'R03'), ('admin-reroute', 'R05'), ('assigned', null), ('contacted', null)) e(event, recruiter)
    where a.n % 11 = 0`;
  await sql`
    insert into routing_events (assignment_id, lead_id, event, recruiter_id, at)
    select null, id, 'contacted', 'R02', created_at + interval '1 hour' from leads where extract(epoch from created_at)::bigint % 13 = 0`;
  // Endings counted apart (ADR 114): lost by the recruiter, and a few ended by need edits (`withdrawn`).
  await sql`
    insert into routing_events (assignment_id, lead_id, event, recruiter_id, at)
    select a.id, a.lead_id, case when abs(hashtext(a.id::text)) % 4 = 0 then 'withdrawn' else 'lost' end, a.recruiter_id, a.created_at + interval '10 days'
    from assignments a where a.status = 'lost' and a.recruiter_id is not null`;
}, 240_000);
afterAll(async () => {
  await db?.drop();
});

/** An old lead (China day 2026-11-12) with an assignment held by a recruiter and no contact yet. */
async function oldAssignment(): Promise<{ leadId: string; assignmentId: string; recruiterId: string }> {
  const [row] = await sql<{ leadId: string; assignmentId: string; recruiterId: string }[]>`
    select a.lead_id as "leadId", a.id as "assignmentId", a.recruiter_id as "recruiterId"
    from assignments a join leads l on l.id = a.lead_id
    where l.created_at >= '2026-11-12 00:00+08' and l.created_at < '2026-11-13 00:00+08' and a.recruiter_id is not null
      and not exists (select 1 from routing_events e where e.assignment_id = a.id and e.event in ('contacted', 'signed', 'visit'))
    order by l.created_at limit 1`;
  return row;
}

describe("dashboard rollup", () => {
  it("equals the live figures once built, and reads the rollup (a wrong row shows)", async () => {
    // The generator built the year; the lines added after it marked their days, rebuilt here.
    expect(await rebuildDashboardRollupAll(sql)).toBeGreaterThan(0);
    const [{ built, stale }] = await sql<{ built: number; stale: number }[]>`
      select (select count(*)::int from dashboard_days) as built, (select count(*)::int from dashboard_stale) as stale`;
    expect(built).toBeGreaterThanOrEqual(365);
    expect(stale).toBe(0);
    const live = await liveAll();
    expect(live[0].funnel.every((s) => s.leads > 0)).toBe(true); // every stage and figure has data
    expect(live[0].firstContact.total).toBeGreaterThan(0);
    expect(live[0].perRecruiter.some((r) => r.breaches > 0)).toBe(true);
    expect(live[0].perRecruiter.some((r) => r.reroutes > 0)).toBe(true);
    // Ended apart (ADR 114), each kind with data.
    expect(live[0].ended.lost).toBeGreaterThan(0);
    expect(live[0].ended.needChanged).toBeGreaterThan(0);
    expect(await rollupAll()).toEqual(live);
    // The rollup's size bands of unmet needs are the code's (migration 046).
    const [{ sizeBands }] = await sql<{ sizeBands: number[] }[]>`select dashboard_size_bands() as size_bands`;
    expect(sizeBands).toEqual([...SIZE_BANDS]);

    // A wrong rollup row changes the figures: the loader reads the rollup for a built day.
    await sql`update dashboard_daily set received = received + 1000 where day = '2026-11-12' and park = '*' and source = 'web'`;
    await sql`insert into dashboard_contact_daily values ('2026-11-12', '*', 0, 100)
              on conflict (park, day, band) do update set n = dashboard_contact_daily.n + 100`;
    await sql`insert into dashboard_unmet_daily values ('2026-11-12', 'factory', 1, '', 1000)
              on conflict (day, kind, band, district) do update set leads = dashboard_unmet_daily.leads + 1000`;
    await sql`insert into dashboard_assignment_counts (status, recruiter_id, n) values ('offered', 'R01', 7)`;
    await sql`update dashboard_daily set lost = lost + 30, withdrawn = withdrawn + 40 where day = '2026-11-12' and park = '*' and source = 'web'`;
    const wrong = await loadDashboardFigures(sql, month);
    expect(wrong.ended).toEqual({ lost: live[0].ended.lost + 30, needChanged: live[0].ended.needChanged + 40 });
    expect(wrong.funnel[0].leads).toBe(live[0].funnel[0].leads + 1000);
    expect(wrong.firstContact.within5).toBe(live[0].firstContact.within5 + 100);
    expect(wrong.unmet[0].leads).toBeGreaterThan(live[0].unmet[0].leads);
    expect(wrong.queues.offered).toBe(live[0].queues.offered + 7);
    expect(wrong.load.find((r) => r.recruiterId === "R01")?.open).toBe(live[0].load.find((r) => r.recruiterId === "R01")!.open + 7);
    await sql`insert into dashboard_assignment_counts (status, recruiter_id, n) values ('offered', 'R01', -7)`;
    // The median is read from the rows of its band: a wrong time there shows too.
    await sql`update dashboard_first_contact set minutes = minutes + 0.5 where day = '2026-11-12'`;
    expect((await loadDashboardFigures(sql, { ...month, from: "2026-11-12", to: "2026-11-12" })).firstContact.medianMinutes).not.toBe(
      (await loadDashboardFiguresLive(sql, { ...month, from: "2026-11-12", to: "2026-11-12" })).firstContact.medianMinutes,
    );
    expect(await rebuildDashboardRollup(sql, { days: ["2026-11-12"] })).toEqual(["2026-11-12"]);
    expect(await rollupAll()).toEqual(live);
  });

  // [what, change, marks a day: false for a change only the counters see]
  const changes: [string, () => Promise<unknown>, boolean?][] = [
    [
      "first contacts exactly on bucket bounds (5 and 60 minutes after the offer: counted in the bucket they close)",
      async () => {
        const rows = await sql<{ id: string; leadId: string; recruiterId: string }[]>`
          select a.id, a.lead_id as "leadId", a.recruiter_id as "recruiterId" from assignments a join leads l on l.id = a.lead_id
          where l.created_at >= '2026-11-13 00:00+08' and l.created_at < '2026-11-14 00:00+08' and a.recruiter_id is not null
            and not exists (select 1 from routing_events e where e.assignment_id = a.id and e.event = 'contacted')
            and exists (select 1 from routing_events e where e.assignment_id = a.id and e.event in ('assigned', 'rerouted') and e.recruiter_id is not null)
          order by l.created_at limit 2`;
        for (const [i, a] of rows.entries())
          await sql`insert into routing_events (assignment_id, lead_id, event, recruiter_id, at)
                    select ${a.id}, ${a.leadId}, 'contacted', ${a.recruiterId}, min(at) + make_interval(mins => ${i === 0 ? 5 : 60})
                    from routing_events where assignment_id = ${a.id} and event in ('assigned', 'rerouted') and recruiter_id is not null`;
      },
    ],
    [
      "a late first contact",
      async () => {
        const a = await oldAssignment();
        await sql`insert into routing_events (assignment_id, lead_id, event, recruiter_id) values (${a.assignmentId}, ${a.leadId}, 'contacted', ${a.recruiterId})`;
      },
    ],
    [
      "a late visit and signing",
      async () => {
        const a = await oldAssignment();
        await sql`insert into routing_events (assignment_id, lead_id, event, recruiter_id)
                  values (${a.assignmentId}, ${a.leadId}, 'visit', ${a.recruiterId}), (${a.assignmentId}, ${a.leadId}, 'signed', ${a.recruiterId})`;
      },
    ],
    [
      "a late missed SLA, escalation, decline and admin re-route",
      async () => {
        const a = await oldAssignment();
        await sql`insert into routing_events (assignment_id, lead_id, event, recruiter_id)
                  select ${a.assignmentId}, ${a.leadId}, e, 'R09' from unnest(array['sla-missed', 'escalated', 'declined', 'admin-reroute']) e`;
      },
    ],
    [
      "assignments ended late: one lost by its recruiter, two ended by need edits (ADR 114: counted apart)",
      async () => {
        const rows = await sql<{ id: string; leadId: string; recruiterId: string }[]>`
          select a.id, a.lead_id as "leadId", a.recruiter_id as "recruiterId" from assignments a join leads l on l.id = a.lead_id
          where l.created_at >= '2026-11-18 00:00+08' and l.created_at < '2026-11-19 00:00+08' and a.recruiter_id is not null
            and not exists (select 1 from routing_events e where e.assignment_id = a.id and e.event in ('lost', 'withdrawn'))
          order by l.created_at limit 3`;
        expect(rows).toHaveLength(3);
        const before = await loadDashboardFiguresLive(sql, month);
        for (const [i, a] of rows.entries())
          await sql`insert into routing_events (assignment_id, lead_id, event, recruiter_id)
                    values (${a.id}, ${a.leadId}, ${i === 0 ? "lost" : "withdrawn"}, ${a.recruiterId})`;
        const after = await loadDashboardFiguresLive(sql, month);
        const leads = new Set(rows.slice(1).map((r) => r.leadId)).size;
        expect(after.ended).toEqual({ lost: before.ended.lost + 1, needChanged: before.ended.needChanged + leads });
        expect(after.funnel).toEqual(before.funnel); // not a funnel stage
        expect(after.perRecruiter).toEqual(before.perRecruiter); // not a breach or a re-route
      },
    ],
    [
      "steps undone late (ADR 150): a 流失, a signing with the other park's assignment it closed, a decline; and an undo's rule corrected",
      async () => {
        const rows = await sql<{ id: string; leadId: string; recruiterId: string }[]>`
          select distinct on (l.created_at, a.lead_id) a.id, a.lead_id as "leadId", a.recruiter_id as "recruiterId"
          from assignments a join leads l on l.id = a.lead_id
          where l.created_at >= '2026-11-09 00:00+08' and l.created_at < '2026-11-10 00:00+08' and a.recruiter_id is not null
            and not exists (select 1 from routing_events e where e.lead_id = a.lead_id and e.event in ('lost', 'signed', 'declined', 'withdrawn'))
          order by l.created_at, a.lead_id limit 4`;
        expect(rows).toHaveLength(4);
        const before = await loadDashboardFiguresLive(sql, month);
        const line = (a: (typeof rows)[number], event: string, rule: string | null = null) =>
          sql`insert into routing_events (assignment_id, lead_id, event, recruiter_id, rule) values (${a.id}, ${a.leadId}, ${event}, ${a.recruiterId}, ${rule})`;
        await line(rows[0], "lost");
        await line(rows[0], "reopened", "undo-lost");
        await line(rows[1], "signed");
        await line(rows[2], "lost");
        await line(rows[1], "reopened", "undo-signed");
        await line(rows[2], "reopened", "undo-lost");
        await line(rows[3], "declined");
        await line(rows[3], "reopened", "undo-declined");
        // Each step with its undo counts nothing: the month's figures are as before (but for first contacts, untouched).
        expect((await loadDashboardFiguresLive(sql, month)).ended).toEqual(before.ended);
        expect((await loadDashboardFiguresLive(sql, month)).funnel).toEqual(before.funnel);
        expect((await loadDashboardFiguresLive(sql, month)).perRecruiter).toEqual(before.perRecruiter);
        // An undo corrected to name another step: the 流失 counts again, and nothing was signed to take back.
        await sql`update routing_events set rule = 'undo-signed' where assignment_id = ${rows[0].id} and event = 'reopened'`;
      },
    ],
    [
      "an earlier offer found late (a re-route two days before the first)",
      async () => {
        const [a] = await sql<{ id: string; leadId: string }[]>`
          select a.id, a.lead_id as "leadId" from assignments a join leads l on l.id = a.lead_id
          where l.created_at >= '2026-11-14 00:00+08' and l.created_at < '2026-11-15 00:00+08'
            and exists (select 1 from routing_events e where e.assignment_id = a.id and e.event = 'contacted')
          order by l.created_at limit 1`;
        await sql`insert into routing_events (assignment_id, lead_id, event, recruiter_id, at)
                  select ${a.id}, ${a.leadId}, 'rerouted', 'R11', min(at) - interval '2 days' from routing_events where assignment_id = ${a.id}`;
      },
    ],
    [
      "a match added by reverse matching",
      async () => {
        await sql`insert into matches (lead_id, space_id, park_id, score, reasons, found_by)
                  select l.id, 'S11', 'P11', 80, '[]', 'space' from leads l
                  where l.created_at >= '2026-11-16 00:00+08' and l.created_at < '2026-11-17 00:00+08'
                    and not exists (select 1 from matches m where m.lead_id = l.id and m.park_id = 'P11')
                    and not exists (select 1 from assignments a where a.lead_id = l.id and a.park_id = 'P11')
                  order by l.created_at limit 1`;
      },
    ],
    [
      "matches removed by a re-match",
      async () => {
        await sql`delete from matches where lead_id = (select l.id from leads l join matches m on m.lead_id = l.id
                  where l.created_at >= '2026-11-17 00:00+08' and l.created_at < '2026-11-18 00:00+08' order by l.created_at limit 1)`;
      },
    ],
    [
      "an assignment added in another park",
      async () => {
        await sql`insert into assignments (lead_id, park_id, recruiter_id, channel, status, rule, reason, offered_at, accept_by)
                  select l.id, 'P11', 'R12', 'email', 'offered', 'rule', '{}', now(), now() + interval '2 hours' from leads l
                  where l.created_at >= '2026-11-18 00:00+08' and l.created_at < '2026-11-19 00:00+08'
                    and not exists (select 1 from matches m where m.lead_id = l.id and m.park_id = 'P11')
                    and not exists (select 1 from assignments a where a.lead_id = l.id and a.park_id = 'P11')
                  order by l.created_at limit 1`;
      },
    ],
    [
      "an assignment moved to another park",
      async () => {
        const a = await oldAssignment();
        await sql`update assignments set park_id = 'P11' where id = ${a.assignmentId}
                  and not exists (select 1 from assignments b where b.lead_id = ${a.leadId} and b.park_id = 'P11')`;
      },
    ],
    [
      "an audit line corrected (its time) and one deleted",
      async () => {
        const [e] = await sql<{ id: string; assignmentId: string }[]>`
          select e.id, e.assignment_id as "assignmentId" from routing_events e join leads l on l.id = e.lead_id
          where e.event = 'contacted' and e.recruiter_id is not null and l.created_at >= '2026-11-20 00:00+08' and l.created_at < '2026-11-21 00:00+08'
          order by e.id limit 1`;
        await sql`update routing_events set at = at + interval '3 days' where id = ${e.id}`;
        await sql`delete from routing_events where assignment_id = ${e.assignmentId} and event = 'accepted'`;
        await sql`delete from routing_events where id = (select e.id from routing_events e join leads l on l.id = e.lead_id
                  where e.event = 'signed' and l.created_at >= '2026-11-21 00:00+08' and l.created_at < '2026-11-22 00:00+08' order by e.id limit 1)`;
      },
    ],
    [
      "a backfilled day of leads (imported with their old times), with matches, an assignment and its audit lines",
      async () => {
        const ids = await sql<{ id: string }[]>`
          insert into leads (reference, status, source, lead, raw, phone, company_name, industry, consent_method, created_at, updated_at)
          select 'PM-BACKFILL-' || i, 'assigned', (array['web', 'api', 'hotline'])[1 + i % 3], lead, raw, phone, company_name, industry,
                 consent_method, timestamptz '2026-11-23 00:00+08' + make_interval(mins => i * 97), now()
          from (select * from leads order by created_at limit 1) l, generate_series(1, 12) i
          returning id`;
        await sql`insert into matches (lead_id, space_id, park_id, score, reasons, found_by, created_at)
                  select id, 'S3', 'P03', 70, '[]', 'lead', now() from leads where reference like 'PM-BACKFILL-%'`;
        const [a] = await sql<{ id: string }[]>`
          insert into assignments (lead_id, park_id, recruiter_id, channel, status, rule, reason, offered_at, accept_by)
          values (${ids[0].id}, 'P03', 'R04', 'email', 'contacted', 'rule', '{}', now(), now()) returning id`;
        await sql`insert into routing_events (assignment_id, lead_id, event, recruiter_id, at)
                  values (${a.id}, ${ids[0].id}, 'assigned', 'R04', '2026-11-23 09:00+08'), (${a.id}, ${ids[0].id}, 'contacted', 'R04', '2026-11-23 09:03+08')`;
      },
    ],
    [
      "a lead's source corrected",
      async () => {
        await sql`update leads set source = 'hotline' where id = (select id from leads where source = 'web'
                  and created_at >= '2026-11-24 00:00+08' and created_at < '2026-11-25 00:00+08' order by created_at limit 1)`;
      },
    ],
    [
      "a matched lead of an old day left unmatched (its matches withdrawn) and an unmatched one matched late",
      async () => {
        await sql`update leads set status = 'unmatched' where id = (select id from leads where status = 'matched'
                  and created_at >= '2026-11-26 00:00+08' and created_at < '2026-11-27 00:00+08' order by created_at limit 1)`;
        await sql`update leads set status = 'matched' where id = (select id from leads where status = 'unmatched'
                  and created_at >= '2026-11-12 00:00+08' and created_at < '2026-11-13 00:00+08' order by created_at limit 1)`;
      },
    ],
    [
      "an unmatched lead's need edited (kind and area: another group of unmet needs)",
      async () => {
        await sql`update leads set lead = jsonb_set(jsonb_set(lead, '{need,kind}', '"warehouse"'), '{need,areaMinSqm}', '25000')
                  where id = (select id from leads where status = 'unmatched'
                  and created_at >= '2026-11-27 00:00+08' and created_at < '2026-11-28 00:00+08' order by created_at limit 1)`;
      },
    ],
    [
      "offers accepted, declined, re-offered to another recruiter and one withdrawn (load and queues)",
      async () => {
        const rows = await sql<{ id: string }[]>`select id from assignments where status = 'offered' order by id limit 3`;
        await sql`update assignments set status = 'accepted' where id = ${rows[0].id}`;
        await sql`update assignments set status = 'declined' where id = ${rows[1].id}`;
        await sql`update assignments set recruiter_id = 'R01' where id = ${rows[2].id} and recruiter_id <> 'R01'`;
        await sql`update assignments set status = 'unassigned', recruiter_id = null
                  where id = (select id from assignments where status = 'contacted' order by id limit 1)`;
      },
      false,
    ],
    [
      "audit lines corrected: an event renamed, a recruiter cleared, a line moved to another assignment (migration 049's stages)",
      async () => {
        const lines = await sql<{ id: string }[]>`
          select e.id from routing_events e join leads l on l.id = e.lead_id
          where e.recruiter_id is not null and e.event in ('accepted', 'contacted')
            and l.created_at >= '2026-11-19 00:00+08' and l.created_at < '2026-11-20 00:00+08' order by e.id limit 3`;
        await sql`update routing_events set event = case event when 'accepted' then 'signed' else 'visit' end where id = ${lines[0].id}`;
        await sql`update routing_events set recruiter_id = null where id = ${lines[1].id}`;
        await sql`update routing_events set assignment_id = (select a.id from assignments a where a.park_id <> 'P03' and a.park_id <> (
                    select b.park_id from assignments b join routing_events x on x.assignment_id = b.id where x.id = ${lines[2].id})
                  order by a.id limit 1) where id = ${lines[2].id}`;
      },
    ],
    [
      "an audit line written on another lead's assignment (counted for its own lead, in the assignment's park)",
      async () => {
        await sql`insert into routing_events (assignment_id, lead_id, event, recruiter_id)
                  select (select a.id from assignments a join leads m on m.id = a.lead_id where m.created_at < '2026-10-01 00:00+08'
                          order by m.created_at limit 1), l.id, 'signed', 'R07'
                  from leads l where l.created_at >= '2026-11-21 00:00+08' and l.created_at < '2026-11-22 00:00+08'
                  order by l.created_at limit 1`;
      },
    ],
    [
      "an assignment deleted (its audit lines with it)",
      async () => {
        await sql`delete from assignments where id = (select a.id from assignments a join leads l on l.id = a.lead_id
                  where l.created_at >= '2026-11-22 00:00+08' and l.created_at < '2026-11-23 00:00+08'
                    and exists (select 1 from routing_events e where e.assignment_id = a.id and e.event = 'contacted')
                  order by l.created_at limit 1)`;
      },
    ],
    [
      "a lead's arrival corrected to another day",
      async () => {
        await sql`update leads set created_at = created_at - interval '2 days' where id = (select l.id from leads l join assignments a on a.lead_id = l.id
                  where l.created_at >= '2026-11-28 00:00+08' and l.created_at < '2026-11-29 00:00+08' and a.recruiter_id is not null
                  order by l.created_at limit 1)`;
      },
    ],
    [
      "a lead deleted (with its matches, assignment and audit lines)",
      async () => {
        await sql`delete from leads where id = (select l.id from leads l join assignments a on a.lead_id = l.id
                  where l.created_at >= '2026-11-25 00:00+08' and l.created_at < '2026-11-26 00:00+08'
                    and exists (select 1 from routing_events e where e.assignment_id = a.id and e.event = 'contacted')
                  order by l.created_at limit 1)`;
      },
    ],
  ];

  for (const [what, change, marks = true] of changes) {
    it(`after ${what}: equal to the live figures before and after the rebuild`, async () => {
      const before = await liveAll();
      await change();
      const after = await liveAll();
      expect(after, "the change must move a figure, else this check could not fail").not.toEqual(before);
      expect(await rollupAll()).toEqual(after); // no rebuild yet: the changed day is read live, the counters not folded
      expect(await compactDashboardCounts(sql)).toBeGreaterThan(0);
      expect(await rollupAll()).toEqual(after); // counters folded
      expect((await rebuildDashboardRollupAll(sql)) > 0).toBe(marks);
      const [{ stale }] = await sql<{ stale: number }[]>`select count(*)::int as stale from dashboard_stale`;
      expect(stale).toBe(0);
      expect(await rollupAll()).toEqual(after); // rebuilt from the facts
    });
  }

  // Migration 049: a day read live counts its figures from dashboard_lead_stages and dashboard_assignment_times, kept by the writes.
  const stagesFromFacts = () => sql`
    select f.lead_id, f.park_id, f.stage, f.recruiter_id, l.created_at, f.refs
    from (select lead_id, park_id, 0::smallint as stage, '' as recruiter_id, count(*)::int as refs from matches group by 1, 2
          union all
          select lead_id, park_id, 1::smallint, '', count(*)::int from assignments group by 1, 2
          union all
          -- A step less its undos (migration 106), an ending also without a recruiter (093): the keys left with some.
          select e.lead_id, a.park_id, dashboard_line_stage(e.event, e.rule), coalesce(e.recruiter_id, ''),
                 sum(case when e.event = 'reopened' then -1 else 1 end)::int
          from routing_events e join assignments a on a.id = e.assignment_id
          where dashboard_line_stage(e.event, e.rule) is not null
            and (e.recruiter_id is not null or dashboard_line_stage(e.event, e.rule) >= 11)
          group by 1, 2, 3, 4 having sum(case when e.event = 'reopened' then -1 else 1 end) > 0) f
    join leads l on l.id = f.lead_id`;
  const timesFromFacts = () => sql`
    select e.assignment_id, dashboard_line_time_kind(e.event, e.recruiter_id) as kind, e.at, a.park_id, l.created_at, count(*)::int as refs
    from routing_events e join assignments a on a.id = e.assignment_id join leads l on l.id = a.lead_id
    where dashboard_line_time_kind(e.event, e.recruiter_id) is not null
    group by 1, 2, 3, 4, 5`;
  const stageDiff = async () =>
    (
      await sql<{ n: number }[]>`
        select (select count(*)::int from ((select lead_id, park_id, stage, recruiter_id, created_at, refs from dashboard_lead_stages
                                            except all (${stagesFromFacts()}))
                                           union all ((${stagesFromFacts()})
                                            except all select lead_id, park_id, stage, recruiter_id, created_at, refs from dashboard_lead_stages)) d)
             + (select count(*)::int from ((select assignment_id, kind, at, park_id, created_at, refs from dashboard_assignment_times
                                            except all (${timesFromFacts()}))
                                           union all ((${timesFromFacts()})
                                            except all select assignment_id, kind, at, park_id, created_at, refs from dashboard_assignment_times)) d) as n`
    )[0].n;

  // The dashboard's "后台积压" counted work scheduled for later (each offer's accept-deadline check) while
  // the overview, on the same data, said every background task was on time.
  it("counts as background backlog only work that is due and not done, not work scheduled for later", async () => {
    const before = (await loadDashboardFigures(sql, month)).queues.outbox;
    const [{ id: later }] = await sql<{ id: number }[]>`
      insert into outbox (topic, aggregate_id, not_before) values ('assignment.sla', 'scheduled-later', now() + interval '2 hours') returning id`;
    expect((await loadDashboardFigures(sql, month)).queues.outbox).toBe(before);
    expect((await loadDashboardFiguresLive(sql, month)).queues.outbox).toBe(before);
    const [{ id: due }] = await sql<{ id: number }[]>`
      insert into outbox (topic, aggregate_id, not_before) values ('assignment.sla', 'due-now', now() - interval '1 minute') returning id`;
    expect((await loadDashboardFigures(sql, month)).queues.outbox).toBe(before + 1);
    await sql`delete from outbox where id in (${later}, ${due})`;
  });

  it("keeps the stages and first-contact times equal to a count from the facts after every change above", async () => {
    const [{ rows, times }] = await sql<{ rows: number; times: number }[]>`
      select (select count(*)::int from dashboard_lead_stages) as rows, (select count(*)::int from dashboard_assignment_times) as times`;
    expect(rows).toBeGreaterThan(10_000);
    expect(times).toBeGreaterThan(1_000);
    expect(await stageDiff()).toBe(0);
  });

  it("reads a live day's funnel, breaches and first contacts from the stages and times (a wrong row shows)", async () => {
    const day = { from: "2026-11-15", to: "2026-11-15", park: null };
    await sql`insert into dashboard_stale (day) values ('2026-11-15')`; // read live
    const live = await loadDashboardFiguresLive(sql, day);
    expect(await loadDashboardFigures(sql, day)).toEqual(live);
    await sql`delete from dashboard_lead_stages where stage = 0 and lead_id = (
                select s.lead_id from dashboard_lead_stages s
                where s.stage = 0 and s.created_at >= '2026-11-15 00:00+08' and s.created_at < '2026-11-16 00:00+08' order by s.lead_id limit 1)`;
    await sql`update dashboard_lead_stages set refs = refs + 5 where stage = 8 and (lead_id, park_id, recruiter_id) = (
                select s.lead_id, s.park_id, s.recruiter_id from dashboard_lead_stages s
                where s.stage = 8 and s.created_at >= '2026-11-15 00:00+08' and s.created_at < '2026-11-16 00:00+08' order by s.lead_id limit 1)`;
    await sql`delete from dashboard_assignment_times where kind = 1 and created_at >= '2026-11-15 00:00+08' and created_at < '2026-11-16 00:00+08'`;
    const wrong = await loadDashboardFigures(sql, day);
    expect(wrong.matchRate.matched).toBe(live.matchRate.matched - 1);
    const breaches = (f: typeof live) => f.perRecruiter.reduce((n, r) => n + r.breaches, 0);
    expect(breaches(wrong)).toBe(breaches(live) + 5);
    expect(live.firstContact.total).toBeGreaterThan(0);
    expect(wrong.firstContact.total).toBe(0);
    await sql`delete from dashboard_lead_stages`;
    await sql`insert into dashboard_lead_stages (lead_id, park_id, stage, recruiter_id, created_at, refs) ${stagesFromFacts()}`;
    await sql`delete from dashboard_assignment_times`;
    await sql`insert into dashboard_assignment_times (assignment_id, kind, at, park_id, created_at, refs) ${timesFromFacts()}`;
    expect(await stageDiff()).toBe(0);
    expect(await loadDashboardFigures(sql, day)).toEqual(live);
    expect(await rebuildDashboardRollupAll(sql)).toBe(1);
  });

  it("empties the stages of a truncated table (matches; assignments with their audit lines)", async () => {
    await sql`truncate matches`;
    expect(await stageDiff()).toBe(0);
    await sql`truncate assignments cascade`;
    expect(await stageDiff()).toBe(0);
    const [{ rows }] = await sql<{ rows: number }[]>`
      select (select count(*)::int from dashboard_lead_stages) + (select count(*)::int from dashboard_assignment_times) as rows`;
    expect(rows).toBe(0);
    expect(await rollupAll()).toEqual(await liveAll()); // every day forgotten by the truncate (044), read live
  });
});
