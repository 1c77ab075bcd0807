-- The upkeep triggers on the lead's path call no SQL-language function per row (issue 14, docs/decisions/063).
-- PostgreSQL does not keep a plan for the body of a SQL-language function it cannot inline: every
-- statement that calls one parses, analyses and plans the body again when it first calls it (and a
-- function called inside it, again). Two such functions ran ~11 times for every routed lead
-- ("Postgres's own upkeep per lead", docs/benchmarks.md):
--   * dashboard_mark_days (migration 047), ~5 calls a lead from the insert triggers on matches,
--     assignments and routing_events, each also planning dashboard_day_may_be_built (~9 calls):
--     ~110 µs a call against ~10 µs for the same statement in PL/pgSQL, whose plans a session keeps;
--   * lead_sla_due (migration 048), ~6 calls a lead (one per lead_parks row written and one per
--     lead_sla row): ~95 µs a call against ~12 µs for the same query inside the calling statement.
-- Here dashboard_mark_days is PL/pgSQL with dashboard_day_may_be_built's test written out (the same
-- test, made once per distinct day instead of once per element), and the three insert-path functions
-- that read a lead's earliest deadline read it with the same query as a scalar subquery of their own
-- statement. The rows written, and when, are the same; dashboard_day_may_be_built and lead_sla_due stay
-- for the rarer delete and update triggers (lead_parks_add, lead_parks_match_rows, ...).
-- Functions only: no table is read or rewritten, whatever the size of the tables.

-- Marks each of `days` (China days of lead arrival) the rollup may hold (047): a day before today by the
-- statement's clock, or a day already built; each distinct day once. A loop, not one statement over
-- unnest(days): PL/pgSQL keeps a statement's plan only when the generic plan costs no more than the
-- custom ones, and with days unknown unnest is costed at 100 rows against the 1–5 of a call, so that
-- statement would be planned anew at every call (with enable_seqscan off, as its callers run, the
-- day's lookup was a hashed subplan reading all of dashboard_days). Here the one statement is the
-- lookup of one day on dashboard_days_pkey, planned once a session. A bulk insert's array (thousands of
-- rows, a few distinct days) is made distinct first, in one statement, so the loop stays short.
create or replace function dashboard_mark_days(days date[]) returns void
language plpgsql set enable_seqscan = off as $$
declare
  v_day date;
  v_seen date[] := '{}';
  v_today date;
begin
  if cardinality(days) > 64 then
    days := array(select distinct d from unnest(days) d where d is not null);
  end if;
  foreach v_day in array coalesce(days, '{}') loop
    continue when v_day is null or v_day = any (v_seen);
    v_seen := v_seen || v_day;
    v_today := (clock_timestamp() at time zone 'Asia/Shanghai')::date;
    if v_day < v_today or exists (select 1 from dashboard_days k where k.day = v_day) then
      insert into dashboard_stale (day) values (v_day);
    end if;
  end loop;
end $$;

-- As 051, with each lead's earliest deadline read in the statement.
create or replace function matches_inserted() returns trigger
language plpgsql set enable_seqscan = off as $$
declare
  v_n int;
begin
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
    select g.lead_id, g.park_id, g.created_at, g.n, (select min(s.due_at) from lead_sla s where s.lead_id = g.lead_id)
    from (select c.lead_id, c.park_id, c.created_at, count(*)::int as n from c
          where c.withdrawn_at is null and c.created_at is not null group by 1, 2, 3 order by 1, 2) g
    on conflict (lead_id, park_id) do update set refs = lp.refs + excluded.refs),
  marks as materialized (select dashboard_mark_days(array(select (c.created_at at time zone 'Asia/Shanghai')::date from c)))
  select count(*) into v_n from marks;
  return null;
end $$;

create or replace function assignments_inserted() returns trigger
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
    select g.lead_id, g.park_id, g.created_at, g.n, (select min(s.due_at) from lead_sla s where s.lead_id = g.lead_id)
    from (select c.lead_id, c.park_id, c.created_at, count(*)::int as n from c
          where c.created_at is not null group by 1, 2, 3 order by 1, 2) g
    on conflict (lead_id, park_id) do update set refs = lp.refs + excluded.refs),
  marks as materialized (select dashboard_mark_days(array(select (c.created_at at time zone 'Asia/Shanghai')::date from c)))
  select count(*) into v_n from marks;
  return null;
end $$;

-- As 048.
create or replace function lead_parks_sla_changed() returns trigger
language plpgsql set enable_seqscan = off as $$
declare
  v_lead uuid := case when tg_op = 'DELETE' then old.lead_id else new.lead_id end;
begin
  perform 1 from leads where id = v_lead for no key update;
  update lead_parks set sla_due_at = d.due
  from (select (select min(s.due_at) from lead_sla s where s.lead_id = v_lead) as due) d
  where lead_id = v_lead and sla_due_at is distinct from d.due;
  if tg_op = 'UPDATE' and old.lead_id is distinct from new.lead_id then
    perform 1 from leads where id = old.lead_id for no key update;
    update lead_parks set sla_due_at = d.due
    from (select (select min(s.due_at) from lead_sla s where s.lead_id = old.lead_id) as due) d
    where lead_id = old.lead_id and sla_due_at is distinct from d.due;
  end if;
  return null;
end $$;
