-- U+FFFD (the replacement character, chr(65533)) out of what people typed. Pages that leaked React 18's
-- stray zero bytes sent "�" back in their forms, and it was stored; nobody types it (the forms drop it
-- since: cleanTyped, app/domain/format-chars.ts, docs/decisions/071). Only rows holding one change: a
-- row without keeps its updated_at and version. updated_at is not bumped on a repaired row either (no
-- person edited it); the edit forms' stale check compares what they show (ADR 068), so a form opened
-- before this repair is told the row changed. Parks and spaces get a new version from their trigger
-- (009), which is what marks them for the index. leads.raw (what arrived, as it arrived; the privacy
-- export) and the audit trails (routing_events, admin_audit, privacy_audit) are records and stay.

-- A text without its U+FFFD; one that would be left blank stays as it was (a required name or note of
-- nothing else is for a person to fix: the columns' checks and the forms refuse a blank one).
create or replace function pg_temp.without_fffd(t text) returns text language sql immutable as $$
  select case when btrim(replace(t, chr(65533), '')) = '' then t else replace(t, chr(65533), '') end
$$;

-- Leads: the normalised lead (company, contact, need, use, tax: jsonb — "�" never follows a backslash in
-- JSON text, so dropping it keeps the JSON valid), the assist read from the notes, the company name
-- column and the closing note. The search document follows through the outbox, as for any lead change.
with repaired as (
  update leads set
    lead = replace(lead::text, chr(65533), '')::jsonb,
    assist = replace(assist::text, chr(65533), '')::jsonb,
    company_name = pg_temp.without_fffd(company_name),
    closed_note = pg_temp.without_fffd(closed_note)
  where strpos(lead::text, chr(65533)) > 0 or strpos(assist::text, chr(65533)) > 0
     or strpos(company_name, chr(65533)) > 0 or strpos(closed_note, chr(65533)) > 0
  returning id)
insert into outbox (topic, aggregate_id) select 'lead.index', id::text from repaired order by id;

-- Parks (a park's re-index rewrites its spaces' documents too) and spaces.
with repaired as (
  update parks set
    name = pg_temp.without_fffd(name),
    province = pg_temp.without_fffd(province),
    city = pg_temp.without_fffd(city),
    district = pg_temp.without_fffd(district),
    address = pg_temp.without_fffd(address),
    policies = pg_temp.without_fffd(policies)
  where strpos(name || province || city || district || coalesce(address, '') || coalesce(policies, ''), chr(65533)) > 0
  returning id)
insert into outbox (topic, aggregate_id) select 'park.index', id from repaired order by id;

with repaired as (
  update spaces set title = pg_temp.without_fffd(title), notes = pg_temp.without_fffd(notes)
  where strpos(title || coalesce(notes, ''), chr(65533)) > 0
  returning id)
insert into outbox (topic, aggregate_id) select 'space.index', id from repaired order by id;

-- Not in any search index: recruiters, staff accounts, notes (hotline calls, recruiters), closing notes,
-- holiday names, and the call tasks' scripts (written with the lead's company name).
update recruiters set name = pg_temp.without_fffd(name) where strpos(name, chr(65533)) > 0;
update users set name = pg_temp.without_fffd(name) where strpos(name, chr(65533)) > 0;
update lead_notes set body = pg_temp.without_fffd(body) where strpos(body, chr(65533)) > 0;
update assignments set close_note = pg_temp.without_fffd(close_note) where strpos(close_note, chr(65533)) > 0;
update calendar_overrides set name = pg_temp.without_fffd(name) where strpos(name, chr(65533)) > 0;
update call_tasks set script = pg_temp.without_fffd(script), script_en = pg_temp.without_fffd(script_en)
  where strpos(script || coalesce(script_en, ''), chr(65533)) > 0;

-- The index writer polls for due rows; this wakes it at commit instead.
select pg_notify('outbox_index', '');
