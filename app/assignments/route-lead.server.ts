import { randomUUID } from "node:crypto";

import { callTaskDueAt } from "~/assignments/call-task-due.server";
import type { Sql, TransactionSql } from "~/db/db.server";
import { outboxChannel } from "~/db/outbox.server";
import { type LeadFlag, leadFlags } from "~/domain/lead-flags";
import { type Exclusion, nearestMisses } from "~/domain/matching/why-not";
import { chooseRecruiter, type RecruiterState, type RoutingDecision } from "~/domain/routing/policy";
import { acceptDeadline, calendarOverrides, recruiterCalendar, type SlaClock } from "~/domain/routing/working-time";
import type { LeadStatus } from "~/domain/statuses";
import { auditMessages } from "~/i18n/audit-messages";
import { describeFlag } from "~/i18n/flag-messages";
import { pick } from "~/i18n/i18n";
import type { Lng } from "~/i18n/lng";
import { notifyText } from "~/i18n/notify-messages";

import type { Notice } from "./notifications.server";
import { recordRoutingEvent } from "./routing-events.server";
import { ENDABLE_STEPS, NEED_CHANGED } from "./unfit-assignments.server";

export const RETURNING_CUSTOMER_DAYS = 90;

/**
 * How routing is tuned: the accept deadline in minutes, counted on `slaClock` ("office-hours": working
 * time of the office hours on mainland working days, ADR 028; "wall", the default when absent:
 * wall-clock minutes), and when a notice's fallback job takes over (ms).
 */
export type RoutingOptions = { slaMinutes: number; noticeFallbackMs: number; slaClock?: SlaClock };

/** A recruiter as the routing query reads it: the policy's own fields, plus the counts in snake_case. */
type RecruiterRow = Pick<RecruiterState, "id" | "name" | "active" | "parks" | "industries" | "capacity" | "channel"> & {
  lastAssignedAt: Date | null;
  openAssignments: number;
  awayUntil: string | null;
  workingHours: { days: number[]; start: string; end: string } | null;
};

/** Near misses a call-back task carries, so the hotline has something to offer. */
export const CALLBACK_NEAR_MISSES = 3;

/** The flags of the notes disagreeing with a box (the deal ticked refused, ADR 185; any box the notes contradict). */
const DISAGREE: readonly LeadFlag["code"][] = ["kindBoxRefused", "dealBoxRefused", "notesDiffer", "placesNotInBox"];

/**
 * The hotline's script for an unmatched lead: clarify the need — first where the enterprise's notes disagree with its
 * boxes (`flags`: the lead's, lead-flags.ts; trial38 H2) —, with the three nearest misses.
 */
export function callbackScript(
  reference: string,
  excluded: readonly Exclusion[],
  lng: Lng = "zh",
  flags: readonly LeadFlag[] = [],
): string {
  const misses = nearestMisses(excluded ?? [], CALLBACK_NEAR_MISSES);
  const why = (e: Exclusion) => (e.reasons[0] ? pick(lng, e.reasons[0]) : "");
  // A suggestion names its park and space itself ("配电要求放宽到 250kVA 可匹配 <park> <title>"): said alone, not after them again
  // (trial39 L1: the card read "<park> <title>：…可匹配 <park> <title>").
  const lines = misses.map((e, i) =>
    e.suggestion
      ? notifyText(lng, "callback.missAdvice", { n: i + 1, why: pick(lng, e.suggestion) })
      : notifyText(lng, "callback.miss", { n: i + 1, park: e.parkName, title: e.title, why: why(e) }),
  );
  const disagree = flags.filter((f) => DISAGREE.includes(f.code)).map((f) => `- ${describeFlag(lng, f)}`);
  return [
    notifyText(lng, "callback.script", { reference }),
    ...(disagree.length ? [notifyText(lng, "callback.disagree"), ...disagree] : []),
    ...(lines.length ? [notifyText(lng, "callback.nearMisses"), ...lines] : []),
  ].join("\n");
}

/** Open work counts against capacity: offered and in progress, not closed ones. */
const OPEN = ["offered", "accepted", "contacted", "visit"];

/**
 * The recruiters of one park with their current load, and the park's calendar (CalendarRow: its WeCom
 * webhook and what an SLA deadline is counted on), in one statement (issue 14: two before). The caller has
 * locked the recruiter rows in an earlier statement (lockRecruitersOfParks), so the loads read here include
 * every offer committed before the lock: two leads routed at once cannot both take a last free slot.
 * `calendar` is undefined when the park has no recruiter (nobody can be offered the lead, so no
 * deadline or group post is made) or does not exist.
 */
