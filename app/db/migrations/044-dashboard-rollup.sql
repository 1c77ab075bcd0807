-- The dashboard's daily rollup (issue 14, docs/decisions/040): its counts per China day of lead
-- arrival (Asia/Shanghai), park and source, its recruiters' breaches and re-routes, and its
-- first-contact times, kept for closed days so a month reads ~30 × (parks + 1) × sources rows instead
-- of the month's leads, matches and audit lines. A day is read from the rollup only while it is
-- "clean": built (dashboard_days) and with no change to its facts since (dashboard_stale, written by
-- the triggers below in the same transaction as the change). Every other day — today, a day changed
-- since it was built, a day never built — is computed live by the same functions that build it, in
-- the same statement, so the figures always equal the live computation.

-- The definition: one lead cohort (China days), then the rows the rollup keeps. `stable`, so inside
-- one statement they read that statement's snapshot.
create function dashboard_leads(days date[]) returns table (id uuid, source text, day date)
language sql stable as $$
  select l.id, l.source, d.day
  from unnest(days) d(day)
  join leads l on l.created_at >= (d.day::timestamp at time zone 'Asia/Shanghai')
              and l.created_at < ((d.day + 1)::timestamp at time zone 'Asia/Shanghai')
$$;

-- Leads per day, park and source: received (for a park: matched to it or assigned in it), matched
-- (to the park), and reaching each funnel stage (an audit line of the stage with a recruiter, on an
-- assignment in the park). Park '*' = all parks (a lead counts once however many parks it touches).
-- Each lead's matches, assignments and lines are read by index inside a LATERAL subquery that Postgres
-- cannot flatten (GROUP BY, OFFSET 0): with the days a parameter the planner guesses ~100,000 leads a
-- day and, joined flat, hashed all 3 M matches and 2.4 M lines for one day's 1,400 leads (9.5 s).
create function dashboard_count_rows(days date[])
returns table (day date, park text, source text, received int, matched int, assigned int, accepted int, contacted int, visit int, signed int)
language sql stable as $$
  with l as materialized (select * from dashboard_leads(days)),
  lp as materialized (
    select l.id as lead_id, p.*
    from l cross join lateral (
      select t.park_id, bool_or(t.matched) as matched, bool_or(t.assigned) as assigned, bool_or(t.accepted) as accepted,
             bool_or(t.contacted) as contacted, bool_or(t.visit) as visit, bool_or(t.signed) as signed
      from (
        select m.park_id, true as matched, false as assigned, false as accepted, false as contacted, false as visit, false as signed
        from matches m where m.lead_id = l.id
        union all
        select a.park_id, false, false, false, false, false, false
        from assignments a where a.lead_id = l.id
        union all
        select a.park_id, false, e.event in ('assigned', 'rerouted'), e.event = 'accepted', e.event = 'contacted', e.event = 'visit', e.event = 'signed'
        from routing_events e join assignments a on a.id = e.assignment_id
        where e.lead_id = l.id and e.recruiter_id is not null and e.event in ('assigned', 'rerouted', 'accepted', 'contacted', 'visit', 'signed')) t
      group by t.park_id) p),
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
-- lead, park of the assignment and recruiter. (Per lead by index, as above.)
create function dashboard_recruiter_rows(days date[])
returns table (day date, park_id text, recruiter_id text, breaches int, reroutes int)
language sql stable as $$
  select l.day, e.park_id, e.recruiter_id,
         (count(*) filter (where e.event in ('sla-missed', 'escalated')))::int,
         (count(*) filter (where e.event in ('sla-missed', 'declined', 'admin-reroute')))::int
  from dashboard_leads(days) l
  cross join lateral (
    select a.park_id, e.recruiter_id, e.event from routing_events e join assignments a on a.id = e.assignment_id
    where e.lead_id = l.id and e.recruiter_id is not null and e.event in ('sla-missed', 'escalated', 'declined', 'admin-reroute')
    offset 0) e
  group by 1, 2, 3
