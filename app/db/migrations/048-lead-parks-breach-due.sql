-- "One park + SLA breached" on the admin lead list as one index range read (issue 14, docs/decisions/051),
-- and the /admin overview's open call tasks counted from an index alone (at the end).
-- Migration 045 keeps the park (lead_parks) and the breach (lead_sla) apart, so the list's capped total
-- of the two together hashed every breached lead (~66,000 at 1,000,000 leads) and walked every index
-- entry of the park (~180,000): they share ~10,000 leads, under the cap, so the count never stopped
-- early (270–570 ms). Here each (lead, park) pair carries the lead's earliest SLA deadline
-- (sla_due_at = min(lead_sla.due_at) of the lead; null while it has no lead_sla row), and a partial index
-- holds only the pairs that have one: a park's breached leads are its range of that index with
-- sla_due_at < now() (the deadline passing still needs no write). A lead is breached ⇔ one of its
-- lead_sla rows is past due ⇔ the earliest is.
--
-- Kept in the same transaction as the write, from two sides: a pair written by lead_parks' functions
-- reads the lead's lead_sla rows; a lead_sla row written or removed sets every pair of its lead anew.
-- The two would race (each missing the other's uncommitted row), so both first lock the lead's row FOR
-- NO KEY UPDATE, as an update of the lead would (the worker's match job, reverse matching and routing
-- update the lead in the same transaction anyway, so no new lock order); under READ COMMITTED the
-- statement after the lock sees what the other committed. Not FOR SHARE for pairs: two writers holding
-- it, then updating the lead, would deadlock. Not an advisory lock: reverse matching writes pairs for
-- thousands of leads in one transaction, and row locks take no room in the shared lock table.

alter table lead_parks add column sla_due_at timestamptz;

-- The lead's earliest deadline now (-infinity for an SLA audit line; null for none).
create function lead_sla_due(p_lead uuid) returns timestamptz
language sql stable as $$ select min(s.due_at) from lead_sla s where s.lead_id = p_lead $$;

create or replace function lead_parks_add(p_lead uuid, p_park text, p_n int) returns void
language plpgsql as $$
begin
  if p_n > 0 then
    perform 1 from leads where id = p_lead for no key update;
    insert into lead_parks as lp (lead_id, park_id, created_at, refs, sla_due_at)
    select p_lead, p_park, l.created_at, p_n, lead_sla_due(p_lead) from leads l where l.id = p_lead
    on conflict (lead_id, park_id) do update set refs = lp.refs + excluded.refs;
  elsif p_n < 0 then
    update lead_parks set refs = refs + p_n where lead_id = p_lead and park_id = p_park;
    delete from lead_parks where lead_id = p_lead and park_id = p_park and refs <= 0;
  end if;
end $$;

create or replace function lead_parks_match_rows() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform 1 from leads l where l.id in (select c.lead_id from new_rows c where c.withdrawn_at is null) order by l.id for no key update of l;
    insert into lead_parks as lp (lead_id, park_id, created_at, refs, sla_due_at)
    select c.lead_id, c.park_id, l.created_at, count(*)::int, lead_sla_due(c.lead_id) from new_rows c join leads l on l.id = c.lead_id
    where c.withdrawn_at is null group by 1, 2, 3 order by 1, 2
    on conflict (lead_id, park_id) do update set refs = lp.refs + excluded.refs;
  else
    perform lead_parks_add(c.lead_id, c.park_id, -count(*)::int) from old_rows c where c.withdrawn_at is null
    group by c.lead_id, c.park_id order by c.lead_id, c.park_id;
  end if;
  return null;
end $$;

create or replace function lead_parks_assignment_rows() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform 1 from leads l where l.id in (select c.lead_id from new_rows c) order by l.id for no key update of l;
    insert into lead_parks as lp (lead_id, park_id, created_at, refs, sla_due_at)
    select c.lead_id, c.park_id, l.created_at, count(*)::int, lead_sla_due(c.lead_id) from new_rows c join leads l on l.id = c.lead_id
    group by 1, 2, 3 order by 1, 2
    on conflict (lead_id, park_id) do update set refs = lp.refs + excluded.refs;
  else
    perform lead_parks_add(c.lead_id, c.park_id, -count(*)::int) from old_rows c group by c.lead_id, c.park_id order by c.lead_id, c.park_id;
  end if;
  return null;
end $$;

-- A lead_sla row written or removed: every pair of its lead gets the lead's earliest deadline anew
-- (only the pairs whose value changes are written).
create function lead_parks_sla_changed() returns trigger
language plpgsql as $$
declare
  v_lead uuid := case when tg_op = 'DELETE' then old.lead_id else new.lead_id end;
begin
  perform 1 from leads where id = v_lead for no key update;
  update lead_parks set sla_due_at = d.due
  from (select lead_sla_due(v_lead) as due) d
  where lead_id = v_lead and sla_due_at is distinct from d.due;
  if tg_op = 'UPDATE' and old.lead_id is distinct from new.lead_id then
    perform 1 from leads where id = old.lead_id for no key update;
    update lead_parks set sla_due_at = d.due
    from (select lead_sla_due(old.lead_id) as due) d
    where lead_id = old.lead_id and sla_due_at is distinct from d.due;
  end if;
  return null;
end $$;

create trigger lead_parks_sla_insert after insert on lead_sla for each row execute function lead_parks_sla_changed();
create trigger lead_parks_sla_update after update of due_at, lead_id on lead_sla for each row
  when (old.due_at is distinct from new.due_at or old.lead_id is distinct from new.lead_id)
  execute function lead_parks_sla_changed();
create trigger lead_parks_sla_delete after delete on lead_sla for each row execute function lead_parks_sla_changed();

-- Backfill: the ~6.5 % of leads with a lead_sla row, their pairs.
update lead_parks lp set sla_due_at = s.due
from (select lead_id, min(due_at) as due from lead_sla group by lead_id) s
where lp.lead_id = s.lead_id;

-- A park's pairs with a deadline, in the list's order; the deadline beside them for the test against now().
create index lead_parks_park_sla on lead_parks (park_id, created_at, lead_id) include (sla_due_at) where sla_due_at is not null;
analyze lead_parks;

-- The /admin overview (loadDashboard) counts open call tasks per kind, and how many are due: through
-- call_tasks_open (due_at) that visited the heap for each task's kind — 10,494 open tasks on 4,799 heap
-- pages at 1,000,000 leads, 113 ms warm and most of the overview's p99 cold. With the kind in the index
-- the count is an index-only scan (54 pages). call_tasks_open stays for the hotline's list in due order.
create index call_tasks_open_kind on call_tasks (kind, due_at) where status in ('open', 'no-answer');
