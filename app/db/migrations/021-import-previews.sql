-- An Excel/CSV import is previewed before it is applied (ADR 027). The parsed rows wait here; applying
-- re-plans them against the tables as they are then and refuses when the plan's hash differs from the
-- one the admin saw (the data changed since the preview). Old previews are deleted when a new one is made.
create table import_previews (
  id uuid primary key default gen_random_uuid(),
  file_name text not null,
  payload jsonb not null,
  plan_hash text not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  applied_at timestamptz
);
