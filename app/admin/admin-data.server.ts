import { inOneSnapshot, type Sql, type TransactionSql } from "~/db/db.server";
import { isUuid } from "~/domain/ids";
import { type LeadFlag, leadFlags } from "~/domain/lead-flags";
import type { Exclusion } from "~/domain/matching/why-not";
import { maskPhone } from "~/domain/phone";
import { needRegionsText } from "~/domain/regions.server";
import { CALL_TASK_KINDS, type CallTaskKind } from "~/domain/statuses";
import type { Bilingual } from "~/i18n/i18n";
import { readLeadView } from "~/leads/lead-view.server";

// What the admin pages read. Only what an admin needs leaves this module: company names and lead
// references, recruiter names, masked phones — never a contact's name, full phone, email or WeChat.

export const ADMIN_LIST_LIMIT = 50;

/** An assignment as the dashboard's lists name it: its lead (reference, company) and its park. */
export type AssignmentHead = { assignmentId: string; leadId: string; reference: string; company: string; parkName: string };
/** The columns `assignmentHead` reads (assignments a join leads l join parks p). */
type AssignmentHeadColumns = { id: string; leadId: string; reference: string; companyName: string; parkName: string };
const assignmentHead = (r: AssignmentHeadColumns): AssignmentHead => ({
  assignmentId: r.id,
  leadId: r.leadId,
  reference: r.reference,
  company: r.companyName,
  parkName: r.parkName,
});

export type UnassignedRow = AssignmentHead & { parkId: string; since: string };
export type DeadLetterRow = {
  id: string;
  kind: string;
  channel: string;
  recipient: string;
  recipientName: string | null;
  lastError: string | null;
  attempts: number;
  leadId: string;
  reference: string;
  createdAt: string;
};
export type CallTaskCount = { kind: CallTaskKind; open: number; due: number };
export type EscalatedRow = AssignmentHead & { recruiterId: string | null; recruiterName: string | null; reroutes: number; since: string };
/** Background work (an outbox row) that failed before or is long overdue: what "never lost" looks like when it struggles. */
export type StuckWorkRow = { id: string; topic: string; item: string; attempts: number; lastError: string | null; dueSince: string };
/**
 * Background work that ended as a dead letter (docs/decisions/077): kept, not retried until an admin
 * says so. `reason`: 'lead-missing' (its lead does not exist) or 'strikes' (its job failed too often
 * while everything else worked). `leadId`/`reference` when the row is about a lead that exists.
 */
export type DeadWorkRow = {
  id: string;
  topic: string;
  item: string;
  reason: string | null;
  lastError: string | null;
  attempts: number;
  strikes: number;
  leadId: string | null;
  reference: string | null;
  deadAt: string;
};
export type Dashboard = {
  stuck: { total: number; rows: StuckWorkRow[] };
  deadWork: { total: number; rows: DeadWorkRow[] };
  unassigned: { total: number; rows: UnassignedRow[] };
  dead: { total: number; rows: DeadLetterRow[] };
  callTasks: CallTaskCount[];
  escalated: { total: number; rows: EscalatedRow[] };
};

/** Due for this long without being done counts as stuck even without an error (a worker that is down). */
export const STUCK_AFTER_MINUTES = 5;

/**
 * The overview (/admin): stuck background work, the unassigned queue, dead letters, open call tasks and
 * escalations — each a total and the first ADMIN_LIST_LIMIT rows. The unassigned and escalated totals
 * are the assignment counters the writes keep (migration 046, ADR 046), equal to a count.
 */
