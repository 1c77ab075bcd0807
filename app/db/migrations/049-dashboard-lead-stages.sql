-- The dashboard's figures of a day read live (today, always; a day changed since it was built) — the
-- funnel counts, recruiters' breaches and re-routes, first-contact times — from small tables kept by the
-- writes, instead of the day's leads' matches, assignments and audit lines (issue 14, docs/decisions/052, building on 044/046/047). Migration 044's dashboard_count_rows
-- read ~21 buffers a lead — each lead's matches (by lead id, in uuid order: a random page each), its
-- assignments, its audit lines and, per line, the line's assignment — 0.9–2.3 s for two days of
-- 4,110 leads at 1,000,000. A day's rows here sit together (ordered by the lead's arrival): two days
-- read a few hundred pages.
--
-- dashboard_lead_stages: per lead, park and stage, how many facts put the lead there (refs):
--   0 matched    a match in the park (withdrawn or not: the funnel counts every match);
--   1 present    an assignment in the park (a lead "received" by a park it was assigned in);
--   2 assigned   an audit line assigned or rerouted to a recruiter, on an assignment in the park;
--   3 accepted, 4 contacted, 5 visit, 6 signed: a line of that event with a recruiter, likewise;
--   7 sla-missed, 8 escalated, 9 declined, 10 admin-reroute: likewise (recruiters' breaches and re-routes,
--     which count lines, so refs is read as a count there).
-- recruiter_id: the line's recruiter ('' for stages 0 and 1).
-- A line counts for its own lead in its assignment's park (the live definition's join), and only with a
-- recruiter and an assignment. Kept by reference count per source row, never by recomputing a lead's
-- state (as lead_parks, migration 045): two transactions changing one lead at once each add or remove
-- only their own rows' contributions, under the row lock of the key they touch.

create table dashboard_lead_stages (
  lead_id uuid not null references leads (id) on delete cascade,
  park_id text not null,
  stage smallint not null,
  recruiter_id text not null,
  created_at timestamptz not null, -- the lead's (moved with it by the trigger on leads below)
  refs integer not null,
  primary key (lead_id, park_id, stage, recruiter_id)
);

-- The stage of an audit line's event (null: not a funnel event).
create function dashboard_line_stage(event text) returns smallint
language sql immutable as $$
  select (case event when 'assigned' then 2 when 'rerouted' then 2 when 'accepted' then 3 when 'contacted' then 4
                     when 'visit' then 5 when 'signed' then 6 when 'sla-missed' then 7 when 'escalated' then 8
                     when 'declined' then 9 when 'admin-reroute' then 10 end)::smallint
$$;

-- dashboard_assignment_times: per assignment, the times of the audit lines first contact reads — kind 0
-- an offer (assigned or rerouted, with a recruiter), 1 a contact (contacted) — refs = lines at that time;
-- with the assignment's park and its lead's arrival (first contact is by the assignment's lead's day),
-- so a day's rows are one index range and the first of each kind is a min over a few rows. Kept per
-- source row as above; an assignment's rows go with it (foreign key).
create table dashboard_assignment_times (
  assignment_id uuid not null references assignments (id) on delete cascade,
  kind smallint not null,
  at timestamptz not null,
  park_id text not null,           -- the assignment's
  created_at timestamptz not null, -- its lead's
  refs integer not null,
  primary key (assignment_id, kind, at)
);

-- The kind of an audit line for first contact (null: not read by it).
create function dashboard_line_time_kind(event text, recruiter_id text) returns smallint
language sql immutable as $$
  select (case when event = 'contacted' then 1 when event in ('assigned', 'rerouted') and recruiter_id is not null then 0 end)::smallint
$$;

