-- Staff sign-in (docs/decisions/014): one row per sign-in, revocable. The cookie carries a random
-- token; only its SHA-256 is stored, so a copy of this table signs nobody in.
create table staff_sessions (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index staff_sessions_user on staff_sessions (user_id);