async function parkRouting(
  tx: TransactionSql,
  parkId: string,
): Promise<{ recruiters: RecruiterState[]; calendar: CalendarRow | undefined }> {
  const rows = await tx<(RecruiterRow & CalendarRow)[]>`
    select r.id, r.name, ${recruiterWorksSql(tx)} as active, r.parks, r.industries, r.capacity, r.channel, r.last_assigned_at,
           (select count(*)::int from assignments a where a.recruiter_id = r.id and a.status in ${tx(OPEN)}) as open_assignments,
           ${awayUntilSql(tx)} as away_until, r.working_hours,
           c.wecom_webhook_url, c.now, c.start_minute, c.end_minute, c.overrides
    from recruiters r
    left join lateral (
      select p.wecom_webhook_url, now() as now, h.start_minute, h.end_minute, ${calendarOverridesColumn(tx)} as overrides
      from parks p left join office_hours h on true where p.id = ${parkId}) c on true
    where ${parkId} = any (r.parks)
    order by r.id
    for update of r`;
  const calendar = rows[0]?.now
    ? {
        wecomWebhookUrl: rows[0].wecomWebhookUrl,
        now: rows[0].now,
        startMinute: rows[0].startMinute,
        endMinute: rows[0].endMinute,
        overrides: rows[0].overrides,
      }
    : undefined;
  const recruiters = rows.map((r): RecruiterState => ({
    id: r.id,
    name: r.name,
    active: r.active,
    parks: r.parks,
    industries: r.industries,
    capacity: r.capacity,
    channel: r.channel,
    lastAssignedAt: r.lastAssignedAt?.toISOString() ?? null,
    openAssignments: r.openAssignments,
    awayUntil: r.awayUntil,
    workingHours: r.workingHours,
  }));
  return { recruiters, calendar };
}

/** The parks whose recruiters a transaction has locked (lockRecruitersOfParks): not locked twice. */
const lockedParks = new WeakMap<TransactionSql, Set<string>>();

/**
 * Locks the recruiters of every park in `parkIds` at once, in id order, in a statement of its own, before
 * the transaction reads their loads (parkRouting) — once a transaction, a park locked before is skipped.
 * - Its own statement: a read that waits for a recruiter's lock counts open assignments in the snapshot it
 *   took before the wait, so a lead routed while another held the rows offered a recruiter at capacity a
 *   second lead (test/integration/routing-capacity-race.test.ts). Read after the lock, the count is fresh.
 * - All parks at once: the parks come in the order of one lead's scores or one recruiter's offers; two
 *   transactions taking the same parks in different orders each held one park's recruiters and waited for
 *   the other's, and Postgres aborted one ("deadlock detected").
 */
export async function lockRecruitersOfParks(tx: TransactionSql, parkIds: readonly string[]): Promise<void> {
  const locked = lockedParks.get(tx) ?? new Set<string>();
  const parks = [...new Set(parkIds)].filter((p) => !locked.has(p));
  if (parks.length === 0) return;
  await tx`select 1 from recruiters where parks && ${parks}::text[] order by id for update`;
  for (const p of parks) locked.add(p);
  lockedParks.set(tx, locked);
}

/**
 * SQL: recruiter `r` can work offers — their record is active and they can sign in: a recruiter with a
 * staff account (users.recruiter_id) has at least one that is not deactivated. A recruiter with no
 * account at all works as before (by email or through the hotline). One rule for routing, the admin's
 * hand-picked recruiters and the re-routing of a deactivated one's offers (ADR 107).
 */
export function recruiterWorksSql(tx: TransactionSql | Sql) {
  return tx`(r.active and (exists (select 1 from users u where u.recruiter_id = r.id and u.active)
                           or not exists (select 1 from users u where u.recruiter_id = r.id)))`;
}

/**
 * SQL for recruiter `r`'s last away day when today (Asia/Shanghai) is inside their away window, else
 * null (ADR 027). Shared by routing and the re-routing of an away recruiter's offers.
 */
export function awayUntilSql(tx: TransactionSql) {
  return tx`case when r.away_from <= (now() at time zone 'Asia/Shanghai')::date and r.away_to >= (now() at time zone 'Asia/Shanghai')::date
                 then to_char(r.away_to, 'YYYY-MM-DD') end`;
}

