-- Notes staff keep on a lead (issue 12): the hotline's call notes, the recruiter's notes, the admin's.
-- One generic table for every desk; each desk may add its own columns in its own migration. Notes are
-- internal: they never reach the enterprise (shortlist page, emails) and are erased with the lead
-- (on delete cascade; anonymisation blanks the body).
create table lead_notes (
  id uuid primary key default gen_random_uuid(),
  lead_id uuid not null references leads (id) on delete cascade,
  author_staff_id uuid references users (id),
  body text not null check (length(body) between 1 and 2000),
  created_at timestamptz not null default now(),
  source text not null check (source in ('hotline', 'recruiter', 'admin'))
);
create index lead_notes_by_lead on lead_notes (lead_id, created_at desc);
