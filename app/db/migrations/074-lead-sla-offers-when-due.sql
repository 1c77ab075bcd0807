-- An offer's deadline row in lead_sla written when the deadline comes, not when the offer is made
-- (issue 14, docs/decisions/100).
--
-- lead_sla (migration 045) and lead_parks.sla_due_at (migration 048) serve one reader: the admin lead
-- list's "SLA breached" filter, and the export with it (app/admin/lead-list.server.ts), which select
-- rows with due_at < now() (lead_parks: sla_due_at < now()). An offer's row, due at accept_by, is
-- therefore read by nobody until accept_by has passed. Until now it was written with the offer, on the
-- lead's path: the lead_sla insert with its own row trigger, the lead's lock and the update of every
-- (lead, park) pair of the lead — ~75 shared blocks and three nested statements an offer (the
-- e2e bench at 50 leads/s, pg_stat_statements; docs/benchmarks.md) — and deleted again when the
-- recruiter accepted in time, as most offers are.
--
-- Now:
-- 1. The offer triggers write the row only for an offer due within a minute (an offer given a deadline
--    in the past, or about to pass: imported history, an admin's deadline, the tests' overdue offers).
--    Removing it is unchanged (status, deadline or lead changed; the assignment deleted).
-- 2. lead_sla_catch_up() writes the missing rows of every open offer due within a minute, reading the
--    offers whose deadline came since its last pass (assignments_offered_due: accept_by of the open
--    offers), and moves its mark. It looks an hour back past the mark, for an offer written by a
--    transaction that was still open at the last pass (up to an hour long; the lead's transactions
--    last milliseconds). The readers call it before they read (leadSelection), and the worker's
--    dashboard pass calls it too, so the pairs' deadlines follow without a page being loaded.
-- The rows and the lead_parks deadlines are the same as before for every offer past its deadline by
-- the time a reader reads; an offer not yet due may now have no row, which no reader can tell.

create table lead_sla_offers_checked (
  only_row boolean primary key default true check (only_row),
  -- Every open offer due up to here has its lead_sla row (as seen by the pass that moved it).
  until timestamptz not null
);
-- Every offer existing now has its row: the triggers before this migration wrote them all.
insert into lead_sla_offers_checked (until) values (now());

create or replace function lead_sla_offer() returns trigger
language plpgsql set enable_seqscan = off as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    delete from lead_sla where lead_id = old.lead_id and source = old.id::text;
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    if new.status = 'offered' and new.accept_by is not null and new.accept_by <= now() + interval '1 minute' then
      insert into lead_sla (lead_id, source, created_at, due_at, channel)
      select new.lead_id, new.id::text, l.created_at, new.accept_by, l.source from leads l where l.id = new.lead_id
      on conflict (lead_id, source) do update set due_at = excluded.due_at;
    end if;
  end if;
  return null;
end $$;

-- The insert trigger does not even start for an offer due later (the routing statement's common case).
drop trigger lead_sla_insert on assignments;
create trigger lead_sla_insert after insert on assignments for each row
  when (new.status = 'offered' and new.accept_by is not null and new.accept_by <= now() + interval '1 minute')
  execute function lead_sla_offer();

-- Returns the rows written. One pass at a time (the mark's row lock); the leads are locked in id order
-- by lead_sla's own trigger (lead_parks_sla_changed), as every writer of a lead's pairs does.
create function lead_sla_catch_up() returns int
language plpgsql set enable_seqscan = off as $$
declare
  v_until timestamptz;
  v_upto timestamptz := now() + interval '1 minute';
  v_n int;
begin
  select c.until into v_until from lead_sla_offers_checked c for update;
  insert into lead_sla (lead_id, source, created_at, due_at, channel)
  select a.lead_id, a.id::text, l.created_at, a.accept_by, l.source
  from assignments a join leads l on l.id = a.lead_id
  where a.status = 'offered' and a.accept_by > v_until - interval '1 hour' and a.accept_by <= v_upto
    and not exists (select 1 from lead_sla s where s.lead_id = a.lead_id and s.source = a.id::text)
  order by a.lead_id, a.id
  on conflict (lead_id, source) do nothing;
  get diagnostics v_n = row_count;
  update lead_sla_offers_checked set until = greatest(until, v_upto);
  return v_n;
end $$;
