-- The statement triggers on matches, assignments and routing_events read each changed row's lead by
-- primary key, and the work each table's insert triggers did apart is one function per table (issue 14,
-- docs/decisions/056). Before, the functions of migrations 044–049 joined their transition rows to
-- `leads` (and routing_events' to `assignments`) in plain joins; PL/pgSQL plans such a statement once
-- per connection, when it first runs, and a young database's first rows met a `leads` of a few pages,
-- so the plan was a hash join over a sequential scan of `leads` — kept while the table grew: 111 and
-- 133 blocks a call for a lead's five matches in the e2e bench ("Postgres work per lead",
-- docs/benchmarks.md). Here:
--   * a row's lead (and a line's assignment) is a scalar subquery or a LATERAL ... LIMIT 1 on the
--     key, which the planner cannot turn into a join, and the functions run with enable_seqscan off, so
--     that lookup is an index scan on leads_pkey (assignments_pkey) at any table size: a few blocks a row;
--   * the insert triggers of one table are one function, which reads the rows and their leads once for
--     all its writes (dashboard marks, dashboard_lead_stages, lead_parks, the assignment counters);
--   * rows written, their order within each table, and the lead row lock taken before lead_parks reads
--     lead_sla (migration 048) are as before. Delete and update triggers keep their functions (rare).
-- Functions and triggers only: no table is read or rewritten here, so the migration takes the time of
-- its DDL whatever the size of the tables (it waits for the three tables' write locks, as 044–049 did).

-- Marks for the delete triggers (044/047), each row's lead by key.
create or replace function dashboard_mark_changed() returns trigger
language plpgsql set enable_seqscan = off as $$
begin
  perform dashboard_mark_days(array(
    select ((select l.created_at from leads l where l.id = c.lead_id) at time zone 'Asia/Shanghai')::date from changed c));
  return null;
end $$;

-- Matches inserted: dashboard mark, matched stage (0), lead_parks for the live ones.
create function matches_inserted() returns trigger
language plpgsql set enable_seqscan = off as $$
declare
  v_n int;
begin
  -- lead_parks reads lead_sla under the lead's row lock (048), in a statement after the lock.
  perform 1 from leads l where l.id = any (array(select c.lead_id from new_rows c where c.withdrawn_at is null))
  order by l.id for no key update of l;
  with c as materialized (
    select n.lead_id, n.park_id, n.withdrawn_at, (select l.created_at from leads l where l.id = n.lead_id) as created_at
    from new_rows n),
  stages as (
    insert into dashboard_lead_stages as s (lead_id, park_id, stage, recruiter_id, created_at, refs)
    select c.lead_id, c.park_id, 0::smallint, '', c.created_at, count(*)::int from c where c.created_at is not null
    group by 1, 2, 3, 4, 5 order by 1, 2
    on conflict (lead_id, park_id, stage, recruiter_id) do update set refs = s.refs + excluded.refs),
  parks as (
    insert into lead_parks as lp (lead_id, park_id, created_at, refs, sla_due_at)
    select c.lead_id, c.park_id, c.created_at, count(*)::int, lead_sla_due(c.lead_id) from c
    where c.withdrawn_at is null and c.created_at is not null group by 1, 2, 3 order by 1, 2
    on conflict (lead_id, park_id) do update set refs = lp.refs + excluded.refs),
  marks as materialized (select dashboard_mark_days(array(select (c.created_at at time zone 'Asia/Shanghai')::date from c)))
  select count(*) into v_n from marks;
  return null;
end $$;

-- Assignments inserted: counters (046), dashboard mark, present stage (1), lead_parks. (lead_sla's row
-- trigger on the offer fires before this statement trigger, as before.)
create function assignments_inserted() returns trigger
language plpgsql set enable_seqscan = off as $$
declare
  v_n int;
begin
  perform 1 from leads l where l.id = any (array(select c.lead_id from new_rows c)) order by l.id for no key update of l;
  with c as materialized (
    select n.lead_id, n.park_id, n.status, n.recruiter_id, (select l.created_at from leads l where l.id = n.lead_id) as created_at
    from new_rows n),
  counts as (
    insert into dashboard_assignment_counts (status, recruiter_id, n)
    select c.status, coalesce(c.recruiter_id, ''), count(*) from c group by 1, 2),
  stages as (
    insert into dashboard_lead_stages as s (lead_id, park_id, stage, recruiter_id, created_at, refs)
    select c.lead_id, c.park_id, 1::smallint, '', c.created_at, count(*)::int from c where c.created_at is not null
    group by 1, 2, 3, 4, 5 order by 1, 2
    on conflict (lead_id, park_id, stage, recruiter_id) do update set refs = s.refs + excluded.refs),
  parks as (
    insert into lead_parks as lp (lead_id, park_id, created_at, refs, sla_due_at)
    select c.lead_id, c.park_id, c.created_at, count(*)::int, lead_sla_due(c.lead_id) from c
    where c.created_at is not null group by 1, 2, 3 order by 1, 2
    on conflict (lead_id, park_id) do update set refs = lp.refs + excluded.refs),
  marks as materialized (select dashboard_mark_days(array(select (c.created_at at time zone 'Asia/Shanghai')::date from c)))
  select count(*) into v_n from marks;
  return null;
end $$;

-- Audit lines inserted: dashboard mark, the stages of lines with a recruiter (by the line's own lead, in
-- its assignment's park), first-contact times (by the assignment's lead).
create function routing_events_inserted() returns trigger
language plpgsql set enable_seqscan = off as $$
declare
  v_n int;
begin
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

drop trigger dashboard_insert on matches;
drop trigger dashboard_stages_insert on matches;
drop trigger lead_parks_insert on matches;
create trigger upkeep_insert after insert on matches referencing new table as new_rows
  for each statement execute function matches_inserted();

drop trigger dashboard_count_insert on assignments;
drop trigger dashboard_insert on assignments;
drop trigger dashboard_stages_insert on assignments;
drop trigger lead_parks_insert on assignments;
create trigger upkeep_insert after insert on assignments referencing new table as new_rows
  for each statement execute function assignments_inserted();

drop trigger dashboard_insert on routing_events;
drop trigger dashboard_stages_insert on routing_events;
create trigger upkeep_insert after insert on routing_events referencing new table as new_rows
  for each statement execute function routing_events_inserted();

-- The insert branches of these are no longer called by any trigger; their delete branches still are.
-- The row triggers on the same writes read the lead by key with a parameter; a generic plan made while
-- `leads` is a page or two could be a sequential scan kept as it grows, so they plan without it too.
alter function lead_sla_offer() set enable_seqscan = off;
alter function lead_sla_audit() set enable_seqscan = off;
alter function lead_parks_sla_changed() set enable_seqscan = off;
alter function lead_parks_add(uuid, text, int) set enable_seqscan = off;
alter function dashboard_stages_add(uuid, text, smallint, text, int) set enable_seqscan = off;
alter function dashboard_times_add(uuid, smallint, timestamptz, int) set enable_seqscan = off;
