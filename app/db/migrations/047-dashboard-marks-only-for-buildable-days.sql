-- The dashboard's stale marks (migration 044) only for days the rollup may already hold (docs/decisions/050).
-- A change to a lead that arrived today marked today on every insert of a match, an assignment or an
-- audit line (~5 marks per routed lead), yet today is never in the rollup: it is read live, and the
-- worker builds a day only 15 minutes after it ended (CLOSED_AFTER, app/admin/dashboard-rollup.server.ts).
-- A change made while its day is still today (China time, by the statement's clock) is committed long
-- before that build, which then reads it: the same no-transaction-lasts-15-minutes assumption as
-- migration 044's lead trigger. A day built on purpose before it closed (a repair, a test) is marked
-- as before.

create function dashboard_day_may_be_built(d date) returns boolean
language sql stable as $$
  select d < (clock_timestamp() at time zone 'Asia/Shanghai')::date
         or exists (select 1 from dashboard_days k where k.day = d)
$$;

-- Marks each of `days` (China days of lead arrival) the rollup may hold; the others need none.
create function dashboard_mark_days(days date[]) returns void
language sql as $$
  insert into dashboard_stale (day) select distinct d from unnest(days) d where d is not null and dashboard_day_may_be_built(d)
$$;

create or replace function dashboard_mark_changed() returns trigger
language plpgsql as $$
begin
  perform dashboard_mark_days(array(select (l.created_at at time zone 'Asia/Shanghai')::date from changed c join leads l on l.id = c.lead_id));
  return null;
end $$;

create or replace function dashboard_mark_moved() returns trigger
language plpgsql as $$
begin
  perform dashboard_mark_days(array(select (l.created_at at time zone 'Asia/Shanghai')::date from leads l where l.id in (old.lead_id, new.lead_id)));
  return null;
end $$;

create or replace function dashboard_mark_lead() returns trigger
language plpgsql as $$
begin
  perform dashboard_mark_days(array[case when tg_op in ('UPDATE', 'DELETE') then (old.created_at at time zone 'Asia/Shanghai')::date end,
                                    case when tg_op in ('UPDATE', 'INSERT') then (new.created_at at time zone 'Asia/Shanghai')::date end]);
  return null;
end $$;
