-- docs/decisions/120.
--
-- 1. The SLA re-route notice reaches a recruiter who works by phone as the offer did (ADR 114's
--    withdrawal notice alike): a call task of its own kind for the hotline ("call X: lead Y was not
--    accepted in time and was re-routed; nothing more to do"). It is needed while the assignment is held
--    by someone else; given back to that recruiter (an admin's re-route to them), the call would tell them
--    the opposite of the hand-over they get: closed with reason 'given-back'.
alter table call_tasks drop constraint call_tasks_kind_check;
alter table call_tasks add constraint call_tasks_kind_check check (kind in ('handover', 'callback', 'escalation', 'withdrawal', 'reroute'));
alter table call_tasks drop constraint call_tasks_closed_reason_check;
alter table call_tasks add constraint call_tasks_closed_reason_check
  check (closed_reason in ('need-changed', 'lost', 'won', 'declined', 'moved', 'taken-up', 'lead-closed', 'erased', 'reopened', 'matched',
                           'given-back'));

-- Migration 090's function with the re-route task's rule (the other kinds unchanged).
create or replace function call_tasks_follow_assignment() returns trigger
language plpgsql as $$
declare
  why text;
begin
  why := case
    when new.close_reason = 'erased' then 'erased'
    when new.status = 'lost' and new.close_reason = 'need-changed' then 'need-changed'
    when new.status = 'lost' and exists (select 1 from leads l where l.id = new.lead_id and l.closed_as is not null) then 'lead-closed'
    when new.status = 'lost' then 'lost'
    when new.status = 'signed' then 'won'
    when new.status = 'declined' then 'declined'
    when new.status in ('unassigned', 'offered', 'escalated') or new.recruiter_id is distinct from old.recruiter_id then 'moved'
    else 'taken-up' end;
  update call_tasks c set status = 'done', updated_at = now(),
    closed_reason = case c.kind when 'withdrawal' then 'reopened' when 'reroute' then 'given-back' else why end
  where c.assignment_id = new.id and c.status in ('open', 'no-answer')
    and case c.kind
          when 'handover' then not (new.status = 'offered' and new.recruiter_id is not distinct from c.recruiter_id)
          when 'escalation' then new.status <> 'escalated'
          when 'withdrawal' then new.status <> 'lost'
          when 'reroute' then new.recruiter_id is not distinct from c.recruiter_id
          else false end;
  return null;
end $$;

-- 2. One submission of a call outcome is counted once (ADR 116) — any earlier one too, not only the last:
--    the task keeps the keys of its recent outcomes (newest first, at most 20, app/hotline/call-tasks.server.ts),
--    so a resend of an older submission after a newer one is recognised. The one kept key becomes the list.
alter table call_tasks add column outcome_keys text[] not null default '{}';
update call_tasks set outcome_keys = array[outcome_key] where outcome_key is not null;
alter table call_tasks drop column outcome_key;
