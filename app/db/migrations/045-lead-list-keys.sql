-- The admin lead list's park and SLA-breached filters as index range reads in arrival order (issue 14,
-- docs/decisions/045). Before, "one park" built the set of every lead matched to or assigned in the
-- park (~170,000 ids at 1,000,000 leads) and "SLA breached" the set of every breached lead (~66,000),
-- then joined, counted and sorted them: 0.7–3 s a page. Here each is a small table ordered by the
-- lead's arrival (created_at, copied: it never changes), kept by triggers in the same transaction as
-- the write that changes it, so "the newest 25 of one park" reads 25 index entries.
--
-- Both tables are kept per source row or by reference count, never by recomputing a lead's state from
-- its other rows: two transactions changing the same lead at once (a match withdrawn while an
-- assignment is written) then cannot leave a stale row, since each change only adds or removes its
-- own contribution under the row lock of the key it touches.

-- lead_parks: (lead, park) while the lead has a live match (withdrawn_at is null) in the park or an
-- assignment in it (any status) — the park filter of /admin/leads. refs = live matches + assignments.
create table lead_parks (
  lead_id uuid not null references leads (id) on delete cascade,
  park_id text not null,
  created_at timestamptz not null, -- the lead's
  refs integer not null,
  primary key (lead_id, park_id)
);

-- One (lead, park) gained `n` refs (+1: a live match or an assignment appeared) or lost them (-n); a pair
-- at 0 is removed. Plain statements by primary key (each plan cached by PL/pgSQL), no arrays.
create function lead_parks_add(p_lead uuid, p_park text, p_n int) returns void
language plpgsql as $$
begin
  if p_n > 0 then
    insert into lead_parks as lp (lead_id, park_id, created_at, refs)
    select p_lead, p_park, l.created_at, p_n from leads l where l.id = p_lead
    on conflict (lead_id, park_id) do update set refs = lp.refs + excluded.refs;
  elsif p_n < 0 then
    update lead_parks set refs = refs + p_n where lead_id = p_lead and park_id = p_park;
    delete from lead_parks where lead_id = p_lead and park_id = p_park and refs <= 0;
  end if;
end $$;

-- Inserted and deleted rows, one statement per trigger call (a lead's five matches, a lead's cascade),
-- pairs in key order so concurrent writers lock them alike.
create function lead_parks_match_rows() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into lead_parks as lp (lead_id, park_id, created_at, refs)
    select c.lead_id, c.park_id, l.created_at, count(*)::int from new_rows c join leads l on l.id = c.lead_id
    where c.withdrawn_at is null group by 1, 2, 3 order by 1, 2
    on conflict (lead_id, park_id) do update set refs = lp.refs + excluded.refs;
  else
    perform lead_parks_add(c.lead_id, c.park_id, -count(*)::int) from old_rows c where c.withdrawn_at is null
    group by c.lead_id, c.park_id order by c.lead_id, c.park_id;
  end if;
  return null;
end $$;
create function lead_parks_assignment_rows() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into lead_parks as lp (lead_id, park_id, created_at, refs)
    select c.lead_id, c.park_id, l.created_at, count(*)::int from new_rows c join leads l on l.id = c.lead_id
    group by 1, 2, 3 order by 1, 2
    on conflict (lead_id, park_id) do update set refs = lp.refs + excluded.refs;
  else
    perform lead_parks_add(c.lead_id, c.park_id, -count(*)::int) from old_rows c group by c.lead_id, c.park_id order by c.lead_id, c.park_id;
  end if;
  return null;
end $$;

