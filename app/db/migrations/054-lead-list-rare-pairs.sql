-- The admin lead list's filter pairs whose leads are few read one index range (issue 14, ADR 059).
--
-- 1. Channel + SLA breached. Before, the breached leads' key (lead_sla, migration 045) was joined to the channel's leads: 66,000
-- breached rows against 250,000 hotline leads by hash over the generated year, 250–1,250 ms whatever
-- the join method (a nested loop probed leads 66,000 times). A lead's channel (`leads.source`: web, api,
-- hotline) is set at intake and hardly ever changes, so each lead_sla row carries it, written by the
-- triggers that already read the lead's created_at (and rewritten if it is corrected); an index on (channel, created_at, lead_id) gives the pair
-- its rows in arrival order, index-only.
alter table lead_sla add column channel text;
update lead_sla s set channel = l.source from leads l where l.id = s.lead_id;
alter table lead_sla alter column channel set not null;

create or replace function lead_sla_offer() returns trigger
language plpgsql set enable_seqscan = off as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    delete from lead_sla where lead_id = old.lead_id and source = old.id::text;
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    if new.status = 'offered' and new.accept_by is not null then
      insert into lead_sla (lead_id, source, created_at, due_at, channel)
      select new.lead_id, new.id::text, l.created_at, new.accept_by, l.source from leads l where l.id = new.lead_id
      on conflict (lead_id, source) do update set due_at = excluded.due_at;
    end if;
  end if;
  return null;
end $$;

create or replace function lead_sla_audit() returns trigger
language plpgsql set enable_seqscan = off as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    if old.event in ('sla-missed', 'escalated') then
      update lead_sla set refs = refs - 1 where lead_id = old.lead_id and source = 'audit';
      delete from lead_sla where lead_id = old.lead_id and source = 'audit' and refs <= 0;
    end if;
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    if new.event in ('sla-missed', 'escalated') then
      insert into lead_sla as s (lead_id, source, created_at, due_at, channel)
      select new.lead_id, 'audit', l.created_at, '-infinity', l.source from leads l where l.id = new.lead_id
      on conflict (lead_id, source) do update set refs = s.refs + 1;
    end if;
  end if;
  return null;
end $$;

-- A lead's channel corrected (an admin's fix in SQL; the dashboard follows it too, migration 044): its rows follow.
create function lead_sla_channel() returns trigger
language plpgsql as $$
begin
  update lead_sla set channel = new.source where lead_id = new.id;
  return null;
end $$;
create trigger lead_sla_channel after update of source on leads for each row
  when (old.source is distinct from new.source) execute function lead_sla_channel();

create index lead_sla_channel_created on lead_sla (channel, created_at, lead_id) include (due_at);
analyze lead_sla;

-- 2. Status + channel and status + section (the "unmatched" filter is a status). Two filters that each
-- select many leads but together few or none (hotline + unmatched, won + section F: none in the
-- generated year) read the whole of one or both single-column ranges — a BitmapAnd of 100,000 and
-- 167,000 entries, or a sequential scan of every lead when the planner, taking the columns as
-- independent, expected 25,000 — 260–450 ms. With the pair's own key, its range is the answer. The
-- single-column keys stay: a status alone is read in arrival order from leads_status_created_id.
create index leads_status_source_created on leads (status, source, created_at, id);
create index leads_status_section_created on leads (status, (left(industry, 1)), created_at, id) include (industry);
analyze leads;