create function dashboard_times_add(p_assignment uuid, p_kind smallint, p_at timestamptz, p_n int) returns void
language plpgsql as $$
begin
  if p_n > 0 then
    insert into dashboard_assignment_times as t (assignment_id, kind, at, park_id, created_at, refs)
    select p_assignment, p_kind, p_at, a.park_id, l.created_at, p_n from assignments a join leads l on l.id = a.lead_id where a.id = p_assignment
    on conflict (assignment_id, kind, at) do update set refs = t.refs + excluded.refs;
  elsif p_n < 0 then
    update dashboard_assignment_times set refs = refs + p_n where assignment_id = p_assignment and kind = p_kind and at = p_at;
    delete from dashboard_assignment_times where assignment_id = p_assignment and kind = p_kind and at = p_at and refs <= 0;
  end if;
end $$;

-- (lead, park, stage, recruiter) gains n refs (n > 0) or loses -n; a key at 0 is removed. Keys in order, so
-- concurrent writers lock them alike.
create function dashboard_stages_add(p_lead uuid, p_park text, p_stage smallint, p_recruiter text, p_n int) returns void
language plpgsql as $$
begin
  if p_n > 0 then
    insert into dashboard_lead_stages as s (lead_id, park_id, stage, recruiter_id, created_at, refs)
    select p_lead, p_park, p_stage, p_recruiter, l.created_at, p_n from leads l where l.id = p_lead
    on conflict (lead_id, park_id, stage, recruiter_id) do update set refs = s.refs + excluded.refs;
  elsif p_n < 0 then
    update dashboard_lead_stages set refs = refs + p_n
    where lead_id = p_lead and park_id = p_park and stage = p_stage and recruiter_id = p_recruiter;
    delete from dashboard_lead_stages
    where lead_id = p_lead and park_id = p_park and stage = p_stage and recruiter_id = p_recruiter and refs <= 0;
  end if;
end $$;

-- Matches and assignments: one statement per trigger call (a lead's matches, a cascade).
create function dashboard_stages_rows() returns trigger
language plpgsql as $$
declare
  st smallint := case tg_table_name when 'matches' then 0 else 1 end;
begin
  if tg_op = 'INSERT' then
    insert into dashboard_lead_stages as s (lead_id, park_id, stage, recruiter_id, created_at, refs)
    select c.lead_id, c.park_id, st, '', l.created_at, count(*)::int from new_rows c join leads l on l.id = c.lead_id
    group by 1, 2, 3, 4, 5 order by 1, 2
    on conflict (lead_id, park_id, stage, recruiter_id) do update set refs = s.refs + excluded.refs;
  else
    perform dashboard_stages_add(c.lead_id, c.park_id, st, '', -count(*)::int) from old_rows c
    group by c.lead_id, c.park_id order by c.lead_id, c.park_id;
  end if;
  return null;
end $$;

-- Audit lines: inserted lines add to their assignment's park; deleted ones subtract — unless their
-- assignment is gone in the same statement (its delete already subtracted them: dashboard_stages_assignment_deleted).
create function dashboard_stages_lines() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into dashboard_lead_stages as s (lead_id, park_id, stage, recruiter_id, created_at, refs)
    select c.lead_id, a.park_id, dashboard_line_stage(c.event), c.recruiter_id, l.created_at, count(*)::int
    from new_rows c join assignments a on a.id = c.assignment_id join leads l on l.id = c.lead_id
    where c.recruiter_id is not null and dashboard_line_stage(c.event) is not null
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
    perform dashboard_stages_add(c.lead_id, a.park_id, dashboard_line_stage(c.event), c.recruiter_id, -count(*)::int)
    from old_rows c join assignments a on a.id = c.assignment_id
    where c.recruiter_id is not null and dashboard_line_stage(c.event) is not null
    group by c.lead_id, a.park_id, dashboard_line_stage(c.event), c.recruiter_id
    order by c.lead_id, a.park_id, dashboard_line_stage(c.event), c.recruiter_id;
  end if;
  return null;
end $$;

-- An assignment about to be deleted takes its lines' contributions with it (the lines' cascade comes
-- after the row is gone, when their park can no longer be looked up). Row trigger: deletes are rare.
create function dashboard_stages_assignment_deleted() returns trigger
language plpgsql as $$
begin
  perform dashboard_stages_add(e.lead_id, old.park_id, dashboard_line_stage(e.event), e.recruiter_id, -count(*)::int)
  from routing_events e
  where e.assignment_id = old.id and e.recruiter_id is not null and dashboard_line_stage(e.event) is not null
  group by e.lead_id, dashboard_line_stage(e.event), e.recruiter_id order by e.lead_id, dashboard_line_stage(e.event), e.recruiter_id;
  return old;
