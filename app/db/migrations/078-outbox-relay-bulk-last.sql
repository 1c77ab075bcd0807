-- The relay takes a pass's rows from two lists (docs/decisions/103): the work people wait for (a new
-- lead's lead.match, notices, routing, SLA checks) first, then bulk inventory work (space.match: an
-- import of 20,000 spaces writes 20,000 rows) with what room is left. Each list is read in due order
-- from its own partial index, so neither scan walks past the other's rows. The topic lists must match
-- INDEX_TOPICS and BULK_TOPICS in app/db/outbox.server.ts.
drop index outbox_relay_due;
create index outbox_relay_due on outbox ((coalesce(not_before, created_at)), id)
  where relayed_at is null and done_at is null and topic not in ('lead.index', 'space.index', 'park.index', 'space.match');
create index outbox_relay_due_bulk on outbox ((coalesce(not_before, created_at)), id)
  where relayed_at is null and done_at is null and topic = 'space.match';