/**
 * Who had this enterprise before (same phone or credit code within 90 days), newest first, as a
 * chooser per park: that park's recruiter first, since a lead routed to several parks had one each.
 * Its own statement, sent with the lead's parks: read as a JSON column of theirs, Postgres planned that
 * statement anew for 1,389 of 1,500 leads (1.8 ms each; pg_stat_statements with track_planning, issue 14).
 */
export async function previousRecruiters(tx: TransactionSql, leadId: string): Promise<(parkId: string) => string | null> {
  const rows = await tx<{ recruiterId: string; parkId: string }[]>`
    select a.recruiter_id, a.park_id
    from leads me
    join leads l on l.id <> me.id
                and l.created_at > me.created_at - make_interval(days => ${RETURNING_CUSTOMER_DAYS})
                and (split_part(l.phone, ';', 1) = split_part(me.phone, ';', 1) or (me.credit_code is not null and l.credit_code = me.credit_code))
    join assignments a on a.lead_id = l.id and a.recruiter_id is not null
    where me.id = ${leadId}
    order by a.created_at desc
    limit 100`;
  return (parkId) => (rows.find((r) => r.parkId === parkId) ?? rows[0])?.recruiterId ?? null;
}

/** The park's webhook and what an SLA deadline is counted on, read in one statement with the park. */
type CalendarRow = {
  wecomWebhookUrl: string | null;
  now: Date;
  startMinute: number | null;
  endMinute: number | null;
  /** The admin's calendar overrides from yesterday (China time) on (migration 036): a few dozen rows a year. */
  overrides: { day: string; work: boolean }[] | null;
};

/**
 * The calendar overrides as one JSON column of the statement that already reads the office hours: no
 * extra round trip and no process cache to invalidate across the web and worker processes (ADR 037).
 * Deadlines lie after now, so days before yesterday (China time) are never asked about.
 */
function calendarOverridesColumn(tx: TransactionSql) {
  return tx`(select json_agg(json_build_object('day', o.day::text, 'work', o.work))
             from calendar_overrides o where o.day >= (now() at time zone 'Asia/Shanghai')::date - 1)`;
}

/**
 * The accept deadline of an offer to `recruiter` made at the transaction's `now`: ACCEPT_SLA_MINUTES of
 * working time or of wall-clock time, as `options.slaClock` says. Working time is the recruiter's own
 * working hours on their weekdays when they have them, else the office hours, on mainland working days
 * either way (public holidays off, 调休 make-up days on; the admin's overrides before chinese-days;
 * ADR 028, ADR 033, ADR 037).
 */
function slaDeadline(park: Omit<CalendarRow, "wecomWebhookUrl"> | undefined, recruiter: RecruiterState, options: RoutingOptions): Date {
  const now = park?.now ?? new Date();
  const office =
    park?.startMinute != null && park.endMinute != null ? { startMinute: park.startMinute, endMinute: park.endMinute } : undefined;
  return acceptDeadline(
    now,
    options.slaMinutes,
    options.slaClock ?? "wall",
    recruiterCalendar(recruiter.workingHours, office, calendarOverrides(park?.overrides)),
  );
}

type Assigned = { assignmentId: string; decision: RoutingDecision; notices: Notice[] };

/**
 * Offers an assignment (lead × park) to the recruiter the policy chooses, records why, and queues the
 * notices: the recruiter's channel (returned, for the caller to deliver once committed), the park's
 * WeCom group, and the SLA check. Nobody eligible → the admin's unassigned queue.
 *
 * Two statements a park once its recruiters are locked (lockRecruitersOfParks, a third statement when the
 * caller did not lock them first): the recruiters with the park's calendar (parkRouting), then every
 * write in one statement. Returns the recruiter's notice to deliver once
 * committed (none for nobody chosen, or when the notice already existed: a replay).
 */
