-- Two lows of the dashboard a trial and an attack found (docs/decisions/143).
--
-- 1. An unmet need's size band. A need of "5000平左右" (4,500–5,500 ㎡, its middle 5,000) was counted in
--    "3000–5000㎡" (migration 093: by the middle, an edge in the band it closes, migration 063), and the
--    labels "3000–5000㎡" and "5000–10000㎡" both named 5,000. Now a band holds its LOWER edge and not its
--    upper one — [3000, 5000) is "3000–5000㎡", 5,000 is in "5000–10000㎡" — and the labels say it ("< 1000㎡",
--    "≥ 20000㎡", the column "面积段（含下限）"). A need is read where its range lies:
--    - both bounds: at the range's middle (migration 093);
--    - a lower bound only ("5000平以上"): at it — the band it starts (it was put in the band below);
--    - an upper bound only ("不超过5000平"): just under it — the band it ends ("3000–5000㎡");
--    - neither: the first band.
--    Land against its 亩 edges in 亩, everything else in ㎡, rounded to two decimals as the bounds are stored
--    (20 亩 is stored as 13333.33 ㎡: in ㎡ it fell under the 13333.333… edge). The same rule in TypeScript:
--    needBand (app/admin/dashboard-bands.ts); a test compares them.
create function dashboard_need_band_of(need jsonb) returns int
language sql immutable as $$
  select case
    when lo is null and hi is null then 0
    when lo is null then (select count(*)::int from unnest(edges) e where e < round(hi::numeric / unit, 2))
    else (select count(*)::int from unnest(edges) e
          where e <= round((case when hi is null then lo else (lo + hi) / 2 end)::numeric / unit, 2)) end
  -- A bound is a JSON number (as intake stores it) or a figure in a string (an old row); anything else is none.
  from (select case when (need ->> 'areaMinSqm') ~ '^\s*[0-9]+(\.[0-9]+)?\s*$' then (need ->> 'areaMinSqm')::float8 end as lo,
               case when (need ->> 'areaMaxSqm') ~ '^\s*[0-9]+(\.[0-9]+)?\s*$' then (need ->> 'areaMaxSqm')::float8 end as hi,
               case when need ->> 'kind' = 'land' then 2000 / 3.0 else 1 end::numeric as unit,
               (case when need ->> 'kind' = 'land' then dashboard_land_bands_mu() else dashboard_size_bands() end)::numeric[] as edges) x
$$;

create or replace function dashboard_unmet_rows(days date[])
returns table (day date, kind text, band int, district text, leads int)
language sql stable as $$
  select d.day, x.kind, x.band, x.district, x.leads
  from unnest(days) d(day)
  cross join lateral (
    select coalesce(l.lead->'need'->>'kind', '') as kind, dashboard_need_band_of(l.lead->'need') as band,
           p.district, count(*)::int as leads
    from leads l
    cross join lateral dashboard_need_districts(l.lead->'need') p(district)
    where l.status = 'unmatched'
      and l.created_at >= (d.day::timestamp at time zone 'Asia/Shanghai')
      and l.created_at < ((d.day + 1)::timestamp at time zone 'Asia/Shanghai')
    group by 1, 2, 3
    offset 0) x
$$;

-- The functions of the old rule are no longer read.
drop function dashboard_need_band(text, float8);
drop function dashboard_need_sqm(jsonb);
drop function dashboard_size_band(float8);

-- 2. The funnel's 收到 (received) counted a repeat: a lead attached to the earlier one it repeats (closed as
--    its duplicate by lead.match, ADR 108) or one an admin closed as a duplicate of another. Such a lead is
--    the first lead's enquiry, worked there; it is never matched nor offered, so 收到 counted it and no later
--    stage could — the conversion "占收到" fell with every double tap. Now a lead closed as a duplicate
--    (closed_as = 'duplicate') is on no stage of the funnel, nor in the leads per day, nor the match rate
--    (all read dashboard_leads, or the live definition's same test); the first lead counts once. A repeat
--    the intake flagged but did not attach (its first lead was already ended: it is matched and routed as
--    its own) is an enquiry and counts.
--    The day's index keeps the test index-only: closed_as beside source.
drop index if exists leads_created;
create index leads_created on leads (created_at, id) include (source, closed_as);

create or replace function dashboard_leads(days date[]) returns table (id uuid, source text, day date)
language sql stable as $$
  select l.id, l.source, d.day
  from unnest(days) d(day)
  join leads l on l.created_at >= (d.day::timestamp at time zone 'Asia/Shanghai')
              and l.created_at < ((d.day + 1)::timestamp at time zone 'Asia/Shanghai')
  where l.closed_as is distinct from 'duplicate'
$$;

-- A lead closed as a duplicate (or reopened) leaves (or rejoins) its day's counts: the day is marked changed.
create trigger dashboard_duplicate after update of closed_as on leads for each row
  when ((old.closed_as = 'duplicate') is distinct from (new.closed_as = 'duplicate'))
  execute function dashboard_mark_lead();

-- The built days were counted and banded the old way: each is marked changed, read from the facts until
-- the worker's next rebuild (or `npm run dashboard:rebuild`) stores it again (as migrations 063, 093, 102 did).
insert into dashboard_stale (day) select distinct day from dashboard_unmet_daily;
insert into dashboard_stale (day)
select distinct (l.created_at at time zone 'Asia/Shanghai')::date from leads l
where l.closed_as = 'duplicate' and exists (select 1 from dashboard_days k where k.day = (l.created_at at time zone 'Asia/Shanghai')::date);
analyze leads;
