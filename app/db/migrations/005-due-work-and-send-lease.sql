-- Work waits in the outbox until it is due: SLA checks hours ahead, and the fallbacks of notices that
-- the worker delivers inline (docs/decisions/013). The relay and the search-index writer read only due,
-- unfinished rows, so rows waiting for later must not be scanned on every pass.
drop index outbox_unrelayed;
create index outbox_due on outbox ((coalesce(not_before, created_at)), id) where relayed_at is null and done_at is null;

-- Whoever sends a notification holds it until lease_until: the inline attempt and a fallback job never
-- send the same message at the same time, and a sender that died is taken over once its lease ran out.
alter table notifications add column lease_until timestamptz;
