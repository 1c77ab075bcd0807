-- docs/decisions/116.
--
-- 1. A repeat is the same enquiry as the person sent it (ADR 108 amended): the earlier lead's need is
--    read as it was submitted (leads.need_submitted, kept by the first staff edit, migration 085) — and
--    also as it is stored now (corrected by staff): an enterprise that sends what it first sent, or what
--    the recruiter agreed with it on the phone, is the lead being worked, not a new one. The new lead is
--    always as submitted (nobody edited it yet). need_submitted is {need, flags}: lead_need_key reads
--    its `need` as it reads a lead's.
create or replace function intake_repeat_of(p_phone text, p_lead jsonb, p_minutes int, after_counter bigint) returns text
language plpgsql volatile as $$
declare
  found text;
begin
  select l.reference into found from leads l
  where split_part(l.phone, ';', 1) = split_part(p_phone, ';', 1) -- the main number, extension or not (ADR 107)
    and l.created_at > now() - make_interval(mins => p_minutes)
    and lead_need_key(p_lead) in (lead_need_key(coalesce(l.need_submitted, l.lead)), lead_need_key(l.lead))
    -- the same enterprise: one phone for two companies (an agent, a group's offices) is two enquiries
    and company_key(l.lead #>> '{company,name}') = company_key(p_lead #>> '{company,name}')
  order by l.created_at, l.id limit 1;
  return found;
end
$$;

-- 2. A call-back ("no match yet: call the enterprise about its need") ends when the lead gets a live
--    match — an inventory edit, an import or a need edit matched it — in the match's own transaction,
--    with closed_reason 'matched' (the hotline desk says why, zh/en). A match withdrawn later and the lead
--    left with none: routeLead opens the same task again (its dedupe_key, reopened).
--    Every count of open call tasks (the hotline's list, /admin, the dashboard, /metrics) is then one
--    definition: status open or no-answer.
alter table call_tasks drop constraint call_tasks_closed_reason_check;
alter table call_tasks add constraint call_tasks_closed_reason_check
  check (closed_reason in ('need-changed', 'lost', 'won', 'declined', 'moved', 'taken-up', 'lead-closed', 'erased', 'reopened', 'matched'));

create function call_backs_end_with_a_match() returns trigger
language plpgsql as $$
begin
  -- The call-back's dedupe_key is 'callback:<lead id>' (routeLead): its unique index finds it.
  update call_tasks c set status = 'done', closed_reason = 'matched', updated_at = now()
  from (select distinct lead_id from new_rows where withdrawn_at is null) m
  where c.dedupe_key = 'callback:' || m.lead_id::text and c.kind = 'callback' and c.status in ('open', 'no-answer');
  return null;
end $$;

create trigger call_backs_end_on_match_insert after insert on matches referencing new table as new_rows
  for each statement execute function call_backs_end_with_a_match();
-- A withdrawn match made live again (match-store's upsert) matches the lead as well.
create trigger call_backs_end_on_match_update after update on matches referencing new table as new_rows
  for each statement execute function call_backs_end_with_a_match();

-- Call-backs left open on leads that have a live match now: closed as the trigger would have closed them.
update call_tasks c set status = 'done', closed_reason = 'matched', updated_at = now()
where c.kind = 'callback' and c.status in ('open', 'no-answer')
  and exists (select 1 from matches m where m.lead_id = c.lead_id and m.withdrawn_at is null);

-- 3. One submission of a call's outcome is recorded once (docs/decisions/116): the desk's task form sends
--    the key of the page it was rendered on (formKey); the task keeps the key of the last outcome it
--    recorded, and a post with that key again — 「再次提交」 on the unavailable page (ADR 115), a double
--    press — answers as recorded and counts no second attempt.
alter table call_tasks add column outcome_key text;