$$;

-- Minutes from an assignment's first offer (assigned/rerouted to a recruiter) to its first
-- `contacted` line, one row per assignment that has both. float8 of the same numeric the live query
-- gave, so the median and the buckets compare equal. (Per lead by index, as above.)
create function dashboard_first_contact_rows(days date[])
returns table (day date, park_id text, assignment_id uuid, minutes float8)
language sql stable as $$
  select l.day, x.park_id, x.id, x.minutes
  from dashboard_leads(days) l
  cross join lateral (
    select x.park_id, x.id, (extract(epoch from (c.at - o.at)) / 60)::float8 as minutes
    from assignments x
    cross join lateral (select min(e.at) as at from routing_events e where e.assignment_id = x.id and e.event = 'contacted') c
    cross join lateral (select min(e.at) as at from routing_events e
                        where e.assignment_id = x.id and e.event in ('assigned', 'rerouted') and e.recruiter_id is not null) o
    where x.lead_id = l.id and c.at is not null and o.at is not null
    offset 0) x
$$;

create table dashboard_daily (
  day date not null,
  park text not null,          -- a park id, or '*' for all parks
  source text not null,
  received int not null,
  matched int not null,
  assigned int not null,
  accepted int not null,
  contacted int not null,
  visit int not null,
  signed int not null,
  primary key (park, day, source)
);
create table dashboard_recruiter_daily (
  day date not null,
  park_id text not null,
  recruiter_id text not null,
  breaches int not null,
  reroutes int not null,
  primary key (day, park_id, recruiter_id)
);
create table dashboard_first_contact (
  day date not null,
  park_id text not null,
  assignment_id uuid primary key,
  minutes float8 not null
);
create index dashboard_first_contact_day on dashboard_first_contact (day, park_id) include (minutes);

-- Days whose rows above are built, and marks of changes to a day's facts since (append-only: no row
-- is updated, so concurrent writers never wait on each other here).
create table dashboard_days (day date primary key, built_at timestamptz not null default now());
create table dashboard_stale (id bigserial primary key, day date not null, at timestamptz not null default now());
create index dashboard_stale_day on dashboard_stale (day);

-- Rebuilds the given days from the facts and clears their marks. The worker calls it in a REPEATABLE
-- READ transaction: the marks it deletes are exactly those whose changes the rebuild saw (a change
-- committed after its snapshot keeps its mark, so the day stays live until the next rebuild).
create function dashboard_rebuild(days date[]) returns int
language plpgsql as $$
begin
  delete from dashboard_daily r where r.day = any (days);
  delete from dashboard_recruiter_daily r where r.day = any (days);
  delete from dashboard_first_contact r where r.day = any (days);
  insert into dashboard_daily select * from dashboard_count_rows(days);
  insert into dashboard_recruiter_daily select * from dashboard_recruiter_rows(days);
  insert into dashboard_first_contact select * from dashboard_first_contact_rows(days);
  insert into dashboard_days (day) select unnest(days) on conflict (day) do update set built_at = now();
  delete from dashboard_stale s where s.day = any (days);
  return cardinality(days);
end $$;

-- Marks: a change to a lead's matches, assignments or audit lines marks the lead's day (statement
-- triggers: one mark per statement and day, however many rows).
create function dashboard_mark_changed() returns trigger
language plpgsql as $$
begin
  insert into dashboard_stale (day)
  select distinct (l.created_at at time zone 'Asia/Shanghai')::date from changed c join leads l on l.id = c.lead_id;
  return null;
end $$;

-- An update of a column the rollup reads (rare: row trigger with WHEN) marks the old and the new lead's day.
create function dashboard_mark_moved() returns trigger
language plpgsql as $$
begin
  insert into dashboard_stale (day)
  select distinct (l.created_at at time zone 'Asia/Shanghai')::date from leads l where l.id in (old.lead_id, new.lead_id);
  return null;
