-- The leads index keeps the company's name as one word per character (companyChars) and the contact's
-- name and its starts as words of the contact alone (contactHeads, search/lookup-words.ts), which the
-- hotline's caller lookup now searches (docs/decisions/094). The documents of leads stored before are
-- written again by the index writer: one lead.index row each (erased leads have no document to write),
-- the newest first, since the lookup finds a lead by its company or contact only once it is rewritten
-- and the caller on the line most likely called lately.
insert into outbox (topic, aggregate_id)
select 'lead.index', id::text from leads
where anonymised_at is null
order by created_at desc, id;
