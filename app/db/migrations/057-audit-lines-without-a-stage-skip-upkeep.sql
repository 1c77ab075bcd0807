-- An audit line the dashboard does not read writes no upkeep (issue 14, docs/decisions/066).
-- routing_events_inserted (051, 056) derives two things from audit lines: the lead's funnel stages
-- (dashboard_line_stage: assigned, rerouted, accepted, contacted, visit, signed, sla-missed, escalated,
-- declined, admin-reroute) and first-contact times (dashboard_line_time_kind: contacted; assigned or
-- rerouted to a recruiter). Since 049 the rollup (dashboard_count_rows, dashboard_recruiter_rows,
-- dashboard_first_contact_rows) and the live day read only those rows, so a line of any other kind
-- (notified — one for every email sent, ~1.4 a routed lead —, dead-letter, note, follow-up, ...) changes
-- nothing a dashboard day is built from: its stale mark only made a rebuild give the same rows. Such a
-- statement now returns before it reads an assignment or a lead. A statement with at least one line of
-- a stage or time kind does what 056 did, for all its lines (marks included), so nothing else changes.
create or replace function routing_events_inserted() returns trigger
language plpgsql set enable_seqscan = off as $$
declare
  v_n int;
begin
  if not exists (select 1 from new_rows n
                 where dashboard_line_stage(n.event) is not null or dashboard_line_time_kind(n.event, n.recruiter_id) is not null) then
    return null;
  end if;
  with c as materialized (
    select x.*, case when x.assignment_lead_id = x.lead_id then x.created_at
                     else (select l.created_at from leads l where l.id = x.assignment_lead_id) end as assignment_created_at
    from (select n.lead_id, n.event, n.recruiter_id, n.at, n.assignment_id, a.park_id, a.lead_id as assignment_lead_id,
                 coalesce(a.found, false) as found, (select l.created_at from leads l where l.id = n.lead_id) as created_at
          from new_rows n
          left join lateral (select x.park_id, x.lead_id, true as found from assignments x where x.id = n.assignment_id limit 1) a on true
          offset 0) x),
  stages as (
    insert into dashboard_lead_stages as s (lead_id, park_id, stage, recruiter_id, created_at, refs)
    select c.lead_id, c.park_id, dashboard_line_stage(c.event), c.recruiter_id, c.created_at, count(*)::int
    from c where c.found and c.created_at is not null and c.recruiter_id is not null and dashboard_line_stage(c.event) is not null
    group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4
    on conflict (lead_id, park_id, stage, recruiter_id) do update set refs = s.refs + excluded.refs),
  times as (
    insert into dashboard_assignment_times as t (assignment_id, kind, at, park_id, created_at, refs)
    select c.assignment_id, dashboard_line_time_kind(c.event, c.recruiter_id), c.at, c.park_id, c.assignment_created_at, count(*)::int
    from c where c.found and c.assignment_created_at is not null and dashboard_line_time_kind(c.event, c.recruiter_id) is not null
    group by 1, 2, 3, 4, 5 order by 1, 2, 3
    on conflict (assignment_id, kind, at) do update set refs = t.refs + excluded.refs),
  marks as materialized (select dashboard_mark_days(array(select (c.created_at at time zone 'Asia/Shanghai')::date from c)))
  select count(*) into v_n from marks;
  return null;
end $$;
