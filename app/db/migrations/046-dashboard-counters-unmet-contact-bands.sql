-- The dashboard's remaining slow figures (issue 14, docs/decisions/046, building on 040 / migration 044):
--   1. recruiters' open load and the assignment queues from counters kept by the writes
--      (dashboard_assignment_counts: append-only deltas per status and recruiter, compacted by the worker);
--   2. unmet needs in the daily rollup (dashboard_unmet_daily), a lead's status change into or out of
--      `unmatched` (or its need changed while unmatched) marking its day;
--   3. first contact as counts per (day, park, fine band) (dashboard_contact_daily), so the buckets are
--      sums of counts and the exact median is read from the one band that holds it.

-- 1. Counters ---------------------------------------------------------------------------------------
-- One row per change, never updated: concurrent writers never wait on each other here. The count of
-- assignments with a status and recruiter ('' = none) is the sum of n over its rows, in any snapshot
-- (a row is written in the transaction of its change). The worker folds the rows into one per key.
create table dashboard_assignment_counts (
  id bigserial primary key,
  status text not null,
  recruiter_id text not null,
  n int not null
);
create index dashboard_assignment_counts_key on dashboard_assignment_counts (status, recruiter_id) include (n);

create function dashboard_count_inserted() returns trigger
language plpgsql as $$
begin
  insert into dashboard_assignment_counts (status, recruiter_id, n)
  select c.status, coalesce(c.recruiter_id, ''), count(*) from changed c group by 1, 2;
  return null;
end $$;
create function dashboard_count_deleted() returns trigger
language plpgsql as $$
begin
  insert into dashboard_assignment_counts (status, recruiter_id, n)
  select c.status, coalesce(c.recruiter_id, ''), -count(*) from changed c group by 1, 2;
  return null;
end $$;
create function dashboard_count_moved() returns trigger
language plpgsql as $$
begin
  insert into dashboard_assignment_counts (status, recruiter_id, n)
  values (old.status, coalesce(old.recruiter_id, ''), -1), (new.status, coalesce(new.recruiter_id, ''), 1);
  return null;
end $$;
create function dashboard_count_truncated() returns trigger
language plpgsql as $$
begin
  delete from dashboard_assignment_counts;
  return null;
end $$;
-- Triggers first: they lock assignments against writes until this migration commits, so the
-- backfill below counts exactly the rows the triggers will count from.
create trigger dashboard_count_insert after insert on assignments referencing new table as changed
  for each statement execute function dashboard_count_inserted();
create trigger dashboard_count_delete after delete on assignments referencing old table as changed
  for each statement execute function dashboard_count_deleted();
create trigger dashboard_count_update after update of status, recruiter_id on assignments for each row
  when (old.status is distinct from new.status or old.recruiter_id is distinct from new.recruiter_id)
  execute function dashboard_count_moved();
create trigger dashboard_count_truncate after truncate on assignments
  for each statement execute function dashboard_count_truncated();

-- Folds the rows into one per key (dropping zeros). Rows committed after this statement's snapshot
-- are not deleted and stay as they are; callers hold an advisory lock so two folds do not race.
create function dashboard_compact_counts() returns int
language sql as $$
  with d as (delete from dashboard_assignment_counts returning status, recruiter_id, n),
  i as (insert into dashboard_assignment_counts (status, recruiter_id, n)
        select status, recruiter_id, sum(n) from d group by 1, 2 having sum(n) <> 0 returning 1)
  select (select count(*) from d)::int
$$;

insert into dashboard_assignment_counts (status, recruiter_id, n)
select status, coalesce(recruiter_id, ''), count(*) from assignments group by 1, 2;

-- 2. Unmet needs in the rollup ----------------------------------------------------------------------
-- The size bands of unmet needs (㎡, upper bounds; SIZE_BANDS in app/admin/dashboard-data.server.ts,
-- which checks it reads the same).
create function dashboard_size_bands() returns float8[]
language sql immutable as $$ select '{1000,3000,5000,10000,20000}'::float8[] $$;

-- Leads of the days whose status is `unmatched`, per day, need kind, size band and first district:
-- the live figure's groups (loadDashboardFiguresLive), a day at a time by index leads_status_created
-- (LATERAL, OFFSET 0: joined flat, the planner read all 100,000 unmatched leads of a year for no day at all).
create function dashboard_unmet_rows(days date[])
returns table (day date, kind text, band int, district text, leads int)
language sql stable as $$
  select d.day, x.kind, x.band, x.district, x.leads
  from unnest(days) d(day)
  cross join lateral (
    select coalesce(l.lead->'need'->>'kind', '') as kind,
           width_bucket(coalesce((l.lead->'need'->>'areaMaxSqm')::float8, (l.lead->'need'->>'areaMinSqm')::float8, 0), dashboard_size_bands()) as band,
           coalesce(l.lead->'need'->'regions'->>0, '') as district, count(*)::int as leads
    from leads l
    where l.status = 'unmatched'
      and l.created_at >= (d.day::timestamp at time zone 'Asia/Shanghai')
      and l.created_at < ((d.day + 1)::timestamp at time zone 'Asia/Shanghai')
    group by 1, 2, 3
    offset 0) x
