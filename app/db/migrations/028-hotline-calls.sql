-- The hotline desk (issue 12, docs/decisions/029).
-- 1. A phone lead needs only company, contact, phone and need kind: the caller may not know their
--    industry division yet, so leads.industry may be blank (the recruiter fills it in later).
alter table leads alter column industry drop not null;

-- 2. A call note written with a call task's outcome points at that task; which call it was and how
--    it ended are kept beside the note.
alter table lead_notes
  add column call_task_id uuid references call_tasks (id) on delete set null,
  add column call_outcome text;

