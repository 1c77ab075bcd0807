-- Indexes for the lists and filters of the admin and the desks (issue 14, docs/decisions/035), found
-- missing by test/integration/indexes.test.ts (EXPLAIN of every list's own SQL over generated data).
-- Without them each of these read a whole table: at 1,000,000 leads, hundreds of ms per page.

-- Admin lead list: newest first (unfiltered, paged), a date range, the dashboard's range; and the
-- channel and industry-section filters, each with the newest-first order.
create index leads_created on leads (created_at, id);
create index leads_source_created on leads (source, created_at);
create index leads_section_created on leads ((left(industry, 1)), created_at);

-- The park filter (admin list, dashboard): leads matched to or assigned in one park.
create index matches_park_lead on matches (park_id, lead_id);
create index assignments_park_lead on assignments (park_id, lead_id);

-- "SLA breached" (admin list): offers past their deadline, and leads with a missed-SLA or escalation line.
create index assignments_offered_due on assignments (accept_by) where status = 'offered';
create index routing_events_breach on routing_events (lead_id) where event in ('sla-missed', 'escalated');

-- The escalated list of the admin overview, newest first.
create index assignments_escalated on assignments (updated_at) where status = 'escalated';

-- An assignment's audit lines by event (desk history "declined by me", dashboard first contact).
create index routing_events_assignment on routing_events (assignment_id, event, at);
