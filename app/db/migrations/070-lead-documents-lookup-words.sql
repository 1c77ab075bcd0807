-- The leads index keeps a number's starts (phoneHeads) and the contact's name and its starts as words of
-- the contact alone (contactHeads, search/lookup-words.ts), so the hotline's caller lookup finds a
-- company typed in part beside a number or a contact, and counts a contact 张 in the contact only
-- (docs/decisions/094). The documents of leads stored before are written again by the index writer:
-- one lead.index row each (erased leads have no document to write).
insert into outbox (topic, aggregate_id)
select 'lead.index', id::text from leads
where anonymised_at is null
order by created_at, id;
