-- A need's size band on the dashboard's unmet-needs figure: the band its upper bound closes. The bands'
-- edges are upper bounds (dashboard_size_bands, SIZE_BANDS), so a need of up to 20,000 ㎡ (20–30 亩) is
-- in "10000–20000㎡"; width_bucket counts the edges at or below a value and put it in "> 20000㎡". As
-- dashboard_contact_band does for times (migration 046): an edge itself is in the band it closes.
create function dashboard_size_band(sqm float8) returns int
language sql immutable as $$
  select width_bucket(sqm, dashboard_size_bands()) - (sqm = any (dashboard_size_bands()))::int
$$;

create or replace function dashboard_unmet_rows(days date[])
returns table (day date, kind text, band int, district text, leads int)
language sql stable as $$
  select d.day, x.kind, x.band, x.district, x.leads
  from unnest(days) d(day)
  cross join lateral (
    select coalesce(l.lead->'need'->>'kind', '') as kind,
           dashboard_size_band(coalesce((l.lead->'need'->>'areaMaxSqm')::float8, (l.lead->'need'->>'areaMinSqm')::float8, 0)) as band,
           coalesce(l.lead->'need'->'regions'->>0, '') as district, count(*)::int as leads
    from leads l
    where l.status = 'unmatched'
      and l.created_at >= (d.day::timestamp at time zone 'Asia/Shanghai')
      and l.created_at < ((d.day + 1)::timestamp at time zone 'Asia/Shanghai')
    group by 1, 2, 3
    offset 0) x
$$;

-- The built days' rows were banded the old way: each such day is marked changed, so the dashboard reads
-- it from the facts until the worker's next rebuild (every minute) stores it again.
insert into dashboard_stale (day) select distinct day from dashboard_unmet_daily;