end $$;

-- Updates that change what a row contributes (row triggers, WHEN below: rare).
create function dashboard_stages_moved() returns trigger
language plpgsql as $$
begin
  if tg_table_name = 'matches' then
    perform dashboard_stages_add(old.lead_id, old.park_id, 0::smallint, '', -1);
    perform dashboard_stages_add(new.lead_id, new.park_id, 0::smallint, '', 1);
  elsif tg_table_name = 'assignments' then
    perform dashboard_stages_add(old.lead_id, old.park_id, 1::smallint, '', -1);
    perform dashboard_stages_add(new.lead_id, new.park_id, 1::smallint, '', 1);
    if old.park_id is distinct from new.park_id then -- its lines now count in the new park
      perform dashboard_stages_add(e.lead_id, old.park_id, dashboard_line_stage(e.event), e.recruiter_id, -count(*)::int),
              dashboard_stages_add(e.lead_id, new.park_id, dashboard_line_stage(e.event), e.recruiter_id, count(*)::int)
      from routing_events e
      where e.assignment_id = new.id and e.recruiter_id is not null and dashboard_line_stage(e.event) is not null
      group by e.lead_id, dashboard_line_stage(e.event), e.recruiter_id;
      update dashboard_assignment_times set park_id = new.park_id where assignment_id = new.id;
    end if;
    if old.lead_id is distinct from new.lead_id then -- its times now count on the new lead's day
      update dashboard_assignment_times t set created_at = l.created_at from leads l where l.id = new.lead_id and t.assignment_id = new.id;
    end if;
  end if;
  return null;
end $$;
create function dashboard_stages_line_moved() returns trigger
language plpgsql as $$
begin
  if old.assignment_id is not null and dashboard_line_time_kind(old.event, old.recruiter_id) is not null then
    perform dashboard_times_add(old.assignment_id, dashboard_line_time_kind(old.event, old.recruiter_id), old.at, -1);
  end if;
  if new.assignment_id is not null and dashboard_line_time_kind(new.event, new.recruiter_id) is not null then
    perform dashboard_times_add(new.assignment_id, dashboard_line_time_kind(new.event, new.recruiter_id), new.at, 1);
  end if;
  if old.recruiter_id is not null and dashboard_line_stage(old.event) is not null then
    perform dashboard_stages_add(old.lead_id, a.park_id, dashboard_line_stage(old.event), old.recruiter_id, -1)
    from assignments a where a.id = old.assignment_id;
  end if;
  if new.recruiter_id is not null and dashboard_line_stage(new.event) is not null then
    perform dashboard_stages_add(new.lead_id, a.park_id, dashboard_line_stage(new.event), new.recruiter_id, 1)
    from assignments a where a.id = new.assignment_id;
  end if;
  return null;
end $$;

-- A lead's arrival corrected moves its rows (the day they count in).
create function dashboard_stages_lead_moved() returns trigger
language plpgsql as $$
begin
  update dashboard_lead_stages set created_at = new.created_at where lead_id = new.id;
  update dashboard_assignment_times set created_at = new.created_at where assignment_id in (select a.id from assignments a where a.lead_id = new.id);
  return null;
end $$;