-- An update that changes whether a row counts, or for which lead and park (row triggers, WHEN below:
-- a re-scored match or a recruiter's step on an assignment calls nothing).
create function lead_parks_match_moved() returns trigger
language plpgsql as $$
begin
  if old.withdrawn_at is null then
    perform lead_parks_add(old.lead_id, old.park_id, -1);
  end if;
  if new.withdrawn_at is null then
    perform lead_parks_add(new.lead_id, new.park_id, 1);
  end if;
  return null;
end $$;
create function lead_parks_assignment_moved() returns trigger
language plpgsql as $$
begin
  perform lead_parks_add(old.lead_id, old.park_id, -1);
  perform lead_parks_add(new.lead_id, new.park_id, 1);
  return null;
end $$;

create trigger lead_parks_insert after insert on matches referencing new table as new_rows for each statement execute function lead_parks_match_rows();
create trigger lead_parks_delete after delete on matches referencing old table as old_rows for each statement execute function lead_parks_match_rows();
create trigger lead_parks_update after update of withdrawn_at, lead_id, park_id on matches for each row
  when ((old.withdrawn_at is null) <> (new.withdrawn_at is null) or old.lead_id is distinct from new.lead_id or old.park_id is distinct from new.park_id)
  execute function lead_parks_match_moved();
create trigger lead_parks_insert after insert on assignments referencing new table as new_rows for each statement execute function lead_parks_assignment_rows();
create trigger lead_parks_delete after delete on assignments referencing old table as old_rows for each statement execute function lead_parks_assignment_rows();
create trigger lead_parks_update after update of lead_id, park_id on assignments for each row
  when (old.lead_id is distinct from new.lead_id or old.park_id is distinct from new.park_id)
  execute function lead_parks_assignment_moved();

-- lead_sla: what can make a lead "SLA breached" (app/admin/lead-list.server.ts breachedSql): one row per
-- offer (an assignment 'offered' with a deadline; due_at = accept_by, source = the assignment's id) and
-- one row 'audit' while the lead has 'sla-missed' or 'escalated' audit lines (due_at = -infinity, refs =
-- how many). Breached now ⇔ a row with due_at < now(): the deadline passing needs no write.
create table lead_sla (
  lead_id uuid not null references leads (id) on delete cascade,
  source text not null,
  created_at timestamptz not null, -- the lead's
  due_at timestamptz not null,
  refs integer not null default 1,
  primary key (lead_id, source)
);

create function lead_sla_offer() returns trigger
language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    delete from lead_sla where lead_id = old.lead_id and source = old.id::text;
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    if new.status = 'offered' and new.accept_by is not null then
      insert into lead_sla (lead_id, source, created_at, due_at)
      select new.lead_id, new.id::text, l.created_at, new.accept_by from leads l where l.id = new.lead_id
      on conflict (lead_id, source) do update set due_at = excluded.due_at;
    end if;
  end if;
  return null;
end $$;

create trigger lead_sla_insert after insert on assignments for each row
  when (new.status = 'offered' and new.accept_by is not null) execute function lead_sla_offer();
create trigger lead_sla_update after update of status, accept_by, lead_id on assignments for each row
  when ((old.status = 'offered' or new.status = 'offered')
        and (old.status is distinct from new.status or old.accept_by is distinct from new.accept_by or old.lead_id is distinct from new.lead_id))
  execute function lead_sla_offer();
create trigger lead_sla_delete after delete on assignments for each row
  when (old.status = 'offered') execute function lead_sla_offer();

create function lead_sla_audit() returns trigger
language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    if old.event in ('sla-missed', 'escalated') then
      update lead_sla set refs = refs - 1 where lead_id = old.lead_id and source = 'audit';
      delete from lead_sla where lead_id = old.lead_id and source = 'audit' and refs <= 0;
    end if;
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    if new.event in ('sla-missed', 'escalated') then
      insert into lead_sla as s (lead_id, source, created_at, due_at)
      select new.lead_id, 'audit', l.created_at, '-infinity' from leads l where l.id = new.lead_id
      on conflict (lead_id, source) do update set refs = s.refs + 1;
    end if;
  end if;
  return null;
end $$;

create trigger lead_sla_insert after insert on routing_events for each row
  when (new.event in ('sla-missed', 'escalated')) execute function lead_sla_audit();
create trigger lead_sla_update after update of event, lead_id on routing_events for each row
  when ((old.event in ('sla-missed', 'escalated') or new.event in ('sla-missed', 'escalated'))
        and (old.event is distinct from new.event or old.lead_id is distinct from new.lead_id))
  execute function lead_sla_audit();
create trigger lead_sla_delete after delete on routing_events for each row
  when (old.event in ('sla-missed', 'escalated')) execute function lead_sla_audit();

-- Backfill, each table in one pass, in the order the list reads it (a park's rows together on disk).
insert into lead_parks (lead_id, park_id, created_at, refs)
select r.lead_id, r.park_id, l.created_at, count(*)::int
from (select lead_id, park_id from matches where withdrawn_at is null
      union all select lead_id, park_id from assignments) r
join leads l on l.id = r.lead_id
group by r.park_id, l.created_at, r.lead_id
order by r.park_id, l.created_at, r.lead_id;

insert into lead_sla (lead_id, source, created_at, due_at, refs)
select a.lead_id, a.id::text, l.created_at, a.accept_by, 1
from assignments a join leads l on l.id = a.lead_id
where a.status = 'offered' and a.accept_by is not null
union all
select e.lead_id, 'audit', l.created_at, '-infinity', count(*)::int
from routing_events e join leads l on l.id = e.lead_id
where e.event in ('sla-missed', 'escalated')
group by e.lead_id, l.created_at;

-- The indexes the list reads, built after the backfill (one sort each, not 3.7 M single inserts).
create index lead_parks_park_created on lead_parks (park_id, created_at, lead_id);
create index lead_sla_created on lead_sla (created_at, lead_id) include (due_at);
-- "Breached" beside another filter (a park): a probe per lead, answered from the index alone.
create index lead_sla_lead on lead_sla (lead_id, due_at);
-- A status with a park: the total joins the park's range of lead_parks with the status's range of
-- leads by hash, both index-only (this index carries the id; it replaces leads_status_created, its prefix).
create index leads_status_created_id on leads (status, created_at, id);
drop index leads_status_created;
analyze lead_parks;
analyze lead_sla;
