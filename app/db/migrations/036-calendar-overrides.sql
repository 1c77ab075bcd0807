-- The admin's corrections to the mainland calendar (issue 11 item 7, ADR 037): one row per China-time
-- day that is a day off (a public holiday, named) or a 调休 make-up working day, whatever chinese-days
-- says. Entered at /admin/office-hours from the State Council's notice (国务院办公厅关于N年部分节假日安排的通知)
-- when the package has no data for the year yet, or to correct a day. The SLA consults these first.
create table calendar_overrides (
  day date primary key,
  work boolean not null,
  name text check (name is null or char_length(name) between 1 and 40),
  created_at timestamptz not null default now(),
  created_by text not null,
  -- a day off is a holiday and says which; a make-up working day may say which holiday it makes up for
  check (work or name is not null)
);