-- TRUNCATE has no rows: the stages of the truncated table go (a truncate of assignments cascades to
-- the audit lines, whose own trigger fires too).
create function dashboard_stages_truncated() returns trigger
language plpgsql as $$
begin
  delete from dashboard_lead_stages
  where case tg_table_name when 'matches' then stage = 0 when 'assignments' then stage = 1 else stage >= 2 end;
  if tg_table_name = 'routing_events' then
    delete from dashboard_assignment_times;
  end if;
  return null;
end $$;

-- Triggers first: their locks hold writers of the three tables until this migration commits, so the
-- backfill below counts exactly the rows the triggers will count from.
create trigger dashboard_stages_insert after insert on matches referencing new table as new_rows
  for each statement execute function dashboard_stages_rows();
create trigger dashboard_stages_delete after delete on matches referencing old table as old_rows
  for each statement execute function dashboard_stages_rows();
create trigger dashboard_stages_update after update of lead_id, park_id on matches for each row
  when (old.lead_id is distinct from new.lead_id or old.park_id is distinct from new.park_id)
  execute function dashboard_stages_moved();
create trigger dashboard_stages_truncate after truncate on matches for each statement execute function dashboard_stages_truncated();

create trigger dashboard_stages_insert after insert on assignments referencing new table as new_rows
  for each statement execute function dashboard_stages_rows();
create trigger dashboard_stages_delete after delete on assignments referencing old table as old_rows
  for each statement execute function dashboard_stages_rows();
create trigger dashboard_stages_lines_delete before delete on assignments for each row
  execute function dashboard_stages_assignment_deleted();
create trigger dashboard_stages_update after update of lead_id, park_id on assignments for each row
  when (old.lead_id is distinct from new.lead_id or old.park_id is distinct from new.park_id)
  execute function dashboard_stages_moved();
create trigger dashboard_stages_truncate after truncate on assignments for each statement execute function dashboard_stages_truncated();

create trigger dashboard_stages_insert after insert on routing_events referencing new table as new_rows
  for each statement execute function dashboard_stages_lines();
create trigger dashboard_stages_delete after delete on routing_events referencing old table as old_rows
  for each statement execute function dashboard_stages_lines();
create trigger dashboard_stages_update after update of lead_id, assignment_id, event, recruiter_id, at on routing_events for each row
  when (old.lead_id is distinct from new.lead_id or old.assignment_id is distinct from new.assignment_id
        or old.event is distinct from new.event or old.recruiter_id is distinct from new.recruiter_id or old.at is distinct from new.at)
  execute function dashboard_stages_line_moved();
create trigger dashboard_stages_truncate after truncate on routing_events for each statement execute function dashboard_stages_truncated();

create trigger dashboard_stages_update after update of created_at on leads for each row
  when (old.created_at is distinct from new.created_at) execute function dashboard_stages_lead_moved();

