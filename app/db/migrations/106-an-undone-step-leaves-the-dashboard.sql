-- An undone step leaves the dashboard's counts (docs/decisions/150). A recruiter may undo 流失, 已签约 and
-- a decline for UNDO_MINUTES (ADR 034); the undo writes a `reopened` audit line and leaves the line it
-- undid where it was. The stages (migration 049) counted the `lost`, `signed` or `declined` line and knew
-- no `reopened` one, so "已流失：1" stayed on the dashboard and in its CSV after the undo (trial 12-05 M3),
-- an undone signing stayed in 已签约 (and the other parks' assignments it had closed stayed lost), and an
-- undone decline stayed a re-route of its recruiter.
--
-- A `reopened` line now says in its `rule` what it undid (app/recruiter-desk/lead-work.server.ts):
--   undo-lost      a `lost` (the recruiter's own undo, or another park's undone signing reopening the
--                  assignment that signing closed);
--   undo-signed    a `signed`;
--   undo-declined  a `declined`.
-- It counts for the stage of the line it undid, on the same key (lead, assignment's park, stage, recruiter
-- or '' for an ending without one), with weight -1: a key's refs are its lines less their undos, and a key
-- at 0 is removed as before, so every reader (which asks whether a key is there, or sums refs) counts an
-- undone step nowhere. Readers are unchanged. The live definition (loadDashboardFiguresLive) counts the same way.
-- A key never goes below 0 (a removal of a missing key does nothing): the app deletes audit lines only
-- with their assignment or lead, all together, so a step is never gone while its undo stays.

lock table routing_events in share row exclusive mode;
lock table dashboard_lead_stages in share row exclusive mode;

-- The stage a line counts for: its event's (migration 091), or for a `reopened` line the stage of what it undid.
create function dashboard_line_stage(event text, rule text) returns smallint
language sql immutable as $$
  select case when event = 'reopened'
              then dashboard_line_stage(case rule when 'undo-lost' then 'lost' when 'undo-signed' then 'signed'
                                                  when 'undo-declined' then 'declined' end)
              else dashboard_line_stage(event) end
$$;

-- +1 for a step, -1 for the undo of one.
create function dashboard_line_weight(event text) returns int
language sql immutable as $$
  select case when event = 'reopened' then -1 else 1 end
$$;

-- As migration 093's, by the stage above: endings (11, 12) count without a recruiter, other stages need one.
create function dashboard_line_counted(event text, rule text, recruiter_id text) returns boolean
language sql immutable as $$
  select dashboard_line_stage(event, rule) is not null and (recruiter_id is not null or dashboard_line_stage(event, rule) >= 11)
$$;

-- Inserted lines (as 093): steps add to their keys in the statement as before; undos (rare) take from
-- theirs after it, through dashboard_stages_add (which removes a key at 0).
create or replace function routing_events_inserted() returns trigger
language plpgsql set enable_seqscan = off as $$
declare
  v_n int;
begin
  if not exists (select 1 from new_rows n
                 where dashboard_line_stage(n.event, n.rule) is not null or dashboard_line_time_kind(n.event, n.recruiter_id) is not null) then
    return null;
  end if;
  with c as materialized (
    select x.*, case when x.assignment_lead_id = x.lead_id then x.created_at
                     else (select l.created_at from leads l where l.id = x.assignment_lead_id) end as assignment_created_at
    from (select n.lead_id, n.event, n.rule, n.recruiter_id, n.at, n.assignment_id, a.park_id, a.lead_id as assignment_lead_id,
                 coalesce(a.found, false) as found, (select l.created_at from leads l where l.id = n.lead_id) as created_at
          from new_rows n
          left join lateral (select x.park_id, x.lead_id, true as found from assignments x where x.id = n.assignment_id limit 1) a on true
          offset 0) x),
  stages as (
    insert into dashboard_lead_stages as s (lead_id, park_id, stage, recruiter_id, created_at, refs)
    select c.lead_id, c.park_id, dashboard_line_stage(c.event, c.rule), coalesce(c.recruiter_id, ''), c.created_at,
           sum(dashboard_line_weight(c.event))::int
    from c where c.found and c.created_at is not null and dashboard_line_counted(c.event, c.rule, c.recruiter_id)
    group by 1, 2, 3, 4, 5 having sum(dashboard_line_weight(c.event)) > 0 order by 1, 2, 3, 4
    on conflict (lead_id, park_id, stage, recruiter_id) do update set refs = s.refs + excluded.refs),
  times as (
    insert into dashboard_assignment_times as t (assignment_id, kind, at, park_id, created_at, refs)
    select c.assignment_id, dashboard_line_time_kind(c.event, c.recruiter_id), c.at, c.park_id, c.assignment_created_at, count(*)::int
    from c where c.found and c.assignment_created_at is not null and dashboard_line_time_kind(c.event, c.recruiter_id) is not null
    group by 1, 2, 3, 4, 5 order by 1, 2, 3
    on conflict (assignment_id, kind, at) do update set refs = t.refs + excluded.refs),
  marks as materialized (select dashboard_mark_days(array(select (c.created_at at time zone 'Asia/Shanghai')::date from c)))
  select count(*) into v_n from marks;
  if exists (select 1 from new_rows n where n.event = 'reopened') then
    perform dashboard_stages_add(n.lead_id, a.park_id, dashboard_line_stage(n.event, n.rule), coalesce(n.recruiter_id, ''),
                                 sum(dashboard_line_weight(n.event))::int)
    from new_rows n join assignments a on a.id = n.assignment_id
    where dashboard_line_counted(n.event, n.rule, n.recruiter_id)
    group by n.lead_id, a.park_id, dashboard_line_stage(n.event, n.rule), coalesce(n.recruiter_id, '')
    having sum(dashboard_line_weight(n.event)) < 0
    order by n.lead_id, a.park_id, dashboard_line_stage(n.event, n.rule), coalesce(n.recruiter_id, '');
  end if;
  return null;
end $$;

-- Deleted lines, each taking back its weight (the delete trigger of routing_events only: inserts are
-- routing_events_inserted's since 051).
create or replace function dashboard_stages_lines() returns trigger
language plpgsql as $$
begin
  perform dashboard_times_add(c.assignment_id, dashboard_line_time_kind(c.event, c.recruiter_id), c.at, -count(*)::int)
  from old_rows c
  where c.assignment_id is not null and dashboard_line_time_kind(c.event, c.recruiter_id) is not null
  group by c.assignment_id, dashboard_line_time_kind(c.event, c.recruiter_id), c.at
  order by c.assignment_id, dashboard_line_time_kind(c.event, c.recruiter_id), c.at;
  perform dashboard_stages_add(c.lead_id, a.park_id, dashboard_line_stage(c.event, c.rule), coalesce(c.recruiter_id, ''),
                               -sum(dashboard_line_weight(c.event))::int)
  from old_rows c join assignments a on a.id = c.assignment_id
  where dashboard_line_counted(c.event, c.rule, c.recruiter_id)
  group by c.lead_id, a.park_id, dashboard_line_stage(c.event, c.rule), coalesce(c.recruiter_id, '')
  order by c.lead_id, a.park_id, dashboard_line_stage(c.event, c.rule), coalesce(c.recruiter_id, '');
  return null;
end $$;

create or replace function dashboard_stages_assignment_deleted() returns trigger
language plpgsql as $$
begin
  perform dashboard_stages_add(e.lead_id, old.park_id, dashboard_line_stage(e.event, e.rule), coalesce(e.recruiter_id, ''),
                               -sum(dashboard_line_weight(e.event))::int)
  from routing_events e
  where e.assignment_id = old.id and dashboard_line_counted(e.event, e.rule, e.recruiter_id)
  group by e.lead_id, dashboard_line_stage(e.event, e.rule), coalesce(e.recruiter_id, '')
  order by e.lead_id, dashboard_line_stage(e.event, e.rule), coalesce(e.recruiter_id, '');
  return old;
end $$;

create or replace function dashboard_stages_moved() returns trigger
language plpgsql as $$
begin
  if tg_table_name = 'matches' then
    perform dashboard_stages_add(old.lead_id, old.park_id, 0::smallint, '', -1);
    perform dashboard_stages_add(new.lead_id, new.park_id, 0::smallint, '', 1);
  elsif tg_table_name = 'assignments' then
    perform dashboard_stages_add(old.lead_id, old.park_id, 1::smallint, '', -1);
    perform dashboard_stages_add(new.lead_id, new.park_id, 1::smallint, '', 1);
    if old.park_id is distinct from new.park_id then -- its lines now count in the new park
      perform dashboard_stages_add(e.lead_id, old.park_id, dashboard_line_stage(e.event, e.rule), coalesce(e.recruiter_id, ''),
                                   -sum(dashboard_line_weight(e.event))::int),
              dashboard_stages_add(e.lead_id, new.park_id, dashboard_line_stage(e.event, e.rule), coalesce(e.recruiter_id, ''),
                                   sum(dashboard_line_weight(e.event))::int)
      from routing_events e
      where e.assignment_id = new.id and dashboard_line_counted(e.event, e.rule, e.recruiter_id)
      group by e.lead_id, dashboard_line_stage(e.event, e.rule), coalesce(e.recruiter_id, '');
      update dashboard_assignment_times set park_id = new.park_id where assignment_id = new.id;
    end if;
    if old.lead_id is distinct from new.lead_id then -- its times now count on the new lead's day
      update dashboard_assignment_times t set created_at = l.created_at from leads l where l.id = new.lead_id and t.assignment_id = new.id;
    end if;
  end if;
  return null;
end $$;

create or replace function dashboard_stages_line_moved() returns trigger
language plpgsql as $$
begin
  if old.assignment_id is not null and dashboard_line_time_kind(old.event, old.recruiter_id) is not null then
    perform dashboard_times_add(old.assignment_id, dashboard_line_time_kind(old.event, old.recruiter_id), old.at, -1);
  end if;
  if new.assignment_id is not null and dashboard_line_time_kind(new.event, new.recruiter_id) is not null then
    perform dashboard_times_add(new.assignment_id, dashboard_line_time_kind(new.event, new.recruiter_id), new.at, 1);
  end if;
  if dashboard_line_counted(old.event, old.rule, old.recruiter_id) then
    perform dashboard_stages_add(old.lead_id, a.park_id, dashboard_line_stage(old.event, old.rule), coalesce(old.recruiter_id, ''),
                                 -dashboard_line_weight(old.event))
    from assignments a where a.id = old.assignment_id;
  end if;
  if dashboard_line_counted(new.event, new.rule, new.recruiter_id) then
    perform dashboard_stages_add(new.lead_id, a.park_id, dashboard_line_stage(new.event, new.rule), coalesce(new.recruiter_id, ''),
                                 dashboard_line_weight(new.event))
    from assignments a where a.id = new.assignment_id;
  end if;
  return null;
end $$;

-- A line's rule now decides what an undo counts against: a change of it moves the counts and marks the day.
drop trigger dashboard_stages_update on routing_events;
create trigger dashboard_stages_update after update of lead_id, assignment_id, event, recruiter_id, at, rule on routing_events for each row
  when (old.lead_id is distinct from new.lead_id or old.assignment_id is distinct from new.assignment_id
        or old.event is distinct from new.event or old.recruiter_id is distinct from new.recruiter_id or old.at is distinct from new.at
        or old.rule is distinct from new.rule)
  execute function dashboard_stages_line_moved();
drop trigger dashboard_update on routing_events;
create trigger dashboard_update after update of lead_id, assignment_id, event, recruiter_id, at, rule on routing_events for each row
  when (old.lead_id is distinct from new.lead_id or old.assignment_id is distinct from new.assignment_id
        or old.event is distinct from new.event or old.recruiter_id is distinct from new.recruiter_id or old.at is distinct from new.at
        or old.rule is distinct from new.rule)
  execute function dashboard_mark_moved();

-- The undos already written name what they undid: the last step of their assignment before them that an
-- undo takes back. Through the triggers above, each takes its count back and marks its lead's day changed
-- (read live until the worker's next rebuild stores it again).
update routing_events r set rule = 'undo-' || x.undid
from (select u.id, (select p.event from routing_events p
                    where p.assignment_id = u.assignment_id and p.id < u.id and p.event in ('lost', 'signed', 'declined')
                    order by p.id desc limit 1) as undid
      from routing_events u where u.event = 'reopened' and u.rule is null and u.assignment_id is not null) x
where r.id = x.id and x.undid is not null;
