-- BullMQ job ids must be unique across every database that shares a Redis (and across a database
-- restored or re-created with its sequences reset): a random key per outbox row, not the row id.
alter table outbox add column job_key uuid not null default gen_random_uuid();
