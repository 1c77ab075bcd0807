-- An outbox row whose job can never succeed ends as a dead letter instead of being retried for ever
-- (docs/decisions/077). It is kept, never deleted: `dead_at` says it ended, `dead_reason` why
-- ('lead-missing': a lead.match row whose lead does not exist; 'strikes': its job failed for good
-- DEAD_AFTER_STRIKES times while everything else worked). A dead row stays `done_at is null`: it was
-- not done, and anything that reads pending work by that (the fault suite) still sees it.
-- `strikes` counts the failed rounds of its job (30 BullMQ attempts each) that counted against the row;
-- `struck_at` is when the last one did (a round counts only when a row of the same topic was done
-- since then: an outage, where nothing is done, never counts).
alter table outbox
  add column dead_at timestamptz,
  add column dead_reason text,
  add column strikes integer not null default 0,
  add column struck_at timestamptz;

-- The admin's dead-letter page lists them, newest first.
create index outbox_dead on outbox (dead_at desc, id desc) where dead_at is not null and done_at is null;
