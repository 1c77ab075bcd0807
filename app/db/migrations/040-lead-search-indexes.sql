-- The lead search's Postgres side (app/admin/lead-list.server.ts; docs/decisions/035): a reference
-- prefix and a partial phone number are always looked up in Postgres, and company and product too
-- while Meilisearch is down. `like '%…%'` and `ilike` cannot use a btree; trigram GIN indexes serve
-- them (pg_trgm ships with Postgres and is a trusted extension: the database owner may create it).
-- GIN's pending list (fastupdate, on by default) keeps the cost per inserted lead small.
create extension if not exists pg_trgm;

create index leads_reference_upper on leads (upper(reference) text_pattern_ops);
create index leads_phone_trgm on leads using gin (phone gin_trgm_ops);
create index leads_company_trgm on leads using gin (company_name gin_trgm_ops);
create index leads_product_trgm on leads using gin ((lead -> 'use' ->> 'product') gin_trgm_ops);
