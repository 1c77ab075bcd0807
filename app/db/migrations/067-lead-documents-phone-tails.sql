-- The leads index keeps a number's last 4–8 digits (phoneTails, search/lead-document.ts) so the hotline's
-- caller lookup finds a caller who gives only "尾号5678". The documents of leads stored before are
-- written again by the index writer: one lead.index row each (erased leads have no document to write).
insert into outbox (topic, aggregate_id)
select 'lead.index', id::text from leads
where anonymised_at is null
order by created_at, id;
