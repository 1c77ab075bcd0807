-- Recruiters away (holiday, business trip) and their working hours (ADR 027).
--
-- One away window per recruiter, whole days in Asia/Shanghai, both ends inclusive: routing skips a
-- recruiter while today lies inside it, and marking someone away re-routes their open offers.
-- working_hours: {"days": [1..7] (ISO weekday, 1 = Monday), "start": "HH:MM", "end": "HH:MM"}.
alter table recruiters add column away_from date;
alter table recruiters add column away_to date;
alter table recruiters add column working_hours jsonb;
alter table recruiters add constraint recruiters_away_window
  check ((away_from is null) = (away_to is null) and (away_to is null or away_to >= away_from));
