-- Work that bulk work makes is bulk work too (docs/decisions/155): reverse matching of an import
-- (space.match) writes a match.route row for every lead a space is offered to, and a lead.match row for
-- every lead whose match it withdrew; thousands after a large import. Such rows carry `bulk`, set by
-- enqueue({ bulk: true }) in the job that made them; space.match rows are bulk by their topic as before.
-- The relay's two lists (docs/decisions/103) are read from partial indexes whose predicates are the
-- relay's own clauses (worker/relay.ts), so the planner matches them: the work people wait for is
-- `not bulk` and of no index or bulk topic; the bulk list is `bulk or` a bulk topic. The topic lists
-- must match INDEX_TOPICS and BULK_TOPICS in app/db/outbox.server.ts.
alter table outbox add column bulk boolean not null default false;
drop index outbox_relay_due;
create index outbox_relay_due on outbox ((coalesce(not_before, created_at)), id)
  where relayed_at is null and done_at is null and not bulk and topic not in ('lead.index', 'space.index', 'park.index', 'space.match');
drop index outbox_relay_due_bulk;
create index outbox_relay_due_bulk on outbox ((coalesce(not_before, created_at)), id)
  where relayed_at is null and done_at is null and (bulk or topic = 'space.match');
