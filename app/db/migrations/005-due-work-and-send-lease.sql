-- Work waits in the outbox until it is due: SLA checks hours ahead, and the fallbacks of notices that
-- the worker delivers inline (docs/decisions/013). The relay and the search-index writer read only due,
-- unfinished rows, so rows waiting for later must not be scanned on every pass.
-- Two partial indexes, so a backlog of one kind (search writes while Meilisearch is down) never
-- slows the scans of the other; the topic lists must match INDEX_TOPICS in app/db/outbox.server.ts.
drop index outbox_unrelayed;
create index outbox_relay_due on outbox ((coalesce(not_before, created_at)), id)
  where relayed_at is null and done_at is null and topic not in ('lead.index', 'space.index', 'park.index');
create index outbox_index_due on outbox (id)
  where relayed_at is null and done_at is null and topic in ('lead.index', 'space.index', 'park.index');

-- Whoever sends a notification holds it until lease_until: the inline attempt and a fallback job never
-- send the same message at the same time, and a sender that died is taken over once its lease ran out.
-- lease_token names the holder, so a sender that overran its lease cannot clear the next one's.
alter table notifications add column lease_until timestamptz, add column lease_token uuid;
