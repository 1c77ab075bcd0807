-- The dashboard's unmet needs (ADR 099): grouped by the need's first region CODE (GB/T 2260, stored as
-- need.regionCodes by intake) rather than the text as typed, so "蘇州工業園區" and "苏州工业园区" (both 320576)
-- are one group; the typed text only when no code was resolved. Land is banded in 亩 (LAND_BANDS_MU in
-- app/admin/dashboard-data.server.ts), buildings in ㎡ as before (dashboard_size_band, migration 063).

-- Land's size bands, in 亩: upper bounds, each in the band it closes; the last band is open.
create function dashboard_land_bands_mu() returns float8[]
language sql immutable as $$ select '{10,20,50,100,200}'::float8[] $$;

-- A need's size band by its kind: land against the 亩 edges turned into ㎡ the way the code turns them
-- (mu * 2000 / 3, app/domain/area.ts), so a need of exactly 20 亩 sits on its edge.
create function dashboard_need_band(kind text, sqm float8) returns int
language sql immutable as $$
  select case when kind = 'land' then
    (select width_bucket(sqm, b) - (sqm = any (b))::int
     from (select array(select m * 2000 / 3 from unnest(dashboard_land_bands_mu()) m order by m) as b) e)
  else dashboard_size_band(sqm) end
$$;

-- The group of a need's place: its first resolved region code, else its first region as typed, else ''.
create function dashboard_need_district(need jsonb) returns text
language sql immutable as $$
  select coalesce(case when jsonb_typeof(need -> 'regionCodes') = 'array' then need -> 'regionCodes' ->> 0 end,
                  case when jsonb_typeof(need -> 'regions') = 'array' then need -> 'regions' ->> 0 end, '')
$$;

create or replace function dashboard_unmet_rows(days date[])
returns table (day date, kind text, band int, district text, leads int)
language sql stable as $$
  select d.day, x.kind, x.band, x.district, x.leads
  from unnest(days) d(day)
  cross join lateral (
    select coalesce(l.lead->'need'->>'kind', '') as kind,
           dashboard_need_band(coalesce(l.lead->'need'->>'kind', ''),
                               coalesce((l.lead->'need'->>'areaMaxSqm')::float8, (l.lead->'need'->>'areaMinSqm')::float8, 0)) as band,
           dashboard_need_district(l.lead->'need') as district, count(*)::int as leads
    from leads l
    where l.status = 'unmatched'
      and l.created_at >= (d.day::timestamp at time zone 'Asia/Shanghai')
      and l.created_at < ((d.day + 1)::timestamp at time zone 'Asia/Shanghai')
    group by 1, 2, 3
    offset 0) x
$$;

-- The built days' rows were grouped the old way: each such day is marked changed, so the dashboard reads
-- it from the facts until the worker's next rebuild stores it again (as migration 063 did).
insert into dashboard_stale (day) select distinct day from dashboard_unmet_daily;
