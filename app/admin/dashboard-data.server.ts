import type { PendingQuery, Row } from "postgres";

import { inOneSnapshot, type Sql, type TransactionSql } from "~/db/db.server";
import { divisionByCode } from "~/domain/regions";
import { englishDivisionLabel } from "~/domain/regions-en";

// The figures of /admin/dashboard (ADR 028), from Postgres (the truth), for a date range of lead
// arrival (China days, inclusive) and optionally one park. Counts are of leads unless said otherwise.

export type DashboardFilters = { from: string; to: string; park: string | null };
export const FUNNEL_STAGES = ["received", "matched", "assigned", "accepted", "contacted", "visit", "signed"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
/** Upper bounds (minutes) of the time-to-first-contact buckets; the last bucket is open. 5 and 60 are the marks a director watches. */
export const CONTACT_BUCKETS = [5, 15, 30, 60, 240, 1440] as const;
export { LAND_BANDS_MU, SIZE_BANDS } from "./dashboard-bands";

/**
 * One group of unmet needs as stored: `district` is a GB/T 2260 code, or the place as typed when none was resolved
 * (migration 073). A lead is counted under each place it names (migration 102, ADR 134), so groups may add up to more than its leads.
 */
type UnmetRow = { kind: string; band: number; district: string; leads: number };

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
  /**
   * Leads of the range whose assignment (in the park, or any park) ended, each way apart (ADR 114): `lost`
   * — a recruiter closed it as lost; `needChanged` — a need edit left its park without a fitting space and
   * ended it (close_reason need-changed, ADR 108; audit line `withdrawn`). As the funnel's stages, an audit
   * line with a recruiter on an assignment in the park: a lead once per figure, however many assignments.
   * An ending its recruiter undid (a `reopened` line, rule undo-lost: ADR 150) counts no more.
   */
  ended: { lost: number; needChanged: number };
  /** `place` names the group's division (its name; in English its English label), else the place as typed, else "". */
  unmet: (UnmetRow & { place: { zh: string; en: string } })[];
  queues: { unassigned: number; offered: number; callTasks: number; dead: number; outbox: number };
};

/** Default range: the last 30 China days including today. */
export function defaultRange(now = new Date()): { from: string; to: string } {
  const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return { from: day(new Date(now.getTime() - 29 * 86400_000)), to: day(now) };
}

/**
 * Every figure for the range (China days of lead arrival, inclusive) and park, from the daily rollup
 * (migrations 044 and 046, ADRs 040 and 046) for the days it holds clean, computed live for the others
 * (today, a day changed since it was built, a day not built yet) — in one statement per figure, so one
 * snapshot decides which days are clean — and the recruiters' open load and the assignment queues from
 * the counters the writes keep (migration 046). Equal to `loadDashboardFiguresLive`, median included
 * (test/integration/dashboard-rollup.test.ts). Throws if the database's contact bands do not contain
 * every bound of CONTACT_BUCKETS (a migration out of step with this code).
 */
