import type { Sql } from "~/db/db.server";

// The figures of /admin/dashboard (ADR 028), from Postgres (the truth), for a date range of lead
// arrival (China days, inclusive) and optionally one park. Counts are of leads unless said otherwise.

export type DashboardFilters = { from: string; to: string; park: string | null };
export const FUNNEL_STAGES = ["received", "matched", "assigned", "accepted", "contacted", "visit", "signed"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
/** Upper bounds (minutes) of the time-to-first-contact buckets; the last bucket is open. 5 and 60 are the marks a director watches. */
export const CONTACT_BUCKETS = [5, 15, 30, 60, 240, 1440] as const;
/** Size bands of unmet needs, in ㎡ (upper bounds; the last is open). */
export const SIZE_BANDS = [1000, 3000, 5000, 10000, 20000] as const;
// Sent as one text parameter cast to float8[]: `sql.array` of numbers on a pool whose connection had not
// yet read the server's array types failed with "malformed array literal" on a first dashboard.
const SIZE_BANDS_LITERAL = `{${SIZE_BANDS.join(",")}}`;

export type DashboardFigures = {
  perDay: { day: string; source: string; leads: number }[];
  funnel: { stage: FunnelStage; leads: number }[];
  firstContact: {
    buckets: { upTo: number | null; assignments: number }[];
    total: number;
    within5: number;
    within60: number;
    medianMinutes: number | null;
  };
  perRecruiter: { recruiterId: string; name: string; breaches: number; reroutes: number }[];
  load: { recruiterId: string; name: string; open: number; capacity: number }[];
  matchRate: { matched: number; total: number };
  unmet: { kind: string; band: number; district: string; leads: number }[];
  queues: { unassigned: number; offered: number; callTasks: number; dead: number; outbox: number };
};

/** Default range: the last 30 China days including today. */
export function defaultRange(now = new Date()): { from: string; to: string } {
  const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return { from: day(new Date(now.getTime() - 29 * 86400_000)), to: day(now) };
}

/**
 * Every figure for the range (China days of lead arrival, inclusive) and park, from the daily rollup
 * (migration 044, ADR 040) for the days it holds clean, computed live for the others (today, a day
 * changed since it was built, a day not built yet) — in one statement per figure, so one snapshot
 * decides which days are clean. Equal to `loadDashboardFiguresLive` (test/integration/dashboard-rollup.test.ts).
 */
export async function loadDashboardFigures(sql: Sql, f: DashboardFilters): Promise<DashboardFigures> {
  // Built days with no change since; every other day of the range is computed by the same functions
  // that build the rollup.
  const days = sql`
    clean as (select k.day from dashboard_days k
              where k.day between ${f.from}::date and ${f.to}::date and not exists (select 1 from dashboard_stale s where s.day = k.day)),
    live as (select array(select d::date from generate_series(${f.from}::date, ${f.to}::date, interval '1 day') d
                          where d::date not in (select day from clean)) as days)`;
  const park = f.park ?? "*"; // the rollup's name for all parks
  const kPark = f.park ? sql`and k.park_id = ${f.park}` : sql``;
  const xPark = f.park ? sql`and x.park_id = ${f.park}` : sql``;
  // The buckets as the live code counts them: the first bound a time is at or under; the last one open.
  const buckets = [
    ...CONTACT_BUCKETS.map(
      (upTo, i) => sql`(count(*) filter (where m <= ${upTo} ${i === 0 ? sql`` : sql`and m > ${CONTACT_BUCKETS[i - 1]}`}))::int`,
    ),
    sql`(count(*) filter (where m > ${CONTACT_BUCKETS[CONTACT_BUCKETS.length - 1]}))::int`,
  ].reduce((a, b) => sql`${a}, ${b}`);
  // One read-only transaction: one snapshot for the three, and JIT off — with the days a parameter the
  // planner guesses ~100,000 leads a day, and compiling the inflated plan took 1.6 s of a 2 s call at
  // 1,000,000 leads (docs/benchmarks.md).
  const rollup = sql.begin("read only", async (sql) => {
    await sql`set local jit = off`;
    return Promise.all([
      sql<({ day: string; source: string } & Record<FunnelStage, number>)[]>`
      with ${days}
      select to_char(r.day, 'YYYY-MM-DD') as day, r.source, r.received, r.matched, r.assigned, r.accepted, r.contacted, r.visit, r.signed
      from (select k.day, k.source, k.received, k.matched, k.assigned, k.accepted, k.contacted, k.visit, k.signed
            from dashboard_daily k where k.park = ${park} and k.day in (select day from clean)
            union all
            select x.day, x.source, x.received, x.matched, x.assigned, x.accepted, x.contacted, x.visit, x.signed
            from live, dashboard_count_rows(live.days) x where x.park = ${park}) r
      order by 1, 2`,
      sql<{ total: number; buckets: number[]; within5: number; within60: number; median: number | null }[]>`
      with ${days}
      select count(*)::int as total, array[${buckets}] as buckets,
             (count(*) filter (where m <= 5))::int as within5, (count(*) filter (where m <= 60))::int as within60,
             percentile_disc(0.5) within group (order by m) as median
      from (select k.minutes as m from dashboard_first_contact k where k.day in (select day from clean) ${kPark}
            union all
            select x.minutes from live, dashboard_first_contact_rows(live.days) x where true ${xPark}) c`,
      sql<DashboardFigures["perRecruiter"]>`
      with ${days}
      select r.recruiter_id as "recruiterId", coalesce(n.name, r.recruiter_id) as name, sum(r.breaches)::int as breaches, sum(r.reroutes)::int as reroutes
      from (select k.recruiter_id, k.breaches, k.reroutes from dashboard_recruiter_daily k where k.day in (select day from clean) ${kPark}
            union all
            select x.recruiter_id, x.breaches, x.reroutes from live, dashboard_recruiter_rows(live.days) x where true ${xPark}) r
      left join recruiters n on n.id = r.recruiter_id
      group by 1, 2 order by 3 desc, 4 desc, 1`,
    ]);
  });
  const [[counts, [contact], perRecruiter], current] = await Promise.all([rollup, currentFigures(sql, f)]);
  const funnel = Object.fromEntries(FUNNEL_STAGES.map((stage) => [stage, counts.reduce((n, r) => n + r[stage], 0)])) as Record<
    FunnelStage,
    number
  >;
  return {
    perDay: counts.map((r) => ({ day: r.day, source: r.source, leads: r.received })),
    funnel: FUNNEL_STAGES.map((stage) => ({ stage, leads: funnel[stage] })),
    firstContact: {
      buckets: contact.buckets.map((n, i) => ({ upTo: CONTACT_BUCKETS[i] ?? null, assignments: n })),
      total: contact.total,
      within5: contact.within5,
      within60: contact.within60,
      medianMinutes: contact.median,
    },
    perRecruiter: [...perRecruiter],
    matchRate: { matched: funnel.matched, total: funnel.received },
    ...current,
  };
}

/** The figures of the present, not of the range's cohort: recruiters' open load, unmet needs (by the leads' status now) and queues. */
async function currentFigures(sql: Sql, f: DashboardFilters): Promise<Pick<DashboardFigures, "load" | "unmet" | "queues">> {
  const inRange = sql`l.created_at >= (${f.from}::date::timestamp at time zone 'Asia/Shanghai')
                      and l.created_at < ((${f.to}::date + 1)::timestamp at time zone 'Asia/Shanghai')`;
  const [load, unmet, [queues]] = await Promise.all([
    sql<{ recruiterId: string; name: string; open: number; capacity: number }[]>`
      select r.id as "recruiterId", r.name, r.capacity,
             (select count(*)::int from assignments a where a.recruiter_id = r.id and a.status in ('offered', 'accepted', 'contacted', 'visit')) as open
      from recruiters r where r.active ${f.park ? sql`and ${f.park} = any (r.parks)` : sql``} order by r.id`,
    sql<{ kind: string; band: number; district: string; leads: number }[]>`
      select coalesce(l.lead->'need'->>'kind', '') as kind,
             width_bucket(coalesce((l.lead->'need'->>'areaMaxSqm')::float8, (l.lead->'need'->>'areaMinSqm')::float8, 0), ${SIZE_BANDS_LITERAL}::float8[]) as band,
             coalesce(l.lead->'need'->'regions'->>0, '') as district, count(*)::int as leads
      from leads l where l.status = 'unmatched' and ${inRange}
      group by 1, 2, 3 order by 4 desc, 1, 2, 3 limit 10`,
    sql<DashboardFigures["queues"][]>`
      select (select count(*)::int from assignments where status = 'unassigned') as unassigned,
             (select count(*)::int from assignments where status = 'offered') as offered,
             (select count(*)::int from call_tasks where status in ('open', 'no-answer')) as "callTasks",
             (select count(*)::int from notifications where status = 'dead') as dead,
             (select count(*)::int from outbox where done_at is null) as outbox`,
  ]);
  return {
    load: [...load],
    unmet: [...unmet],
    queues,
  };
}

/**
 * Every figure computed live from the facts (leads, matches, assignments, routing_events), as the
 * dashboard did before the rollup: the definition the rollup is checked against
 * (test/integration/dashboard-rollup.test.ts), and the bench's "live" comparison. Slow over a long range.
 */
export async function loadDashboardFiguresLive(sql: Sql, f: DashboardFilters): Promise<DashboardFigures> {
  const inRange = sql`l.created_at >= (${f.from}::date::timestamp at time zone 'Asia/Shanghai')
                      and l.created_at < ((${f.to}::date + 1)::timestamp at time zone 'Asia/Shanghai')`;
  const inPark = f.park
    ? sql`and (exists (select 1 from matches m where m.lead_id = l.id and m.park_id = ${f.park})
               or exists (select 1 from assignments a where a.lead_id = l.id and a.park_id = ${f.park}))`
    : sql``;
  const eventPark = f.park ? sql`and a.park_id = ${f.park}` : sql``;

  const [perDay, [funnel], contact, perRecruiter, current] = await Promise.all([
    sql<{ day: string; source: string; leads: number }[]>`
      select to_char(l.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, l.source, count(*)::int as leads
      from leads l where ${inRange} ${inPark} group by 1, 2 order by 1, 2`,
    // The range's leads once, then their matches and audit lines as sets (joined by hash for a long
    // range, by index for a short one). Five EXISTS probes per lead took 2.4 s for 30 days at
    // 1,000,000 leads a year (docs/benchmarks.md, Admin pages).
    sql<Record<FunnelStage, number>[]>`
      with l as materialized (select l.id from leads l where ${inRange} ${inPark}),
      r as (
        select e.lead_id, bool_or(e.event in ('assigned', 'rerouted')) as assigned, bool_or(e.event = 'accepted') as accepted,
               bool_or(e.event = 'contacted') as contacted, bool_or(e.event = 'visit') as visit, bool_or(e.event = 'signed') as signed
        from l join routing_events e on e.lead_id = l.id join assignments a on a.id = e.assignment_id
        where e.recruiter_id is not null and e.event in ('assigned', 'rerouted', 'accepted', 'contacted', 'visit', 'signed') ${eventPark}
        group by e.lead_id)
      select (select count(*) from l)::int as received,
             (select count(*) from l where exists (select 1 from matches m where m.lead_id = l.id ${f.park ? sql`and m.park_id = ${f.park}` : sql``}))::int as matched,
             (count(*) filter (where r.assigned))::int as assigned,
             (count(*) filter (where r.accepted))::int as accepted,
             (count(*) filter (where r.contacted))::int as contacted,
             (count(*) filter (where r.visit))::int as visit,
             (count(*) filter (where r.signed))::int as signed
      from r`,
    sql<{ minutes: number }[]>`
      select extract(epoch from (c.at - a.offered_first)) / 60 as minutes
      from (select e.assignment_id, min(e.at) as at from routing_events e where e.event = 'contacted' group by e.assignment_id) c
      join (select e.assignment_id, min(e.at) as offered_first from routing_events e
            where e.event in ('assigned', 'rerouted') and e.recruiter_id is not null group by e.assignment_id) a on a.assignment_id = c.assignment_id
      join assignments x on x.id = c.assignment_id join leads l on l.id = x.lead_id
      where ${inRange} ${f.park ? sql`and x.park_id = ${f.park}` : sql``}`,
    sql<{ recruiterId: string; name: string; breaches: number; reroutes: number }[]>`
      select e.recruiter_id, coalesce(r.name, e.recruiter_id) as name,
             (count(*) filter (where e.event in ('sla-missed', 'escalated')))::int as breaches,
             (count(*) filter (where e.event in ('sla-missed', 'declined', 'admin-reroute')))::int as reroutes
      from routing_events e join assignments a on a.id = e.assignment_id join leads l on l.id = e.lead_id
      left join recruiters r on r.id = e.recruiter_id
      where e.recruiter_id is not null and e.event in ('sla-missed', 'escalated', 'declined', 'admin-reroute') and ${inRange} ${eventPark}
      group by 1, 2 order by 3 desc, 4 desc, 1`,
    currentFigures(sql, f),
  ]);

  const minutes = contact.map((c) => Number(c.minutes)).sort((a, b) => a - b);
  const bucketOf = (m: number) => CONTACT_BUCKETS.findIndex((b) => m <= b);
  const counts = new Array<number>(CONTACT_BUCKETS.length + 1).fill(0);
  for (const m of minutes) {
    const i = bucketOf(m);
    counts[i === -1 ? CONTACT_BUCKETS.length : i]++;
  }
  return {
    perDay: [...perDay],
    funnel: FUNNEL_STAGES.map((stage) => ({ stage, leads: funnel[stage] })),
    firstContact: {
      buckets: counts.map((n, i) => ({ upTo: CONTACT_BUCKETS[i] ?? null, assignments: n })),
      total: minutes.length,
      within5: minutes.filter((m) => m <= 5).length,
      within60: minutes.filter((m) => m <= 60).length,
      medianMinutes: minutes.length ? minutes[Math.floor((minutes.length - 1) / 2)] : null,
    },
    perRecruiter: perRecruiter.map((r) => ({ recruiterId: r.recruiterId, name: r.name, breaches: r.breaches, reroutes: r.reroutes })),
    matchRate: { matched: funnel.matched, total: funnel.received },
    ...current,
  };
}
