-- Reverse matching (worker/space-match.job.ts → openLeadsForSpace, issue 14): the open leads a new space
-- could fit are found by kind and the lead's area range. With this index Postgres walks only the leads of
-- the space's kind whose minimum area is within reach, checks their maximum and age in the index itself,
-- and fetches from the table only those left. The expressions must stay exactly as openLeadsForSpace
-- writes them (a lead without a figure: 0 as minimum, infinity as maximum).
create index leads_reverse_match on leads (
  (lead -> 'need' ->> 'kind'),
  (case when jsonb_typeof(lead -> 'need' -> 'areaMinSqm') = 'number' then (lead -> 'need' -> 'areaMinSqm')::float8 else '0' end),
  (case when jsonb_typeof(lead -> 'need' -> 'areaMaxSqm') = 'number' then (lead -> 'need' -> 'areaMaxSqm')::float8 else 'infinity' end),
  created_at
) where status in ('received', 'indexed', 'matched', 'unmatched', 'assigned');
