-- docs/decisions/114.
--
-- 1. A call task about an assignment ends when the assignment no longer needs it, whatever ended it —
--    a need edit (close_reason need-changed), the recruiter's lost or signed, a decline, a re-route (SLA,
--    an admin's, a deactivated recruiter's), an acceptance at the recruiter's own desk, the admin's closing
--    of the lead, an erasure: one row trigger on assignments, in the ending's own transaction. The task
--    keeps why it was closed (closed_reason, shown by the hotline desk in zh/en); a task the hotline
--    worked itself (done, wrong number) has none.
--    A hand-over ("call recruiter X and hand over the lead") is needed while the assignment is offered to
--    X; an escalation while the assignment is escalated; a withdrawal ("tell X the assignment ended", 4.
--    below) while it stays ended — a park that fits again reopens it (reason reopened). Call-backs are
--    about the lead, not an assignment.
alter table call_tasks add column closed_reason text
  check (closed_reason in ('need-changed', 'lost', 'won', 'declined', 'moved', 'taken-up', 'lead-closed', 'erased', 'reopened'));

-- 4. The withdrawal notice of an ended assignment reaches a recruiter who works by phone as the offer
--    did: a call task of its own kind for the hotline ("call X: lead Y is no longer yours").
alter table call_tasks drop constraint call_tasks_kind_check;
alter table call_tasks add constraint call_tasks_kind_check check (kind in ('handover', 'callback', 'escalation', 'withdrawal'));

create function call_tasks_follow_assignment() returns trigger
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
  update call_tasks c set status = 'done', closed_reason = case when c.kind = 'withdrawal' then 'reopened' else why end, updated_at = now()
  where c.assignment_id = new.id and c.status in ('open', 'no-answer')
    and case c.kind
          when 'handover' then not (new.status = 'offered' and new.recruiter_id is not distinct from c.recruiter_id)
          when 'escalation' then new.status <> 'escalated'
          when 'withdrawal' then new.status <> 'lost'
          else false end;
  return null;
end $$;

create trigger call_tasks_follow_assignment after update of status, recruiter_id on assignments for each row
  when (old.status is distinct from new.status or old.recruiter_id is distinct from new.recruiter_id)
  execute function call_tasks_follow_assignment();

-- Tasks left open by endings before this migration: closed as the trigger would have closed them.
update call_tasks c set status = 'done', updated_at = now(),
  closed_reason = case
    when a.close_reason = 'erased' then 'erased'
    when a.status = 'lost' and a.close_reason = 'need-changed' then 'need-changed'
    when a.status = 'lost' and l.closed_as is not null then 'lead-closed'
    when a.status = 'lost' then 'lost'
    when a.status = 'signed' then 'won'
    when a.status = 'declined' then 'declined'
    when a.status in ('unassigned', 'offered', 'escalated') or a.recruiter_id is distinct from c.recruiter_id then 'moved'
    else 'taken-up' end
from assignments a join leads l on l.id = a.lead_id
where a.id = c.assignment_id and c.status in ('open', 'no-answer')
  and case c.kind
        when 'handover' then not (a.status = 'offered' and a.recruiter_id is not distinct from c.recruiter_id)
        when 'escalation' then a.status <> 'escalated'
        else false end;

-- 3. Copies on either side of China midnight (ADR 108 §15 left it): the intake statement serialised its
--    repeat check on the day's reference counter row, and the two copies take two rows. After its counter
--    row (always in that order: no deadlock), each intake statement now also takes one transaction-level
--    advisory lock that is the same every day, so intake_repeat_of's fresh snapshot contains a copy
--    another statement committed meanwhile, on whichever day. Intake was already one statement at a time
--    per day (the counter row), so this adds no waiting except around midnight. Returns its argument.
create function intake_serialised(counter bigint) returns bigint
language plpgsql volatile as $$
begin
  perform pg_advisory_xact_lock(480114);
  return counter;
end
$$;