export async function loadDashboard(sql: Sql): Promise<Dashboard> {
  const stuckWhere = sql`
    done_at is null and dead_at is null and coalesce(not_before, created_at) <= now()
    and (attempts > 0 or coalesce(not_before, created_at) < now() - make_interval(mins => ${STUCK_AFTER_MINUTES}))`;
  const [counts, stuck, unassigned, dead, tasks, escalated, deadWork] = await Promise.all([
    sql<{ unassigned: number; dead: number; escalated: number; stuck: number; deadWork: number }[]>`
      select (select coalesce(sum(n), 0)::int from dashboard_assignment_counts where status = 'unassigned') as unassigned,
             (select count(*)::int from notifications where status = 'dead') as dead,
             (select coalesce(sum(n), 0)::int from dashboard_assignment_counts where status = 'escalated') as escalated,
             (select count(*)::int from outbox where ${stuckWhere}) as stuck,
             (select count(*)::int from outbox where dead_at is not null and done_at is null) as dead_work`,
    sql<{ id: string; topic: string; aggregateId: string; attempts: number; lastError: string | null; due: Date }[]>`
      select id::text, topic, aggregate_id, attempts, last_error, coalesce(not_before, created_at) as due
      from outbox where ${stuckWhere}
      order by coalesce(not_before, created_at), id
      limit ${ADMIN_LIST_LIMIT}`,
    sql<(AssignmentHeadColumns & { parkId: string; createdAt: Date })[]>`
      select a.id, a.lead_id, l.reference, l.company_name, a.park_id, p.name as park_name, a.created_at
      from assignments a join leads l on l.id = a.lead_id join parks p on p.id = a.park_id
      where a.status = 'unassigned'
      order by a.created_at, a.id
      limit ${ADMIN_LIST_LIMIT}`,
    sql<(Omit<DeadLetterRow, "createdAt"> & { createdAt: Date })[]>`
      select n.id::text, n.kind, n.channel, n.recipient,
             coalesce(r.name, nullif(u.name, ''), pk.name) as recipient_name,
             n.last_error, n.attempts, n.lead_id, l.reference, n.created_at
      from notifications n
      join leads l on l.id = n.lead_id
      left join recruiters r on n.channel in ('email', 'hotline') and r.id = n.recipient
      left join users u on n.kind = 'escalation' and u.id::text = n.recipient
      left join parks pk on n.channel = 'wecom' and pk.id = n.recipient
      where n.status = 'dead'
      order by n.created_at desc, n.id desc
      limit ${ADMIN_LIST_LIMIT}`,
    sql<{ kind: CallTaskCount["kind"]; open: number; due: number }[]>`
      select kind, count(*)::int as open, (count(*) filter (where due_at <= now()))::int as due
      from call_tasks where status in ('open', 'no-answer')
      group by kind`,
    sql<(AssignmentHeadColumns & { recruiterId: string | null; recruiterName: string | null; reroutes: number; updatedAt: Date })[]>`
      select a.id, a.lead_id, l.reference, l.company_name, p.name as park_name, a.recruiter_id, r.name as recruiter_name, a.reroutes, a.updated_at
      from assignments a join leads l on l.id = a.lead_id join parks p on p.id = a.park_id
      left join recruiters r on r.id = a.recruiter_id
      where a.status = 'escalated'
      order by a.updated_at desc, a.id
      limit ${ADMIN_LIST_LIMIT}`,
    sql<(Omit<DeadWorkRow, "deadAt" | "leadId" | "reference"> & { deadAt: Date })[]>`
      select o.id::text, o.topic, o.aggregate_id as item, o.dead_reason as reason, o.last_error, o.attempts, o.strikes, o.dead_at
      from outbox o
      where o.dead_at is not null and o.done_at is null
      order by o.dead_at desc, o.id desc
      limit ${ADMIN_LIST_LIMIT}`,
  ]);
  // The lead a dead row is about, when its item is a lead (lead.match, lead.index) that exists; an item
  // that is no row id (a bad row) is asked of nobody.
  const leadIds = deadWork.filter((r) => r.topic.startsWith("lead.") && isUuid(r.item)).map((r) => r.item);
  const references = new Map(
    leadIds.length === 0
      ? []
      : (await sql<{ id: string; reference: string }[]>`select id, reference from leads where id = any(${leadIds}::uuid[])`).map((l) => [
          l.id,
          l.reference,
        ]),
  );
  const byKind = new Map(tasks.map((t) => [t.kind, t]));
  return {
    stuck: {
      total: counts[0].stuck,
      rows: stuck.map((r) => ({
        id: r.id,
        topic: r.topic,
        item: r.aggregateId,
        attempts: r.attempts,
        lastError: r.lastError,
        dueSince: r.due.toISOString(),
      })),
    },
    deadWork: {
      total: counts[0].deadWork,
      rows: deadWork.map((r) => {
        const reference = r.topic.startsWith("lead.") ? (references.get(r.item) ?? null) : null;
        return { ...r, leadId: reference === null ? null : r.item, reference, deadAt: r.deadAt.toISOString() };
      }),
    },
    unassigned: {
      total: counts[0].unassigned,
      rows: unassigned.map((r) => ({ ...assignmentHead(r), parkId: r.parkId, since: r.createdAt.toISOString() })),
    },
    dead: {
      total: counts[0].dead,
      rows: dead.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    },
    callTasks: CALL_TASK_KINDS.map((kind) => ({ kind, open: byKind.get(kind)?.open ?? 0, due: byKind.get(kind)?.due ?? 0 })),
    escalated: {
      total: counts[0].escalated,
      rows: escalated.map((r) => ({
        ...assignmentHead(r),
        recruiterId: r.recruiterId,
        recruiterName: r.recruiterName,
        reroutes: r.reroutes,
        since: r.updatedAt.toISOString(),
      })),
    },
  };
}

