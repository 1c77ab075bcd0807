-- Office hours for the acceptance SLA (docs/decisions/028): ACCEPT_SLA_MINUTES counts minutes inside
-- these hours on mainland working days (public holidays off, 调休 make-up days on; chinese-days).
-- One row; times are minutes after midnight, China time (UTC+8). The admin changes them at /admin/office-hours.
create table office_hours (
  id boolean primary key default true check (id),
  start_minute integer not null default 540 check (start_minute between 0 and 1439),
  end_minute integer not null default 1080 check (end_minute between 1 and 1440),
  updated_at timestamptz not null default now(),
  updated_by text,
  check (end_minute > start_minute)
);
insert into office_hours (id) values (true);
