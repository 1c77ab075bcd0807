import { compactDashboardCounts, rebuildDashboardRollupAll } from "~/admin/dashboard-rollup.server";
import type { Sql } from "~/db/db.server";

// A year of generated history for the EXPLAIN test (test/integration/indexes.test.ts, 50,000 leads)
// and the admin pages benchmark (test/bench/admin.bench.ts, 1,000,000 leads): all in SQL
// (generate_series), so Postgres does the work without a round trip per row.

/**
 * `leads` leads over the year to 2026-11-30 (statuses, channels, sections mixed), 20 parks, 40
 * recruiters, 2,000 spaces; an assignment for 4 of 5 leads (open, closed, unassigned, escalated),
 * three audit lines and a notice per assignment (1 % dead), contact/visit/signing lines for those that got that far, three matches per lead, call tasks, notes,
 * outbox rows (nearly all done); the dashboard's rollup built. Then VACUUM ANALYZE, as autovacuum would have.
 */
export async function generateHistory(sql: Sql, leads: number): Promise<void> {
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
           'PM-' || to_char(at, 'YYYYMMDD') || '-' || lpad(i::text, 7, '0'),
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
    from (select i, timestamptz '2026-11-30 12:00+08' - make_interval(secs => (${leads} - i) * (365 * 86400.0 / ${leads})) as at,
                 (array['南京','苏州','无锡','常州'])[1 + i % 4] || (array['精工','华兴','恒盛','电子','新材料'])[1 + (i / 4) % 5] || i || '有限公司' as name
          from generate_series(1, ${leads}) i) g`;
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
  // Desk steps (v2): first contact for assignments that got that far (most within the hour, a tail over
  // days; a third contacted again a day later), then visits and signings, so the dashboard's
  // first-contact and funnel figures read realistic volumes (~40 % of assignments contacted).
  await sql`
    insert into routing_events (assignment_id, lead_id, event, recruiter_id, at)
    select a.id, a.lead_id, 'contacted', a.recruiter_id,
           a.created_at + make_interval(secs => 60 + power((abs(hashtext(a.id::text)) % 1000) / 1000.0, 3) * 4320 * 60)
    from assignments a
    where a.recruiter_id is not null
      and (a.status in ('contacted', 'visit', 'signed') or (a.status = 'lost' and abs(hashtext(a.id::text)) % 2 = 0))`;
  await sql`
    insert into routing_events (assignment_id, lead_id, event, recruiter_id, at)
    select a.id, a.lead_id, e.event, a.recruiter_id, a.created_at + e.off
    from assignments a
    cross join (values ('contacted', interval '4 days'), ('visit', interval '5 days'), ('signed', interval '20 days')) e(event, off)
    where a.recruiter_id is not null
      and case e.event when 'contacted' then a.status in ('contacted', 'visit', 'signed') and abs(hashtext(a.id::text)) % 3 = 0
                       when 'visit' then a.status in ('visit', 'signed')
                       else a.status = 'signed' end`;
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
  // The dashboard's rollup of the closed days (migration 044) and its folded counters (046), as the worker would have left them.
  await rebuildDashboardRollupAll(sql, 400);
  await compactDashboardCounts(sql);
  await sql.unsafe("vacuum analyze");
}