$$;

create table dashboard_unmet_daily (
  day date not null,
  kind text not null,
  band int not null,
  district text not null,
  leads int not null,
  primary key (day, kind, band, district)
);

-- A lead going into or out of `unmatched`, or its need edited while unmatched, marks its day
-- (dashboard_mark_lead of migration 044 marks the old and the new arrival's day). Intake's matching
-- sets received → unmatched for today's leads: one mark each, as the match inserts of the others do.
create trigger dashboard_unmet after update of status, lead on leads for each row
  when ((old.status = 'unmatched') is distinct from (new.status = 'unmatched')
        or (new.status = 'unmatched' and old.lead->'need' is distinct from new.lead->'need'))
  execute function dashboard_mark_lead();

-- 3. First contact in fine bands --------------------------------------------------------------------
-- Upper bounds (minutes) of the fine bands: band i holds times in (bounds[i], bounds[i+1]] (band 0:
-- up to the first bound, the last band open). Every bound of CONTACT_BUCKETS (5, 15, 30, 60, 240,
-- 1440) is one of them, so each page bucket is a sum of whole bands (the loader checks). About 15 %
-- apart, so the band that holds the median holds a small share of the times.
create function dashboard_contact_bounds() returns float8[]
language sql immutable as $$
  select '{1,2,3,4,5,6,7,8,9,10,12,14,15,17,20,23,26,30,35,40,45,50,55,60,70,80,90,100,115,130,150,170,195,220,240,
           270,300,340,380,420,480,540,600,680,760,840,960,1080,1200,1320,1440,1680,1920,2160,2520,2880,3360,3840,4320,
           5040,5760,7200,8640,10080,14400,20160,30240,43200}'::float8[]
$$;
-- The band of a time: how many bounds lie below it (a time equal to a bound is in the band it closes;
-- width_bucket counts the bounds at or below it).
create function dashboard_contact_band(minutes float8) returns int
language sql immutable as $$
  select width_bucket(minutes, dashboard_contact_bounds()) - (minutes = any (dashboard_contact_bounds()))::int
$$;

alter table dashboard_first_contact add column band int;
update dashboard_first_contact set band = dashboard_contact_band(minutes);
alter table dashboard_first_contact alter column band set not null;
-- The median's read: the rows of one band in the clean days.
create index dashboard_first_contact_band on dashboard_first_contact (band, day, park_id) include (minutes);

create table dashboard_contact_daily (
  day date not null,
  park text not null,          -- a park id, or '*' for all parks
  band int not null,
  n int not null,
  primary key (park, day, band)
);
insert into dashboard_contact_daily
select day, park_id, band, count(*)::int from dashboard_first_contact group by 1, 2, 3
union all
select day, '*', band, count(*)::int from dashboard_first_contact group by 1, 3;

-- The rebuild, now with unmet needs and the contact bands.
create or replace function dashboard_rebuild(days date[]) returns int
language plpgsql as $$
begin
  delete from dashboard_daily r where r.day = any (days);
  delete from dashboard_recruiter_daily r where r.day = any (days);
  delete from dashboard_first_contact r where r.day = any (days);
  delete from dashboard_contact_daily r where r.day = any (days);
  delete from dashboard_unmet_daily r where r.day = any (days);
  insert into dashboard_daily select * from dashboard_count_rows(days);
  insert into dashboard_recruiter_daily select * from dashboard_recruiter_rows(days);
  insert into dashboard_first_contact (day, park_id, assignment_id, minutes, band)
  select x.day, x.park_id, x.assignment_id, x.minutes, dashboard_contact_band(x.minutes) from dashboard_first_contact_rows(days) x;
  insert into dashboard_contact_daily
  select r.day, r.park_id, r.band, count(*)::int from dashboard_first_contact r where r.day = any (days) group by 1, 2, 3
  union all
  select r.day, '*', r.band, count(*)::int from dashboard_first_contact r where r.day = any (days) group by 1, 3;
  insert into dashboard_unmet_daily select * from dashboard_unmet_rows(days);
  insert into dashboard_days (day) select unnest(days) on conflict (day) do update set built_at = now();
  delete from dashboard_stale s where s.day = any (days);
  return cardinality(days);
end $$;

-- Backfill of unmet needs for every built day. The trigger above exists already (its lock on leads
-- holds writers until this commits), so a status change is either seen here or marks its day.
set local jit = off;
insert into dashboard_unmet_daily select * from dashboard_unmet_rows(array(select day from dashboard_days));