-- Backfill, in arrival order (a day's rows together on disk).
insert into dashboard_lead_stages (lead_id, park_id, stage, recruiter_id, created_at, refs)
select f.lead_id, f.park_id, f.stage, f.recruiter_id, l.created_at, f.refs
from (select lead_id, park_id, 0::smallint as stage, '' as recruiter_id, count(*)::int as refs from matches group by 1, 2
      union all
      select lead_id, park_id, 1::smallint, '', count(*)::int from assignments group by 1, 2
      union all
      select e.lead_id, a.park_id, dashboard_line_stage(e.event), e.recruiter_id, count(*)::int
      from routing_events e join assignments a on a.id = e.assignment_id
      where e.recruiter_id is not null and dashboard_line_stage(e.event) is not null
      group by 1, 2, 3, 4) f
join leads l on l.id = f.lead_id
order by l.created_at, f.lead_id;

insert into dashboard_assignment_times (assignment_id, kind, at, park_id, created_at, refs)
select e.assignment_id, dashboard_line_time_kind(e.event, e.recruiter_id), e.at, a.park_id, l.created_at, count(*)::int
from routing_events e join assignments a on a.id = e.assignment_id join leads l on l.id = a.lead_id
where dashboard_line_time_kind(e.event, e.recruiter_id) is not null
group by 1, 2, 3, 4, 5
order by 5, 1;

-- A day's rows: by the lead's arrival (keys included: the reads below touch the heap only for refs).
create index dashboard_lead_stages_created on dashboard_lead_stages (created_at) include (lead_id, park_id, stage, recruiter_id);
create index dashboard_assignment_times_created on dashboard_assignment_times (created_at) include (assignment_id, kind, at, park_id);

-- The funnel counts of the days, from the stages (the rows 044's version computed from the facts).
create or replace function dashboard_count_rows(days date[])
returns table (day date, park text, source text, received int, matched int, assigned int, accepted int, contacted int, visit int, signed int)
language sql stable as $$
  with l as materialized (select * from dashboard_leads(days)),
  -- A day at a time by index (LATERAL, OFFSET 0: with the days a parameter the planner guesses far too many rows).
  lp as materialized (
    select s.lead_id, s.park_id, bool_or(s.stage = 0) as matched, bool_or(s.stage = 2) as assigned, bool_or(s.stage = 3) as accepted,
           bool_or(s.stage = 4) as contacted, bool_or(s.stage = 5) as visit, bool_or(s.stage = 6) as signed
    from unnest(days) d(day)
    cross join lateral (
      select s.lead_id, s.park_id, s.stage from dashboard_lead_stages s
      where s.created_at >= (d.day::timestamp at time zone 'Asia/Shanghai') and s.created_at < ((d.day + 1)::timestamp at time zone 'Asia/Shanghai')
        and s.stage <= 6
      offset 0) s
    group by 1, 2),
  la as (
    select lead_id, bool_or(matched) as matched, bool_or(assigned) as assigned, bool_or(accepted) as accepted,
           bool_or(contacted) as contacted, bool_or(visit) as visit, bool_or(signed) as signed
    from lp group by 1)
  select l.day, p.park_id, l.source, count(*)::int, (count(*) filter (where p.matched))::int, (count(*) filter (where p.assigned))::int,
         (count(*) filter (where p.accepted))::int, (count(*) filter (where p.contacted))::int, (count(*) filter (where p.visit))::int,
         (count(*) filter (where p.signed))::int
  from l join lp p on p.lead_id = l.id group by 1, 2, 3
  union all
  select l.day, '*', l.source, count(*)::int, (count(*) filter (where a.matched))::int, (count(*) filter (where a.assigned))::int,
         (count(*) filter (where a.accepted))::int, (count(*) filter (where a.contacted))::int, (count(*) filter (where a.visit))::int,
         (count(*) filter (where a.signed))::int
  from l left join la a on a.lead_id = l.id group by 1, 3
$$;

-- Breaches (sla-missed, escalated) and re-routes (sla-missed, declined, admin-reroute) per day of the
-- lead, park of the assignment and recruiter, from the stages (044's version counted the lines).
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
      and s.stage >= 7
    offset 0) s
  group by 1, 2, 3
$$;

-- Minutes from an assignment's first offer to its first contact, per assignment of the days' leads that
-- has both, from the times (the same float8 expression as 044's version).
create or replace function dashboard_first_contact_rows(days date[])
returns table (day date, park_id text, assignment_id uuid, minutes float8)
language sql stable as $$
  select d.day, t.park_id, t.assignment_id, (extract(epoch from (t.c - t.o)) / 60)::float8
  from unnest(days) d(day)
  cross join lateral (
    select t.assignment_id, t.park_id, min(t.at) filter (where t.kind = 1) as c, min(t.at) filter (where t.kind = 0) as o
    from dashboard_assignment_times t
    where t.created_at >= (d.day::timestamp at time zone 'Asia/Shanghai') and t.created_at < ((d.day + 1)::timestamp at time zone 'Asia/Shanghai')
    group by 1, 2
    offset 0) t
  where t.c is not null and t.o is not null
$$;
