-- The recruiter desk works a lead (issue 12, docs/decisions/030).

-- Notes on a lead, timestamped, never edited. The hotline desk creates the same table in its own
-- migration; whichever runs first creates it, the other finds it there (same shape).
create table if not exists lead_notes (
  id uuid primary key default gen_random_uuid(),
  lead_id uuid not null references leads (id) on delete cascade,
  author_staff_id uuid references users (id),
  body text not null,
  created_at timestamptz not null default now(),
  source text not null check (source in ('hotline', 'recruiter', 'admin'))
);
create index if not exists lead_notes_lead on lead_notes (lead_id, created_at);

-- What the recruiter keeps on an assignment: when to call again, when the visit is, and why it closed.
-- closed_from + closed_at make the short undo of a closing step possible (back to closed_from).
alter table assignments
  add column follow_up_on date,
  add column visit_on date,
  add column close_reason text,
  add column close_note text,
  add column closed_from text,
  add column closed_at timestamptz;

-- The queue's "follow-up due" order and filter.
create index assignments_follow_up on assignments (recruiter_id, follow_up_on) where follow_up_on is not null;
-- The history view: closed assignments of a recruiter, newest first.
create index assignments_recruiter_closed on assignments (recruiter_id, updated_at desc) where status in ('signed', 'lost', 'declined');
-- Who had an assignment once (re-routed away, declined): read from the audit trail by recruiter.
create index routing_events_recruiter on routing_events (recruiter_id, at desc) where recruiter_id is not null;