end $$;

create trigger dashboard_insert after insert on matches referencing new table as changed for each statement execute function dashboard_mark_changed();
create trigger dashboard_delete after delete on matches referencing old table as changed for each statement execute function dashboard_mark_changed();
create trigger dashboard_update after update of lead_id, park_id on matches for each row
  when (old.lead_id is distinct from new.lead_id or old.park_id is distinct from new.park_id) execute function dashboard_mark_moved();

create trigger dashboard_insert after insert on assignments referencing new table as changed for each statement execute function dashboard_mark_changed();
create trigger dashboard_delete after delete on assignments referencing old table as changed for each statement execute function dashboard_mark_changed();
create trigger dashboard_update after update of lead_id, park_id on assignments for each row
  when (old.lead_id is distinct from new.lead_id or old.park_id is distinct from new.park_id) execute function dashboard_mark_moved();

create trigger dashboard_insert after insert on routing_events referencing new table as changed for each statement execute function dashboard_mark_changed();
create trigger dashboard_delete after delete on routing_events referencing old table as changed for each statement execute function dashboard_mark_changed();
create trigger dashboard_update after update of lead_id, assignment_id, event, recruiter_id, at on routing_events for each row
  when (old.lead_id is distinct from new.lead_id or old.assignment_id is distinct from new.assignment_id or old.event is distinct from new.event
        or old.recruiter_id is distinct from new.recruiter_id or old.at is distinct from new.at)
  execute function dashboard_mark_moved();

-- Leads: intake stores a lead with created_at = now(), whose day is never built yet (the worker builds
-- a day only 15 minutes after it ended), so the insert trigger fires only for a backfilled lead — its
-- WHEN is evaluated without calling a function, no cost on intake. A changed source or arrival, and a
-- deleted lead, mark the day(s).
create function dashboard_mark_lead() returns trigger
language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    insert into dashboard_stale (day) values ((old.created_at at time zone 'Asia/Shanghai')::date);
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    insert into dashboard_stale (day) values ((new.created_at at time zone 'Asia/Shanghai')::date);
  end if;
  return null;
end $$;
create function dashboard_mark_leads_deleted() returns trigger
language plpgsql as $$
begin
  insert into dashboard_stale (day) select distinct (c.created_at at time zone 'Asia/Shanghai')::date from changed c;
  return null;
end $$;
create trigger dashboard_backfill after insert on leads for each row
  when (new.created_at < now() - interval '15 minutes') execute function dashboard_mark_lead();
create trigger dashboard_update after update of source, created_at on leads for each row
  when (old.source is distinct from new.source or old.created_at is distinct from new.created_at) execute function dashboard_mark_lead();
create trigger dashboard_delete after delete on leads referencing old table as changed for each statement execute function dashboard_mark_leads_deleted();

-- TRUNCATE has no rows to mark: every built day is forgotten (read live until rebuilt).
create function dashboard_forget() returns trigger
language plpgsql as $$
begin
  delete from dashboard_days;
  return null;
end $$;
create trigger dashboard_truncate after truncate on leads for each statement execute function dashboard_forget();
create trigger dashboard_truncate after truncate on matches for each statement execute function dashboard_forget();
create trigger dashboard_truncate after truncate on assignments for each statement execute function dashboard_forget();
create trigger dashboard_truncate after truncate on routing_events for each statement execute function dashboard_forget();

-- Backfill: every closed day (ended 15 minutes ago or more) from the first lead's. JIT off, as in
-- every caller: the planner's guess of the days' leads is far too high, and compiling the plan took
-- 1.6 s of a one-day rebuild at 1,000,000 leads.
set local jit = off;
select dashboard_rebuild(array(
  select d::date from generate_series((select min(created_at at time zone 'Asia/Shanghai')::date from leads),
                                      ((now() - interval '15 minutes') at time zone 'Asia/Shanghai')::date - 1, interval '1 day') d));