export type ConsideredRow = { recruiterId: string; recruiterName: string | null; eligible: boolean; why: Bilingual };
export type RoutingEventRow = {
  id: string;
  at: string;
  event: string;
  parkName: string | null;
  recruiterId: string | null;
  recruiterName: string | null;
  rule: string | null;
  reason: Bilingual | null;
  considered: ConsideredRow[];
  /** The person who did it (an admin's email, "admin-token"); null = the system. */
  actor: string | null;
};
export type LeadAudit = {
  id: string;
  reference: string;
  status: string;
  source: string;
  createdAt: string;
  company: string;
  industry: string;
  product: string;
  need: {
    kind: string | null;
    deal: string | null;
    areaMinSqm: number | null;
    areaMaxSqm: number | null;
    regions: string[];
    /** The places as the page's language shows them (regions.server.ts needRegionsText). */
    regionsText: Bilingual;
    /** How many units the area is for (docs/decisions/130), or null: one space. */
    unitCount: number | null;
  };
  phoneMasked: string;
  /** What the intake doubted (lead-flags.ts), for the admin to read. */
  flags: LeadFlag[];
  events: RoutingEventRow[];
  matches: {
    spaceId: string;
    spaceTitle: string | null;
    parkId: string;
    parkName: string | null;
    score: number;
    conditional: boolean;
    reasons: (Bilingual & { kind: string })[];
    foundBy: string;
  }[];
  assignments: {
    id: string;
    parkId: string;
    parkName: string | null;
    recruiterId: string | null;
    recruiterName: string | null;
    channel: string | null;
    status: string;
    rule: string;
    reason: Bilingual;
    reroutes: number;
    acceptBy: string | null;
  }[];
  /** Offered once, no longer live (kept as history). */
  withdrawn: {
    spaceId: string;
    spaceTitle: string | null;
    parkName: string | null;
    score: number;
    withdrawnAt: string;
    reason: Bilingual;
  }[];
  /** Why not, grouped by park (the lead view's order: parks by their nearest miss, nearest first). */
  excluded: { parkId: string; parkName: string; spaces: Exclusion[] }[];
};

function bilingual(value: unknown): Bilingual | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  return { zh: typeof v.zh === "string" ? v.zh : "", en: typeof v.en === "string" ? v.en : "" };
}

function considered(value: unknown): { recruiterId: string; eligible: boolean; why: Bilingual }[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (c): c is Record<string, unknown> =>
        typeof c === "object" && c !== null && typeof (c as Record<string, unknown>).recruiterId === "string",
    )
    .map((c) => ({ recruiterId: c.recruiterId as string, eligible: c.eligible === true, why: bilingual(c.why) ?? { zh: "", en: "" } }));
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** One lead's routing audit trail (time order) with its matches and assignments; null when unknown. */
export async function loadLeadAudit(sql: Sql, id: string): Promise<LeadAudit | null> {
  // One snapshot: the trail, the matches and the lead's status as they stood together.
  return inOneSnapshot(sql, (tx) => readLeadAudit(tx, id));
}

