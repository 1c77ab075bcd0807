-- An outbox row its job ended without doing the job's work (docs/decisions/080): a lead.match row of a
-- lead closed, erased or re-queued by an edit meanwhile, a notice already sent or gone, an SLA check of
-- an offer already answered. Such a row is done (nothing is left to do), but it is no sign that the
-- job's work succeeds: the reconciler's progress rule (ADR 077: a failing row is struck only when a row
-- of its topic was done since) counts only rows done by the work itself. Without this, a release that
-- broke the matching of every open lead struck every good lead.match row as soon as an admin closed a
-- spam lead whose row was among the failing ones, and ended them as dead letters after five rounds.
alter table outbox add column skipped boolean not null default false;
