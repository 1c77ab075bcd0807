-- Three leftovers of a new user's trial (docs/decisions/119).
--
-- 1. Ids in natural order. The admin lists of parks, spaces and recruiters were `order by id limit n` in
--    the database's collation (C.UTF-8: byte order), so S1, S10, S11, S2. ICU's root locale with numeric
--    ordering (kn) compares runs of digits as numbers — S1, S2, S10, GC-EDZ beside gc-edz2 — and each list
--    reads its first page from an index in that order, as it read the primary key before (a list of 200 at
--    100,000 spaces stays an index scan that stops after 200 rows). Deterministic: ties of the collation
--    (none between ids, which are unique without case) fall back to byte order.
create collation if not exists natural_order (provider = icu, locale = 'und-u-kn-true');
create index parks_id_natural on parks (id collate natural_order);
create index spaces_id_natural on spaces (id collate natural_order);
create index recruiters_id_natural on recruiters (id collate natural_order);

-- 2. An unmet need's size band by the middle of its range. It was banded by its upper bound (the lower
--    one when it had none), so a need of 4,500–5,500 ㎡ — "about 5,000" — was counted in "5000–10000㎡",
--    a band whose every space is too big for it. The middle is the size the range is about; a range open
--    on one side is read at the bound it has (its only figure); the bands' edges still close their band
--    (migration 063), so 4,500–5,500 is in "3000–5000㎡", 5,000–6,000 in "5000–10000㎡".
create function dashboard_need_sqm(need jsonb) returns float8
language sql immutable as $$
  select case when (need ->> 'areaMinSqm') is not null and (need ->> 'areaMaxSqm') is not null
              then ((need ->> 'areaMinSqm')::float8 + (need ->> 'areaMaxSqm')::float8) / 2
              else coalesce((need ->> 'areaMaxSqm')::float8, (need ->> 'areaMinSqm')::float8, 0) end
$$;

create or replace function dashboard_unmet_rows(days date[])
returns table (day date, kind text, band int, district text, leads int)
language sql stable as $$
  select d.day, x.kind, x.band, x.district, x.leads
  from unnest(days) d(day)
  cross join lateral (
    select coalesce(l.lead->'need'->>'kind', '') as kind,
           dashboard_need_band(coalesce(l.lead->'need'->>'kind', ''), dashboard_need_sqm(l.lead->'need')) as band,
           dashboard_need_district(l.lead->'need') as district, count(*)::int as leads
    from leads l
    where l.status = 'unmatched'
      and l.created_at >= (d.day::timestamp at time zone 'Asia/Shanghai')
      and l.created_at < ((d.day + 1)::timestamp at time zone 'Asia/Shanghai')
    group by 1, 2, 3
    offset 0) x
$$;

-- The built days' rows were banded the old way: marked changed, read from the facts until the worker's
-- next rebuild (as migrations 063 and 073 did).
insert into dashboard_stale (day) select distinct day from dashboard_unmet_daily;