export async function assignPark(
  tx: TransactionSql,
  input: {
    leadId: string;
    parkId: string;
    leadIndustry: string;
    previousRecruiterId: string | null;
    exclude?: string[];
    assignmentId?: string;
    reroutes?: number;
    /** An admin's choice instead of the policy's (ADR 028): this recruiter, this reason, this person. */
    manual?: { recruiterId: string; reason: { zh: string; en: string }; actor: string };
  },
  options: RoutingOptions,
): Promise<Assigned> {
  await lockRecruitersOfParks(tx, [input.parkId]);
  const { recruiters, calendar: park } = await parkRouting(tx, input.parkId);
  const decision: RoutingDecision = input.manual
    ? { recruiterId: input.manual.recruiterId, rule: "manual", reason: input.manual.reason, considered: [] }
    : chooseRecruiter(
        { parkId: input.parkId, leadIndustry: input.leadIndustry, previousRecruiterId: input.previousRecruiterId, exclude: input.exclude },
        recruiters,
      );
  const chosen = recruiters.find((r) => r.id === decision.recruiterId) ?? null;
  const reroutes = input.reroutes ?? 0;
  const status = chosen ? "offered" : "unassigned";
  const reason = tx.json(decision.reason as never);
  const assignmentId = input.assignmentId ?? randomUUID();
  // now() is the transaction's start: the SLA row's not_before below is exactly this accept_by.
  const acceptBy = chosen ? slaDeadline(park, chosen, options) : null;
  const slaMs = acceptBy && park ? acceptBy.getTime() - park.now.getTime() : 0;

  const topic = chosen?.channel === "hotline" ? "notify.hotline" : "notify.email";
  const wecom = chosen !== null && park?.wecomWebhookUrl != null;
  const event = {
    assignmentId,
    leadId: input.leadId,
    event: reroutes > 0 ? "rerouted" : chosen ? "assigned" : "unassigned",
    recruiterId: chosen?.id ?? null,
    rule: decision.rule,
    reason: decision.reason,
    considered: decision.considered,
    actor: input.manual?.actor ?? null,
  } as const;
  // One statement for the park's writes (docs/decisions/064): the assignment, its audit line, the
  // recruiter's turn, the recruiter's notice with its fallback row, the SLA check and the WeCom post
  // with its job. Rows that do not apply (nobody chosen, no webhook) are selected away, not left out of
  // the text, so a connection prepares few texts. Triggers and foreign keys run at the end of the statement and see
  // every row of it, as they saw each row before.
  const rows = await tx<{ outboxId: string | null; notificationId: string | null }[]>`
    with assignment as (${
      input.assignmentId
        ? tx`
          update assignments set recruiter_id = ${chosen?.id ?? null}, channel = ${chosen?.channel ?? null}, status = ${status},
                 rule = ${decision.rule}, reason = ${reason}, reroutes = ${reroutes},
                 offered_at = ${chosen ? tx`now()` : null}, accept_by = ${acceptBy}, updated_at = now()
          where id = ${assignmentId}`
        : tx`
          insert into assignments (id, lead_id, park_id, recruiter_id, channel, status, rule, reason, reroutes, offered_at, accept_by)
          values (${assignmentId}, ${input.leadId}, ${input.parkId}, ${chosen?.id ?? null}, ${chosen?.channel ?? null}, ${status}, ${decision.rule},
                  ${reason}, ${reroutes}, ${chosen ? tx`now()` : null}, ${acceptBy})`
    }),
    audit as (${recordRoutingEvent(tx, event)}),
    turn as (update recruiters set last_assigned_at = clock_timestamp() where id = ${chosen?.id ?? null}),
    notice as (
      insert into notifications (assignment_id, lead_id, kind, channel, recipient, dedupe_key)
      select ${assignmentId}, ${input.leadId}, 'assignment', ${chosen?.channel ?? null}, ${chosen?.id ?? null}, ${`assignment:${assignmentId}:r${reroutes}`}
      where ${chosen !== null}
      on conflict (dedupe_key) do nothing
      returning id),
    fallback as (
      insert into outbox (topic, aggregate_id, not_before)
      select ${topic}, id::text, clock_timestamp() + ${options.noticeFallbackMs}::float8 * interval '1 millisecond' from notice
      returning id, aggregate_id),
    sla as (
      insert into outbox (topic, aggregate_id, not_before)
      select 'assignment.sla', ${assignmentId}, now() + ${slaMs}::float8 * interval '1 millisecond'
      where ${chosen !== null}),
    group_notice as (
      insert into notifications (assignment_id, lead_id, kind, channel, recipient, dedupe_key)
      select ${assignmentId}, ${input.leadId}, 'wecom', 'wecom', ${input.parkId}, ${`wecom:${assignmentId}:r${reroutes}`}
      where ${wecom}
      on conflict (dedupe_key) do nothing
      returning id),
    group_post as (
      insert into outbox (topic, aggregate_id, not_before)
      select 'notify.wecom', id::text, null from group_notice
      returning id)
    select f.id as outbox_id, f.aggregate_id as notification_id from fallback f
    union all
    select null, null from (select pg_notify(${outboxChannel("notify.wecom")}, '') from group_post limit 1) wake`;
  const notices: Notice[] = rows
    .filter((r) => r.outboxId !== null)
    .map((r) => ({ topic, outboxId: Number(r.outboxId), notificationId: r.notificationId! }));
  // A re-route (decline, lapsed offer, an admin's or an absence's) that found nobody: the lead is
  // `assigned` only while some recruiter has one of its assignments, else the lists and the overview
  // disagree (the overview's unassigned queue held a lead the list called assigned).
  if (input.assignmentId && !chosen)
    await tx`update leads set status = 'matched', updated_at = now()
             where id = ${input.leadId} and status = 'assigned'
               and not exists (select 1 from assignments where lead_id = ${input.leadId} and recruiter_id is not null)`;
  return { assignmentId, decision, notices };
}

