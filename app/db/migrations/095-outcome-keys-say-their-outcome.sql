-- docs/decisions/124.
--
-- 1. A call task's kept submission keys say which outcome each one recorded: a resend of a known key
--    with another outcome (the back button, an older tab, 「再次提交」 with another button) is answered with
--    what was recorded, never with what was sent now. Each entry of `outcome_keys` becomes
--    '<key>:<outcome>' (newest first, still at most 20; app/hotline/call-tasks.server.ts).
--    Keys kept before this migration did not store their outcome. Only a no-answer leaves a task open for
--    another outcome, so every key but the newest recorded no-answer; the newest recorded the task's own
--    status when the hotline closed it (closed_reason null) — refused is told apart from done by the call
--    note the outcome left, when there is one — else a no-answer.
update call_tasks c set outcome_keys = array(
  select k.key || ':' || case
           when k.n > 1 then 'no-answer'
           when c.closed_reason is null and c.status in ('done', 'wrong-number') then
             coalesce((select n.call_outcome from lead_notes n where n.call_task_id = c.id and n.call_outcome is not null
                       order by n.created_at desc limit 1), c.status)
           else 'no-answer' end
  from unnest(c.outcome_keys) with ordinality as k(key, n)
  order by k.n)
where cardinality(c.outcome_keys) > 0;