export async function loadDashboardFigures(sql: Sql, f: DashboardFilters): Promise<DashboardFigures> {
  const park = f.park ?? "*"; // the rollup's name for all parks
  const kPark = f.park ? sql`and k.park_id = ${f.park}` : sql``;
  const xPark = f.park ? sql`and x.park_id = ${f.park}` : sql``;
  // Each figure in its own REPEATABLE READ read-only transaction (one snapshot: the days it finds clean
  // are the days it reads from the rollup), on its own connection, so days read live are computed side
  // by side; JIT off — with the days a parameter the planner guesses ~100,000 leads a day, and compiling
  // the inflated plan took 1.6 s of a 2 s call at 1,000,000 leads (docs/benchmarks.md). First the days
  // of the range the rollup cannot vouch for (not built, or changed since: ADR 040); the figure's
  // statement reads every other day of the range from the rollup and computes these live by the
  // functions that build it — and leaves the live part out when there is none (planning it cost ~50 ms).
  const read = <T>(figure: (tx: TransactionSql, clean: PendingQuery<Row[]>, live: string | null) => Promise<T>) =>
    inOneSnapshot(sql, async (tx) => {
      await tx`set local jit = off`;
      const [{ days }] = await tx<{ days: string[] }[]>`
        select array(select to_char(d, 'YYYY-MM-DD') from generate_series(${f.from}::date, ${f.to}::date, interval '1 day') d
                     where not exists (select 1 from dashboard_days k
                                       where k.day = d::date and not exists (select 1 from dashboard_stale s where s.day = k.day))) as days`;
      const live = days.length ? `{${days.join(",")}}` : null; // one text parameter, cast to date[]
      const clean = tx`k.day between ${f.from}::date and ${f.to}::date ${live ? tx`and k.day <> all (${live}::date[])` : tx``}`;
      return figure(tx, clean, live);
    });
  const [counts, [contact], perRecruiter, unmet, current] = await Promise.all([
    read(
      (sql, clean, live) => sql<({ day: string; source: string; lost: number; withdrawn: number } & Record<FunnelStage, number>)[]>`
      select to_char(r.day, 'YYYY-MM-DD') as day, r.source, r.received, r.matched, r.assigned, r.accepted, r.contacted, r.visit, r.signed,
             r.lost, r.withdrawn
      from (select k.day, k.source, k.received, k.matched, k.assigned, k.accepted, k.contacted, k.visit, k.signed, k.lost, k.withdrawn
            from dashboard_daily k where k.park = ${park} and ${clean}
            ${
              live
                ? sql`union all select x.day, x.source, x.received, x.matched, x.assigned, x.accepted, x.contacted, x.visit, x.signed,
                                       x.lost, x.withdrawn
                         from dashboard_count_rows(${live}::date[]) x where x.park = ${park}`
                : sql``
            }) r
      order by 1, 2`,
    ),
    // First contact: counts per fine band (clean days' counts, live days' times), then the median —
    // the element percentile_disc(0.5) picks, rank ceil(n/2) — read from the one band that holds it.
    read(
      (sql, clean, live) => sql<{ bounds: number[]; bands: number[]; counts: number[]; median: number | null }[]>`
      with lv as materialized (${
        live
          ? sql`select x.minutes as m, dashboard_contact_band(x.minutes) as band from dashboard_first_contact_rows(${live}::date[]) x where true ${xPark}`
          : sql`select null::float8 as m, null::int as band where false`
      }),
      b as (select u.band, sum(u.n)::int as n
            from (select k.band, k.n from dashboard_contact_daily k where k.park = ${park} and ${clean}
                  union all
                  select lv.band, 1 from lv) u
            group by 1),
      c as (select b.band, b.n, (sum(b.n) over (order by b.band) - b.n)::int as before, ((sum(b.n) over () + 1) / 2 - 1)::int as k from b),
      t as (select c.band, c.k - c.before as r from c where c.before <= c.k and c.k < c.before + c.n)
      select dashboard_contact_bounds() as bounds,
             array(select b.band from b order by 1) as bands, array(select b.n from b order by b.band) as counts,
             (select x.m from (select k.minutes as m from dashboard_first_contact k
                               where k.band = (select band from t) and ${clean} ${kPark}
                               union all
                               select lv.m from lv where lv.band = (select band from t)) x
              order by x.m offset (select r from t) limit 1) as median`,
    ),
    read(
      (sql, clean, live) => sql<DashboardFigures["perRecruiter"]>`
      select r.recruiter_id as "recruiterId", coalesce(n.name, r.recruiter_id) as name, sum(r.breaches)::int as breaches, sum(r.reroutes)::int as reroutes
      from (select k.recruiter_id, k.breaches, k.reroutes from dashboard_recruiter_daily k where ${clean} ${kPark}
            ${live ? sql`union all select x.recruiter_id, x.breaches, x.reroutes from dashboard_recruiter_rows(${live}::date[]) x where true ${xPark}` : sql``}) r
      left join recruiters n on n.id = r.recruiter_id
      group by 1, 2 order by 3 desc, 4 desc, 1`,
    ),
    // Unmet needs are not of a park (an unmatched lead has none): the same for every park filter.
    read(
      (sql, clean, live) => sql<UnmetRow[]>`
      select u.kind, u.band, u.district, sum(u.leads)::int as leads
      from (select k.kind, k.band, k.district, k.leads from dashboard_unmet_daily k where ${clean}
            ${live ? sql`union all select x.kind, x.band, x.district, x.leads from dashboard_unmet_rows(${live}::date[]) x` : sql``}) u
      group by 1, 2, 3 order by 4 desc, 1, 2, 3 limit 10`,
    ),
    countedFigures(sql, f),
  ]);
  const funnel = Object.fromEntries(FUNNEL_STAGES.map((stage) => [stage, counts.reduce((n, r) => n + r[stage], 0)])) as Record<
    FunnelStage,
    number
  >;
  return {
    perDay: counts.map((r) => ({ day: r.day, source: r.source, leads: r.received })),
    funnel: FUNNEL_STAGES.map((stage) => ({ stage, leads: funnel[stage] })),
    firstContact: contactFromBands(contact),
    perRecruiter: [...perRecruiter],
    matchRate: { matched: funnel.matched, total: funnel.received },
    ended: { lost: counts.reduce((n, r) => n + r.lost, 0), needChanged: counts.reduce((n, r) => n + r.withdrawn, 0) },
    unmet: withPlaces(unmet),
    ...current,
  };
}