/**
 * What lead.match already knows when it routes in its own transaction (docs/decisions/050): the why-not
 * list it is about to store (so a call-back script needs no read of it). Given it, routeLead leaves the
 * lead's status to the caller's one update that records the match outcome (recordMatchOutcome).
 */
export type RouteInMatch = {
  excluded: Exclusion[];
  /** The lead's row as the caller read it, locked (`for update`) in this transaction: not read again. */
  lead: RoutingLead;
};

/** What routing reads of the lead: its status, the industry the policy uses, the call-back's phone and reference. */
export type RoutingLead = { id: string; status: LeadStatus; industry: string; phone: string; reference: string };

/**
 * Routes every park among the lead's matches that has no assignment yet; a lead with no match at all
 * gets a call-back task for the hotline (回访: clarify the need). Idempotent: a replay adds nothing.
 * Sets the lead `assigned` once a recruiter has an offer, unless `inMatch` says the caller does.
 */
export async function routeLead(
  tx: TransactionSql,
  leadId: string,
  options: RoutingOptions,
  inMatch?: RouteInMatch,
): Promise<{ assigned: number; unassigned: number; callback: boolean; notices: Notice[] }> {
  // Lock the lead, then read its parks and its history in the same round trip.
  const [[lead], parks, previousFor] = await Promise.all([
    // Not `excluded` (the why-not list, kilobytes of JSON): only a lead without a match needs it, read below.
    // In lead.match the caller locked and read the row already (one statement fewer a lead).
    inMatch
      ? [inMatch.lead]
      : // An erased lead (docs/decisions/022) is routed to nobody: its match may come from a space's reverse match.
        tx<
          RoutingLead[]
        >`select id, status, industry, phone, reference from leads where id = ${leadId} and anonymised_at is null for update`.execute(),
    // A park whose assignment a need edit ended (ADR 108) and that fits again is routed again, on that row.
    // A lead has at most one assignment a park (unique lead_id, park_id): one join, not two subqueries a
    // park — with those Postgres planned the statement anew for every lead (0.32 ms), or its generic plan
    // scanned every assignment (ADR 121).
    tx<{ parkId: string; assigned: boolean; ended: { id: string; recruiterId: string | null; reroutes: number } | null }[]>`
      select m.park_id, a.id is not null and a.close_reason is distinct from ${NEED_CHANGED} as assigned,
             case when a.status = 'lost' and a.close_reason = ${NEED_CHANGED}
                  then json_build_object('id', a.id, 'recruiterId', a.recruiter_id, 'reroutes', a.reroutes) end as ended
      from (select park_id, max(score) as score from matches where lead_id = ${leadId} and withdrawn_at is null group by park_id) m
      left join assignments a on a.lead_id = ${leadId} and a.park_id = m.park_id
      order by m.score desc, m.park_id`.execute(),
    previousRecruiters(tx, leadId),
  ]);
  if (!lead || lead.status === "won" || lead.status === "lost" || lead.status === "closed")
    return { assigned: 0, unassigned: 0, callback: false, notices: [] };

  if (parks.length === 0) {
    // A recruiter still holds the lead (its park's space let or retired under them, ADR 108 keeps their
    // assignment): they work it, so the hotline does not call the enterprise to clarify its need behind
    // their back (docs/decisions/215). recordMatchOutcome keeps such a lead `assigned` alike.
    const [row] = await tx<{ excluded: Exclusion[] | null; flags: unknown; held: boolean }[]>`
      select excluded, lead -> 'flags' as flags,
             exists (select 1 from assignments where lead_id = ${leadId} and recruiter_id is not null
                                                 and status in ${tx(ENDABLE_STEPS)}) as held
      from leads where id = ${leadId}`;
    if (row.held) return { assigned: 0, unassigned: 0, callback: false, notices: [] };
    const excluded = inMatch?.excluded ?? row.excluded;
    const flags = leadFlags({ flags: row.flags });
    const script = {
      zh: callbackScript(lead.reference, excluded ?? [], "zh", flags),
      en: callbackScript(lead.reference, excluded ?? [], "en", flags),
    };
    // Due on the hotline's working time (docs/decisions/158): made at night or at a weekend, due when the office opens.
    const due = await callTaskDueAt(tx, options.slaClock);
    const created = await tx`
      insert into call_tasks (kind, lead_id, phone, script, script_en, dedupe_key, due_at)
      values ('callback', ${leadId}, ${lead.phone}, ${script.zh}, ${script.en}, ${`callback:${leadId}`}, ${due})
      -- A call-back a match ended (closed_reason 'matched', migration 092) is needed again now that the
      -- lead has no live match: the same task, open again with today's reasons (docs/decisions/116).
      on conflict (dedupe_key) do update set status = 'open', closed_reason = null, due_at = excluded.due_at, updated_at = now(),
                                             script = excluded.script, script_en = excluded.script_en
        where call_tasks.closed_reason = 'matched'
      returning id`;
    if (created.length) {
      await recordRoutingEvent(tx, {
        leadId,
        event: "callback",
        rule: "no-match",
        reason: auditMessages.both("route.noMatch"),
      });
    } else {
      // A call-back still to make is given this match's near misses: a space retired or let since the
      // last one is no longer read out to the caller (docs/decisions/127). Its place in the list, due time
      // and tries stay; a task the hotline closed stays closed.
      await tx`
        update call_tasks set script = ${script.zh}, script_en = ${script.en}, updated_at = now()
        where dedupe_key = ${`callback:${leadId}`} and kind = 'callback' and status in ('open', 'no-answer')
          and (script is distinct from ${script.zh} or script_en is distinct from ${script.en})`;
    }
    return { assigned: 0, unassigned: 0, callback: created.length > 0, notices: [] };
  }

  let assigned = 0;
  let unassigned = 0;
  const notices: Notice[] = [];
  const toRoute = parks.filter((p) => !p.assigned);
  // Each park's recruiters are locked in id order (recruitersForPark), but the parks come in the lead's
  // score order: two leads matched to the same parks in opposite orders would each hold one park's
  // recruiters and wait for the other's (Postgres aborts one: "deadlock detected", and the job retries).
  // Every recruiter of every park to route, locked first in one id order, makes the order global.
  await lockRecruitersOfParks(
    tx,
    toRoute.map((p) => p.parkId),
  );
  for (const { parkId, ended } of toRoute) {
    if (ended) {
      // Fits again after another edit: the same assignment row, to whoever had it when the policy allows.
      await tx`update assignments set close_reason = null, closed_at = null, updated_at = now() where id = ${ended.id}`;
      await recordRoutingEvent(tx, {
        assignmentId: ended.id,
        leadId,
        event: "rematch",
        rule: "need-edited",
        reason: auditMessages.both("match.parkFitsAgain"),
      });
    }
    const result = await assignPark(
      tx,
      {
        leadId,
        parkId,
        leadIndustry: lead.industry,
        previousRecruiterId: ended?.recruiterId ?? previousFor(parkId),
        ...(ended ? { assignmentId: ended.id, reroutes: ended.reroutes + 1 } : {}),
      },
      options,
    );
    if (result.decision.recruiterId) assigned++;
    else unassigned++;
    notices.push(...result.notices);
  }
  if (inMatch) return { assigned, unassigned, callback: false, notices };
  await tx`update leads set status = 'assigned', updated_at = now()
           where id = ${leadId} and status in ('matched', 'unmatched')
             and exists (select 1 from assignments where lead_id = ${leadId} and recruiter_id is not null)`;
  return { assigned, unassigned, callback: false, notices };
}
