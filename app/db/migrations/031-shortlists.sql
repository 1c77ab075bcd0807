-- Shortlists a recruiter shares with an enterprise (issue 12, docs/decisions/030). The link carries a
-- random 256-bit token; only its SHA-256 is stored, so a copy of this table opens nothing.
create table shortlists (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  assignment_id uuid not null references assignments (id) on delete cascade,
  lead_id uuid not null references leads (id) on delete cascade,
  recruiter_id text not null references recruiters (id),
  space_ids text[] not null check (cardinality(space_ids) between 1 and 10),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index shortlists_assignment on shortlists (assignment_id, created_at desc);
create index shortlists_lead on shortlists (lead_id);

-- Every opening of a shortlist page: when, nothing else about the visitor.
create table shortlist_opens (
  id bigserial primary key,
  shortlist_id uuid not null references shortlists (id) on delete cascade,
  at timestamptz not null default now()
);
create index shortlist_opens_shortlist on shortlist_opens (shortlist_id, at desc);