/**
 * The first-contact figure from counts per fine band: band i holds times in (bounds[i-1], bounds[i]]
 * (band 0 every time up to bounds[0], band bounds.length the open rest; migration 046). Each bucket of
 * CONTACT_BUCKETS is a sum of whole bands, which holds only if every bucket bound is a band bound:
 * throws otherwise.
 */
export function contactFromBands(c: {
  bounds: number[];
  bands: number[];
  counts: number[];
  median: number | null;
}): DashboardFigures["firstContact"] {
  const missing = CONTACT_BUCKETS.filter((b) => !c.bounds.includes(b));
  if (missing.length) throw new Error(`dashboard_contact_bounds() lacks the bucket bounds ${missing.join(", ")} (migration out of step)`);
  const buckets = new Array<number>(CONTACT_BUCKETS.length + 1).fill(0);
  c.bands.forEach((band, i) => {
    const upper = c.bounds[band]; // undefined: the open band
    const j = upper === undefined ? -1 : CONTACT_BUCKETS.findIndex((b) => upper <= b);
    buckets[j === -1 ? CONTACT_BUCKETS.length : j] += c.counts[i];
  });
  const upTo = (limit: number) =>
    buckets.reduce((n, count, i) => n + (i < CONTACT_BUCKETS.length && CONTACT_BUCKETS[i] <= limit ? count : 0), 0);
  return {
    buckets: buckets.map((n, i) => ({ upTo: CONTACT_BUCKETS[i] ?? null, assignments: n })),
    total: buckets.reduce((a, b) => a + b, 0),
    within5: upTo(5),
    within60: upTo(60),
    medianMinutes: c.median,
  };
}

/**
 * Recruiters' open load and the queues from the counters the writes keep (migration 046: the sum of a
 * status and recruiter's rows is the count of such assignments in the same snapshot); call tasks, dead
 * letters and unfinished outbox rows are counted through their partial indexes (few rows each).
 */
async function countedFigures(sql: Sql, f: DashboardFilters): Promise<Pick<DashboardFigures, "load" | "queues">> {
  const [load, [queues]] = await Promise.all([
    sql<{ recruiterId: string; name: string; open: number; capacity: number }[]>`
      select r.id as "recruiterId", r.name, r.capacity,
             coalesce((select sum(c.n) from dashboard_assignment_counts c
                       where c.status in ('offered', 'accepted', 'contacted', 'visit') and c.recruiter_id = r.id), 0)::int as open
      from recruiters r where r.active ${f.park ? sql`and ${f.park} = any (r.parks)` : sql``} order by r.id collate natural_order`,
    sql<DashboardFigures["queues"][]>`
      select coalesce((select sum(n) from dashboard_assignment_counts where status = 'unassigned'), 0)::int as unassigned,
             coalesce((select sum(n) from dashboard_assignment_counts where status = 'offered'), 0)::int as offered,
             ${otherQueues(sql)}`,
  ]);
  return { load: [...load], queues };
}

