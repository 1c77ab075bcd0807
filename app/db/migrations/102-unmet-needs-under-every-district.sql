-- The dashboard's unmet needs under every place a lead names (ADR 134; ADR 123's "Left"). A lead was
-- grouped by its FIRST region only (dashboard_need_district, migration 073), so a lead wanting
-- "江宁、浦口" was never counted under 江宁区. Now it is counted once under each place it names: each of its
-- resolved region codes (a zone's districts each, a city as the city), each distinct; when no code was
-- resolved (an old row), each region as typed; when it names none, under ''. A lead therefore may count
-- under several places, and the figure's groups may add up to more than its leads (the page says so).

-- The places of a need, each once: its region codes, else its regions as typed, else ''.
create function dashboard_need_districts(need jsonb) returns setof text
language sql immutable as $$
  with c as (select distinct x from jsonb_array_elements_text(
               case when jsonb_typeof(need -> 'regionCodes') = 'array' then need -> 'regionCodes' else '[]'::jsonb end) x
             where x <> ''),
       t as (select distinct x from jsonb_array_elements_text(
               case when jsonb_typeof(need -> 'regions') = 'array' then need -> 'regions' else '[]'::jsonb end) x
             where x <> '')
  select x from c
  union all
  select x from t where not exists (select 1 from c)
  union all
  select '' where not exists (select 1 from c) and not exists (select 1 from t)
$$;

-- A day's groups: each lead once per place (the rollup's key, day/kind/band/district, stays unique).
create or replace function dashboard_unmet_rows(days date[])
returns table (day date, kind text, band int, district text, leads int)
language sql stable as $$
  select d.day, x.kind, x.band, x.district, x.leads
  from unnest(days) d(day)
  cross join lateral (
    select coalesce(l.lead->'need'->>'kind', '') as kind,
           dashboard_need_band(coalesce(l.lead->'need'->>'kind', ''), dashboard_need_sqm(l.lead->'need')) as band,
           p.district, count(*)::int as leads
    from leads l
    cross join lateral dashboard_need_districts(l.lead->'need') p(district)
    where l.status = 'unmatched'
      and l.created_at >= (d.day::timestamp at time zone 'Asia/Shanghai')
      and l.created_at < ((d.day + 1)::timestamp at time zone 'Asia/Shanghai')
    group by 1, 2, 3
    offset 0) x
$$;

-- The first-district function is no longer read.
drop function dashboard_need_district(jsonb);

-- The built days' rows were grouped by the first place: each such day is marked changed, so the dashboard
-- reads it from the facts until the worker's next rebuild (or `npm run dashboard:rebuild`) stores it again
-- (as migrations 063, 073 and 093 did).
insert into dashboard_stale (day) select distinct day from dashboard_unmet_daily;
