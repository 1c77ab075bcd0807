-- A contact noted with a familiar prefix (老张, 小王, 阿强) now also has the name it is called by (张, 王,
-- 强) among its contactHeads (search/lookup-words.ts, app/domain/contact-name.ts), which the hotline's
-- caller lookup searches (docs/decisions/094). The documents of leads stored before are written again by
-- the index writer: one lead.index row each (erased leads have no document to write), the newest first,
-- as 070 did.
insert into outbox (topic, aggregate_id)
select 'lead.index', id::text from leads
where anonymised_at is null
order by created_at desc, id;