/**
 * Call tasks open, dead letters and background work due and not done: few rows each, counted through
 * their partial indexes. Work scheduled for later (an offer's accept-deadline check, a notice's fallback)
 * is not a backlog: counting it showed "后台积压 5" beside an overview saying all work was on time.
 */
const otherQueues = (sql: Sql) => sql`
  (select count(*)::int from call_tasks where status in ('open', 'no-answer')) as "callTasks",
  (select count(*)::int from notifications where status = 'dead') as dead,
  (select count(*)::int from outbox where done_at is null and dead_at is null and coalesce(not_before, created_at) <= now()) as outbox`;

/** The live definition of the figures of the present and of unmet needs (by the leads' status now): counted from the facts. */
async function currentFiguresLive(sql: Sql, f: DashboardFilters): Promise<Pick<DashboardFigures, "load" | "unmet" | "queues">> {
  const inRange = sql`l.created_at >= (${f.from}::date::timestamp at time zone 'Asia/Shanghai')
                      and l.created_at < ((${f.to}::date + 1)::timestamp at time zone 'Asia/Shanghai')`;
  const [load, unmet, [queues]] = await Promise.all([
    sql<{ recruiterId: string; name: string; open: number; capacity: number }[]>`
      select r.id as "recruiterId", r.name, r.capacity,
             (select count(*)::int from assignments a where a.recruiter_id = r.id and a.status in ('offered', 'accepted', 'contacted', 'visit')) as open
      from recruiters r where r.active ${f.park ? sql`and ${f.park} = any (r.parks)` : sql``} order by r.id collate natural_order`,
    sql<UnmetRow[]>`
      select coalesce(l.lead->'need'->>'kind', '') as kind,
             dashboard_need_band_of(l.lead->'need') as band,
             p.district, count(*)::int as leads
      from leads l cross join lateral dashboard_need_districts(l.lead->'need') p(district)
      where l.status = 'unmatched' and ${inRange}
      group by 1, 2, 3 order by 4 desc, 1, 2, 3 limit 10`,
    sql<DashboardFigures["queues"][]>`
      select (select count(*)::int from assignments where status = 'unassigned') as unassigned,
             (select count(*)::int from assignments where status = 'offered') as offered,
             ${otherQueues(sql)}`,
  ]);
  return { load: [...load], unmet: withPlaces(unmet), queues };
}

