-- Search copies of the lead text staff search in Postgres (docs/decisions/078): the company name and the
-- product in their search form (app/domain/search-text.server.ts: Traditional → Simplified character by
-- character, full-width folded, lower case). The recruiter's desk (/queue) and the admin lead list's
-- fallback match the query's search form against these; company_name and lead->'use'->>'product' keep
-- what the person typed and are what every page shows.
--
-- The search form needs OpenCC's tables, which live in JavaScript: intake writes both copies with the
-- lead, a change of the lead's product (the hotline's need edit) and an erasure rewrite them, and rows
-- stored before this migration (or inserted by hand without them) are filled after the migrations by
-- fillLeadSearchCopies (app/db/lead-search-copies.server.ts, run by migrate at every start; cheap when
-- no copy is missing). Null means "not filled yet", never "no text".
alter table leads add column company_search text, add column product_search text;

-- The lead list's Postgres fallback (Meilisearch down) reads these with `like '%…%'` (ADR 035): trigram
-- indexes on the copies replace the ones on the typed text, which nothing searches any more.
create index leads_company_search_trgm on leads using gin (company_search gin_trgm_ops);
create index leads_product_search_trgm on leads using gin (product_search gin_trgm_ops);
drop index leads_company_trgm;
drop index leads_product_trgm;

-- The fill reads the rows still to fill, a batch at a time.
create index leads_search_copies_missing on leads (id) where company_search is null;
