-- Intake writes a lead in one statement (app/leads/intake.server.ts): the day's reference counter, the
-- lead and its outbox rows. The counter row stays locked from its bump to the commit, so every lead of
-- the day queues there; one statement keeps that wait to the commit itself instead of five round trips
-- (docs/decisions/031). When a concurrent copy of the same submission committed first, the statement
-- must fail, so that its bump rolls back and the copy spends no reference number: this raises then.
create function intake_lost_race_if(lost boolean) returns boolean language plpgsql as $$
begin
  if lost then
    raise exception 'a concurrent copy of this submission was stored first' using errcode = 'PM001';
  end if;
  return false;
end
$$;
