-- Write cost of migration 049's triggers (dashboard_lead_stages), for docs/benchmarks.md: per lead, what
-- intake, matching and routing do one statement at a time — the lead stored, three matches in one
-- statement, an assignment, its offer → accepted → contacted → visit (four audit lines and three status
-- updates) — for 2,000 leads in one transaction that is rolled back. :on = 1 runs with the triggers, 0
-- with them disabled (inside the transaction, so also rolled back). Prints the seconds.
--   psql -h 127.0.0.1 -U postgres DB -v on=1 -f test/bench/sql/dashboard-stages-write-cost.sql
-- VACUUM the touched tables between runs (the rolled-back rows), as the earlier sections did.
\set ON_ERROR_STOP on
begin;
select case when :on = 0 then 'disable' else 'enable' end as what \gset
alter table matches :what trigger dashboard_stages_insert;
alter table assignments :what trigger dashboard_stages_insert;
alter table routing_events :what trigger dashboard_stages_insert;
alter table assignments :what trigger dashboard_stages_update;
do $$
declare
  t0 timestamptz := clock_timestamp();
  lead uuid;
  asg uuid;
  template leads%rowtype;
begin
  select * into template from leads order by created_at desc limit 1;
  for i in 1..2000 loop
    insert into leads (reference, status, source, lead, raw, phone, company_name, industry, consent_method)
    values ('PM-WRITECOST-' || i, 'received', template.source, template.lead, template.raw, template.phone, template.company_name,
            template.industry, template.consent_method)
    returning id into lead;
    insert into matches (lead_id, space_id, park_id, score, reasons, found_by)
    select lead, s.id, s.park_id, 80, '[]', 'lead' from spaces s where s.id in ('S1', 'S2', 'S3');
    insert into assignments (lead_id, park_id, recruiter_id, channel, status, rule, reason, offered_at, accept_by)
    select lead, s.park_id, 'R01', 'email', 'offered', 'rule', '{}', now(), now() + interval '2 hours' from spaces s where s.id = 'S1'
    returning id into asg;
    insert into routing_events (assignment_id, lead_id, event, recruiter_id) values (asg, lead, 'assigned', 'R01');
    update assignments set status = 'accepted' where id = asg;
    insert into routing_events (assignment_id, lead_id, event, recruiter_id) values (asg, lead, 'accepted', 'R01');
    update assignments set status = 'contacted' where id = asg;
    insert into routing_events (assignment_id, lead_id, event, recruiter_id) values (asg, lead, 'contacted', 'R01');
    update assignments set status = 'visit' where id = asg;
    insert into routing_events (assignment_id, lead_id, event, recruiter_id) values (asg, lead, 'visit', 'R01');
  end loop;
  raise notice 'seconds=%', round(extract(epoch from clock_timestamp() - t0)::numeric, 2);
end $$;
rollback;
