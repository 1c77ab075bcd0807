-- The why-not listing read from Postgres (docs/decisions/126): a lead's available spaces of its kind from
-- just below its area window upwards, smallest first (app/inventory/nearby-spaces.server.ts). One range scan
-- on this index per lead, stopping after 30 rows; retired spaces never enter it, a retired park's spaces are
-- filtered by the join (a park's retirement writes no space row).
create index spaces_nearby on spaces (kind, area_sqm, id) where status = 'available' and retired_at is null;
