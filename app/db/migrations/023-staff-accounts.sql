-- Staff accounts managed at /admin/staff (docs/decisions/028). A deactivated account keeps its row (the
-- audit trail names it) but cannot sign in; its sessions are revoked when it is deactivated.
alter table users add column active boolean not null default true;
alter table users add column deactivated_at timestamptz;

-- An invitation: a one-time link that lets the invited person choose their password. Only the
-- token's SHA-256 is stored; using it (or a newer invitation, or a set password) ends it.
create table staff_invitations (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  created_by text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index staff_invitations_user on staff_invitations (user_id);

-- What admins did outside a lead's routing trail: accounts, dead letters, office hours. Who, what, to
-- which record, and the details (never a password or a token).
create table admin_audit (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor text not null,            -- the admin's email, or 'admin-token'
  action text not null,
  target text not null,           -- e.g. 'user:<uuid>', 'notification:<id>', 'office-hours'
  detail jsonb not null default '{}'
);
create index admin_audit_target on admin_audit (target, at desc);
create index admin_audit_at on admin_audit (at desc);
