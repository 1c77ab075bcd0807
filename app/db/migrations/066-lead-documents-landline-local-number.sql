-- The leads index keeps a landline's local number (phoneLocal, search/lead-document.ts: "+862583456789"
-- → "83456789") so the hotline's caller lookup finds a caller who gives it without the area code. The
-- documents of leads stored before are written again by the index writer: one lead.index row each
-- for the leads whose number is not a mobile (a 400/800 number is rewritten the same, with no local number).
insert into outbox (topic, aggregate_id)
select 'lead.index', id::text from leads
where anonymised_at is null and phone ~ '^\+86[2-9]'
order by created_at, id;
