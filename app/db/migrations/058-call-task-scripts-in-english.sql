-- A call task's script in English too (issue 14's desks, the hotline desk at ?lng=en): the script was
-- written once, in Chinese, when the task was opened, so the English desk showed Chinese text. Tasks
-- opened before this migration have none and show the Chinese one.
alter table call_tasks add column script_en text;
