-- The admin lead list's channel and section keys carry the lead's id (issue 14, bench:admin's filter pairs).
-- Two filters together are counted by joining their keys on the lead's id. leads_status_created_id already
-- holds the id, so a status joins from the index alone; channel and section did not, and their side of the
-- join read the heap: channel "hotline" + SLA breached visited 55,556 heap pages of leads (1.1 s at
-- 1,000,000 leads) for ids that are now in the index. Same names, same leading columns: every read that
-- used them still does.
drop index if exists leads_source_created;
create index leads_source_created on leads (source, created_at, id);
drop index if exists leads_section_created;
create index leads_section_created on leads ((left(industry, 1)), created_at, id);
