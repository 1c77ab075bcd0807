-- The dashboard's live days (ADR 052) read by key, not by scan (issue 14, ADR 059).
--
-- 1. dashboard_leads (migration 044): a day's leads with their channel. leads_created (created_at, id)
-- has no `source`, so with the days a parameter (the planner guesses 111,000 leads a day) it preferred
-- a whole index that has all three columns — a full scan of leads_source_created, 313 ms a day over
-- 1,000,000 leads — to a range plus heap reads. With `source` included, the day is an index-only range
-- (1.3 ms for 2,055 leads). Same name, same key: every read that used it still does.
drop index if exists leads_created;
create index leads_created on leads (created_at, id) include (source);

-- 2. dashboard_recruiter_rows (migration 049): the breach and re-route stages (7–10) of a day's leads,
-- ~0.5 % of dashboard_lead_stages. dashboard_lead_stages_created lacks `refs`, so each day read its
-- ~12,500 stage rows from the heap (12,000 blocks a day, 330 ms) to keep 64. A partial key of those
-- stages alone, with what the function reads: 64 rows, 0.1 ms.
create index dashboard_lead_stages_breaches on dashboard_lead_stages (created_at) include (park_id, recruiter_id, stage, refs)
  where stage >= 7;
analyze leads;
analyze dashboard_lead_stages;
