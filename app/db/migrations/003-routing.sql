-- Delayed work (SLA checks): the relay hands a row to BullMQ with the remaining delay.
alter table outbox add column not_before timestamptz;

-- Staff accounts (admins receive escalations; recruiters and hotline staff sign in later).
create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null unique,
  name text not null default '',
  role text not null check (role in ('admin', 'recruiter', 'hotline')),
  password_hash text,
  recruiter_id text references recruiters (id),
  created_at timestamptz not null default now()
);

-- One assignment per (lead, park): the park's matched spaces go to one recruiter at a time.
create table assignments (
  id uuid primary key default gen_random_uuid(),
  lead_id uuid not null references leads (id) on delete cascade,
  park_id text not null references parks (id),
  recruiter_id text references recruiters (id),
  channel text check (channel in ('email', 'hotline')),
  status text not null check (status in ('unassigned', 'offered', 'accepted', 'declined', 'contacted', 'visit', 'signed', 'lost', 'escalated')),
  rule text not null,
  reason jsonb not null,
  reroutes integer not null default 0,
  offered_at timestamptz,
  accept_by timestamptz,
  accepted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (lead_id, park_id)
);
create index assignments_recruiter_open on assignments (recruiter_id) where status in ('offered', 'accepted', 'contacted', 'visit');
create index assignments_unassigned on assignments (created_at) where status = 'unassigned';

-- Round-robin state lives here (and survives a Redis wipe).
alter table recruiters add column last_assigned_at timestamptz;

-- The audit trail: every routing decision, who else was considered and why not.
create table routing_events (
  id bigserial primary key,
  assignment_id uuid references assignments (id) on delete cascade,
  lead_id uuid not null references leads (id) on delete cascade,
  event text not null,            -- assigned | unassigned | rerouted | escalated | callback | notified | dead-letter
  recruiter_id text,
  rule text,
  reason jsonb,
  considered jsonb not null default '[]',
  at timestamptz not null default now()
);
create index routing_events_lead on routing_events (lead_id, at);

-- Each logical message once: one row per (assignment round, channel, recipient); send state in Postgres.
create table notifications (
  id bigserial primary key,
  assignment_id uuid references assignments (id) on delete cascade,
  lead_id uuid not null references leads (id) on delete cascade,
  kind text not null check (kind in ('assignment', 'reroute-notice', 'escalation', 'wecom')),
  channel text not null check (channel in ('email', 'hotline', 'wecom')),
  recipient text not null,        -- recruiter id, user id or park id (wecom)
  dedupe_key text not null unique,
  message_id text,
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'dead')),
  attempts integer not null default 0,
  last_error text,
  sent_at timestamptz,
  created_at timestamptz not null default now()
);
create index notifications_dead on notifications (created_at) where status = 'dead';

-- Calls for hotline staff: hand a lead to a recruiter, call an enterprise back, escalations.
create table call_tasks (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('handover', 'callback', 'escalation')),
  lead_id uuid not null references leads (id) on delete cascade,
  assignment_id uuid references assignments (id) on delete cascade,
  recruiter_id text references recruiters (id),
  phone text not null,
  script text not null,
  status text not null default 'open' check (status in ('open', 'done', 'no-answer', 'wrong-number')),
  due_at timestamptz not null default now(),
  attempts integer not null default 0,
  dedupe_key text not null unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index call_tasks_open on call_tasks (due_at) where status in ('open', 'no-answer');
