-- A park's district as its GB/T 2260 code (docs/decisions/017): matching compares a lead's resolved
-- region codes with it. The import fills it; parks stored before this migration are filled by
-- app/db/district-codes.server.ts after the migrations run (the names need the dataset).
alter table parks add column district_code text check (district_code ~ '^[0-9]{6}$');
create index parks_district_code on parks (district_code);
