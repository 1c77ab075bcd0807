-- PIPL (docs/decisions/022). A lead is anonymised, not deleted: its need, industry and routing stay
-- for the figures, every field that identifies a person is blanked and anonymised_at says when.
alter table leads add column anonymised_at timestamptz;
-- The retention job's scan: old leads not yet anonymised.
create index leads_retention_due on leads (created_at) where anonymised_at is null;

-- Every view of a full phone number by staff. No foreign key: the record outlives an erased lead.
create table phone_access_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor text not null,            -- staff email, or 'admin-token' for the bearer token / admin session
  actor_role text not null check (actor_role in ('admin', 'recruiter', 'hotline')),
  lead_id uuid not null,
  reference text not null,
  place text not null check (place in ('assignment-page', 'call-tasks', 'caller-lookup', 'admin-lead', 'api-lead'))
);
create index phone_access_log_at on phone_access_log (at desc);
create index phone_access_log_lead on phone_access_log (lead_id, at desc);

-- Requests of the people concerned (export, erasure) and the retention job's runs.
create table privacy_audit (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor text not null,            -- staff email, 'admin-token', or 'retention'
  action text not null check (action in ('export', 'erase', 'retention')),
  subject text,                   -- the person asked for, masked
  lead_ids uuid[] not null default '{}',
  detail jsonb not null default '{}'
);
create index privacy_audit_at on privacy_audit (at desc);
