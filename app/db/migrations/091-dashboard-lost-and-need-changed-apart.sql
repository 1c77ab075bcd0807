-- The dashboard counts assignments that ended apart (docs/decisions/114): lost (the recruiter closed it as
-- lost) and ended because a need edit left the park without a fitting space (close_reason need-changed,
-- ADR 108: its audit line is `withdrawn`). Per day of the lead, park and source, as the funnel's stages:
-- leads with such a line, with a recruiter, on an assignment in the park (park '*': a lead once).
-- Kept like every stage (migration 049): two more stages of dashboard_lead_stages, 11 lost and 12
-- withdrawn, written by the audit-line triggers that already exist; the rollup's dashboard_daily gets two
-- columns and dashboard_count_rows two more results. The loader reads them in its existing counts
-- statement: no new statement, no read of the facts.

-- Writers of audit lines wait while the meaning of a line's stage changes and the new stages are filled.
lock table routing_events in share row exclusive mode;
lock table dashboard_lead_stages in share row exclusive mode;

create or replace function dashboard_line_stage(event text) returns smallint
language sql immutable as $$
  select (case event when 'assigned' then 2 when 'rerouted' then 2 when 'accepted' then 3 when 'contacted' then 4
                     when 'visit' then 5 when 'signed' then 6 when 'sla-missed' then 7 when 'escalated' then 8
                     when 'declined' then 9 when 'admin-reroute' then 10 when 'lost' then 11 when 'withdrawn' then 12 end)::smallint
$$;

-- The lines already written, as the insert trigger would have counted them.
insert into dashboard_lead_stages as s (lead_id, park_id, stage, recruiter_id, created_at, refs)
select e.lead_id, a.park_id, dashboard_line_stage(e.event), e.recruiter_id, l.created_at, count(*)::int
from routing_events e join assignments a on a.id = e.assignment_id join leads l on l.id = e.lead_id
where e.recruiter_id is not null and e.event in ('lost', 'withdrawn')
group by 1, 2, 3, 4, 5
order by 5, 1
on conflict (lead_id, park_id, stage, recruiter_id) do update set refs = s.refs + excluded.refs;

-- Breaches and re-routes read stages 7–10 only (the new stages are not a recruiter's breach).
create or replace function dashboard_recruiter_rows(days date[])
returns table (day date, park_id text, recruiter_id text, breaches int, reroutes int)
language sql stable as $$
  select d.day, s.park_id, s.recruiter_id,
         coalesce(sum(s.refs) filter (where s.stage in (7, 8)), 0)::int,
         coalesce(sum(s.refs) filter (where s.stage in (7, 9, 10)), 0)::int
  from unnest(days) d(day)
  cross join lateral (
    select s.park_id, s.recruiter_id, s.stage, s.refs from dashboard_lead_stages s
    where s.created_at >= (d.day::timestamp at time zone 'Asia/Shanghai') and s.created_at < ((d.day + 1)::timestamp at time zone 'Asia/Shanghai')
      and s.stage >= 7 and s.stage <= 10
    offset 0) s
  group by 1, 2, 3
$$;

alter table dashboard_daily add column lost int not null default 0, add column withdrawn int not null default 0;

drop function dashboard_count_rows(date[]);
create function dashboard_count_rows(days date[])
returns table (day date, park text, source text, received int, matched int, assigned int, accepted int, contacted int, visit int, signed int,
               lost int, withdrawn int)
language sql stable as $$
  with l as materialized (select * from dashboard_leads(days)),
  -- A day at a time by index (LATERAL, OFFSET 0: with the days a parameter the planner guesses far too many rows).
  lp as materialized (
    select s.lead_id, s.park_id, bool_or(s.stage = 0) as matched, bool_or(s.stage = 2) as assigned, bool_or(s.stage = 3) as accepted,
           bool_or(s.stage = 4) as contacted, bool_or(s.stage = 5) as visit, bool_or(s.stage = 6) as signed,
           bool_or(s.stage = 11) as lost, bool_or(s.stage = 12) as withdrawn
    from unnest(days) d(day)
    cross join lateral (
      select s.lead_id, s.park_id, s.stage from dashboard_lead_stages s
      where s.created_at >= (d.day::timestamp at time zone 'Asia/Shanghai') and s.created_at < ((d.day + 1)::timestamp at time zone 'Asia/Shanghai')
        and (s.stage <= 6 or s.stage >= 11)
      offset 0) s
    group by 1, 2),
  la as (
    select lead_id, bool_or(matched) as matched, bool_or(assigned) as assigned, bool_or(accepted) as accepted,
           bool_or(contacted) as contacted, bool_or(visit) as visit, bool_or(signed) as signed,
           bool_or(lost) as lost, bool_or(withdrawn) as withdrawn
    from lp group by 1)
  select l.day, p.park_id, l.source, count(*)::int, (count(*) filter (where p.matched))::int, (count(*) filter (where p.assigned))::int,
         (count(*) filter (where p.accepted))::int, (count(*) filter (where p.contacted))::int, (count(*) filter (where p.visit))::int,
         (count(*) filter (where p.signed))::int, (count(*) filter (where p.lost))::int, (count(*) filter (where p.withdrawn))::int
  from l join lp p on p.lead_id = l.id group by 1, 2, 3
  union all
  select l.day, '*', l.source, count(*)::int, (count(*) filter (where a.matched))::int, (count(*) filter (where a.assigned))::int,
         (count(*) filter (where a.accepted))::int, (count(*) filter (where a.contacted))::int, (count(*) filter (where a.visit))::int,
         (count(*) filter (where a.signed))::int, (count(*) filter (where a.lost))::int, (count(*) filter (where a.withdrawn))::int
  from l left join la a on a.lead_id = l.id group by 1, 3
$$;

-- The built days' new columns, from the stages just filled (the few leads with such a line; the other
-- rows keep 0). A lead's day and channel as dashboard_leads gives them.
with s as (
  select s.lead_id, s.park_id, bool_or(s.stage = 11) as lost, bool_or(s.stage = 12) as withdrawn,
         (l.created_at at time zone 'Asia/Shanghai')::date as day, l.source
  from dashboard_lead_stages s join leads l on l.id = s.lead_id
  where s.stage in (11, 12)
  group by s.lead_id, s.park_id, l.created_at, l.source),
per as (
  select s.day, s.park_id as park, s.source, (count(*) filter (where s.lost))::int as lost, (count(*) filter (where s.withdrawn))::int as withdrawn
  from s group by 1, 2, 3
  union all
  select s.day, '*', s.source, (count(distinct s.lead_id) filter (where s.lost))::int, (count(distinct s.lead_id) filter (where s.withdrawn))::int
  from s group by 1, 3)
update dashboard_daily d set lost = per.lost, withdrawn = per.withdrawn
from per where d.day = per.day and d.park = per.park and d.source = per.source;
