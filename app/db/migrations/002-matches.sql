-- Matches of a lead to spaces, with the reasons a recruiter reads aloud (zh-CN and English).
create table matches (
  lead_id uuid not null references leads (id) on delete cascade,
  space_id text not null references spaces (id) on delete cascade,
  park_id text not null references parks (id),
  score integer not null check (score between 0 and 100),
  conditional boolean not null default false,
  reasons jsonb not null,
  -- 'lead': found when the lead was matched; 'space': added later by reverse matching.
  found_by text not null check (found_by in ('lead', 'space')),
  created_at timestamptz not null default now(),
  primary key (lead_id, space_id)
);
create index matches_space on matches (space_id);

alter table leads add column matched_at timestamptz;

-- Several open rows per aggregate are allowed: every job reads the current state, so a second row
-- only costs a repeat, while a unique index would drop a change made while the first job runs.
drop index outbox_one_open_per_topic;
create index outbox_aggregate on outbox (aggregate_id);
