-- Reverse matching of leads that ask for several units (docs/decisions/130: "需要3栋厂房，每栋5000平", need.unitCount):
-- such a lead stores its total area, and a new space fits it as one of its units when the space fits the
-- total's bounds over the count. openLeadsForSpace (app/matches/match-leads.server.ts) asks, beside the total's
-- bounds (index leads_reverse_match, migration 042), for each unit's; this partial index holds the few leads
-- with a count, keyed by kind and each unit's bounds, so that arm is a range read too (the two arms a BitmapOr).
-- The expressions must stay exactly as openLeadsWhere writes them (a lead without a figure: 0 as minimum,
-- infinity as maximum; a count not a number: 1).
create index leads_reverse_match_units on leads (
  (lead -> 'need' ->> 'kind'),
  ((case when jsonb_typeof(lead -> 'need' -> 'areaMinSqm') = 'number' then (lead -> 'need' -> 'areaMinSqm')::float8 else '0' end)
    / (case when jsonb_typeof(lead -> 'need' -> 'unitCount') = 'number' then greatest((lead -> 'need' -> 'unitCount')::float8, 1) else 1 end)),
  ((case when jsonb_typeof(lead -> 'need' -> 'areaMaxSqm') = 'number' then (lead -> 'need' -> 'areaMaxSqm')::float8 else 'infinity' end)
    / (case when jsonb_typeof(lead -> 'need' -> 'unitCount') = 'number' then greatest((lead -> 'need' -> 'unitCount')::float8, 1) else 1 end)),
  created_at
) where status in ('received', 'indexed', 'matched', 'unmatched', 'assigned') and jsonb_typeof(lead -> 'need' -> 'unitCount') = 'number';