-- 3. Endings counted whoever held the assignment (ADR 114's "left"). The stages counted an audit line
--    only with a recruiter, so a need-change ending of an unassigned assignment (its `withdrawn` line has
--    no recruiter) was on no figure; and the admin's closing now writes a `lost` line per assignment it
--    ends (app/admin/lead-actions.server.ts), for the unassigned ones too. The two ending stages (11 lost,
--    12 withdrawn) now count a line without a recruiter under recruiter '' (as stages 0 and 1 are kept);
--    every other stage still needs one (an offer is an offer to somebody). Each writer of the stages
--    below is the one it replaces with that one test (dashboard_line_counted) and that key.
lock table routing_events in share row exclusive mode;
lock table dashboard_lead_stages in share row exclusive mode;

create function dashboard_line_counted(event text, recruiter_id text) returns boolean
language sql immutable as $$
  select dashboard_line_stage(event) is not null and (recruiter_id is not null or dashboard_line_stage(event) >= 11)
$$;

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
    select c.lead_id, c.park_id, dashboard_line_stage(c.event), coalesce(c.recruiter_id, ''), c.created_at, count(*)::int
    from c where c.found and c.created_at is not null and dashboard_line_counted(c.event, c.recruiter_id)
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

-- Deleted lines (the insert branch is routing_events_inserted's since 051).
create or replace function dashboard_stages_lines() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into dashboard_lead_stages as s (lead_id, park_id, stage, recruiter_id, created_at, refs)
    select c.lead_id, a.park_id, dashboard_line_stage(c.event), coalesce(c.recruiter_id, ''), l.created_at, count(*)::int
    from new_rows c join assignments a on a.id = c.assignment_id join leads l on l.id = c.lead_id
    where dashboard_line_counted(c.event, c.recruiter_id)
    group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4
    on conflict (lead_id, park_id, stage, recruiter_id) do update set refs = s.refs + excluded.refs;
    insert into dashboard_assignment_times as t (assignment_id, kind, at, park_id, created_at, refs)
    select c.assignment_id, dashboard_line_time_kind(c.event, c.recruiter_id), c.at, a.park_id, l.created_at, count(*)::int
    from new_rows c join assignments a on a.id = c.assignment_id join leads l on l.id = a.lead_id
    where dashboard_line_time_kind(c.event, c.recruiter_id) is not null
    group by 1, 2, 3, 4, 5 order by 1, 2, 3
    on conflict (assignment_id, kind, at) do update set refs = t.refs + excluded.refs;
  else
    perform dashboard_times_add(c.assignment_id, dashboard_line_time_kind(c.event, c.recruiter_id), c.at, -count(*)::int)
    from old_rows c
    where c.assignment_id is not null and dashboard_line_time_kind(c.event, c.recruiter_id) is not null
    group by c.assignment_id, dashboard_line_time_kind(c.event, c.recruiter_id), c.at
    order by c.assignment_id, dashboard_line_time_kind(c.event, c.recruiter_id), c.at;
    perform dashboard_stages_add(c.lead_id, a.park_id, dashboard_line_stage(c.event), coalesce(c.recruiter_id, ''), -count(*)::int)
    from old_rows c join assignments a on a.id = c.assignment_id
    where dashboard_line_counted(c.event, c.recruiter_id)
    group by c.lead_id, a.park_id, dashboard_line_stage(c.event), coalesce(c.recruiter_id, '')
    order by c.lead_id, a.park_id, dashboard_line_stage(c.event), coalesce(c.recruiter_id, '');
  end if;
  return null;
end $$;

create or replace function dashboard_stages_assignment_deleted() returns trigger
language plpgsql as $$
begin
  perform dashboard_stages_add(e.lead_id, old.park_id, dashboard_line_stage(e.event), coalesce(e.recruiter_id, ''), -count(*)::int)
  from routing_events e
  where e.assignment_id = old.id and dashboard_line_counted(e.event, e.recruiter_id)
  group by e.lead_id, dashboard_line_stage(e.event), coalesce(e.recruiter_id, '')
  order by e.lead_id, dashboard_line_stage(e.event), coalesce(e.recruiter_id, '');
  return old;
end $$;

create or replace function dashboard_stages_moved() returns trigger
language plpgsql as $$
begin
  if tg_table_name = 'matches' then
    perform dashboard_stages_add(old.lead_id, old.park_id, 0::smallint, '', -1);
    perform dashboard_stages_add(new.lead_id, new.park_id, 0::smallint, '', 1);
  elsif tg_table_name = 'assignments' then
    perform dashboard_stages_add(old.lead_id, old.park_id, 1::smallint, '', -1);
    perform dashboard_stages_add(new.lead_id, new.park_id, 1::smallint, '', 1);
    if old.park_id is distinct from new.park_id then -- its lines now count in the new park
      perform dashboard_stages_add(e.lead_id, old.park_id, dashboard_line_stage(e.event), coalesce(e.recruiter_id, ''), -count(*)::int),
              dashboard_stages_add(e.lead_id, new.park_id, dashboard_line_stage(e.event), coalesce(e.recruiter_id, ''), count(*)::int)
      from routing_events e
      where e.assignment_id = new.id and dashboard_line_counted(e.event, e.recruiter_id)
      group by e.lead_id, dashboard_line_stage(e.event), coalesce(e.recruiter_id, '');
      update dashboard_assignment_times set park_id = new.park_id where assignment_id = new.id;
    end if;
    if old.lead_id is distinct from new.lead_id then -- its times now count on the new lead's day
      update dashboard_assignment_times t set created_at = l.created_at from leads l where l.id = new.lead_id and t.assignment_id = new.id;
    end if;
  end if;
  return null;
end $$;

create or replace function dashboard_stages_line_moved() returns trigger
language plpgsql as $$
begin
  if old.assignment_id is not null and dashboard_line_time_kind(old.event, old.recruiter_id) is not null then
    perform dashboard_times_add(old.assignment_id, dashboard_line_time_kind(old.event, old.recruiter_id), old.at, -1);
  end if;
  if new.assignment_id is not null and dashboard_line_time_kind(new.event, new.recruiter_id) is not null then
    perform dashboard_times_add(new.assignment_id, dashboard_line_time_kind(new.event, new.recruiter_id), new.at, 1);
  end if;
  if dashboard_line_counted(old.event, old.recruiter_id) then
    perform dashboard_stages_add(old.lead_id, a.park_id, dashboard_line_stage(old.event), coalesce(old.recruiter_id, ''), -1)
    from assignments a where a.id = old.assignment_id;
  end if;
  if dashboard_line_counted(new.event, new.recruiter_id) then
    perform dashboard_stages_add(new.lead_id, a.park_id, dashboard_line_stage(new.event), coalesce(new.recruiter_id, ''), 1)
    from assignments a where a.id = new.assignment_id;
  end if;
  return null;
end $$;

-- The ending lines already written without a recruiter, counted as the insert trigger now would, and
-- their leads' days marked changed (the rollup's built rows are rebuilt from the stages by the worker).
insert into dashboard_lead_stages as s (lead_id, park_id, stage, recruiter_id, created_at, refs)
select e.lead_id, a.park_id, dashboard_line_stage(e.event), '', l.created_at, count(*)::int
from routing_events e join assignments a on a.id = e.assignment_id join leads l on l.id = e.lead_id
where e.recruiter_id is null and e.event in ('lost', 'withdrawn')
group by 1, 2, 3, 4, 5
order by 5, 1
on conflict (lead_id, park_id, stage, recruiter_id) do update set refs = s.refs + excluded.refs;

insert into dashboard_stale (day)
select distinct (l.created_at at time zone 'Asia/Shanghai')::date
from routing_events e join leads l on l.id = e.lead_id
where e.recruiter_id is null and e.event in ('lost', 'withdrawn') and e.assignment_id is not null;
