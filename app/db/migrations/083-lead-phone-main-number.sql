-- A landline's main number is the enterprise's number, with or without the extension it was typed with
-- (docs/decisions/107): "0512-6666 8888" and "0512-66668888转801" are one caller for the repeat check,
-- the hotline's "already known" lookup and "who had this enterprise before". The stored phone keeps its
-- extension ("+8651266668888;ext=801", ADR 016); these look-ups compare the part before ";ext=", by
-- this index (an expression index: no rewrite of the leads table).
create index leads_phone_main on leads (split_part(phone, ';', 1));
