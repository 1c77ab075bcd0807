-- The open leads whose stored why-not list (leads.excluded, written by lead.match) names a space
-- (docs/decisions/127): when the space is retired, let, reserved or its park retired, space.match re-matches
-- them, so neither the list, the lead page nor the hotline's call-back script keeps offering it. One lookup
-- per space.match of a space that left the inventory; an import that marks thousands of spaces let asks it
-- thousands of times, so it is an index probe, not a read of every open lead's kilobytes of JSON.
-- The expression must stay exactly as openLeadsNamingNearMiss (app/matches/match-leads.server.ts) writes it;
-- jsonb_path_query_array without a time zone is immutable. Only the ids are indexed (about 30 a lead), not
-- the whole list (its reasons in both languages).
create index leads_near_miss_spaces on leads using gin ((jsonb_path_query_array(excluded, '$[*].spaceId')) jsonb_path_ops)
  where status in ('received', 'indexed', 'matched', 'unmatched', 'assigned');