async function readLeadAudit(sql: TransactionSql, id: string): Promise<LeadAudit | null> {
  const view = await readLeadView(sql, id);
  if (!view) return null;
  const events = await sql<
    {
      id: string;
      at: Date;
      event: string;
      parkName: string | null;
      recruiterId: string | null;
      rule: string | null;
      reason: unknown;
      considered: unknown;
      actor: string | null;
    }[]
  >`
    select e.id::text, e.at, e.event, p.name as park_name, e.recruiter_id, e.rule, e.reason, e.considered, e.actor
    from routing_events e
    left join assignments a on a.id = e.assignment_id
    left join parks p on p.id = a.park_id
    where e.lead_id = ${view.id}
    order by e.at, e.id`;
  const parsedEvents = events.map((e) => ({ ...e, considered: considered(e.considered) }));

  // Names for every recruiter, park and space mentioned, in three small look-ups.
  const recruiterIds = new Set<string>();
  for (const e of parsedEvents) {
    if (e.recruiterId) recruiterIds.add(e.recruiterId);
    for (const c of e.considered) recruiterIds.add(c.recruiterId);
  }
  for (const a of view.assignments) if (a.recruiterId) recruiterIds.add(a.recruiterId);
  const parkIds = [
    ...new Set([
      ...view.matches.map((m) => m.parkId),
      ...view.withdrawnMatches.map((m) => m.parkId),
      ...view.assignments.map((a) => a.parkId),
    ]),
  ];
  const spaceIds = [...view.matches, ...view.withdrawnMatches].map((m) => m.spaceId);
  const [recruiters, parks, spaces] = await Promise.all([
    recruiterIds.size
      ? sql<{ id: string; name: string }[]>`select id, name from recruiters where id = any(${[...recruiterIds]})`
      : Promise.resolve([]),
    parkIds.length ? sql<{ id: string; name: string }[]>`select id, name from parks where id = any(${parkIds})` : Promise.resolve([]),
    spaceIds.length ? sql<{ id: string; title: string }[]>`select id, title from spaces where id = any(${spaceIds})` : Promise.resolve([]),
  ]);
  const recruiterName = new Map(recruiters.map((r) => [r.id, r.name]));
  const parkName = new Map(parks.map((p) => [p.id, p.name]));
  const spaceTitle = new Map(spaces.map((s) => [s.id, s.title]));

  const lead = view.lead as unknown as Record<string, Record<string, unknown> | undefined>;
  const need = lead.need ?? {};
  return {
    id: view.id,
    reference: view.reference,
    status: view.status,
    source: view.source,
    createdAt: view.createdAt,
    company: str(lead.company?.name) ?? "",
    industry: str(lead.use?.industry) ?? "",
    product: str(lead.use?.product) ?? "",
    need: {
      kind: str(need.kind),
      deal: str(need.deal),
      areaMinSqm: num(need.areaMinSqm),
      areaMaxSqm: num(need.areaMaxSqm),
      unitCount: num(need.unitCount),
      regions: Array.isArray(need.regions) ? need.regions.filter((r): r is string => typeof r === "string") : [],
      regionsText: regionsText(need),
    },
    phoneMasked: typeof lead.contact?.phone === "string" ? maskPhone(lead.contact.phone) : "",
    flags: leadFlags(view.lead),
    events: parsedEvents.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      event: e.event,
      parkName: e.parkName,
      recruiterId: e.recruiterId,
      recruiterName: e.recruiterId ? (recruiterName.get(e.recruiterId) ?? null) : null,
      rule: e.rule,
      reason: bilingual(e.reason),
      considered: e.considered.map((c) => ({ ...c, recruiterName: recruiterName.get(c.recruiterId) ?? null })),
      actor: e.actor,
    })),
    matches: view.matches.map((m) => ({
      spaceId: m.spaceId,
      spaceTitle: spaceTitle.get(m.spaceId) ?? null,
      parkId: m.parkId,
      parkName: parkName.get(m.parkId) ?? null,
      score: m.score,
      conditional: m.conditional,
      reasons: m.reasons,
      foundBy: m.foundBy,
    })),
    assignments: view.assignments.map((a) => ({
      id: a.id,
      parkId: a.parkId,
      parkName: parkName.get(a.parkId) ?? null,
      recruiterId: a.recruiterId,
      recruiterName: a.recruiterId ? (recruiterName.get(a.recruiterId) ?? null) : null,
      channel: a.channel,
      status: a.status,
      rule: a.rule,
      reason: bilingual(a.reason) ?? { zh: "", en: "" },
      reroutes: a.reroutes,
      acceptBy: a.acceptBy,
    })),
    withdrawn: view.withdrawnMatches.map((m) => ({
      spaceId: m.spaceId,
      spaceTitle: spaceTitle.get(m.spaceId) ?? null,
      parkName: parkName.get(m.parkId) ?? null,
      score: m.score,
      withdrawnAt: m.withdrawnAt,
      reason: m.withdrawnReason,
    })),
    excluded: groupByPark(view.excluded),
  };
}

function groupByPark(excluded: Exclusion[]): LeadAudit["excluded"] {
  const groups: LeadAudit["excluded"] = [];
  for (const e of excluded) {
    const g = groups.find((x) => x.parkId === e.parkId);
    if (g) g.spaces.push(e);
    else groups.push({ parkId: e.parkId, parkName: e.parkName, spaces: [e] });
  }
  return groups;
}

/** A stored need's places in both languages (the typed names; in English the divisions they name). */
function regionsText(need: Record<string, unknown>): Bilingual {
  return { zh: needRegionsText(need, "zh"), en: needRegionsText(need, "en") };
}
