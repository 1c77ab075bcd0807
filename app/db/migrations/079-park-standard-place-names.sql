-- Parks' province, city and district are stored by their division's standard names (GB/T 2260;
-- docs/decisions/103): 江苏 / 南京 / 江宁 → 江苏省 / 南京市 / 江宁区. SQL has no division dataset: applying
-- this file makes the migrator rewrite the names of parks stored before it from their district codes
-- (app/db/park-place-names.server.ts), once. A park its step missed (the process ended in between) takes
-- its standard names at its next save or import.
select 1;
