-- The admin lead list's section key answers from the index alone (issue 14, ADR 057).
-- Postgres reads an expression index without the heap only when every column the statement uses is in
-- it, and the filter `left(industry, 1) = 'C'` uses `industry`: so leads_section_created (migration 050)
-- was never index-only, and the section side of a filter pair read the heap (a bitmap heap scan of half
-- the leads, or a seq scan). With `industry` included it is index-only, and a park's or the breached
-- leads' key can be merged with it in arrival order like the status and channel keys. Same name, same
-- leading columns: every read that used it still does.
drop index if exists leads_section_created;
create index leads_section_created on leads ((left(industry, 1)), created_at, id) include (industry);