/** Each group's place in words: a code by its division's name, a text as typed (an old or unresolved need). */
function withPlaces(rows: readonly UnmetRow[]): DashboardFigures["unmet"] {
  return rows.map((r) => {
    const d = /^\d{6}$/.test(r.district) ? divisionByCode(r.district) : undefined;
    return { ...r, place: d ? { zh: d.name, en: englishDivisionLabel(d) } : { zh: r.district, en: r.district } };
  });
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
  // A lead closed as a duplicate of another (an attached repeat, ADR 108, or an admin's) is the other's
  // enquiry: on no stage of the funnel, nor in the leads per day (ADR 143; dashboard_leads, migration 105).
  const notDuplicate = sql`and l.closed_as is distinct from 'duplicate'`;

  const [perDay, [funnel], contact, perRecruiter, current] = await Promise.all([
    sql<{ day: string; source: string; leads: number }[]>`
      select to_char(l.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, l.source, count(*)::int as leads
      from leads l where ${inRange} ${inPark} ${notDuplicate} group by 1, 2 order by 1, 2`,
    // The range's leads once, then their matches and audit lines as sets (joined by hash for a long
    // range, by index for a short one). Five EXISTS probes per lead took 2.4 s for 30 days at
    // 1,000,000 leads a year (docs/benchmarks.md, Admin pages).
    // A step its recruiter undid (a `reopened` line whose rule names it, ADR 150) counts no more: per lead,
    // park, step and recruiter, the step's lines less their undos.
    sql<(Record<FunnelStage, number> & { lost: number; withdrawn: number })[]>`
      with l as materialized (select l.id from leads l where ${inRange} ${inPark} ${notDuplicate}),
      s as (
        select e.lead_id, a.park_id, coalesce(e.recruiter_id, '') as recruiter,
               case when e.event = 'reopened' then (case e.rule when 'undo-lost' then 'lost' when 'undo-signed' then 'signed' end)
                    when e.event = 'rerouted' then 'assigned' else e.event end as step,
               sum(case when e.event = 'reopened' then -1 else 1 end) as n
        from l join routing_events e on e.lead_id = l.id join assignments a on a.id = e.assignment_id
        where (e.recruiter_id is not null or e.event in ('lost', 'withdrawn') or (e.event = 'reopened' and e.rule = 'undo-lost'))
          and (e.event in ('assigned', 'rerouted', 'accepted', 'contacted', 'visit', 'signed', 'lost', 'withdrawn')
               or (e.event = 'reopened' and e.rule in ('undo-lost', 'undo-signed'))) ${eventPark}
        group by 1, 2, 3, 4),
      r as (
        select s.lead_id, bool_or(s.step = 'assigned') as assigned, bool_or(s.step = 'accepted') as accepted,
               bool_or(s.step = 'contacted') as contacted, bool_or(s.step = 'visit') as visit, bool_or(s.step = 'signed') as signed,
               bool_or(s.step = 'lost') as lost, bool_or(s.step = 'withdrawn') as withdrawn
        from s where s.n > 0
        group by s.lead_id)
      select (select count(*) from l)::int as received,
             (select count(*) from l where exists (select 1 from matches m where m.lead_id = l.id ${f.park ? sql`and m.park_id = ${f.park}` : sql``}))::int as matched,
             (count(*) filter (where r.assigned))::int as assigned,
             (count(*) filter (where r.accepted))::int as accepted,
             (count(*) filter (where r.contacted))::int as contacted,
             (count(*) filter (where r.visit))::int as visit,
             (count(*) filter (where r.signed))::int as signed,
             (count(*) filter (where r.lost))::int as lost,
             (count(*) filter (where r.withdrawn))::int as withdrawn
      from r`,
    sql<{ minutes: number }[]>`
      select extract(epoch from (c.at - a.offered_first)) / 60 as minutes
      from (select e.assignment_id, min(e.at) as at from routing_events e where e.event = 'contacted' group by e.assignment_id) c
      join (select e.assignment_id, min(e.at) as offered_first from routing_events e
            where e.event in ('assigned', 'rerouted') and e.recruiter_id is not null group by e.assignment_id) a on a.assignment_id = c.assignment_id
      join assignments x on x.id = c.assignment_id join leads l on l.id = x.lead_id
      where ${inRange} ${f.park ? sql`and x.park_id = ${f.park}` : sql``}`,
    // A decline its recruiter undid is no re-route (ADR 150): its undo takes it back; a recruiter left with none is not listed.
    sql<{ recruiterId: string; name: string; breaches: number; reroutes: number }[]>`
      select * from (
        select e.recruiter_id, coalesce(r.name, e.recruiter_id) as name,
               (count(*) filter (where e.event in ('sla-missed', 'escalated')))::int as breaches,
               (count(*) filter (where e.event in ('sla-missed', 'declined', 'admin-reroute'))
                - count(*) filter (where e.event = 'reopened'))::int as reroutes
        from routing_events e join assignments a on a.id = e.assignment_id join leads l on l.id = e.lead_id
        left join recruiters r on r.id = e.recruiter_id
        where e.recruiter_id is not null and ${inRange} ${eventPark}
          and (e.event in ('sla-missed', 'escalated', 'declined', 'admin-reroute') or (e.event = 'reopened' and e.rule = 'undo-declined'))
        group by 1, 2) x
      where x.breaches > 0 or x.reroutes > 0
      order by 3 desc, 4 desc, 1`,
    currentFiguresLive(sql, f),
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
    ended: { lost: funnel.lost, needChanged: funnel.withdrawn },
    ...current,
  };
}
